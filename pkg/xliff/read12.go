package xliff

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// reader12 reads XLIFF 1.2 (and 1.1, 1.0, which it shares the shape of).
//
// Each <trans-unit> (at any depth of <group> and <bin-unit>) is a unit with
// the trans-unit's id and its resname as name. Its <source> is one segment,
// or, when a <seg-source> splits it with <mrk mtype="seg"> and the target is
// absent or split the same way, one segment per mrk (the text between them
// is ignorable). Segments have no ID: XLIFF 1.2 has none, and a mid is only
// unique in its trans-unit. <g>, <bx>/<ex> and <bpt>/<ept> (paired by rid,
// else by id) become open and close codes, <x> and <ph> standalone codes,
// <it> an open or close code; the text of <bpt>, <ept>, <ph> and <it> (with
// any <sub>) is the code's data, ctype its type, equiv-text its display
// form. The target's state maps to ours (new and needs-translation:
// initial; signed-off: reviewed; final or approved="yes": final; the other
// states and x- values: translated); state-qualifier exact-match, id-match
// and mt-suggestion give the origin.
type reader12 struct {
	src *source
	ns  string
}

func (rd *reader12) is(n *node, local string) bool { return n.is(rd.ns, local) }

func (rd *reader12) read() (*File, error) {
	s := rd.src
	rd.ns = s.root.name.Space
	f := &File{ID: "f1"}
	var srcSet, trgSet bool
	// fileLang reads the language attribute name of a <file> into *tag,
	// which *set says an earlier file gave (earlier names it): all files
	// have one language pair.
	fileLang := func(fe *node, name, value string, tag *language.Tag, set *bool, earlier string) error {
		l, err := parseLang(s, fe, name, value)
		if err != nil {
			return err
		}
		if *set && l != *tag {
			return s.errAt(fe.off, "%s %s differs from %s (%s): relais reads one language pair per file", name, l, earlier, *tag)
		}
		*tag, *set = l, true
		return nil
	}
	nfile := 0
	for _, fe := range s.root.elems() {
		if !rd.is(fe, "file") {
			continue
		}
		nfile++
		sl, ok := fe.attr("source-language")
		if !ok {
			return nil, s.errAt(fe.off, "<file> has no source-language attribute")
		}
		if err := fileLang(fe, "source-language", sl, &f.SrcLang, &srcSet, "the first file's"); err != nil {
			return nil, err
		}
		if tl, ok := fe.attr("target-language"); ok {
			if err := fileLang(fe, "target-language", tl, &f.TrgLang, &trgSet, "an earlier file's"); err != nil {
				return nil, err
			}
		}
		file := ""
		if nfile == 1 {
			f.Original = fe.get("original")
		} else {
			file = "f" + strconv.Itoa(nfile)
			f.addOriginal(file, fe.get("original"))
		}
		ids := map[string]bool{}
		for _, c := range fe.elems() {
			if rd.is(c, "body") {
				if err := rd.container(f, c, file, ids); err != nil {
					return nil, err
				}
			}
		}
	}
	if nfile == 0 {
		return nil, s.errAt(s.root.off, "<xliff> has no <file>")
	}
	return f, nil
}

// container reads the trans-units inside a <body>, <group> or <bin-unit>.
func (rd *reader12) container(f *File, n *node, file string, ids map[string]bool) error {
	for _, c := range n.elems() {
		switch {
		case rd.is(c, "group"), rd.is(c, "bin-unit"):
			if err := rd.container(f, c, file, ids); err != nil {
				return err
			}
		case rd.is(c, "trans-unit"):
			u, err := rd.unit(c)
			if err != nil {
				return err
			}
			if ids[u.ID] {
				return rd.src.errAt(c.off, "trans-unit id %q is used twice in the file", u.ID)
			}
			ids[u.ID] = true
			u.File = file
			f.Units = append(f.Units, *u)
		}
	}
	return nil
}

// piece is a piece of a linear content: text, a code, or the start or end of
// a <mrk mtype="seg">.
type piece struct {
	text     string
	code     *document.Code
	segStart bool
	segEnd   bool
	mid      string
}

