package segment

import (
	"sort"

	"github.com/relais-tm/relais/pkg/document"
)

// Block fills b.Segments with the sentences of b's content, replacing any
// segments it had. src is the source the block's spans point into
// (Document.Source): it tells verbatim text runs, which may be cut, from
// atomic ones, which may not (a run whose span lies outside src counts as
// atomic).
//
// Segments carry IDs document.SegmentID(b.ID, n), n from 1, and hold:
//   - no white space at their edges: the white space between two
//     sentences, and at the block's edges, belongs to no segment;
//   - every code of the block: a code never lies between two segments. An
//     opening code just before a sentence goes with that sentence, a
//     closing code just after a sentence end ("**Phrase.** Suite.") with the
//     sentence it ends, a standalone code with the sentence it touches
//     (with the next one when white space separates it from both);
//   - atomic runs whole: a boundary that falls inside one moves to its
//     start, and an atomic run that reads as white space between two
//     sentences (a soft line break, a blockquote's "\n> ") is left between
//     them, so that the gap may hold such markup.
//
// White space at a segment's edges, no-break spaces included, belongs to
// the gap; inside a sentence ("clair\u00a0?", "«\u00a0Oui\u00a0»") it
// stays in the segment. For finding boundaries, codes read as nothing,
// except a standalone code of type "break" (a hard line break), which
// reads as a space.
//
// A block with codes but no text gets one segment holding its codes; a
// block of white space only gets none.
func (r *Rules) Block(src []byte, b *document.Block) {
	var s scratch
	r.block(src, b, &s)
}

// scratch holds buffers reused from block to block.
type scratch struct {
	starts []int  // text offset of each run, and the text length at the end
	atomic []bool // per run: a text run whose text is not its source bytes
	buf    []byte
	bounds []int
	codes  []int
	prefs  []bool
	cuts   []cut
}

// cut is a place between runs or inside a text run: before byte off of run
// i. cut{len(runs), 0} is the end of the block.
type cut struct{ i, off int }

func (r *Rules) block(src []byte, b *document.Block, s *scratch) {
	b.Segments = nil
	runs := b.Content
	if len(runs) == 0 {
		return
	}
	s.starts = s.starts[:0]
	s.atomic = s.atomic[:0]
	n, texts, only := 0, 0, -1
	for i := range runs {
		run := &runs[i]
		s.starts = append(s.starts, n)
		s.atomic = append(s.atomic, run.Code == nil && !verbatim(src, run))
		if t := readAs(run); t != "" {
			n += len(t)
			texts++
			only = i
		}
	}
	s.starts = append(s.starts, n)
	var text string
	switch texts {
	case 0:
	case 1:
		text = readAs(&runs[only])
	default:
		s.buf = s.buf[:0]
		for i := range runs {
			s.buf = append(s.buf, readAs(&runs[i])...)
		}
		text = string(s.buf)
	}

	// Sentence starts in the text, moved off the inside of atomic runs.
	bounds := r.boundaries(text, s.bounds[:0])
	s.bounds = bounds
	k, last := 0, 0
	for _, t := range bounds {
		if i := s.runAt(t); s.atomic[i] && t > s.starts[i] {
			t = s.starts[i]
		}
		if t <= last || isBlank(text[last:t]) {
			continue
		}
		bounds[k] = t
		k++
		last = t
	}
	bounds = bounds[:k]

	// Segment edges: [start, end) cut pairs.
	first, ok := s.firstItem(runs)
	if !ok {
		return
	}
	cuts := append(s.cuts[:0], first)
	for _, t := range bounds {
		end, start := s.split(runs, text, t)
		cuts = append(cuts, end, start)
	}
	cuts = append(cuts, s.lastItem(runs))
	s.cuts = cuts

	nseg := len(cuts) / 2
	pool := make([]document.Run, 0, len(runs)+2*nseg)
	b.Segments = make([]document.Segment, 0, nseg)
	for i := 0; i < nseg; i++ {
		from := len(pool)
		pool = appendRuns(pool, runs, cuts[2*i], cuts[2*i+1])
		src := document.Content(pool[from:len(pool):len(pool)])
		b.Segments = append(b.Segments, document.Segment{
			ID:     document.SegmentID(b.ID, i+1),
			Span:   src.Span(),
			Source: src,
		})
	}
}

// readAs returns what a run reads as for sentence boundaries: a text run
// its text, a line-break code a space, any other code nothing.
func readAs(run *document.Run) string {
	switch {
	case run.Code == nil:
		return run.Text
	case run.Code.Kind == document.Standalone && run.Code.Type == "break":
		return " "
	}
	return ""
}

