package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// maskBlocks finds the block-level site syntax of src that goldmark does not
// know, rewrites parse (a copy of src that goldmark will read, front matter
// already blanked) in place so that goldmark sees the blocks the site
// generator sees, and returns the titles it found, as Heading blocks named
// "title" (a title is Markdown: a merge escapes it as it escapes a
// heading). parse keeps src's length, so goldmark's offsets stay offsets
// into src; every byte maskBlocks hides lies outside the blocks goldmark
// finds, so a merge writes it back unchanged.
//
//   - Docusaurus admonitions: a line ":::type", ":::type[Title]",
//     ":::type Title" (with more colons for an outer one) and its closing
//     line of colons become blank lines, so the body is its own blocks
//     instead of being merged with the paragraphs around it.
//     Pandoc fenced divs ("::: {.classe}", "::: classe") are read alike.
//   - MkDocs admonitions and content tabs: a line "!!! type "Title"",
//     "??? type", "???+ type", "=== "Tab"" becomes a blank line, and the
//     four spaces that indent the first line of its body become "-   ": the
//     body, indented code to goldmark, parses as the content of a list item
//     at the same offsets (blank lines and fenced code inside stay in it).
//   - In MDX (mdx set): import and export statements that start a block,
//     "{/* … */}" comments and JSX tags ("<Tabs>", "</TabItem>",
//     "<Foo />", on one line or several) that sit alone on their lines
//     become blank lines, so that the children of a JSX element parse as
//     Markdown instead of as an HTML block.
//
// syn says which of the admonition syntaxes are read. Nothing inside a
// fenced code block is touched. A marker that is never
// closed, or that does not match the syntax exactly, stays as it is, prose
// to goldmark.
func maskBlocks(src, parse []byte, mdx bool, syn siteSyntax) []document.Block {
	m := masker{src: src, parse: parse, mdx: mdx, syn: syn, afterBlank: true}
	for s := 0; s < len(parse); {
		e := bytes.IndexByte(parse[s:], '\n')
		next := len(parse)
		if e < 0 {
			e = len(parse)
		} else {
			e += s
			next = e + 1
		}
		if e > s && parse[e-1] == '\r' {
			e--
		}
		if n := m.line(s, e); n > next {
			next = n
		}
		s = next
	}
	return m.blocks
}

// masker holds the state of maskBlocks over the lines of one document.
type masker struct {
	src, parse []byte
	mdx        bool
	syn        siteSyntax // which block syntax is read (MDX aside)
	blocks     []document.Block
	boxes      []box       // open MkDocs admonitions and tabs, innermost last
	colons     []colonOpen // open Docusaurus admonitions, innermost last
	fence      codeFence   // the fenced code block the line is in, if open
	esm        bool        // inside an MDX import or export block
	afterBlank bool        // the previous line was blank (or there was none)
}

// box is an open MkDocs admonition or content tab.
type box struct {
	indent  int  // the indentation of its body, in spaces
	started bool // its first body line has its list marker
}

// colonOpen is the opening line of a Docusaurus admonition waiting for its
// closing line.
type colonOpen struct {
	n          int           // the number of colons
	start, end int           // the marker, from the first colon to the line ending
	title      document.Span // the title in the source, empty if none
}

// codeFence is a fenced code block.
type codeFence struct {
	open  bool
	ch    byte // '`' or '~'
	n     int  // the length of the opening run
	depth int  // the number of boxes open when it opened
}

