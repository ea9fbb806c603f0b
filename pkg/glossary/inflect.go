package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The regular inflection of French, English and Spanish terms: enough to
// find "gouvernements locaux et régionaux" from "gouvernement local et
// régional" and to give "local and regional governments" back, not a
// morphological analyser. Irregular forms belong in the termbase (Form).
//
// In French and Spanish the words that agree are the content words before
// the first preposition ("Organisations internationales pour les
// migrations"); in English only the last word before the first preposition
// (the head: "countries of origin"). Feminine forms are derived only for
// terms the termbase says are masculine and whose first word has the
// ending of a noun of person or a participle (migrant, réfugié,
// demandeur; refugiado, trabajador): a rule that turns "port" into
// "porte" would find words that are not the term.

func frStop(w string) bool {
	switch w {
	case "de", "d", "du", "des", "pour", "à", "au", "aux", "en", "sur", "sous", "dans", "par", "avec", "contre", "entre", "vers", "chez", "sans", "selon", "auprès":
		return true
	}
	return false
}

func frSkip(w string) bool {
	switch w {
	case "et", "ou", "le", "la", "les", "l", "un", "une", "non":
		return true
	}
	return false
}

func esStop(w string) bool {
	switch w {
	case "de", "del", "para", "en", "a", "al", "con", "por", "sobre", "entre", "sin", "hacia", "desde", "contra", "según", "ante", "bajo":
		return true
	}
	return false
}

func esSkip(w string) bool {
	switch w {
	case "y", "e", "o", "u", "el", "la", "los", "las", "no":
		return true
	}
	return false
}

func enStop(w string) bool {
	switch w {
	case "of", "for", "on", "in", "to", "at", "from", "with", "by", "against", "between", "under", "about", "among", "within", "into", "through", "relating", "per", "across":
		return true
	}
	return false
}

func baseOf(lang language.Tag) string {
	b, _ := lang.Base()
	return b.String()
}

