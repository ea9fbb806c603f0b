package xliff

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Validate checks an XLIFF 2.0 file against the rules of the core
// specification that a schema and its processing requirements state, and
// returns every violation found as a *document.PosError, in file order
// (nil for a valid file). path names the file in the errors.
//
// It checks: the root element, namespace and version; required attributes
// and the values of typed ones (ids are NMTOKENs, yes/no values, dir,
// state, type and subType, xml:space, language tags); which elements and
// attributes may appear where and in which order, extensions included (an
// extension element in a module namespace must be one of the module's
// elements; an inline code takes no extension attribute but those of the fs
// and slr modules); id uniqueness (files, groups and units in a file, notes,
// data, parts and source codes in a unit, codes in a target, ids of
// extension elements); target codes reusing a source id are the same
// element; references (dataRef, copyOf, startRef of ec and em, subFlows,
// comment annotations pointing to a note of the unit); fragment identifier
// syntax in ref; sc/ec pairing and the attributes a pair shares; isolated
// codes; editing hints (canReorder needs
// canCopy and canDelete "no", sequences that must stay together and in
// order, codes that must not be deleted); target order; subState and
// subType needing state and type; <cp> only for characters XML cannot
// carry; skeleton with href or content, not both; trgLang when targets
// exist; xml:lang of sources and targets matching srcLang and trgLang;
// source and target sharing xml:space.
//
// The Translation Candidates module (mtc), which relais writes, is checked
// in full: <mtc:matches> only in a unit, holding <mtc:match> elements only;
// their attributes (ref required and pointing to a segment, ignorable or
// annotation of the unit, type from the module's list, similarity and
// qualities from 0 to 100, subType needing type, no xml:lang); their
// content in order (<mda:metadata>?, <originalData>?, <source>, <target>,
// extensions); and their inline codes by the rules of a unit's, in a scope
// of their own (ids, pairing, target codes reusing source ids, references
// to the match's own <originalData>). Other module elements are checked by
// name only, and other module constraints beyond the fs and slr
// attributes of codes are not checked. Nor is canOverlap: it
// tells modifiers what they may do, and the OASIS samples have pc elements
// enclosing half an sc/ec pair without it.
func Validate(path string, r io.Reader) []error {
	s, err := parse(path, r)
	if err != nil {
		return []error{err}
	}
	v := &validator{src: s}
	v.root(s.root)
	sort.SliceStable(v.errs, func(i, j int) bool { return v.errs[i].off < v.errs[j].off })
	var out []error
	for _, e := range v.errs {
		out = append(out, &document.PosError{Path: path, Pos: s.position(e.off), Err: e.err})
	}
	return out
}

// posErr is a violation at a byte offset, sorted before it is reported.
type posErr struct {
	off int
	err error
}

// validator walks a parsed file and gathers violations.
type validator struct {
	src      *source
	errs     []posErr
	srcLang  string
	trgLang  string
	hasTrg   bool
	fileID   string
	unitIDs  map[string]bool // units of the current file
	groupIDs map[string]bool
}

func (v *validator) report(n *node, format string, args ...any) {
	v.errs = append(v.errs, posErr{off: n.off, err: fmt.Errorf("xliff: <"+n.name.Local+">: "+format, args...)})
}

// Attribute types.
type attrType int

const (
	aAny attrType = iota
	aNMTOKEN
	aNMTOKENS
	aYesNo
	aYesNoFirstNo
	aDir
	aAppliesTo
	aPriority
	aState
	aUserValue
	aCodeType
	aMrkType
	aLang
	aPositive
	aHex
	aSpace
	aVersion
	aSubState
	aPercent   // a decimal from 0 to 100
	aMatchType // the type of an <mtc:match>
)

// Which attributes in other namespaces an element takes.
type others int

const (
	otherNone    others = iota // none
	otherAny                   // any (modules' own checked)
	otherModules               // those of the fs and slr modules only
)

// attrSpec says which attributes an element takes.
type attrSpec struct {
	types    map[string]attrType // by local name; "xml:…" for the xml namespace
	required []string
	others   others
}

// moduleElements returns the names of the elements of a module namespace.
func moduleElements(space string) (names string, module bool) {
	switch space {
	case nsMTC:
		return "matches match", true
	case "urn:oasis:names:tc:xliff:glossary:2.0":
		return "glossary glossEntry term translation definition", true
	case nsMDA:
		return "metadata metaGroup meta", true
	case "urn:oasis:names:tc:xliff:resourcedata:2.0":
		return "resourceData resourceItem resourceItemRef source target reference", true
	case "urn:oasis:names:tc:xliff:changetracking:2.0":
		return "changeTrack revisions revision item", true
	case nsSLR:
		return "profiles normalization data", true
	case "urn:oasis:names:tc:xliff:validation:2.0":
		return "validation rule", true
	case nsFS:
		return "", true
	}
	return "", false
}

const (
	fsAttrs  = "fs subFs"
	slrAttrs = "storageRestriction sizeRestriction equivStorage sizeInfo sizeInfoRef"
	// htmlElements are the values fs:fs takes: the names of HTML elements.
	htmlElements = "a abbr acronym address applet area article aside audio b base basefont bdi bdo " +
		"big blockquote body br button canvas caption center cite code col colgroup command " +
		"datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure " +
		"font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe " +
		"img input ins isindex kbd keygen label legend li link main map mark menu meta meter nav " +
		"noframes noscript object ol optgroup option output p param pre progress q rp rt ruby s " +
		"samp script section select small source span strike strong style sub summary sup table " +
		"tbody td textarea tfoot th thead time title tr track tt u ul var video wbr"
	// fragPrefixes are the fragment identifier prefixes of the core (one
	// letter), of the modules, of ITS and of the TBX extension (which the
	// OASIS test suite registers); any other prefix is unknown.
	fragPrefixes = "f g u n d t mtc gls fs mda res ctr slr val its itsm tbx"
)

// inList reports whether s is one of the space-separated words of list.
func inList(list, s string) bool {
	for _, f := range strings.Fields(list) {
		if f == s {
			return true
		}
	}
	return false
}