func (rd *reader12) unit(tu *node) (*Unit, error) {
	s := rd.src
	id := collapse(tu.get("id"))
	if id == "" {
		return nil, s.errAt(tu.off, "<trans-unit> has no id attribute")
	}
	if !isNMTOKEN(id) {
		return nil, s.errAt(tu.off, "trans-unit id %q is not an XML NMTOKEN, which XLIFF 2.0 needs", id)
	}
	u := &Unit{ID: id, Name: tu.get("resname")}
	var source, segSource, target *node
	for _, c := range tu.elems() {
		switch {
		case rd.is(c, "source") && source == nil:
			source = c
		case rd.is(c, "seg-source") && segSource == nil:
			segSource = c
		case rd.is(c, "target") && target == nil:
			target = c
		}
	}
	if source == nil {
		return nil, s.errAt(tu.off, "trans-unit %s has no <source>", id)
	}
	state, origin, err := rd.state(tu, target)
	if err != nil {
		return nil, err
	}
	var trg []piece
	if target != nil {
		if trg, err = rd.linear(target, nil, true); err != nil {
			return nil, err
		}
	}
	split := false
	if segSource != nil {
		split = target == nil || hasSeg(trg)
	}
	if !split {
		src, err := rd.linear(source, nil, false)
		if err != nil {
			return nil, err
		}
		p := Part{Kind: Segment, Source: runs(src), State: state, Origin: origin}
		if target != nil {
			p.Target = runs(trg)
		}
		u.Parts = append(u.Parts, p)
	} else {
		src, err := rd.linear(segSource, nil, true)
		if err != nil {
			return nil, err
		}
		targets := map[string][]piece{}
		for i := 0; i < len(trg); i++ {
			if !trg[i].segStart {
				continue
			}
			j := i + 1
			for depth := 1; j < len(trg); j++ {
				if trg[j].segStart {
					depth++
				} else if trg[j].segEnd {
					if depth--; depth == 0 {
						break
					}
				}
			}
			if _, dup := targets[trg[i].mid]; !dup {
				targets[trg[i].mid] = trg[i+1 : min(j, len(trg))]
			}
			i = j
		}
		var cur []piece
		flush := func(kind PartKind, mid string) {
			if kind == Ignorable && len(cur) == 0 {
				return
			}
			p := Part{Kind: kind, Source: runs(cur)}
			if t, ok := targets[mid]; ok && kind == Segment {
				p.Target, p.State, p.Origin = runs(t), state, origin
			}
			u.Parts = append(u.Parts, p)
			cur = nil
		}
		mid, in := "", 0
		for _, x := range src {
			switch {
			case x.segStart:
				if in == 0 {
					flush(Ignorable, "")
					mid = x.mid
				}
				in++
			case x.segEnd:
				if in--; in == 0 {
					flush(Segment, mid)
				}
			default:
				cur = append(cur, x)
			}
		}
		flush(Ignorable, "")
		if !hasSegment(u.Parts) {
			return nil, s.errAt(segSource.off, "trans-unit %s: <seg-source> has no <mrk mtype=\"seg\">", id)
		}
	}
	if _, err := encodeUnit(u); err != nil {
		return nil, s.errAt(tu.off, "%v", err)
	}
	return u, nil
}

func hasSeg(l []piece) bool {
	for _, x := range l {
		if x.segStart {
			return true
		}
	}
	return false
}

func hasSegment(parts []Part) bool {
	for _, p := range parts {
		if p.Kind == Segment {
			return true
		}
	}
	return false
}

// state returns the state and origin of a trans-unit's translation.
func (rd *reader12) state(tu, target *node) (document.State, document.Origin, error) {
	if target == nil {
		return document.Initial, document.Origin{}, nil
	}
	st := collapse(target.get("state"))
	var state document.State
	switch {
	case st == "new" || st == "needs-translation":
		state = document.Initial
	case st == "signed-off":
		state = document.Reviewed
	case st == "final":
		state = document.Final
	case st == "translated" || st == "needs-adaptation" || st == "needs-l10n" ||
		st == "needs-review-adaptation" || st == "needs-review-l10n" ||
		st == "needs-review-translation" || strings.HasPrefix(st, "x-"):
		state = document.Translated
	case st == "":
		if strings.TrimFunc(target.text(), isXMLSpace) != "" || len(target.elems()) > 0 {
			state = document.Translated
		}
	default:
		return 0, document.Origin{}, rd.src.errAt(target.off, "unknown XLIFF 1.2 state %q", st)
	}
	if collapse(tu.get("approved")) == "yes" {
		state = document.Final
	}
	var origin document.Origin
	switch collapse(target.get("state-qualifier")) {
	case "exact-match":
		origin = document.Origin{Kind: document.FromExact, Score: 100}
	case "id-match":
		origin = document.Origin{Kind: document.FromInContext, Score: 101}
	case "mt-suggestion":
		origin = document.Origin{Kind: document.FromMachine, Engine: "unknown"}
	}
	return state, origin, nil
}

