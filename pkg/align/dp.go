package align

import (
	"math"
)

// shapeKind names a bead's shape, whose own cost params gives (a
// sentence left alone costs in proportion to its text: see alone).
type shapeKind uint8

const (
	oneOne shapeKind = iota
	insDel
	merge
	blockMerge
	twoTwo
	oneThree
	swapped
)

// shape is a bead's shape: di sentences (or blocks) of the source with dj
// of the target; swap pairs two of each crosswise.
type shape struct {
	di, dj int
	kind   shapeKind
	swap   bool
}

// sentenceShapes are the beads of the sentence alignment; blockShapes, of
// the block alignment.
var (
	sentenceShapes = [...]shape{{1, 1, oneOne, false}, {1, 0, insDel, false}, {0, 1, insDel, false}, {2, 1, merge, false}, {1, 2, merge, false},
		{2, 2, twoTwo, false}, {1, 3, oneThree, false}, {3, 1, oneThree, false}}
	blockShapes = [...]shape{{1, 1, oneOne, false}, {1, 0, insDel, false}, {0, 1, insDel, false}, {2, 1, blockMerge, false}, {1, 2, blockMerge, false},
		{2, 2, swapped, true}}
)

func (p *params) shapeCost(k shapeKind) float64 {
	switch k {
	case merge:
		return p.merge
	case blockMerge:
		return p.blockMerge
	case twoTwo:
		return p.twoTwo
	case oneThree:
		return p.oneThree
	case swapped:
		return p.swap
	}
	return 0
}

// step is one bead of a path: its shape (an index into the shapes given
// to dp) from the cell (i, j).
type step struct {
	i, j  int
	shape uint8
}

// band is the working memory of one dynamic programme: for each row i
// (source position), the target positions [lo, lo+width) around the
// diagonal, their costs and back pointers, and a memo of the trigrams
// sentence i and sentence j share, over a slightly wider window.
type band struct {
	lo, base   []int32
	width      []int32
	cost       []float64
	back       []uint8
	memo       []int32
	memoBase   []int32
	steps      []step
	blockSteps []step
}

// bandPad widens the memo's window beyond the band's: a bead reaches at
// most three sentences ahead.
const bandPad = 3

// halfWidth is how far from the diagonal the path may go: at least
// minBand, and twice the difference of the two lengths (sentences one side
// has and the other has not, wherever they are).
func halfWidth(n, m int) int {
	w := 2*abs(n-m) + minBand
	return min(w, max(n, m))
}

