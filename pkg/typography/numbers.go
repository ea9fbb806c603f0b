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
// with the name after them (Honorifics) and numbers (Numbers); where two
// overlap, the one found first (a date's "1er" is the date's). It has the signature
// termguard.Options.Fixed takes.
func FixedSpans(text string, lang language.Tag) ([]document.Span, []string) {
	return Options{}.Fixed(text, lang)
}

// Fixed is FixedSpans with the parts o turns off (PartDates,
// PartCenturies, PartOrdinals, PartHonorifics, PartNumbers) left to the
// engine.
func (o Options) Fixed(text string, lang language.Tag) ([]document.Span, []string) {
	var kept []Rendering // each overlapping none kept before it
	for _, part := range []struct {
		part Part
		find func(string, language.Tag) []Rendering
	}{{PartDates, Dates}, {PartCenturies, Centuries}, {PartOrdinals, Ordinals}, {PartHonorifics, Honorifics}, {PartNumbers, Numbers}} {
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
