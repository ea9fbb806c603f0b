package typography

import (
	"regexp"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

var monthNames = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
}

const (
	day   = `(1er|[12]?[0-9]|3[01])`
	month = `(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)`
	year  = `(\d{4})`
	sp    = `[ \x{00A0}\x{202F}]+`
)

// The forms, longest first: a range over two months, a range in one
// month, a pair of days, a day, a month and year.
var dateRE = regexp.MustCompile(`(?i)\b(?:` +
	`du` + sp + day + sp + month + sp + `au` + sp + day + sp + month + `(?:` + sp + year + `)?` + // 1-5
	`|du` + sp + day + sp + `au` + sp + day + sp + month + `(?:` + sp + year + `)?` + // 6-9
	`|` + day + sp + `et` + sp + day + sp + month + `(?:` + sp + year + `)?` + // 10-13
	`|` + day + sp + month + `(?:` + sp + year + `)?` + // 14-16
	`|` + month + sp + year + // 17-18
	`)\b`)

// Dates finds the dates of a French text and renders each in lang
// (English or Spanish; nil for other languages): "6 novembre 2017" is "6
// November 2017" and "6 de noviembre de 2017", "du 7 au 8 novembre" is
// "from 7 to 8 November" and "del 7 al 8 de noviembre", "les 7 et 8
// novembre" leaves "les" to the engine and gives "7 and 8 November",
// "juin 2017" is "June 2017" and "junio de 2017". A day is 1 to 31 ("1er"
// reads as 1); a number followed by a month name that is not a day is left
// alone.
func Dates(text string, lang language.Tag) []Rendering {
	base, _ := lang.Base()
	names, ok := monthNames[base.String()]
	if !ok {
		return nil
	}
	en := base.String() == "en"
	m := func(s string) string { return names[monthIndex(s)] }
	d := func(s string) string { return strings.TrimSuffix(strings.ToLower(s), "er") }
	var out []Rendering
	for _, loc := range dateRE.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if loc[2*i] < 0 {
				return ""
			}
			return text[loc[2*i]:loc[2*i+1]]
		}
		var t string
		switch {
		case g(1) != "": // du 30 octobre au 2 novembre 2017
			if en {
				t = "from " + d(g(1)) + " " + m(g(2)) + " to " + d(g(3)) + " " + m(g(4)) + yearEN(g(5))
			} else {
				t = "del " + d(g(1)) + " de " + m(g(2)) + " al " + d(g(3)) + " de " + m(g(4)) + yearES(g(5))
			}
		case g(6) != "": // du 7 au 8 novembre 2017
			if en {
				t = "from " + d(g(6)) + " to " + d(g(7)) + " " + m(g(8)) + yearEN(g(9))
			} else {
				t = "del " + d(g(6)) + " al " + d(g(7)) + " de " + m(g(8)) + yearES(g(9))
			}
		case g(10) != "": // 7 et 8 novembre
			if en {
				t = d(g(10)) + " and " + d(g(11)) + " " + m(g(12)) + yearEN(g(13))
			} else {
				t = d(g(10)) + " y " + d(g(11)) + " de " + m(g(12)) + yearES(g(13))
			}
		case g(14) != "": // 6 novembre 2017
			if en {
				t = d(g(14)) + " " + m(g(15)) + yearEN(g(16))
			} else {
				t = d(g(14)) + " de " + m(g(15)) + yearES(g(16))
			}
		default: // juin 2017
			if en {
				t = m(g(17)) + " " + g(18)
			} else {
				t = m(g(17)) + " de " + g(18)
			}
		}
		out = append(out, Rendering{Span: document.Span{Start: loc[0], End: loc[1]}, Text: text[loc[0]:loc[1]], Target: t})
	}
	return out
}

// DateSpans is Dates in the form termguard.Options.Fixed takes: the spans
// to protect and what to put in their place.
func DateSpans(text string, lang language.Tag) ([]document.Span, []string) {
	return spansOf(Dates(text, lang))
}

func yearEN(y string) string {
	if y == "" {
		return ""
	}
	return " " + y
}

func yearES(y string) string {
	if y == "" {
		return ""
	}
	return " de " + y
}

func monthIndex(s string) int {
	s = strings.ToLower(s)
	s = strings.NewReplacer("é", "e", "û", "u").Replace(s)
	for i, m := range months {
		if strings.NewReplacer("é", "e", "û", "u").Replace(m) == s {
			return i
		}
	}
	return 0
}

// englishDates drops the article the engine wrote before a date relais
// rendered in an English draft, from the French "le 11 décembre": "since
// 11 December", and, where the date opens the sentence followed by a
// comma, "On 11 December, …" ("The 11 December, more than 80 mayors"
// was Apertium's).
func englishDates(source string, target document.Content, lang language.Tag) document.Content {
	var dates []string
	for _, r := range Dates(source, lang) {
		if r.Target != "" && r.Target[0] >= '0' && r.Target[0] <= '9' {
			dates = append(dates, r.Target)
		}
	}
	if len(dates) == 0 {
		return target
	}
	for i, r := range target {
		if r.Code != nil {
			continue
		}
		text := r.Text
		for _, d := range dates {
			for _, the := range []string{"The ", "the "} {
				k := strings.Index(text, the+d)
				if k < 0 {
					continue
				}
				after := text[k+len(the)+len(d):]
				opens := the == "The " && (k == 0 && i == 0 || strings.HasSuffix(strings.TrimRight(text[:k], " "), "."))
				switch {
				case opens && strings.HasPrefix(after, ","):
					text = text[:k] + "On " + text[k+len(the):]
				default:
					text = text[:k] + text[k+len(the):]
				}
			}
		}
		target[i].Text = text
	}
	return target
}
