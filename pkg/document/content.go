package document

import (
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CodeKind says whether an inline code opens, closes or stands alone.
type CodeKind int

// The kinds of inline code.
const (
	Standalone CodeKind = iota // a self-contained piece of markup: inline code, an image, a line break, an HTML tag
	Open                       // opens a pair: "**", "[" of a link
	Close                      // closes the pair with the same ID: "**", "](url)"
)

var codeKindNames = [...]string{"standalone", "open", "close"}

// String returns "standalone", "open" or "close".
func (k CodeKind) String() string {
	if int(k) < len(codeKindNames) {
		return codeKindNames[k]
	}
	return "code-kind(" + strconv.Itoa(int(k)) + ")"
}

// Code is inline markup inside a block's text. Its Data are the original
// bytes, written back verbatim when a draft is merged; what a translation
// supplies for a code is only its identity (ID and Kind).
type Code struct {
	ID   string   // unique in the block for a standalone code; an Open and its Close share it
	Kind CodeKind // standalone, open or close
	Type string   // what the markup is: "fmt:strong", "fmt:em", "fmt:del", "link", "image", "code", "html", "break"
	Data string   // the original bytes
	Disp string   // a short form shown to reviewers: "**", "[", "](…)"
}

// Run is a piece of a block: either text or a code, never both. Span is the
// run's place in the document source.
//
// A text run is verbatim when Text equals the source bytes under Span. A
// text run that is not verbatim (an entity such as "&amp;", a backslash
// escape, a line break followed by a blockquote marker that reads as a
// space) is atomic: it is never split, and a segment boundary falls only
// before or after it.
type Run struct {
	Text string
	Code *Code
	Span Span
}

// IsCode reports whether the run is an inline code.
func (r Run) IsCode() bool { return r.Code != nil }

// Content is the text and inline codes of a block or a segment, in order.
type Content []Run

// Text returns a content of one text run with no source position: the form
// a translation takes when it is built from a string.
func Text(s string) Content { return Content{{Text: s}} }

// Plain returns the text of c with every code left out.
func (c Content) Plain() string {
	var b strings.Builder
	for _, r := range c {
		if r.Code == nil {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// Codes returns the codes of c in order.
func (c Content) Codes() []*Code {
	var out []*Code
	for _, r := range c {
		if r.Code != nil {
			out = append(out, r.Code)
		}
	}
	return out
}

// Key returns the lookup key of c: NFC, runs of white space folded to one
// space and trimmed, and codes as placeholders numbered by their order in c
// ("{1}" opens, "{/1}" closes, "{2/}" stands alone; see Placeholders), so
// that the same sentence gives the same key wherever it stands.
func (c Content) Key() string {
	size := 0
	for _, r := range c {
		size += len(r.Text) + 6
	}
	b := make([]byte, 0, size)
	nb := numbering{opens: map[string]int{}}
	space := false
	write := func(s string) {
		for i := 0; i < len(s); {
			if c := s[i]; c < utf8.RuneSelf {
				if c == ' ' || '\t' <= c && c <= '\r' {
					space = len(b) > 0
				} else {
					if space {
						b = append(b, ' ')
						space = false
					}
					b = append(b, c)
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				space = len(b) > 0
			} else {
				if space {
					b = append(b, ' ')
					space = false
				}
				b = utf8.AppendRune(b, r)
			}
			i += size
		}
	}
	for _, r := range c {
		if r.Code == nil {
			write(norm.NFC.String(r.Text))
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		kind, n := nb.number(r.Code)
		b = appendPlaceholder(b, kind, strconv.Itoa(n))
	}
	return string(b)
}

// Placeholders returns, in order, the codes of c with the placeholder Key
// writes for each: codes are numbered from 1 in their order in c, an open
// or standalone code taking the next number and a close its open's number
// (the next number when its open is not in c); "{1}" opens, "{/1}" closes,
// "{2/}" stands alone.
func (c Content) Placeholders() iter.Seq2[string, *Code] {
	return func(yield func(string, *Code) bool) {
		nb := numbering{opens: map[string]int{}}
		for _, r := range c {
			if r.Code == nil {
				continue
			}
			kind, n := nb.number(r.Code)
			if !yield(Placeholder(kind, strconv.Itoa(n)), r.Code) {
				return
			}
		}
	}
}

// numbering numbers the codes of a content for their placeholders.
type numbering struct {
	opens map[string]int // number of each open code, by ID (not nil)
	n     int            // the last number given
}

// number returns the kind and number of the placeholder of c, the next
// code of the content; a code of an unknown kind is numbered as
// standalone.
func (nb *numbering) number(c *Code) (CodeKind, int) {
	switch c.Kind {
	case Open:
		nb.n++
		nb.opens[c.ID] = nb.n
		return Open, nb.n
	case Close:
		m, ok := nb.opens[c.ID]
		if !ok {
			nb.n++
			m = nb.n
		}
		return Close, m
	}
	nb.n++
	return Standalone, nb.n
}

// Placeholder returns the placeholder of a code of the given kind with the
// given number or ID: "{1}" for an open code, "{/1}" for a close, "{1/}"
// for a standalone code (and any other kind). Key numbers codes by their
// order; reviewers' views may show code IDs instead.
func Placeholder(kind CodeKind, id string) string {
	var buf [24]byte
	return string(appendPlaceholder(buf[:0], kind, id))
}

// appendPlaceholder appends Placeholder(kind, id) to b.
func appendPlaceholder(b []byte, kind CodeKind, id string) []byte {
	b = append(b, '{')
	if kind == Close {
		b = append(b, '/')
	}
	b = append(b, id...)
	if kind != Open && kind != Close {
		b = append(b, '/')
	}
	return append(b, '}')
}

// ParsePlaceholder reads the placeholder that s starts with, as Placeholder
// writes it with a number of ASCII digits ("{1}", "{/1}", "{1/}"): it
// returns the code's kind, its number as written, and the placeholder's
// length in bytes; when s does not start with a placeholder, the length is
// 0 and the number empty. It allocates nothing: the number is a substring
// of s.
func ParsePlaceholder(s string) (kind CodeKind, id string, n int) {
	if len(s) < 3 || s[0] != '{' {
		return 0, "", 0
	}
	j := 1
	kind = Open
	if s[j] == '/' {
		kind = Close
		j++
	}
	d := j
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == d {
		return 0, "", 0
	}
	id = s[d:j]
	if kind == Open && j < len(s) && s[j] == '/' {
		kind = Standalone
		j++
	}
	if j < len(s) && s[j] == '}' {
		return kind, id, j + 1
	}
	return 0, "", 0
}

// Words returns the number of words in c's text: runs of letters, digits and
// joining marks; an apostrophe or a hyphen ends a word ("l'OIM" is two words,
// as translators' tools count them), a number with separators is one word.
func (c Content) Words() int { return CountWords(c.Plain()) }

// CountWords counts words in s as Content.Words does.
func CountWords(s string) int {
	n := 0
	in := false
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if !in {
				n++
				in = true
			}
		case in && (r == '.' || r == ',' || r == '\u00a0' || r == '\u202f' || r == ' ') &&
			i > 0 && unicode.IsDigit(rs[i-1]) && i+1 < len(rs) && unicode.IsDigit(rs[i+1]):
			// 1,5 · 10.000 · 10 000: a number stays one word
		default:
			in = false
		}
	}
	return n
}

// Equal reports whether a and b have the same text and the same codes (by
// ID and Kind) in the same order. Spans and code data are not compared: a
// translation that equals its source in this sense is the identity.
func (c Content) Equal(o Content) bool {
	i, j := 0, 0
	for {
		// Adjacent text runs compare as their concatenation.
		var ta, tb strings.Builder
		for ; i < len(c) && c[i].Code == nil; i++ {
			ta.WriteString(c[i].Text)
		}
		for ; j < len(o) && o[j].Code == nil; j++ {
			tb.WriteString(o[j].Text)
		}
		if ta.String() != tb.String() {
			return false
		}
		if i == len(c) || j == len(o) {
			return i == len(c) && j == len(o)
		}
		if c[i].Code.ID != o[j].Code.ID || c[i].Code.Kind != o[j].Code.Kind {
			return false
		}
		i++
		j++
	}
}

// Span returns the source span from the start of c's first run to the end
// of its last, or an empty span when c has no run with a position.
func (c Content) Span() Span {
	if len(c) == 0 {
		return Span{}
	}
	return Span{Start: c[0].Span.Start, End: c[len(c)-1].Span.End}
}
