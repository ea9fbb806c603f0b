package markdown

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Codec is the Markdown codec: CommonMark with the GFM tables,
// strikethrough and autolinks (linkify) extensions, and YAML front matter.
// Make one with New (the zero value is not ready to use); it is safe for
// concurrent use by several goroutines.
type Codec struct {
	keys []string
	md   goldmark.Markdown
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

// New returns a Markdown codec.
func New(opts ...Option) *Codec {
	c := &Codec{keys: DefaultFrontMatterKeys()}
	for _, o := range opts {
		o(c)
	}
	c.md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	return c
}

// Name returns "markdown".
func (*Codec) Name() string { return "markdown" }

// Extract reads src into a document whose blocks are, in source order, the
// translatable front-matter values (Name is the key), headings, paragraphs
// (in blockquotes too), list items, table cells, and link and image titles
// (Attribute blocks named "title", which lie inside the closing code of
// their link). Inline markup becomes codes; entities, backslash escapes and
// line breaks inside a paragraph become atomic text. A block with no letter
// or digit is left out. The only error is a *document.PosError for src that
// is not UTF-8.
func (c *Codec) Extract(path string, src []byte) (*document.Document, error) {
	doc, _, err := c.extract(path, src)
	return doc, err
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
	// goldmark reads a copy: see below and maskBlocks.
	parse := append([]byte(nil), src...)
	blank := 0 // bytes hidden from goldmark: a byte order mark, the front matter
	if len(src) >= 3 && string(src[:3]) == "\uFEFF" {
		blank = 3
	}
	if fm, ok := findFrontMatter(src); ok {
		for _, v := range frontMatterValues(src, fm, c.keys) {
			x.blocks = append(x.blocks, document.Block{Kind: document.FrontMatter, Name: v.key, Span: v.span, Content: v.runs})
		}
		blank = fm.end
	}
	if blank > 0 {
		// goldmark reads a copy in which the hidden bytes are blanks, so that
		// its offsets are offsets into src.
		for i := range blank {
			if parse[i] != '\n' && parse[i] != '\r' {
				parse[i] = ' '
			}
		}
	}
	x.blocks = append(x.blocks, maskBlocks(src, parse, isMDX(path))...)
	x.walk(c.md.Parser().Parse(text.NewReader(parse)))
	sort.SliceStable(x.blocks, func(i, j int) bool { return x.blocks[i].Span.Start < x.blocks[j].Span.Start })
	for i := range x.blocks {
		x.blocks[i].ID = "b" + strconv.Itoa(i+1)
	}
	doc.Blocks = x.blocks
	return doc, x.stats, nil
}

// extractor collects the blocks of one document.
type extractor struct {
	src    []byte
	blocks []document.Block
	stats  stats
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
		case ast.KindBlockquote, ast.KindList, ast.KindListItem, east.KindTable, east.KindTableHeader, east.KindTableRow:
			x.walk(c)
		}
		// Code blocks, HTML blocks, thematic breaks and link reference
		// definitions are not translated.
	}
}

// leaf maps one leaf block.
func (x *extractor) leaf(n ast.Node, kind document.BlockKind) {
	if n.Lines().Len() == 0 {
		return
	}
	in := newInline(x.src, n.Lines())
	if in.cur >= in.end() {
		return
	}
	if !in.children(n) || in.cur != in.end() {
		x.stats.skipped++
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
	if hasWordChar(runs) {
		x.blocks = append(x.blocks, document.Block{Kind: kind, Span: runs.Span(), Content: runs})
	}
	x.blocks = append(x.blocks, in.attrs...)
}

// isUnderline reports whether line is made of "=" or of "-" only, blanks
// aside: a setext heading underline.
func isUnderline(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 0 && (len(bytes.Trim(line, "=")) == 0 || len(bytes.Trim(line, "-")) == 0)
}
