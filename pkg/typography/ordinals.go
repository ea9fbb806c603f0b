package typography

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// A French ordinal in digits: "1er", "1re", "1ère", "2e", "2d", "2nde",
// "21e", "3ème", with the French determiner before it if any.
var ordinalRE = regexp.MustCompile(`(?i:\b(la|le|une|un|cette|ce|du|au|les|des|aux)` + sp + `)?\b(\d{1,4})(er|re|ère|e|ème|de|d|nde|nd)\b`)

// Ordinals finds the ordinals of a French text written in digits ("3e",
// "1re") and renders each in lang (English or Spanish; nil for other
// languages): "la 3e édition" is "3rd" and "3.ª", "le 1er prix" is "1st"
// and "1.er". Spanish marks the gender of the noun, which the French
// gives by the ordinal's own ending ("1re", "1er") or by the determiner
// before it ("la", "le", "du"); a plural or no determiner gives the
// masculine, and "1.er", "3.er", "21.er" are the short forms of primer
// and tercer before a masculine noun. A date's "1er" is the date's
// (Dates).
func Ordinals(text string, lang language.Tag) []Rendering {
	base, _ := lang.Base()
	b := base.String()
	if b != "en" && b != "es" {
		return nil
	}
	var out []Rendering
	for _, m := range ordinalRE.FindAllStringSubmatchIndex(text, -1) {
		n, err := strconv.Atoi(text[m[4]:m[5]])
		if err != nil || n == 0 {
			continue
		}
		suffix := strings.ToLower(text[m[6]:m[7]])
		if n != 1 && (suffix == "er" || suffix == "re" || suffix == "ère") || n != 2 && strings.HasPrefix(suffix, "d") || strings.HasPrefix(suffix, "n") && n != 2 {
			continue // "3er", "5de": not an ordinal
		}
		target := ordinalEN(n)
		if b == "es" {
			det := ""
			if m[2] >= 0 {
				det = strings.ToLower(text[m[2]:m[3]])
			}
			feminine := suffix == "re" || suffix == "ère" || suffix == "de" || suffix == "nde" ||
				det == "la" || det == "une" || det == "cette"
			masculineSingular := !feminine && det != "les" && det != "des" && det != "aux"
			switch {
			case feminine:
				target = strconv.Itoa(n) + ".ª"
			case masculineSingular && (n%10 == 1 || n%10 == 3) && n%100 != 11 && n%100 != 13:
				target = strconv.Itoa(n) + ".er"
			default:
				target = strconv.Itoa(n) + ".º"
			}
		}
		out = append(out, Rendering{Span: document.Span{Start: m[4], End: m[7]}, Text: text[m[4]:m[7]], Target: target})
	}
	return out
}
