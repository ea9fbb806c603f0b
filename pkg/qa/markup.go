package qa

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// markup: the target's markup is not the source's.
type markup struct{}

func (markup) ID() string                { return "markup" }
func (markup) Default() finding.Severity { return finding.Error }
func (markup) Help() string {
	return "The target's markup differs from the source's: on document pairs, a line of markup outside the text (heading level, list and table shape, code fences and blocks, front-matter keys, link definitions, HTML blocks), the kind of a block, a link URL, inline code, an image or an HTML tag, or site syntax in the text (template tags {% %} {{ }}, shortcodes [name] [/name], admonition markers :::, footnote references [^1], attribute lists {: } {#id}) is changed, dropped or added; in XLIFF, a code pair is closed before it opens or overlaps another, or a code's data differs from the source's. Restore the source's markup: only text is translated."
}

// Check compares the codes of an XLIFF (or translate's) pair: order and
// nesting of pairs, and data. Presence is the code check's.
func (markup) Check(c *Context, report func(Issue)) {
	if !c.File.CodesByID || c.Pair.Target == nil {
		return
	}
	for _, p := range document.CheckCodes(c.Pair.Source, c.Pair.Target) {
		k := p.Code
		switch p.Kind {
		case document.CodeReversed:
			report(Issue{Message: fmt.Sprintf("target closes code %s before it opens it: put the markup back in order", k.ID), Off: -1, Code: k, Key: "order " + k.ID})
		case document.CodeOverlap:
			report(Issue{Message: fmt.Sprintf("target closes code %s inside code %s: the markup pairs overlap, close %s first", k.ID, p.Inside.ID, p.Inside.ID), Off: -1, Code: k, Key: "overlap " + k.ID})
		}
	}
	type ref struct {
		id   string
		kind document.CodeKind
	}
	src := map[ref]*document.Code{}
	for _, k := range c.Pair.Source.Codes() {
		src[ref{k.ID, k.Kind}] = k
	}
	for _, k := range c.Pair.Target.Codes() {
		s, ok := src[ref{k.ID, k.Kind}]
		if !ok || s.Data == "" || k.Data == "" || s.Data == k.Data {
			continue
		}
		report(Issue{Message: fmt.Sprintf("code %s %s is %s in the source, %s in the target: keep the source's markup", k.Kind, k.ID, quote(s.Data), quote(k.Data)),
			Off: -1, Code: k, Key: "data " + k.ID + k.Kind.String() + " " + k.Data})
	}
}

// CheckFile compares the skeletons of a pair of documents: the lines of
// markup outside blocks, then, block by block, kinds, codes and site
// syntax. It reports the first difference of each region.
func (markup) CheckFile(f *File, report func(FileIssue)) {
	if f.Documents == nil || f.Documents.Source == nil || f.Documents.Target == nil {
		return
	}
	m := &markupRun{f: f, report: report, src: newSkeleton(f.Documents.Source), tgt: newSkeleton(f.Documents.Target)}
	m.run()
}

type markupRun struct {
	f        *File
	report   func(FileIssue)
	src, tgt *skeleton
	names    map[string]bool // bracket shortcodes of either document
	// consumed are the target's site tokens (by offset) already reported
	// with the skeleton line of the source they stand for.
	consumed map[int]bool
	// proseOpener maps a source line opening an admonition to the offset
	// of the same opener in the target, where it is prose: the target
	// breaks the admonition (its closing marker is gone).
	proseOpener map[int]int
}

func (m *markupRun) at(off int) finding.Location {
	p := m.tgt.doc.Position(off)
	return finding.Location{Path: m.f.Path, Line: p.Line, Col: p.Col}
}

func (m *markupRun) srcAt(off int) finding.Location {
	p := m.src.doc.Position(off)
	return finding.Location{Path: m.f.Source, Line: p.Line, Col: p.Col}
}

func (m *markupRun) issue(at, src int, key, format string, args ...any) {
	is := FileIssue{Message: fmt.Sprintf(format, args...), At: m.at(at), Key: key}
	if src >= 0 {
		is.Src = m.srcAt(src)
	}
	m.report(is)
}

