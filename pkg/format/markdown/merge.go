package markdown

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format"
)

// Merge writes the draft: doc.Source with every segment whose target (in
// targets, by segment ID) differs from its source replaced by the target,
// through format.Merge. Translated text is escaped for the place it lands
// in, so that it cannot create markup, and only where it could: Markdown
// punctuation in prose where, unescaped, it could open or close markup
// beside what surrounds it (see escapeProse; "a * b", "snake_case" and
// "[note]" in a document that defines no link reference stay as they
// are), a "(" or a quote that would make the first line of a paragraph
// the title of a link reference definition above it, the quote of a link
// title, the quoting of a front-matter value. A plain
// front-matter value whose translation would not read back as the same
// string (it holds ": " or " #", starts with an indicator, looks like a
// number or a boolean) is written double-quoted.
//
// Before escaping, a target is tidied the way Markdown needs: blanks at
// its ends are dropped (the source's own blanks around the segment stay),
// blanks just inside an emphasis or strikethrough ("** mot**") move
// outside it, where they do not undo the emphasis, and a blank separates a
// bare URL from text that would otherwise lengthen it or keep goldmark
// from seeing it.
//
// The codes of a prose target are written with their source bytes, with
// two exceptions that keep the draft's structure the source's whatever the
// text beside them. An emphasis, strong emphasis or strikethrough whose
// delimiters would not pair in the draft as in the source (CommonMark's
// flanking rules and rule of 3: "d'_Easter eggs_" translated "of_Easter
// eggs_") is written with the other emphasis character ("of*Easter
// eggs*"), or with the literal delimiter characters goldmark left beside
// it written apart ("\*"), or, as a last resort, with the letter beside
// it written as a character reference ("se&#101;**(x)**"); the source's
// delimiters stay wherever they still work (see delim.go). And text
// touching a code span that starts with an e-mail address ends with an
// escape or a character reference, which linkify does not take into the
// address (see guardEmails).
//
// A target must carry exactly the codes of its source segment, each once,
// in a valid order, with pairs nested (document.CheckCodes): "**a [b** c](u)"
// would not read back as a strong emphasis and a link. Otherwise Merge
// writes nothing and returns a *document.PosError naming the segment.
func (c *Codec) Merge(w io.Writer, doc *document.Document, targets map[string]document.Content) error {
	_, err := c.merge(w, doc, targets)
	return err
}

// mergeStats tells tests what Merge could not do.
type mergeStats struct {
	// Emphasis, strong emphasis and strikethrough pairs that goldmark will
	// not pair in the draft as in the source, for want of any change of
	// delimiters that would do (see fixDelims).
	unpaired int
}

func (c *Codec) merge(w io.Writer, doc *document.Document, targets map[string]document.Content) (mergeStats, error) {
	styles := blockStyles(doc)
	out := make(map[string]document.Content, len(targets))
	translated := map[string]bool{}
	blocks := doc.Blocks
	copied := false
	copyBlocks := func() {
		if !copied {
			blocks = append([]document.Block(nil), doc.Blocks...)
			copied = true
		}
	}
	var lk lineKeeper
	// A segment left as it is after a translated one in a hard-wrapped
	// paragraph is wrapped again too, from where the translation ends.
	wrapped := func(b *document.Block) bool {
		if b.Kind != document.Paragraph && b.Kind != document.ListItem {
			return false
		}
		l := lk.layout(doc, b)
		return l.multiline && !l.semantic
	}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		changed := false
		for si := range b.Segments {
			s := &b.Segments[si]
			t, ok := targets[s.ID]
			if !ok {
				continue
			}
			if t.Equal(s.Source) && !(changed && wrapped(b)) {
				out[s.ID] = t
				continue
			}
			if err := document.CheckCodes(s.Source, t).Err(); err != nil {
				return mergeStats{}, &document.PosError{Path: doc.Path, Pos: doc.Position(s.Span.Start),
					Err: fmt.Errorf("markdown: segment %s: %w", s.ID, err)}
			}
			out[s.ID] = tidy(s.Source, t)
			translated[s.ID] = true
			changed = true
		}
		st := styles[b.ID]
		if !changed || st.kind != frontMatterStyle || st.scalar != stylePlain {
			continue
		}
		value, multiline := plainValue(doc, b, out)
		if !multiline && plainSafe(value) {
			continue
		}
		// Write the whole value again, double-quoted, as one replacement.
		copyBlocks()
		id := b.ID + "-value"
		blocks[bi].Segments = []document.Segment{{ID: id, Span: b.Span, Source: b.Content}}
		out[id] = document.Text(value)
		styles[b.ID] = blockStyle{kind: frontMatterStyle, scalar: styleDouble, quote: true}
	}
	// Prose targets are rendered here, where their delimiters can be
	// chosen (see delim.go), and handed to format.Merge as text that
	// replaces the segment's bytes.
	r := newProseRenderer(doc, styles, out, translated)
	r.codec = c
	r.lines = lk // the layouts wrapped has read already
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if k := styles[b.ID].kind; k != proseStyle && k != headingStyle {
			continue
		}
		var segs []document.Segment
		for si, s := range b.Segments {
			if !translated[s.ID] {
				continue
			}
			if segs == nil {
				copyBlocks()
				segs = append([]document.Segment(nil), b.Segments...)
				blocks[bi].Segments = segs
			}
			out[s.ID] = document.Text(r.render(b, &b.Segments[si], out[s.ID]))
			// format.Merge needs a source without codes that differs from
			// the rendered text, or else holds the same bytes: it keeps a
			// segment whose target equals its source. The source's own
			// bytes, as text, are either.
			segs[si] = document.Segment{ID: s.ID, Span: s.Span, Source: document.Text(doc.Text(s.Span))}
		}
	}
	if len(r.pending) > 0 {
		r.pruneAll(styles, out)
	}
	d := *doc
	d.Blocks = blocks
	err := format.Merge(w, &d, out, func(b *document.Block, s string) string {
		if k := styles[b.ID].kind; k == proseStyle || k == headingStyle {
			return s // rendered and escaped by proseRenderer
		}
		return styles[b.ID].escape(s)
	})
	return mergeStats{unpaired: r.unpaired}, err
}