// line handles the line parse[s:e] (e before the line ending) and returns
// where the next line to read starts, or 0 for the line after this one.
func (m *masker) line(s, e int) int {
	line := m.parse[s:e]
	ind := 0
	for ind < len(line) && line[ind] == ' ' {
		ind++
	}
	blank := len(bytes.Trim(line, " \t")) == 0
	defer func() { m.afterBlank = blank }()
	if !blank {
		for len(m.boxes) > 0 && ind < m.boxes[len(m.boxes)-1].indent {
			m.boxes = m.boxes[:len(m.boxes)-1]
			if m.fence.open && m.fence.depth > len(m.boxes) {
				m.fence.open = false // a container's end ends its fenced code
			}
		}
	}
	if m.fence.open {
		if closesFence(line[ind:], m.fence) {
			m.fence.open = false
		}
		return 0
	}
	if m.esm {
		if blank {
			m.esm = false
		} else {
			m.blank(s, e)
			blank = true
		}
		return 0
	}
	if blank {
		return 0
	}
	lead := ind // the indentation, tabs too
	for lead < len(line) && (line[lead] == ' ' || line[lead] == '\t') {
		lead++
	}
	rest := line[lead:]
	base := 0 // the indentation of the box the line is in
	if len(m.boxes) > 0 {
		base = m.boxes[len(m.boxes)-1].indent
	}
	// Indented four or more past its box, a fence is text or indented
	// code, except in MDX, which has no indented code.
	if ch, n := opensFence(rest); n > 0 && (m.mdx || lead-base < 4) {
		if m.mdx && lead >= 4 && len(m.boxes) == 0 {
			// MDX has no indented code: an indented fence opens, even
			// inside a paragraph, where goldmark would read text on. It
			// is then a list item's to goldmark, which a line indented
			// less ends, and the fence with it.
			m.unindent(s, lead)
			m.boxes = append(m.boxes, box{indent: lead, started: true})
		}
		m.start(s)
		m.fence = codeFence{open: true, ch: ch, n: n, depth: len(m.boxes)}
		return 0
	}
	if lead == ind && m.syn.mkdocs {
		if ok, title := mkdocsMarker(rest); ok {
			m.blank(s, e)
			blank = true
			m.boxes = append(m.boxes, box{indent: ind + 4})
			if title.End > title.Start {
				m.title(s+ind+title.Start, s+ind+title.End)
			}
			return 0
		}
	}
	if m.syn.colonFences && m.colonLine(s, e, lead) {
		return 0
	}
	if m.mdx {
		if next, ok := m.mdxLine(s, e, lead); ok {
			blank = true
			return next
		}
		if m.afterBlank && len(m.boxes) == 0 {
			m.unindent(s, lead)
		}
	}
	m.start(s)
	return 0
}

// unindent makes the MDX line at s, indented by lead blanks and starting
// a block, read as text rather than as indented code, which MDX does not
// have: its tabs become spaces, and each four spaces left become "-   ",
// list items whose content starts where the text does.
func (m *masker) unindent(s, lead int) {
	for i := s; i < s+lead; i++ {
		m.parse[i] = ' '
	}
	for k := 0; k+4 <= lead; k += 4 {
		copy(m.parse[s+k:], "-   ")
	}
}

// blank replaces parse[s:e] by spaces, line endings aside.
func (m *masker) blank(s, e int) {
	for i := s; i < e; i++ {
		if c := m.parse[i]; c != '\n' && c != '\r' {
			m.parse[i] = ' '
		}
	}
}

// start marks the line at s as the first body line of every open box
// that has none yet: the four spaces before its body become "-   ", a
// list marker whose content starts where the body does.
func (m *masker) start(s int) {
	for i := range m.boxes {
		b := &m.boxes[i]
		if b.started {
			continue
		}
		copy(m.parse[s+b.indent-4:], "-   ")
		b.started = true
	}
}

// title adds the title block of the bytes src[start:end], if it has a
// letter or a digit.
func (m *masker) title(start, end int) {
	if b, ok := titleBlock(m.src, start, end); ok {
		m.blocks = append(m.blocks, b)
	}
}

// opensFence reports the character and length of the fence that line
// (without its indentation) opens, or a zero length.
func opensFence(line []byte) (byte, int) {
	if len(line) < 3 || line[0] != '`' && line[0] != '~' {
		return 0, 0
	}
	ch := line[0]
	n := 0
	for n < len(line) && line[n] == ch {
		n++
	}
	if n < 3 || ch == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return 0, 0
	}
	return ch, n
}

// closesFence reports whether line (without its indentation) closes f.
func closesFence(line []byte, f codeFence) bool {
	n := 0
	for n < len(line) && line[n] == f.ch {
		n++
	}
	return n >= f.n && len(bytes.Trim(line[n:], " \t")) == 0
}

