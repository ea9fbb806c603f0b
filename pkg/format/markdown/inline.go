package markdown

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/relais-tm/relais/pkg/document"
)

// inline turns the inline nodes of one goldmark leaf block (a paragraph, a
// heading, a table cell) into runs that tile the block's lines.
//
// goldmark positions text, but not the markup between texts: the bytes of
// "**", "[", "](url "title")" are consumed by its inline parsers and belong
// to no node. inline walks the nodes in order with a cursor that moves over
// the block's lines; each node says how many bytes of markup it opens and
// closes with (an emphasis of level 2 opens with two "*" or "_"), and where
// the length is not known (the tail of a link, a code span) the bytes are
// read again with goldmark's own block reader, the way its parsers read
// them. Every text node must then land where the cursor is: if it does not
// (children returns false), the block is not mapped and is left out of the
// document, its bytes unchanged.
//
// goldmark parsed view, not src: a copy of src in which site syntax is
// masked (see site.go). The markup is read in view, as goldmark read it;
// runs and codes take their bytes from src. Text that covers site syntax
// becomes a code of it.
type inline struct {
	src     []byte
	view    []byte
	site    []siteSpan
	lines   []text.Segment
	segs    *text.Segments
	reader  text.BlockReader
	cur     int
	runs    document.Content
	verb    bool                              // the last run is verbatim text that may grow
	partner map[*document.Code]*document.Code // close → open
	attrs   []document.Block                  // titles of links and images
	siteOf  map[*document.Code]int            // codes of site syntax: the index of their piece in site
	ownLine map[*document.Code]bool           // codes of site syntax alone on their lines
	// codeSpans are the code spans of the block, where site syntax is
	// code content.
	codeSpans []document.Span
}

func newInline(src, view []byte, segs *text.Segments, site []siteSpan) *inline {
	x := &inline{src: src, view: view, site: site, segs: segs, lines: segs.Sliced(0, segs.Len())}
	x.reader = text.NewBlockReader(view, segs)
	x.cur = x.lines[0].Start
	return x
}

// end returns the end of the block's lines.
func (x *inline) end() int { return x.lines[len(x.lines)-1].Stop }

// line returns the index of the line holding offset p.
func (x *inline) line(p int) int {
	k := sort.Search(len(x.lines), func(i int) bool { return x.lines[i].Start > p }) - 1
	if k < 0 {
		k = 0
	}
	return k
}

// readerAt returns goldmark's block reader placed at offset p.
func (x *inline) readerAt(p int) text.BlockReader {
	k := x.line(p)
	x.reader.SetPosition(k, text.NewSegment(p, x.lines[k].Stop))
	return x.reader
}

// offset returns the source offset the reader stands at.
func offset(r text.BlockReader) int {
	_, seg := r.Position()
	return seg.Start
}

// children maps the children of n in order, then pairs inline HTML tags
// among them.
func (x *inline) children(n ast.Node) bool {
	var html []int
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.RawHTML); ok {
			html = append(html, len(x.runs))
		}
		if !x.node(c) {
			return false
		}
	}
	x.pairHTML(html)
	return true
}

