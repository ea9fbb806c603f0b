package glossary

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Columns of a TSV or CSV termbase. A column named by a language tag holds
// a term in that language (a language may have several such columns); the
// term attributes that follow it, up to the next term column, describe
// that term. A row is a concept.
const (
	colConcept       = "concept"        // the concept's ID (generated from its first term when absent)
	colSubject       = "subject"        // subject field
	colDefinition    = "definition"     // definition at concept level
	colNote          = "note"           // concept note (several lines allowed in a quoted cell)
	colAmbiguous     = "ambiguous"      // yes when the concept's hits must not be enforced
	colStatus        = "status"         // preferred, admitted, deprecated (forbidden), superseded
	colType          = "type"           // fullForm, acronym, abbreviation, shortForm, variant, phrase
	colGender        = "gender"         // masculine, feminine, neuter, other
	colNumber        = "number"         // singular, plural, mass
	colPOS           = "pos"            // part of speech
	colForms         = "forms"          // explicit forms: "migrante [f] | migrantes [f pl]"
	colCase          = "case"           // sensitive or insensitive (default: sensitive for acronyms)
	colArticle       = "article"        // none, optional or required: the definite article in running text
	colTermAmbiguous = "term-ambiguous" // yes when this designation also names other concepts
	colTermNote      = "term-note"      // note on the term
)

var termAttrs = []string{colStatus, colType, colGender, colNumber, colPOS, colForms, colCase, colArticle, colTermAmbiguous, colTermNote}

// ReadTSV reads a tab-separated termbase. The first row is the header:
// each cell is a language tag (a term column: fr, en, es-419…), a concept
// column (concept, subject, definition, note, ambiguous), a term
// attribute that applies to the term column on its left (status, type,
// gender, number, pos, forms, case, term-ambiguous, term-note), or a
// language section column written LANG:definition or LANG:note. Every
// other row is a concept; empty cells say nothing. Cells may be quoted as
// in CSV. A bad header, a malformed language tag, an unknown value or a
// row longer than the header loads nothing: each fault is reported as a
// *document.PosError, joined.
func ReadTSV(path string, r io.Reader) (*Termbase, error) { return readTable(path, r, '\t') }

// ReadCSV reads a comma-separated termbase with the columns of ReadTSV.
func ReadCSV(path string, r io.Reader) (*Termbase, error) { return readTable(path, r, ',') }

type column struct {
	kind string // "term", "concept", "attr", "lang"
	name string // concept column, attribute or language-section field
	lang language.Tag
	term int // for an attribute: the index of its term column
}

