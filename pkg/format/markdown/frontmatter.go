package markdown

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// YAML front matter: a block that starts on the first line of the file with
// "---" and ends with a line "---" or "...". goldmark does not position
// front matter, so this file reads the few things relais needs from it by
// itself: the top-level keys asked for, when their value is a scalar, with
// the exact span of the value's text.

// frontMatter is where the front matter lies in the source.
type frontMatter struct {
	body document.Span // the YAML between the delimiter lines
	end  int           // the first byte after the closing delimiter line
}

// findFrontMatter reports the front matter at the start of src, if any.
func findFrontMatter(src []byte) (frontMatter, bool) {
	return fenced(src, "---", "...")
}

// findTOMLFrontMatter reports the end of a Hugo TOML front matter at the
// start of src: a line "+++" on the first line, the TOML, a line "+++".
// The end is the first byte after the closing line.
func findTOMLFrontMatter(src []byte) (int, bool) {
	fm, ok := fenced(src, "+++", "")
	return fm.end, ok
}

// fenced finds a front matter between a line delim at the start of src
// (after a byte order mark) and the next line delim, or alt when alt is
// not empty.
func fenced(src []byte, delim, alt string) (frontMatter, bool) {
	start := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		start = 3
	}
	first, next := lineAt(src, start)
	if !isDelimiter(src[start:first], delim) || next == first {
		return frontMatter{}, false
	}
	for at := next; at < len(src); {
		end, after := lineAt(src, at)
		line := src[at:end]
		if isDelimiter(line, delim) || alt != "" && isDelimiter(line, alt) {
			return frontMatter{body: document.Span{Start: next, End: at}, end: after}, true
		}
		at = after
	}
	return frontMatter{}, false
}

// isDelimiter reports whether line is delim followed only by blanks.
func isDelimiter(line []byte, delim string) bool {
	return bytes.HasPrefix(line, []byte(delim)) && len(bytes.Trim(line[len(delim):], " \t")) == 0
}

// lineAt returns the end of the line starting at i (before "\n" or "\r\n")
// and the start of the next line.
func lineAt(src []byte, i int) (end, next int) {
	j := bytes.IndexByte(src[i:], '\n')
	if j < 0 {
		end, next = len(src), len(src)
	} else {
		end, next = i+j, i+j+1
	}
	if end > i && src[end-1] == '\r' {
		end--
	}
	return end, next
}

// scalarStyle is how a YAML scalar is written.
type scalarStyle int

const (
	stylePlain   scalarStyle = iota // title: Texte
	styleSingle                     // title: 'Texte'
	styleDouble                     // title: "Texte"
	styleLiteral                    // title: |
	styleFolded                     // title: >
)

// fmValue is one translatable value of the front matter.
type fmValue struct {
	key    string
	style  scalarStyle
	indent int // block scalars: the indentation of the content lines
	span   document.Span
	runs   document.Content
}

// fmLine is one line of the front matter body.
type fmLine struct {
	start, end, next int // first byte, end before the line break, start of the next line
}

// frontMatterValues returns the scalar values of the top-level keys in
// keys, in source order. A value it cannot read for sure (a flow sequence,
// an alias, a tag, a plain scalar holding ": ") is left out: its bytes stay
// as they are.
func frontMatterValues(src []byte, fm frontMatter, keys []string) []fmValue {
	var lines []fmLine
	for at := fm.body.Start; at < fm.body.End; {
		end, next := lineAt(src, at)
		if next > fm.body.End {
			next = fm.body.End
		}
		lines = append(lines, fmLine{at, end, next})
		at = next
	}
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	var out []fmValue
	for i := 0; i < len(lines); i++ {
		key, rest, ok := topLevelKey(src, lines[i])
		if !ok {
			continue
		}
		// Every value is read, wanted or not, so that the lines of a value
		// are never taken for keys.
		p := &fmParser{src: src, lines: lines}
		v, ok := p.value(i, rest)
		if ok && want[key] && hasWordChar(v.runs) {
			v.key = key
			out = append(out, v)
		}
		for i+1 < len(lines) && lines[i+1].start < p.end {
			i++
		}
	}
	return out
}

