package align

import (
	"math"
	"unicode/utf8"
)

// Sentence is one sentence of a text to align, source or target.
type Sentence struct {
	Text string // the sentence's plain text (inline codes left out)
	// MT is, on the source side, the sentence's machine translation into
	// the target's language; "" when there is none. Given for every
	// source sentence, it is what the source is compared with.
	MT string
	// Block numbers the block (paragraph, heading, list item…) the
	// sentence belongs to: the sentences of one block are consecutive
	// and have the same number, different from their neighbours'.
	Block int
	// Kind is what its block is ("paragraph", "heading", …): only blocks
	// of the same kind are paired whole. "" everywhere when unknown.
	Kind string
	// Terms are the termbase concepts the sentence names (glossary
	// concept IDs), if known: a concept named on both sides is evidence.
	Terms []string
}

// Range is a run of consecutive sentences: indexes [Start, End).
type Range struct {
	Start, End int
}

// Len returns the number of sentences in r.
func (r Range) Len() int { return r.End - r.Start }

// Bead is a group of source sentences translated by a group of target
// sentences; one side is empty for a sentence without a counterpart (left
// out by the translator, or added).
type Bead struct {
	Source, Target Range
	// Confidence, from 0 to 1, is how sure the aligner is that the two
	// sides translate each other: how alike the machine translation and
	// the target are (or, without one, the texts themselves), their
	// lengths, the numbers, URLs and concepts they share. 0 for a bead
	// with an empty side.
	Confidence float64
}

// Options tune an Aligner.
type Options struct {
	// Ratio is the expected number of target characters per source
	// character (0: 1).
	Ratio float64
}

// Aligner aligns texts sentence by sentence. It keeps its working memory
// from one call to the next, so that aligning many short texts (the
// paragraphs of a memory import) allocates next to nothing; an Aligner
// is not safe for concurrent use: give each goroutine its own.
type Aligner struct {
	ratio float64
	p     *params

	arena              []uint32  // hashes of every feature
	srcF, tgtF         []feature // per sentence
	srcB, tgtB         []feature // per block
	srcBS, tgtBS       []Range   // the sentences of each block
	srcKinds, tgtKinds []string  // the kind of each block
	band               band
	blockLevel         bool    // the programme under way pairs blocks
	gramUnit           float64 // the average number of trigrams of a sentence (at least minGramUnit)
}

// New returns an Aligner.
func New(opts Options) *Aligner {
	r := opts.Ratio
	if r <= 0 || math.IsNaN(r) || math.IsInf(r, 0) {
		r = 1
	}
	return &Aligner{ratio: r}
}

// params are the weights of the scores, in the units of the cost: a bead
// costs its shape's own cost plus the evidence against it (negative when
// the evidence is for it).
type params struct {
	ins                               float64 // a sentence (or block) left without a counterpart
	merge, twoTwo, oneThree, swap     float64 // the other shapes' own costs
	blockMerge                        float64 // two blocks translated by one
	sim, simMid                       float64 // weight of the trigram F-score, and the F-score that tells a translation from an unrelated text
	length, lengthCap                 float64 // weight and cap of Gale and Church's length cost
	mark, markBonus, termBonus, scale float64 // per number or URL on one side only; per one on both; per concept on both; the confidence's spread
	confMid                           float64 // the evidence per sentence at which the confidence is 0.5
}

// withMT weighs a comparison of the machine translation with the target;
// withoutMT, of the two texts themselves (names, numbers, cognates), whose
// F-scores are lower. The F-scores that tell a translation from an
// unrelated sentence were read on FLORES-200 and TICO-19 (fr→en, fr→es):
// with Apertium, 95 % of unrelated pairs score below 0.3 and 95 % of
// translations above; without an engine, the two overlap more, around 0.15.
var (
	withMT    = params{ins: 4, merge: 3, blockMerge: 10, twoTwo: 3, oneThree: 3, swap: 1, sim: 20, simMid: 0.3, length: 1, lengthCap: 6, mark: 1, markBonus: 1.5, termBonus: 1.5, scale: 1.5, confMid: 2}
	withoutMT = params{ins: 4, merge: 3, blockMerge: 10, twoTwo: 3, oneThree: 3, swap: 1, sim: 20, simMid: 0.16, length: 1, lengthCap: 6, mark: 1, markBonus: 1.5, termBonus: 1.5, scale: 1.5, confMid: 3.5}
)

// minGramUnit keeps the evidence of a text of very short sentences (a
// table of single words) from weighing as much as a text of long ones.
const minGramUnit = 20

