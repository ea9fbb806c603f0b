package typography

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// A French number: digits in groups of three after the first one to three,
// separated by a space, a no-break space or a narrow no-break space, with a
// decimal comma; or digits with a decimal comma; then an optional percent
// sign, spaced or not. Plain digits ("2017", "42") are the same in every
// language and are not taken.
var frenchNumber = regexp.MustCompile(`\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+(?:,\d+)?(?:[ \x{00A0}\x{202F}]?%)?` +
	`|\d+,\d+(?:[ \x{00A0}\x{202F}]?%)?` +
	`|\d+[ \x{00A0}\x{202F}]%`)

// Numbers finds the numbers of a French text written with a decimal comma,
// grouped digits or a spaced percent sign, and renders each in lang
// (English or Spanish; nil for other languages). English writes "1.5",
// "10,000,000" and "3.6%"; Spanish keeps the decimal comma, groups digits
// by three with a no-break space only from five digits ("1000", "10 000")
// and writes the percent sign after a no-break space ("3,6 %"). A number
// inside a word, an identifier or an address (a letter, a digit, "/", "."
// or "," touching it: "1,5.2", "v1,2", "a/1 000"), a list of numbers
// ("1,2,3") and grouped digits that start with a zero (a telephone
// number, a code) are left alone.
func Numbers(text string, lang language.Tag) []Rendering {
	base, _ := lang.Base()
	var render func(groups []string, frac string, pct bool) string
	switch base.String() {
	case "en":
		render = func(groups []string, frac string, pct bool) string {
			s := strings.Join(groups, ",")
			if frac != "" {
				s += "." + frac
			}
			if pct {
				s += "%"
			}
			return s
		}
	case "es":
		render = func(groups []string, frac string, pct bool) string {
			sep := ""
			if len(strings.Join(groups, "")) > 4 {
				sep = "\u00a0"
			}
			s := strings.Join(groups, sep)
			if frac != "" {
				s += "," + frac
			}
			if pct {
				s += "\u00a0%"
			}
			return s
		}
	default:
		return nil
	}
	var out []Rendering
	for _, m := range frenchNumber.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if !standsAlone(text, start, end) {
			continue
		}
		s := text[start:end]
		pct := strings.HasSuffix(s, "%")
		num := strings.TrimRight(strings.TrimSuffix(s, "%"), " \u00a0\u202f")
		intPart, frac, _ := strings.Cut(num, ",")
		groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' })
		if len(groups) > 1 && len(groups[0]) > 1 && groups[0][0] == '0' {
			continue // "01 234 567": a telephone number or a code
		}
		t := render(groups, frac, pct)
		if t == s {
			continue
		}
		out = append(out, Rendering{Span: document.Span{Start: start, End: end}, Text: s, Target: t})
	}
	return out
}

// Identifiers returns the words of text made of digits and capital
// letters together ("3DES", "MD5", "SHA-256", "IPv6", "G20", "COVID-19"),
// and the acronyms among words in lower case ("DES", "API"), each
// rendered as it is written: names of standards, algorithms and groups
// that an engine cuts at the digits or reads as words (Apertium wrote
// "3OF THE" for "3DES" and "OF THE" for "DES", read as the French
// article). It finds them in any language; nil for none.
func Identifiers(text string, lang language.Tag) []Rendering {
	var out []Rendering
	for i := 0; i < len(text); {
		if !idByte(text[i]) || i > 0 && (idByte(text[i-1]) || text[i-1] >= utf8.RuneSelf) {
			i++
			continue
		}
		j := i
		digit, upper := false, false
		for j < len(text) && (idByte(text[j]) || text[j] == '-' && j+1 < len(text) && idByte(text[j+1])) {
			digit = digit || '0' <= text[j] && text[j] <= '9'
			upper = upper || 'A' <= text[j] && text[j] <= 'Z'
			j++
		}
		if (digit && upper || acronym(text, i, j)) && (j == len(text) || text[j] < utf8.RuneSelf) {
			out = append(out, Rendering{Span: document.Span{Start: i, End: j}, Text: text[i:j], Target: text[i:j]})
		}
		i = j + 1
	}
	return out
}

