// Package suggest finds, for a misspelt name (a configuration key, a check
// ID), the known name the user most likely meant.
package suggest

import "sort"

// Closest returns the candidate nearest to word by edit distance, if one is
// near enough to be a likely typo: fewer than max(3, len(word)/3+1) edits.
// Ties go to the candidate first in sorted order.
func Closest(word string, candidates []string) (string, bool) {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", max(3, len(word)/3+1)
	for _, c := range sorted {
		if d := Distance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// Distance returns the Levenshtein distance between a and b, counted in
// bytes (names here are ASCII).
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