// topLevelKey reads "key:" at the start of a line and returns the key and
// the offset of the value after the blanks that follow the colon.
func topLevelKey(src []byte, l fmLine) (string, int, bool) {
	line := src[l.start:l.end]
	if len(line) == 0 || !isKeyByte(line[0]) {
		return "", 0, false
	}
	i := 0
	for i < len(line) && line[i] != ':' {
		if !isKeyByte(line[i]) && line[i] != ' ' {
			return "", 0, false
		}
		i++
	}
	if i == len(line) || (i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t') {
		return "", 0, false
	}
	key := string(bytes.TrimRight(line[:i], " "))
	j := i + 1
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	return key, l.start + j, true
}

func isKeyByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// fmParser reads one scalar value.
type fmParser struct {
	src   []byte
	lines []fmLine
	runs  document.Content
	end   int // where the value read ends in the source
}

// value reads the value of the key on line i, which starts at offset at.
func (p *fmParser) value(i, at int) (fmValue, bool) {
	l := p.lines[i]
	if at == l.end || p.src[at] == '#' {
		// The value, if any, is on the following lines: a quoted scalar
		// (as Merge writes a plain one it has to quote) or a plain one.
		if j, q, ok := p.indented(i + 1); ok && (p.src[q] == '"' || p.src[q] == '\'') {
			return p.quoted(j, q)
		}
		return p.plain(i+1, -1)
	}
	switch c := p.src[at]; c {
	case '"', '\'':
		return p.quoted(i, at)
	case '|', '>':
		return p.block(i, at)
	case '[', '{', '&', '*', '!', '%', '@', '`', ',', ']', '}':
		return fmValue{}, false
	case '-', '?', ':':
		if at+1 == l.end || p.src[at+1] == ' ' || p.src[at+1] == '\t' {
			return fmValue{}, false
		}
	}
	return p.plain(i, at)
}

// indented returns the first non-blank line from line i on and the offset
// of its first non-blank byte, if that line is indented (a continuation of
// the key above, not a key of its own).
func (p *fmParser) indented(i int) (int, int, bool) {
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		if isBlankBytes(p.src[l.start:l.end]) {
			continue
		}
		if c := p.src[l.start]; c != ' ' && c != '\t' {
			return 0, 0, false
		}
		return i, skipBlanks(p.src, l.start, l.end), true
	}
	return 0, 0, false
}

// plain reads a plain scalar starting at offset at of line i (or, when at
// is negative, on the indented lines from line i on). Its continuation lines
// are the following indented lines; a line break between them reads as a
// space, a blank line as a line break.
func (p *fmParser) plain(i, at int) (fmValue, bool) {
	type piece struct{ start, end int }
	var pieces []piece
	blanks := []int{} // blank lines before each piece
	blank := 0
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		s := l.start
		if at >= 0 && len(pieces) == 0 {
			s = at
		} else {
			if isBlankBytes(p.src[l.start:l.end]) {
				blank++
				continue
			}
			if p.src[l.start] != ' ' && p.src[l.start] != '\t' {
				break // back to the top level
			}
			for s < l.end && (p.src[s] == ' ' || p.src[s] == '\t') {
				s++
			}
			if p.src[s] == '#' {
				break // a comment ends the scalar
			}
		}
		line := p.src[s:l.end]
		if len(pieces) == 0 && at < 0 && (bytes.HasPrefix(line, []byte("- ")) || string(line) == "-" ||
			bytes.IndexByte([]byte("[{&*!|>'\"%@`?"), line[0]) >= 0) {
			return fmValue{}, false // a sequence, a mapping, or a scalar this reader does not take
		}
		e := l.end
		if k := commentStart(line); k >= 0 {
			e = s + k
		}
		for e > s && (p.src[e-1] == ' ' || p.src[e-1] == '\t') {
			e--
		}
		if bytes.Contains(p.src[s:e], []byte(": ")) || bytes.Contains(p.src[s:e], []byte(":\t")) ||
			(e > s && p.src[e-1] == ':') {
			return fmValue{}, false // a mapping: not a scalar
		}
		pieces = append(pieces, piece{s, e})
		blanks = append(blanks, blank)
		blank = 0
		if commentStart(p.src[s:l.end]) >= 0 {
			break // a comment ends the scalar
		}
	}
	if len(pieces) == 0 {
		return fmValue{}, false
	}
	for k, pc := range pieces {
		if k > 0 {
			p.fold(pieces[k-1].end, pc.start, blanks[k], false)
		}
		p.verbatim(pc.start, pc.end)
	}
	return p.result(stylePlain, 0)
}