func readTable(path string, r io.Reader, sep rune) (*Termbase, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("tsv: read %s: %w", path, err)
	}
	doc := document.New(path, "tsv", language.Und, data)
	lines := []int{0}
	for i, b := range data {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	posAt := func(line, col int) document.Position {
		off := len(data)
		if line >= 1 && line <= len(lines) {
			off = min(lines[line-1]+max(col-1, 0), len(data))
		}
		return doc.Position(off)
	}
	at := func(line, col int, format string, args ...any) error {
		return &document.PosError{Path: path, Pos: posAt(line, col), Err: fmt.Errorf(format, args...)}
	}
	if !utf8.Valid(data) {
		return nil, &document.PosError{Path: path, Pos: doc.Position(firstInvalid(data)), Err: errors.New("invalid UTF-8")}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	skip := len(doc.Source) - len(data) // a byte-order mark: positions stay those of the file
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var errs []error
	var cols []column
	tb := &Termbase{}
	ids := map[string]bool{}
	var unnamed []*Concept
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, at(pe.Line, pe.Column, "%v", pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		posOf := func(i int) document.Position {
			line, col := cr.FieldPos(i)
			if line == 1 {
				col += skip
			}
			return posAt(line, col)
		}
		cellAt := func(i int, format string, args ...any) error {
			return &document.PosError{Path: path, Pos: posOf(i), Err: fmt.Errorf(format, args...)}
		}
		for i, cell := range rec {
			if j := strings.IndexFunc(cell, func(r rune) bool {
				return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff
			}); j >= 0 {
				r, _ := utf8.DecodeRuneInString(cell[j:])
				errs = append(errs, cellAt(i, "control character %U in a cell", r))
				rec[i] = ""
			}
		}
		if cols == nil {
			cols, errs = header(rec, cellAt, errs)
			if cols == nil {
				cols = []column{}
			}
			continue
		}
		if len(rec) > len(cols) && strings.Join(rec[len(cols):], "") != "" {
			errs = append(errs, cellAt(len(cols), "row has %d cells, the header %d columns", len(rec), len(cols)))
			continue
		}
		line, _ := cr.FieldPos(0)
		c, cerrs := row(rec, cols, posOf, cellAt)
		errs = append(errs, cerrs...)
		if c == nil {
			continue
		}
		c.Path, c.Pos = path, doc.Position(min(lines[line-1], len(doc.Source)))
		if c.ID == "" {
			unnamed = append(unnamed, c)
		} else {
			ids[c.ID] = true
		}
		tb.Concepts = append(tb.Concepts, c)
	}
	if cols == nil {
		errs = append(errs, at(1, 1, "empty file: want a header row of language tags (fr, en, es…)"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, c := range unnamed {
		c.ID = newID(c, ids)
	}
	return tb, nil
}

// header reads the header row.
func header(rec []string, cellAt func(int, string, ...any) error, errs []error) ([]column, []error) {
	cols := make([]column, len(rec))
	lastTerm := -1
	for i, raw := range rec {
		name := strings.ToLower(strings.TrimSpace(raw))
		switch {
		case name == colConcept || name == colSubject || name == colDefinition || name == colNote || name == colAmbiguous:
			cols[i] = column{kind: "concept", name: name}
		case isTermAttr(name):
			if lastTerm < 0 {
				errs = append(errs, cellAt(i, "column %q comes before any term column: put it after the language column it describes", raw))
				continue
			}
			cols[i] = column{kind: "attr", name: name, term: lastTerm}
		case strings.Contains(name, ":"):
			l, field, _ := strings.Cut(strings.TrimSpace(raw), ":")
			tag, err := language.Parse(l)
			if err != nil {
				errs = append(errs, cellAt(i, "malformed language tag %q in column %q (want BCP 47, like fr or es-419)", l, raw))
				continue
			}
			field = strings.ToLower(field)
			if field != colDefinition && field != colNote {
				errs = append(errs, cellAt(i, "unknown column %q (a language column is LANG:definition or LANG:note)", raw))
				continue
			}
			cols[i] = column{kind: "lang", name: field, lang: tag}
		case name == "":
			errs = append(errs, cellAt(i, "empty column name in the header"))
		default:
			tag, err := language.Parse(strings.TrimSpace(raw))
			if err != nil {
				errs = append(errs, cellAt(i, "unknown column %q: want a language tag (fr, en, es-419…) or one of concept, subject, definition, note, ambiguous, %s", raw, strings.Join(termAttrs, ", ")))
				continue
			}
			cols[i] = column{kind: "term", lang: tag}
			lastTerm = i
		}
	}
	return cols, errs
}

func isTermAttr(name string) bool {
	for _, a := range termAttrs {
		if a == name {
			return true
		}
	}
	return false
}

// row reads one concept; it returns nil for a row with nothing in it.
func row(rec []string, cols []column, posOf func(int) document.Position, cellAt func(int, string, ...any) error) (*Concept, []error) {
	var errs []error
	c := &Concept{}
	terms := map[int]*Term{}
	empty := true
	for i, cell := range rec {
		if i >= len(cols) || strings.TrimSpace(cell) == "" {
			continue
		}
		empty = false
		col := cols[i]
		switch col.kind {
		case "concept":
			switch col.name {
			case colConcept:
				c.ID = cleanText(cell)
			case colSubject:
				c.Subject = cleanText(cell)
			case colDefinition:
				c.Definition = cleanText(cell)
			case colNote:
				c.Note = cleanNote(cell)
			case colAmbiguous:
				v, err := parseYes(cell)
				if err != nil {
					errs = append(errs, cellAt(i, "%v", err))
				}
				c.Ambiguous = v
			}
		case "term":
			t := &Term{Text: cleanText(cell), Pos: posOf(i)}
			c.Add(cols[i].lang, t)
			terms[i] = t
		case "lang":
			ls := c.Lang(col.lang)
			if ls == nil {
				ls = &LangSec{Lang: col.lang}
				c.Langs = append(c.Langs, ls)
			}
			if col.name == colDefinition {
				ls.Definition = cleanText(cell)
			} else {
				ls.Note = cleanNote(cell)
			}
		}
	}
	if empty {
		return nil, nil
	}
	for i, cell := range rec {
		if i >= len(cols) || cols[i].kind != "attr" || strings.TrimSpace(cell) == "" {
			continue
		}
		t := terms[cols[i].term]
		if t == nil {
			errs = append(errs, cellAt(i, "%s %q given for no term (the %s cell on its left is empty)", cols[i].name, cell, cols[cols[i].term].lang))
			continue
		}
		if err := setAttr(t, cols[i].name, cell); err != nil {
			errs = append(errs, cellAt(i, "%v", err))
		}
	}
	return c, errs
}

func setAttr(t *Term, name, cell string) error {
	var err error
	v := cleanText(cell)
	switch name {
	case colStatus:
		t.Status, err = ParseStatus(v)
	case colType:
		t.Type = ParseTermType(v)
	case colGender:
		t.Gender, err = ParseGender(v)
	case colNumber:
		t.Number, err = ParseNumber(v)
	case colPOS:
		t.PartOfSpeech = v
	case colCase:
		t.Case, err = ParseCaseRule(v)
	case colArticle:
		t.Article, err = ParseArticle(v)
	case colTermAmbiguous:
		t.Ambiguous, err = parseYes(v)
	case colTermNote:
		t.Note = cleanNote(cell)
	case colForms:
		for _, s := range strings.Split(v, "|") {
			if strings.TrimSpace(s) == "" {
				continue
			}
			f, ferr := ParseForm(s)
			if ferr != nil {
				return ferr
			}
			t.Forms = append(t.Forms, f)
		}
	}
	return err
}

func parseYes(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "false", "0", "n":
		return false, nil
	case "yes", "true", "1", "y", "x":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

// newID makes an ID for a concept that has none from its first term:
// lower case, letters and digits joined by hyphens, unique in ids.
func newID(c *Concept, ids map[string]bool) string {
	var src string
	for _, ls := range c.Langs {
		if len(ls.Terms) > 0 {
			src = ls.Terms[0].Text
			break
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(src) {
		r = baseRune(r)
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			if b.Len() >= 40 {
				break
			}
			continue
		}
		dash = true
	}
	id := b.String()
	if id == "" || !unicode.IsLetter(rune(id[0])) {
		id = "c-" + id
	}
	id = strings.TrimSuffix(id, "-")
	out := id
	for n := 2; ids[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	ids[out] = true
	return out
}

// WriteTSV writes tb as a tab-separated table with the columns of
// ReadTSV: concept columns first, then for each language as many term
// columns as its concepts need, each followed by the attributes some term
// in it has, then the language-section columns in use.
func WriteTSV(w io.Writer, tb *Termbase) error { return writeTable(w, tb, '\t') }

// WriteCSV writes tb as WriteTSV does, with commas.
func WriteCSV(w io.Writer, tb *Termbase) error { return writeTable(w, tb, ',') }

type outCol struct {
	head string
	get  func(c *Concept) string
}

func writeTable(w io.Writer, tb *Termbase, sep rune) error {
	var cols []outCol
	conceptCols := []outCol{
		{colConcept, func(c *Concept) string { return c.ID }},
		{colSubject, func(c *Concept) string { return c.Subject }},
		{colDefinition, func(c *Concept) string { return c.Definition }},
		{colAmbiguous, func(c *Concept) string { return yes(c.Ambiguous) }},
		{colNote, func(c *Concept) string { return c.Note }},
	}
	used := func(get func(c *Concept) string) bool {
		for _, c := range tb.Concepts {
			if get(c) != "" {
				return true
			}
		}
		return false
	}
	for i, oc := range conceptCols {
		if i == 0 || used(oc.get) {
			cols = append(cols, oc)
		}
	}
	for _, lang := range tb.Langs() {
		slots := 0
		for _, c := range tb.Concepts {
			if ls := c.Lang(lang); ls != nil {
				slots = max(slots, len(ls.Terms))
			}
		}
		for s := 0; s < slots; s++ {
			term := func(c *Concept) *Term {
				if ls := c.Lang(lang); ls != nil && s < len(ls.Terms) {
					return ls.Terms[s]
				}
				return nil
			}
			cols = append(cols, outCol{lang.String(), func(c *Concept) string {
				if t := term(c); t != nil {
					return t.Text
				}
				return ""
			}})
			for _, a := range termAttrs {
				get := func(c *Concept) string {
					if t := term(c); t != nil {
						return termAttr(t, a)
					}
					return ""
				}
				if used(get) {
					cols = append(cols, outCol{a, get})
				}
			}
		}
		for _, field := range []string{colDefinition, colNote} {
			get := func(c *Concept) string {
				if ls := c.Lang(lang); ls != nil {
					if field == colDefinition {
						return ls.Definition
					}
					return ls.Note
				}
				return ""
			}
			if used(get) {
				cols = append(cols, outCol{lang.String() + ":" + field, get})
			}
		}
	}
	cw := csv.NewWriter(w)
	cw.Comma = sep
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.head
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, c := range tb.Concepts {
		for i, col := range cols {
			rec[i] = col.get(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func termAttr(t *Term, name string) string {
	switch name {
	case colStatus:
		return string(t.Status)
	case colType:
		return string(t.Type)
	case colGender:
		return string(t.Gender)
	case colNumber:
		return string(t.Number)
	case colPOS:
		return t.PartOfSpeech
	case colForms:
		var fs []string
		for _, f := range t.Forms {
			fs = append(fs, f.String())
		}
		return strings.Join(fs, " | ")
	case colCase:
		return t.Case.String()
	case colArticle:
		return string(t.Article)
	case colTermAmbiguous:
		return yes(t.Ambiguous)
	case colTermNote:
		return t.Note
	}
	return ""
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}
