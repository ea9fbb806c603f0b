package align

import "golang.org/x/text/language"

// LengthRatio is the expected length of a translation from French into
// tgt, in characters per source character (Options.Ratio): English runs
// shorter, Spanish longer; 1 for another language.
func LengthRatio(tgt language.Tag) float64 {
	b, _ := tgt.Base()
	switch b.String() {
	case "en":
		return 0.92
	case "es":
		return 1.05
	}
	return 1
}