func (m *markupRun) run() {
	m.names = map[string]bool{}
	m.consumed = map[int]bool{}
	m.proseOpener = map[int]int{}
	for k := range knownShortcodes {
		m.names[k] = true
	}
	closedShortcodes(string(m.src.doc.Source), m.names)
	closedShortcodes(string(m.tgt.doc.Source), m.names)

	a := make([]string, len(m.src.lines))
	for i := range m.src.lines {
		a[i] = alignKey(m.src, &m.src.lines[i])
	}
	b := make([]string, len(m.tgt.lines))
	for i := range m.tgt.lines {
		b[i] = alignKey(m.tgt, &m.tgt.lines[i])
	}
	common := commonLines(a, b)
	mapped := map[int]int{} // source line → target line
	pi, pj := 0, 0
	for _, p := range append(common, [2]int{len(a), len(b)}) {
		if p[0] > pi || p[1] > pj {
			m.hunk(pi, p[0], pj, p[1], mapped)
		}
		if p[0] < len(a) {
			m.pair(p[0], p[1], mapped)
		}
		pi, pj = p[0]+1, p[1]+1
	}
}

// pair compares source line i and target line j, which the diff pairs:
// their blocks, one by one.
func (m *markupRun) pair(i, j int, mapped map[int]int) {
	mapped[i] = j
	sl, tl := &m.src.lines[i], &m.tgt.lines[j]
	for k := range min(len(sl.blocks), len(tl.blocks)) {
		m.blocks(sl.blocks[k], tl.blocks[k])
	}
}

// alignKey returns what the diff of two skeletons compares for line l:
// its key, with each block's kind and the keys of its codes (sorted: a
// translation may reorder them) after its placeholder. Blocks of
// different kinds or markup do not pair, so that a lost heading, whose
// text becomes a paragraph, leaves the pairing of the later blocks as it
// is; a block whose codes changed is paired again in hunk by its key.
func alignKey(sk *skeleton, l *skelLine) string {
	if len(l.blocks) == 0 {
		return l.key
	}
	var b strings.Builder
	b.WriteString(l.key)
	for _, blk := range l.blocks {
		b.WriteString("\x01")
		b.WriteString(blk.Kind.String())
		var keys []string
		for _, c := range blockCodes(sk, blk) {
			keys = append(keys, c.key)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString("\x02")
			b.WriteString(k)
		}
	}
	return b.String()
}

