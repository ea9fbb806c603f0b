package glossary

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// TBXNamespace is the namespace of TBX v3 (ISO 30042:2019) that WriteTBX
// declares. ReadTBX reads elements by their local names, whatever the
// namespace.
const TBXNamespace = "urn:iso:std:iso:30042:ed-2"

// relaisNote starts the notes that carry what TBX-Basic has no data
// category for.
const relaisNote = "relais:"

// xnode is an element of a TBX file: its local name, attributes, child
// elements, all the text inside it, and where it starts.
type xnode struct {
	name  string
	attrs []xml.Attr
	kids  []*xnode
	text  strings.Builder // kept only inside the elements whose text is read (textElement)
	keep  bool
	off   int
}

// textElement reports whether the text of an element is read: the text
// inside other elements (blanks between them) is not kept.
func textElement(name string) bool {
	switch name {
	case "term", "note", "descrip", "termNote":
		return true
	}
	return false
}

func (n *xnode) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// lang returns the xml:lang attribute (or a bare lang attribute).
func (n *xnode) lang() (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == "lang" {
			return a.Value, true
		}
	}
	return "", false
}

// ReadTBX reads a TBX file: TBX v3 (root <tbx>, conceptEntry, langSec,
// termSec) or TBX 2008 (root <martif>, termEntry, langSet, tig or
// ntig/termGrp). path names the file in errors. Subject fields,
// definitions, notes, term types, statuses (administrativeStatus or
// normativeAuthorization), genders, numbers and parts of speech are read;
// other data categories are skipped. A malformed file, a missing or
// malformed language tag, an empty term or an unknown status loads
// nothing: every such fault is reported as a *document.PosError, joined.
func ReadTBX(path string, r io.Reader) (*Termbase, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("tbx: read %s: %w", path, err)
	}
	pos := document.New(path, "tbx", language.Und, data)
	at := func(off int, format string, args ...any) error {
		return &document.PosError{Path: path, Pos: pos.Position(off), Err: fmt.Errorf("tbx: "+format, args...)}
	}
	if !utf8.Valid(data) {
		return nil, at(firstInvalid(data), "invalid UTF-8")
	}
	root, err := parseXML(data, at)
	if err != nil {
		return nil, err
	}
	var entryName, langName string
	switch root.name {
	case "tbx":
		entryName, langName = "conceptEntry", "langSec"
	case "martif":
		entryName, langName = "termEntry", "langSet"
	default:
		return nil, at(root.off, "root element <%s>, want <tbx> (TBX v3) or <martif> (TBX 2008)", root.name)
	}
	rd := &tbxReader{path: path, pos: pos, at: at, langName: langName}
	tb := &Termbase{}
	body := child(child(root, "text"), "body")
	if body == nil {
		return nil, at(root.off, "no <text><body> in <%s>", root.name)
	}
	for _, e := range body.kids {
		if e.name == entryName {
			if c := rd.concept(e); c != nil {
				tb.Concepts = append(tb.Concepts, c)
			}
		}
	}
	if len(rd.errs) > 0 {
		return nil, errors.Join(rd.errs...)
	}
	// TBX 2008 makes the ID optional: a concept without one gets one made
	// from its first term, as in a TSV.
	ids := map[string]bool{}
	for _, c := range tb.Concepts {
		ids[c.ID] = true
	}
	for _, c := range tb.Concepts {
		if c.ID == "" {
			c.ID = newID(c, ids)
		}
	}
	return tb, nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func child(n *xnode, name string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// parseXML builds the element tree of data.
func parseXML(data []byte, at func(int, string, ...any) error) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xnode
	var root *xnode
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, at(int(d.InputOffset()), "malformed XML: %s", msg)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: t.Name.Local, attrs: t.Attr, off: off, keep: textElement(t.Name.Local)}
			if len(stack) > 0 && stack[len(stack)-1].keep {
				n.keep = true // inline markup inside a term or a note: <hi>, <foreign>…
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, at(off, "malformed XML: a second root element <%s>", n.name)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].keep {
				stack[len(stack)-1].text.WriteString(n.text.String())
			}
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].keep {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, at(0, "malformed XML: no root element")
	}
	return root, nil
}

type tbxReader struct {
	path     string
	pos      *document.Document
	at       func(int, string, ...any) error
	langName string
	errs     []error
}

func (rd *tbxReader) fail(off int, format string, args ...any) {
	rd.errs = append(rd.errs, rd.at(off, format, args...))
}

