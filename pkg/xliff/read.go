package xliff

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Read parses an XLIFF 2.0 (or 2.1) or XLIFF 1.2 (1.1, 1.0) file; path names
// it in errors. Errors are *document.PosError values ("path:line:col:
// xliff: …"): malformed XML, a namespace that is not XLIFF's, a missing or
// malformed language, a missing required attribute, an unknown state, a
// reference to original data that does not exist, or a unit the model cannot
// hold (see Write). Read is not a validator: see Validate for the rules of
// the specification that do not change what Read returns.
func Read(path string, r io.Reader) (*File, error) {
	s, err := parse(path, r)
	if err != nil {
		return nil, err
	}
	root := s.root
	version := collapse(root.get("version"))
	switch {
	case root.name.Local != "xliff":
		return nil, s.errAt(root.off, "the root element is <%s>, not <xliff>: not an XLIFF file", root.name.Local)
	case root.name.Space == ns20:
		if version != "2.0" && version != "2.1" {
			return nil, s.errAt(root.off, "XLIFF version %q is not supported (want 2.0 or 2.1)", version)
		}
		return (&reader20{src: s}).read()
	case root.name.Space == ns12 || root.name.Space == ns11 ||
		root.name.Space == "" && strings.HasPrefix(version, "1."):
		return (&reader12{src: s}).read()
	}
	return nil, s.errAt(root.off, "namespace %q is not XLIFF's: want %s (XLIFF 2.0) or %s (XLIFF 1.2)", root.name.Space, ns20, ns12)
}

// parseLang reads a language attribute.
func parseLang(s *source, n *node, name, value string) (language.Tag, error) {
	t, err := language.Parse(collapse(value))
	if err != nil {
		return language.Und, s.errAt(n.off, "%s %q is not a BCP 47 language tag", name, value)
	}
	return t, nil
}

// reader20 reads XLIFF 2.0.
type reader20 struct {
	src  *source
	file *File
}

// addOriginal records o, when not empty, as the original attribute of
// the later <file> of id id.
func (f *File) addOriginal(id, o string) {
	if o == "" {
		return
	}
	if f.Originals == nil {
		f.Originals = map[string]string{}
	}
	f.Originals[id] = o
}

func (rd *reader20) read() (*File, error) {
	s, root := rd.src, rd.src.root
	f := &File{}
	rd.file = f
	v, ok := root.attr("srcLang")
	if !ok {
		return nil, s.errAt(root.off, "<xliff> has no srcLang attribute")
	}
	var err error
	if f.SrcLang, err = parseLang(s, root, "srcLang", v); err != nil {
		return nil, err
	}
	hasTrg := false
	if v, ok := root.attr("trgLang"); ok {
		hasTrg = true
		if f.TrgLang, err = parseLang(s, root, "trgLang", v); err != nil {
			return nil, err
		}
	}
	fileIDs := map[string]bool{}
	for _, fe := range root.elems() {
		if !fe.is(ns20, "file") {
			continue
		}
		id, ok := fe.attr("id")
		id = collapse(id)
		if !ok || id == "" {
			return nil, s.errAt(fe.off, "<file> has no id attribute")
		}
		if !isNMTOKEN(id) {
			return nil, s.errAt(fe.off, "file id %q is not an XML NMTOKEN", id)
		}
		if fileIDs[id] {
			return nil, s.errAt(fe.off, "file id %q is used twice", id)
		}
		fileIDs[id] = true
		unitFile := ""
		if len(fileIDs) == 1 {
			f.ID, f.Original = id, fe.get("original")
		} else {
			unitFile = id
			f.addOriginal(id, fe.get("original"))
		}
		unitIDs := map[string]bool{}
		if err := rd.container(fe, unitFile, unitIDs); err != nil {
			return nil, err
		}
	}
	if len(fileIDs) == 0 {
		return nil, s.errAt(root.off, "<xliff> has no <file>")
	}
	if !hasTrg {
		for _, u := range f.Units {
			for _, p := range u.Parts {
				if p.Target != nil {
					return nil, s.errAt(root.off, "the file has targets but <xliff> has no trgLang attribute")
				}
			}
		}
	}
	return f, nil
}

