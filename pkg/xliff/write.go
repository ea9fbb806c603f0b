package xliff

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Write writes f as XLIFF 2.0: deterministic, indented, attributes in a
// fixed order, units in file order. The file is built in memory and
// written with one call to w.Write; nothing is written when f cannot be
// encoded (an id that is not an XML NMTOKEN, a code ID used twice in a
// source, an origin that does not read back…), and the error says which
// unit and why.
func Write(w io.Writer, f *File) error {
	out, err := marshal(f)
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

func marshal(f *File) ([]byte, error) {
	groups, err := fileGroups(f)
	if err != nil {
		return nil, err
	}
	hasTarget := false
	encoded := make([]*encodedUnit, len(f.Units))
	for i := range f.Units {
		u := &f.Units[i]
		if encoded[i], err = encodeUnit(u); err != nil {
			return nil, fmt.Errorf("xliff: %w", err)
		}
		for _, p := range u.Parts {
			hasTarget = hasTarget || p.Target != nil
		}
	}

	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xliff xmlns="` + ns20 + `" version="2.0"`)
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
	if err := checkChars("xliff: original", f.Original, true); err != nil {
		return nil, err
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
			groups = append(groups, fileGroup{id: u.File})
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
	if len(e.data) > 0 {
		b.WriteString("      <originalData>\n")
		for i, d := range e.data {
			b.WriteString(`        <data id="d` + strconv.Itoa(i+1) + `">`)
			text(b, d)
			b.WriteString("</data>\n")
		}
		b.WriteString("      </originalData>\n")
	}
	for i, p := range u.Parts {
		elem := "segment"
		if p.Kind == Ignorable {
			elem = "ignorable"
		}
		b.WriteString("      <" + elem)
		optAttr(b, "id", p.ID)
		if p.Kind == Segment {
			attr(b, "state", p.State.String())
			if s := p.Origin.String(); s != "none" {
				attr(b, "subState", relaisPrefix+":"+escapeValue(s))
			}
		}
		b.WriteString(">\n        <source>")
		inline(b, e.sources[i])
		b.WriteString("</source>\n")
		if e.targets[i] != nil {
			b.WriteString("        <target>")
			inline(b, e.targets[i])
			b.WriteString("</target>\n")
		}
		b.WriteString("      </" + elem + ">\n")
	}
	b.WriteString("    </unit>\n")
}

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
		name := map[tagKind]string{tPh: "ph", tPcOpen: "pc", tSc: "sc", tEc: "ec"}[t.kind]
		b.WriteString("<" + name)
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
	b.WriteString(" " + name + `="`)
	for _, r := range value {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// text writes character data: markup characters escaped (">" too, so that
// "]]>" never appears), a carriage return as a reference (a parser would
// turn a literal one into a line feed) and characters XML cannot carry as
// <cp hex="…"/>.
func text(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case !isXMLChar(r):
			fmt.Fprintf(b, `<cp hex="%04X"/>`, r)
		default:
			b.WriteRune(r)
		}
	}
}
