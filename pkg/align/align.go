package align

import (
	"math"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// BlockPair is a source block and the target block paired with it, as
// indexes into the documents' Blocks; -1 on one side when the other side's
// block has no partner.
type BlockPair struct {
	Source, Target int
}

// Blocks pairs the blocks of src and tgt by structure: in order, a source
// block with a target block of the same kind and name. Blocks without a
// partner come out paired with -1, in document order.
func Blocks(src, tgt *document.Document) []BlockPair {
	n, m := len(src.Blocks), len(tgt.Blocks)
	key := func(b *document.Block) string {
		switch b.Kind {
		case document.FrontMatter, document.Attribute:
			return b.Kind.String() + "\x00" + b.Name
		}
		return b.Kind.String()
	}
	// lcs[i][j] is the length of the longest common subsequence of
	// src.Blocks[i:] and tgt.Blocks[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(&src.Blocks[i]) == key(&tgt.Blocks[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []BlockPair
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case key(&src.Blocks[i]) == key(&tgt.Blocks[j]) && lcs[i][j] == lcs[i+1][j+1]+1:
			out = append(out, BlockPair{i, j})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, BlockPair{i, -1})
			i++
		default:
			out = append(out, BlockPair{-1, j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, BlockPair{i, -1})
	}
	for ; j < m; j++ {
		out = append(out, BlockPair{-1, j})
	}
	return out
}

// Bead is a group of source sentences translated by a group of target
// sentences: indexes into the two slices given to Sentences. One side may
// be empty (a sentence left out, or added).
type Bead struct {
	Source, Target []int
}

// Costs of the beads, in the units of the length cost: what a bead of
// another shape than one-to-one must explain away.
const (
	costOneOne  = 0.0
	costMerge   = 2.3 // 2-1 or 1-2
	costTwoTwo  = 4.6
	costInsDel  = 4.5 // 1-0 or 0-1
	varianceCoe = 6.8 // Gale and Church's s²
)

// Sentences aligns the source sentences src with the target sentences tgt
// (their texts, code placeholders left out) and returns the beads in order.
// ratio is the expected length of a target character per source character
// (1 when unknown).
func Sentences(src, tgt []string, ratio float64) []Bead {
	if ratio <= 0 {
		ratio = 1
	}
	n, m := len(src), len(tgt)
	if n == m {
		out := make([]Bead, n)
		for i := range out {
			out[i] = Bead{[]int{i}, []int{i}}
		}
		return out
	}
	ls := lengths(src)
	lt := lengths(tgt)
	inf := math.Inf(1)
	cost := make([][]float64, n+1)
	back := make([][][2]int, n+1)
	for i := range cost {
		cost[i] = make([]float64, m+1)
		back[i] = make([][2]int, m+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	shapes := [][3]float64{{1, 1, costOneOne}, {1, 0, costInsDel}, {0, 1, costInsDel}, {2, 1, costMerge}, {1, 2, costMerge}, {2, 2, costTwoTwo}}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			if cost[i][j] == inf {
				continue
			}
			for _, s := range shapes {
				di, dj := int(s[0]), int(s[1])
				if i+di > n || j+dj > m {
					continue
				}
				a := sum(ls[i : i+di])
				b := sum(lt[j : j+dj])
				c := cost[i][j] + s[2] + lengthCost(a, b, ratio)
				if c < cost[i+di][j+dj] {
					cost[i+di][j+dj] = c
					back[i+di][j+dj] = [2]int{di, dj}
				}
			}
		}
	}
	var out []Bead
	for i, j := n, m; i > 0 || j > 0; {
		d := back[i][j]
		b := Bead{}
		for k := i - d[0]; k < i; k++ {
			b.Source = append(b.Source, k)
		}
		for k := j - d[1]; k < j; k++ {
			b.Target = append(b.Target, k)
		}
		out = append(out, b)
		i, j = i-d[0], j-d[1]
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// lengthCost is how unlikely a source of a characters is to be translated
// by b characters: the squared deviation of Gale and Church's normal model.
func lengthCost(a, b int, ratio float64) float64 {
	if a == 0 && b == 0 {
		return 0
	}
	mean := (float64(a) + float64(b)/ratio) / 2
	if mean == 0 {
		mean = 1
	}
	z := (float64(b) - float64(a)*ratio) / math.Sqrt(mean*varianceCoe)
	return z * z / 2
}

func lengths(ss []string) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		out[i] = utf8.RuneCountInString(s)
	}
	return out
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
