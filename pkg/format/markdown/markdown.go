package markdown

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Codec is the Markdown codec: CommonMark with the GFM tables,
// strikethrough, autolinks (linkify), task lists and footnotes, a YAML or
// TOML front matter, and the site syntax of static site generators (see
// site.go). Make one with New (the zero value is not ready to use); it is
// safe for concurrent use by several goroutines.
type Codec struct {
	keys       []string
	shortcodes map[string]bool // known bracket shortcode names
	syntax     siteSyntax      // the site syntax read (WithDialect)
	md         goldmark.Markdown
	verifier   goldmark.Markdown // renders a translated block to see which escapes it needs (prune.go)
}

// extensions are the goldmark extensions a Codec reads with.
func extensions() []goldmark.Extender {
	return []goldmark.Extender{extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList, extension.Footnote}
}

// Option configures a Codec.
type Option func(*Codec)

// DefaultFrontMatterKeys returns the front-matter keys translated when no
// WithFrontMatterKeys option is given: title, description and summary.
func DefaultFrontMatterKeys() []string { return []string{"title", "description", "summary"} }

// WithFrontMatterKeys sets the top-level front-matter keys whose scalar
// values are translated, replacing DefaultFrontMatterKeys. With no key, no
// front-matter value is translated.
func WithFrontMatterKeys(keys ...string) Option {
	return func(c *Codec) { c.keys = append([]string(nil), keys...) }
}

// WithShortcodes adds names to the bracket shortcodes recognised on their
// own ("[name …]", "[name/]", "[/name]"), as Grav and WordPress pages use
// them. The Grav and WordPress names that cannot be read as ordinary words
// ("ui-tabs", "center", "columns", "notice", "figure"…) are known already;
// any other name counts when its closing tag "[/name]" follows.
func WithShortcodes(names ...string) Option {
	return func(c *Codec) {
		for _, n := range names {
			c.shortcodes[n] = true
		}
	}
}

// New returns a Markdown codec.
func New(opts ...Option) *Codec {
	c := &Codec{keys: DefaultFrontMatterKeys(), shortcodes: map[string]bool{}, syntax: DialectAuto.syntax()}
	for _, n := range defaultShortcodes {
		c.shortcodes[n] = true
	}
	for _, o := range opts {
		o(c)
	}
	c.md = goldmark.New(goldmark.WithExtensions(extensions()...))
	c.verifier = escapeVerifier()
	return c
}

// Name returns "markdown".
func (*Codec) Name() string { return "markdown" }

// Extract reads src into a document whose blocks are, in source order, the
// translatable front-matter values (Name is the key), headings, paragraphs
// (in blockquotes too), list items, table cells, and link and image titles
// (Attribute blocks named "title", which lie inside the closing code of
// their link). Inline markup and site syntax (template tags, shortcodes,
// attribute lists, footnote references: see the package documentation)
// become codes; entities, backslash escapes and line breaks inside a
// paragraph become atomic text. A block with no letter or digit outside
// its codes is left out. The only error is a *document.PosError for src that
// is not UTF-8.
func (c *Codec) Extract(path string, src []byte) (*document.Document, error) {
	doc, _, err := c.extract(path, src)
	return doc, err
}

// view is what goldmark reads of a source.
type view struct {
	parse  []byte           // the source with what goldmark must not read hidden
	blocks []document.Block // the site blocks found (maskBlocks)
	site   []siteSpan       // the inline site syntax found (maskInline)
}

// view returns the copy of src goldmark reads, in which the hidden bytes
// are blanks or word characters, so that its offsets are offsets into
// src: a byte order mark and the front matter, then the marker lines of
// site blocks (maskBlocks), then inline site syntax (maskInline).
func (c *Codec) view(path string, src []byte) view {
	blank := 0
	if len(src) >= 3 && string(src[:3]) == "\uFEFF" {
		blank = 3
	}
	if fm, ok := findFrontMatter(src); ok {
		blank = fm.end
	} else if end, ok := findTOMLFrontMatter(src); ok {
		blank = end // kept whole: no value of it is translated
	}
	parse := append([]byte(nil), src...)
	for i := range blank {
		if parse[i] != '\n' && parse[i] != '\r' {
			parse[i] = ' '
		}
	}
	blocks := maskBlocks(src, parse, isMDX(path), c.syntax)
	return view{parse: parse, blocks: blocks, site: maskInline(src, parse, c.shortcodes, c.syntax)}
}