// verbatim reports whether a text run's text is its source bytes.
func verbatim(src []byte, run *document.Run) bool {
	sp := run.Span
	if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
		return false
	}
	return string(src[sp.Start:sp.End]) == run.Text
}

// runAt returns the index of the text run holding text offset t
// (0 <= t < text length).
func (s *scratch) runAt(t int) int {
	return sort.Search(len(s.starts)-1, func(i int) bool { return s.starts[i+1] > t })
}

// firstItem returns where the first segment starts: at the first code or
// non-blank character (at the start of an atomic run holding one).
func (s *scratch) firstItem(runs document.Content) (cut, bool) {
	for i := range runs {
		run := &runs[i]
		if run.Code != nil {
			return cut{i, 0}, true
		}
		j := skipSpace(run.Text, 0)
		if j == len(run.Text) {
			continue
		}
		if s.atomic[i] {
			j = 0
		}
		return cut{i, j}, true
	}
	return cut{}, false
}

// lastItem returns where the last segment ends: after the last code or
// non-blank character (after the whole atomic run holding one).
func (s *scratch) lastItem(runs document.Content) cut {
	for i := len(runs) - 1; i >= 0; i-- {
		run := &runs[i]
		if run.Code != nil {
			return cut{i + 1, 0}
		}
		j := trimSpaceLeft(run.Text, len(run.Text))
		if j == 0 {
			continue
		}
		if s.atomic[i] || j == len(run.Text) {
			return cut{i + 1, 0}
		}
		return cut{i, j}
	}
	return cut{len(runs), 0}
}

// split returns where the sentence before text offset t ends and where the
// one at t starts. Between the last non-blank character before t and t lie
// only blanks and codes; each code goes to the side it belongs to (closing
// codes and standalone codes touching the sentence end to the left, opening
// codes and other standalone codes to the right), choosing the split that
// leaves the fewest codes on the wrong side when they disagree.
func (s *scratch) split(runs document.Content, text string, t int) (end, start cut) {
	x := trimSpaceLeft(text, t)
	j := s.runAt(x - 1)
	left := cut{j + 1, 0}
	if !s.atomic[j] && x < s.starts[j+1] {
		left = cut{j, x - s.starts[j]}
	}
	i := s.runAt(t)
	right := cut{i, t - s.starts[i]}

	lo := left.i
	adjacent := left.off == 0
	if !adjacent {
		lo++
	}
	codes, prefs := s.codes[:0], s.prefs[:0]
	wantLeft := 0
	for c := lo; c < right.i; c++ {
		run := &runs[c]
		if run.Code == nil {
			if run.Text != "" {
				adjacent = false
			}
			continue
		}
		l := goesLeft(run.Code.Kind, adjacent)
		codes = append(codes, c)
		prefs = append(prefs, l)
		if l {
			wantLeft++
		}
	}
	s.codes, s.prefs = codes, prefs
	if len(codes) == 0 {
		return left, right
	}
	// cost(k) = codes wanting the right among codes[:k] + codes wanting the
	// left among codes[k:]; the split puts codes[:k] on the left.
	best, bestCost := 0, wantLeft
	rightBefore, leftBefore := 0, 0
	for k, l := range prefs {
		if l {
			leftBefore++
		} else {
			rightBefore++
		}
		if cost := rightBefore + wantLeft - leftBefore; cost < bestCost {
			best, bestCost = k+1, cost
		}
	}
	if best > 0 {
		left = cut{codes[best-1] + 1, 0}
	}
	if best < len(codes) {
		right = cut{codes[best], 0}
	}
	return left, right
}

// goesLeft says whether a code between two sentences belongs to the first:
// a closing code does, an opening code does not, a standalone code does
// when nothing blank separates it from the first sentence's end.
func goesLeft(k document.CodeKind, adjacent bool) bool {
	switch k {
	case document.Close:
		return true
	case document.Open:
		return false
	}
	return adjacent
}

// appendRuns appends to dst the runs between cuts a and e, cutting the
// verbatim text runs at the edges.
func appendRuns(dst []document.Run, runs document.Content, a, e cut) []document.Run {
	for i := a.i; i < len(runs) && (i < e.i || (i == e.i && e.off > 0)); i++ {
		run := runs[i]
		lo, hi := 0, len(run.Text)
		if i == a.i {
			lo = a.off
		}
		if i == e.i {
			hi = e.off
		}
		if run.Code == nil && (lo > 0 || hi < len(run.Text)) {
			run = document.Run{
				Text: run.Text[lo:hi],
				Span: document.Span{Start: run.Span.Start + lo, End: run.Span.Start + hi},
			}
		}
		dst = append(dst, run)
	}
	return dst
}
