package glossary

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Termbase is a set of concepts. When several concepts share a term, the
// one that comes last wins in matching: Merge puts the termbases that must
// win last.
//
// A Termbase is built by one goroutine (a reader, Merge) and may be read by
// many once built; a Matcher keeps pointers into it, so it must not be
// modified while a matcher built from it is in use.
type Termbase struct {
	Concepts []*Concept
}

// Concept is one entry of the termbase: one meaning, named by terms in
// several languages.
type Concept struct {
	ID         string     // unique in its file; the key project termbases override by
	Subject    string     // subject field: "UN bodies and programmes", "cities"
	Definition string     // definition at concept level
	Note       string     // notes, one per line
	Ambiguous  bool       // hits of the concept are shown, never enforced
	Langs      []*LangSec // one per language, in file order

	Path string            // the file the concept was read from ("" when built in code)
	Pos  document.Position // where the concept starts in Path
}

// LangSec is what a concept says in one language: a definition, notes and
// terms, as a TBX langSec does.
type LangSec struct {
	Lang       language.Tag
	Definition string
	Note       string // notes, one per line
	Terms      []*Term
	Pos        document.Position
}

// Term is one designation of a concept in one language.
type Term struct {
	Lang         language.Tag // the language of its LangSec
	Text         string       // NFC, blanks folded to single spaces
	Type         TermType     // "" when the file says nothing
	Status       Status       // "" when the file says nothing: used as admitted
	Gender       Gender       // "" when unknown
	Number       Number       // "" when unknown (singular in practice)
	PartOfSpeech string       // as the file says: "noun", "adjective"…
	Forms        []Form       // explicit inflected forms
	Case         CaseRule     // CaseDefault: sensitive for acronyms only
	Article      ArticleUse   // whether the term takes a definite article in running text; "" when unknown
	Ambiguous    bool         // this designation also names other concepts
	Note         string       // notes, one per line
	Pos          document.Position
}

// Form is an explicit inflected form of a term: "gouvernements locaux et
// régionaux" (plural) of "gouvernement local et régional".
type Form struct {
	Text   string
	Number Number
	Gender Gender
}

// String writes the form as the TSV and TBX notes do: the text, then its
// grammatical tags in brackets, "migrantes [f pl]".
func (f Form) String() string {
	var tags []string
	switch f.Gender {
	case Masculine:
		tags = append(tags, "m")
	case Feminine:
		tags = append(tags, "f")
	case Neuter:
		tags = append(tags, "n")
	}
	switch f.Number {
	case Singular:
		tags = append(tags, "sg")
	case Plural:
		tags = append(tags, "pl")
	}
	if len(tags) == 0 {
		return f.Text
	}
	return f.Text + " [" + strings.Join(tags, " ") + "]"
}

// ParseForm reads a form written as Form.String writes it.
func ParseForm(s string) (Form, error) {
	s = cleanText(s)
	f := Form{Text: s}
	if i := strings.LastIndex(s, " ["); i > 0 && strings.HasSuffix(s, "]") {
		f.Text = strings.TrimSpace(s[:i])
		for _, tag := range strings.Fields(s[i+2 : len(s)-1]) {
			switch strings.ToLower(tag) {
			case "m", "masc", "masculine":
				f.Gender = Masculine
			case "f", "fem", "feminine":
				f.Gender = Feminine
			case "n", "neuter":
				f.Gender = Neuter
			case "sg", "singular":
				f.Number = Singular
			case "pl", "plural":
				f.Number = Plural
			default:
				return Form{}, fmt.Errorf("unknown tag %q in form %q (want m, f, n, sg or pl)", tag, s)
			}
		}
	}
	if f.Text == "" {
		return Form{}, fmt.Errorf("empty form %q", s)
	}
	return f, nil
}

// TermType is the kind of designation a term is, with TBX's names. Values
// other than the constants (TBX 2008 has many) are kept as read.
type TermType string

// The term types of TBX-Basic.
const (
	FullForm     TermType = "fullForm"
	Acronym      TermType = "acronym"
	Abbreviation TermType = "abbreviation"
	ShortForm    TermType = "shortForm"
	Variant      TermType = "variant"
	Phrase       TermType = "phrase"
)

