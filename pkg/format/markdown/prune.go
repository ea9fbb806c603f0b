package markdown

import (
	"bytes"
	"maps"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/relais-tm/relais/pkg/document"
)

// This file takes back the escapes a translated paragraph does not need.
//
// escapeProse decides from what lies around a character whether it could
// make markup, and where it cannot be sure it escapes: a "*" with another
// "*" further on, a "[" with a "]" after it, a "~" beside a word. Most of
// those never pair, and a draft full of "\*" and "\[" is harder to review
// and differs from its source where nothing changed. So when a translated
// segment holds more escapes than its source, its block is read again by
// goldmark, the same way the draft will be: each of the segment's escapes
// in turn is dropped, and kept out if the block renders to the same HTML
// without it. What decides is the rendering, so an escape that matters
// (a "\*" that would open an emphasis, a "\1." that would start a list)
// stays.
//
// The block is read on its own, its lines without their container
// prefixes ("> ", indentation), with the link reference definitions of
// the document, twice: its site syntax masked as Extract masks it, and as
// it is, as a site generator that renders Markdown first would read it;
// an escape goes only if both renderings stay the same. A "(" or a quote
// that starts a block keeps its escape, which a block alone cannot judge:
// a link reference definition above could take it for its title. The
// cells of a table are read together, the whole table.

// pruneBudget is what prune may have goldmark read for a document beyond
// sixteen times its size, in bytes: a few hundred tries on a long
// paragraph.
const pruneBudget = 1 << 22

// rendered is a translated segment as render wrote it, kept while its
// escapes are pruned.
type rendered struct {
	text    string
	escapes []int // offsets in text of the backslashes that escape
}

// escapeVerifier returns the goldmark that reads blocks for prune: the
// codec's extensions, raw HTML rendered as it is so that an escape that
// turns text into a tag shows.
func escapeVerifier() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extensions()...), goldmark.WithRendererOptions(html.WithUnsafe()))
}

// renderPieces writes ps as render returns them, with the offsets of the
// escapes in its text (not in its codes).
func renderPieces(ps []piece) rendered {
	var b strings.Builder
	var r rendered
	escapes := func(s string) {
		at := b.Len()
		for i := 0; i+1 < len(s); i++ {
			if s[i] == '\\' && util.IsPunct(s[i+1]) {
				r.escapes = append(r.escapes, at+i)
				i++
			}
		}
		b.WriteString(s)
	}
	for _, p := range ps {
		escapes(p.pre)
		if p.code == nil {
			escapes(p.text)
		} else {
			b.WriteString(p.text)
		}
		escapes(p.post)
	}
	r.text = b.String()
	return r
}

// sourceEscapes counts the backslash escapes in the text of segment s.
func sourceEscapes(doc *document.Document, s *document.Segment) int {
	n := 0
	for _, run := range s.Source {
		if run.Code == nil && run.Span.Len() == 2 && doc.Source[run.Span.Start] == '\\' {
			n++
		}
	}
	return n
}

// useEntities writes a character the text of ps escapes as the character
// reference the source segment s wrote it with ("&lt;" rather than "\<"),
// as the author chose.
func useEntities(doc *document.Document, s *document.Segment, ps []piece) {
	var refs map[byte]string
	for _, run := range s.Source {
		if run.Code != nil || len(run.Text) != 1 || !util.IsPunct(run.Text[0]) || run.Span.Len() < 4 {
			continue
		}
		if src := doc.Text(run.Span); src[0] == '&' && src[len(src)-1] == ';' {
			if refs == nil {
				refs = map[byte]string{}
			}
			refs[run.Text[0]] = src
		}
	}
	if refs == nil {
		return
	}
	rewriteEscapes(ps, func(c byte) (string, bool) {
		ref, ok := refs[c]
		return ref, ok
	})
}