// hunk reports the first difference of source lines [i0, i1) and target
// lines [j0, j1), and compares their blocks when both hold as many of the
// same kinds.
func (m *markupRun) hunk(i0, i1, j0, j1 int, mapped map[int]int) {
	// Lines that differ only by their blocks' markup pair in order: the
	// blocks' comparison tells what changed.
	for i0 < i1 && j0 < j1 && m.src.lines[i0].key == m.tgt.lines[j0].key {
		m.pair(i0, j0, mapped)
		i0, j0 = i0+1, j0+1
	}
	if i0 == i1 && j0 == j1 {
		return
	}
	sl, tl := m.src.lines[i0:i1], m.tgt.lines[j0:j1]
	var sb, tb []*document.Block
	for _, l := range sl {
		sb = append(sb, l.blocks...)
	}
	for _, l := range tl {
		tb = append(tb, l.blocks...)
	}
	switch {
	case len(sl) > 0 && len(tl) > 0:
		m.lineDiff(&sl[0], &tl[0])
	case len(sl) > 0: // lines dropped
		at := len(m.tgt.doc.Source)
		if j0 < len(m.tgt.lines) {
			at = m.tgt.lines[j0].off
		}
		l := &sl[0]
		if m.toProse(i0, j0) {
			break
		}
		if strings.TrimSpace(l.key) == strings.Repeat(":", len(strings.TrimSpace(l.key))) && len(strings.TrimSpace(l.key)) >= 3 {
			if open := m.opener(i0); open >= 0 {
				if off, ok := m.proseOpener[open]; ok {
					m.issue(off, l.off, "drop "+l.key, "the target drops the closing %s of the admonition opened at %s (the source closes it at %s): restore it",
						show(l.raw), m.tgt.doc.Position(off), m.src.doc.Position(l.offset(len(l.raw)-len(strings.TrimLeft(l.raw, " \t")))))
					break
				}
				if tj, ok := mapped[open]; ok {
					op := m.tgt.lines[tj].offset(0)
					m.issue(at, l.off, "drop "+l.key, "the target drops the closing %s of the admonition opened at %s (the source closes it at %s): restore it",
						show(l.raw), m.tgt.doc.Position(op), m.src.doc.Position(l.offset(len(l.raw)-len(strings.TrimLeft(l.raw, " \t")))))
					break
				}
			}
		}
		what := "the markup"
		if lv := headingLevel(l.key); lv > 0 {
			what = fmt.Sprintf("the level-%d heading", lv)
		} else if onlyBlocks(l) {
			m.issue(at, l.off, "drop "+l.key, "the target drops the %s of the source's line %d: translate it", l.blocks[0].Kind, m.src.doc.Position(l.off).Line)
			break
		}
		m.issue(at, l.off, "drop "+l.key, "the target drops %s %s of the source's line %d: restore it", what, show(l.raw), m.src.doc.Position(l.off).Line)
	default: // lines added
		l := &tl[0]
		if onlyBlocks(l) {
			m.issue(l.blocks[0].Span.Start, -1, "add "+l.key, "the target adds a %s the source does not have: remove it, or check that nothing else is missing", l.blocks[0].Kind)
			break
		}
		m.issue(l.offset(len(l.raw)-len(strings.TrimLeft(l.raw, " \t"))), -1, "add "+l.key,
			"the target adds %s, which the source does not have: remove it", show(l.raw))
	}
	if len(sb) == len(tb) {
		for k := range sb {
			if sb[k].Kind != tb[k].Kind {
				return
			}
		}
		for k := range sb {
			m.blocks(sb[k], tb[k])
		}
	}
}

// toProse handles source line i dropped before target line j when the
// target has the same piece of site syntax as prose at the start of that
// line's block: a shortcode renamed to an unknown name, or an admonition
// opener whose closing marker the target drops, so that the codec reads
// them as text. A changed shortcode or template tag is reported as
// changed; an opener is remembered for its closing marker's finding.
// Either way the target's token is consumed, so it is not reported again
// as added. It reports whether it handled the line.
func (m *markupRun) toProse(i, j int) bool {
	if j >= len(m.tgt.lines) || len(m.tgt.lines[j].blocks) == 0 {
		return false
	}
	l, tl := &m.src.lines[i], &m.tgt.lines[j]
	if strings.TrimSpace(tl.raw[:strings.Index(tl.raw, placeholder)]) != "" {
		return false
	}
	tb := tl.blocks[0]
	ts := m.siteOf(m.tgt, tb)
	if len(ts) == 0 || strings.TrimSpace(string(m.tgt.doc.Source[tb.Span.Start:ts[0].off])) != "" {
		return false
	}
	tt := ts[0]
	if st := lineToken(l, m.names); st != nil && st.what == tt.what {
		m.consumed[tt.off] = true
		m.issue(tt.off, l.off+st.off, "site "+st.key+" "+tt.key, "%s %s of the source is %s in the target: keep site syntax as it is", st.what, quoteCode(st.text), quoteCode(tt.text))
		return true
	}
	key, open, ok := admonition(strings.TrimLeft(strings.ReplaceAll(l.raw, placeholder, "…"), " \t"))
	if ok && open && tt.what == "admonition marker" && tt.open && tt.key == key {
		m.consumed[tt.off] = true
		m.proseOpener[i] = tt.off
		return true
	}
	return false
}

// onlyBlocks reports whether a skeleton line is one block and blanks (a
// paragraph, without markers around it).
func onlyBlocks(l *skelLine) bool {
	return len(l.blocks) == 1 && strings.TrimSpace(l.key) == placeholder
}