// references returns the link reference definitions of src, as goldmark
// reads them.
func (c *Codec) references(path string, src []byte) []parser.Reference {
	pc := parser.NewContext()
	c.md.Parser().Parse(text.NewReader(c.view(path, src).parse), parser.WithContext(pc))
	return pc.References()
}

// stats tells tests what Extract could not map.
type stats struct {
	skipped int // leaf blocks left out because their inline markup could not be mapped
}

func (c *Codec) extract(path string, src []byte) (*document.Document, stats, error) {
	doc := document.New(path, "markdown", language.Und, src)
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return nil, stats{}, &document.PosError{Path: path, Pos: doc.Position(off),
			Err: errors.New("markdown: invalid UTF-8: convert the file to UTF-8 first")}
	}
	x := extractor{src: src}
	if fm, ok := findFrontMatter(src); ok {
		for _, v := range frontMatterValues(src, fm, c.keys) {
			x.blocks = append(x.blocks, document.Block{Kind: document.FrontMatter, Name: v.key, Span: v.span, Content: v.runs})
		}
	}
	v := c.view(path, src)
	x.blocks = append(x.blocks, v.blocks...)
	x.site = v.site
	x.view = v.parse
	x.walk(c.md.Parser().Parse(text.NewReader(v.parse)))
	sort.SliceStable(x.blocks, func(i, j int) bool { return x.blocks[i].Span.Start < x.blocks[j].Span.Start })
	for i := range x.blocks {
		x.blocks[i].ID = "b" + strconv.Itoa(i+1)
	}
	doc.Blocks = x.blocks
	x.unreferencedNotes()
	sort.SliceStable(x.skipped, func(i, j int) bool { return x.skipped[i].Span.Start < x.skipped[j].Span.Start })
	doc.Skipped = x.skipped
	return doc, x.stats, nil
}

// extractor collects the blocks of one document.
type extractor struct {
	src     []byte
	skipped []document.Skip // what is left untranslated for want of a mapping
	code    []document.Span // code and HTML blocks, whose lines are not Markdown
	view    []byte          // the copy of src goldmark parsed, site syntax masked
	site    []siteSpan      // the site syntax masked in view
	blocks  []document.Block
	stats   stats
}

// walk visits the block nodes under n and maps the translatable leaves.
func (x *extractor) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			kind := document.Paragraph
			if c.Parent().Kind() == ast.KindListItem {
				kind = document.ListItem
			}
			x.leaf(c, kind)
		case ast.KindHeading:
			x.leaf(c, document.Heading)
		case east.KindTableCell:
			x.leaf(c, document.TableCell)
		case ast.KindBlockquote, ast.KindList, ast.KindListItem, east.KindTable, east.KindTableHeader, east.KindTableRow,
			east.KindFootnoteList, east.KindFootnote:
			x.walk(c)
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			if l := c.Lines(); l.Len() > 0 {
				start, end := l.At(0).Start, l.At(l.Len()-1).Stop
				x.unmask(start, end)
				x.code = append(x.code, document.Span{Start: start, End: end})
				if c.Kind() == ast.KindHTMLBlock && htmlHasProse(x.src[start:end]) {
					x.skipped = append(x.skipped, document.Skip{Span: document.Span{Start: start, End: end},
						Why: "an HTML block holds text, which is not translated (write it as Markdown to have it translated)"})
				}
			}
		}
		// Code blocks, HTML blocks, thematic breaks and link reference
		// definitions are not translated. A footnote definition's
		// paragraphs are, its "[^1]: " marker is not.
	}
}

