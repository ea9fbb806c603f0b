// Package chrf computes chrF (Popović, 2015), the character n-gram F-score
// machine translation is measured with: character n-grams of 1 to 6 with
// blanks taken out, counts summed over the whole corpus, precision and
// recall averaged over the orders, combined with beta 2 (recall weighs
// twice as much), on a 0–100 scale. Figures compare runs of this package
// with each other, not with other tools' chrF.
package chrf

import "unicode"

// Order is the longest character n-gram counted.
const Order = 6

// Beta weighs recall against precision.
const Beta = 2.0

// Corpus returns the chrF of hypotheses against references, pair by pair
// (hyps[i] translates the sentence refs[i] is the reference of). Extra
// lines on either side are left out.
func Corpus(hyps, refs []string) float64 {
	var match, hypTotal, refTotal [Order]int
	for i := range min(len(hyps), len(refs)) {
		h, r := chars(hyps[i]), chars(refs[i])
		for n := 1; n <= Order; n++ {
			hc, rc := grams(h, n), grams(r, n)
			for g, c := range hc {
				match[n-1] += min(c, rc[g])
				hypTotal[n-1] += c
			}
			for _, c := range rc {
				refTotal[n-1] += c
			}
		}
	}
	var p, r float64
	orders := 0
	for n := range Order {
		if hypTotal[n] == 0 || refTotal[n] == 0 {
			continue
		}
		p += float64(match[n]) / float64(hypTotal[n])
		r += float64(match[n]) / float64(refTotal[n])
		orders++
	}
	if orders == 0 {
		return 0
	}
	p, r = p/float64(orders), r/float64(orders)
	if p+r == 0 {
		return 0
	}
	b2 := Beta * Beta
	return 100 * (1 + b2) * p * r / (b2*p + r)
}

// chars returns the characters of s without its blanks.
func chars(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// grams counts the n-grams of s.
func grams(s []rune, n int) map[string]int {
	out := map[string]int{}
	for i := 0; i+n <= len(s); i++ {
		out[string(s[i:i+n])]++
	}
	return out
}
