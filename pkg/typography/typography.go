package typography

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Quotes says which quotation marks a Spanish draft uses.
type Quotes int

// The quotation marks of Spanish drafts.
const (
	Angle Quotes = iota // «comillas latinas», the RAE's first choice
	Curly               // “comillas inglesas”
)

// Part names a piece of what the package does to a machine translation,
// which Options.Off may turn off.
type Part string

// The parts, each on by default.
const (
	PartDates        Part = "dates"         // French dates rendered by relais (Dates)
	PartCenturies    Part = "centuries"     // "XXIe siècle" rendered by relais (Centuries)
	PartOrdinals     Part = "ordinals"      // "3e", "1re" rendered by relais (Ordinals)
	PartNumbers      Part = "numbers"       // decimal and thousands separators, percent (Numbers)
	PartHonorifics   Part = "honorifics"    // "Mme García" rendered by relais (Honorifics)
	PartPunctuation  Part = "punctuation"   // French spacing before : ; ! ?, quotation marks (Apply)
	PartSpacing      Part = "spacing"       // runs of blanks, a blank before . and , (Finish)
	PartOpeningMarks Part = "opening-marks" // Spanish ¿ and ¡ (Finish)
	PartRepeats      Part = "repeats"       // a word the engine wrote twice in a row, "en en casa" (Finish)
)

// Parts returns every Part, in the order the README lists them.
func Parts() []Part {
	return []Part{PartDates, PartCenturies, PartOrdinals, PartNumbers, PartHonorifics, PartPunctuation, PartSpacing, PartOpeningMarks, PartRepeats}
}

// ParsePart returns the Part named s, or an error that lists them.
func ParsePart(s string) (Part, error) {
	for _, p := range Parts() {
		if string(p) == s {
			return p, nil
		}
	}
	names := make([]string, len(Parts()))
	for i, p := range Parts() {
		names[i] = string(p)
	}
	return "", fmt.Errorf("%q is not a part of the finishing; want one of %s", s, strings.Join(names, ", "))
}

// Rendering is a span of a French text that relais renders itself, and
// its rendering in a target language: a date, a century, an ordinal, an
// honorific with its name, a number.
type Rendering struct {
	Span   document.Span // byte offsets into the text
	Text   string        // as written
	Target string        // as the target language writes it
}

// Options configure Apply, Finish and Fixed. The zero value is the
// default: every part on.
type Options struct {
	SpanishQuotes Quotes
	Off           []Part // the parts turned off
}

// on reports whether part p is on.
func (o Options) on(p Part) bool { return !slices.Contains(o.Off, p) }

var (
	// A blank (space, no-break space, narrow no-break space, thin space)
	// before a high punctuation mark.
	beforePunct = regexp.MustCompile(`[ \x{00A0}\x{202F}\x{2009}]+([:;!?])`)
	openQuote   = regexp.MustCompile(`«[ \x{00A0}\x{202F}\x{2009}]*`)
	closeQuote  = regexp.MustCompile(`[ \x{00A0}\x{202F}\x{2009}]*»`)
	openSingle  = regexp.MustCompile(`‹[ \x{00A0}\x{202F}\x{2009}]*`)
	closeSingle = regexp.MustCompile(`[ \x{00A0}\x{202F}\x{2009}]*›`)
)

// Apply returns c with the typography of lang: English and Spanish rules
// as the package says; other languages get c back unchanged. Codes are
// kept as they are; c is not modified.
func Apply(c document.Content, lang language.Tag, opts Options) document.Content {
	base, _ := lang.Base()
	var fix func(string) string
	switch base.String() {
	case "en":
		fix = english
	case "es":
		fix = func(s string) string { return spanish(s, opts.SpanishQuotes) }
	default:
		return c
	}
	out := make(document.Content, len(c))
	for i, r := range c {
		if r.Code == nil {
			r.Text = fix(r.Text)
		}
		out[i] = r
	}
	return out
}

// String applies the typography of lang to a plain text.
func String(s string, lang language.Tag, opts Options) string {
	return Apply(document.Text(s), lang, opts).Plain()
}

