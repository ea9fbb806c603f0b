package leverage

import (
	"fmt"
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
)

// NumBands is the number of bands: a Band is at least 0 and less than
// NumBands, so that a [NumBands]T array holds one T per band.
const NumBands = int(Repetition) + 1

// LowestScore is the lowest memory score that counts in a band (Fuzzy50):
// the pipeline looks the memory up down to it for the analysis, even where
// it inserts and suggests only better matches.
const LowestScore = 50

// Bands returns the bands in the order reports show them: in context,
// repetitions, then by falling score.
func Bands() []Band {
	return []Band{InContext, Repetition, Exact, Fuzzy95, Fuzzy85, Fuzzy75, Fuzzy50, NoMatch}
}

var bandNames = [NumBands]string{"no_match", "fuzzy_50_74", "fuzzy_75_84", "fuzzy_85_94", "fuzzy_95_99", "exact", "in_context", "repetitions"}
var bandLabels = [NumBands]string{"no match", "50–74 %", "75–84 %", "85–94 %", "95–99 %", "100 %", "101 % in context", "repetitions"}

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
	if b >= 0 && int(b) < NumBands {
		return bandNames[b]
	}
	return fmt.Sprintf("band(%d)", int(b))
}

// Label returns the band as people read it: "95–99 %", "no match".
func (b Band) Label() string {
	if b >= 0 && int(b) < NumBands {
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