// opener returns the source line that opens the admonition closed at
// source line i, or -1.
func (m *markupRun) opener(i int) int {
	depth := 0
	for k := i - 1; k >= 0; k-- {
		key, open, ok := admonition(strings.TrimLeft(m.src.lines[k].key, " >"))
		if !ok {
			continue
		}
		switch {
		case open && depth == 0:
			return k
		case open:
			depth--
		case strings.Trim(key, ":") == "":
			depth++
		}
	}
	return -1
}

// lineDiff reports how target line t differs from source line s.
func (m *markupRun) lineDiff(s, t *skelLine) {
	hs, ht := headingLevel(s.key), headingLevel(t.key)
	var sk, tk *document.Block
	if len(s.blocks) > 0 {
		sk = s.blocks[0]
	}
	if len(t.blocks) > 0 {
		tk = t.blocks[0]
	}
	key := s.key + "\x01" + t.key
	us, ut := underline(s.key), underline(t.key)
	switch {
	case us > 0 && ut > 0:
		m.issue(t.offset(0), s.off, key, "heading level %d in the source, %d in the target: underline it with %s", us, ut, show(strings.TrimSpace(s.raw)))
		return
	case hs > 0 && ht > 0 && hs != ht:
		m.issue(t.offset(0), s.off, key, "heading level %d in the source, %d in the target: write %s", hs, ht, strings.Repeat("#", hs))
		return
	case hs > 0 && ht == 0:
		m.issue(t.offset(0), s.off, key, "the source's level-%d heading is not a heading in the target: restore its %s", hs, show(strings.Repeat("#", hs)+" "))
		return
	case sk != nil && tk != nil && sk.Kind != tk.Kind:
		m.issue(tk.Span.Start, sk.Span.Start, key, "a %s of the source is a %s in the target: restore the source's markup (%s)", sk.Kind, tk.Kind, show(s.raw))
		return
	}
	if sc, tc := tableCells(s.key), tableCells(t.key); sc > 0 && tc > 0 && sc != tc {
		m.issue(t.offset(len(t.raw)-len(strings.TrimLeft(t.raw, " \t"))), s.off, key, "table row has %d cells in the source, %d in the target: restore the source's columns", sc, tc)
		return
	}
	if st, tt := lineToken(s, m.names), lineToken(t, m.names); st != nil && tt != nil && st.what == tt.what {
		m.issue(t.offset(tt.off), s.off+st.off, key, "%s %s of the source is %s in the target: keep site syntax as it is", st.what, quoteCode(st.text), quoteCode(tt.text))
		return
	}
	// The first byte where the lines differ.
	i := 0
	for i < len(s.raw) && i < len(t.raw) && s.raw[i] == t.raw[i] {
		i++
	}
	m.issue(t.offset(min(i, max(len(t.raw)-1, 0))), s.off, key, "markup differs: %s in the source, %s in the target: restore the source's", show(s.raw), show(t.raw))
}

// lineToken returns the piece of site syntax a skeleton line is made of
// ("{% endif %}" on its own line), its offset relative to the line's raw
// text, or nil.
func lineToken(l *skelLine, names map[string]bool) *siteToken {
	if len(l.blocks) > 0 {
		return nil
	}
	ts := scanSite(l.raw, 0, names)
	if len(ts) != 1 || strings.TrimSpace(l.raw) != ts[0].text {
		return nil
	}
	return &ts[0]
}

// underline returns the level of a setext heading's underline key ("=="
// is 1, "--" is 2), or 0.
func underline(key string) int {
	switch strings.TrimSpace(key) {
	case "==":
		return 1
	case "--":
		return 2
	}
	return 0
}

// tableCells returns the number of cells of a table row's key, or 0 for
// a line that is no table row.
func tableCells(key string) int {
	body := strings.TrimSpace(key)
	if !strings.HasPrefix(body, "|") || len(body) < 2 {
		return 0
	}
	return len(strings.Split(strings.TrimSuffix(body[1:], "|"), "|"))
}