// node maps one inline node at the cursor and moves the cursor past it.
func (x *inline) node(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Text:
		return x.textNode(n)
	case *ast.Emphasis:
		typ := "fmt:em"
		if n.Level == 2 {
			typ = "fmt:strong"
		}
		return x.pair(n, typ, n.Level, "*_")
	case *east.Strikethrough:
		// goldmark does not say how many "~" a strikethrough takes: the
		// run at the cursor (at most two), unless a strikethrough nested
		// first inside takes the second one ("~~a~ b~").
		k := 0
		for k < 2 && x.cur+k < x.end() && x.view[x.cur+k] == '~' {
			k++
		}
		if _, nested := n.FirstChild().(*east.Strikethrough); nested && k == 2 {
			k = 1
		}
		return k > 0 && x.pair(n, "fmt:del", k, "~")
	case *ast.CodeSpan:
		end, ok := x.codeSpanEnd()
		if !ok {
			return false
		}
		x.codeSpans = append(x.codeSpans, document.Span{Start: x.cur, End: end})
		x.code(document.Standalone, "code", x.cur, end)
		return true
	case *east.FootnoteLink:
		end, ok := x.footnoteEnd()
		if !ok {
			return false
		}
		x.code(document.Standalone, "footnote", x.cur, end)
		return true
	case *east.FootnoteBacklink:
		return true // added by goldmark to a footnote's text: no bytes
	case *east.TaskCheckBox:
		k := x.line(x.cur)
		m := taskMarker.FindIndex(x.view[x.cur:x.lines[k].Stop])
		if m == nil {
			return false
		}
		end := x.cur + m[1]
		if end >= x.lines[k].Stop && k+1 < len(x.lines) {
			end = x.lines[k+1].Start // goldmark's reader moves on to the next line
		}
		x.code(document.Standalone, "task", x.cur, end)
		return true
	case *ast.RawHTML:
		if n.Segments.Len() == 0 || n.Segments.At(0).Start != x.cur {
			return false
		}
		end := n.Segments.At(n.Segments.Len() - 1).Stop
		if end < x.cur || end > x.end() {
			return false
		}
		x.code(document.Standalone, "html", x.cur, end)
		return true
	case *ast.AutoLink:
		label := n.Label(x.view)
		end := x.cur + len(label)
		if x.cur < x.end() && x.view[x.cur] == '<' {
			end += 2
			if end > x.end() || !bytes.Equal(x.view[x.cur+1:end-1], label) || x.view[end-1] != '>' {
				return false
			}
		} else if end > x.end() || !bytes.Equal(x.view[x.cur:end], label) {
			return false
		}
		x.code(document.Standalone, "autolink", x.cur, end)
		return true
	case *ast.Link:
		return x.link(n, n.Reference, n.Destination, n.Title, false)
	case *ast.Image:
		return x.link(n, n.Reference, n.Destination, n.Title, true)
	}
	return false // a node this codec does not know: leave the block as it is
}

// textNode maps a text node and the line break that may follow it.
func (x *inline) textNode(n *ast.Text) bool {
	seg := n.Segment
	l := seg.Stop - seg.Start
	if l < 0 || x.cur+l > x.end() {
		return false
	}
	if seg.Start != x.cur {
		// goldmark keeps the unused characters of a closing delimiter run
		// ("*" after "*a**") at the run's start: the same bytes, one place
		// off. Accept a text whose bytes are the ones at the cursor.
		if seg.Start < 0 || seg.Stop > len(x.view) || !bytes.Equal(x.view[x.cur:x.cur+l], x.view[seg.Start:seg.Stop]) {
			return false
		}
	}
	x.text(x.cur, x.cur+l)
	x.cur += l
	if !n.SoftLineBreak() && !n.HardLineBreak() {
		return true
	}
	k := x.line(x.cur)
	if k+1 >= len(x.lines) || x.cur >= x.lines[k].Stop {
		return true // the last line: nothing follows
	}
	next := x.lines[k+1].Start
	if k := x.siteAt(x.cur, next); k >= 0 {
		x.sitePart(k, x.cur, next) // a line break inside site syntax
	} else if n.HardLineBreak() {
		x.code(document.Standalone, "break", x.cur, next)
	} else {
		x.atomic(" ", x.cur, next)
	}
	x.cur = next
	return true
}

// pair maps an emphasis or strikethrough: width delimiter characters (one of
// chars, the same at both ends), the children, the same characters again.
func (x *inline) pair(n ast.Node, typ string, width int, chars string) bool {
	if width <= 0 || x.cur >= x.end() || strings.IndexByte(chars, x.view[x.cur]) < 0 {
		return false
	}
	ch := x.view[x.cur]
	if !x.repeated(ch, width) {
		return false
	}
	open := x.code(document.Open, typ, x.cur, x.cur+width)
	if !x.children(n) || !x.repeated(ch, width) {
		return false
	}
	x.pairUp(open, x.code(document.Close, typ, x.cur, x.cur+width))
	return true
}

// repeated reports whether the n bytes at the cursor are all c.
func (x *inline) repeated(c byte, n int) bool {
	if x.cur+n > x.end() {
		return false
	}
	for i := x.cur; i < x.cur+n; i++ {
		if x.view[i] != c {
			return false
		}
	}
	return true
}

