package xliff

import (
	"fmt"
	"strconv"

	"github.com/relais-tm/relais/pkg/document"
)

// This file turns a unit into XLIFF inline elements: it pairs open and close
// codes, chooses <pc>, <sc>/<ec> or an isolated code for each, gives every
// element its id (a fresh one with copyOf where a target repeats a code)
// and numbers the original data. Write prints the result; Read runs it on
// every unit it builds, so that what Read accepts, Write writes back to the
// same File.

// tagKind is the XLIFF form of one run.
type tagKind int

const (
	tText    tagKind = iota
	tPh              // <ph/>
	tPcOpen          // <pc …>
	tPcClose         // </pc>
	tSc              // <sc/>, isolated or not
	tEc              // <ec/>, isolated or not
)

// tag is one run as XLIFF.
type tag struct {
	kind     tagKind
	text     string // tText
	id       string // ph, pc, sc, isolated ec
	startRef string // ec that is not isolated
	isolated bool
	copyOf   string
	dataRef  string // data id (dataRefStart of a pc); "" for none
	dataEnd  string // dataRefEnd of a pc
	disp     string // dispStart of a pc
	dispEnd  string // dispEnd of a pc
	typ      string
	subType  string
}

// encodedUnit is a unit ready to print.
type encodedUnit struct {
	subStates []string // of each part: its origin as a subState value, "" for none
	data      []string // data[i] has id "d<i+1>"
	plain     bool     // no part holds a code: sources and targets are nil, the parts' text is written as it is
	sources   [][]tag
	targets   [][]tag // nil: the part has no target
	// matches are the parts' matches encoded (see unitEncoder.match), in
	// the order of the parts and of their matches.
	matches []*encodedUnit
}

// runAt names a run of one side of a unit: its part and index.
type runAt struct{ part, idx int }

// element is one XLIFF code element: a <ph>, a <pc>, an <sc> with or
// without its <ec>, or an isolated <ec>.
type element struct {
	name   string // "ph", "pc", "sc" or "ec"
	first  runAt  // the run the element starts with
	last   *runAt // the close run of a pc or of a paired sc
	id     string
	copyOf string
}

// base is what a copied code reads back: the original data of the element
// its copyOf names, for each kind of code.
type base struct {
	name                      string
	standalone, open, closing string
}

// data returns the data a copy of kind k reads from b.
func (b base) data(k document.CodeKind) string {
	switch k {
	case document.Open:
		return b.open
	case document.Close:
		return b.closing
	}
	return b.standalone
}

// unitEncoder holds one unit's encoding.
type unitEncoder struct {
	u       *Unit
	out     *encodedUnit
	dataIDs map[string]string
	partIDs map[string]bool
	allIDs  map[string]bool // part ids and code IDs: fresh ids avoid them
	srcBase map[string]base // by element id
	tgtBase map[string]base

	// Kept from one unit to the next: most units share their origins
	// and code types.
	subStates map[document.Origin]string // origins checked, as subState values
	types     map[string][2]string       // code type → type and subType

	// label names the part in errors while a match is encoded (see
	// match); empty otherwise.
	label string
}

// newUnitEncoder returns an encoder for the units of one file; encode
// reuses its maps from one unit to the next.
func newUnitEncoder() *unitEncoder {
	return &unitEncoder{
		dataIDs: map[string]string{}, partIDs: map[string]bool{}, allIDs: map[string]bool{},
		srcBase: map[string]base{}, tgtBase: map[string]base{},
		subStates: map[document.Origin]string{}, types: map[string][2]string{},
	}
}

// encodeUnit checks u and encodes it; the error says what cannot be written.
func encodeUnit(u *Unit) (*encodedUnit, error) { return newUnitEncoder().encode(u) }

// encode checks u and encodes it; the error says what cannot be written.
func (e *unitEncoder) encode(u *Unit) (*encodedUnit, error) {
	e.u, e.out = u, &encodedUnit{subStates: make([]string, len(u.Parts))}
	clear(e.partIDs)
	clear(e.allIDs)
	clear(e.dataIDs)
	clear(e.srcBase)
	clear(e.tgtBase)
	if err := e.check(); err != nil {
		return nil, err
	}
	sources := make([]document.Content, len(u.Parts))
	targets := make([]document.Content, len(u.Parts))
	for i, p := range u.Parts {
		sources[i], targets[i] = p.Source, p.Target
		if sources[i] == nil {
			sources[i] = document.Content{}
		}
	}
	if !hasCodes(sources) && !hasCodes(targets) {
		e.out.plain = true
		return e.out, nil
	}
	var err error
	if e.out.sources, err = e.side(sources, false); err != nil {
		return nil, err
	}
	if e.out.targets, err = e.side(targets, true); err != nil {
		return nil, err
	}
	return e.out, nil
}

