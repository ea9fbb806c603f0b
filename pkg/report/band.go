package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/relais-tm/relais/pkg/leverage"
)

// Counts is a number of segments and their source words.
type Counts struct {
	Segments int `json:"segments"`
	Words    int `json:"words"`
}

// add counts one segment of words words.
func (c *Counts) add(words int) {
	c.Segments++
	c.Words += words
}

// plus adds o to c.
func (c *Counts) plus(o Counts) {
	c.Segments += o.Segments
	c.Words += o.Words
}

// BandCounts counts segments and words by band. Its JSON field names are
// part of the summary.json and analyze schema.
type BandCounts struct {
	InContext   Counts `json:"in_context"`
	Repetitions Counts `json:"repetitions"`
	Exact       Counts `json:"exact"`
	Fuzzy95     Counts `json:"fuzzy_95_99"`
	Fuzzy85     Counts `json:"fuzzy_85_94"`
	Fuzzy75     Counts `json:"fuzzy_75_84"`
	Fuzzy50     Counts `json:"fuzzy_50_74"`
	NoMatch     Counts `json:"no_match"`
}

// At returns the counts of band b.
func (bc *BandCounts) At(b leverage.Band) *Counts {
	switch b {
	case leverage.InContext:
		return &bc.InContext
	case leverage.Repetition:
		return &bc.Repetitions
	case leverage.Exact:
		return &bc.Exact
	case leverage.Fuzzy95:
		return &bc.Fuzzy95
	case leverage.Fuzzy85:
		return &bc.Fuzzy85
	case leverage.Fuzzy75:
		return &bc.Fuzzy75
	case leverage.Fuzzy50:
		return &bc.Fuzzy50
	}
	return &bc.NoMatch
}

// Total returns the counts over every band.
func (bc BandCounts) Total() Counts {
	var t Counts
	for _, b := range leverage.Bands() {
		t.plus(*bc.At(b))
	}
	return t
}

func (bc *BandCounts) plus(o BandCounts) {
	for _, b := range leverage.Bands() {
		bc.At(b).plus(*o.At(b))
	}
}

// Weights are what a word of each band costs (indexed by leverage.Band),
// as a fraction of a word without match: what a project manager prices.
// The zero value weighs nothing; DefaultWeights is a common price grid.
type Weights [leverage.NumBands]float64

// DefaultWeights returns a common grid: 101 % and repetitions 10 %, 100 %
// 25 %, 95–99 % 30 %, 85–94 % 60 %, 75–84 % 80 %, below 100 %.
func DefaultWeights() Weights {
	var w Weights
	w[leverage.InContext], w[leverage.Repetition], w[leverage.Exact] = 0.1, 0.1, 0.25
	w[leverage.Fuzzy95], w[leverage.Fuzzy85], w[leverage.Fuzzy75] = 0.3, 0.6, 0.8
	w[leverage.Fuzzy50], w[leverage.NoMatch] = 1, 1
	return w
}

// ParseWeights reads "BAND=WEIGHT" pairs separated by commas ("100=0.2,
// 95-99=0.4") over base, and returns the result. Weights are fractions
// (0.3) or percentages ("30%").
func ParseWeights(base Weights, s string) (Weights, error) {
	w := base
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return base, fmt.Errorf("weight %q: want BAND=WEIGHT, as in 95-99=0.3", part)
		}
		b, err := leverage.ParseBand(k)
		if err != nil {
			return base, fmt.Errorf("weight %q: %w", part, err)
		}
		v = strings.TrimSpace(v)
		pct := strings.HasSuffix(v, "%")
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if err != nil || f < 0 {
			return base, fmt.Errorf("weight %q: %q is not a weight (want a number such as 0.3 or 30%%)", part, v)
		}
		if pct {
			f /= 100
		}
		w[b] = f
	}
	return w, nil
}

// String writes the weights as ParseWeights reads them, in the order of
// leverage.Bands.
func (w Weights) String() string {
	var parts []string
	for _, b := range leverage.Bands() {
		parts = append(parts, fmt.Sprintf("%s=%s", bandArg(b), strconv.FormatFloat(w[b], 'f', -1, 64)))
	}
	return strings.Join(parts, ",")
}

func bandArg(b leverage.Band) string {
	switch b {
	case leverage.InContext:
		return "101"
	case leverage.Repetition:
		return "rep"
	case leverage.Exact:
		return "100"
	case leverage.Fuzzy95:
		return "95-99"
	case leverage.Fuzzy85:
		return "85-94"
	case leverage.Fuzzy75:
		return "75-84"
	case leverage.Fuzzy50:
		return "50-74"
	}
	return "none"
}

// Weighted returns the weighted word count of bc.
func (w Weights) Weighted(bc BandCounts) float64 {
	t := 0.0
	for _, b := range leverage.Bands() {
		t += w[b] * float64(bc.At(b).Words)
	}
	return t
}

// Get returns the counts of band b.
func (bc BandCounts) Get(b leverage.Band) Counts { return *bc.At(b) }