// attrs checks the attributes of n.
func (v *validator) attrs(n *node, spec attrSpec) {
	seen := map[string]bool{}
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		key := a.Name.Local
		switch a.Name.Space {
		case "":
		case nsXML:
			key = "xml:" + a.Name.Local
		default:
			v.foreignAttr(n, a, spec.others)
			continue
		}
		typ, ok := spec.types[key]
		if !ok {
			if strings.HasPrefix(key, "xml:") && spec.others == otherAny {
				typ = aAny
				if key == "xml:lang" {
					typ = aLang
				}
			} else {
				v.report(n, "attribute %s is not allowed here", key)
				continue
			}
		}
		seen[key] = true
		v.value(n, key, a.Value, typ)
	}
	for _, r := range spec.required {
		if !seen[r] {
			v.report(n, "the required attribute %s is missing", r)
		}
	}
}

// foreignAttr checks an attribute in another namespace.
func (v *validator) foreignAttr(n *node, a xml.Attr, pol others) {
	ns, local := a.Name.Space, a.Name.Local
	if pol == otherNone || pol == otherModules && ns != nsFS && ns != nsSLR {
		v.report(n, "attribute %s (namespace %q) is not allowed here", local, ns)
		return
	}
	switch ns {
	case nsFS:
		switch {
		case !inList(fsAttrs, local):
			v.report(n, "fs:%s is not an attribute of the format style module", local)
		case local == "fs" && !inList(htmlElements, a.Value):
			v.report(n, "fs:fs=%q is not the name of an HTML element", a.Value)
		case local == "subFs":
			if _, ok := n.attrNS(nsFS, "fs"); !ok {
				v.report(n, "fs:subFs needs fs:fs")
			}
		}
	case nsSLR:
		if !inList(slrAttrs, local) {
			v.report(n, "slr:%s is not an attribute of the size restriction module", local)
		}
	}
}