// minBand is the least half-width of the band.
const minBand = 16

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dp finds the cheapest path of beads of the given shapes through src and
// tgt (features of sentences, or of blocks with their kinds) and returns
// its steps in order.
func (a *Aligner) dp(src, tgt []feature, sk, tk []string, shapes []shape) []step {
	n, m := len(src), len(tgt)
	b := &a.band
	a.blockLevel = sk != nil
	w := halfWidth(n, m)
	b.lo, b.base, b.width, b.memoBase = b.lo[:0], b.base[:0], b.width[:0], b.memoBase[:0]
	total, memoTotal := int32(0), int32(0)
	for i := 0; i <= n; i++ {
		c := i * m / max(n, 1)
		lo, hi := max(0, c-w), min(m, c+w)
		b.lo = append(b.lo, int32(lo))
		b.base = append(b.base, total)
		b.width = append(b.width, int32(hi-lo+1))
		b.memoBase = append(b.memoBase, memoTotal)
		total += int32(hi - lo + 1)
		memoTotal += int32(hi - lo + 1 + 2*bandPad)
	}
	b.cost = grow(b.cost, int(total))
	b.back = grow(b.back, int(total))
	b.memo = grow(b.memo, int(memoTotal))
	inf := math.Inf(1)
	for k := range b.cost {
		b.cost[k] = inf
	}
	for k := range b.memo {
		b.memo[k] = -1
	}
	b.cost[0] = 0
	p := a.p
	for i := 0; i <= n; i++ {
		lo, width := int(b.lo[i]), int(b.width[i])
		for j := lo; j < lo+width; j++ {
			c := b.cost[int(b.base[i])+j-lo]
			if c == inf {
				continue
			}
			for si := range shapes {
				sh := &shapes[si]
				ni, nj := i+sh.di, j+sh.dj
				if ni > n || nj > m {
					continue
				}
				nlo := int(b.lo[ni])
				if nj < nlo || nj >= nlo+int(b.width[ni]) {
					continue
				}
				var cc float64
				switch {
				case sh.dj == 0: // 1-0
					cc = c + a.alone(&src[i])
				case sh.di == 0: // 0-1
					cc = c + a.alone(&tgt[j])
				case sh.swap:
					if sk[i] != tk[j+1] || sk[i+1] != tk[j] {
						continue
					}
					cc = c + p.shapeCost(sh.kind) + a.evidence(src, tgt, i, j+1, 1, 1) + a.evidence(src, tgt, i+1, j, 1, 1)
				default:
					if sk != nil && !sameKind(sk[i:ni], tk[j:nj]) {
						continue
					}
					cc = c + p.shapeCost(sh.kind) + a.evidence(src, tgt, i, j, sh.di, sh.dj)
				}
				k := int(b.base[ni]) + nj - nlo
				if cc < b.cost[k] {
					b.cost[k] = cc
					b.back[k] = uint8(si)
				}
			}
		}
	}
	steps := b.steps[:0]
	if sk != nil {
		steps = b.blockSteps[:0]
	}
	for i, j := n, m; i > 0 || j > 0; {
		si := b.back[int(b.base[i])+j-int(b.lo[i])]
		sh := shapes[si]
		i, j = i-sh.di, j-sh.dj
		steps = append(steps, step{i, j, si})
	}
	for l, r := 0, len(steps)-1; l < r; l, r = l+1, r-1 {
		steps[l], steps[r] = steps[r], steps[l]
	}
	if sk != nil {
		b.blockSteps = steps
	} else {
		b.steps = steps
	}
	return steps
}

func sameKind(a, b []string) bool {
	k := a[0]
	for _, x := range a {
		if x != k {
			return false
		}
	}
	for _, x := range b {
		if x != k {
			return false
		}
	}
	return true
}

// alone is the cost of leaving f without a counterpart: in proportion to
// its text (its trigrams, in units of an average sentence's, at least a
// quarter), as the evidence of a pair is, so that a long sentence left out
// costs what pairing it with an unrelated one would.
func (a *Aligner) alone(f *feature) float64 {
	return a.p.ins * max(0.25, float64(f.g1-f.g0)/a.gramUnit)
}

// shared returns the trigrams src[i] and tgt[j] share, from the memo when
// the pair is inside its window.
func (a *Aligner) shared(src, tgt []feature, i, j int) int {
	b := &a.band
	lo := int(b.lo[i]) - bandPad
	k := j - lo
	if k < 0 || k >= int(b.width[i])+2*bandPad {
		return common(a.arena[src[i].g0:src[i].g1], a.arena[tgt[j].g0:tgt[j].g1])
	}
	at := int(b.memoBase[i]) + k
	if v := b.memo[at]; v >= 0 {
		return int(v)
	}
	v := common(a.arena[src[i].g0:src[i].g1], a.arena[tgt[j].g0:tgt[j].g1])
	b.memo[at] = int32(v)
	return v
}

// evidence is the cost of what speaks against the source items
// [i, i+di) translating the target items [j, j+dj), in proportion to the
// text the bead holds (its trigrams, in units of an average sentence's), so
// that a bead costs what the beads it could be cut into cost, and a short
// sentence added to a long pair weighs little: how little the trigrams of the one
// (its machine translation) and of the other have in common, below the
// F-score that tells a translation from an unrelated text; the difference
// of their lengths; numbers and URLs on one side only, less those on both
// and the concepts both name.
func (a *Aligner) evidence(src, tgt []feature, i, j, di, dj int) float64 {
	e, _ := a.evidenceOf(src, tgt, i, j, di, dj)
	if di == 2 && dj == 2 {
		// Sentences cut differently on the two sides, not two pairs side
		// by side: the bead must beat the two pairs on its diagonal.
		e1, _ := a.evidenceOf(src, tgt, i, j, 1, 1)
		e2, _ := a.evidenceOf(src, tgt, i+1, j+1, 1, 1)
		e = max(e, e1+e2)
	}
	return e
}