// container reads the units of a <file> or <group>, groups included.
func (rd *reader20) container(n *node, file string, unitIDs map[string]bool) error {
	for _, c := range n.elems() {
		switch {
		case c.is(ns20, "group"):
			if err := rd.container(c, file, unitIDs); err != nil {
				return err
			}
		case c.is(ns20, "unit"):
			u, err := rd.unit(c)
			if err != nil {
				return err
			}
			if unitIDs[u.ID] {
				return rd.src.errAt(c.off, "unit id %q is used twice in the file", u.ID)
			}
			unitIDs[u.ID] = true
			u.File = file
			rd.file.Units = append(rd.file.Units, *u)
		}
	}
	return nil
}

// rawCode is an inline code element as read, before its code ID and data
// are resolved.
type rawCode struct {
	n        *node
	name     string // ph, pc, sc, ec
	kind     document.CodeKind
	id       string
	startRef string
	copyOf   string
	isolated bool
	dataRef  string // dataRefStart on a pc open, dataRefEnd on a pc close
	disp     string
	typ      string
	pair     *rawCode       // a pc's open for its close; an ec's sc
	code     *document.Code // the resolved code
	base     base           // what a copy of this element reads back
}

// rawRun is text or a code as read.
type rawRun struct {
	text string
	code *rawCode
}

func (rd *reader20) unit(un *node) (*Unit, error) {
	s := rd.src
	id, ok := un.attr("id")
	if !ok || collapse(id) == "" {
		return nil, s.errAt(un.off, "<unit> has no id attribute")
	}
	u := &Unit{ID: collapse(id), Name: un.get("name")}
	if t, ok := strings.CutPrefix(un.get("type"), relaisPrefix+":"); ok {
		k, err := document.ParseBlockKind(t)
		if err != nil {
			return nil, s.errAt(un.off, "unit %s: type %q: %v", u.ID, un.get("type"), err)
		}
		u.Kind = k
	}
	data := map[string]string{}
	var parts, matches []*node
	for _, c := range un.elems() {
		switch {
		case c.is(ns20, "originalData"):
			if err := rd.originalData(c, u.ID, data); err != nil {
				return nil, err
			}
		case c.is(ns20, "segment"), c.is(ns20, "ignorable"):
			parts = append(parts, c)
		case c.is(nsMTC, "matches"):
			matches = append(matches, c)
		}
	}
	var srcRuns, trgRuns [][]rawRun
	for _, pn := range parts {
		p := Part{Kind: Segment, ID: collapse(pn.get("id"))}
		if pn.name.Local == "ignorable" {
			p.Kind = Ignorable
		} else {
			if st, ok := pn.attr("state"); ok {
				state, err := document.ParseState(st)
				if err != nil {
					return nil, s.errAt(pn.off, "unit %s: %v", u.ID, err)
				}
				p.State = state
			}
			if v, ok := strings.CutPrefix(pn.get("subState"), relaisPrefix+":"); ok {
				o, err := parseOrigin(v)
				if err != nil {
					return nil, s.errAt(pn.off, "unit %s: subState %q: %v", u.ID, pn.get("subState"), err)
				}
				p.Origin = o
			}
		}
		var src, trg *node
		for _, c := range pn.elems() {
			switch {
			case c.is(ns20, "source") && src == nil:
				src = c
			case c.is(ns20, "target") && trg == nil:
				trg = c
			}
		}
		if src == nil {
			return nil, s.errAt(pn.off, "unit %s: <%s> has no <source>", u.ID, pn.name.Local)
		}
		sr, err := rd.inline(src, nil)
		if err != nil {
			return nil, err
		}
		srcRuns = append(srcRuns, sr)
		var tr []rawRun
		if trg != nil {
			if tr, err = rd.inline(trg, nil); err != nil {
				return nil, err
			}
			if tr == nil {
				tr = []rawRun{}
			}
		}
		trgRuns = append(trgRuns, tr)
		u.Parts = append(u.Parts, p)
	}
	if !hasSegment(u.Parts) {
		return nil, s.errAt(un.off, "unit %s has no <segment>", u.ID)
	}
	srcIDs, err := rd.resolve(u, srcRuns, data, nil, false)
	if err != nil {
		return nil, err
	}
	if _, err := rd.resolve(u, trgRuns, data, srcIDs, true); err != nil {
		return nil, err
	}
	for i := range u.Parts {
		u.Parts[i].Source = content(srcRuns[i])
		if trgRuns[i] != nil {
			u.Parts[i].Target = content(trgRuns[i])
		}
	}
	if _, err := encodeUnit(u); err != nil {
		return nil, s.errAt(un.off, "%v", err)
	}
	rd.matches(u, matches)
	return u, nil
}

