package document

import "regexp"

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
