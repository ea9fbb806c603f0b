package glossary

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ArticleBefore returns before, the text that precedes term t in running
// text of t's language, with the determiner at its end made to agree with
// what the termbase says of t: its gender and number, and whether it takes
// an article at all (Article). after is the text that follows the term:
// an English term followed by a word modifies that word ("the UCLG
// campaign", "the UCLG World Council"), and the article is that word's
// (modifies). Spanish and
// English are known (agreeSpanish, agreeEnglish); other languages get
// before back. A machine translation that never saw the term guesses that
// determiner from the source ("la Siria", "del OIM", "the UCLG"); package
// termguard puts it right, and a check reports what it could not.
func (t *Term) ArticleBefore(before, after string) string {
	switch baseOf(t.Lang) {
	case "es":
		return agreeSpanish(before, t)
	case "en":
		if modifies(after) {
			return before
		}
		return agreeEnglish(before, t.Article)
	}
	return before
}

// ArticleUnknown reports whether before, the text that precedes t in
// running text, ends with a determiner that ArticleBefore cannot judge:
// a Spanish one, before a term whose gender the termbase does not give
// (unless it says the term takes no article).
func (t *Term) ArticleUnknown(before string) bool {
	return baseOf(t.Lang) == "es" && t.Gender == "" && t.Article != ArticleNone && spanishDeterminer.MatchString(before)
}

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
func agreeSpanish(before string, t *Term) string {
	if t == nil {
		return before
	}
	m := spanishDeterminer.FindStringSubmatchIndex(before)
	if m == nil {
		if t.Article != ArticleRequired || t.Gender == "" || t.Gender == OtherGender {
			return before
		}
		// The article the term needs, contracted with "de" or "a".
		art := spanishArticle(t.Gender, t.Number, false)
		return withArticle(before, art)
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
	case t.Article == ArticleNone && !indefinite:
		want = prep
	case t.Gender == "" || t.Gender == OtherGender || indefinite && t.Article == ArticleNone:
		return before // the termbase does not say enough, or the referent decides ("el/la migrante")
	default:
		number := t.Number
		if number == "" && strings.HasSuffix(art, "s") {
			number = Plural // the termbase does not say: the number written stays ("los ODS", "el ODS 11")
		}
		want = spanishArticle(t.Gender, number, indefinite)
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
		want = capitalised(want)
	}
	head := before[:m[2]]
	if want == "" {
		// The article goes with the blank after it ("La Siria" → "Siria").
		return head
	}
	return head + want + " "
}

// spanishArticle returns the article for a noun of the gender and number.
func spanishArticle(g Gender, n Number, indefinite bool) string {
	plural := n == Plural
	switch {
	case indefinite && g == Feminine && plural:
		return "unas"
	case indefinite && g == Feminine:
		return "una"
	case indefinite && plural:
		return "unos"
	case indefinite:
		return "un"
	case g == Feminine && plural:
		return "las"
	case g == Feminine:
		return "la"
	case plural:
		return "los"
	}
	return "el"
}

// englishDeterminer is a word that ends a text and stands where "the"
// would: an article, a demonstrative, a possessive, a quantifier, or a
// noun's possessive "'s".
var englishDeterminer = regexp.MustCompile(`(?i)(?:(?:^|[\s(“"])(the|a|an|this|that|these|those|its|their|our|his|her|my|your|whose|every|each|any|no|some)|['’]s)\s+$`)

// agreeEnglish returns before, the text that precedes a term or a
// rendering in an English target, with "the" at its end as use says:
// dropped when it takes none ("the UCLG" → "UCLG"), written when it
// requires one and a noun phrase starts there, after a preposition or a
// conjunction or at the start (phraseStart): "with United Nations" →
// "with the United Nations". An optional or unknown use leaves the
// engine's choice.
func agreeEnglish(before string, use ArticleUse) string {
	m := englishDeterminer.FindStringSubmatchIndex(before)
	switch use {
	case ArticleNone:
		if m != nil && m[2] >= 0 && strings.EqualFold(before[m[2]:m[3]], "the") {
			return before[:m[2]]
		}
	case ArticleRequired:
		if m == nil && (phraseStart(before) || englishLink.MatchString(before)) {
			return before + "the "
		}
	}
	return before
}

