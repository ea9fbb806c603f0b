package main

import (
	"math"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// This file is the aligner relais had before issue #17, kept here as the
// baseline the benchmark measures against: blocks paired by the longest
// common subsequence of their kinds, then the sentences of each pair of
// blocks by Gale and Church's length model.

type blockPair struct{ source, target int }

// gcBlocks pairs the blocks of src and tgt in order, a source block with a
// target block of the same kind (and name, for front matter).
func gcBlocks(src, tgt *document.Document) []blockPair {
	n, m := len(src.Blocks), len(tgt.Blocks)
	key := func(b *document.Block) string {
		switch b.Kind {
		case document.FrontMatter, document.Attribute:
			return b.Kind.String() + "\x00" + b.Name
		}
		return b.Kind.String()
	}
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
	var out []blockPair
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case key(&src.Blocks[i]) == key(&tgt.Blocks[j]) && lcs[i][j] == lcs[i+1][j+1]+1:
			out = append(out, blockPair{i, j})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, blockPair{i, -1})
			i++
		default:
			out = append(out, blockPair{-1, j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, blockPair{i, -1})
	}
	for ; j < m; j++ {
		out = append(out, blockPair{-1, j})
	}
	return out
}

type gcBead struct{ source, target []int }

const (
	gcOneOne   = 0.0
	gcMerge    = 2.3
	gcTwoTwo   = 4.6
	gcInsDel   = 4.5
	gcVariance = 6.8
)

// gcSentences aligns src with tgt by Gale and Church's dynamic programme
// over character lengths.
func gcSentences(src, tgt []string, ratio float64) []gcBead {
	n, m := len(src), len(tgt)
	if n == m {
		out := make([]gcBead, n)
		for i := range out {
			out[i] = gcBead{[]int{i}, []int{i}}
		}
		return out
	}
	ls, lt := gcLengths(src), gcLengths(tgt)
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
	shapes := [][3]float64{{1, 1, gcOneOne}, {1, 0, gcInsDel}, {0, 1, gcInsDel}, {2, 1, gcMerge}, {1, 2, gcMerge}, {2, 2, gcTwoTwo}}
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
				a, b := 0, 0
				for _, x := range ls[i : i+di] {
					a += x
				}
				for _, x := range lt[j : j+dj] {
					b += x
				}
				c := cost[i][j] + s[2] + gcLengthCost(a, b, ratio)
				if c < cost[i+di][j+dj] {
					cost[i+di][j+dj] = c
					back[i+di][j+dj] = [2]int{di, dj}
				}
			}
		}
	}
	var out []gcBead
	for i, j := n, m; i > 0 || j > 0; {
		d := back[i][j]
		b := gcBead{}
		for k := i - d[0]; k < i; k++ {
			b.source = append(b.source, k)
		}
		for k := j - d[1]; k < j; k++ {
			b.target = append(b.target, k)
		}
		out = append(out, b)
		i, j = i-d[0], j-d[1]
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

func gcLengthCost(a, b int, ratio float64) float64 {
	if a == 0 && b == 0 {
		return 0
	}
	mean := (float64(a) + float64(b)/ratio) / 2
	if mean == 0 {
		mean = 1
	}
	z := (float64(b) - float64(a)*ratio) / math.Sqrt(mean*gcVariance)
	return z * z / 2
}

func gcLengths(ss []string) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		out[i] = utf8.RuneCountInString(s)
	}
	return out
}
