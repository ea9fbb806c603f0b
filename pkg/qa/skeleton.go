package qa

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/relais-tm/relais/pkg/document"
)

// A skeleton is what a document is made of besides its text, as the markup
// check compares it: the bytes that lie outside every block (markers,
// fences, code blocks, front-matter keys, link reference definitions, and
// the markers of constructs the codec does not translate), cut into lines,
// with each block replaced by a placeholder. Whatever the codec extracts, a
// correct translation changes only what is inside blocks, so its skeleton
// lines are those of the source.
type skeleton struct {
	doc   *document.Document
	lines []skelLine // non-blank lines only
	// nested are the blocks inside another block's span (link titles),
	// by start: their bytes are masked out of the codes that hold them.
	nested []*document.Block
}

// skelLine is one line of a skeleton.
type skelLine struct {
	raw    string  // the line with each block as placeholder
	key    string  // raw, normalised for comparison
	off    int     // the line's first byte in the document
	pieces []piece // how raw maps onto the document
	blocks []*document.Block
}

// piece is a stretch of a skeleton line: literal bytes of the document
// from off, or a block placeholder standing at off.
type piece struct {
	at, off int // offset in skelLine.raw, and in the document
	block   bool
}

// placeholder stands for a block in a skeleton line.
const placeholder = "\x00"

// newSkeleton builds the skeleton of doc.
func newSkeleton(doc *document.Document) *skeleton {
	s := &skeleton{doc: doc}
	var outer []*document.Block
	end := -1
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Span.Start < 0 || b.Span.End > len(doc.Source) || b.Span.Start > b.Span.End {
			continue // not a span of this document
		}
		if b.Span.Start < end {
			s.nested = append(s.nested, b)
			continue
		}
		outer = append(outer, b)
		end = max(end, b.Span.End)
	}
	src := doc.Source
	cur := skelLine{off: 0}
	var raw strings.Builder
	flush := func(next int) {
		cur.raw = raw.String()
		cur.key = normLine(cur.raw)
		if cur.key != "" {
			s.lines = append(s.lines, cur)
		}
		raw.Reset()
		cur = skelLine{off: next}
	}
	literal := func(from, to int) {
		for from < to {
			nl := bytes.IndexByte(src[from:to], '\n')
			if nl < 0 {
				cur.pieces = append(cur.pieces, piece{at: raw.Len(), off: from})
				raw.Write(src[from:to])
				return
			}
			if nl > 0 {
				cur.pieces = append(cur.pieces, piece{at: raw.Len(), off: from})
				raw.Write(src[from : from+nl])
			}
			from += nl + 1
			flush(from)
		}
	}
	at := 0
	for _, b := range outer {
		literal(at, b.Span.Start)
		cur.pieces = append(cur.pieces, piece{at: raw.Len(), off: b.Span.Start, block: true})
		cur.blocks = append(cur.blocks, b)
		raw.WriteString(placeholder)
		at = max(at, b.Span.End)
	}
	literal(at, len(src))
	flush(len(src))
	s.frontMatter()
	return s
}

// frontMatter re-keys the lines of a front matter ("---" or "+++" on the
// first line, up to the same line again): keys compare, values (a
// language code, an author, a nested title, a comment) are translated or
// changed freely.
func (s *skeleton) frontMatter() {
	trim := func(l *skelLine) string { return strings.TrimRight(l.raw, " \t\r") }
	if len(s.lines) == 0 || s.lines[0].off != 0 || (trim(&s.lines[0]) != "---" && trim(&s.lines[0]) != "+++") {
		return
	}
	delim := trim(&s.lines[0])
	for i := 1; i < len(s.lines); i++ {
		l := &s.lines[i]
		if t := trim(l); t == delim || (delim == "---" && t == "...") {
			return
		}
		l.key = frontMatterKey(l.key)
	}
}

// frontMatterKey returns what compares of a front-matter line: its
// indentation, list dashes and key ("title:", "weight ="), and its block
// placeholders; a line with no key (a list value, a folded string, a
// comment) compares by its indentation alone.
func frontMatterKey(key string) string {
	body := strings.TrimLeft(key, " \t")
	out := key[:len(key)-len(body)]
	if strings.HasPrefix(body, "#") {
		return out + "#"
	}
	for strings.HasPrefix(body, "- ") {
		out += "- "
		body = strings.TrimLeft(body[2:], " ")
	}
	holders := strings.Repeat(placeholder, strings.Count(body, placeholder))
	if i := strings.IndexAny(body, ":="); i > 0 && !strings.ContainsAny(body[:i], " \t\"'"+placeholder) {
		return out + body[:i+1] + holders
	}
	return out + "…" + holders
}

// offset returns the document offset of byte i of the line's raw text.
func (l *skelLine) offset(i int) int {
	o := l.off
	for _, p := range l.pieces {
		if p.at > i {
			break
		}
		if p.block {
			o = p.off
		} else {
			o = p.off + i - p.at
		}
	}
	return o
}