func (rd *tbxReader) concept(e *xnode) *Concept {
	c := &Concept{ID: e.attr("id"), Path: rd.path, Pos: rd.pos.Position(e.off)}
	for _, k := range e.kids {
		switch k.name {
		case "descrip", "descripGrp":
			rd.descrip(k, &c.Subject, &c.Definition)
		case "note":
			note := cleanText(k.text.String())
			if p, ok := strings.CutPrefix(note, relaisNote); ok {
				if strings.TrimSpace(p) == "ambiguous" {
					c.Ambiguous = true
				} else {
					rd.fail(k.off, "unknown note %q at concept level (want %sambiguous)", note, relaisNote)
				}
				continue
			}
			c.Note = addLine(c.Note, note)
		case rd.langName:
			rd.langSec(c, k)
		}
	}
	return c
}

// descrip reads a subject field or a definition, alone or in a descripGrp.
func (rd *tbxReader) descrip(k *xnode, subject, definition *string) {
	if k.name == "descripGrp" {
		for _, kk := range k.kids {
			if kk.name == "descrip" {
				rd.descrip(kk, subject, definition)
			}
		}
		return
	}
	text := cleanText(k.text.String())
	switch k.attr("type") {
	case "subjectField":
		if subject != nil {
			*subject = joinNonEmpty(*subject, text, "; ")
		}
	case "definition":
		*definition = joinNonEmpty(*definition, text, " ")
	}
}

func joinNonEmpty(a, b, sep string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + sep + b
}

func (rd *tbxReader) langSec(c *Concept, e *xnode) {
	raw, ok := e.lang()
	if !ok {
		rd.fail(e.off, "<%s> without xml:lang", e.name)
		return
	}
	tag, err := language.Parse(raw)
	if err != nil {
		rd.fail(e.off, "malformed language tag %q in xml:lang (want BCP 47, like fr or es-419)", raw)
		return
	}
	ls := c.Lang(tag)
	if ls == nil {
		ls = &LangSec{Lang: tag, Pos: rd.pos.Position(e.off)}
		c.Langs = append(c.Langs, ls)
	}
	for _, k := range e.kids {
		switch k.name {
		case "descrip", "descripGrp":
			rd.descrip(k, nil, &ls.Definition)
		case "note":
			ls.Note = addLine(ls.Note, cleanText(k.text.String()))
		case "termSec", "tig":
			if t := rd.term(k, k); t != nil {
				t.Lang = tag
				ls.Terms = append(ls.Terms, t)
			}
		case "ntig":
			if g := child(k, "termGrp"); g != nil {
				if t := rd.term(g, k); t != nil {
					t.Lang = tag
					ls.Terms = append(ls.Terms, t)
				}
			} else {
				rd.fail(k.off, "<ntig> without <termGrp>")
			}
		}
	}
}

// term reads a term from grp (termSec, tig or termGrp) and the notes of
// outer (the same element, or the ntig around a termGrp).
func (rd *tbxReader) term(grp, outer *xnode) *Term {
	te := child(grp, "term")
	if te == nil {
		rd.fail(grp.off, "<%s> without <term>", grp.name)
		return nil
	}
	t := &Term{Text: cleanText(te.text.String()), Pos: rd.pos.Position(te.off)}
	if t.Text == "" {
		rd.fail(te.off, "empty <term>")
		return nil
	}
	var notes []*xnode
	for _, k := range grp.kids {
		switch k.name {
		case "termNote":
			rd.termNote(t, k)
		case "termNoteGrp":
			for _, kk := range k.kids {
				if kk.name == "termNote" {
					rd.termNote(t, kk)
				}
			}
		case "note":
			notes = append(notes, k)
		}
	}
	if outer != grp {
		for _, k := range outer.kids {
			if k.name == "note" {
				notes = append(notes, k)
			}
		}
	}
	for _, k := range notes {
		note := cleanText(k.text.String())
		if p, ok := strings.CutPrefix(note, relaisNote); ok {
			if err := applyRelaisNote(t, strings.TrimSpace(p)); err != nil {
				rd.fail(k.off, "%v", err)
			}
			continue
		}
		t.Note = addLine(t.Note, note)
	}
	return t
}

func (rd *tbxReader) termNote(t *Term, k *xnode) {
	v := cleanText(k.text.String())
	var err error
	switch k.attr("type") {
	case "termType":
		t.Type = ParseTermType(v)
	case "administrativeStatus", "normativeAuthorization":
		t.Status, err = ParseStatus(v)
	case "grammaticalGender":
		t.Gender, err = ParseGender(v)
	case "grammaticalNumber":
		t.Number, err = ParseNumber(v)
	case "partOfSpeech":
		t.PartOfSpeech = v
	}
	if err != nil {
		rd.fail(k.off, "%v", err)
	}
}