// codeSpanEnd finds the end of the code span at the cursor as goldmark's
// code span parser does: the next run of as many backticks, possibly on a
// later line.
func (x *inline) codeSpanEnd() (int, bool) {
	n := 0
	for x.cur+n < x.end() && x.view[x.cur+n] == '`' {
		n++
	}
	if n == 0 {
		return 0, false
	}
	r := x.readerAt(x.cur + n)
	for {
		line, seg := r.PeekLine()
		if line == nil {
			return 0, false
		}
		for i := 0; i < len(line); i++ {
			if line[i] != '`' {
				continue
			}
			j := i
			for j < len(line) && line[j] == '`' {
				j++
			}
			if j-i == n {
				return seg.Start + j - seg.Padding, true
			}
			i = j - 1
		}
		r.AdvanceLine()
	}
}

var closureOptions = text.FindClosureOptions{Nesting: false, Newline: true, Advance: true}

// link maps a link or an image: "[" (or "!["), the text, and the closing
// bytes "](destination "title")" or "][label]", read as goldmark's link
// parser reads them. A title becomes an Attribute block inside the closing
// code. A collapsed ("[texte][]") or shortcut ("[texte]") reference link
// becomes one standalone code: its text is the reference label, which a
// translation would break.
func (x *inline) link(n ast.Node, ref *ast.ReferenceLink, dest, title []byte, image bool) bool {
	start := x.cur
	runs, attrs := len(x.runs), len(x.attrs)
	typ, open := "link", "["
	if image {
		typ, open = "image", "!["
	}
	if !bytes.HasPrefix(x.view[x.cur:x.end()], []byte(open)) {
		return false
	}
	oc := x.code(document.Open, typ, x.cur, x.cur+len(open))
	if !x.children(n) || x.cur >= x.end() || x.view[x.cur] != ']' {
		return false
	}
	tail := x.cur
	r := x.readerAt(tail + 1)
	var titleSegs *text.Segments
	var end int
	switch {
	case ref == nil:
		var ok bool
		if titleSegs, ok = inlineTail(r, dest, title); !ok {
			return false
		}
		end = offset(r)
	case ref.Type == ast.ReferenceLinkFull || ref.Type == ast.ReferenceLinkCollapsed:
		if r.Peek() != '[' {
			return false
		}
		r.Advance(1)
		if _, found := r.FindClosure('[', ']', closureOptions); !found {
			return false
		}
		end = offset(r)
	default:
		end = tail + 1
	}
	if end <= tail || end > x.end() {
		return false
	}
	if ref != nil && ref.Type != ast.ReferenceLinkFull {
		x.runs, x.attrs = x.runs[:runs], x.attrs[:attrs]
		x.verb = false
		x.code(document.Standalone, typ, start, end)
		x.cur = end
		return true
	}
	x.pairUp(oc, x.code(document.Close, typ, tail, end))
	x.cur = end
	if titleSegs != nil && !x.hasSite(tail, end) {
		x.title(titleSegs) // a title holding site syntax stays in its code, untranslated
	}
	return true
}

// inlineTail reads "(destination "title")" after a link's "]" as goldmark
// does, checks that it finds the destination and title goldmark found, and
// returns the title's pieces (one per line).
func inlineTail(r text.BlockReader, dest, title []byte) (*text.Segments, bool) {
	if r.Peek() != '(' {
		return nil, false
	}
	r.Advance(1)
	r.SkipSpaces()
	if r.Peek() == ')' {
		r.Advance(1)
		return nil, len(dest) == 0 && len(title) == 0
	}
	d, ok := linkDestination(r)
	if !ok || !bytes.Equal(d, dest) {
		return nil, false
	}
	r.SkipSpaces()
	if r.Peek() == ')' {
		r.Advance(1)
		return nil, len(title) == 0
	}
	opener := r.Peek()
	closer := opener
	switch opener {
	case '"', '\'':
	case '(':
		closer = ')'
	default:
		return nil, false
	}
	r.Advance(1)
	segs, found := r.FindClosure(opener, closer, closureOptions)
	if !found {
		return nil, false
	}
	var got []byte
	for i := 0; i < segs.Len(); i++ {
		got = append(got, r.Value(segs.At(i))...)
	}
	if !bytes.Equal(got, title) {
		return nil, false
	}
	r.SkipSpaces()
	if r.Peek() != ')' {
		return nil, false
	}
	r.Advance(1)
	return segs, true
}