// attrNS returns the value of an attribute in namespace space.
func (n *node) attrNS(space, local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// value checks the value of an attribute of type typ.
func (v *validator) value(n *node, key, val string, typ attrType) {
	bad := func(want string) { v.report(n, "%s=%q is not %s", key, val, want) }
	c := collapse(val)
	switch typ {
	case aNMTOKEN:
		if !isNMTOKEN(c) {
			bad("an XML NMTOKEN")
		}
	case aNMTOKENS:
		f := strings.FieldsFunc(val, isXMLSpace)
		ok := len(f) > 0
		for _, t := range f {
			ok = ok && isNMTOKEN(t)
		}
		if !ok {
			bad("a list of XML NMTOKENs")
		}
	case aYesNo:
		if val != "yes" && val != "no" {
			bad("yes or no")
		}
	case aYesNoFirstNo:
		if val != "yes" && val != "no" && val != "firstNo" {
			bad("yes, no or firstNo")
		}
	case aDir:
		if val != "ltr" && val != "rtl" && val != "auto" {
			bad("ltr, rtl or auto")
		}
	case aAppliesTo:
		if val != "source" && val != "target" {
			bad("source or target")
		}
	case aPriority:
		if p, err := strconv.Atoi(c); err != nil || p < 1 || p > 10 {
			bad("an integer from 1 to 10")
		}
	case aState:
		if _, err := document.ParseState(val); err != nil {
			bad("initial, translated, reviewed or final")
		}
	case aUserValue:
		if _, _, ok := userValue(val); !ok {
			bad(`of the form "prefix:value"`)
		}
	case aSubState:
		p, rest, ok := strings.Cut(val, ":")
		if !ok || p == "" || rest == "" || strings.ContainsFunc(p, isXMLSpace) {
			bad(`of the form "prefix:value"`)
		}
	case aCodeType:
		if !isXLIFFType(val) {
			bad("fmt, ui, quote, link, image or other")
		}
	case aMrkType:
		if val != "generic" && val != "comment" && val != "term" {
			if _, _, ok := userValue(val); !ok {
				bad(`generic, comment, term or of the form "prefix:value"`)
			}
		}
	case aLang:
		if _, err := language.Parse(c); err != nil {
			bad("a BCP 47 language tag")
		}
	case aPositive:
		if p, err := strconv.Atoi(c); err != nil || p < 1 {
			bad("a positive integer")
		}
	case aHex:
		if _, err := strconv.ParseUint(c, 16, 32); err != nil || len(c)%2 != 0 {
			bad("hexadecimal")
		}
	case aSpace:
		if val != "default" && val != "preserve" {
			bad("default or preserve")
		}
	case aVersion:
		if c != "2.0" && c != "2.1" {
			bad("2.0 (or 2.1)")
		}
	case aPercent:
		if f, err := strconv.ParseFloat(c, 64); !isDecimal(c) || err != nil || f < 0 || f > 100 {
			bad("a decimal from 0 to 100")
		}
	case aMatchType:
		if !inList(matchTypes, val) {
			bad("one of " + matchTypes)
		}
	}
}

// isDecimal reports whether s is an XML Schema decimal: digits with an
// optional sign and decimal point, no exponent.
func isDecimal(s string) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, point := 0, false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

func types(kv ...any) map[string]attrType {
	m := map[string]attrType{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(attrType)
	}
	return m
}

// isCore reports whether n is in the XLIFF 2.0 namespace.
func isCore(n *node) bool { return n.name.Space == ns20 }

// textOnlySpace reports non-blank text directly inside n.
func (v *validator) noText(n *node) {
	for _, it := range n.items {
		if it.el == nil && strings.TrimFunc(it.text, isXMLSpace) != "" {
			v.report(n, "text is not allowed here")
			return
		}
	}
}

// ctx is what a unit inherits.
type ctx struct {
	lang  string // xml:lang in effect
	space string // xml:space in effect
}

func (c ctx) with(n *node) ctx {
	if l, ok := n.xmlAttr("lang"); ok {
		c.lang = collapse(l)
	}
	if s, ok := n.xmlAttr("space"); ok {
		c.space = s
	}
	return c
}

func (v *validator) root(n *node) {
	if !n.is(ns20, "xliff") {
		v.report(n, "the root element must be <xliff> in namespace %s", ns20)
		return
	}
	v.attrs(n, attrSpec{
		types:    types("version", aVersion, "srcLang", aLang, "trgLang", aLang, "xml:space", aSpace),
		required: []string{"version", "srcLang"},
		others:   otherAny,
	})
	v.srcLang = collapse(n.get("srcLang"))
	v.trgLang, v.hasTrg = n.attr("trgLang")
	v.trgLang = collapse(v.trgLang)
	v.noText(n)
	c := ctx{space: "default"}.with(n)
	files := map[string]bool{}
	for _, f := range v.only(n, "file", "be children of <xliff>") {
		id := collapse(f.get("id"))
		if id != "" && files[id] {
			v.report(f, "file id %q is used twice", id)
		}
		files[id] = true
		v.file(f, c.with(f))
	}
}

// only returns the children of n named name, after reporting every other
// element (where says where they may not be: "be in <notes>") and n
// without any.
func (v *validator) only(n *node, name, where string) []*node {
	var out []*node
	for _, e := range n.elems() {
		if !e.is(ns20, name) {
			v.report(e, "only <%s> elements may %s", name, where)
			continue
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		v.report(n, "<%s> needs at least one <%s>", n.name.Local, name)
	}
	return out
}

// container stages: what may still come in a file, group or unit.
const (
	stStart = iota
	stSkeleton
	stExt
	stNotes
	stData
	stBody
)

func (v *validator) file(n *node, c ctx) {
	v.attrs(n, attrSpec{
		types: types("id", aNMTOKEN, "canResegment", aYesNo, "original", aAny, "translate", aYesNo,
			"srcDir", aDir, "trgDir", aDir, "xml:space", aSpace),
		required: []string{"id"},
		others:   otherAny,
	})
	v.noText(n)
	v.fileID = collapse(n.get("id"))
	v.unitIDs, v.groupIDs = map[string]bool{}, map[string]bool{}
	// Unit ids first: subFlows may point forward.
	var collect func(*node)
	collect = func(p *node) {
		for _, e := range p.elems() {
			switch {
			case e.is(ns20, "unit"):
				id := collapse(e.get("id"))
				if v.unitIDs[id] {
					v.report(e, "unit id %q is used twice in the file", id)
				}
				v.unitIDs[id] = true
			case e.is(ns20, "group"):
				id := collapse(e.get("id"))
				if id != "" && v.groupIDs[id] {
					v.report(e, "group id %q is used twice in the file", id)
				}
				v.groupIDs[id] = true
				collect(e)
			}
		}
	}
	collect(n)
	stage, body := stStart, 0
	for _, e := range n.elems() {
		if v.head(e, &stage, "units and groups", false) {
			continue
		}
		switch {
		case e.is(ns20, "skeleton"):
			if stage > stStart {
				v.report(e, "<skeleton> must come first in <file>")
			}
			stage = stSkeleton
			v.skeleton(e)
		case e.is(ns20, "unit"), e.is(ns20, "group"):
			stage, body = stBody, body+1
			if e.name.Local == "unit" {
				v.unit(e, c.with(e))
			} else {
				v.group(e, c.with(e))
			}
		default:
			v.report(e, "not allowed in <file>")
		}
	}
	if body == 0 {
		v.report(n, "<file> needs at least one <unit> or <group>")
	}
	v.extIDs(n)
}

func (v *validator) skeleton(n *node) {
	v.attrs(n, attrSpec{types: types("href", aAny)})
	for _, e := range n.elems() {
		if isCore(e) {
			v.report(e, "XLIFF elements are not allowed in <skeleton>")
		}
	}
	_, href := n.attr("href")
	switch {
	case href && len(n.items) > 0:
		v.report(n, "a skeleton with href must be empty")
	case !href && len(n.items) == 0:
		v.report(n, "an empty skeleton needs href")
	}
}

func (v *validator) group(n *node, c ctx) {
	v.attrs(n, attrSpec{
		types: types("id", aNMTOKEN, "name", aAny, "canResegment", aYesNo, "translate", aYesNo,
			"srcDir", aDir, "trgDir", aDir, "type", aUserValue, "xml:space", aSpace),
		required: []string{"id"},
		others:   otherAny,
	})
	v.noText(n)
	stage := stStart
	for _, e := range n.elems() {
		if v.head(e, &stage, "units and groups", false) {
			continue
		}
		switch {
		case e.is(ns20, "unit"):
			stage = stBody
			v.unit(e, c.with(e))
		case e.is(ns20, "group"):
			stage = stBody
			v.group(e, c.with(e))
		default:
			v.report(e, "not allowed in <group>")
		}
	}
	v.extIDs(n)
}

// head checks e when it is one of what leads the children of a file, group
// or unit (inUnit): extension elements, then <notes>, both before rest. It
// moves stage on and reports whether e was one of them.
func (v *validator) head(e *node, stage *int, rest string, inUnit bool) bool {
	switch {
	case !isCore(e):
		if *stage > stExt {
			v.report(e, "an extension element must come before <notes>, %s", rest)
		}
		*stage = max(*stage, stExt)
		v.extension(e, inUnit)
	case e.is(ns20, "notes"):
		if *stage > stExt {
			v.report(e, "<notes> must come before %s", rest)
		}
		*stage = max(*stage, stNotes)
		v.notes(e)
	default:
		return false
	}
	return true
}

func (v *validator) notes(n *node) {
	v.attrs(n, attrSpec{})
	v.noText(n)
	ids := map[string]bool{}
	for _, e := range v.only(n, "note", "be in <notes>") {
		v.attrs(e, attrSpec{
			types:  types("id", aNMTOKEN, "appliesTo", aAppliesTo, "category", aAny, "priority", aPriority),
			others: otherAny,
		})
		for _, x := range e.elems() {
			v.report(x, "elements are not allowed in <note>")
		}
		if id, ok := e.attr("id"); ok {
			id = collapse(id)
			if ids[id] {
				v.report(e, "note id %q is used twice in <notes>", id)
			}
			ids[id] = true
		}
	}
}

// extension checks an element of another namespace: a module's must be one
// of its elements. Its content is not checked further, but for
// <mtc:matches>: directly in a unit (inUnit), it is checked with the unit
// (see matches); elsewhere it is misplaced, as is an <mtc:match> outside
// one.
func (v *validator) extension(n *node, inUnit bool) {
	names, module := moduleElements(n.name.Space)
	switch {
	case module && !inList(names, n.name.Local):
		v.report(n, "not an element of module %s", n.name.Space)
	case n.is(nsMTC, "matches") && inUnit:
		return
	case n.is(nsMTC, "matches"):
		v.report(n, "<mtc:matches> is only allowed in <unit>")
	case n.is(nsMTC, "match"):
		v.report(n, "<mtc:match> is only allowed in <mtc:matches>")
	}
	for _, e := range n.elems() {
		if !isCore(e) {
			v.extension(e, false)
		}
	}
}

// extIDs checks that the extension elements directly in a file, group or
// unit do not share an id (id or xml:id).
func (v *validator) extIDs(n *node) {
	ids := map[string]bool{}
	var walk func(*node)
	walk = func(p *node) {
		for _, e := range p.elems() {
			if isCore(e) {
				continue
			}
			for _, key := range []string{"", nsXML} {
				if id, ok := e.attrNS(key, "id"); ok {
					id = collapse(id)
					if ids[id] {
						v.report(e, "id %q is used by another extension element here", id)
					}
					ids[id] = true
				}
			}
			walk(e)
		}
	}
	walk(n)
}

// code is an inline element of a unit, gathered for the unit's checks.
type code struct {
	n    *node
	part int   // index of its segment or ignorable
	pair *code // an sc's ec, an ec's sc
}

func (cd *code) name() string { return cd.n.name.Local }

func (cd *code) id() string { return collapse(cd.n.get("id")) }

func (cd *code) isolated() bool { return collapse(cd.n.get("isolated")) == "yes" }

// hint returns an editing hint with its default.
func (cd *code) hint(name string) string {
	if h, ok := cd.n.attr(name); ok {
		return h
	}
	return "yes"
}

// unitState is what the checks of one unit gather, or those of one
// <mtc:match>, whose codes and data have a scope of their own.
type unitState struct {
	n       *node
	id      string // the unit's id
	notes   map[string]bool
	data    map[string]bool
	parts   []*node
	targets []*node // per part, nil without target
	codes   [2][]*code
	tags    [2][]tagRef         // code starts and ends in document order, per side
	ids     [2]map[string]*code // by id, per side
}

func (v *validator) unit(n *node, c ctx) {
	v.attrs(n, attrSpec{
		types: types("id", aNMTOKEN, "name", aAny, "canResegment", aYesNo, "translate", aYesNo,
			"srcDir", aDir, "trgDir", aDir, "xml:space", aSpace, "type", aUserValue),
		required: []string{"id"},
		others:   otherAny,
	})
	v.noText(n)
	u := &unitState{n: n, id: collapse(n.get("id")), notes: map[string]bool{}, data: map[string]bool{}}
	u.ids = [2]map[string]*code{{}, {}}
	stage, segments := stStart, 0
	partIDs := map[string]bool{}
	var matches []*node
	for _, e := range n.elems() {
		if v.head(e, &stage, "<originalData> and the segments", true) {
			if e.is(nsMTC, "matches") {
				matches = append(matches, e)
			}
			if e.is(ns20, "notes") {
				for _, note := range e.elems() {
					if id, ok := note.attr("id"); ok {
						u.notes[collapse(id)] = true
					}
				}
			}
			continue
		}
		switch {
		case e.is(ns20, "originalData"):
			if stage > stNotes {
				v.report(e, "<originalData> must come before the segments")
			}
			stage = max(stage, stData)
			v.originalData(e, u)
		case e.is(ns20, "segment"), e.is(ns20, "ignorable"):
			stage = stBody
			if e.name.Local == "segment" {
				segments++
			}
			if id, ok := e.attr("id"); ok {
				id = collapse(id)
				if partIDs[id] {
					v.report(e, "id %q is used by another segment or ignorable of the unit", id)
				}
				partIDs[id] = true
			}
			v.part(e, u, c)
		default:
			v.report(e, "not allowed in <unit>")
		}
	}
	if segments == 0 {
		v.report(n, "<unit> needs at least one <segment>")
	}
	v.extIDs(n)
	v.unitCodes(u, partIDs)
	for _, m := range matches {
		v.matches(m, u, partIDs, c)
	}
}

func (v *validator) originalData(n *node, u *unitState) {
	v.attrs(n, attrSpec{})
	v.noText(n)
	for _, d := range v.only(n, "data", "be in <originalData>") {
		v.attrs(d, attrSpec{
			types:    types("id", aNMTOKEN, "dir", aDir, "xml:space", aSpace),
			required: []string{"id"},
		})
		if sp, ok := d.xmlAttr("space"); ok && sp != "preserve" {
			v.report(d, `xml:space is fixed to "preserve" on <data>`)
		}
		id := collapse(d.get("id"))
		if u.data[id] {
			v.report(d, "data id %q is used twice in the unit", id)
		}
		u.data[id] = true
		for _, e := range d.elems() {
			if !e.is(ns20, "cp") {
				v.report(e, "only text and <cp> may be in <data>")
				continue
			}
			v.cp(e)
		}
	}
}

func (v *validator) part(n *node, u *unitState, c ctx) {
	seg := n.name.Local == "segment"
	if seg {
		v.attrs(n, attrSpec{types: types("id", aNMTOKEN, "canResegment", aYesNo, "state", aState, "subState", aSubState)})
		if _, ok := n.attr("subState"); ok {
			if _, ok := n.attr("state"); !ok {
				v.report(n, "subState needs state")
			}
		}
	} else {
		v.attrs(n, attrSpec{types: types("id", aNMTOKEN)})
	}
	v.noText(n)
	idx := len(u.parts)
	u.parts = append(u.parts, n)
	u.targets = append(u.targets, nil)
	var src, trg *node
	for i, e := range n.elems() {
		switch {
		case e.is(ns20, "source") && i == 0:
			src = e
		case e.is(ns20, "target") && i == 1 && src != nil:
			trg = e
		default:
			v.report(e, "<%s> holds one <source> and an optional <target>, in that order", n.name.Local)
		}
	}
	if src == nil {
		v.report(n, "<source> is missing")
		return
	}
	v.sourceTarget(src, trg, u, idx, c, false)
}

// sourceTarget checks the <source> and optional <target> (nil for none)
// of part idx of u, in context c, and gathers their codes. With reference
// set (an <mtc:match reference="yes">), the target may be in another
// language than trgLang.
func (v *validator) sourceTarget(src, trg *node, u *unitState, idx int, c ctx, reference bool) {
	sc := c.with(src)
	v.attrs(src, attrSpec{types: types("xml:lang", aLang, "xml:space", aSpace)})
	if sc.lang != "" && !langMatches(sc.lang, v.srcLang) {
		v.report(src, "xml:lang %q (explicit or inherited) is not srcLang %q", sc.lang, v.srcLang)
	}
	v.inline(src, u, idx, false)
	if trg == nil {
		return
	}
	u.targets[idx] = trg
	tc := c.with(trg)
	v.attrs(trg, attrSpec{types: types("xml:lang", aLang, "xml:space", aSpace, "order", aPositive)})
	switch {
	case !v.hasTrg && !reference:
		v.report(trg, "a <target> needs trgLang on <xliff>")
	case tc.lang != "" && !reference && !langMatches(tc.lang, v.trgLang):
		v.report(trg, "xml:lang %q (explicit or inherited) is not trgLang %q", tc.lang, v.trgLang)
	}
	if sc.space != tc.space {
		v.report(trg, "xml:space %q differs from its source's %q", tc.space, sc.space)
	}
	v.inline(trg, u, idx, true)
}

// matches checks an <mtc:matches> of unit u (Translation Candidates
// module), after the unit's own content: it holds <mtc:match> elements
// only, at least one.
func (v *validator) matches(n *node, u *unitState, partIDs map[string]bool, c ctx) {
	v.attrs(n, attrSpec{others: otherAny})
	v.noText(n)
	found := false
	for _, e := range n.elems() {
		if !e.is(nsMTC, "match") {
			v.report(e, "only <mtc:match> elements may be in <mtc:matches>")
			continue
		}
		found = true
		v.match(e, u, partIDs, c)
	}
	if !found {
		v.report(n, "<mtc:matches> needs at least one <mtc:match>")
	}
}

// match checks an <mtc:match> of unit u: its attributes (no xml:lang;
// subType needs type), its ref pointing to a span of text of the unit,
// its content in the module's order (<mda:metadata>?, <originalData>?,
// <source>, <target>, extension elements), and its inline codes as a
// unit's, in a scope of their own: ids unique in the match, target codes
// reusing the ids of the match's source codes, data references to the
// match's own <originalData>.
func (v *validator) match(n *node, u *unitState, partIDs map[string]bool, c ctx) {
	v.attrs(n, attrSpec{
		types: types("id", aNMTOKEN, "matchQuality", aPercent, "matchSuitability", aPercent, "origin", aAny,
			"ref", aAny, "reference", aYesNo, "similarity", aPercent, "subType", aUserValue, "type", aMatchType),
		required: []string{"ref"},
		others:   otherAny,
	})
	if _, ok := n.xmlAttr("lang"); ok {
		v.report(n, "xml:lang is not allowed on <mtc:match>")
	}
	if _, ok := n.attr("subType"); ok {
		if _, ok := n.attr("type"); !ok {
			v.report(n, "subType needs type")
		}
	}
	if ref, ok := n.attr("ref"); ok {
		v.matchRef(n, collapse(ref), u, partIDs)
	}
	v.noText(n)
	m := &unitState{n: n, id: u.id, notes: u.notes, data: map[string]bool{}, ids: [2]map[string]*code{{}, {}}}
	var src, trg *node
	const (
		mStart = iota
		mMetadata
		mData
		mSource
		mTarget
	)
	stage := mStart
	for _, e := range n.elems() {
		switch {
		case e.is(nsMDA, "metadata") && stage == mStart:
			stage = mMetadata
			v.extension(e, false)
		case !isCore(e):
			if stage < mTarget {
				v.report(e, "an extension element of <mtc:match> must come after its <target>")
			}
			v.extension(e, false)
		case e.is(ns20, "originalData") && stage < mData:
			stage = mData
			v.originalData(e, m)
		case e.is(ns20, "source") && stage < mSource:
			stage, src = mSource, e
		case e.is(ns20, "target") && stage == mSource:
			stage, trg = mTarget, e
		default:
			v.report(e, "<mtc:match> holds an optional <mda:metadata> and <originalData>, then one <source> and one <target>, in that order")
		}
	}
	if src == nil || trg == nil {
		v.report(n, "<mtc:match> needs a <source> and a <target>")
		if src == nil {
			return
		}
	}
	m.parts, m.targets = []*node{n}, []*node{nil}
	v.sourceTarget(src, trg, m, 0, c.with(n), n.get("reference") == "yes")
	v.unitCodes(m, map[string]bool{})
}

// matchRef checks the ref of an <mtc:match> of unit u: a fragment
// identifier ("#…", or a path through the unit's file and the unit) that
// points to a span of text of the unit: a segment or an ignorable, an
// annotation (<mrk>, <sm>) or a <pc> of a source by its id, or one of a
// target by "t=" and its id.
func (v *validator) matchRef(n *node, ref string, u *unitState, partIDs map[string]bool) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		v.report(n, "ref %q is not a fragment identifier (#ID) pointing into the unit", ref)
		return
	}
	if err := checkFragment(frag); err != nil {
		v.report(n, "ref %q: %v", ref, err)
		return
	}
	sels := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	leaf := sels[len(sels)-1]
	ok = len(sels) == 1 || strings.HasPrefix(sels[len(sels)-2], "u=")
	for _, sel := range sels[:len(sels)-1] {
		p, id, _ := strings.Cut(sel, "=")
		ok = ok && (p != "f" || id == v.fileID) && (p != "u" || id == u.id)
	}
	span := func(cd *code) bool {
		return cd != nil && (cd.name() == "mrk" || cd.name() == "sm" || cd.name() == "pc")
	}
	switch p, id, sel := strings.Cut(leaf, "="); {
	case !sel:
		ok = ok && (partIDs[leaf] || span(u.ids[0][leaf]))
	case p == "t":
		ok = ok && span(u.ids[1][id])
	default:
		ok = false
	}
	if !ok {
		v.report(n, "ref %q does not point to a segment, an ignorable or an annotation of its unit", ref)
	}
}

