package typography

import (
	"regexp"
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

// Options configure Apply. The zero value is the default.
type Options struct {
	SpanishQuotes Quotes
}

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
