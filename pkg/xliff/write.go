package xliff

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Write writes f as XLIFF 2.0: deterministic, indented, attributes in a
// fixed order, units in file order. The file is built in memory and
// written with one call to w.Write; nothing is written when f cannot be
// encoded (an id that is not an XML NMTOKEN, a code ID used twice in a
// source, an origin that does not read back…), and the error says which
// unit and why.
func Write(w io.Writer, f *File) error {
	out, err := Marshal(f)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// fileGroup is the units of one <file> element.
type fileGroup struct {
	id       string
	original string
	units    []int
}

// Marshal returns f as Write writes it.
func Marshal(f *File) ([]byte, error) {
	groups, err := fileGroups(f)
	if err != nil {
		return nil, err
	}
	hasTarget, hasMatches := false, false
	encoded := make([]*encodedUnit, len(f.Units))
	enc := newUnitEncoder()
	size := 512
	for i := range f.Units {
		u := &f.Units[i]
		if encoded[i], err = enc.encode(u); err != nil {
			return nil, fmt.Errorf("xliff: %w", err)
		}
		size += 64 + 24*len(encoded[i].data)
		for _, p := range u.Parts {
			hasTarget = hasTarget || p.Target != nil
			size += 128 + contentSize(p.Source) + contentSize(p.Target)
			for k := range p.Matches {
				m, err := enc.match(u, p.ID, k, &p.Matches[k])
				if err != nil {
					return nil, fmt.Errorf("xliff: %w", err)
				}
				encoded[i].matches = append(encoded[i].matches, m)
				hasMatches = true
				size += 256 + 24*len(m.data) + contentSize(p.Matches[k].Source) + contentSize(p.Matches[k].Target)
			}
		}
	}

	var b bytes.Buffer
	b.Grow(size + size/8) // room for escapes and code attributes
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xliff xmlns="` + ns20 + `"`)
	if hasMatches {
		b.WriteString(` xmlns:mtc="` + nsMTC + `"`)
	}
	b.WriteString(` version="2.0"`)
	attr(&b, "srcLang", f.SrcLang.String())
	if f.TrgLang != language.Und || hasTarget {
		attr(&b, "trgLang", f.TrgLang.String())
	}
	b.WriteString(">\n")
	for _, g := range groups {
		b.WriteString("  <file")
		attr(&b, "id", g.id)
		if g.original != "" {
			attr(&b, "original", g.original)
		}
		attr(&b, "xml:space", "preserve")
		b.WriteString(">\n")
		if len(g.units) == 0 {
			// A <file> needs a unit or a group: an empty document gets an
			// empty group, which readers skip.
			b.WriteString(`    <group id="g1"/>` + "\n")
		}
		for _, i := range g.units {
			writeUnit(&b, &f.Units[i], encoded[i])
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	return b.Bytes(), nil
}

// contentSize is the length of c's text and codes' data: about what its
// XLIFF element takes, markup aside.
func contentSize(c document.Content) int {
	n := 0
	for _, r := range c {
		n += len(r.Text)
		if r.Code != nil {
			n += 96 + len(r.Code.Disp) + len(r.Code.Type)
		}
	}
	return n
}

// fileGroups sorts the units into <file> elements: the first for the units
// with no File, then one per File value. The units of one file must be
// consecutive, the first file's first, and unit IDs unique in each file.
func fileGroups(f *File) ([]fileGroup, error) {
	first := f.ID
	if first == "" {
		first = "f1"
	}
	if !isNMTOKEN(first) {
		return nil, fmt.Errorf("xliff: file id %q is not an XML NMTOKEN", first)
	}
	if err := checkChars(f.Original, true); err != nil {
		return nil, fmt.Errorf("xliff: original %w", err)
	}
	groups := []fileGroup{{id: first, original: f.Original}}
	seen := map[string]bool{"": true}
	unitIDs := map[string]bool{}
	for i, u := range f.Units {
		cur := &groups[len(groups)-1]
		if u.File != "" && (len(groups) == 1 || u.File != cur.id) {
			if seen[u.File] || u.File == first {
				return nil, fmt.Errorf("xliff: unit %s: the units of file %q are not together after the units of the first file", u.ID, u.File)
			}
			seen[u.File] = true
			if err := checkChars(f.Originals[u.File], true); err != nil {
				return nil, fmt.Errorf("xliff: original of file %q %w", u.File, err)
			}
			groups = append(groups, fileGroup{id: u.File, original: f.Originals[u.File]})
			cur = &groups[len(groups)-1]
			unitIDs = map[string]bool{}
		} else if u.File == "" && len(groups) > 1 {
			return nil, fmt.Errorf("xliff: unit %s: the units of the first file must come first", u.ID)
		}
		if unitIDs[u.ID] {
			return nil, fmt.Errorf("xliff: unit id %q is used twice in file %q", u.ID, cur.id)
		}
		unitIDs[u.ID] = true
		cur.units = append(cur.units, i)
	}
	return groups, nil
}

func writeUnit(b *bytes.Buffer, u *Unit, e *encodedUnit) {
	b.WriteString("    <unit")
	attr(b, "id", u.ID)
	optAttr(b, "name", u.Name)
	attr(b, "type", relaisPrefix+":"+u.Kind.String())
	b.WriteString(">\n")
	if len(e.matches) > 0 {
		// Extension elements come first in a unit, before <notes> and
		// <originalData> (the core schema's xs:any ##other).
		b.WriteString("      <mtc:matches>\n")
		k := 0
		for _, p := range u.Parts {
			for i := range p.Matches {
				writeMatch(b, p.ID, &p.Matches[i], e.matches[k])
				k++
			}
		}
		b.WriteString("      </mtc:matches>\n")
	}
	writeData(b, "      ", e.data)
	for i, p := range u.Parts {
		elem := "segment"
		if p.Kind == Ignorable {
			elem = "ignorable"
		}
		b.WriteString("      <" + elem)
		optAttr(b, "id", p.ID)
		if p.Kind == Segment {
			attr(b, "state", p.State.String())
			optAttr(b, "subState", e.subStates[i])
		}
		b.WriteString(">\n")
		writeContent(b, "        ", "source", e, p.Source, e.sources, i)
		if p.Target != nil {
			writeContent(b, "        ", "target", e, p.Target, e.targets, i)
		}
		b.WriteString("      </" + elem + ">\n")
	}
	b.WriteString("    </unit>\n")
}

// writeMatch writes candidate m of the segment with ID seg, encoded as e:
// attributes, then its own <originalData>, <source> and <target>, in the
// order of the module's schema.
func writeMatch(b *bytes.Buffer, seg string, m *Match, e *encodedUnit) {
	b.WriteString("        <mtc:match")
	attr(b, "ref", "#"+seg)
	optAttr(b, "origin", m.Origin)
	optAttr(b, "type", m.Type)
	if m.Similarity > 0 {
		attr(b, "similarity", strconv.Itoa(m.Similarity))
	}
	b.WriteString(">\n")
	writeData(b, "          ", e.data)
	trg := m.Target
	if trg == nil {
		trg = document.Content{}
	}
	writeContent(b, "          ", "source", e, m.Source, e.sources, 0)
	writeContent(b, "          ", "target", e, trg, e.targets, 0)
	b.WriteString("        </mtc:match>\n")
}

// writeData writes an <originalData> with data (ids "d1", "d2"…), if any.
func writeData(b *bytes.Buffer, indent string, data []string) {
	if len(data) == 0 {
		return
	}
	b.WriteString(indent + "<originalData>\n")
	for i, d := range data {
		b.WriteString(indent + `  <data id="d` + strconv.Itoa(i+1) + `">`)
		text(b, d)
		b.WriteString("</data>\n")
	}
	b.WriteString(indent + "</originalData>\n")
}

// writeContent writes the <source> or <target> (elem) of part i: c as it
// is when the unit holds no code, else its encoded tags.
func writeContent(b *bytes.Buffer, indent, elem string, e *encodedUnit, c document.Content, tags [][]tag, i int) {
	b.WriteString(indent + "<" + elem + ">")
	if e.plain {
		plain(b, c)
	} else {
		inline(b, tags[i])
	}
	b.WriteString("</" + elem + ">\n")
}

// plain writes the content of a <source> or <target> without codes.
func plain(b *bytes.Buffer, c document.Content) {
	for _, r := range c {
		text(b, r.Text)
	}
}

// tagNames are the element names of the code kinds.
var tagNames = [...]string{tPh: "ph", tPcOpen: "pc", tSc: "sc", tEc: "ec"}

// inline writes the content of a <source> or <target>.
func inline(b *bytes.Buffer, tags []tag) {
	for _, t := range tags {
		switch t.kind {
		case tText:
			text(b, t.text)
			continue
		case tPcClose:
			b.WriteString("</pc>")
			continue
		}
		b.WriteByte('<')
		b.WriteString(tagNames[t.kind])
		optAttr(b, "id", t.id)
		optAttr(b, "startRef", t.startRef)
		if t.isolated {
			attr(b, "isolated", "yes")
		}
		optAttr(b, "copyOf", t.copyOf)
		optAttr(b, "type", t.typ)
		optAttr(b, "subType", t.subType)
		if t.kind == tPcOpen {
			optAttr(b, "dataRefStart", t.dataRef)
			optAttr(b, "dataRefEnd", t.dataEnd)
			optAttr(b, "dispStart", t.disp)
			optAttr(b, "dispEnd", t.dispEnd)
			b.WriteString(">")
			continue
		}
		optAttr(b, "dataRef", t.dataRef)
		optAttr(b, "disp", t.disp)
		b.WriteString("/>")
	}
}

// optAttr writes the attribute as attr does when value is not empty, and
// nothing when it is.
func optAttr(b *bytes.Buffer, name, value string) {
	if value != "" {
		attr(b, name, value)
	}
}

// attr writes ` name="value"`, escaped for an attribute value.
func attr(b *bytes.Buffer, name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	start := 0
	for i := 0; i < len(value); i++ {
		var esc string
		switch value[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			continue
		}
		b.WriteString(value[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(value[start:])
	b.WriteByte('"')
}

// text writes character data: markup characters escaped (">" too, so that
// "]]>" never appears), a carriage return as a reference (a parser would
// turn a literal one into a line feed) and characters XML cannot carry as
// <cp hex="…"/>. Runs of characters that need nothing are copied whole.
func text(b *bytes.Buffer, s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		n := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#xD;"
		case c >= 0x20 || c == '\t' || c == '\n':
			if c < utf8.RuneSelf {
				i++
				continue
			}
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				esc = string(utf8.RuneError) // as a conversion to runes would
			case isXMLChar(r):
				i += n
				continue
			default:
				esc = fmt.Sprintf(`<cp hex="%04X"/>`, r)
			}
		default:
			esc = fmt.Sprintf(`<cp hex="%04X"/>`, c)
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		i += n
		start = i
	}
	b.WriteString(s[start:])
}