// langMatches reports whether lang is tag or a subtag of it, as XPath lang() tests.
func langMatches(lang, tag string) bool {
	lang, tag = strings.ToLower(lang), strings.ToLower(tag)
	return lang == tag || strings.HasPrefix(lang, tag+"-")
}

func (v *validator) cp(n *node) {
	v.attrs(n, attrSpec{types: types("hex", aHex), required: []string{"hex"}})
	for range n.items {
		v.report(n, "<cp> must be empty")
		break
	}
	h := collapse(n.get("hex"))
	if r, err := strconv.ParseUint(h, 16, 32); err == nil && (r > 0x10FFFF || isXMLChar(rune(r))) {
		v.report(n, "<cp hex=%q> is for characters XML cannot carry; write U+%04X as text", h, r)
	}
}

// codeAttrs returns the attributes of an inline element.
func codeAttrs(name string) (map[string]attrType, bool) {
	switch name {
	case "ph":
		return types("canCopy", aYesNo, "canDelete", aYesNo, "canReorder", aYesNoFirstNo, "copyOf", aNMTOKEN,
			"disp", aAny, "equiv", aAny, "id", aNMTOKEN, "dataRef", aNMTOKEN, "subFlows", aNMTOKENS,
			"subType", aUserValue, "type", aCodeType), true
	case "pc":
		return types("canCopy", aYesNo, "canDelete", aYesNo, "canOverlap", aYesNo, "canReorder", aYesNoFirstNo,
			"copyOf", aNMTOKEN, "dispEnd", aAny, "dispStart", aAny, "equivEnd", aAny, "equivStart", aAny,
			"id", aNMTOKEN, "dataRefEnd", aNMTOKEN, "dataRefStart", aNMTOKEN, "subFlowsEnd", aNMTOKENS,
			"subFlowsStart", aNMTOKENS, "subType", aUserValue, "type", aCodeType, "dir", aDir), true
	case "sc":
		return types("canCopy", aYesNo, "canDelete", aYesNo, "canOverlap", aYesNo, "canReorder", aYesNoFirstNo,
			"copyOf", aNMTOKEN, "dataRef", aNMTOKEN, "dir", aDir, "disp", aAny, "equiv", aAny, "id", aNMTOKEN,
			"isolated", aYesNo, "subFlows", aNMTOKENS, "subType", aUserValue, "type", aCodeType), true
	case "ec":
		return types("canCopy", aYesNo, "canDelete", aYesNo, "canOverlap", aYesNo, "canReorder", aYesNoFirstNo,
			"copyOf", aNMTOKEN, "dataRef", aNMTOKEN, "dir", aDir, "disp", aAny, "equiv", aAny, "id", aNMTOKEN,
			"isolated", aYesNo, "startRef", aNMTOKEN, "subFlows", aNMTOKENS, "subType", aUserValue, "type", aCodeType), true
	case "mrk":
		return types("id", aNMTOKEN, "translate", aYesNo, "type", aMrkType, "ref", aAny, "value", aAny), true
	case "sm":
		return types("id", aNMTOKEN, "translate", aYesNo, "type", aMrkType, "ref", aAny, "value", aAny), true
	case "em":
		return types("startRef", aNMTOKEN), true
	}
	return nil, false
}