// check verifies what does not depend on pairing: ids are NMTOKENs, part ids
// unique, code IDs distinct from part ids, strings writable, states and
// origins valid.
func (e *unitEncoder) check() error {
	u := e.u
	if !isNMTOKEN(u.ID) {
		return fmt.Errorf("unit id %q is not an XML NMTOKEN", u.ID)
	}
	if u.File != "" && !isNMTOKEN(u.File) {
		return fmt.Errorf("unit %s: file id %q is not an XML NMTOKEN", u.ID, u.File)
	}
	if _, err := document.ParseBlockKind(u.Kind.String()); err != nil {
		return fmt.Errorf("unit %s: %w", u.ID, err)
	}
	if err := checkChars(u.Name, true); err != nil {
		return fmt.Errorf("unit %s: name %w", u.ID, err)
	}
	for i, p := range u.Parts {
		where := func() string { return e.partName(i) }
		switch p.Kind {
		case Segment:
			if p.State < document.Initial || p.State > document.Final {
				return fmt.Errorf("%s: unknown state %d", where(), int(p.State))
			}
			sub, err := e.subState(p.Origin)
			if err != nil {
				return fmt.Errorf("%s: %w", where(), err)
			}
			e.out.subStates[i] = sub
			if len(p.Matches) > 0 && p.ID == "" {
				return fmt.Errorf("%s: a segment with matches needs an id, for their ref", where())
			}
		case Ignorable:
			if p.State != document.Initial || p.Origin != (document.Origin{}) || len(p.Matches) > 0 {
				return fmt.Errorf("%s: an ignorable has no state, origin or matches", where())
			}
		default:
			return fmt.Errorf("%s: unknown part kind", where())
		}
		if p.ID == "" {
			continue
		}
		if !isNMTOKEN(p.ID) {
			return fmt.Errorf("%s: id %q is not an XML NMTOKEN", where(), p.ID)
		}
		if e.partIDs[p.ID] {
			return fmt.Errorf("%s: id %q is also the id of another part", where(), p.ID)
		}
		e.partIDs[p.ID], e.allIDs[p.ID] = true, true
	}
	for i, p := range u.Parts {
		for side, c := range [2]document.Content{p.Source, p.Target} {
			where := func() string {
				return e.partName(i) + ": " + [2]string{"source", "target"}[side]
			}
			for _, r := range c {
				if r.Code == nil {
					if err := checkChars(r.Text, false); err != nil {
						return fmt.Errorf("%s text %w", where(), err)
					}
					continue
				}
				code := r.Code
				cw := func() string { return fmt.Sprintf("%s code %q", where(), code.ID) }
				switch {
				case !isNMTOKEN(code.ID):
					return fmt.Errorf("%s: the code ID is not an XML NMTOKEN", cw())
				case e.partIDs[code.ID]:
					return fmt.Errorf("%s: the code ID is also the id of a part of the unit", cw())
				case code.Kind < document.Standalone || code.Kind > document.Close:
					return fmt.Errorf("%s: unknown code kind %d", cw(), int(code.Kind))
				}
				for _, f := range [...]struct {
					name, value string
					attr        bool
				}{{"type", code.Type, true}, {"disp", code.Disp, true}, {"data", code.Data, false}} {
					if err := checkChars(f.value, f.attr); err != nil {
						return fmt.Errorf("%s %s %w", cw(), f.name, err)
					}
				}
				e.allIDs[code.ID] = true
			}
		}
	}
	return nil
}