// proseRenderer writes the translated segments of paragraphs, headings,
// list items and table cells: text escaped by escapeProse, codes from
// their source bytes (a translated link title written inside its link's
// closing code), emphasis and strikethrough delimiters chosen by
// fixDelims, and the text before a code span guarded by guardEmails.
// format.Merge then puts the result in place of the segment's bytes.
type proseRenderer struct {
	doc      *document.Document
	lines    lineKeeper  // gives translated segments their source's line breaks
	refs     bool        // the document may define link references (definesRefs)
	titles   []titleText // translated link and image titles, by start
	unpaired int         // delimiter pairs fixDelims could not make hold

	translated map[string]bool     // the IDs of the segments translated
	codec      *Codec              // reads a block again for prune
	pending    map[string]rendered // the block's segments with more escapes than their source
	references []parser.Reference  // the document's link reference definitions, once prune needs them
	shortcodes map[string]bool     // the bracket shortcodes known to the codec and the document, once prune needs them
	budget     int                 // bytes prune may still have goldmark read (pruneBudget)
}

// titleText is the text that replaces a link or image title's segment.
type titleText struct {
	span document.Span
	text string
}

// newProseRenderer returns the renderer of doc's prose targets, given the
// block styles, the tidied targets (out) and the IDs of the segments they
// translate.
func newProseRenderer(doc *document.Document, styles map[string]blockStyle, out map[string]document.Content, translated map[string]bool) *proseRenderer {
	r := &proseRenderer{doc: doc, refs: definesRefs(doc.Source), translated: translated, pending: map[string]rendered{},
		budget: pruneBudget + 16*len(doc.Source)}
	for _, b := range doc.Blocks {
		if styles[b.ID].kind != titleStyle {
			continue
		}
		for _, s := range b.Segments {
			if !translated[s.ID] {
				continue
			}
			var t strings.Builder
			for _, run := range out[s.ID] {
				if run.Code == nil {
					t.WriteString(styles[b.ID].escape(run.Text))
				}
			}
			r.titles = append(r.titles, titleText{s.Span, t.String()})
		}
	}
	sort.Slice(r.titles, func(i, j int) bool { return r.titles[i].span.Start < r.titles[j].span.Start })
	return r
}

