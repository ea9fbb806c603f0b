package document

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// address is a web address (with its scheme, or starting "www.") or an
// e-mail address written in text, without the punctuation that ends a
// sentence or closes a bracket after it.
var address = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"«»()]*[^\s<>"«»().,;:!?'’]|[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}`)

// Addresses returns the spans of the web and e-mail addresses of text:
// what the checks compare between a source and its translation, and what
// machine translation must not touch.
func Addresses(text string) []Span {
	var out []Span
	for _, m := range address.FindAllStringIndex(text, -1) {
		out = append(out, Span{Start: m[0], End: m[1]})
	}
	return out
}

// HasAddress reports whether text holds a web or e-mail address.
func HasAddress(text string) bool { return address.MatchString(text) }

// TechnicalNames returns the spans of the names of text that are written
// alike in every language and that an engine would read as words: file,
// host and record names, identifiers of code. Each is a run of ASCII
// letters, digits, "_", "-" and "." (without the dots and hyphens that end
// it) holding a letter, and either an underscore ("_xmpp-client._tcp",
// "mail._domainkey", "max_connections") or a dot between two characters
// or more and a part that starts with a lower-case letter or a digit
// ("config.yaml", "yunohost.org", "Vue.js"). A sentence's full
// stop, "M. Dupont", "c.-à-d." or "e.g." is none; neither is a number
// alone ("3.14"), nor an address (Addresses), which holds them.
func TechnicalNames(text string) []Span {
	var out []Span
	for i := 0; i < len(text); {
		if !nameByte(text[i]) || i > 0 && (nameByte(text[i-1]) || text[i-1] >= utf8.RuneSelf) {
			i++
			continue
		}
		j := i
		for j < len(text) && nameByte(text[j]) {
			j++
		}
		end := j
		for end > i && (text[end-1] == '.' || text[end-1] == '-') {
			end--
		}
		if (j == len(text) || text[j] < utf8.RuneSelf) && technicalName(text[i:end]) {
			out = append(out, Span{Start: i, End: end})
		}
		i = j + 1
	}
	return out
}

// nameByte reports whether c may be part of a technical name.
func nameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

// technicalName reports whether s, a run of name bytes, is a technical
// name (TechnicalNames).
func technicalName(s string) bool {
	if !strings.ContainsFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) {
		return false
	}
	if strings.Contains(s, "_") {
		return true
	}
	parts := strings.Split(s, ".")
	for k := 1; k < len(parts); k++ {
		before, after := parts[k-1], parts[k]
		if len(before) >= 2 && len(after) >= 2 && ('a' <= after[0] && after[0] <= 'z' || '0' <= after[0] && after[0] <= '9') {
			return true
		}
	}
	return false
}