// commentStart returns the index of a " #" comment in line, or -1.
func commentStart(line []byte) int {
	for k := 1; k < len(line); k++ {
		if line[k] == '#' && (line[k-1] == ' ' || line[k-1] == '\t') {
			return k - 1
		}
	}
	return -1
}

// quoted reads a single- or double-quoted scalar whose opening quote is at
// offset at of line i.
func (p *fmParser) quoted(i, at int) (fmValue, bool) {
	q := p.src[at]
	style := styleSingle
	if q == '"' {
		style = styleDouble
	}
	pos := at + 1
	textStart := pos
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		if pos < l.start {
			pos = l.start
		}
		for pos < l.end {
			c := p.src[pos]
			switch {
			case c == q && q == '\'' && pos+1 < l.end && p.src[pos+1] == '\'':
				p.verbatim(textStart, pos)
				p.atomic("'", pos, pos+2)
				pos += 2
				textStart = pos
			case c == q:
				p.verbatim(textStart, pos)
				rest := bytes.TrimLeft(p.src[pos+1:l.end], " \t")
				if len(rest) > 0 && rest[0] != '#' {
					return fmValue{}, false
				}
				return p.result(style, 0)
			case c == '\\' && q == '"':
				if pos+1 == l.end { // an escaped line break: the lines join with no space
					p.verbatim(textStart, pos)
					next := i + 1
					if next == len(p.lines) {
						return fmValue{}, false
					}
					end := skipBlanks(p.src, p.lines[next].start, p.lines[next].end)
					p.atomic("", pos, end)
					i, pos, textStart = next, end, end
					l = p.lines[i]
					continue
				}
				text, n, ok := yamlEscape(p.src[pos+1 : l.end])
				if !ok {
					return fmValue{}, false
				}
				p.verbatim(textStart, pos)
				p.atomic(text, pos, pos+1+n)
				pos += 1 + n
				textStart = pos
			default:
				pos++
			}
		}
		// A line break inside the quotes: fold it with the blanks around it.
		lineEnd := l.end
		for lineEnd > textStart && (p.src[lineEnd-1] == ' ' || p.src[lineEnd-1] == '\t') {
			lineEnd--
		}
		p.verbatim(textStart, lineEnd)
		blank := 0
		j := i + 1
		for ; j < len(p.lines) && isBlankBytes(p.src[p.lines[j].start:p.lines[j].end]); j++ {
			blank++
		}
		if j == len(p.lines) {
			return fmValue{}, false
		}
		next := skipBlanks(p.src, p.lines[j].start, p.lines[j].end)
		if next == p.lines[j].start && (isDelimiter(p.src[next:p.lines[j].end], "---") ||
			isDelimiter(p.src[next:p.lines[j].end], "...")) {
			return fmValue{}, false
		}
		p.fold(lineEnd, next, blank, false)
		i = j - 1
		pos, textStart = next, next
	}
	return fmValue{}, false
}

