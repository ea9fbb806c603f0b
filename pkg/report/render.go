package report

import (
	"strconv"
	"strings"

	"github.com/relais-tm/relais/pkg/document"
)

// esc writes s to b with the five HTML special characters escaped: the
// only way text from an article reaches the HTML report.
func esc(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case '&':
			r = "&amp;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		case '"':
			r = "&#34;"
		case '\'':
			r = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// hints numbers the glossary hints of a page: each term is marked with the
// class of its hint, and the page's style shows the hint on hover, once
// per hint rather than once per term.
type hints struct {
	index map[string]int
	list  []string
}

// class returns the class of hint h.
func (hs *hints) class(h string) string {
	if hs.index == nil {
		hs.index = map[string]int{}
	}
	i, ok := hs.index[h]
	if !ok {
		i = len(hs.list)
		hs.index[h] = i
		hs.list = append(hs.list, h)
	}
	return "t" + itoa(i)
}

// css returns the style rules that show each hint on hover.
func (hs *hints) css() string {
	var b strings.Builder
	for i, h := range hs.list {
		b.WriteString("mark.t" + itoa(i) + ":hover::after{content:" + cssString(h) + "}\n")
	}
	return b.String()
}

// cssString quotes s as a CSS string that cannot end the style element.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r < 0x20 || r == 0x7f:
			b.WriteString("\\" + strconv.FormatInt(int64(r), 16) + " ")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// contentHTML writes c: text escaped, codes as <kbd> placeholders showing
// their short form (the original markup on hover), and the text covered by
// terms (offsets into c.Plain()) inside <mark>, with the class of the
// term's hint (shown on hover) and the class x for a forbidden term.
func contentHTML(b *strings.Builder, hs *hints, c document.Content, terms []Term) {
	off := 0 // offset into c.Plain()
	for _, r := range c {
		if r.Code != nil {
			disp := r.Code.Disp
			if disp == "" {
				disp = codeDisp(r.Code)
			}
			b.WriteString(`<kbd title="`)
			esc(b, r.Code.Data)
			b.WriteString(`">`)
			esc(b, disp)
			b.WriteString(`</kbd>`)
			continue
		}
		text := r.Text
		start := off
		off += len(text)
		at := 0 // written up to text[at:]
		for _, t := range terms {
			s, e := max(t.Span.Start-start, at), min(t.Span.End-start, len(text))
			if s >= e {
				continue
			}
			esc(b, text[at:s])
			b.WriteString(`<mark class="`)
			if t.Forbidden {
				b.WriteString(`x `)
			}
			esc(b, hs.class(t.Hint))
			b.WriteString(`">`)
			esc(b, text[s:e])
			b.WriteString(`</mark>`)
			at = e
		}
		esc(b, text[at:])
	}
}

// codeDisp returns the form of a code without a Disp: its placeholder, with
// the code's ID where a key would have its number ("{4}", "{/4}", "{9/}").
func codeDisp(c *document.Code) string { return document.Placeholder(c.Kind, c.ID) }

// diffHTML writes a word diff: deletions in <del>, insertions in <ins>.
func diffHTML(b *strings.Builder, ps []Piece) {
	for _, p := range ps {
		switch p.Op {
		case Delete:
			b.WriteString("<del>")
			esc(b, p.Text)
			b.WriteString("</del>")
		case Insert:
			b.WriteString("<ins>")
			esc(b, p.Text)
			b.WriteString("</ins>")
		default:
			esc(b, p.Text)
		}
	}
}

// originCode is the short name of an origin in the page's filters.
func originCode(k document.OriginKind) string {
	switch k {
	case document.FromInContext:
		return "ice"
	case document.FromExact:
		return "exact"
	case document.FromFuzzy:
		return "fuzzy"
	case document.FromMachine:
		return "mt"
	case document.FromHuman:
		return "human"
	}
	return "none"
}

// badge is the label of an origin: "101", "100", "fuzzy 87", "MT",
// "human", "untranslated".
func badge(o document.Origin) string {
	switch o.Kind {
	case document.FromInContext:
		return "TM 101"
	case document.FromExact:
		return "TM 100"
	case document.FromFuzzy:
		return "TM fuzzy " + itoa(o.Score)
	case document.FromMachine:
		return "MT"
	case document.FromHuman:
		return "human"
	}
	return "untranslated"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// plainKey writes c as one line: text with blanks folded and codes as
// placeholders, for Markdown and diffs.
func plainKey(c document.Content) string { return c.Key() }

// oneLine folds the blanks of s.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