// linkDestination reads a link destination as goldmark does: "<…>" or a
// run of non-blank bytes with balanced parentheses.
func linkDestination(r text.BlockReader) ([]byte, bool) {
	r.SkipSpaces()
	line, _ := r.PeekLine()
	if r.Peek() == '<' {
		for i := 1; i < len(line); i++ {
			switch {
			case line[i] == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]):
				i++
			case line[i] == '>':
				r.Advance(i + 1)
				return line[1:i], true
			}
		}
		return nil, false
	}
	opened, i := 0, 0
loop:
	for i < len(line) {
		c := line[i]
		switch {
		case c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]):
			i += 2
			continue
		case c == '(':
			opened++
		case c == ')':
			opened--
			if opened < 0 {
				break loop
			}
		case util.IsSpace(c):
			break loop
		}
		i++
	}
	r.Advance(i)
	return line[:i], i != 0
}

// title adds the Attribute block of a link or image title, given its
// pieces (the title's text on each line it spans).
func (x *inline) title(segs *text.Segments) {
	t := &inline{src: x.src}
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		end := s.Stop
		if i < segs.Len()-1 {
			for end > s.Start && (x.src[end-1] == '\n' || x.src[end-1] == '\r') {
				end--
			}
		}
		t.text(s.Start, end)
		if i < segs.Len()-1 {
			t.atomic(" ", end, segs.At(i+1).Start)
		}
	}
	runs := trimBlankRuns(x.src, t.runs)
	if hasWordChar(runs) {
		x.attrs = append(x.attrs, document.Block{Kind: document.Attribute, Name: "title", Span: runs.Span(), Content: runs})
	}
}

// text adds the source bytes [start, end) as text (see plain), or as codes
// where they are site syntax.
func (x *inline) text(start, end int) {
	for len(x.site) > 0 && start < end {
		k := siteIndex(x.site, start)
		if k == len(x.site) || x.site[k].start >= end {
			break
		}
		s := x.site[k]
		if s.start > start {
			x.plain(start, s.start)
			start = s.start
		}
		e := min(s.end, end)
		x.sitePart(k, start, e)
		start = e
	}
	x.plain(start, end)
}

// plain adds the source bytes [start, end) as text: verbatim runs, and an
// atomic run for each backslash escape ("\*" reads "*") and each entity or
// numeric character reference ("&amp;" reads "&").
func (x *inline) plain(start, end int) {
	from := start
	for i := start; i < end; {
		c := x.src[i]
		if c == '\\' && i+1 < end && util.IsPunct(x.src[i+1]) {
			x.verbatim(from, i)
			x.atomic(string(x.src[i+1]), i, i+2)
			i += 2
			from = i
			continue
		}
		if c == '&' {
			if s, n := entity(x.src[i:end]); n > 0 {
				x.verbatim(from, i)
				x.atomic(s, i, i+n)
				i += n
				from = i
				continue
			}
		}
		i++
	}
	x.verbatim(from, end)
}

// entity decodes the character reference at the start of b as goldmark
// does, returning its text and length, or a zero length.
func entity(b []byte) (string, int) {
	if len(b) < 3 || b[0] != '&' {
		return "", 0
	}
	if b[1] == '#' {
		i, base := 2, 10
		if len(b) > 2 && (b[2] == 'x' || b[2] == 'X') {
			i, base = 3, 16
		}
		j := i
		for j < len(b) && (base == 10 && util.IsNumeric(b[j]) || base == 16 && util.IsHexDecimal(b[j])) {
			j++
		}
		if j == i || j == len(b) || b[j] != ';' || base == 10 && j-i > 7 {
			return "", 0
		}
		v, err := strconv.ParseUint(string(b[i:j]), base, 32)
		if err != nil {
			v = 0
		}
		return string(util.ToValidRune(rune(v))), j + 1
	}
	j := 1
	for j < len(b) && util.IsAlphaNumeric(b[j]) {
		j++
	}
	if j == 1 || j == len(b) || b[j] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(b[1:j]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), j + 1
}

