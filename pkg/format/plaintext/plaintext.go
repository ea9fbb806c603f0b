package plaintext

import (
	"io"
	"strconv"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format"
)

// Codec is the plain-text codec. The zero value is ready to use.
type Codec struct{}

// New returns a plain-text codec.
func New() *Codec { return &Codec{} }

// Name returns "plaintext".
func (*Codec) Name() string { return "plaintext" }

// Extract cuts src into blocks of non-blank lines. It never fails: any UTF-8
// text is a plain-text article.
func (*Codec) Extract(path string, src []byte) (*document.Document, error) {
	doc := document.New(path, "plaintext", language.Und, src)
	var lines []document.Span // the current block's lines, without their line ending
	flush := func() {
		if len(lines) > 0 {
			doc.Blocks = append(doc.Blocks, block(src, len(doc.Blocks)+1, lines))
			lines = lines[:0]
		}
	}
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		text := end
		if text > start && src[text-1] == '\r' {
			text--
		}
		if isBlank(src[start:text]) {
			flush()
		} else {
			lines = append(lines, document.Span{Start: start, End: text})
		}
		start = end + 1
	}
	flush()
	return doc, nil
}

// Merge writes the draft: src with translated segments replaced. Plain text
// needs no escaping.
func (*Codec) Merge(w io.Writer, doc *document.Document, targets map[string]document.Content) error {
	return format.Merge(w, doc, targets, nil)
}

func isBlank(line []byte) bool {
	for _, b := range line {
		if b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != '\v' {
			return false
		}
	}
	return true
}

// block builds a block from its lines: verbatim text runs, the breaks
// between lines as atomic spaces, and a bracketed single line's brackets as
// an "xref" code pair.
func block(src []byte, n int, lines []document.Span) document.Block {
	first, last := lines[0], lines[len(lines)-1]
	first.Start = skipSpace(src, first.Start, first.End)
	last.End = trimSpace(src, last.Start, last.End)
	lines[0].Start, lines[len(lines)-1].End = first.Start, last.End
	id := "b" + strconv.Itoa(n)
	b := document.Block{ID: id, Kind: document.Paragraph, Span: document.Span{Start: first.Start, End: last.End}}

	xref := len(lines) == 1 && last.End-first.Start >= 2 && src[first.Start] == '[' && src[last.End-1] == ']'
	if xref {
		lines[0] = document.Span{Start: first.Start + 1, End: last.End - 1}
		b.Content = append(b.Content, document.Run{Span: document.Span{Start: first.Start, End: first.Start + 1},
			Code: &document.Code{ID: "1", Kind: document.Open, Type: "xref", Data: "[", Disp: "["}})
	}
	for i, l := range lines {
		if i > 0 {
			// The line break, and the next line's indentation, read as one space.
			prev := lines[i-1].End
			start := skipSpace(src, l.Start, l.End)
			b.Content = append(b.Content, document.Run{Text: " ", Span: document.Span{Start: prev, End: start}})
			l.Start = start
		}
		if l.End > l.Start {
			b.Content = append(b.Content, document.Run{Text: string(src[l.Start:l.End]), Span: l})
		}
	}
	if xref {
		b.Content = append(b.Content, document.Run{Span: document.Span{Start: last.End - 1, End: last.End},
			Code: &document.Code{ID: "1", Kind: document.Close, Type: "xref", Data: "]", Disp: "]"}})
	}
	return b
}

func skipSpace(src []byte, i, end int) int {
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func trimSpace(src []byte, start, end int) int {
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
		end--
	}
	return end
}