// mkdocsMarker reads the first line of an MkDocs admonition ("!!! type",
// "!!! type "Title"", "??? type", "???+ type "Title"") or content tab
// ("=== "Tab"", "===+ "Tab"") as Python-Markdown's admonition and
// PyMdown's details and tabbed extensions do, and returns the title's
// place in line (empty when there is none).
func mkdocsMarker(line []byte) (bool, document.Span) {
	var none document.Span
	if len(line) < 3 {
		return false, none
	}
	kind := line[0]
	if kind != '!' && kind != '?' && kind != '=' || line[1] != kind || line[2] != kind {
		return false, none
	}
	i := 3
	switch kind {
	case '?':
		if i < len(line) && line[i] == '+' {
			i++
		}
	case '=':
		for k := 0; k < 2 && i < len(line) && (line[i] == '!' || line[i] == '+'); k++ {
			i++
		}
	}
	title := func(i int) (bool, document.Span) {
		// " +"(.*?)" *$": the title runs to the last quote of the line.
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j == i || j >= len(line) || line[j] != '"' {
			return false, none
		}
		end := len(bytes.TrimRight(line, " "))
		if end-1 <= j || line[end-1] != '"' {
			return false, none
		}
		return true, document.Span{Start: j + 1, End: end - 1}
	}
	if kind == '=' {
		return title(i)
	}
	if i < len(line) && line[i] == ' ' {
		i++
	}
	// Words: "[\w-]+( +[\w-]+)*".
	words := 0
	for {
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRune(line[j:])
			if r != '_' && r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		if j == i {
			break
		}
		words++
		i = j
		k := i
		for k < len(line) && line[k] == ' ' {
			k++
		}
		if k == i || k == len(line) || line[k] == '"' {
			break
		}
		i = k
	}
	if len(bytes.TrimRight(line[i:], " ")) == 0 {
		return words > 0, none
	}
	if words == 0 && kind == '!' {
		return false, none
	}
	return title(i)
}

// colonLine handles a Docusaurus admonition line at parse[s:e] indented by
// ind spaces: an opening line is remembered; a closing line of at least as
// many colons as the innermost open one closes it, and both lines become
// blank. It reports whether the line was either.
func (m *masker) colonLine(s, e, ind int) bool {
	line := m.parse[s+ind : e]
	n := 0
	for n < len(line) && line[n] == ':' {
		n++
	}
	if n < 3 {
		return false
	}
	if len(bytes.Trim(line[n:], " \t")) == 0 {
		k := len(m.colons) - 1
		if k < 0 || m.colons[k].n > n {
			return false
		}
		o := m.colons[k]
		m.colons = m.colons[:k]
		m.blank(o.start, o.end)
		m.blank(s+ind, e)
		if o.title.End > o.title.Start {
			m.title(o.title.Start, o.title.End)
		}
		return true
	}
	title, ok := colonOpener(line, n)
	if !ok {
		return false
	}
	if title.End > title.Start {
		title.Start += s + ind
		title.End += s + ind
	}
	m.colons = append(m.colons, colonOpen{n: n, start: s + ind, end: e, title: title})
	// Prose if it is never closed: the first line of a box's body, maybe.
	m.start(s)
	return true
}

// colonOpener reads the opening line of a Docusaurus admonition after its
// n colons: a type name, then "[Title]" and "{attributes}", or a title
// after a blank (the older form); or the opening line of a Pandoc fenced
// div. It returns the title's place in line.
func colonOpener(line []byte, n int) (document.Span, bool) {
	var title document.Span
	i := n
	if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		return title, pandocDiv(line[i:])
	}
	if i >= len(line) || !isASCIILetter(line[i]) {
		return title, false
	}
	for i < len(line) && (isASCIILetter(line[i]) || line[i] >= '0' && line[i] <= '9' || line[i] == '-' || line[i] == '_') {
		i++
	}
	if i < len(line) && line[i] == '[' {
		end, ok := closing(line, i, '[', ']')
		if !ok {
			return title, false
		}
		title = document.Span{Start: i + 1, End: end}
		i = end + 1
	}
	if i < len(line) && line[i] == '{' {
		end, ok := closing(line, i, '{', '}')
		if !ok {
			return title, false
		}
		i = end + 1
	}
	rest := bytes.TrimRight(line[i:], " \t")
	switch {
	case len(rest) == 0:
		return title, true
	case title.End == 0 && (rest[0] == ' ' || rest[0] == '\t'):
		j := i
		for line[j] == ' ' || line[j] == '\t' {
			j++
		}
		return document.Span{Start: j, End: i + len(rest)}, true
	}
	return title, false
}