// verbatim adds source bytes as text, growing the previous run when it is
// verbatim text that ends where these start.
func (x *inline) verbatim(start, end int) {
	if end <= start {
		return
	}
	if x.verb {
		last := &x.runs[len(x.runs)-1]
		if last.Span.End == start {
			last.Text = string(x.src[last.Span.Start:end])
			last.Span.End = end
			return
		}
	}
	x.runs = append(x.runs, document.Run{Text: string(x.src[start:end]), Span: document.Span{Start: start, End: end}})
	x.verb = true
}

// atomic adds a text run that reads differently from its source bytes.
func (x *inline) atomic(s string, start, end int) {
	x.runs = append(x.runs, document.Run{Text: s, Span: document.Span{Start: start, End: end}})
	x.verb = false
}

// code adds a code whose data are the source bytes [start, end) and moves
// the cursor past them.
func (x *inline) code(kind document.CodeKind, typ string, start, end int) *document.Code {
	data := string(x.src[start:end])
	c := &document.Code{Kind: kind, Type: typ, Data: data, Disp: display(kind, typ, data)}
	x.runs = append(x.runs, document.Run{Code: c, Span: document.Span{Start: start, End: end}})
	x.verb = false
	x.cur = end
	return c
}

// pairUp records that close closes open.
func (x *inline) pairUp(open, close *document.Code) {
	if x.partner == nil {
		x.partner = map[*document.Code]*document.Code{}
	}
	x.partner[close] = open
}

// display returns the short form of a code shown to reviewers.
func display(kind document.CodeKind, typ, data string) string {
	switch {
	case typ == "break":
		return "↵"
	case kind == document.Close && (typ == "link" || typ == "image") && strings.HasPrefix(data, "]("):
		return "](…)"
	case kind == document.Close && (typ == "link" || typ == "image") && strings.HasPrefix(data, "]["):
		return "][…]"
	}
	data = strings.Join(strings.Fields(data), " ")
	if utf8.RuneCountInString(data) > 24 {
		r := []rune(data)
		return string(r[:20]) + "…" + string(r[len(r)-1])
	}
	return data
}