// render returns the bytes that replace segment s of block b, given its
// tidied target t.
func (r *proseRenderer) render(b *document.Block, s *document.Segment, t document.Content) string {
	type ref struct {
		id   string
		kind document.CodeKind
	}
	codes := map[ref]document.Run{}
	for _, run := range s.Source {
		if run.Code != nil {
			codes[ref{run.Code.ID, run.Code.Kind}] = run
		}
	}
	var ps []piece
	for _, run := range t {
		if run.Code == nil {
			if text := oneLine(run.Text); text != "" {
				ps = append(ps, piece{text: text})
			}
			continue
		}
		c := codes[ref{run.Code.ID, run.Code.Kind}]
		ps = append(ps, piece{text: r.codeBytes(c.Span), code: c.Code})
	}
	r.escape(b, s, ps)
	if isSiteTitle(b) {
		unescapeAsSource(r.doc.Text(b.Span), ps)
	}
	before, after := segmentBounds(r.doc, b, s)
	ps, unpaired := fixDelims(func() []piece { return sourcePieces(r.doc, s) }, ps, before, after)
	r.unpaired += unpaired
	guardEmails(ps)
	if len(ps) > 0 && ps[0].code == nil && strings.IndexByte("(\"'", ps[0].text[0]) >= 0 &&
		s.Span.Start == b.Span.Start && belowDefinition(r.doc.Source, s.Span.Start) {
		// A link reference definition just above would take this line for
		// its title. (Not everywhere: linkify needs a bare "(" before a URL.)
		ps[0].text = "\\" + ps[0].text
	}
	if b.Kind == document.Paragraph || b.Kind == document.ListItem {
		r.lines.wrap(r.doc, b, s, ps)
	}
	useEntities(r.doc, s, ps)
	out := renderPieces(ps)
	if len(out.escapes) > sourceEscapes(r.doc, s) {
		r.pending[s.ID] = out
	}
	return out.text
}

// escape escapes the text pieces of segment s of block b in place (see
// escapeProse), each with what surrounds it in the draft: the pieces
// beside it, the source's bytes around the segment, and the brackets
// before and after it in the block.
func (r *proseRenderer) escape(b *document.Block, s *document.Segment, ps []piece) {
	src := r.doc.Source
	before, after := segmentBounds(r.doc, b, s)
	opens := bytes.IndexByte(src[b.Span.Start:s.Span.Start], '[') >= 0
	// Text at the start of a table cell or of an ATX heading's line cannot
	// start another block ("| -G |", "### 1. Titre").
	startsLines := b.Kind != document.TableCell &&
		!(b.Kind == document.Heading && bytes.HasPrefix(bytes.TrimLeft(src[bytes.LastIndexByte(src[:b.Span.Start], '\n')+1:b.Span.Start], " "), []byte("#")))
	links := 0 // link and image texts open at the piece
	for i := range ps {
		if ps[i].code != nil {
			opens = opens || strings.IndexByte(ps[i].text, '[') >= 0
			links += ps[i].scope()
			continue
		}
		var prior, rest strings.Builder            // what precedes and follows the piece in the block
		if strings.ContainsAny(ps[i].text, "[`") { // only "[" and "`" look beyond the piece
			prior.Write(src[b.Span.Start:s.Span.Start])
			for _, p := range ps[:i] {
				prior.WriteString(p.text)
			}
			for _, p := range ps[i+1:] {
				rest.WriteString(p.text)
			}
			rest.Write(src[s.Span.End:b.Span.End])
		}
		ctx := escContext{
			heading:    b.Kind == document.Heading,
			table:      b.Kind == document.TableCell,
			lineStart:  startsLines && (i == 0 && (s.Span.Start == b.Span.Start || atLineStart(src, s.Span.Start)) || i > 0 && ps[i-1].code != nil && ps[i-1].code.Type == "break"),
			prev:       before,
			next:       after,
			openBefore: opens,
			before:     prior.String(),
			rest:       rest.String(),
			refs:       r.refs,
			inLink:     links > 0,
		}
		if i > 0 {
			ctx.prev = 0 // a code: anything may touch it
		}
		if i+1 < len(ps) {
			ctx.next = 0
		}
		opens = opens || strings.IndexByte(ps[i].text, '[') >= 0
		text := escapeProse(ps[i].text, ctx)
		if i > 0 && ps[i-1].code != nil && strings.HasSuffix(ps[i-1].text, "]") && text != "" && strings.IndexByte("([:", text[0]) >= 0 {
			// A code that ends with "]" (a bracket shortcode, a whole
			// reference link) would become a link's text.
			text = "\\" + text
		}
		ps[i].text = text
	}
}

// closesBracket reports whether s, what follows an unescaped "[", could
// make a link of it: a "](", "][" or "]:", any "]" when the document
// defines link references (refs: "[a]" is then a link if "a" is
// defined), or a URL or an e-mail address, which goldmark's linkify does
// not see inside a "[" it has not closed.
func closesBracket(s string, refs bool) bool {
	if refs && strings.IndexByte(s, ']') >= 0 || strings.Contains(s, "](") || strings.Contains(s, "][") || strings.Contains(s, "]:") {
		return true
	}
	return strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "://") || strings.Contains(strings.ToLower(s), "www.")
}