// originalData adds the <data> of an <originalData> to data, by id.
func (rd *reader20) originalData(n *node, unit string, data map[string]string) error {
	for _, d := range n.elems() {
		if !d.is(ns20, "data") {
			continue
		}
		did := collapse(d.get("id"))
		if did == "" {
			return rd.src.errAt(d.off, "<data> has no id attribute")
		}
		if _, dup := data[did]; dup {
			return rd.src.errAt(d.off, "data id %q is used twice in unit %s", did, unit)
		}
		v, err := rd.dataText(d)
		if err != nil {
			return err
		}
		data[did] = v
	}
	return nil
}

// matches reads the <mtc:match> elements of a unit's <mtc:matches>
// elements into the matches of the segments their refs point to, in
// order. A match the model cannot hold is dropped, never an error: it is
// advice, and the unit's own content is what readers of the file need.
// Dropped are a match whose ref does not name a segment of the unit (an
// annotation, an ignorable), a reference match (reference="yes": its
// target is in another language than the file's), one without <source>
// or <target>, and one
// whose inline content does not resolve (a dataRef to no <data> of the
// match, an id used twice) or would not write back.
func (rd *reader20) matches(u *Unit, nodes []*node) {
	enc := newUnitEncoder()
	for _, mn := range nodes {
		for _, c := range mn.elems() {
			if !c.is(nsMTC, "match") {
				continue
			}
			pi, m, ok := rd.match(u, c)
			if !ok {
				continue
			}
			p := &u.Parts[pi]
			if _, err := enc.match(u, p.ID, len(p.Matches), &m); err != nil {
				continue
			}
			p.Matches = append(p.Matches, m)
		}
	}
}

// match reads an <mtc:match> of unit u: the index of the segment its ref
// names, and the match; ok is false for a match to drop (see matches).
// The match's inline codes are resolved against its own <originalData>.
func (rd *reader20) match(u *Unit, n *node) (part int, m Match, ok bool) {
	id, ok := matchRef(n.get("ref"), u.ID)
	part = -1
	for i, p := range u.Parts {
		if ok && p.Kind == Segment && p.ID == id {
			part = i
		}
	}
	if part < 0 || collapse(n.get("reference")) == "yes" {
		return part, m, false // a reference match's target is in another language
	}
	var src, trg *node
	data := map[string]string{}
	for _, c := range n.elems() {
		switch {
		case c.is(ns20, "originalData"):
			if rd.originalData(c, u.ID, data) != nil {
				return part, m, false
			}
		case c.is(ns20, "source") && src == nil:
			src = c
		case c.is(ns20, "target") && trg == nil:
			trg = c
		}
	}
	if src == nil || trg == nil {
		return part, m, false
	}
	sr, err := rd.inline(src, nil)
	if err != nil {
		return part, m, false
	}
	tr, err := rd.inline(trg, nil)
	if err != nil {
		return part, m, false
	}
	own := &Unit{ID: u.ID, Parts: []Part{{Kind: Segment}}}
	srcIDs, err := rd.resolve(own, [][]rawRun{sr}, data, nil, false)
	if err != nil {
		return part, m, false
	}
	if _, err := rd.resolve(own, [][]rawRun{tr}, data, srcIDs, true); err != nil {
		return part, m, false
	}
	m = Match{Origin: n.get("origin"), Source: content(sr), Target: content(tr)}
	if t := collapse(n.get("type")); inList(matchTypes, t) {
		m.Type = t
	}
	if v, err := strconv.ParseFloat(collapse(n.get("similarity")), 64); err == nil && v >= 0 && v <= 100 {
		m.Similarity = int(math.Round(v))
	}
	return part, m, true
}