// modifies reports whether an English term followed by after modifies
// the word after it: a word follows that is neither a verb of the common
// kind, a conjunction, a preposition nor a relative pronoun ("the UCLG
// campaign", not "the UCLG has" or "the UCLG and").
func modifies(after string) bool {
	w := strings.TrimLeft(after, " \u00a0")
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	end := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	if end >= 0 {
		w = w[:end]
	}
	switch strings.ToLower(w) {
	case "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
		"should", "must", "may", "might", "does", "do", "did", "and", "or", "but", "nor", "of", "in", "on",
		"at", "to", "for", "with", "from", "by", "as", "into", "than", "which", "that", "who", "whose",
		"where", "when", "since", "itself", "also", "said", "says", "announced", "called", "remains":
		return false
	}
	return true
}

// phraseStart reports whether a noun phrase starts after before: nothing
// but blanks, or blanks after an opening bracket or quotation mark, a
// colon or a sentence's end.
func phraseStart(before string) bool {
	t := strings.TrimRight(before, " \u00a0\n")
	r, _ := utf8.DecodeLastRuneInString(t)
	return t == "" || strings.ContainsRune("(“\"«:.!?", r)
}

// englishLink is a preposition or a conjunction that ends a text: after
// it, a noun phrase starts, and its article is missing when a term that
// requires one follows ("of United Kingdom"). After any other word (an
// adjective: "the southern Mediterranean") nothing is said.
var englishLink = regexp.MustCompile(`(?i)(?:^|[\s(“"])(?:of|in|to|from|with|for|on|at|by|across|around|between|into|towards?|through|within|throughout|about|over|under|and|or|than|like)\s+$`)

// withArticle returns before with the Spanish article art written at its
// end, contracted with a "de" or "a" there ("de" + "el" is "del").
func withArticle(before, art string) string {
	m := contractible.FindStringSubmatchIndex(before)
	if m == nil || art != "el" {
		return before + art + " "
	}
	prep := strings.ToLower(before[m[2]:m[3]])
	c := map[string]string{"de": "del", "a": "al"}[prep]
	if r, _ := utf8.DecodeRuneInString(before[m[2]:]); unicode.IsUpper(r) {
		c = capitalised(c)
	}
	return before[:m[2]] + c + " "
}

// contractible is a "de" or an "a" that ends a text.
var contractible = regexp.MustCompile(`(?i)(?:^|[\s(«"“])(de|a)\s+$`)

// capitalised returns s with its first letter upper-cased.
func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// participleAfter is a past participle of the regular kinds (-ado, -ido)
// at the start of a text, alone or after a comma or a form of "ser" or
// "estar" (a passive: "fue adoptado"), but not after "haber" alone,
// whose participle does not agree ("ha adoptado").
var participleAfter = regexp.MustCompile(`^(\s*,?\s*(?:(?:es|fue|era|será|sería|está|estaba|estará|son|fueron|eran|serán|están|estaban|ha sido|han sido|había sido|habían sido|sido)\s+)?\p{Ll}+?[ai]d)(o|a)(s?)\b`)

// ParticipleAfter returns after, the text that follows t in Spanish
// running text, with a past participle there ("adoptado", "fue adoptado")
// written for t's gender and number when it agrees with from instead:
// the source term, whose gender the engine followed, not knowing the
// target's ("le Programme 2030 adopté" gave "la Agenda 2030 adoptado").
// Anything else is returned as it is: a participle that already agrees
// with t, or one that agrees with neither (it is another noun's).
func (t *Term) ParticipleAfter(after string, from *Term) string {
	if baseOf(t.Lang) != "es" || from == nil || t.Gender == "" || from.Gender == "" {
		return after
	}
	m := participleAfter.FindStringSubmatchIndex(after)
	if m == nil {
		return after
	}
	ending := func(g Gender, n Number) string {
		e := "o"
		if g == Feminine {
			e = "a"
		}
		if n == Plural {
			e += "s"
		}
		return e
	}
	written := after[m[4]:m[7]]
	if written != ending(from.Gender, from.Number) || written == ending(t.Gender, t.Number) {
		return after
	}
	return after[:m[3]] + ending(t.Gender, t.Number) + after[m[7]:]
}