// acronym reports whether text[i:j] is a word of three to six capital
// letters beside a word in lower case and no other word of capitals ("les
// chiffrements DES et 3DES"): an acronym, where a run of capitals is a
// heading or a shout ("LES VILLES"), and a word alone a title ("AVIS").
func acronym(text string, i, j int) bool {
	if j-i < 3 || j-i > 6 {
		return false
	}
	for k := i; k < j; k++ {
		if text[k] < 'A' || text[k] > 'Z' {
			return false
		}
	}
	before := strings.TrimRightFunc(text[:i], isSep)
	before = before[strings.LastIndexFunc(before, isSep)+1:]
	after := strings.TrimLeftFunc(text[j:], isSep)
	if k := strings.IndexFunc(after, isSep); k >= 0 {
		after = after[:k]
	}
	lower := func(w string) bool { return strings.IndexFunc(w, unicode.IsLower) >= 0 }
	return !shout(before) && !shout(after) && (lower(before) || lower(after))
}

// isSep reports whether r is neither a letter nor a digit.
func isSep(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// shout reports whether w is a word of two capital letters or more and
// nothing else.
func shout(w string) bool {
	return len([]rune(w)) >= 2 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsUpper(r) }) < 0
}

// Addresses returns the web and e-mail addresses of text
// (document.Addresses), each rendered as it is written: an engine
// translates their words ("id=39" came back "go=39", "Help_System" in
// lower case). It finds them in any language.
func Addresses(text string, lang language.Tag) []Rendering {
	return asWritten(text, document.Addresses(text))
}

// Names returns the technical names of text (document.TechnicalNames:
// "_xmpp-client._tcp", "mail._domainkey", "config.yaml"), each rendered
// as it is written: Apertium wrote "_xmpp-cliente._tcp" in Spanish and
// "_xmpp-Client._tcp" in English. It finds them in any language.
func Names(text string, lang language.Tag) []Rendering {
	return asWritten(text, document.TechnicalNames(text))
}

// asWritten returns the spans of text, each rendered as it is written.
func asWritten(text string, spans []document.Span) []Rendering {
	var out []Rendering
	for _, a := range spans {
		out = append(out, Rendering{Span: a, Text: text[a.Start:a.End], Target: text[a.Start:a.End]})
	}
	return out
}

// idByte reports whether c is an ASCII letter or digit.
func idByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// standsAlone reports whether text[start:end] is a number on its own: no
// letter, digit, or "/", ".", ",", "-" followed by a digit touches it.
func standsAlone(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/.,_-", r) {
			return false
		}
	}
	if end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '_' {
			return false
		}
		if strings.ContainsRune(".,-", r) && end+n < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[end+n:]); unicode.IsDigit(next) {
				return false
			}
		}
	}
	return true
}

// FixedSpans returns the spans of a French text that relais renders
// itself rather than leaving to the engine, with their renderings in lang:
// dates (Dates), centuries (Centuries), ordinals (Ordinals), honorifics
// with the name after them (Honorifics), numbers (Numbers), and
// addresses, technical names and identifiers of digits and capitals
// (Addresses, Names, Identifiers, with the numbers); where two
// overlap, the one found first (a date's "1er" is the date's). It has the signature
// termguard.Options.Fixed takes.
func FixedSpans(text string, lang language.Tag) ([]document.Span, []string) {
	return Options{}.Fixed(text, lang)
}

// Fixed is FixedSpans with the parts o turns off (PartDates,
// PartCenturies, PartOrdinals, PartHonorifics, PartNumbers, which holds
// the identifiers too) left to the engine.
func (o Options) Fixed(text string, lang language.Tag) ([]document.Span, []string) {
	var kept []Rendering // each overlapping none kept before it
	for _, part := range []struct {
		part Part
		find func(string, language.Tag) []Rendering
	}{{PartDates, Dates}, {PartCenturies, Centuries}, {PartOrdinals, Ordinals}, {PartHonorifics, Honorifics}, {PartNumbers, Addresses}, {PartNumbers, Names}, {PartNumbers, Numbers}, {PartNumbers, Identifiers}} {
		if !o.on(part.part) {
			continue
		}
		for _, r := range part.find(text, lang) {
			if !slices.ContainsFunc(kept, func(k Rendering) bool { return r.Span.Start < k.Span.End && k.Span.Start < r.Span.End }) {
				kept = append(kept, r)
			}
		}
	}
	return spansOf(kept)
}

// spansOf returns rs, ordered by where they start, in the form
// termguard.Options.Fixed takes: the spans to protect and what to put in
// their place.
func spansOf(rs []Rendering) ([]document.Span, []string) {
	slices.SortStableFunc(rs, func(a, b Rendering) int { return a.Span.Start - b.Span.Start })
	spans, targets := make([]document.Span, len(rs)), make([]string, len(rs))
	for i, r := range rs {
		spans[i], targets[i] = r.Span, r.Target
	}
	return spans, targets
}