func english(s string) string {
	s = beforePunct.ReplaceAllString(s, "$1")
	s = openQuote.ReplaceAllString(s, "“")
	s = closeQuote.ReplaceAllString(s, "”")
	s = openSingle.ReplaceAllString(s, "‘")
	s = closeSingle.ReplaceAllString(s, "’")
	return strings.ReplaceAll(s, "\u202f", " ")
}

func spanish(s string, q Quotes) string {
	s = beforePunct.ReplaceAllString(s, "$1")
	if q == Curly {
		s = openQuote.ReplaceAllString(s, "“")
		s = closeQuote.ReplaceAllString(s, "”")
	} else {
		s = openQuote.ReplaceAllString(s, "«")
		s = closeQuote.ReplaceAllString(s, "»")
	}
	s = openSingle.ReplaceAllString(s, "‹")
	s = closeSingle.ReplaceAllString(s, "›")
	return strings.ReplaceAll(s, "\u202f", " ")
}

// French reports whether s still has French typography: a blank before
// : ; ! ? or inside « », or a narrow no-break space. Tests and checks of
// drafts use it.
func French(s string) bool {
	return beforePunct.MatchString(s) || strings.ContainsRune(s, '\u202f') ||
		regexp.MustCompile(`«[ \x{00A0}]|[ \x{00A0}]»`).MatchString(s)
}

var (
	// Blanks the engine leaves before a full stop or a comma that ends a
	// word ("gladden ."), not before a decimal (" .5") or an ellipsis.
	blankBeforeStop = regexp.MustCompile(`(\S)[ \x{00A0}\x{202F}]+([.,])(\s|$|["'”’»)\]])`)
	// Two blanks or more in a row.
	blankRun = regexp.MustCompile(`[ \x{00A0}\x{202F}]{2,}`)
	spaceRun = regexp.MustCompile(` {2,}`) // of plain spaces
)

// Finish returns target, a machine translation of source into lang, with
// the typography of lang (Apply) and the spacing the engine spoils put
// right: a run of blanks becomes one space (but for as many runs of
// spaces as the source has, which may be meant), and a blank before a full stop or a comma that
// ends a word goes. A Spanish question or exclamation gets its opening
// "¿" or "¡" (see openSpanish). opts.Off turns parts off (PartPunctuation,
// PartSpacing, PartOpeningMarks, PartRepeats). A word the engine wrote
// twice in a row loses its second ("at home" came back "en en casa"),
// unless the source repeats a word too or the repetition is grammatical
// ("had had", "that that"). Codes are kept as they are; target is not
// modified.
func Finish(source, target document.Content, lang language.Tag, opts Options) document.Content {
	base, _ := lang.Base()
	if b := base.String(); b != "en" && b != "es" {
		return target
	}
	out := slices.Clone(target)
	if opts.on(PartPunctuation) {
		out = Apply(out, lang, opts)
	}
	if opts.on(PartSpacing) {
		// The source's own runs of spaces stay, as many as it has, the
		// first ones of the target (a run holding a no-break space is
		// French typography, which the target does not keep); the runs
		// the engine made go.
		keepRuns := 0 // within a text run: a code between two blanks makes no run
		for _, r := range source {
			if r.Code == nil {
				keepRuns += len(spaceRun.FindAllStringIndex(r.Text, -1))
			}
		}
		for i, r := range out {
			if r.Code != nil {
				continue
			}
			t := blankRun.ReplaceAllStringFunc(r.Text, func(m string) string {
				if strings.Trim(m, " ") == "" && keepRuns > 0 {
					keepRuns--
					return m
				}
				if strings.ContainsRune(m, '\u00a0') && base.String() == "es" {
					return "\u00a0" // a no-break space the Spanish draft keeps ("3,6 %")
				}
				return " "
			})
			out[i].Text = blankBeforeStop.ReplaceAllString(t, "$1$2$3")
		}
	}
	if opts.on(PartOrdinals) && base.String() == "es" {
		out = pluralOrdinals(source.Plain(), out)
	}
	if opts.on(PartDates) && base.String() == "en" {
		out = englishDates(source.Plain(), out, lang)
	}
	if opts.on(PartOpeningMarks) && base.String() == "es" {
		out = openSpanish(out)
	}
	if opts.on(PartRepeats) {
		out = dropRepeats(source.Plain(), out)
	}
	return out
}