// unreferencedNotes adds to skipped the footnote definitions ("[^1]:
// …" starting a line) that no block covers: goldmark leaves out a
// definition nothing refers to, so its text would go untranslated without
// a word.
func (x *extractor) unreferencedNotes() {
	covered := func(start, end int) bool { // some block or code holds part of the line
		for _, b := range x.blocks {
			if b.Span.Start < end && start < b.Span.End {
				return true
			}
		}
		for _, c := range x.code {
			if c.Start < end && start < c.End {
				return true
			}
		}
		return false
	}
	off := 0
	for line := range bytes.Lines(x.src) {
		t := bytes.TrimLeft(line, " >")
		at := off + len(line) - len(t)
		off += len(line)
		if !bytes.HasPrefix(t, []byte("[^")) {
			continue
		}
		end := bytes.Index(t, []byte("]:"))
		lineEnd := at + len(bytes.TrimRight(t, "\r\n"))
		if end < 3 || bytes.ContainsAny(t[2:end], " \t]") || covered(at, lineEnd) || !hasLetter(t[end+2:]) {
			continue
		}
		x.skipped = append(x.skipped, document.Skip{Span: document.Span{Start: at, End: lineEnd},
			Why: "a footnote definition that nothing refers to is not translated (refer to it, or remove it)"})
	}
}

// hasLetter reports whether b holds a letter.
func hasLetter(b []byte) bool {
	for _, r := range string(b) {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// htmlHasProse reports whether an HTML block holds text between its tags:
// a word of three letters or more outside every tag and comment.
func htmlHasProse(b []byte) bool {
	letters, depth := 0, 0 // depth: inside a tag or a comment
	for i := 0; i < len(b); {
		switch {
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			end := bytes.Index(b[i:], []byte("-->"))
			if end < 0 {
				return false
			}
			i += end + 3
			letters = 0
			continue
		case b[i] == '<':
			depth++
		case b[i] == '>' && depth > 0:
			depth--
		}
		r, n := utf8.DecodeRune(b[i:])
		if depth == 0 && unicode.IsLetter(r) {
			if letters++; letters >= 3 {
				return true
			}
		} else {
			letters = 0
		}
		i += n
	}
	return false
}

// leaf maps one leaf block.
func (x *extractor) leaf(n ast.Node, kind document.BlockKind) {
	if n.Lines().Len() == 0 {
		return
	}
	in := newInline(x.src, x.view, n.Lines(), x.site)
	if in.cur >= in.end() {
		return
	}
	ok := in.children(n) && in.cur == in.end()
	for _, s := range in.codeSpans {
		x.unmask(s.Start, s.End)
	}
	if !ok {
		x.stats.skipped++
		first, last := n.Lines().At(0), n.Lines().At(n.Lines().Len()-1)
		x.skipped = append(x.skipped, document.Skip{Span: document.Span{Start: first.Start, End: last.Stop},
			Why: "its inline markup could not be mapped, so its text is left untranslated"})
		return
	}
	runs := trimBlankRuns(x.src, in.finish())
	if n.Kind() != ast.KindHeading && len(in.lines) > 1 && isUnderline(in.lines[0].Value(x.src)) {
		// goldmark turns a setext underline it could not use (the
		// paragraph above became a table) into the first line of the next
		// paragraph. The line stays out of the block, so that a translation
		// does not join it to the next one and make it an underline again.
		for len(runs) > 0 && runs[0].Span.Start < in.lines[1].Start {
			runs = runs[1:]
		}
	}
	// Site syntax alone on its lines splits the block: the text above and
	// the text below are translated apart, and the syntax stays out of both.
	pieces := splitAtSiteLines(runs, in.ownLine)
	for _, p := range pieces {
		p = trimSiteCodes(x.src, p, len(pieces) > 1)
		if hasWordChar(p) {
			x.blocks = append(x.blocks, document.Block{Kind: kind, Span: p.Span(), Content: p})
		}
	}
	x.blocks = append(x.blocks, in.attrs...)
}

// unmask gives back to the view the bytes of the site syntax inside
// [start, end), a code span or a code or HTML block, where it is code
// content and not site syntax, and forgets it.
func (x *extractor) unmask(start, end int) {
	i := siteIndex(x.site, start)
	j := i
	for j < len(x.site) && x.site[j].start < end {
		s := x.site[j]
		copy(x.view[s.start:s.end], x.src[s.start:s.end])
		j++
	}
	if j > i {
		x.site = append(x.site[:i], x.site[j:]...)
	}
}

// isUnderline reports whether line is made of "=" or of "-" only, blanks
// aside: a setext heading underline.
func isUnderline(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 0 && (len(bytes.Trim(line, "=")) == 0 || len(bytes.Trim(line, "-")) == 0)
}