// pandocDiv reports whether rest, what follows the colons of a line, opens
// a Pandoc fenced div: blanks, then attributes ("{.classe #id}") or one
// word (a class), then, optionally, more colons.
func pandocDiv(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t")
	switch {
	case len(rest) > 0 && rest[0] == '{':
		end, ok := closing(rest, 0, '{', '}')
		if !ok {
			return false
		}
		rest = rest[end+1:]
	default:
		k := 0
		for k < len(rest) && rest[k] != ' ' && rest[k] != '\t' && rest[k] != ':' {
			k++
		}
		if k == 0 {
			return false
		}
		rest = rest[k:]
	}
	return len(bytes.Trim(bytes.TrimLeft(rest, " \t"), ": \t")) == 0
}

// closing returns the index of the close byte that matches the open byte
// at line[i], nested pairs and backslash escapes skipped.
func closing(line []byte, i int, open, close byte) (int, bool) {
	depth := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mdxLine handles the MDX syntax that may start the line parse[s:e]
// (indented by ind spaces): an import or export statement, a "{/* … */}"
// comment, or JSX tags alone on their lines. It blanks them and returns
// where the next line to read starts.
func (m *masker) mdxLine(s, e, ind int) (int, bool) {
	rest := m.parse[s+ind : e]
	if ind == 0 && m.afterBlank && (esmStart(rest, "import") || esmStart(rest, "export")) {
		// An ESM block runs to the next blank line.
		m.blank(s, e)
		m.esm = true
		return 0, true
	}
	p := s + ind
	if bytes.HasPrefix(rest, []byte("{/*")) {
		k := bytes.Index(m.parse[p+3:], []byte("*/}"))
		if k < 0 {
			return 0, false
		}
		p += 3 + k + 3
	} else {
		var ok bool
		if p, ok = m.jsxTags(p); !ok {
			return 0, false
		}
	}
	// What follows on the last line must be blank.
	end := p
	for end < len(m.parse) && m.parse[end] != '\n' {
		end++
	}
	if len(bytes.Trim(m.parse[p:end], " \t\r")) != 0 {
		return 0, false
	}
	m.blank(s, end)
	return end + 1, true
}

// esmStart reports whether line starts with the keyword kw followed by a
// blank, "{" or "*".
func esmStart(line []byte, kw string) bool {
	return len(line) > len(kw) && string(line[:len(kw)]) == kw && strings.IndexByte(" \t{*", line[len(kw)]) >= 0
}

// jsxTags reads the JSX tags that follow each other from parse[p] (blanks
// between them), each possibly over several lines, and returns where the
// last one ends. Tags of HTML elements whose content is raw text (script,
// style, pre, textarea) are not taken: goldmark must keep their content
// out of the text.
func (m *masker) jsxTags(p int) (int, bool) {
	found := false
	for {
		end, ok := m.jsxTag(p)
		if !ok {
			return p, found
		}
		found = true
		p = end
		for p < len(m.parse) && (m.parse[p] == ' ' || m.parse[p] == '\t') {
			p++
		}
		if p >= len(m.parse) || m.parse[p] != '<' {
			return p, true
		}
	}
}

// rawTextElements hold text that is not Markdown.
var rawTextElements = [...]string{"script", "style", "pre", "textarea"}

// jsxTag reads one JSX tag at parse[p] ("<Name …>", "</Name>", "<Name />",
// "<>", "</>"): quoted strings and braced expressions in it may hold ">"
// and line endings. It returns where the tag ends.
func (m *masker) jsxTag(p int) (int, bool) {
	b := m.parse
	if p+1 >= len(b) || b[p] != '<' {
		return 0, false
	}
	i := p + 1
	if b[i] == '/' {
		i++
	}
	nameStart := i
	for i < len(b) && (isASCIILetter(b[i]) || i > nameStart && (b[i] >= '0' && b[i] <= '9' || b[i] == '.' || b[i] == '-' || b[i] == '_')) {
		i++
	}
	if i == nameStart && (i >= len(b) || b[i] != '>') {
		return 0, false
	}
	for _, raw := range rawTextElements {
		if strings.EqualFold(string(b[nameStart:i]), raw) {
			return 0, false
		}
	}
	if i < len(b) && b[i] != '>' && b[i] != '/' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		return 0, false
	}
	depth := 0
	var quote byte
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n' && blankLineAt(b, i+1):
			return 0, false // a blank line ends a tag that never closed
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '>' && depth <= 0:
			return i + 1, true
		}
	}
	return 0, false
}