// pairs matches each close code with the latest unmatched open code of the
// same ID before it, across the parts of the side, and reports for each open
// code of a pair within one part whether the pair can be a <pc>: every open
// or close code between its ends has its partner between them too.
func pairs(side []document.Content) (partner map[runAt]runAt, pc map[runAt]bool) {
	partner = map[runAt]runAt{}
	pending := map[string][]runAt{}
	for p, c := range side {
		for i, r := range c {
			if r.Code == nil {
				continue
			}
			at := runAt{p, i}
			switch r.Code.Kind {
			case document.Open:
				pending[r.Code.ID] = append(pending[r.Code.ID], at)
			case document.Close:
				if st := pending[r.Code.ID]; len(st) > 0 {
					o := st[len(st)-1]
					pending[r.Code.ID] = st[:len(st)-1]
					partner[o], partner[at] = at, o
				}
			}
		}
	}
	pc = map[runAt]bool{}
	for p, c := range side {
		for i, r := range c {
			if r.Code == nil || r.Code.Kind != document.Open {
				continue
			}
			cl, ok := partner[runAt{p, i}]
			if !ok || cl.part != p {
				continue
			}
			nested := true
			for k := i + 1; k < cl.idx && nested; k++ {
				if c[k].Code == nil || c[k].Code.Kind == document.Standalone {
					continue
				}
				q, ok := partner[runAt{p, k}]
				nested = ok && q.part == p && q.idx > i && q.idx < cl.idx
			}
			pc[runAt{p, i}] = nested
		}
	}
	return partner, pc
}

// side encodes the sources of the parts (target false) or their targets
// (nil contents are parts without a target).
func (e *unitEncoder) side(contents []document.Content, target bool) ([][]tag, error) {
	what := "source"
	if target {
		what = "target"
	}
	code := func(at runAt) *document.Code { return contents[at.part][at.idx].Code }
	where := func(at runAt) string {
		return fmt.Sprintf("%s: %s code %q", e.partName(at.part), what, code(at).ID)
	}

	// The elements, in the order they start.
	partner, pc := pairs(contents)
	var elems []*element
	elemOf := map[runAt]*element{}
	for p, c := range contents {
		for i, r := range c {
			if r.Code == nil {
				continue
			}
			at := runAt{p, i}
			switch r.Code.Kind {
			case document.Standalone:
				elemOf[at] = &element{name: "ph", first: at}
			case document.Open:
				el := &element{name: "sc", first: at}
				if q, ok := partner[at]; ok {
					if cl := code(q); cl.Type != r.Code.Type {
						return nil, fmt.Errorf("%s: its open and close codes differ in type (%q and %q)", where(at), r.Code.Type, cl.Type)
					}
					el.last = &q
					if pc[at] {
						el.name = "pc"
					}
				}
				elemOf[at] = el
			case document.Close:
				if o, ok := partner[at]; ok {
					elemOf[at] = elemOf[o]
					continue
				}
				elemOf[at] = &element{name: "ec", first: at}
			}
			elems = append(elems, elemOf[at])
		}
	}

	// Ids.
	used := map[string]bool{}
	for _, el := range elems {
		id := code(el.first).ID
		switch {
		case !target:
			if used[id] {
				return nil, fmt.Errorf("%s: the source uses the code ID for two codes", where(el.first))
			}
			el.id = id
		case !used[id] && (!e.srcHas(id) || e.srcBase[id].name == el.name):
			el.id = id
		default:
			el.id, el.copyOf = e.fresh(id), id
		}
		used[el.id] = true
	}

	// What copies read back: the data of the elements written with their own.
	bases := e.srcBase
	if target {
		bases = e.tgtBase
	}
	for _, el := range elems {
		if el.copyOf != "" {
			continue
		}
		b := base{name: el.name}
		first := code(el.first)
		switch first.Kind {
		case document.Standalone:
			b.standalone = first.Data
		case document.Open:
			b.open = first.Data
		case document.Close:
			b.closing = first.Data
		}
		if el.last != nil {
			b.closing = code(*el.last).Data
		}
		bases[el.id] = b
	}
	for _, el := range elems {
		if el.copyOf == "" {
			continue
		}
		b := e.resolve(el.copyOf)
		for _, at := range []*runAt{&el.first, el.last} {
			if at != nil && b.data(code(*at).Kind) != code(*at).Data {
				return nil, fmt.Errorf("%s: the target repeats the code with other original data than the one it copies", where(*at))
			}
		}
	}

	// Tags.
	out := make([][]tag, len(contents))
	for p, c := range contents {
		if c == nil {
			continue
		}
		tags := make([]tag, 0, len(c))
		for i, r := range c {
			if r.Code == nil {
				tags = append(tags, tag{kind: tText, text: r.Text})
				continue
			}
			at := runAt{p, i}
			el := elemOf[at]
			t := tag{id: el.id, copyOf: el.copyOf, disp: r.Code.Disp}
			t.typ, t.subType = e.encodeType(r.Code.Type)
			own := el.copyOf == ""
			switch {
			case el.name == "pc" && at != el.first:
				tags = append(tags, tag{kind: tPcClose})
				continue
			case el.name == "pc":
				t.kind, t.dispEnd = tPcOpen, code(*el.last).Disp
			case el.name == "ph":
				t.kind = tPh
			case el.name == "sc" && at == el.first:
				t.kind, t.isolated = tSc, el.last == nil
			case el.name == "sc": // the close of an sc pair
				t.kind, t.id, t.startRef = tEc, "", el.id
			default:
				t.kind, t.isolated = tEc, true
			}
			if own {
				t.dataRef = e.dataID(r.Code.Data)
				if t.kind == tPcOpen {
					t.dataEnd = e.dataID(code(*el.last).Data)
				}
			}
			tags = append(tags, t)
		}
		out[p] = tags
	}
	return out, nil
}

