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

// frenchPlural is a plural French ordinal in digits ("les 2es rencontres",
// "les 1res assises", "3èmes"): the engine, which reads it well, renders
// it in the singular ("2.º").
var frenchPlural = regexp.MustCompile(`\b(\d{1,4})(ers|res|ères|es|èmes|emes|des|ndes|nds)\b`)

// spanishOrdinal is a Spanish ordinal abbreviation in the singular.
var spanishOrdinal = regexp.MustCompile(`\b(\d{1,4})\.(º|ª|o|a|er)(?:[^\p{L}]|$)`)

// pluralOrdinals puts into the plural, in a Spanish draft, the ordinals of
// the same numbers that are plural in the French source: "2.º" is "2.os",
// "1.ª" is "1.as", as the Spanish Academy writes them. The gender is the
// draft's, or the French ending's where it says feminine ("1res").
func pluralOrdinals(source string, target document.Content) document.Content {
	plural := map[string]bool{} // number → feminine
	for _, m := range frenchPlural.FindAllStringSubmatch(source, -1) {
		suffix := m[2]
		plural[m[1]] = plural[m[1]] || suffix == "res" || suffix == "ères" || suffix == "des" || suffix == "ndes"
	}
	if len(plural) == 0 {
		return target
	}
	for i, r := range target {
		if r.Code != nil {
			continue
		}
		text := r.Text
		var b strings.Builder
		last := 0
		for _, m := range spanishOrdinal.FindAllStringSubmatchIndex(text, -1) {
			n := text[m[2]:m[3]]
			feminine, ok := plural[n]
			if !ok {
				continue
			}
			mark := text[m[4]:m[5]]
			end := "os"
			if feminine || mark == "ª" || mark == "a" {
				end = "as"
			}
			b.WriteString(text[last:m[4]])
			b.WriteString(end)
			last = m[5]
			delete(plural, n)
		}
		if last > 0 {
			b.WriteString(text[last:])
			target[i].Text = b.String()
		}
	}
	return target
}