// matchRef returns the segment ID the ref of a match in unit names: "#ID",
// or a path ending in the unit and the ID ("#/f=F/u=UNIT/ID").
func matchRef(ref, unit string) (string, bool) {
	frag, ok := strings.CutPrefix(collapse(ref), "#")
	if !ok {
		return "", false
	}
	parts := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	leaf := parts[len(parts)-1]
	if leaf == "" || strings.Contains(leaf, "=") {
		return "", false
	}
	if len(parts) > 1 && parts[len(parts)-2] != "u="+unit {
		return "", false
	}
	return leaf, true
}

// parseOrigin reads the value of a relais subState.
func parseOrigin(v string) (document.Origin, error) {
	s, ok := unescapeValue(v)
	if !ok {
		return document.Origin{}, fmt.Errorf("malformed %% escape")
	}
	o, err := document.ParseOrigin(s)
	if err != nil {
		return o, err
	}
	if o.Kind == document.FromNone && s != "none" {
		return o, fmt.Errorf("unknown origin %q", s)
	}
	return o, nil
}

// dataText returns the text of a <data> element, <cp> included.
func (rd *reader20) dataText(d *node) (string, error) {
	var b strings.Builder
	for _, it := range d.items {
		if it.el == nil {
			b.WriteString(it.text)
			continue
		}
		if !it.el.is(ns20, "cp") {
			return "", rd.src.errAt(it.el.off, "<%s> inside <data>: only text and <cp> may be", it.el.name.Local)
		}
		r, err := rd.cp(it.el)
		if err != nil {
			return "", err
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// cp returns the character of a <cp hex="…"/>.
func (rd *reader20) cp(n *node) (rune, error) {
	h := collapse(n.get("hex"))
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || h == "" || v > 0x10FFFF {
		return 0, rd.src.errAt(n.off, "<cp hex=%q> is not a Unicode code point in hexadecimal", h)
	}
	return rune(v), nil
}

// inline appends the runs of the content of n (a source, target, pc or mrk)
// to runs.
func (rd *reader20) inline(n *node, runs []rawRun) ([]rawRun, error) {
	addText := func(t string) {
		if k := len(runs); k > 0 && runs[k-1].code == nil {
			runs[k-1].text += t
		} else {
			runs = append(runs, rawRun{text: t})
		}
	}
	for _, it := range n.items {
		if it.el == nil {
			if it.text != "" {
				addText(it.text)
			}
			continue
		}
		c := it.el
		if c.name.Space != ns20 {
			return nil, rd.src.errAt(c.off, "<%s> (namespace %q) inside <%s>: only text and XLIFF inline elements may be", c.name.Local, c.name.Space, n.name.Local)
		}
		switch c.name.Local {
		case "cp":
			r, err := rd.cp(c)
			if err != nil {
				return nil, err
			}
			addText(string(r))
		case "mrk":
			var err error
			if runs, err = rd.inline(c, runs); err != nil {
				return nil, err
			}
		case "sm", "em":
		case "ph", "sc", "ec":
			rc := rd.rawCode(c, c.name.Local, "dataRef", "disp")
			switch c.name.Local {
			case "sc":
				rc.kind = document.Open
			case "ec":
				rc.kind = document.Close
			}
			runs = append(runs, rawRun{code: rc})
		case "pc":
			open := rd.rawCode(c, "pc", "dataRefStart", "dispStart")
			open.kind = document.Open
			runs = append(runs, rawRun{code: open})
			var err error
			if runs, err = rd.inline(c, runs); err != nil {
				return nil, err
			}
			cl := rd.rawCode(c, "pc", "dataRefEnd", "dispEnd")
			cl.kind, cl.pair, cl.id = document.Close, open, ""
			runs = append(runs, rawRun{code: cl})
		default:
			return nil, rd.src.errAt(c.off, "<%s> inside <%s>: not an XLIFF inline element", c.name.Local, n.name.Local)
		}
	}
	return runs, nil
}

func (rd *reader20) rawCode(c *node, name, dataAttr, dispAttr string) *rawCode {
	return &rawCode{
		n: c, name: name,
		id:       collapse(c.get("id")),
		startRef: collapse(c.get("startRef")),
		copyOf:   collapse(c.get("copyOf")),
		isolated: collapse(c.get("isolated")) == "yes",
		dataRef:  collapse(c.get(dataAttr)),
		disp:     c.get(dispAttr),
		typ:      decodeType(collapse(c.get("type")), collapse(c.get("subType"))),
	}
}

// resolve gives every code of one side of a unit (the parts' sources, or
// their targets) its code ID and data. It returns the side's element ids.
// In a target, a code that copies another (copyOf) takes the copied code's
// ID; its data, unless it has its own, is the copied code's, looked up in
// the source first (srcIDs), then in the target.
func (rd *reader20) resolve(u *Unit, side [][]rawRun, data map[string]string, srcIDs map[string]*rawCode, target bool) (map[string]*rawCode, error) {
	s := rd.src
	what := "source"
	if target {
		what = "target"
	}
	ids := map[string]*rawCode{}
	var all []*rawCode
	for _, runs := range side {
		for _, r := range runs {
			rc := r.code
			if rc == nil {
				continue
			}
			all = append(all, rc)
			if rc.name == "ec" && !rc.isolated && rc.startRef != "" {
				if sc := ids[rc.startRef]; sc != nil && sc.name == "sc" && !sc.isolated {
					rc.pair = sc
				}
				continue
			}
			if rc.pair != nil { // a pc's close
				continue
			}
			if rc.id == "" {
				return nil, s.errAt(rc.n.off, "unit %s: <%s> in a %s has no id", u.ID, rc.name, what)
			}
			if ids[rc.id] != nil {
				return nil, s.errAt(rc.n.off, "unit %s: id %q is used twice in the %s", u.ID, rc.id, what)
			}
			ids[rc.id] = rc
		}
	}
	own := func(rc *rawCode) (string, error) {
		if rc.dataRef == "" {
			return "", nil
		}
		d, ok := data[rc.dataRef]
		if !ok {
			return "", s.errAt(rc.n.off, "unit %s: data reference %q: the unit has no <data id=%q>", u.ID, rc.dataRef, rc.dataRef)
		}
		return d, nil
	}
	// What a copy of each element reads back.
	bases := map[string]base{}
	for _, rc := range all {
		d, err := own(rc)
		if err != nil {
			return nil, err
		}
		key := rc.id
		if rc.pair != nil {
			key = rc.pair.id
		}
		if key == "" {
			continue
		}
		b := bases[key]
		switch rc.kind {
		case document.Standalone:
			b.standalone = d
		case document.Open:
			b.open = d
		case document.Close:
			b.closing = d
		}
		bases[key] = b
	}
	lookup := func(id string) base {
		if sc := srcIDs[id]; sc != nil {
			return sc.base
		}
		return bases[id]
	}
	for _, rc := range all {
		rc.base = bases[rc.id]
		code := &document.Code{Kind: rc.kind, Type: rc.typ, Disp: rc.disp}
		head := rc
		if rc.pair != nil {
			head = rc.pair
		}
		switch {
		case rc.pair != nil && rc.pair.code != nil:
			code.ID = rc.pair.code.ID
		case target && head.copyOf != "":
			code.ID = head.copyOf
		case rc.name == "ec" && rc.id == "":
			code.ID = rc.startRef
		default:
			code.ID = head.id
		}
		d, _ := own(rc)
		if rc.dataRef == "" && rc.copyOf != "" {
			d = lookup(rc.copyOf).data(rc.kind)
		}
		code.Data = d
		rc.code = code
	}
	return ids, nil
}

// content turns resolved runs into a Content.
func content(runs []rawRun) document.Content {
	out := document.Content{}
	for _, r := range runs {
		if r.code == nil {
			out = append(out, document.Run{Text: r.text})
		} else {
			out = append(out, document.Run{Code: r.code.code})
		}
	}
	return out
}
