package typography

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// A French honorific before a name: "M. Dupont", "Mme García", "MM.
// Durand", "Dr Martin", "Me Leroy", "Mme de La Fontaine". The name is one
// to three capitalised words, each maybe after a particle (de, du, d', van,
// von, da, di, del, la, le).
var honorificRE = regexp.MustCompile(`(?:^|[^\p{L}\p{N}.'’-])(MM\.|M\.|Mmes\.?|Mme\.?|Mlles\.?|Mlle\.?|Dre\.?|Dr\.?|Pre\.?|Pr\.?|Me)` + sp +
	`(` + nameWord + `(?:` + sp + nameWord + `){0,2})`)

// nameWord is a capitalised word of a name, maybe after a particle.
const nameWord = `(?:(?:de|du|des|van|von|da|di|del|la|le)` + sp + `|d['’])?\p{Lu}[\p{L}'’-]*`

// honorific is how English and Spanish write a French honorific. The
// Spanish form holds the article that running text puts before it ("la
// Sra. García ha declarado"); package termguard contracts it after "de"
// and "a" ("del Sr. Dupont").
type honorific struct{ en, es string }

// honorifics maps each French honorific, without a final full stop, to
// its English (British, without full stops) and Spanish forms. "Me", a
// lawyer's title, has no equivalent in either: English and Spanish
// writers keep "Maître" for a French lawyer. "Dr" and "Pr" say no gender;
// Spanish takes the masculine, as French grammar does, and "Dre", "Pre"
// (Quebec's feminine forms) give the feminine.
var honorifics = map[string]honorific{
	"M":     {"Mr", "el Sr."},
	"MM":    {"Messrs", "los Sres."},
	"Mme":   {"Ms", "la Sra."},
	"Mmes":  {"Mses", "las Sras."},
	"Mlle":  {"Ms", "la Srta."},
	"Mlles": {"Mses", "las Srtas."},
	"Dr":    {"Dr", "el Dr."},
	"Dre":   {"Dr", "la Dra."},
	"Pr":    {"Professor", "el Prof."},
	"Pre":   {"Professor", "la Prof.ª"},
	"Me":    {"Maître", "Maître"},
}

// Honorifics finds the honorifics of a French text that stand before a
// name and renders each, with the name, in lang (English or Spanish; nil
// for other languages): "Mme García" is "Ms García" and "la Sra. García",
// "M. Dupont" is "Mr Dupont" and "el Sr. Dupont". An "M." after a
// capitalised word is a middle initial ("John M. Keynes"), and "Me" at a
// sentence's start is the pronoun unless a name follows.
func Honorifics(text string, lang language.Tag) []Rendering {
	base, _ := lang.Base()
	b := base.String()
	if b != "en" && b != "es" {
		return nil
	}
	var out []Rendering
	for _, m := range honorificRE.FindAllStringSubmatchIndex(text, -1) {
		title := text[m[2]:m[3]]
		h, ok := honorifics[trimStop(title)]
		if !ok || afterCapitalised(text[:m[2]]) {
			continue
		}
		target := h.en
		if b == "es" {
			target = h.es
		}
		name := text[m[4]:m[5]]
		out = append(out, Rendering{
			Span:   document.Span{Start: m[2], End: m[5]},
			Text:   text[m[2]:m[5]],
			Target: target + " " + blanksToSpace(name),
		})
	}
	return out
}

// trimStop removes one final full stop from s.
func trimStop(s string) string {
	if n := len(s); n > 0 && s[n-1] == '.' {
		return s[:n-1]
	}
	return s
}

// afterCapitalised reports whether before ends with a capitalised word
// that does not start a sentence, and one blank: what comes next is a
// middle initial.
func afterCapitalised(before string) bool {
	r, n := utf8.DecodeLastRuneInString(before)
	if n == 0 || !unicode.IsSpace(r) {
		return false
	}
	before = before[:len(before)-n]
	start := len(before)
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:start])
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		start -= n
	}
	r, _ = utf8.DecodeRuneInString(before[start:])
	if start == len(before) || !unicode.IsUpper(r) {
		return false
	}
	// A capital that starts a sentence says nothing ("Selon M. Dupont").
	lead := strings.TrimRightFunc(before[:start], func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("«“\"'(—–-", r) })
	last, _ := utf8.DecodeLastRuneInString(lead)
	return lead != "" && !strings.ContainsRune(".!?:…", last)
}

// blanksToSpace writes every blank of s (a no-break space between the
// parts of a name) as a space.
func blanksToSpace(s string) string {
	out := []rune(s)
	for i, r := range out {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			out[i] = ' '
		}
	}
	return string(out)
}