// inline checks the content of a source, target, pc or mrk and gathers its
// codes.
func (v *validator) inline(n *node, u *unitState, part int, target bool) {
	side := 0
	if target {
		side = 1
	}
	for _, e := range n.elems() {
		if !isCore(e) {
			v.report(e, "only XLIFF inline elements may be in <%s>", n.name.Local)
			continue
		}
		name := e.name.Local
		if name == "cp" {
			v.cp(e)
			continue
		}
		spec, ok := codeAttrs(name)
		if !ok {
			v.report(e, "not an inline element: not allowed in <%s>", n.name.Local)
			continue
		}
		pol := otherModules
		if name == "mrk" || name == "sm" {
			pol = otherAny
		} else if name == "em" {
			pol = otherNone
		}
		req := []string{"id"}
		switch name {
		case "ec":
			req = nil
		case "em":
			req = []string{"startRef"}
		}
		v.attrs(e, attrSpec{types: spec, required: req, others: pol})
		cd := &code{n: e, part: part}
		u.codes[side] = append(u.codes[side], cd)
		if name == "ph" || name == "pc" || name == "sc" || name == "ec" {
			u.tags[side] = append(u.tags[side], tagRef{cd: cd})
		}
		if name == "pc" || name == "mrk" {
			v.inline(e, u, part, target)
			if name == "pc" {
				u.tags[side] = append(u.tags[side], tagRef{cd: cd, end: true})
			}
		} else if len(e.items) > 0 {
			v.report(e, "<%s> must be empty", name)
		}
	}
}