// blocks compares two paired blocks: kind, codes, site syntax.
func (m *markupRun) blocks(s, t *document.Block) {
	if s.Kind != t.Kind {
		m.issue(t.Span.Start, s.Span.Start, "kind "+s.Kind.String()+" "+t.Kind.String(), "a %s of the source is a %s in the target: restore the source's markup", s.Kind, t.Kind)
		return
	}
	m.codes(s, t)
	m.site(s, t)
}

// dropAt returns where in target block t to report something of source
// block s at offset off that the target lacks: the start of the target
// sentence matching the source sentence that holds it, when both blocks
// have as many sentences, else the start of t.
func dropAt(s, t *document.Block, off int) int {
	if len(s.Segments) == 0 || len(s.Segments) != len(t.Segments) {
		return t.Span.Start
	}
	k := 0
	for i, seg := range s.Segments {
		if seg.Span.Start <= off {
			k = i
		}
	}
	return t.Segments[k].Span.Start
}

// blockCode is a code of a block as the markup check compares it.
type blockCode struct {
	code *document.Code
	key  string // kind, type and the bytes that must not change
	show string
	off  int
}

// blockCodes returns the codes of b that markup compares: links, images,
// inline code, HTML and the others by their bytes (link titles masked:
// they are translated), emphasis and line breaks by kind and type alone
// (merge may write "*" for "_"). Autolinks are the url-email check's.
func blockCodes(sk *skeleton, b *document.Block) []blockCode {
	var out []blockCode
	for _, r := range b.Content {
		k := r.Code
		if k == nil || isAutolink(k) || k.Type == "autolink" {
			continue
		}
		data := k.Data
		if r.Span.Start >= 0 && r.Span.End <= len(sk.doc.Source) && r.Span.Start < r.Span.End {
			data = maskNested(sk, r.Span)
		}
		key := k.Kind.String() + " " + k.Type
		switch {
		case k.Type == "link" || k.Type == "image":
			// Compared by where they point: a shortcut reference link
			// ("[CGLU]") may become a full one ("[UCLG][CGLU]").
			if k.Kind == document.Open {
				continue
			}
			key = k.Type + " "
			if dest, ok := templateDest(k.Data); ok {
				key += dest
			} else if dest, ok := linkDest(k); ok {
				key += dest
			} else {
				key += data
			}
		case k.Type == "html", k.Type == "shortcode", k.Type == "template":
			// A tag's translatable attribute values (a tab's title, an
			// image's alt) are text: they compare as "…".
			key += " " + translatedAttr.ReplaceAllString(data, `$1"…"`)
		case !strings.HasPrefix(k.Type, "fmt:") && k.Type != "break":
			key += " " + data
		}
		out = append(out, blockCode{code: k, key: key, show: data, off: r.Span.Start})
	}
	return out
}

// templateDest returns the destination of a link's closing code whose
// URL starts with a template expression or tag ("]({{ page.image }}/x
// "Titre")"): the template and the bytes up to the next blank, which
// linkDest, reading up to the first blank, would cut inside the template.
func templateDest(data string) (string, bool) {
	rest, ok := strings.CutPrefix(data, "](")
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, " \t\n<")
	closer := map[string]string{"{{": "}}", "{%": "%}"}[rest[:min(2, len(rest))]]
	if closer == "" {
		return "", false
	}
	end := strings.Index(rest, closer)
	if end < 0 {
		return "", false
	}
	end += len(closer)
	if k := strings.IndexAny(rest[end:], " \t\n>)"); k >= 0 {
		end += k
	} else {
		end = len(rest)
	}
	return rest[:end], true
}

// translatedAttr matches the attributes of an HTML tag, a shortcode or a
// template tag whose values are text a translation changes.
var translatedAttr = regexp.MustCompile(`(?i)\b((?:title|alt|aria-label|label|placeholder|caption)\s*=\s*)(?:"[^"]*"|'[^']*')`)

