package document

import (
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
// ("{1}" opens, "{/1}" closes, "{2/}" stands alone), so that the same
// sentence gives the same key wherever it stands.
func (c Content) Key() string {
	size := 0
	for _, r := range c {
		size += len(r.Text) + 6
	}
	b := make([]byte, 0, size)
	var numbers map[string]int
	n := 0
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
		var tag string
		switch r.Code.Kind {
		case Open:
			n++
			if numbers == nil {
				numbers = map[string]int{}
			}
			numbers[r.Code.ID] = n
			tag = "{" + strconv.Itoa(n) + "}"
		case Close:
			m, ok := numbers[r.Code.ID]
			if !ok {
				n++
				m = n
			}
			tag = "{/" + strconv.Itoa(m) + "}"
		default:
			n++
			tag = "{" + strconv.Itoa(n) + "/}"
		}
		write(tag)
	}
	return string(b)
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