// ParseTermType reads a term type, accepting TBX's names and the plain
// words of a TSV ("full form", "short-form"); an unknown value is kept as
// it is written.
func ParseTermType(s string) TermType {
	k := strings.ToLower(strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.TrimSpace(s)))
	for _, t := range []TermType{FullForm, Acronym, Abbreviation, ShortForm, Variant, Phrase} {
		if k == strings.ToLower(string(t)) {
			return t
		}
	}
	if k == "full" {
		return FullForm
	}
	if k == "short" {
		return ShortForm
	}
	return TermType(strings.TrimSpace(s))
}

// Status is the normative status of a term. The empty status (the file
// says nothing) counts as admitted.
type Status string

// The statuses of TBX's administrativeStatus.
const (
	Preferred  Status = "preferred"
	Admitted   Status = "admitted"
	Deprecated Status = "deprecated" // forbidden: must not be used
	Superseded Status = "superseded" // outdated: must not be used either
)

// ParseStatus reads a status: the plain words (preferred, admitted,
// deprecated or forbidden, superseded or obsolete), TBX's administrative
// statuses ("preferredTerm-admn-sts") and TBX 2008's normative
// authorizations ("preferredTerm", "legalTerm"…).
func ParseStatus(s string) (Status, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.TrimSuffix(k, "-admn-sts")
	k = strings.TrimSuffix(k, "term")
	switch k {
	case "":
		return "", nil
	case "preferred", "legal", "regulated", "standardized":
		return Preferred, nil
	case "admitted", "admissible":
		return Admitted, nil
	case "deprecated", "forbidden", "rejected":
		return Deprecated, nil
	case "superseded", "obsolete":
		return Superseded, nil
	}
	return "", fmt.Errorf("unknown status %q (want preferred, admitted, deprecated or superseded)", s)
}

// Forbidden reports whether a term of this status must not be used.
func (s Status) Forbidden() bool { return s == Deprecated || s == Superseded }

// Gender is a term's grammatical gender, with TBX-Basic's values.
type Gender string

// The genders of TBX-Basic.
const (
	Masculine   Gender = "masculine"
	Feminine    Gender = "feminine"
	Neuter      Gender = "neuter"
	OtherGender Gender = "other"
)

// ParseGender reads a gender: masculine, feminine, neuter or other (m, f,
// n also do).
func ParseGender(s string) (Gender, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "masculine", "m", "masc":
		return Masculine, nil
	case "feminine", "f", "fem":
		return Feminine, nil
	case "neuter", "n":
		return Neuter, nil
	case "other", "othergender":
		return OtherGender, nil
	}
	return "", fmt.Errorf("unknown gender %q (want masculine, feminine, neuter or other)", s)
}

// Number is a term's grammatical number. Mass marks a noun that does not
// take the plural in use (English "migration"): a plural source still finds
// it, but Hit.Target leaves it singular.
type Number string

// The grammatical numbers.
const (
	Singular Number = "singular"
	Plural   Number = "plural"
	Mass     Number = "mass"
)

// ParseNumber reads a number: singular, plural or mass (sg, pl and "mass
// noun" also do).
func ParseNumber(s string) (Number, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "singular", "sg":
		return Singular, nil
	case "plural", "pl":
		return Plural, nil
	case "mass", "mass noun", "massnoun", "uncountable":
		return Mass, nil
	}
	return "", fmt.Errorf("unknown number %q (want singular, plural or mass)", s)
}

// ArticleUse says whether a term takes a definite article in running text,
// as Spanish country and city names mostly do not ("en Siria", not "en la
// Siria") and some do ("el Reino Unido").
type ArticleUse string

// The uses of the article.
const (
	ArticleNone     ArticleUse = "none"     // never: an article the engine left before it goes
	ArticleOptional ArticleUse = "optional" // either: an article before it agrees with it
	ArticleRequired ArticleUse = "required" // always: an article before it agrees with it
)

// ParseArticle reads an article use: none, optional or required.
func ParseArticle(s string) (ArticleUse, error) {
	switch a := ArticleUse(strings.ToLower(strings.TrimSpace(s))); a {
	case "", ArticleNone, ArticleOptional, ArticleRequired:
		return a, nil
	}
	return "", fmt.Errorf("unknown article use %q (want none, optional or required)", s)
}