// rewriteEscapes writes each escape "\c" in the text of ps as what with
// returns for c, when it says so; the other escapes stay.
func rewriteEscapes(ps []piece, with func(c byte) (string, bool)) {
	for i := range ps {
		if ps[i].code != nil || strings.IndexByte(ps[i].text, '\\') < 0 {
			continue
		}
		t := ps[i].text
		var b strings.Builder
		for k := 0; k < len(t); k++ {
			if t[k] == '\\' && k+1 < len(t) && util.IsPunct(t[k+1]) {
				if w, ok := with(t[k+1]); ok {
					b.WriteString(w)
				} else {
					b.WriteString(t[k : k+2])
				}
				k++
				continue
			}
			b.WriteByte(t[k])
		}
		ps[i].text = b.String()
	}
}

// pruneAll drops the escapes of the pending segments (those written with
// more escapes than their source) that goldmark does not need, in out,
// where the rendered segments are. It reads the blocks of doc by runs
// that goldmark may read as one (see continues): a paragraph that site
// syntax splits, a site block's title and its first paragraph, the cells
// of a table. What lies inside another block (a link title) is left out.
func (r *proseRenderer) pruneAll(styles map[string]blockStyle, out map[string]document.Content) {
	var run []*document.Block
	end := -1
	flush := func() {
		for _, b := range run {
			for _, s := range b.Segments {
				if _, ok := r.pending[s.ID]; ok {
					r.prune(run, out)
					run = run[:0]
					return
				}
			}
		}
		run = run[:0]
	}
	for bi := range r.doc.Blocks {
		b := &r.doc.Blocks[bi]
		if b.Span.Start < end {
			continue // inside the block before
		}
		k := styles[b.ID].kind
		if k != proseStyle && k != headingStyle {
			flush()
			end = b.Span.End
			continue
		}
		if len(run) > 0 && !continues(r.doc.Source, run[len(run)-1], b, end) {
			flush()
		}
		run = append(run, b)
		end = b.Span.End
	}
	flush()
}

// continues reports whether goldmark reads block b, which follows prev
// (whose run ends at end), with it: two cells of a table (no blank line
// between them), or a paragraph (or a site block's title) and b, with no
// blank line between them, b starting its line, after blanks or ">" only
// (not "- ", "[^1]: ", "#").
func continues(src []byte, prev, b *document.Block, end int) bool {
	if prev.Kind == document.TableCell || b.Kind == document.TableCell {
		return prev.Kind == b.Kind && !blankLine(src[end:b.Span.Start])
	}
	if prev.Kind != document.Paragraph && !isSiteTitle(prev) || blankLine(src[end:b.Span.Start]) {
		return false
	}
	ls := bytes.LastIndexByte(src[:b.Span.Start], '\n') + 1
	return ls > end && len(bytes.Trim(src[ls:b.Span.Start], " \t>")) == 0
}

// isSiteTitle reports whether b is the title of a site block
// (":::tip[Titre]", '!!! note "Titre"'), which maskBlocks finds by its
// brackets or quotes: its escapes all stay.
func isSiteTitle(b *document.Block) bool { return b.Kind == document.Heading && b.Name == "title" }

// unescapeAsSource takes the escape off "*", "_" and "~" in the text of
// ps, a site block's title, where the source title writes them bare. A
// title is not read by goldmark here (its emphasis is text to relais),
// so prune cannot judge it: "Un _Easter egg_" is the author's emphasis,
// which "\_Easter egg\_" would undo.
func unescapeAsSource(title string, ps []piece) {
	rewriteEscapes(ps, func(c byte) (string, bool) {
		if strings.IndexByte("*_~", c) >= 0 && bareIn(title, c) {
			return string(c), true
		}
		return "", false
	})
}

// bareIn reports whether s holds c with no backslash before it.
func bareIn(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c && (i == 0 || s[i-1] != '\\') {
			return true
		}
	}
	return false
}

