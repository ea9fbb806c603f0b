package report

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/xliff"
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
// per hint rather than once per term. Hints are numbered in the order the
// page first shows them (pageHints), before any section is written, so
// that sections can be written at once.
type hints struct {
	index map[string]int
	list  []string
}

// pageHints numbers the hints of the terms the page of b shows, in the
// order it shows them: per segment, the source's, then each draft's.
func pageHints(b *Batch) *hints {
	hs := &hints{index: map[string]int{}}
	add := func(c document.Content, terms []Term) {
		pieces(c, terms, func(_ string, t *Term) {
			if t == nil {
				return
			}
			if _, ok := hs.index[t.Hint]; !ok {
				hs.index[t.Hint] = len(hs.list)
				hs.list = append(hs.list, t.Hint)
			}
		}, func(*document.Code) {})
	}
	for fi := range b.Files {
		for _, s := range b.Files[fi].Segments {
			add(s.Source, s.Terms)
			for _, d := range s.Drafts {
				if !d.Untranslated() {
					add(d.Target, d.Terms)
				}
			}
		}
	}
	return hs
}

// class returns the class of hint h, which pageHints numbered.
func (hs *hints) class(h string) string { return "t" + itoa(hs.index[h]) }

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
// term's hint (shown on hover) and the class x for a forbidden term. With
// source set, each code also carries what the review page's export writes
// of it (see codeHTML).
func contentHTML(b *strings.Builder, hs *hints, c document.Content, terms []Term, source bool) {
	pieces(c, terms, func(text string, t *Term) {
		if t == nil {
			esc(b, text)
			return
		}
		b.WriteString(`<mark class="`)
		if t.Forbidden {
			b.WriteString(`x `)
		}
		esc(b, hs.class(t.Hint))
		b.WriteString(`">`)
		esc(b, text)
		b.WriteString(`</mark>`)
	}, func(code *document.Code) {
		disp := code.Disp
		if disp == "" {
			disp = codeDisp(code)
		}
		codeHTML(b, code, disp, source)
	})
}

// codeHTML writes code as a <kbd> placeholder showing disp, its original
// markup on hover, and in data-c its kind (s, o or c) and ID ("o1"): what
// the review page keeps of a code in a reviewer's target. A source's code
// (source set) also carries, for the page's export to write it as package
// xliff reads it back, its XLIFF type and subType in data-x ("fmt
// relais:fmt%3Astrong"), and data-nd when it has no short form of its own
// (disp is its placeholder). A draft's codes are the source's, by kind and
// ID: the page keeps the rest once per segment.
func codeHTML(b *strings.Builder, code *document.Code, disp string, source bool) {
	b.WriteString(`<kbd title="`)
	esc(b, code.Data)
	b.WriteString(`" data-c="`)
	switch code.Kind {
	case document.Open:
		b.WriteString("o")
	case document.Close:
		b.WriteString("c")
	default:
		b.WriteString("s")
	}
	esc(b, code.ID)
	if source {
		typ, sub := xliff.CodeType(code.Type)
		b.WriteString(`" data-x="`)
		esc(b, strings.TrimSpace(typ+" "+sub))
		if code.Disp == "" {
			b.WriteString(`" data-nd="`)
		}
	}
	b.WriteString(`">`)
	esc(b, disp)
	b.WriteString(`</kbd>`)
}

// pieces cuts c into what the page shows, in order: each code (code), and
// its text in pieces (text), each covered by one of terms or by none (t
// nil). Terms are offsets into c.Plain(), in order, not overlapping.
func pieces(c document.Content, terms []Term, text func(s string, t *Term), code func(*document.Code)) {
	off := 0 // offset into c.Plain()
	for _, r := range c {
		if r.Code != nil {
			code(r.Code)
			continue
		}
		start := off
		off += len(r.Text)
		at := 0 // shown up to r.Text[at:]
		for i := range terms {
			t := &terms[i]
			s, e := max(t.Span.Start-start, at), min(t.Span.End-start, len(r.Text))
			if s >= e {
				continue
			}
			if at < s {
				text(r.Text[at:s], nil)
			}
			text(r.Text[s:e], t)
			at = e
		}
		if at < len(r.Text) {
			text(r.Text[at:], nil)
		}
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

// badge is the label of an origin: "101", "100", "fuzzy 87", "repaired
// 99", "MT", "human", "untranslated".
func badge(o document.Origin) string {
	switch o.Kind {
	case document.FromInContext:
		return "TM 101"
	case document.FromExact:
		return "TM 100"
	case document.FromFuzzy:
		if o.Repaired {
			return "TM repaired " + itoa(o.Score)
		}
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

// Option adjusts how WriteHTML and WriteMarkdown render a batch.
type Option func(*options)

type options struct{ jobs int }

// WithJobs renders up to n files' sections at once; one at a time by
// default. The bytes written are the same for every n.
func WithJobs(n int) Option { return func(o *options) { o.jobs = n } }

func newOptions(opts []Option) options {
	o := options{jobs: 1}
	for _, opt := range opts {
		opt(&o)
	}
	o.jobs = max(o.jobs, 1)
	return o
}

// sections renders n sections, up to jobs at once, and returns them in
// order. render must only read what the sections share.
func sections(n, jobs int, render func(i int, b *strings.Builder)) []string {
	out := make([]string, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				var b strings.Builder
				render(i, &b)
				out[i] = b.String()
			}
		})
	}
	wg.Wait()
	return out
}