// evidenceOf returns the evidence against a bead and the bead's size, in
// sentences of average length.
func (a *Aligner) evidenceOf(src, tgt []feature, i, j, di, dj int) (float64, float64) {
	p := a.p
	var ls, lt int
	var ns, nt, ts, tt int
	for x := i; x < i+di; x++ {
		f := &src[x]
		ls += f.runes
		ns += int(f.n1 - f.n0)
		ts += int(f.t1 - f.t0)
	}
	for y := j; y < j+dj; y++ {
		f := &tgt[y]
		lt += f.runes
		nt += int(f.n1 - f.n0)
		tt += int(f.t1 - f.t0)
	}
	var inter, gs, gt int
	switch {
	case di == 1 && dj == 1:
		inter = a.shared(src, tgt, i, j)
		gs, gt = int(src[i].g1-src[i].g0), int(tgt[j].g1-tgt[j].g0)
	case a.blockLevel:
		// Blocks are long: what two of them share with a third is the sum
		// of what each shares with it, from the memo, at most the smaller
		// side's trigrams.
		for x := i; x < i+di; x++ {
			gs += int(src[x].g1 - src[x].g0)
			for y := j; y < j+dj; y++ {
				inter += a.shared(src, tgt, x, y)
			}
		}
		for y := j; y < j+dj; y++ {
			gt += int(tgt[y].g1 - tgt[y].g0)
		}
		inter = min(inter, gs, gt)
	default:
		s, t := a.grams(src, i, di), a.grams(tgt, j, dj)
		inter, gs, gt = common(s, t), len(s), len(t)
	}
	size := float64(gs+gt) / (2 * a.gramUnit)
	e := p.sim * (p.simMid - fScore(inter, gs, gt))

	other := p.length * min(lengthCost(ls, lt, a.ratio), p.lengthCap)
	if ns+nt > 0 {
		both := 0
		for x := i; x < i+di; x++ {
			for y := j; y < j+dj; y++ {
				both += common(a.arena[src[x].n0:src[x].n1], a.arena[tgt[y].n0:tgt[y].n1])
			}
		}
		both = min(both, ns, nt)
		other += p.mark*float64(ns+nt-2*both) - p.markBonus*float64(both)
	}
	if ts > 0 && tt > 0 {
		both := 0
		for x := i; x < i+di; x++ {
			for y := j; y < j+dj; y++ {
				both += common(a.arena[src[x].t0:src[x].t1], a.arena[tgt[y].t0:tgt[y].t1])
			}
		}
		other -= p.termBonus * float64(min(both, ts, tt))
	}
	return e*size + other, size
}

// confidence maps a bead's evidence, per sentence of average length, to
// [0, 1]: 0.5 at the evidence confMid, read on the gold set as the level
// under which the beads the programme chose are more often wrong than
// right.
func (a *Aligner) confidence(src, tgt []feature, i, j, di, dj int) float64 {
	e, size := a.evidenceOf(src, tgt, i, j, di, dj)
	e /= max(size, 0.25)
	return 1 / (1 + math.Exp((e-a.p.confMid)/a.p.scale))
}

// fScore is the F-score of a hypothesis of gs trigrams sharing inter with
// a reference of gt: chrF's, but with β = 1, precision weighing as much
// as recall, so that a sentence added to either side of a bead costs the
// same.
func fScore(inter, gs, gt int) float64 {
	if inter == 0 || gs == 0 || gt == 0 {
		return 0
	}
	return 2 * float64(inter) / float64(gs+gt)
}

// varianceCoef is Gale and Church's s²: the variance of a translation's
// length per source character.
const varianceCoef = 6.8

// lengthCost is how unlikely a source of ls characters is to be translated
// by lt characters: the squared deviation of Gale and Church's normal
// model, halved.
func lengthCost(ls, lt int, ratio float64) float64 {
	if ls == 0 && lt == 0 {
		return 0
	}
	mean := (float64(ls) + float64(lt)/ratio) / 2
	if mean < 1 {
		mean = 1
	}
	z := (float64(lt) - float64(ls)*ratio) / math.Sqrt(mean*varianceCoef)
	return z * z / 2
}

// grow returns s with length n, reusing its array when it is large enough
// (its contents are the caller's to set).
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