// definesRefs reports whether src may hold a link reference definition:
// a line that starts, after up to three blanks and blockquote markers,
// with "[", and holds "]:".
func definesRefs(src []byte) bool {
	for line := range bytes.Lines(src) {
		t := bytes.TrimLeft(line, " \t>")
		if len(t) > 0 && t[0] == '[' && bytes.Contains(t, []byte("]:")) {
			return true
		}
	}
	return false
}

// atLineStart reports whether only blanks and blockquote markers lie
// between the start of the line and offset at.
func atLineStart(src []byte, at int) bool {
	ls := bytes.LastIndexByte(src[:at], '\n') + 1
	return strings.Trim(string(src[ls:at]), " \t>") == ""
}

// belowDefinition reports whether offset at starts a line (blanks and
// blockquote markers aside) that may follow a link reference definition:
// one of the lines above it, up to a blank line, starts with "[" and holds
// "]:".
func belowDefinition(src []byte, at int) bool {
	ls := bytes.LastIndexByte(src[:at], '\n') + 1
	if ls == 0 || strings.Trim(string(src[ls:at]), " \t>") != "" {
		return false
	}
	for ls > 0 {
		prev := bytes.LastIndexByte(src[:ls-1], '\n') + 1
		line := strings.TrimLeft(strings.TrimRight(string(src[prev:ls-1]), " \t\r"), " \t>")
		if line == "" {
			return false
		}
		if line[0] == '[' && strings.Contains(line, "]:") {
			return true
		}
		ls = prev
	}
	return false
}

// guardEmails keeps a code span that starts with an e-mail address from
// being read, with the text touching it, as an e-mail autolink: goldmark's
// linkify takes "`" for a character of an address ("voir`a@b.org`" is the
// address "voir`a@b.org"). The character before the code span is written
// so that it ends the address: escaped if it is punctuation ("\."), as a
// character reference otherwise ("&#101;"); neither "\" nor ";" can be
// part of an address, and both read as the character itself.
func guardEmails(ps []piece) {
	for i := 1; i < len(ps); i++ {
		p, prev := ps[i], &ps[i-1]
		if p.code == nil || p.code.Type != "code" || prev.code != nil || prev.text == "" {
			continue
		}
		content := strings.TrimLeft(p.text, "`")
		k := 0
		for k < len(content) && isEmailByte(content[k]) {
			k++
		}
		if k == len(content) || content[k] != '@' {
			continue
		}
		t := prev.text
		c := t[len(t)-1]
		if !isEmailByte(c) || len(t) > 1 && t[len(t)-2] == '\\' {
			continue // not part of an address, or escaped already
		}
		if util.IsPunct(c) {
			prev.text = t[:len(t)-1] + "\\" + string(c)
		} else {
			prev.text = t[:len(t)-1] + charRef(rune(c))
		}
	}
}

// isEmailByte reports whether goldmark's linkify takes c for a character
// of the local part of an e-mail address.
func isEmailByte(c byte) bool {
	return c < utf8.RuneSelf && (isWordByte(c) || strings.IndexByte(".!#$%&'*+/=?^`{|}~-", c) >= 0)
}

// codeBytes returns the source bytes of a code with the translated titles
// inside it.
func (r *proseRenderer) codeBytes(span document.Span) string {
	i := sort.Search(len(r.titles), func(i int) bool { return r.titles[i].span.Start >= span.Start })
	if i == len(r.titles) || !span.Contains(r.titles[i].span) {
		return r.doc.Text(span)
	}
	var b strings.Builder
	at := span.Start
	for ; i < len(r.titles) && span.Contains(r.titles[i].span); i++ {
		b.WriteString(r.doc.Text(document.Span{Start: at, End: r.titles[i].span.Start}))
		b.WriteString(r.titles[i].text)
		at = r.titles[i].span.End
	}
	b.WriteString(r.doc.Text(document.Span{Start: at, End: span.End}))
	return b.String()
}

// The places translated text lands in.
const (
	proseStyle       = iota // a paragraph, list item, table cell
	headingStyle            // a heading: "#" is escaped too
	titleStyle              // a link or image title
	frontMatterStyle        // a front-matter value
)

// blockStyle says how text is escaped in one block.
type blockStyle struct {
	kind   int
	scalar scalarStyle // front matter: how the value is written
	indent int         // front matter: the indentation of a block scalar
	quote  bool        // front matter: add the double quotes around the value
	delim  byte        // title: the opening quote, '"', '\'' or '('
}