// maskNested returns the bytes of span with the blocks nested in it (link
// titles) as "…".
func maskNested(sk *skeleton, span document.Span) string {
	var b strings.Builder
	at := span.Start
	first := sort.Search(len(sk.nested), func(i int) bool { return sk.nested[i].Span.Start >= span.Start })
	for _, n := range sk.nested[first:] {
		if n.Span.Start >= span.End {
			break
		}
		if n.Span.Start >= at && n.Span.End <= span.End {
			b.Write(sk.doc.Source[at:n.Span.Start])
			b.WriteString("…")
			at = n.Span.End
		}
	}
	b.Write(sk.doc.Source[at:span.End])
	return b.String()
}

// codeName names a code's type in messages.
func codeName(k *document.Code) string {
	switch k.Type {
	case "link":
		return "link"
	case "image":
		return "image"
	case "code":
		return "inline code"
	case "html":
		return "HTML tag"
	case "footnote":
		return "footnote reference"
	}
	return strings.TrimPrefix(k.Type, "fmt:") + " markup"
}

func (m *markupRun) codes(s, t *document.Block) {
	sc, tc := blockCodes(m.src, s), blockCodes(m.tgt, t)
	key := func(c blockCode) string { return c.key }
	missing, extra := unmatched(sc, tc, key), unmatched(tc, sc, key)
	kindType := func(c blockCode) string {
		if c.code.Type == "link" || c.code.Type == "image" {
			return c.code.Type
		}
		return c.code.Kind.String() + " " + c.code.Type
	}
	// A code changed: a missing one paired with an extra one of its kind
	// and type, reported where the target's is.
	var rest []blockCode
	for _, mc := range missing {
		j := -1
		for k, e := range extra {
			if kindType(e) == kindType(mc) {
				j = k
				break
			}
		}
		if j < 0 {
			rest = append(rest, mc)
			continue
		}
		e := extra[j]
		extra = append(extra[:j], extra[j+1:]...)
		what := codeName(mc.code)
		if mc.code.Type == "link" || mc.code.Type == "image" {
			what += " URL"
		}
		m.issue(e.off, mc.off, "code "+mc.key+" "+e.key, "%s differs: %s in the source, %s in the target: keep it as it is", what, quoteCode(mc.show), quoteCode(e.show))
	}
	for _, g := range groupCodes(withoutPairedOpens(rest)) {
		mc := g.first
		show := mc.show
		if mc.code.Kind == document.Close && (mc.code.Type == "link" || mc.code.Type == "image") {
			show = map[string]string{"link": "[…", "image": "![…"}[mc.code.Type] + show
		}
		m.issue(dropAt(s, t, mc.off), mc.off, "drop "+mc.key, "the target drops the %s %s%s: restore it", codeName(mc.code), quoteCode(show), times(g.n))
	}
	for _, g := range groupCodes(withoutPairedOpens(extra)) {
		e := g.first
		m.issue(e.off, -1, "add "+e.key, "the target adds the %s %s%s, which the source does not have: remove it", codeName(e.code), quoteCode(e.show), times(g.n))
	}
}

// codeGroup is a code reported once for all the codes of a block with its
// key.
type codeGroup struct {
	first blockCode
	n     int
}

// withoutPairedOpens returns codes without the open codes whose close is
// among them too: a pair is reported once, with its close.
func withoutPairedOpens(codes []blockCode) []blockCode {
	closes := map[string]bool{}
	for _, c := range codes {
		if c.code.Kind == document.Close {
			closes[c.code.ID] = true
		}
	}
	var out []blockCode
	for _, c := range codes {
		if c.code.Kind != document.Open || !closes[c.code.ID] {
			out = append(out, c)
		}
	}
	return out
}

// groupCodes groups cs by key, in the order of their first occurrence.
func groupCodes(cs []blockCode) []codeGroup {
	var out []codeGroup
	at := map[string]int{}
	for _, c := range cs {
		if i, ok := at[c.key]; ok {
			out[i].n++
			continue
		}
		at[c.key] = len(out)
		out = append(out, codeGroup{first: c, n: 1})
	}
	return out
}

// times says how many times something is reported, when more than once.
func times(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" (%d times)", n)
}