// unitCodes runs the checks that look at all the codes of a unit.
func (v *validator) unitCodes(u *unitState, partIDs map[string]bool) {
	// Ids: source codes share the unit's part ids' space; target codes reuse
	// the id of the same source element or have their own.
	for side, codes := range u.codes {
		for _, cd := range codes {
			id, ok := cd.n.attr("id")
			if !ok {
				continue
			}
			id = collapse(id)
			switch {
			case u.ids[side][id] != nil:
				v.report(cd.n, "id %q is used twice in the %s of the unit", id, [2]string{"source", "target"}[side])
			case partIDs[id]:
				v.report(cd.n, "id %q is also the id of a segment or ignorable of the unit", id)
			case side == 1 && u.ids[0][id] != nil && u.ids[0][id].name() != cd.name():
				v.report(cd.n, "id %q names a <%s> in the source: a target code with a source code's id must be the same element", id, u.ids[0][id].name())
			}
			if u.ids[side][id] == nil {
				u.ids[side][id] = cd
			}
		}
	}
	for side, codes := range u.codes {
		v.pairs(u, side, codes)
		for _, cd := range codes {
			v.codeRefs(u, cd)
		}
	}
	v.reorder(u)
	v.order(u)
	// Codes that must not be deleted.
	targetIDs := map[string]bool{}
	for _, cd := range u.codes[1] {
		targetIDs[cd.id()] = true
		if cd.name() == "ec" && cd.pair != nil {
			targetIDs[cd.pair.id()] = true
		}
	}
	for _, cd := range u.codes[0] {
		if cd.n.get("canDelete") != "no" || u.targets[cd.part] == nil || cd.name() == "ec" && !cd.isolated() {
			continue
		}
		if !targetIDs[cd.id()] {
			v.report(cd.n, "code %q has canDelete=\"no\" but no target of the unit has it", cd.id())
		}
	}
}