// blockStyles finds how each block of doc is written.
func blockStyles(doc *document.Document) map[string]blockStyle {
	styles := make(map[string]blockStyle, len(doc.Blocks))
	var fm map[int]fmValue
	for _, b := range doc.Blocks {
		switch b.Kind {
		case document.Heading:
			styles[b.ID] = blockStyle{kind: headingStyle}
		case document.Attribute:
			delim := byte('"')
			for i := b.Span.Start - 1; i >= 0; i-- {
				if c := doc.Source[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
					if c == '\'' || c == '(' {
						delim = c
					}
					break
				}
			}
			styles[b.ID] = blockStyle{kind: titleStyle, delim: delim}
		case document.FrontMatter:
			if fm == nil {
				fm = frontMatterStyles(doc)
			}
			v, ok := fm[b.Span.Start]
			if !ok {
				v.style = styleDouble // not a value this codec read: escape as much as can be
			}
			styles[b.ID] = blockStyle{kind: frontMatterStyle, scalar: v.style, indent: v.indent}
		default:
			styles[b.ID] = blockStyle{kind: proseStyle}
		}
	}
	return styles
}

// frontMatterStyles reads the front matter of doc again for the keys of
// its front-matter blocks, by the start of each value.
func frontMatterStyles(doc *document.Document) map[int]fmValue {
	out := map[int]fmValue{}
	fm, ok := findFrontMatter(doc.Source)
	if !ok {
		return out
	}
	var keys []string
	for _, b := range doc.Blocks {
		if b.Kind == document.FrontMatter {
			keys = append(keys, b.Name)
		}
	}
	for _, v := range frontMatterValues(doc.Source, fm, keys) {
		out[v.span.Start] = v
	}
	return out
}

// plainValue returns the text a plain front-matter value will hold once its
// segments are replaced by their targets in out, and whether the value
// spans several lines.
func plainValue(doc *document.Document, b *document.Block, out map[string]document.Content) (string, bool) {
	var parts []string
	for _, s := range b.Segments {
		t, ok := out[s.ID]
		if !ok {
			t = s.Source
		}
		parts = append(parts, oneLine(t.Plain()))
	}
	return strings.Join(parts, " "), strings.ContainsAny(doc.Text(b.Span), "\n\r")
}

// plainSafe reports whether v reads back as the same string when written
// as a plain YAML scalar.
func plainSafe(v string) bool {
	if v == "" || strings.TrimSpace(v) != v {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(v[0])) {
		return false
	}
	if strings.Contains(v, ": ") || strings.Contains(v, ":\t") || strings.Contains(v, " #") ||
		strings.Contains(v, "\t#") || strings.HasSuffix(v, ":") {
		return false
	}
	for _, r := range v {
		if r < 0x20 && r != '\t' || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff {
			return false
		}
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return false
	}
	c := v[0]
	if c >= '0' && c <= '9' || (c == '+' || c == '.') && len(v) > 1 && v[1] >= '0' && v[1] <= '9' {
		return false // a number or a date
	}
	return true
}

// escape makes s safe in a block of style st.
func (st blockStyle) escape(s string) string {
	switch st.kind {
	case titleStyle:
		return escapeTitle(s, st.delim)
	case frontMatterStyle:
		switch st.scalar {
		case styleDouble:
			if st.quote {
				return `"` + escapeDouble(s) + `"`
			}
			return escapeDouble(s)
		case styleSingle:
			return strings.ReplaceAll(oneLine(s), "'", "''")
		case styleLiteral:
			s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
			return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", st.indent))
		default:
			return oneLine(s)
		}
	}
	return escapeProse(s, escContext{heading: st.kind == headingStyle, table: true, lineStart: true, openBefore: true, refs: true})
}

// oneLine replaces the line breaks of s by spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// escContext is what surrounds a text in the draft, as escapeProse needs
// it.
type escContext struct {
	heading, table bool // the block is a heading, a table cell
	lineStart      bool // the text starts a line of the draft
	// The characters just before and after the text in the draft: '\n'
	// at the edge of a block, 0 when unknown (beside a code).
	prev, next rune
	openBefore bool // a "[" comes before the text in its block
	// What precedes and follows the text in its block: filled only for a
	// text holding "[" or "`", the only characters that look that far.
	before, rest string
	refs         bool // the document may define link references
	inLink       bool // the text lies in a link's or an image's text
}

