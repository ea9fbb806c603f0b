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
// Estados Unidos"). A determiner is left as it is when the termbase does
// not say enough.
func agreeSpanish(before string, t *glossary.Term) string {
	if t == nil {
		return before
	}
	m := spanishDeterminer.FindStringSubmatchIndex(before)
	if m == nil {
		return before
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
