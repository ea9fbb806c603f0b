package termguard

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/glossary"
)

// The engine never sees a protected term, so the article before its token
// is a guess from the French: "la Siria", "del OIM", "las Estados Unidos".
// Once the term is back, the determiner before it is made to agree with
// what the termbase says of the Spanish term: its gender and number, and
// whether it takes an article at all (Term.Article).

// spanishDeterminer is a definite or indefinite article, alone or after
// "de" or "a" or contracted with it, that ends a text: what precedes a
// term's token.
var spanishDeterminer = regexp.MustCompile(`(?i)(?:^|[\s(«"“])((?:(de|a)\s+)?(el|la|los|las|un|una|unos|unas)|(del|al))\s+$`)

// agreeSpanish returns before, the text that precedes term t in a Spanish
// target, with the determiner at its end made to agree with t: dropped
// (with its contraction undone: "del" is "de") when t takes no article,
// else written for t's gender and number ("la OIM", "de la OIM", "los
// Estados Unidos"). A term that requires an article gets one where the
// engine wrote none ("de Reino Unido" → "del Reino Unido"). A determiner
// is left as it is when the termbase does not say enough.
func agreeSpanish(before string, t *glossary.Term) string {
	if t == nil {
		return before
	}
	m := spanishDeterminer.FindStringSubmatchIndex(before)
	if m == nil {
		if t.Article != glossary.ArticleRequired || t.Gender == "" {
			return before
		}
		// The article the term needs, contracted with "de" or "a".
		art := spanishArticle(t.Gender, t.Number, false)
		b, rest := contractSpanish(before, art+" ")
		return b + rest
	}
	whole := before[m[2]:m[3]]
	prep, art := "", ""
	switch {
	case m[8] >= 0: // del, al
		prep, art = strings.ToLower(before[m[8]:m[8]+1]), "el"
		if strings.EqualFold(before[m[8]:m[9]], "del") {
			prep = "de"
		} else {
			prep = "a"
		}
	default:
		if m[4] >= 0 {
			prep = strings.ToLower(before[m[4]:m[5]])
		}
		art = strings.ToLower(before[m[6]:m[7]])
	}
	indefinite := strings.HasPrefix(art, "un")
	var want string
	switch {
	case t.Article == glossary.ArticleNone && !indefinite:
		want = prep
	case t.Gender == "" || indefinite && t.Article == glossary.ArticleNone:
		return before
	default:
		want = spanishArticle(t.Gender, t.Number, indefinite)
		switch {
		case prep == "de" && want == "el":
			want = "del"
		case prep == "a" && want == "el":
			want = "al"
		case prep != "":
			want = prep + " " + want
		}
	}
	if strings.EqualFold(want, strings.Join(strings.Fields(whole), " ")) {
		return before
	}
	if r, _ := utf8.DecodeRuneInString(whole); unicode.IsUpper(r) && want != "" {
		want = upperFirst(want)
	}
	head := before[:m[2]]
	if want == "" {
		// The article goes with the blank after it ("La Siria" → "Siria").
		return head
	}
	return head + want + " "
}

// spanishArticle returns the article for a noun of the gender and number.
func spanishArticle(g glossary.Gender, n glossary.Number, indefinite bool) string {
	plural := n == glossary.Plural
	switch {
	case indefinite && g == glossary.Feminine && plural:
		return "unas"
	case indefinite && g == glossary.Feminine:
		return "una"
	case indefinite && plural:
		return "unos"
	case indefinite:
		return "un"
	case g == glossary.Feminine && plural:
		return "las"
	case g == glossary.Feminine:
		return "la"
	case plural:
		return "los"
	}
	return "el"
}

// articleBefore is "de" or "a", or a determiner, that ends a text before
// a rendering that brings its own article.
var articleBefore = regexp.MustCompile(`(?i)(?:^|[\s(«"“])(de|a|el|la|los|las|un|una|unos|unas|del|al)\s+$`)

// contractSpanish returns before and target, a rendering that starts with
// its own lower-case definite article ("el Sr. Dupont", "la Sra. García"),
// written together: "de" and "a" contract with "el" ("del Sr. Dupont"),
// and a determiner the engine put before it gives way to target's own.
// Anything else is returned as it is.
func contractSpanish(before, target string) (string, string) {
	art, rest, ok := strings.Cut(target, " ")
	if !ok || art != "el" && art != "la" && art != "los" && art != "las" {
		return before, target
	}
	m := articleBefore.FindStringSubmatchIndex(before)
	if m == nil {
		return before, target
	}
	head, word := before[:m[2]], before[m[2]:m[3]]
	r, _ := utf8.DecodeRuneInString(word)
	upper := unicode.IsUpper(r)
	prep := map[string]string{"de": "de", "del": "de", "a": "a", "al": "a"}[strings.ToLower(word)]
	var joined string
	switch {
	case art == "el" && prep == "de":
		joined = "del " + rest
	case art == "el" && prep == "a":
		joined = "al " + rest
	case prep != "":
		joined = prep + " " + target
	default: // the engine's determiner gives way
		joined = target
	}
	if upper {
		joined = upperFirst(joined)
	}
	return head + joined[:strings.IndexByte(joined, ' ')+1], joined[strings.IndexByte(joined, ' ')+1:]
}

// englishDeterminer is a word that ends a text and stands where "the"
// would: an article, a demonstrative, a possessive, a quantifier, or a
// noun's possessive "'s".
var englishDeterminer = regexp.MustCompile(`(?i)(?:(?:^|[\s(“"])(the|a|an|this|that|these|those|its|their|our|his|her|my|your|whose|every|each|any|no|some)|['’]s)\s+$`)

// agreeEnglish returns before, the text that precedes a term or a
// rendering in an English target, with "the" at its end as use says:
// dropped when it takes none ("the UCLG" → "UCLG"), written when it
// requires one and no other determiner stands there ("with United
// Nations" → "with the United Nations"). An optional or unknown use
// leaves the engine's choice.
func agreeEnglish(before string, use glossary.ArticleUse) string {
	m := englishDeterminer.FindStringSubmatchIndex(before)
	switch use {
	case glossary.ArticleNone:
		if m != nil && m[2] >= 0 && strings.EqualFold(before[m[2]:m[3]], "the") {
			return before[:m[2]]
		}
	case glossary.ArticleRequired:
		if m == nil {
			return before + "the "
		}
	}
	return before
}

// startsUpper reports whether s starts with a capital letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