// partName names part i of the unit being encoded in errors: "unit b1:
// segment 2", or the match being encoded.
func (e *unitEncoder) partName(i int) string {
	if e.label != "" {
		return e.label
	}
	return fmt.Sprintf("unit %s: %s %d", e.u.ID, e.u.Parts[i].Kind, i+1)
}

// match checks candidate k of the segment with ID seg in unit u and
// encodes it as a unit of its own, whose one segment holds the match's
// source and target: their codes' ids and data belong to the match (the
// module gives each match its own scope for them, and its own
// <originalData>).
func (e *unitEncoder) match(u *Unit, seg string, k int, m *Match) (*encodedUnit, error) {
	label := fmt.Sprintf("unit %s: segment %s: match %d", u.ID, seg, k+1)
	switch {
	case m.Type != "" && !inList(matchTypes, m.Type):
		return nil, fmt.Errorf("%s: type %q is not one of %s", label, m.Type, matchTypes)
	case m.Similarity < 0 || m.Similarity > 100:
		return nil, fmt.Errorf("%s: similarity %d is not from 0 to 100", label, m.Similarity)
	}
	if err := checkChars(m.Origin, true); err != nil {
		return nil, fmt.Errorf("%s: origin %w", label, err)
	}
	trg := m.Target
	if trg == nil {
		trg = document.Content{}
	}
	own := &Unit{ID: u.ID, Parts: []Part{{Kind: Segment, Source: m.Source, Target: trg}}}
	e.label = label
	defer func() { e.label = "" }()
	return e.encode(own)
}

// subState returns the subState value of a segment's origin ("" for no
// origin), or an error when its written form does not read back.
func (e *unitEncoder) subState(o document.Origin) (string, error) {
	if s, ok := e.subStates[o]; ok {
		return s, nil
	}
	s := o.String()
	if c, err := document.ParseOrigin(s); err != nil || c != o {
		return "", fmt.Errorf("origin %+v does not read back from its written form %q", o, s)
	}
	sub := ""
	if s != "none" {
		sub = relaisPrefix + ":" + escapeValue(s)
	}
	e.subStates[o] = sub
	return sub, nil
}

// encodeType is CodeType, remembered.
func (e *unitEncoder) encodeType(t string) (typ, subType string) {
	if v, ok := e.types[t]; ok {
		return v[0], v[1]
	}
	typ, subType = CodeType(t)
	e.types[t] = [2]string{typ, subType}
	return typ, subType
}

// hasCodes reports whether any of the contents holds a code.
func hasCodes(contents []document.Content) bool {
	for _, c := range contents {
		for _, r := range c {
			if r.Code != nil {
				return true
			}
		}
	}
	return false
}

// fresh returns an id for a copy of code ID id that nothing in the unit uses.
func (e *unitEncoder) fresh(id string) string {
	for n := 1; ; n++ {
		f := id + "-copy" + strconv.Itoa(n)
		if !e.allIDs[f] {
			e.allIDs[f] = true
			return f
		}
	}
}

// srcHas reports whether the source has an element with id.
func (e *unitEncoder) srcHas(id string) bool { _, ok := e.srcBase[id]; return ok }

// resolve returns the element a copyOf names: in the source if it has one
// with that id, else in the target.
func (e *unitEncoder) resolve(id string) base {
	if b, ok := e.srcBase[id]; ok {
		return b
	}
	return e.tgtBase[id]
}

// dataID returns the id of the <data> holding s, adding it on first use; ""
// for empty data, which is written as no reference.
func (e *unitEncoder) dataID(s string) string {
	if s == "" {
		return ""
	}
	if id, ok := e.dataIDs[s]; ok {
		return id
	}
	e.out.data = append(e.out.data, s)
	id := "d" + strconv.Itoa(len(e.out.data))
	e.dataIDs[s] = id
	return id
}