// inflect returns text in the plural and/or the feminine by the regular
// rules of lang, or text itself when lang has no rules or nothing changes.
func inflect(lang language.Tag, text string, plural, feminine bool) string {
	base := baseOf(lang)
	if base != "fr" && base != "es" && base != "en" {
		return text
	}
	toks := tokenize(text, nil)
	targets := agreeing(base, text, toks)
	if len(targets) == 0 {
		return text
	}
	if feminine && !canFeminize(base, strings.ToLower(text[toks[targets[0]].start:toks[targets[0]].end])) {
		feminine = false
	}
	if !plural && !feminine {
		return text
	}
	var b strings.Builder
	last := 0
	for _, k := range targets {
		t := toks[k]
		b.WriteString(text[last:t.start])
		w := text[t.start:t.end]
		lw := strings.ToLower(w)
		nw := lw
		if feminine {
			nw = feminineWord(base, nw)
		}
		if plural {
			nw = pluralWord(base, nw)
		}
		b.WriteString(recase(w, lw, nw))
		last = t.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// agreeing returns the indexes of the word tokens that take the plural or
// the feminine.
func agreeing(base, text string, toks []token) []int {
	var out []int
	switch base {
	case "en":
		head := -1
		for k, t := range toks {
			w := strings.ToLower(text[t.start:t.end])
			if t.punct {
				continue
			}
			if enStop(w) {
				break
			}
			if hasLetter(w) && !isAcronymWord(text[t.start:t.end]) {
				head = k
			}
		}
		if head >= 0 {
			out = append(out, head)
		}
	default:
		stops, skips := frStop, frSkip
		if base == "es" {
			stops, skips = esStop, esSkip
		}
		for k, t := range toks {
			if t.punct {
				continue
			}
			raw := text[t.start:t.end]
			w := strings.ToLower(raw)
			if stops(w) {
				break
			}
			if skips(w) || !hasLetter(w) || isAcronymWord(raw) {
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isAcronymWord reports whether w is written in capitals (two or more):
// acronyms inside a term do not inflect.
func isAcronymWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// recase gives nw (lower case) the letter case of the word w it replaces,
// whose lower case is lw.
func recase(w, lw, nw string) string {
	if w == lw {
		return nw
	}
	if nw == lw {
		return w
	}
	if strings.ToUpper(w) == w {
		return strings.ToUpper(nw)
	}
	// Keep the original letters of the common prefix, lower-case the rest.
	p := 0
	for p < len(lw) && p < len(nw) && lw[p] == nw[p] {
		p++
	}
	for p > 0 && p < len(nw) && !utf8.RuneStart(nw[p]) {
		p--
	}
	if len(w) == len(lw) {
		return w[:p] + nw[p:]
	}
	r, size := utf8.DecodeRuneInString(nw)
	return string(unicode.ToUpper(r)) + nw[size:]
}

// pluralWord returns the regular plural of a lower-case word.
func pluralWord(base, w string) string {
	switch base {
	case "fr":
		return frPlural(w)
	case "es":
		return esPlural(w)
	case "en":
		return enPlural(w)
	}
	return w
}

func frPlural(w string) string {
	switch w {
	case "travail", "vitrail", "corail", "émail", "bail":
		return strings.TrimSuffix(w, "ail") + "aux"
	case "bijou", "caillou", "chou", "genou", "hibou", "joujou", "pou":
		return w + "x"
	case "bleu", "pneu", "émeu", "landau", "sarrau", "bal", "carnaval", "chacal", "festival",
		"récital", "régal", "naval", "fatal", "natal", "banal", "final", "idéal":
		return w + "s"
	}
	switch {
	case w == "":
		return w
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"):
		return w
	case strings.HasSuffix(w, "al"):
		return strings.TrimSuffix(w, "al") + "aux"
	case strings.HasSuffix(w, "eau"), strings.HasSuffix(w, "au"), strings.HasSuffix(w, "eu"):
		return w + "x"
	}
	return w + "s"
}

// esIrregular returns the plural of the Spanish words whose stress moves
// (joven, jóvenes) or that keep an accent the rule would drop (país).
func esIrregular(w string) (string, bool) {
	switch w {
	case "joven", "origen", "examen", "imagen", "margen", "orden", "volumen", "resumen", "crimen", "germen":
		// The stress stays on the same vowel, which now needs an accent.
		return esAccentPenult(w) + "es", true
	case "régimen":
		return "regímenes", true
	case "carácter":
		return "caracteres", true
	case "país":
		return "países", true
	}
	return "", false
}

// esAccentPenult puts an acute accent on the vowel before the last
// syllable's: "joven" → "jóven".
func esAccentPenult(w string) string {
	rs := []rune(w)
	seen := 0
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune("aeiou", rs[i]) {
			seen++
			if seen == 2 {
				rs[i] = map[rune]rune{'a': 'á', 'e': 'é', 'i': 'í', 'o': 'ó', 'u': 'ú'}[rs[i]]
				break
			}
		}
	}
	return string(rs)
}

func esPlural(w string) string {
	if p, ok := esIrregular(w); ok {
		return p
	}
	r, size := utf8.DecodeLastRuneInString(w)
	stem := w[:len(w)-size]
	switch {
	case w == "":
		return w
	case strings.ContainsRune("aeiouáéó", r):
		return w + "s"
	case r == 'í' || r == 'ú':
		return w + "es"
	case r == 'z':
		return stem + "ces"
	case r == 'y':
		return w + "es"
	case r == 's' || r == 'x':
		// Stressed last syllable (inglés, autobús): loses the accent;
		// otherwise (crisis, tórax) the word does not change.
		if p, ok := unaccentLast(stem); ok {
			return p + string(r) + "es"
		}
		return w
	case r == 'n':
		if p, ok := unaccentLast(stem); ok {
			return p + "nes"
		}
		return w + "es"
	}
	return w + "es"
}

// unaccentLast removes the accent of the last vowel of s when that vowel
// carries one: "migració" → "migracio".
func unaccentLast(s string) (string, bool) {
	r, size := utf8.DecodeLastRuneInString(s)
	plain := map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u'}
	if p, ok := plain[r]; ok {
		return s[:len(s)-size] + string(p), true
	}
	return s, false
}

func enPlural(w string) string {
	switch w {
	case "man", "woman", "chairman", "spokesman":
		return strings.TrimSuffix(w, "man") + "men"
	case "child":
		return "children"
	case "person":
		return "persons" // as in "internally displaced persons"
	case "life", "wife", "knife":
		return strings.TrimSuffix(w, "fe") + "ves"
	case "half", "leaf", "self", "shelf", "thief", "wolf", "calf":
		return strings.TrimSuffix(w, "f") + "ves"
	}
	switch {
	case w == "":
		return w
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// canFeminize reports whether the first agreeing word w (lower case) of a
// masculine term has the ending of a noun of person or a participle.
func canFeminize(base, w string) bool {
	switch base {
	case "fr":
		for _, suf := range []string{"eur", "é", "ant", "ien", "éen", "oyen", "ain", "ais", "ois", "ier"} {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
		return strings.HasSuffix(w, "ent") && !strings.HasSuffix(w, "ment")
	case "es":
		for _, suf := range []string{"ado", "ido", "ero", "ano", "dor", "tor", "sor"} {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// feminineWord returns the regular feminine of a lower-case masculine word.
func feminineWord(base, w string) string {
	switch base {
	case "fr":
		switch {
		case strings.HasSuffix(w, "e"):
			return w
		case strings.HasSuffix(w, "ateur"), strings.HasSuffix(w, "cteur"):
			return strings.TrimSuffix(w, "eur") + "rice"
		case strings.HasSuffix(w, "eur"), strings.HasSuffix(w, "eux"):
			return w[:len(w)-1] + "se"
		case strings.HasSuffix(w, "if"):
			return strings.TrimSuffix(w, "f") + "ve"
		case strings.HasSuffix(w, "el"), strings.HasSuffix(w, "en"), strings.HasSuffix(w, "on"):
			return w + string(w[len(w)-1]) + "e"
		case strings.HasSuffix(w, "er"):
			return strings.TrimSuffix(w, "er") + "ère"
		}
		return w + "e"
	case "es":
		switch {
		case strings.HasSuffix(w, "o"):
			return strings.TrimSuffix(w, "o") + "a"
		case strings.HasSuffix(w, "dor"), strings.HasSuffix(w, "tor"), strings.HasSuffix(w, "sor"):
			return w + "a"
		case strings.HasSuffix(w, "és"):
			return strings.TrimSuffix(w, "és") + "esa"
		case strings.HasSuffix(w, "án"):
			return strings.TrimSuffix(w, "án") + "ana"
		case strings.HasSuffix(w, "ón"):
			return strings.TrimSuffix(w, "ón") + "ona"
		case strings.HasSuffix(w, "ín"):
			return strings.TrimSuffix(w, "ín") + "ina"
		}
	}
	return w
}