// show writes a skeleton line for a message: blocks as "…", blanks folded.
func show(raw string) string {
	s := strings.Join(strings.Fields(strings.ReplaceAll(raw, placeholder, "…")), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return "`" + s + "`"
}

// unquote drops the quotes around a block placeholder.
var unquote = strings.NewReplacer(`"`+placeholder+`"`, placeholder, `'`+placeholder+`'`, placeholder)

// normLine returns the comparison key of a skeleton line: trailing blanks
// (and a carriage return) cut, quotes around a block dropped; in a table row, runs of blanks folded and
// the dashes of a delimiter row counted as one, so that a translator who
// realigns a table's columns changes nothing. Other lines compare exactly:
// their bytes are code, fences and markers.
func normLine(raw string) string {
	s := strings.TrimRight(raw, " \t\r")
	// A value quoted in one and not the other is the same string (YAML
	// front matter: merge quotes a translated value when it must).
	if strings.Contains(s, placeholder) {
		s = unquote.Replace(s)
	}
	body := strings.TrimLeft(s, " \t")
	indent := s[:len(s)-len(body)]
	if m := footnoteDef.FindStringIndex(body); m != nil {
		// A footnote definition's marker: its text is a block, or, when
		// no reference is left to it (a finding of its own), bytes
		// goldmark drops from the tree.
		return indent + body[:m[1]]
	}
	if strings.HasPrefix(body, "[") || strings.HasPrefix(body, "{") {
		// A shortcode or template tag on a line of its own: the values
		// of its translatable attributes are text.
		return translatedAttr.ReplaceAllString(s, `$1"…"`)
	}
	if body != "" && (strings.Trim(body, "=") == "" || strings.Trim(body, "-") == "") && len(body) >= 2 {
		// A setext underline or a thematic break: its length is free.
		return indent + body[:2]
	}
	if !strings.HasPrefix(body, "|") && !(strings.Contains(s, "|") && strings.Contains(s, placeholder)) && !isDelimiterRow(body) {
		return s
	}
	if isDelimiterRow(body) {
		var b strings.Builder
		for _, cell := range strings.Split(strings.Trim(body, "|"), "|") {
			c := strings.TrimSpace(cell)
			b.WriteString("|")
			if strings.HasPrefix(c, ":") {
				b.WriteString(":")
			}
			b.WriteString("-")
			if len(c) > 1 && strings.HasSuffix(c, ":") {
				b.WriteString(":")
			}
		}
		return indent + b.String() + "|"
	}
	return indent + strings.Join(strings.Fields(body), " ")
}

// footnoteDef matches the marker of a footnote definition ("[^1]:").
var footnoteDef = regexp.MustCompile(`^\[\^[^\]\s]+\]:`)

// isDelimiterRow reports whether s is a table's delimiter row: cells of
// dashes with optional colons, at least one pipe.
func isDelimiterRow(s string) bool {
	if !strings.Contains(s, "|") || !strings.Contains(s, "-") {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("|-: \t", r) {
			return false
		}
	}
	return true
}

// headingLevel returns the level of an ATX heading line ("## …" is 2), or
// 0.
func headingLevel(key string) int {
	s := strings.TrimLeft(key, " ")
	if len(key)-len(s) > 3 {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(s) && s[n] != ' ' && s[n] != '\t' && s[n] != placeholder[0]) {
		return 0
	}
	return n
}

// maxEdits bounds the edit distance commonLines computes exactly; past it,
// the rest of the two documents is taken as one difference.
const maxEdits = 2000

// commonLines returns the pairs (i, j) of equal keys a[i] == b[j] of a
// longest common subsequence of a and b (Myers's algorithm), in order.
func commonLines(a, b []string) [][2]int {
	var out [][2]int
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		out = append(out, [2]int{pre, pre})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for _, p := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		out = append(out, [2]int{p[0] + pre, p[1] + pre})
	}
	for k := suf; k > 0; k-- {
		out = append(out, [2]int{len(a) - k, len(b) - k})
	}
	return out
}

// myers returns the common lines of a and b, or none when they differ by
// more than maxEdits lines.
func myers(a, b []string) [][2]int {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	limit := min(n+m, maxEdits)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
			}
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
	}
	if found < 0 {
		return nil
	}
	var rev [][2]int
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d-1] // indexed k+d-1
		k := x - y
		var pk int
		if k == -d || (k != d && prev[k-1+d-1] < prev[k+1+d-1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := prev[pk+d-1]
		py := px - pk
		for x > px && y > py && x > 0 && y > 0 {
			x, y = x-1, y-1
			rev = append(rev, [2]int{x, y})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, [2]int{x, y})
	}
	out := make([][2]int, len(rev))
	for i, p := range rev {
		out[len(rev)-1-i] = p
	}
	return out
}