// pairHTML turns an inline opening tag and the matching closing tag among
// the runs at the indexes given (siblings in the tree) into a pair of codes.
// Void elements, self-closing tags, comments and unmatched tags stay
// standalone.
func (x *inline) pairHTML(idx []int) {
	type open struct {
		name string
		code *document.Code
	}
	var stack []open
	for _, i := range idx {
		if i >= len(x.runs) || x.runs[i].Code == nil {
			continue
		}
		c := x.runs[i].Code
		name, closing, ok := htmlTag(c.Data)
		switch {
		case !ok:
		case !closing:
			stack = append(stack, open{name, c})
		case len(stack) > 0 && stack[len(stack)-1].name == name:
			o := stack[len(stack)-1].code
			stack = stack[:len(stack)-1]
			o.Kind, c.Kind = document.Open, document.Close
			x.pairUp(o, c)
		default:
			stack = stack[:0] // tags that cross: pair none of the earlier ones
		}
	}
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// htmlTag reads an opening or closing tag that may pair: its lower-case
// name and whether it closes.
func htmlTag(s string) (name string, closing, ok bool) {
	if len(s) < 3 || s[0] != '<' || s[len(s)-1] != '>' || strings.HasSuffix(s, "/>") {
		return "", false, false
	}
	s = s[1:]
	if s[0] == '/' {
		closing = true
		s = s[1:]
	}
	i := 0
	for i < len(s) && (util.IsAlphaNumeric(s[i]) || s[i] == '-') {
		i++
	}
	if i == 0 {
		return "", false, false
	}
	name = strings.ToLower(s[:i])
	return name, closing, !voidElements[name]
}

// finish numbers the codes ("1", "2"…, a close taking its open's number)
// and returns the runs.
func (x *inline) finish() document.Content {
	if x.siteOf != nil {
		x.joinSiteParts()
		x.absorbLineBreaks()
		x.pairSite()
	}
	x.absorbDelimiters()
	n := 0
	for _, r := range x.runs {
		if r.Code == nil {
			continue
		}
		if o, ok := x.partner[r.Code]; ok && r.Code.Kind == document.Close {
			r.Code.ID = o.ID
			continue
		}
		n++
		r.Code.ID = strconv.Itoa(n)
	}
	return x.runs
}

// absorbDelimiters moves into an emphasis or strikethrough code the
// characters of its delimiter run that goldmark left as text ("**a*" opens
// with "*" and leaves a "*"): the length of the whole run decides how
// goldmark pairs delimiters, so a translation must not change it.
func (x *inline) absorbDelimiters() {
	out := x.runs[:0]
	for i := 0; i < len(x.runs); i++ {
		r := x.runs[i]
		c := r.Code
		if c == nil || !strings.HasPrefix(c.Type, "fmt:") {
			out = append(out, r)
			continue
		}
		ch := c.Data[0]
		if n := len(out); c.Kind == document.Open && n > 0 && isVerbatim(x.src, out[n-1]) {
			prev := &out[n-1]
			k := len(prev.Text) - len(strings.TrimRight(prev.Text, string(ch)))
			prev.Text = prev.Text[:len(prev.Text)-k]
			prev.Span.End -= k
			r.Span.Start -= k
			if prev.Text == "" {
				out = out[:n-1]
			}
		}
		if c.Kind == document.Close && i+1 < len(x.runs) && isVerbatim(x.src, x.runs[i+1]) {
			next := &x.runs[i+1]
			k := len(next.Text) - len(strings.TrimLeft(next.Text, string(ch)))
			next.Text = next.Text[k:]
			next.Span.Start += k
			r.Span.End += k
			if next.Text == "" {
				i++
			}
		}
		c.Data = string(x.src[r.Span.Start:r.Span.End])
		c.Disp = display(c.Kind, c.Type, c.Data)
		out = append(out, r)
	}
	x.runs = out
}

// trimBlankRuns returns runs without the blanks at either end: verbatim
// runs are cut, atomic runs that read as blanks are left out. runs itself
// is not modified.
func trimBlankRuns(src []byte, runs document.Content) document.Content {
	out, copied := runs, false
	set := func(i int, r document.Run) {
		if !copied {
			out, copied = append(document.Content(nil), out...), true
		}
		out[i] = r
	}
	for len(out) > 0 {
		i, r := 0, out[0]
		if r.Code == nil && !isVerbatim(src, r) && strings.TrimSpace(r.Text) == "" {
			out = out[1:]
			continue
		}
		if r.Code == nil && isVerbatim(src, r) {
			t := strings.TrimLeft(r.Text, " \t\r\n")
			if t == "" {
				out = out[1:]
				continue
			}
			r.Span.Start += len(r.Text) - len(t)
			r.Text = t
			if r.Span != out[i].Span {
				set(i, r)
			}
		}
		break
	}
	for len(out) > 0 {
		i := len(out) - 1
		r := out[i]
		if r.Code == nil && !isVerbatim(src, r) && strings.TrimSpace(r.Text) == "" {
			out = out[:i]
			continue
		}
		if r.Code == nil && isVerbatim(src, r) {
			t := strings.TrimRight(r.Text, " \t\r\n")
			if t == "" {
				out = out[:i]
				continue
			}
			r.Span.End -= len(r.Text) - len(t)
			r.Text = t
			if r.Span != out[i].Span {
				set(i, r)
			}
		}
		break
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func isVerbatim(src []byte, r document.Run) bool {
	return r.Code == nil && r.Span.End <= len(src) && r.Span.Start <= r.Span.End && string(src[r.Span.Start:r.Span.End]) == r.Text
}

// hasWordChar reports whether c's text holds a letter or a digit: a block
// without one has nothing to translate.
func hasWordChar(c document.Content) bool {
	for _, r := range c {
		if r.Code == nil && strings.IndexFunc(r.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			return true
		}
	}
	return false
}