// escapeProse escapes Markdown text so that it reads as the same text and
// starts no markup, escaping only what, unescaped, could make markup where
// the text lands (ctx): a run of "`" where a run of the same length
// elsewhere in the block could pair with it; "\" before punctuation;
// "*", "~" and "_" unless blanks surround them ("_" also between two letters or digits),
// where they can neither open nor close an emphasis; "[" where a link
// could form after it (see closesBracket), "]" after a "[" where one could;
// "<" that could open a tag or an autolink; "|" in a table cell; "#" that
// would close a heading; what would start a block at the start of a line;
// a lone "!" (split off by tidy before a link); and what goldmark's
// linkify would take for a URL or an e-mail address. (A ":" that tidy
// splits off after a whole reference link is escaped by escape, which
// sees the code before it.)
func escapeProse(s string, ctx escContext) string {
	s = oneLine(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	// At the start of a line: a block marker, a code fence, or a number
	// followed by "." or ")".
	i := 0
	switch {
	case s == "" || !ctx.lineStart:
	case strings.IndexByte("#>-+=*_", s[0]) >= 0, strings.HasPrefix(s, "```"):
		b.WriteByte('\\')
		b.WriteByte(s[0])
		i = 1
	default:
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
			b.WriteString(s[:i])
			b.WriteByte('\\')
		} else {
			i = 0
		}
	}
	at := func(k int) rune { // the character at k, with ctx beyond s
		switch {
		case k < 0:
			return ctx.prev
		case k >= len(s):
			return ctx.next
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		return r
	}
	prevRune := func(k int) rune {
		if k <= 0 {
			return ctx.prev
		}
		r, _ := utf8.DecodeLastRuneInString(s[:k])
		return r
	}
	opens := ctx.openBefore
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '~' && i == len(s)-1 && ctx.next != ' ':
			// goldmark's strikethrough ignores a "~~" that follows "~",
			// even an escaped one: a character reference does not count.
			b.WriteString("&#126;")
			continue
		case c == '*' || c == '~':
			if !isBlankRune(prevRune(i)) || !isBlankRune(at(i+1)) {
				b.WriteByte('\\')
			}
		case c == '_':
			p, n := prevRune(i), at(i+1)
			if !(isBlankRune(p) && isBlankRune(n)) && !(isAlnum(p) && isAlnum(n)) {
				b.WriteByte('\\')
			}
		case c == '[':
			if closesBracket(s[i+1:]+ctx.rest, ctx.refs) {
				b.WriteByte('\\')
			}
		case c == ']':
			if n := at(i + 1); opens && (ctx.refs || ctx.inLink || n == 0 || n == '(' || n == '[' || n == ':') {
				b.WriteByte('\\')
			}
		case c == '\\':
			if n := at(i + 1); n == 0 || n == '\n' || n < utf8.RuneSelf && unicode.IsPunct(n) || n < utf8.RuneSelf && unicode.IsSymbol(n) {
				b.WriteByte('\\')
			}
		case c == '<':
			if n := at(i + 1); n == 0 || n < utf8.RuneSelf && (unicode.IsLetter(n) || strings.ContainsRune("/!?", n)) {
				b.WriteByte('\\')
			}
		case c == '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			run := s[i:j]
			if codeSpanClose(ctx.before+s[:i], j-i) >= 0 || codeSpanClose(s[j:]+ctx.rest, j-i) >= 0 {
				// A run of the same length elsewhere in the block could
				// close or open a code span with this one.
				run = strings.ReplaceAll(run, "`", "\\`")
			}
			b.WriteString(run)
			i = j - 1
			continue
		case c == '|' && ctx.table,
			c == '#' && ctx.heading && closingHashes(s, i),
			s == "!",
			c == '&' && entityLike(s[i+1:]),
			c == ':' && !ctx.inLink && strings.HasPrefix(s[i+1:], "//"),
			c == '@' && !ctx.inLink && i > 0 && i+1 < len(s) && isEmailByte(s[i-1]) && isWordByte(s[i+1]):
			b.WriteByte('\\')
		case (c == 'w' || c == 'W') && !ctx.inLink && (i == 0 || !isWordByte(s[i-1]) || s[i-1] == '_') && len(s)-i > 4 && strings.EqualFold(s[i:i+4], "www."):
			b.WriteString(s[i : i+3])
			b.WriteByte('\\')
			i += 3
			c = s[i]
		}
		opens = opens || c == '['
		b.WriteByte(c)
	}
	return b.String()
}

// isBlankRune reports whether r counts as white space for CommonMark's
// flanking rules: a blank, or the edge of a line (a line break).
func isBlankRune(r rune) bool { return r != 0 && unicode.IsSpace(r) }