// blankLineAt reports whether the line that starts at b[i] is blank.
// blankLine reports whether b holds a line with nothing but blanks
// between two line feeds.
func blankLine(b []byte) bool {
	for i := bytes.IndexByte(b, '\n'); i >= 0; {
		next := bytes.IndexByte(b[i+1:], '\n')
		if next < 0 {
			return false
		}
		if blankLineAt(b[:i+1+next], i+1) {
			return true
		}
		i += 1 + next
	}
	return false
}

func blankLineAt(b []byte, i int) bool {
	for ; i < len(b) && b[i] != '\n'; i++ {
		if b[i] != ' ' && b[i] != '\t' && b[i] != '\r' {
			return false
		}
	}
	return true
}

// titleBlock returns the Heading block named "title" for the title text
// src[start:end] of an admonition or a tab: code spans and emoji
// shortcodes (":warning:") are standalone codes, an inline link or image
// "[" … "](url)" a pair of codes, backslash escapes and character
// references atomic text. It reports false for a title with no
// letter or digit.
func titleBlock(src []byte, start, end int) (document.Block, bool) {
	t := &inline{src: src}
	from := start
	for i := start; i < end; {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '`':
			n := 0
			for i+n < end && src[i+n] == '`' {
				n++
			}
			if j := codeSpanClose(src[i+n:end], n); j >= 0 {
				t.text(from, i)
				t.code(document.Standalone, "code", i, i+n+j)
				i += n + j
				from = i
				continue
			}
			i += n
			continue
		case '[':
			k, ok := closing(src[:end], i, '[', ']')
			if !ok || k+1 >= end || src[k+1] != '(' {
				break
			}
			m, ok := closing(src[:end], k+1, '(', ')')
			if !ok {
				break
			}
			typ, open := "link", i
			if i > from && src[i-1] == '!' {
				typ, open = "image", i-1
			}
			t.text(from, open)
			o := t.code(document.Open, typ, open, i+1)
			t.text(i+1, k)
			t.pairUp(o, t.code(document.Close, typ, k, m+1))
			i = m + 1
			from = i
			continue
		case ':':
			j := i + 1
			for j < end && (src[j] >= 'a' && src[j] <= 'z' || src[j] >= '0' && src[j] <= '9' || src[j] == '_' || src[j] == '-' || src[j] == '+') {
				j++
			}
			if j > i+1 && j < end && src[j] == ':' {
				t.text(from, i)
				t.code(document.Standalone, "emoji", i, j+1)
				i = j + 1
				from = i
				continue
			}
		}
		i++
	}
	if end > from {
		t.text(from, min(end, len(src)))
	}
	runs := trimBlankRuns(src, t.finish())
	if !hasWordChar(runs) {
		return document.Block{}, false
	}
	return document.Block{Kind: document.Heading, Name: "title", Span: runs.Span(), Content: runs}, true
}

// codeSpanClose returns the end, in b, of the first run of exactly n
// backticks, or -1.
func codeSpanClose[T string | []byte](b T, n int) int {
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] == '`' {
			j++
		}
		if j-i == n {
			return j
		}
		i = j
	}
	return -1
}

// isMDX reports whether the document at path is MDX (".mdx"): Extract
// decides from the path it is given, so that every caller reads an MDX
// page as MDX with the one Markdown codec.
func isMDX(path string) bool {
	return len(path) >= 4 && strings.EqualFold(path[len(path)-4:], ".mdx")
}