// block reads a literal (|) or folded (>) block scalar whose indicator is at
// offset at of line i.
func (p *fmParser) block(i, at int) (fmValue, bool) {
	style := styleLiteral
	if p.src[at] == '>' {
		style = styleFolded
	}
	l := p.lines[i]
	indent := 0
	k := at + 1
	for ; k < l.end && p.src[k] != ' ' && p.src[k] != '\t'; k++ {
		switch c := p.src[k]; {
		case c == '+' || c == '-':
		case c >= '1' && c <= '9' && indent == 0:
			indent = int(c - '0')
		default:
			return fmValue{}, false
		}
	}
	if rest := bytes.TrimLeft(p.src[k:l.end], " \t"); len(rest) > 0 && rest[0] != '#' {
		return fmValue{}, false
	}
	type piece struct {
		start, end int
		more       bool // indented more than the block: its line breaks are kept
	}
	var pieces []piece
	var blanks []int
	blank := 0
	for j := i + 1; j < len(p.lines); j++ {
		lj := p.lines[j]
		line := p.src[lj.start:lj.end]
		lead := 0
		for lead < len(line) && line[lead] == ' ' {
			lead++
		}
		if lead == len(line) {
			blank++
			continue
		}
		if indent == 0 {
			if lead == 0 {
				break
			}
			indent = lead
		}
		if lead < indent {
			if line[lead] == '\t' && len(pieces) == 0 {
				return fmValue{}, false
			}
			break
		}
		more := lead > indent || line[lead] == '\t'
		pieces = append(pieces, piece{lj.start + indent, lj.end, more})
		blanks = append(blanks, blank)
		blank = 0
	}
	if len(pieces) == 0 {
		return fmValue{}, false
	}
	for k, pc := range pieces {
		if k > 0 {
			keep := style == styleLiteral || pc.more || pieces[k-1].more
			p.fold(pieces[k-1].end, pc.start, blanks[k], keep)
		}
		p.verbatim(pc.start, pc.end)
	}
	return p.result(style, indent)
}

// fold adds the line break between two lines of a scalar, from end (the end
// of the text on one line) to start (the text on the next), as one atomic
// run: a space, or one line break per blank line, or (keep) the line breaks
// themselves.
func (p *fmParser) fold(end, start, blank int, keep bool) {
	text := " "
	switch {
	case keep:
		text = string(bytes.Repeat([]byte{'\n'}, blank+1))
	case blank > 0:
		text = string(bytes.Repeat([]byte{'\n'}, blank))
	}
	p.atomic(text, end, start)
}

// verbatim adds the source bytes [start, end) as text.
func (p *fmParser) verbatim(start, end int) {
	if end > start {
		p.runs = append(p.runs, document.Run{Text: string(p.src[start:end]), Span: document.Span{Start: start, End: end}})
	}
}

// atomic adds a run whose text differs from its source bytes.
func (p *fmParser) atomic(text string, start, end int) {
	p.runs = append(p.runs, document.Run{Text: text, Span: document.Span{Start: start, End: end}})
}

// result trims blanks at both ends of the value and returns it.
func (p *fmParser) result(style scalarStyle, indent int) (fmValue, bool) {
	if len(p.runs) > 0 {
		p.end = p.runs[len(p.runs)-1].Span.End
	}
	runs := trimBlankRuns(p.src, p.runs)
	if len(runs) == 0 {
		return fmValue{}, false
	}
	return fmValue{style: style, indent: indent, span: runs.Span(), runs: runs}, true
}

// yamlEscape decodes the escape sequence after a backslash in a
// double-quoted scalar: the text it stands for and the number of bytes it
// takes after the backslash.
func yamlEscape(b []byte) (string, int, bool) {
	if len(b) == 0 {
		return "", 0, false
	}
	simple := map[byte]string{
		'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
		'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085",
		'_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
	}
	if s, ok := simple[b[0]]; ok {
		return s, 1, true
	}
	n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[0]]
	if n == 0 || len(b) < 1+n {
		return "", 0, false
	}
	v, err := strconv.ParseUint(string(b[1:1+n]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return "", 0, false
	}
	return string(rune(v)), 1 + n, true
}

func skipBlanks(src []byte, i, end int) int {
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func isBlankBytes(b []byte) bool { return len(bytes.Trim(b, " \t\r")) == 0 }