// isAlnum reports whether r is a letter or a digit.
func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// closingHashes reports whether the "#" at s[i] belongs to a run of "#"
// that could close a heading: the run starts s or follows a blank, and
// only blanks follow it in s.
func closingHashes(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] == '#' {
		j--
	}
	if j > 0 && s[j-1] != ' ' && s[j-1] != '\t' {
		return false
	}
	k := i
	for k < len(s) && s[k] == '#' {
		k++
	}
	return strings.TrimRight(s[k:], " \t") == ""
}

// entityLike reports whether s (what follows a "&") would make a character
// reference: "amp;", "#233;", "#x2019;".
func entityLike(s string) bool {
	i := 0
	if strings.HasPrefix(s, "#x") || strings.HasPrefix(s, "#X") {
		i = 2
	} else if strings.HasPrefix(s, "#") {
		i = 1
	}
	j := i
	for j < len(s) && isWordByte(s[j]) && s[j] != '_' {
		j++
	}
	return j > i && j < len(s) && s[j] == ';'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// escapeTitle escapes a link title written between delim and its closing
// quote; "|" too, which would end a table cell.
func escapeTitle(s string, delim byte) string {
	s = oneLine(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\', c == delim, delim == '(' && c == ')', c == '|', c == '&' && entityLike(s[i+1:]):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// escapeDouble escapes the text of a double-quoted YAML scalar.
func escapeDouble(s string) string {
	s = oneLine(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == 0x85:
			b.WriteString(`\N`)
		case r == 0x2028:
			b.WriteString(`\L`)
		case r == 0x2029:
			b.WriteString(`\P`)
		case r < 0x20 && r != '\t' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fillEmptyPairs gives an emphasis or strikethrough pair that an engine
// emptied ("no ** car-house": the word moved out of it) a word again: the
// word after it, else the word before it. An empty pair is no emphasis to
// Markdown, and its delimiters would be left as text.
func fillEmptyPairs(out document.Content, isFmt func(int, document.CodeKind) bool, isText func(int) bool) document.Content {
	for i := 0; i < len(out); i++ {
		if !isFmt(i, document.Open) {
			continue
		}
		j := i + 1
		if isText(j) && strings.TrimSpace(out[j].Text) == "" {
			j++
		}
		if !isFmt(j, document.Close) || out[j].Code.ID != out[i].Code.ID {
			continue
		}
		blanks := ""
		if j == i+2 && !(isText(i-1) && strings.HasSuffix(out[i-1].Text, " ")) {
			blanks = out[i+1].Text
		}
		open, closing := out[i], out[j]
		if next := nextWord(out, j+1, isText); next > 0 {
			// The word after: "a ** b c" → "a **b** c".
			t := out[j+1].Text
			lead := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
			rest := t[len(lead):]
			if isText(i-1) && strings.HasSuffix(out[i-1].Text, " ") {
				lead = "" // one blank before the word is enough
			}
			repl := document.Content{{Text: blanks + lead}, open, {Text: rest[:next]}, closing, {Text: rest[next:]}}
			out = append(out[:i], append(repl, out[j+2:]...)...)
		} else if isText(i-1) && strings.TrimSpace(out[i-1].Text) != "" {
			// The word before: "a b ** c" → "a **b** c".
			t := strings.TrimRight(out[i-1].Text, " \t")
			trail := out[i-1].Text[len(t):]
			start := strings.LastIndexAny(t, " \t") + 1
			repl := document.Content{{Text: t[:start]}, open, {Text: t[start:]}, closing, {Text: trail + blanks}}
			if len(out[i-1].Text) > len(t) {
				repl[len(repl)-1].Text = blanks // the blanks go after the pair once
			}
			out = append(out[:i-1], append(repl, out[j+1:]...)...)
		}
	}
	// Drop the empty text runs the moves may have left, and join the
	// adjacent ones.
	kept := out[:0]
	for _, r := range out {
		switch {
		case r.Code == nil && r.Text == "":
		case r.Code == nil && len(kept) > 0 && kept[len(kept)-1].Code == nil:
			kept[len(kept)-1].Text += r.Text
		default:
			kept = append(kept, r)
		}
	}
	return kept
}

// nextWord returns the length of the word that starts the text run at k
// (blanks before it aside), its closing punctuation left out; 0 when the
// run is not text or starts with no word.
func nextWord(out document.Content, k int, isText func(int) bool) int {
	if !isText(k) {
		return 0
	}
	rest := strings.TrimLeft(out[k].Text, " \t")
	end := strings.IndexAny(rest, " \t")
	if end < 0 {
		end = len(rest)
	}
	return len(strings.TrimRight(rest[:end], ".,;:!?…»)\"'"))
}

// tidy returns a copy of target ready to be escaped: adjacent text runs
// joined, blanks at both ends dropped, blanks after a line break code
// dropped, blanks just inside an emphasis or strikethrough moved outside
// it, a blank put between a bare URL and the text that touches it, and a
// "!" before a link or a ":" after a whole reference link set apart.
func tidy(source, target document.Content) document.Content {
	types := map[string]string{}
	data := map[string]string{}
	for _, c := range source.Codes() {
		types[c.ID] = c.Type
		data[c.ID+c.Kind.String()] = c.Data
	}
	var out document.Content
	for _, r := range target {
		if r.Code == nil && len(out) > 0 && out[len(out)-1].Code == nil {
			out[len(out)-1].Text += r.Text
			continue
		}
		out = append(out, document.Run{Text: r.Text, Code: r.Code})
	}
	isFmt := func(i int, kind document.CodeKind) bool {
		return i >= 0 && i < len(out) && out[i].Code != nil && out[i].Code.Kind == kind &&
			strings.HasPrefix(types[out[i].Code.ID], "fmt:")
	}
	isText := func(i int) bool { return i >= 0 && i < len(out) && out[i].Code == nil }
	out = fillEmptyPairs(out, isFmt, isText)
	for i := 0; i < len(out); i++ {
		switch {
		case isFmt(i, document.Open) && isText(i+1):
			t := out[i+1].Text
			trimmed := strings.TrimLeft(t, " \t\r\n")
			if blanks := t[:len(t)-len(trimmed)]; blanks != "" {
				out[i+1].Text = trimmed
				if isText(i - 1) {
					out[i-1].Text += blanks
				} else {
					out = append(out[:i], append(document.Content{{Text: blanks}}, out[i:]...)...)
					i++
				}
			}
		case isFmt(i, document.Close) && isText(i-1):
			t := out[i-1].Text
			trimmed := strings.TrimRight(t, " \t\r\n")
			if blanks := t[len(trimmed):]; blanks != "" {
				out[i-1].Text = trimmed
				if isText(i + 1) {
					out[i+1].Text = blanks + out[i+1].Text
				} else {
					out = append(out[:i+1], append(document.Content{{Text: blanks}}, out[i+1:]...)...)
				}
			}
		}
	}
	for i := range out {
		if out[i].Code != nil && i+1 < len(out) && out[i+1].Code == nil && types[out[i].Code.ID] == "break" {
			out[i+1].Text = strings.TrimLeft(out[i+1].Text, " \t\r\n")
		}
	}
	// goldmark's linkify takes a bare URL only after a blank or an
	// unescaped "*", "_", "~" or "(" (of which escapeProse keeps only "("),
	// and lengthens it with the letters that touch it.
	for i := range out {
		if out[i].Code == nil || types[out[i].Code.ID] != "autolink" || strings.HasPrefix(data[out[i].Code.ID+"standalone"], "<") {
			continue
		}
		if isText(i-1) && out[i-1].Text != "" && !strings.ContainsRune(" \t\n(", rune(out[i-1].Text[len(out[i-1].Text)-1])) {
			out[i-1].Text += " "
		}
		if isText(i+1) && out[i+1].Text != "" {
			if r, _ := utf8.DecodeRuneInString(out[i+1].Text); unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/-_#?=&%+~@", r) {
				out[i+1].Text = " " + out[i+1].Text
			}
		}
	}
	// "!" just before a link would make it an image; ":" just after a
	// whole reference link "[CGLU]" would make a reference definition.
	// Such a character gets a run of its own, which escapeProse escapes.
	for i := 0; i < len(out); i++ {
		if !isText(i) {
			continue
		}
		t := out[i].Text
		if len(t) > 1 && strings.HasSuffix(t, "!") && i+1 < len(out) && strings.HasPrefix(data[out[i+1].Code.ID+out[i+1].Code.Kind.String()], "[") {
			out[i].Text = t[:len(t)-1]
			out = append(out[:i+1], append(document.Content{{Text: "!"}}, out[i+1:]...)...)
			i++
		} else if len(t) > 1 && strings.HasPrefix(t, ":") && i > 0 && out[i-1].Code.Kind == document.Standalone &&
			strings.HasSuffix(data[out[i-1].Code.ID+out[i-1].Code.Kind.String()], "]") {
			out[i].Text = t[1:]
			out = append(out[:i], append(document.Content{{Text: ":"}}, out[i:]...)...)
			i++
		}
	}
	if isText(0) {
		out[0].Text = strings.TrimLeft(out[0].Text, " \t\r\n")
	}
	if n := len(out) - 1; isText(n) {
		out[n].Text = strings.TrimRight(out[n].Text, " \t\r\n")
	}
	return out
}