// CaseRule says whether a term matches only in its own letter case.
type CaseRule int

// The case rules.
const (
	CaseDefault     CaseRule = iota // sensitive for acronyms, insensitive otherwise
	CaseSensitive                   // "Vienne" must not match "qu'il vienne"
	CaseInsensitive                 // an acronym that is also written in lower case
)

// String returns "", "sensitive" or "insensitive".
func (c CaseRule) String() string {
	switch c {
	case CaseSensitive:
		return "sensitive"
	case CaseInsensitive:
		return "insensitive"
	}
	return ""
}

// ParseCaseRule reads a case rule: sensitive or insensitive (yes, no, true,
// false also do); empty is the default.
func ParseCaseRule(s string) (CaseRule, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "default":
		return CaseDefault, nil
	case "sensitive", "yes", "true", "on", "case-sensitive":
		return CaseSensitive, nil
	case "insensitive", "no", "false", "off", "case-insensitive":
		return CaseInsensitive, nil
	}
	return CaseDefault, fmt.Errorf("unknown case rule %q (want sensitive or insensitive)", s)
}

// IsCaseSensitive reports whether the term matches only in its own case:
// as its Case says, or, by default, when it is an acronym.
func (t *Term) IsCaseSensitive() bool {
	switch t.Case {
	case CaseSensitive:
		return true
	case CaseInsensitive:
		return false
	}
	return t.Type == Acronym
}

// Terms returns the concept's terms in lang, in file order. A term tagged
// with a region serves the bare language (fr-FR serves fr) and the same
// region; a bare term serves every region.
func (c *Concept) Terms(lang language.Tag) []*Term {
	var out []*Term
	for _, ls := range c.Langs {
		if langServes(ls.Lang, lang) {
			out = append(out, ls.Terms...)
		}
	}
	return out
}

// Lang returns the language section for exactly lang, or nil.
func (c *Concept) Lang(lang language.Tag) *LangSec {
	for _, ls := range c.Langs {
		if ls.Lang == lang {
			return ls
		}
	}
	return nil
}

// Add appends t to the concept's section for lang, creating the section
// if needed, and sets t.Lang.
func (c *Concept) Add(lang language.Tag, t *Term) {
	t.Lang = lang
	ls := c.Lang(lang)
	if ls == nil {
		ls = &LangSec{Lang: lang}
		c.Langs = append(c.Langs, ls)
	}
	ls.Terms = append(ls.Terms, t)
}

// Concept returns the last concept with the given ID, or nil.
func (tb *Termbase) Concept(id string) *Concept {
	for i := len(tb.Concepts) - 1; i >= 0; i-- {
		if tb.Concepts[i].ID == id {
			return tb.Concepts[i]
		}
	}
	return nil
}

// Langs returns the languages of the termbase, in order of first use.
func (tb *Termbase) Langs() []language.Tag {
	var out []language.Tag
	seen := map[language.Tag]bool{}
	for _, c := range tb.Concepts {
		for _, ls := range c.Langs {
			if !seen[ls.Lang] {
				seen[ls.Lang] = true
				out = append(out, ls.Lang)
			}
		}
	}
	return out
}

// langServes reports whether terms tagged have serve text in want: same
// base language, and the same region when both name one.
func langServes(have, want language.Tag) bool {
	hb, _ := have.Base()
	wb, _ := want.Base()
	if hb != wb {
		return false
	}
	hr, hc := have.Region()
	wr, wc := want.Region()
	if hc == language.Exact && wc == language.Exact {
		return hr == wr
	}
	return true
}

// cleanText returns s in NFC with runs of white space folded to one space
// and trimmed: the form every term, form and name is kept in.
func cleanText(s string) string {
	s = nfc(s)
	return strings.Join(strings.Fields(s), " ")
}

// cleanNote cleans each line of a note as cleanText does and drops the
// empty ones.
func cleanNote(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = cleanText(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// addLine appends line to a note of several lines.
func addLine(note, line string) string {
	if line == "" {
		return note
	}
	if note == "" {
		return line
	}
	return note + "\n" + line
}
