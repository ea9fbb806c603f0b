package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Band is a leverage band: how much of a segment the memory covers, as
// Trados and OmegaT report it. A segment whose source already came earlier
// in the batch is a Repetition, whatever the memory holds.
type Band int

// The bands. NoMatch is the zero value.
const (
	NoMatch    Band = iota // no memory match of LowestScore or more
	Fuzzy50                // 50–74 %
	Fuzzy75                // 75–84 %
	Fuzzy85                // 85–94 %
	Fuzzy95                // 95–99 %
	Exact                  // 100 %
	InContext              // 101 %: the same sentence between the same neighbours
	Repetition             // the same source came earlier in the batch
	numBands
)

// LowestScore is the lowest memory score that counts in a band (Fuzzy50):
// the pipeline looks the memory up down to it for the analysis, even where
// it inserts and suggests only better matches.
const LowestScore = 50

// Bands lists the bands in the order reports show them: in context,
// repetitions, then by falling score.
var Bands = []Band{InContext, Repetition, Exact, Fuzzy95, Fuzzy85, Fuzzy75, Fuzzy50, NoMatch}

var bandNames = [numBands]string{"no_match", "fuzzy_50_74", "fuzzy_75_84", "fuzzy_85_94", "fuzzy_95_99", "exact", "in_context", "repetitions"}
var bandLabels = [numBands]string{"no match", "50–74 %", "75–84 %", "85–94 %", "95–99 %", "100 %", "101 % in context", "repetitions"}

// BandOf returns the band of a segment whose best memory match scored
// score (0 for none), repeated telling whether its source came earlier in
// the batch. It is the one place that decides bands.
func BandOf(score int, repeated bool) Band {
	switch {
	case repeated:
		return Repetition
	case score >= 101:
		return InContext
	case score >= 100:
		return Exact
	case score >= 95:
		return Fuzzy95
	case score >= 85:
		return Fuzzy85
	case score >= 75:
		return Fuzzy75
	case score >= LowestScore:
		return Fuzzy50
	}
	return NoMatch
}

// String returns the band's name as summary.json and --format csv write
// it: "in_context", "exact", "fuzzy_95_99", "no_match", "repetitions"…
func (b Band) String() string {
	if b >= 0 && b < numBands {
		return bandNames[b]
	}
	return fmt.Sprintf("band(%d)", int(b))
}

// Label returns the band as people read it: "95–99 %", "no match".
func (b Band) Label() string {
	if b >= 0 && b < numBands {
		return bandLabels[b]
	}
	return b.String()
}

// ParseBand reads a band's name (Band.String) or its score range as
// written on the command line: "101", "100", "95-99", "85-94", "75-84",
// "50-74", "none", "rep".
func ParseBand(s string) (Band, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for b, n := range bandNames {
		if k == n {
			return Band(b), nil
		}
	}
	switch strings.NewReplacer("–", "-", "%", "", " ", "").Replace(k) {
	case "101", "ice", "context", "incontext":
		return InContext, nil
	case "100":
		return Exact, nil
	case "95-99":
		return Fuzzy95, nil
	case "85-94":
		return Fuzzy85, nil
	case "75-84":
		return Fuzzy75, nil
	case "50-74":
		return Fuzzy50, nil
	case "none", "nomatch", "new":
		return NoMatch, nil
	case "rep", "repetition", "repetitions":
		return Repetition, nil
	}
	return 0, fmt.Errorf("unknown band %q (want 101, rep, 100, 95-99, 85-94, 75-84, 50-74 or none)", s)
}

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
func (bc *BandCounts) At(b Band) *Counts {
	switch b {
	case InContext:
		return &bc.InContext
	case Repetition:
		return &bc.Repetitions
	case Exact:
		return &bc.Exact
	case Fuzzy95:
		return &bc.Fuzzy95
	case Fuzzy85:
		return &bc.Fuzzy85
	case Fuzzy75:
		return &bc.Fuzzy75
	case Fuzzy50:
		return &bc.Fuzzy50
	}
	return &bc.NoMatch
}

// Total returns the counts over every band.
func (bc BandCounts) Total() Counts {
	var t Counts
	for _, b := range Bands {
		t.plus(*bc.At(b))
	}
	return t
}

func (bc *BandCounts) plus(o BandCounts) {
	for _, b := range Bands {
		bc.At(b).plus(*o.At(b))
	}
}

// Weights are what a word of each band costs, as a fraction of a word
// without match: what a project manager prices. The zero value weighs
// nothing; DefaultWeights is a common price grid.
type Weights [numBands]float64

// DefaultWeights returns a common grid: 101 % and repetitions 10 %, 100 %
// 25 %, 95–99 % 30 %, 85–94 % 60 %, 75–84 % 80 %, below 100 %.
func DefaultWeights() Weights {
	var w Weights
	w[InContext], w[Repetition], w[Exact] = 0.1, 0.1, 0.25
	w[Fuzzy95], w[Fuzzy85], w[Fuzzy75] = 0.3, 0.6, 0.8
	w[Fuzzy50], w[NoMatch] = 1, 1
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
		b, err := ParseBand(k)
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
// Bands.
func (w Weights) String() string {
	var parts []string
	for _, b := range Bands {
		parts = append(parts, fmt.Sprintf("%s=%s", bandArg(b), strconv.FormatFloat(w[b], 'f', -1, 64)))
	}
	return strings.Join(parts, ",")
}

func bandArg(b Band) string {
	switch b {
	case InContext:
		return "101"
	case Repetition:
		return "rep"
	case Exact:
		return "100"
	case Fuzzy95:
		return "95-99"
	case Fuzzy85:
		return "85-94"
	case Fuzzy75:
		return "75-84"
	case Fuzzy50:
		return "50-74"
	}
	return "none"
}

// Weighted returns the weighted word count of bc.
func (w Weights) Weighted(bc BandCounts) float64 {
	t := 0.0
	for _, b := range Bands {
		t += w[b] * float64(bc.At(b).Words)
	}
	return t
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Get returns the counts of band b.
func (bc BandCounts) Get(b Band) Counts { return *bc.At(b) }
