package typography

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// A French century or millennium in Roman numerals: "XXIe siècle", "IIIe
// millénaire", and two of them sharing the noun: "XIXe et XXe siècles".
var centuryRE = regexp.MustCompile(`\b([IVXL]+)(?:e|er|ème)(?:` + sp + `(et|ou)` + sp + `([IVXL]+)(?:e|ème))?` + sp + `(siècles?|millénaires?)\b`)

// Centuries finds the centuries and millennia of a French text written in
// Roman numerals and renders each in lang (English or Spanish; nil for
// other languages): "XXIe siècle" is "21st century" and "siglo XXI", "XIXe
// et XXe siècles" is "19th and 20th centuries" and "siglos XIX y XX",
// "IIIe millénaire" is "3rd millennium" and "milenio III". The article
// before, if any, is the engine's.
func Centuries(text string, lang language.Tag) []Rendering {
	base, _ := lang.Base()
	b := base.String()
	if b != "en" && b != "es" {
		return nil
	}
	var out []Rendering
	for _, m := range centuryRE.FindAllStringSubmatchIndex(text, -1) {
		first := text[m[2]:m[3]]
		v1 := romanInt(first)
		if v1 == 0 {
			continue
		}
		var second string
		v2 := 0
		if m[6] >= 0 {
			second = text[m[6]:m[7]]
			if v2 = romanInt(second); v2 == 0 {
				continue
			}
		}
		noun := text[m[8]:m[9]]
		plural := strings.HasSuffix(noun, "s")
		millennium := strings.HasPrefix(noun, "mill")
		var t string
		if b == "en" {
			n := map[bool]string{false: "century", true: "centuries"}[plural]
			if millennium {
				n = map[bool]string{false: "millennium", true: "millennia"}[plural]
			}
			t = ordinalEN(v1)
			if v2 > 0 {
				t += map[string]string{"et": " and ", "ou": " or "}[text[m[4]:m[5]]] + ordinalEN(v2)
			}
			t += " " + n
		} else {
			n := map[bool]string{false: "siglo", true: "siglos"}[plural]
			if millennium {
				n = map[bool]string{false: "milenio", true: "milenios"}[plural]
			}
			t = n + " " + first
			if v2 > 0 {
				t += map[string]string{"et": " y ", "ou": " o "}[text[m[4]:m[5]]] + second
			}
		}
		out = append(out, Rendering{Span: document.Span{Start: m[0], End: m[1]}, Text: text[m[0]:m[1]], Target: t})
	}
	return out
}

// ordinalEN writes n as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
func ordinalEN(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// romanInt reads a Roman numeral up to 89 (L, X, V, I), or 0 if s is not
// one written the usual way.
func romanInt(s string) int {
	values := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50}
	n := 0
	for i := 0; i < len(s); i++ {
		v := values[s[i]]
		if i+1 < len(s) && values[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || toRoman(n) != s {
		return 0
	}
	return n
}

// toRoman writes n (1 to 89) in Roman numerals.
func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
