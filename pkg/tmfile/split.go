package tmfile

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/align"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/segment"
)

// Splitter cuts paragraph units into sentence units (Sentences). It
// keeps an aligner and its working memory from one unit to the next, so it
// is not safe for concurrent use: give each goroutine its own.
type Splitter struct {
	aligner  *align.Aligner
	beads    []align.Bead
	src, tgt []align.Sentence
}

// NewSplitter returns a Splitter.
func NewSplitter() *Splitter {
	return &Splitter{aligner: align.New(align.Options{})}
}

// minConfidence is the least confidence (align.Bead) of a pair of
// sentences the aligner found in a paragraph whose sentence counts differ.
const minConfidence = 0.6

// Sentences returns the sentence units of u, a paragraph unit of several
// sentences (most PO and CMS exports): its source cut by src, the source
// language's rules, and its target by tgt, the target's, paired where the
// pairing is confident. With as many sentences on both sides, they pair in
// order; with other counts (two sentences the translator merged, one left
// out), the aligner pairs them (package align, without an engine: lengths,
// numbers, URLs, names and the letters the two languages share), and only
// its one-to-one pairs of confidence minConfidence or more are kept. Each
// pair must have the same codes and lengths within a factor of 2.5 of each
// other; with the same counts, one pair that has not leaves the paragraph
// uncut. Each sentence unit has the paragraph's document and origin, and
// the neighbours its source sentence has in the paragraph as its context
// (the first and last take the paragraph's own), so that a sentence of the
// same paragraph matches in context.
func (sp *Splitter) Sentences(u memory.Unit, src, tgt *segment.Rules) []memory.Unit {
	ss := sentences(u.Source, src)
	if len(ss) < 2 {
		return nil // a sentence already: the target is not cut
	}
	ts := sentences(u.Target, tgt)
	if len(ts) == 0 {
		return nil
	}
	type pair struct{ s, t int }
	var pairs []pair
	if len(ss) == len(ts) {
		for i := range ss {
			if !sameCodes(ss[i], ts[i]) || !comparable(ss[i].Plain(), ts[i].Plain()) {
				return nil
			}
			pairs = append(pairs, pair{i, i})
		}
	} else {
		sp.src, sp.tgt = sp.src[:0], sp.tgt[:0]
		for _, c := range ss {
			sp.src = append(sp.src, align.Sentence{Text: c.Plain()})
		}
		for _, c := range ts {
			sp.tgt = append(sp.tgt, align.Sentence{Text: c.Plain()})
		}
		sp.beads = sp.aligner.Align(sp.beads[:0], sp.src, sp.tgt)
		for _, b := range sp.beads {
			i, j := b.Source.Start, b.Target.Start
			if b.Source.Len() == 1 && b.Target.Len() == 1 && b.Confidence >= minConfidence &&
				sameCodes(ss[i], ts[j]) && comparable(sp.src[i].Text, sp.tgt[j].Text) {
				pairs = append(pairs, pair{i, j})
			}
		}
		if len(pairs) == 0 {
			return nil
		}
	}
	keys := make([]string, len(ss))
	for i, s := range ss {
		keys[i] = s.Key()
	}
	out := make([]memory.Unit, len(pairs))
	for k, p := range pairs {
		s := u
		s.ID, s.Source, s.Target = 0, ss[p.s], ts[p.t]
		prev, next := memory.Neighbours(keys, p.s)
		if p.s > 0 {
			s.Prev = prev
		}
		if p.s+1 < len(ss) {
			s.Next = next
		}
		out[k] = s
	}
	return out
}

// sentences cuts c by the rules r, as a block of a page is cut.
func sentences(c document.Content, r *segment.Rules) []document.Content {
	if len(c) == 1 && c[0].Code == nil {
		return textSentences(c[0].Text, r)
	}
	return blockSentences(c, r)
}

// blockSentences cuts c as a block of a page: codes stay with the
// sentence they belong to (segment.Rules.Block).
func blockSentences(c document.Content, r *segment.Rules) []document.Content {
	// The segmenter reads a block against its source bytes: give the
	// content a source of its own text, codes taking no bytes.
	size := 0
	for _, run := range c {
		if run.Code == nil {
			size += len(run.Text)
		}
	}
	src := make([]byte, 0, size)
	runs := make(document.Content, len(c))
	for i, run := range c {
		runs[i] = run
		start := len(src)
		if run.Code == nil {
			src = append(src, run.Text...)
		}
		runs[i].Span = document.Span{Start: start, End: len(src)}
	}
	b := &document.Block{Content: runs}
	r.Block(src, b)
	out := make([]document.Content, len(b.Segments))
	for i, s := range b.Segments {
		out[i] = s.Source
	}
	return out
}

// textSentences cuts a content of one text run, most units of a memory,
// as sentences does but without making a block of it: each sentence is
// the text from a boundary to the next, without the white space at its
// edges, with the span of its bytes in text (the whole run when nothing is
// cut off).
func textSentences(text string, r *segment.Rules) []document.Content {
	bounds := r.Boundaries(text)
	start := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	if start == len(text) {
		return nil // white space only
	}
	out := make([]document.Content, 0, len(bounds)+1)
	runs := make([]document.Run, len(bounds)+1)
	for i := range runs {
		end := len(text)
		if i < len(bounds) {
			end = bounds[i]
		}
		end = len(strings.TrimRightFunc(text[:end], unicode.IsSpace))
		runs[i] = document.Run{Text: text[start:end], Span: document.Span{Start: start, End: end}}
		out = append(out, runs[i:i+1:i+1])
		if i < len(bounds) {
			start = bounds[i]
		}
	}
	return out
}

// sameCodes reports whether a and b hold the same codes, by ID and kind.
func sameCodes(a, b document.Content) bool {
	count := map[string]int{}
	for _, k := range a.Codes() {
		count[k.ID+"/"+k.Kind.String()]++
	}
	for _, k := range b.Codes() {
		count[k.ID+"/"+k.Kind.String()]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// comparable reports whether two sentences' lengths are within a factor of
// 2.5: a translation much longer or shorter is another sentence's.
func comparable(a, b string) bool {
	la, lb := utf8.RuneCountInString(strings.TrimSpace(a)), utf8.RuneCountInString(strings.TrimSpace(b))
	return la > 0 && lb > 0 && 2*la <= 5*lb && 2*lb <= 5*la
}