// quoteCode writes markup for a message: in backquotes, or in double
// quotes when it holds a backquote itself; blanks folded, long ones cut.
func quoteCode(s string) string {
	if strings.Contains(s, "`") {
		return quote(s)
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return "`" + s + "`"
}

// siteOf returns the site syntax in the text of b: its text runs read
// from the document's bytes (escapes included, so that an escaped
// shortcode no longer counts as one).
func (m *markupRun) siteOf(sk *skeleton, b *document.Block) []siteToken {
	var out []siteToken
	src := sk.doc.Source
	start, end := -1, -1
	flush := func() {
		if start >= 0 && end > start {
			out = append(out, scanSite(string(src[start:end]), start, m.names)...)
		}
		start, end = -1, -1
	}
	for _, r := range b.Content {
		if r.Code != nil || r.Span.Start < 0 || r.Span.End > len(src) || r.Span.Start > r.Span.End {
			flush()
			continue
		}
		if start >= 0 && r.Span.Start != end {
			flush()
		}
		if start < 0 {
			start = r.Span.Start
		}
		end = r.Span.End
	}
	flush()
	return out
}

func (m *markupRun) site(s, t *document.Block) {
	ss, ts := m.siteOf(m.src, s), m.siteOf(m.tgt, t)
	ts = slices.DeleteFunc(ts, func(k siteToken) bool { return m.consumed[k.off] })
	proseMarkers(ss)
	proseMarkers(ts)
	if len(ss) == 0 && len(ts) == 0 {
		return
	}
	key := func(k siteToken) string { return k.key }
	missing, extra := unmatched(ss, ts, key), unmatched(ts, ss, key)
	for _, mt := range missing {
		j := -1
		for k, e := range extra {
			if e.what == mt.what {
				j = k
				break
			}
		}
		if j >= 0 {
			e := extra[j]
			extra = append(extra[:j], extra[j+1:]...)
			m.issue(e.off, mt.off, "site "+mt.key+" "+e.key, "%s %s of the source is %s in the target: keep site syntax as it is", mt.what, quoteCode(mt.text), quoteCode(e.text))
			continue
		}
		if mt.what == "admonition marker" && strings.Trim(mt.key, ":") == "" {
			if op := openerToken(ss, mt); op != nil {
				for _, tt := range ts {
					if tt.key == op.key {
						m.issue(tt.off, mt.off, "site drop "+mt.key+" "+op.key, "the target drops the closing %s of the admonition opened at %s (the source closes it at %s): restore it",
							quoteCode(mt.text), m.tgt.doc.Position(tt.off), m.src.doc.Position(mt.off))
						break
					}
				}
				continue
			}
		}
		m.issue(dropAt(s, t, mt.off), mt.off, "site drop "+mt.key, "the target drops the %s %s: restore it", mt.what, quoteCode(mt.text))
	}
	for _, e := range extra {
		m.issue(e.off, -1, "site add "+e.key, "the target adds the %s %s, which the source does not have: remove it", e.what, quoteCode(e.text))
	}
}

// proseMarkers re-keys the MkDocs-style markers ("!!!", "???", "===") of
// ts by the marker alone. The codec keeps a real MkDocs admonition's marker
// line out of every block, so one found in a block's text is a line the
// codec reads as prose (a Grav notice, "!!! Si vous…", or an admonition
// whose body is not indented): the words after the marker are text a
// translation changes.
func proseMarkers(ts []siteToken) {
	for i := range ts {
		if t := &ts[i]; t.what == "admonition marker" && !strings.HasPrefix(t.key, ":") {
			t.key, _, _ = strings.Cut(t.key, " ")
		}
	}
}

// openerToken returns the admonition marker of ts that close closes.
func openerToken(ts []siteToken, close siteToken) *siteToken {
	depth := 0
	for i := len(ts) - 1; i >= 0; i-- {
		k := &ts[i]
		if k.off >= close.off || k.what != "admonition marker" {
			continue
		}
		switch {
		case k.open && depth == 0:
			return k
		case k.open:
			depth--
		case strings.Trim(k.key, ":") == "":
			depth++
		}
	}
	return nil
}