// tableLine reports whether line may belong to a table: it holds a "|",
// or it is a delimiter row, which goldmark takes without one ("--").
func tableLine(line []byte) bool {
	t := bytes.TrimSpace(line)
	return bytes.IndexByte(t, '|') >= 0 || len(t) > 0 && len(bytes.Trim(t, "-: >\t")) == 0 && bytes.IndexByte(t, '-') >= 0
}

// prune drops the needless escapes of the pending segments of blocks, a
// run that goldmark may read as one paragraph, read from the start of the
// first one's line when what precedes it there is a container's, a
// heading's or a table row's marker.
func (r *proseRenderer) prune(blocks []*document.Block, out map[string]document.Content) {
	src := r.doc.Source
	// The blocks as the draft will hold them, and where the candidates are.
	type cand struct {
		seg string
		at  int // in the segment's text
		pos int // in block
	}
	var block []byte
	var cands []cand
	at := blocks[0].Span.Start
	// From the start of the line when what comes before is a container's
	// or a heading's marker ("> ", "- ", "1. ", "## "), not a footnote's.
	if ls := bytes.LastIndexByte(src[:at], '\n') + 1; len(bytes.Trim(src[ls:at], " \t>-*+#.)0123456789|")) == 0 {
		at = ls
	}
	if blocks[0].Kind == document.TableCell {
		// From the table's first row: the lines above holding "|" (the
		// header, the delimiter row, rows with no text to translate).
		for at > 0 {
			ls := bytes.LastIndexByte(src[:at-1], '\n') + 1
			if !tableLine(src[ls : at-1]) {
				break
			}
			at = ls
		}
	}
	for _, b := range blocks {
		for _, s := range b.Segments {
			if s.Span.Start < at {
				continue
			}
			block = append(block, src[at:s.Span.Start]...)
			at = s.Span.End
			p, ok := r.pending[s.ID]
			if !ok {
				if t, done := out[s.ID]; done && r.translated[s.ID] {
					block = append(block, t.Plain()...)
				} else {
					block = append(block, src[s.Span.Start:s.Span.End]...)
				}
				continue
			}
			base := len(block)
			for _, e := range p.escapes {
				if isSiteTitle(b) {
					break
				}
				cands = append(cands, cand{s.ID, e, base + e})
			}
			block = append(block, p.text...)
		}
	}
	end := blocks[len(blocks)-1].Span.End
	// To the end of the line: site syntax after the text (an attribute
	// list, "{: .note}") lies outside the block, and raw goldmark reads
	// its punctuation.
	if k := bytes.IndexByte(src[end:], '\n'); k >= 0 {
		end += k
	} else {
		end = len(src)
	}
	if blocks[0].Kind == document.TableCell {
		// To the table's last row: the delimiter row below a header, rows
		// with no text to translate.
		for end < len(src) {
			next := bytes.IndexByte(src[end:], '\n')
			if next < 0 {
				end = len(src)
				break
			}
			ls := end + next + 1
			le := bytes.IndexByte(src[ls:], '\n')
			if le < 0 {
				le = len(src) - ls
			}
			if !tableLine(src[ls : ls+le]) {
				break
			}
			end = ls + le
		}
	}
	block = append(block, src[at:end]...)
	if len(cands) == 0 {
		return
	}
	// The lines without their container prefixes; shift maps a candidate.
	shift := make([]int, len(block)+1) // block offset → offset in the lines
	raw := contentLines(block, shift)
	wantRaw, ok1 := r.html(raw)
	hidden, wantSite := r.maskSite(raw)
	wantHidden, ok2 := r.html(hidden)
	if !ok1 || !ok2 || len(bytes.TrimSpace(wantRaw)) == 0 {
		return
	}
	drop := map[string][]int{}
	removed := 0 // bytes taken out of the lines before the next candidate
	for _, c := range cands {
		// Each try reads the run two to four times; past the document's
		// budget the remaining escapes stay, so that a page with a huge
		// paragraph full of them is merged in time.
		if r.budget -= 4 * len(raw); r.budget < 0 {
			break
		}
		pos := shift[c.pos] - removed
		if (pos == 0 || raw[pos-1] == '\n') && strings.IndexByte("(\"'", raw[pos+1]) >= 0 {
			continue
		}
		try := without(raw, pos)
		if got, ok := r.html(try); !ok || !bytes.Equal(got, wantRaw) {
			continue
		}
		tryHidden, site := r.maskSite(try)
		if !sameSite(raw, wantSite, try, site) {
			continue
		}
		if got, ok := r.html(tryHidden); !ok || !bytes.Equal(got, wantHidden) {
			continue
		}
		raw, wantSite = try, site
		removed++
		drop[c.seg] = append(drop[c.seg], c.at)
	}
	for id, offs := range drop {
		t := r.pending[id].text
		var sb strings.Builder
		last := 0
		for _, o := range offs {
			sb.WriteString(t[last:o])
			last = o + 1
		}
		sb.WriteString(t[last:])
		out[id] = document.Text(sb.String())
	}
}