// Align aligns the sentences src with tgt and appends the beads to dst, in
// the order of the source (a target sentence without a counterpart comes
// where it stands between its neighbours), each sentence of either side in
// exactly one bead.
//
// Structure first: blocks are paired whole (same kind, similar content),
// with blocks present on one side only, two blocks merged into one, and
// two neighbouring blocks swapped (list items); the sentences of paired
// blocks are then aligned inside them, and those of blocks left unpaired
// on both sides between two pairs together, as one text. The sentence
// alignment is a dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2,
// 2-2, 1-3 and 3-1, in a band around the diagonal: its cost grows with the
// number of sentences times the band's width, never with their product.
func (a *Aligner) Align(dst []Bead, src, tgt []Sentence) []Bead {
	a.p = &withoutMT
	for _, s := range src {
		if s.MT != "" {
			a.p = &withMT
			break
		}
	}
	a.arena = a.arena[:0]
	a.srcF = a.features(a.srcF[:0], src, true)
	a.tgtF = a.features(a.tgtF[:0], tgt, false)
	grams := 0
	for _, fs := range [2][]feature{a.srcF, a.tgtF} {
		for i := range fs {
			grams += int(fs[i].g1 - fs[i].g0)
		}
	}
	a.gramUnit = max(minGramUnit, float64(grams)/float64(max(1, len(src)+len(tgt))))
	a.unions(a.srcF)
	a.unions(a.tgtF)
	a.srcBS, a.srcKinds = blocks(a.srcBS[:0], a.srcKinds[:0], src)
	a.tgtBS, a.tgtKinds = blocks(a.tgtBS[:0], a.tgtKinds[:0], tgt)
	if len(a.srcBS) == 0 || len(a.tgtBS) == 0 || len(a.srcBS) == 1 && len(a.tgtBS) == 1 {
		return a.sentences(dst, Range{0, len(src)}, Range{0, len(tgt)})
	}
	a.srcB = a.blockFeatures(a.srcB[:0], a.srcBS, a.srcF)
	a.tgtB = a.blockFeatures(a.tgtB[:0], a.tgtBS, a.tgtF)
	steps := a.dp(a.srcB, a.tgtB, a.srcKinds, a.tgtKinds, blockShapes[:])
	// run holds the sentences of the blocks left unpaired since the last
	// pair: aligned together, as one text, when the next pair comes.
	var runS, runT Range
	flush := func(s, t int) {
		if runS.Len() > 0 || runT.Len() > 0 {
			dst = a.sentences(dst, runS, runT)
		}
		runS, runT = Range{s, s}, Range{t, t}
	}
	for _, st := range steps {
		sh := blockShapes[st.shape]
		s, t := a.span(a.srcBS, st.i, sh.di), a.span(a.tgtBS, st.j, sh.dj)
		switch {
		case sh.di == 0 || sh.dj == 0:
			runS.End += s.Len()
			runT.End += t.Len()
		case sh.swap:
			flush(s.End, t.End)
			s1, s2 := a.srcBS[st.i], a.srcBS[st.i+1]
			t1, t2 := a.tgtBS[st.j], a.tgtBS[st.j+1]
			dst = a.sentences(dst, s1, t2)
			dst = a.sentences(dst, s2, t1)
		default:
			flush(s.End, t.End)
			dst = a.sentences(dst, s, t)
		}
	}
	flush(len(src), len(tgt))
	return dst
}

// span returns the sentences of the n blocks of bs from the i-th.
func (a *Aligner) span(bs []Range, i, n int) Range {
	if n == 0 {
		if i < len(bs) {
			return Range{bs[i].Start, bs[i].Start}
		}
		return Range{bs[len(bs)-1].End, bs[len(bs)-1].End}
	}
	return Range{bs[i].Start, bs[i+n-1].End}
}

// features appends the features of each sentence of ss to dst.
func (a *Aligner) features(dst []feature, ss []Sentence, source bool) []feature {
	for i := range ss {
		s := &ss[i]
		var f feature
		f.runes = utf8.RuneCountInString(s.Text)
		text := s.Text
		if source && s.MT != "" {
			text = s.MT
		}
		start := len(a.arena)
		a.arena = addGrams(a.arena, text)
		f.g0, f.g1 = sortRange(a.arena, start)
		start = len(a.arena)
		a.arena = addMarks(a.arena, s.Text)
		f.n0, f.n1 = sortRange(a.arena, start)
		start = len(a.arena)
		for _, t := range s.Terms {
			a.arena = append(a.arena, hashString(t))
		}
		f.t0, f.t1 = sortRange(a.arena, start)
		dst = append(dst, f)
	}
	return dst
}