// pairs matches sc with ec and sm with em on one side of a unit.
func (v *validator) pairs(u *unitState, side int, codes []*code) {
	open := map[string]*code{} // sc waiting for their ec, by id
	marks := map[string]bool{}
	for _, cd := range codes {
		switch cd.name() {
		case "sc":
			if !cd.isolated() {
				open[cd.id()] = cd
			}
		case "sm":
			marks[cd.id()] = true
		case "em":
			if ref := collapse(cd.n.get("startRef")); !marks[ref] {
				v.report(cd.n, "startRef %q: no <sm> with that id comes before in the unit", ref)
			}
		case "ec":
			_, hasID := cd.n.attr("id")
			ref, hasRef := cd.n.attr("startRef")
			ref = collapse(ref)
			if cd.isolated() {
				if !hasID || hasRef {
					v.report(cd.n, "an isolated <ec> has an id and no startRef")
				}
				if hasRef {
					if sc := u.ids[side][ref]; sc != nil && sc.name() == "sc" {
						v.report(cd.n, "isolated, but its <sc> is in the unit")
					}
				}
				continue
			}
			if hasID || !hasRef {
				v.report(cd.n, `an <ec> that is not isolated has a startRef and no id (isolated="yes" otherwise)`)
			}
			if _, ok := cd.n.attr("dir"); ok {
				v.report(cd.n, "dir is only allowed on an isolated <ec>")
			}
			for _, a := range cd.n.attrs {
				if a.Name.Space == nsFS || a.Name.Space == nsSLR {
					v.report(cd.n, "%s is only allowed on an isolated <ec>", a.Name.Local)
				}
			}
			sc := open[ref]
			if sc == nil {
				if other := u.ids[side][ref]; other != nil && other.name() == "sc" && other.isolated() {
					v.report(cd.n, "startRef %q names an isolated <sc>: the pair is in the unit, so neither is isolated", ref)
				} else if hasRef {
					v.report(cd.n, "startRef %q: no <sc> with that id comes before in the unit", ref)
				}
				continue
			}
			delete(open, ref)
			sc.pair, cd.pair = cd, sc
			for _, h := range []string{"canCopy", "canDelete", "canOverlap"} {
				if sc.hint(h) != cd.hint(h) {
					v.report(cd.n, "%s differs from its <sc>'s", h)
				}
			}
			switch r := sc.hint("canReorder"); {
			case r == "firstNo" && cd.hint("canReorder") != "no":
				v.report(cd.n, `canReorder must be "no": its <sc> has "firstNo"`)
			case r != "firstNo" && cd.hint("canReorder") != r:
				v.report(cd.n, "canReorder differs from its <sc>'s")
			}
			for _, a := range []string{"type", "subType", "copyOf"} {
				if sc.n.get(a) != cd.n.get(a) {
					v.report(cd.n, "%s differs from its <sc>'s", a)
				}
			}
		}
	}
	for _, sc := range codes {
		if sc.name() == "sc" && !sc.isolated() && sc.pair == nil {
			v.report(sc.n, `no <ec> closes it in the unit: an <sc> without one is isolated="yes"`)
		}
	}
}

// codeRefs checks the references and typed attributes of one code.
func (v *validator) codeRefs(u *unitState, cd *code) {
	n := cd.n
	for _, a := range []string{"dataRef", "dataRefStart", "dataRefEnd"} {
		if ref, ok := n.attr(a); ok && !u.data[collapse(ref)] {
			v.report(n, "%s %q: the unit has no <data> with that id", a, collapse(ref))
		}
	}
	if cp, ok := n.attr("copyOf"); ok {
		cp = collapse(cp)
		base := u.ids[0][cp]
		if base == nil {
			base = u.ids[1][cp]
		}
		switch {
		case base == nil:
			v.report(n, "copyOf %q: no code of the unit has that id", cp)
		case base.n.get("canCopy") == "no":
			v.report(n, "copyOf %q: that code has canCopy=\"no\"", cp)
		}
		for _, a := range []string{"dataRef", "dataRefStart", "dataRefEnd"} {
			if _, ok := n.attr(a); ok {
				v.report(n, "a copy (copyOf) takes its original data from its base: %s is not allowed", a)
			}
		}
	}
	sub, hasSub := n.attr("subType")
	typ, hasType := n.attr("type")
	if hasSub && cd.name() != "mrk" && cd.name() != "sm" {
		switch {
		case !hasType:
			v.report(n, "subType needs type")
		case strings.HasPrefix(sub, "xlf:"):
			want := map[string]string{"xlf:lb": "fmt", "xlf:pb": "fmt", "xlf:b": "fmt", "xlf:i": "fmt", "xlf:u": "fmt", "xlf:var": "ui"}[sub]
			if want == "" {
				v.report(n, "subType %q is not one the specification defines", sub)
			} else if typ != want {
				v.report(n, "subType %q needs type %q", sub, want)
			}
		}
	}
	if r := n.get("canReorder"); r == "no" || r == "firstNo" {
		if n.get("canCopy") != "no" || n.get("canDelete") != "no" {
			v.report(n, "canReorder=%q needs canCopy=\"no\" and canDelete=\"no\"", r)
		}
	}
	for _, a := range []string{"subFlows", "subFlowsStart", "subFlowsEnd"} {
		for _, id := range strings.FieldsFunc(n.get(a), isXMLSpace) {
			if !v.unitIDs[id] {
				v.report(n, "%s: the file has no unit %q", a, id)
			}
		}
	}
	if cd.name() == "mrk" || cd.name() == "sm" {
		v.annotation(u, cd)
	}
}

// annotation checks a <mrk> or <sm>: translate annotations need translate,
// comment annotations a value or a ref to a note of the unit, refs a
// well-formed fragment identifier.
func (v *validator) annotation(u *unitState, cd *code) {
	n := cd.n
	typ, hasType := n.attr("type")
	ref, hasRef := n.attr("ref")
	_, hasValue := n.attr("value")
	if _, ok := n.attr("translate"); !ok && (!hasType || typ == "generic") {
		v.report(n, "a translate annotation (type generic) needs translate")
	}
	if hasRef {
		if _, frag, ok := strings.Cut(ref, "#"); ok {
			if err := checkFragment(frag); err != nil {
				v.report(n, "ref %q: %v", ref, err)
			}
		}
	}
	if typ != "comment" {
		return
	}
	switch {
	case hasRef == hasValue:
		v.report(n, "a comment annotation has either value or ref")
	case hasRef && !v.noteRef(u, ref):
		v.report(n, "ref %q: a comment annotation points to a <note> of its unit (#n=ID)", ref)
	}
}

// noteRef reports whether ref points to a note of the unit.
func (v *validator) noteRef(u *unitState, ref string) bool {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return false
	}
	frag = strings.TrimPrefix(frag, "/")
	parts := strings.Split(frag, "/")
	last := parts[len(parts)-1]
	id, ok := strings.CutPrefix(last, "n=")
	if !ok || !u.notes[id] {
		return false
	}
	switch len(parts) {
	case 1:
		return true
	case 3:
		return parts[0] == "f="+v.fileID && parts[1] == "u="+u.id
	}
	return false
}