// applyRelaisNote reads one relais note of a term: "number plural",
// "form gouvernements locaux [pl]", "case sensitive", "article none",
// "ambiguous".
func applyRelaisNote(t *Term, note string) error {
	key, val, _ := strings.Cut(note, " ")
	val = strings.TrimSpace(val)
	var err error
	switch key {
	case "ambiguous":
		t.Ambiguous = true
	case "number":
		t.Number, err = ParseNumber(val)
	case "case":
		t.Case, err = ParseCaseRule(val)
	case "article":
		t.Article, err = ParseArticle(val)
	case "form":
		var f Form
		if f, err = ParseForm(val); err == nil {
			t.Forms = append(t.Forms, f)
		}
	default:
		return fmt.Errorf("unknown note %q (want %snumber, %sform, %scase, %sarticle or %sambiguous)", relaisNote+note, relaisNote, relaisNote, relaisNote, relaisNote, relaisNote)
	}
	if err != nil {
		return fmt.Errorf("note %q: %w", relaisNote+note, err)
	}
	return nil
}

// WriteTBX writes tb as TBX v3, dialect TBX-Basic, DCA style. Its xml:lang
// is the termbase's first language. Output is deterministic: concepts,
// languages and terms in the termbase's order.
func WriteTBX(w io.Writer, tb *Termbase) error {
	lang := "en"
	if ls := tb.Langs(); len(ls) > 0 {
		lang = ls[0].String()
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<tbx type="TBX-Basic" style="dca" xml:lang="%s" xmlns="%s">`+"\n", esc(lang), TBXNamespace)
	b.WriteString("\t<tbxHeader>\n\t\t<fileDesc>\n\t\t\t<sourceDesc>\n\t\t\t\t<p>written by relais</p>\n\t\t\t</sourceDesc>\n\t\t</fileDesc>\n\t</tbxHeader>\n")
	b.WriteString("\t<text>\n\t\t<body>\n")
	for i, c := range tb.Concepts {
		id := c.ID
		if id == "" {
			id = fmt.Sprintf("c%d", i+1)
		}
		fmt.Fprintf(&b, "\t\t\t<conceptEntry id=\"%s\">\n", esc(id))
		elem(&b, 4, "descrip", "subjectField", c.Subject)
		elem(&b, 4, "descrip", "definition", c.Definition)
		notes(&b, 4, c.Note)
		if c.Ambiguous {
			elem(&b, 4, "note", "", relaisNote+"ambiguous")
		}
		for _, ls := range c.Langs {
			fmt.Fprintf(&b, "\t\t\t\t<langSec xml:lang=\"%s\">\n", esc(ls.Lang.String()))
			elem(&b, 5, "descrip", "definition", ls.Definition)
			notes(&b, 5, ls.Note)
			for _, t := range ls.Terms {
				b.WriteString("\t\t\t\t\t<termSec>\n")
				elem(&b, 6, "term", "", t.Text)
				elem(&b, 6, "termNote", "termType", string(t.Type))
				if t.Status != "" {
					elem(&b, 6, "termNote", "administrativeStatus", string(t.Status)+"Term-admn-sts")
				}
				elem(&b, 6, "termNote", "grammaticalGender", string(t.Gender))
				elem(&b, 6, "termNote", "partOfSpeech", t.PartOfSpeech)
				notes(&b, 6, t.Note)
				if t.Number != "" {
					elem(&b, 6, "note", "", relaisNote+"number "+string(t.Number))
				}
				for _, f := range t.Forms {
					elem(&b, 6, "note", "", relaisNote+"form "+f.String())
				}
				if t.Case != CaseDefault {
					elem(&b, 6, "note", "", relaisNote+"case "+t.Case.String())
				}
				if t.Article != "" {
					elem(&b, 6, "note", "", relaisNote+"article "+string(t.Article))
				}
				if t.Ambiguous {
					elem(&b, 6, "note", "", relaisNote+"ambiguous")
				}
				b.WriteString("\t\t\t\t\t</termSec>\n")
			}
			b.WriteString("\t\t\t\t</langSec>\n")
		}
		b.WriteString("\t\t\t</conceptEntry>\n")
	}
	b.WriteString("\t\t</body>\n\t</text>\n</tbx>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// elem writes <name type="typ">text</name> at the given depth, or nothing
// when text is empty.
func elem(b *bytes.Buffer, depth int, name, typ, text string) {
	if text == "" {
		return
	}
	b.WriteString(strings.Repeat("\t", depth))
	b.WriteString("<" + name)
	if typ != "" {
		b.WriteString(` type="` + esc(typ) + `"`)
	}
	b.WriteString(">" + esc(text) + "</" + name + ">\n")
}

// notes writes one <note> per line of note.
func notes(b *bytes.Buffer, depth int, note string) {
	for _, l := range strings.Split(note, "\n") {
		elem(b, depth, "note", "", l)
	}
}

// esc escapes text for XML content and attributes, dropping the
// characters XML 1.0 cannot carry.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			fmt.Fprintf(&b, "&#x%X;", r)
		case r < 0x20 || r == 0xfffe || r == 0xffff || (r >= 0xd800 && r < 0xe000):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
