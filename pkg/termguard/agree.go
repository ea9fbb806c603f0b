package termguard

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// startsUpper reports whether s starts with a capital letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