// mergeAll appends to the arena the sorted union of the lists of fs
// that list returns, and returns its bounds; the list of a single item
// is not copied.
func (a *Aligner) mergeAll(fs []feature, list func(*feature) (int32, int32)) (int32, int32) {
	if len(fs) > 8 {
		// Merging one list after another would copy the first ones again
		// and again: sort the lot instead.
		start := len(a.arena)
		for k := range fs {
			l0, l1 := list(&fs[k])
			a.arena = append(a.arena, a.arena[l0:l1]...)
		}
		return sortRange(a.arena, start)
	}
	lo, hi := list(&fs[0])
	for k := 1; k < len(fs); k++ {
		l0, l1 := list(&fs[k])
		start := int32(len(a.arena))
		a.arena = mergeSorted(a.arena, a.arena[lo:hi], a.arena[l0:l1])
		lo, hi = start, int32(len(a.arena))
	}
	return lo, hi
}

// unions fills the trigrams of each item of fs with the next one and the
// next two.
func (a *Aligner) unions(fs []feature) {
	for i := range fs {
		f := &fs[i]
		f.u2 = int32(len(a.arena))
		if i+1 < len(fs) {
			a.arena = mergeSorted(a.arena, a.arena[f.g0:f.g1], a.arena[fs[i+1].g0:fs[i+1].g1])
		}
		f.u3 = int32(len(a.arena))
		if i+2 < len(fs) {
			a.arena = mergeSorted(a.arena, a.arena[f.u2:f.u3], a.arena[fs[i+2].g0:fs[i+2].g1])
		}
		f.u4 = int32(len(a.arena))
	}
}

// grams returns the trigrams of the n items of fs from the i-th (n <= 3).
func (a *Aligner) grams(fs []feature, i, n int) []uint32 {
	f := &fs[i]
	switch n {
	case 2:
		return a.arena[f.u2:f.u3]
	case 3:
		return a.arena[f.u3:f.u4]
	}
	return a.arena[f.g0:f.g1]
}

// blocks cuts ss into its blocks and appends, for each, its sentences and
// its kind.
func blocks(rs []Range, kinds []string, ss []Sentence) ([]Range, []string) {
	for i := 0; i < len(ss); {
		j := i + 1
		for j < len(ss) && ss[j].Block == ss[i].Block {
			j++
		}
		rs = append(rs, Range{i, j})
		kinds = append(kinds, ss[i].Kind)
		i = j
	}
	return rs, kinds
}

// blockFeatures appends the features of each block of rs to dst: those of
// its sentences fs together.
func (a *Aligner) blockFeatures(dst []feature, rs []Range, fs []feature) []feature {
	for _, r := range rs {
		var f feature
		part := fs[r.Start:r.End]
		f.g0, f.g1 = a.mergeAll(part, func(f *feature) (int32, int32) { return f.g0, f.g1 })
		f.n0, f.n1 = a.mergeAll(part, func(f *feature) (int32, int32) { return f.n0, f.n1 })
		f.t0, f.t1 = a.mergeAll(part, func(f *feature) (int32, int32) { return f.t0, f.t1 })
		for k := range part {
			f.runes += part[k].runes
		}
		dst = append(dst, f)
	}
	return dst
}

// sentences aligns the source sentences s with the target sentences t and
// appends the beads to dst.
func (a *Aligner) sentences(dst []Bead, s, t Range) []Bead {
	switch {
	case s.Len() == 0:
		for j := t.Start; j < t.End; j++ {
			dst = append(dst, Bead{Source: Range{s.Start, s.Start}, Target: Range{j, j + 1}})
		}
		return dst
	case t.Len() == 0:
		for i := s.Start; i < s.End; i++ {
			dst = append(dst, Bead{Source: Range{i, i + 1}, Target: Range{t.Start, t.Start}})
		}
		return dst
	}
	steps := a.dp(a.srcF[s.Start:s.End], a.tgtF[t.Start:t.End], nil, nil, sentenceShapes[:])
	for _, st := range steps {
		sh := sentenceShapes[st.shape]
		b := Bead{Source: Range{s.Start + st.i, s.Start + st.i + sh.di}, Target: Range{t.Start + st.j, t.Start + st.j + sh.dj}}
		if sh.di > 0 && sh.dj > 0 {
			b.Confidence = a.confidence(a.srcF[s.Start:s.End], a.tgtF[t.Start:t.End], st.i, st.j, sh.di, sh.dj)
		}
		dst = append(dst, b)
	}
	return dst
}