// linear appends the content of n to out as a flat list. With segs set, a
// <mrk mtype="seg"> gives a start and an end marker; other <mrk> are
// transparent.
func (rd *reader12) linear(n *node, out []piece, segs bool) ([]piece, error) {
	s := rd.src
	for _, it := range n.items {
		if it.el == nil {
			if it.text != "" {
				out = append(out, piece{text: it.text})
			}
			continue
		}
		c := it.el
		if c.name.Space != rd.ns {
			return nil, s.errAt(c.off, "<%s> (namespace %q) inside <%s>: only text and XLIFF inline elements may be", c.name.Local, c.name.Space, n.name.Local)
		}
		id := collapse(c.get("id"))
		ref := id
		if rid := collapse(c.get("rid")); rid != "" {
			ref = rid
		}
		code := &document.Code{ID: ref, Type: collapse(c.get("ctype")), Disp: c.get("equiv-text")}
		switch c.name.Local {
		case "mrk":
			if segs && collapse(c.get("mtype")) == "seg" {
				mid := collapse(c.get("mid"))
				out = append(out, piece{segStart: true, mid: mid})
				var err error
				if out, err = rd.linear(c, out, segs); err != nil {
					return nil, err
				}
				out = append(out, piece{segEnd: true, mid: mid})
				continue
			}
			var err error
			if out, err = rd.linear(c, out, segs); err != nil {
				return nil, err
			}
			continue
		case "g":
			code.ID = id
			open, cl := *code, *code
			open.Kind, cl.Kind = document.Open, document.Close
			out = append(out, piece{code: &open})
			var err error
			if out, err = rd.linear(c, out, segs); err != nil {
				return nil, err
			}
			out = append(out, piece{code: &cl})
			continue
		case "x":
			code.ID, code.Kind = id, document.Standalone
		case "bx":
			code.Kind = document.Open
		case "ex":
			code.Kind = document.Close
		case "ph":
			code.ID, code.Kind, code.Data = id, document.Standalone, deepText(c)
		case "bpt":
			code.Kind, code.Data = document.Open, deepText(c)
		case "ept":
			code.Kind, code.Data = document.Close, deepText(c)
		case "it":
			code.ID, code.Data, code.Kind = id, deepText(c), document.Open
			if collapse(c.get("pos")) == "close" {
				code.Kind = document.Close
			}
		default:
			return nil, s.errAt(c.off, "<%s> inside <%s>: not an XLIFF 1.2 inline element", c.name.Local, n.name.Local)
		}
		if code.ID == "" {
			return nil, s.errAt(c.off, "<%s> has no id attribute", c.name.Local)
		}
		out = append(out, piece{code: code})
	}
	return out, nil
}

// runs turns linear content (without segment markers) into a Content.
func runs(l []piece) document.Content {
	out := document.Content{}
	for _, x := range l {
		switch {
		case x.code != nil:
			out = append(out, document.Run{Code: x.code})
		case x.segStart || x.segEnd:
		case len(out) > 0 && out[len(out)-1].Code == nil:
			out[len(out)-1].Text += x.text
		default:
			out = append(out, document.Run{Text: x.text})
		}
	}
	return out
}

// deepText returns all the text inside n, that of its descendants (<sub>) included.
func deepText(n *node) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		for _, it := range n.items {
			if it.el != nil {
				walk(it.el)
			} else {
				b.WriteString(it.text)
			}
		}
	}
	walk(n)
	return b.String()
}