// checkFragment checks the syntax of an XLIFF fragment identifier: optional
// "/", then "f=", "g=" or "u=" selectors in that order, each once, then at
// most one leaf: "n=", "d=", "t=", a module prefix or a bare id.
func checkFragment(frag string) error {
	abs := strings.HasPrefix(frag, "/")
	frag = strings.TrimPrefix(frag, "/")
	if frag == "" {
		return fmt.Errorf("empty fragment identifier")
	}
	level := 0 // 1 after f, 2 after g, 3 after u, 4 after a leaf
	for i, seg := range strings.Split(frag, "/") {
		prefix, id, hasPrefix := strings.Cut(seg, "=")
		if !hasPrefix {
			id, prefix = prefix, ""
		}
		if !isNMTOKEN(id) {
			return fmt.Errorf("%q is not an id", id)
		}
		if level == 4 {
			return fmt.Errorf("%q follows a leaf selector", seg)
		}
		if hasPrefix {
			if !isNMTOKEN(prefix) || strings.ContainsAny(prefix, ":") {
				return fmt.Errorf("prefix %q is not an NMTOKEN", prefix)
			}
			if len(prefix) == 1 && !inList("f g u n d t", prefix) {
				return fmt.Errorf("prefix %q is not an XLIFF selector (one-letter prefixes are the core's)", prefix)
			}
			if !inList(fragPrefixes, prefix) {
				return fmt.Errorf("prefix %q is not registered", prefix)
			}
		}
		if abs && i == 0 && prefix != "f" {
			return fmt.Errorf("an absolute fragment identifier starts with f=")
		}
		next := 4
		switch prefix {
		case "f":
			next = 1
		case "g":
			next = 2
		case "u":
			next = 3
		}
		if next <= level {
			return fmt.Errorf("%q is out of order or repeated", seg)
		}
		level = next
	}
	return nil
}

// tagRef is the start or the end of a code in a side's tag stream.
type tagRef struct {
	cd  *code
	end bool
}

// key names a tag across sides: the code's id (its sc's for a paired ec)
// and whether it is an end.
func (t tagRef) key() [2]string {
	id := t.cd.id()
	if t.cd.name() == "ec" && t.cd.pair != nil {
		id = t.cd.pair.id()
	}
	return [2]string{id, strconv.FormatBool(t.end || t.cd.name() == "ec")}
}

// reorder checks canReorder sequences: a "no" code follows a "firstNo" or
// "no" code, and the targets keep the tags of a sequence together and in
// the source's order.
func (v *validator) reorder(u *unitState) {
	hint := func(t tagRef) string {
		cd := t.cd
		if cd.name() == "ec" && cd.pair != nil {
			cd = cd.pair
		}
		return cd.n.get("canReorder")
	}
	var seqs [][]tagRef
	var cur []tagRef
	in := map[*code]bool{}
	flush := func() {
		if len(cur) > 1 {
			seqs = append(seqs, cur)
		}
		cur, in = nil, map[*code]bool{}
	}
	for _, t := range u.tags[0] {
		start := !t.end && !(t.cd.name() == "ec" && t.cd.pair != nil)
		owner := t.cd
		if t.cd.name() == "ec" && t.cd.pair != nil {
			owner = t.cd.pair
		}
		switch h := hint(t); {
		case start && h == "firstNo":
			flush()
			cur, in[owner] = []tagRef{t}, true
		case start && h == "no":
			if cur == nil {
				v.report(t.cd.n, `canReorder="no" must follow a code with canReorder "firstNo" or "no"`)
				continue
			}
			cur, in[owner] = append(cur, t), true
		case !start && in[owner]:
			cur = append(cur, t)
		default:
			flush()
		}
	}
	flush()
	if len(seqs) == 0 {
		return
	}
	var trg [][2]string
	for _, p := range targetOrder(u) {
		for _, t := range u.tags[1] {
			if t.cd.part == p {
				trg = append(trg, t.key())
			}
		}
	}
	for _, seq := range seqs {
		pos := make([]int, 0, len(seq))
		for _, t := range seq {
			for i, k := range trg {
				if k == t.key() {
					pos = append(pos, i)
					break
				}
			}
		}
		if len(pos) != len(seq) {
			continue // a deleted code: the canDelete check reports it
		}
		for i := 1; i < len(pos); i++ {
			if pos[i] != pos[i-1]+1 {
				v.report(u.n, "the codes %s cannot be reordered but the targets do not keep them together and in order", seqIDs(seq))
				break
			}
		}
	}
}

func seqIDs(seq []tagRef) string {
	var ids []string
	for _, t := range seq {
		if k := t.key(); k[1] == "false" {
			ids = append(ids, strconv.Quote(k[0]))
		}
	}
	return strings.Join(ids, ", ")
}

// targetOrder returns the part indexes in the order their targets are
// displayed (order attribute, else their own position).
func targetOrder(u *unitState) []int {
	type po struct{ part, order int }
	var l []po
	for i, t := range u.targets {
		if t == nil {
			continue
		}
		o := i + 1
		if s, ok := t.attr("order"); ok {
			if n, err := strconv.Atoi(collapse(s)); err == nil {
				o = n
			}
		}
		l = append(l, po{i, o})
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].order < l[j].order })
	out := make([]int, len(l))
	for i, x := range l {
		out[i] = x.part
	}
	return out
}

// order checks target order values: from 1 to the number of parts, unique
// with the implicit order of the targets without one, and each explicit
// order matched by a target standing at that position.
func (v *validator) order(u *unitState) {
	n := len(u.parts)
	used := map[int]*node{}
	explicit := map[int]bool{}
	for i, t := range u.targets {
		if t == nil {
			continue
		}
		o := i + 1
		if s, ok := t.attr("order"); ok {
			k, err := strconv.Atoi(collapse(s))
			if err != nil {
				continue // reported as a bad value
			}
			if k > n {
				v.report(t, "order %d is more than the %d segments and ignorables of the unit", k, n)
				continue
			}
			o = k
			explicit[k] = true
		}
		if used[o] != nil {
			v.report(t, "order %d is also the order of another target of the unit", o)
		}
		used[o] = t
	}
	for i, t := range u.targets {
		if t == nil {
			continue
		}
		if _, ok := t.attr("order"); ok && !explicit[i+1] {
			v.report(t, "this target moves, but no target has order %d to take its place", i+1)
		}
	}
}