// contentLines returns block's lines without their container prefixes: the
// blanks and ">" that start each line. When shift is not
// nil, it receives for each offset of block the offset in the lines.
func contentLines(block []byte, shift []int) []byte {
	out := make([]byte, 0, len(block))
	lead := true
	for i, c := range block {
		if shift != nil {
			shift[i] = len(out)
		}
		switch {
		case c == '\n':
			lead = true
		case lead && (c == ' ' || c == '\t' || c == '>'):
			continue
		default:
			lead = false
		}
		out = append(out, c)
	}
	return out
}

// maskSite returns b with its site syntax masked as Extract masks it
// (maskInline), and the pieces found. The bracket shortcodes known are
// the codec's and those of the source document, whose closing tags may
// lie outside the block.
func (r *proseRenderer) maskSite(b []byte) ([]byte, []siteSpan) {
	if r.shortcodes == nil {
		r.shortcodes = maps.Clone(r.codec.shortcodes)
		for _, blk := range r.doc.Blocks {
			for _, run := range blk.Content {
				if run.Code == nil || run.Code.Type != "shortcode" || run.Span.Len() < 2 || r.doc.Source[run.Span.Start] != '[' {
					continue
				}
				if n := bracketName(bytes.TrimPrefix(r.doc.Source[run.Span.Start+1:run.Span.End], []byte("/"))); n != "" {
					r.shortcodes[n] = true
				}
			}
		}
	}
	hidden := append([]byte(nil), b...)
	return hidden, maskInline(b, hidden, r.shortcodes, r.codec.syntax)
}

// sameSite reports whether the site syntax found in a and in b (sa, sb)
// is the same pieces with the same bytes.
func sameSite(a []byte, sa []siteSpan, b []byte, sb []siteSpan) bool {
	if len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		if sa[i].typ != sb[i].typ || !bytes.Equal(a[sa[i].start:sa[i].end], b[sb[i].start:sb[i].end]) {
			return false
		}
	}
	return true
}

// without returns a copy of b without its byte at i.
func without(b []byte, i int) []byte {
	return append(append(make([]byte, 0, len(b)-1), b[:i]...), b[i+1:]...)
}

// html renders a block read on its own, with the document's link
// reference definitions.
func (r *proseRenderer) html(src []byte) ([]byte, bool) {
	pc := parser.NewContext()
	if r.refs {
		if r.references == nil {
			r.references = r.codec.references(r.doc.Path, r.doc.Source)
		}
		for _, ref := range r.references {
			pc.AddReference(ref)
		}
	}
	var b bytes.Buffer
	if err := r.codec.verifier.Convert(src, &b, parser.WithContext(pc)); err != nil {
		return nil, false
	}
	return b.Bytes(), true
}
