package markdown

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"github.com/relais-tm/relais/pkg/document"
)

// Emphasis, strong emphasis and strikethrough are written with delimiter
// runs ("*", "__", "~~") whose meaning depends on the characters beside
// them (CommonMark's left- and right-flanking rules): "_" between two
// letters opens and closes nothing, "**" after a letter and before "("
// cannot open, and runs that can both open and close pair by the "rule
// of 3". A translation puts new text beside the source's delimiters, so the
// merge checks each translated segment against a model of goldmark's
// delimiter processing (ProcessDelimiters, with goldmark's own
// ScanDelimiter for the flanking rules and CalcComsumption for the rule of
// 3) and, where the source's delimiters would not pair as they did in the
// source, changes them, cheapest first:
//
//   - the other emphasis character ("_" ↔ "*", same length, both ends of
//     the pair), which changes no text;
//   - the literal delimiter characters goldmark left beside a pair ("*a**"
//     is an emphasis and a "*") written apart, escaped ("*a*\*"), so that
//     the run has the pair's own length;
//   - as a last resort, a numeric character reference for the letter
//     beside a delimiter run ("d&#101;**(x)**"): goldmark reads a
//     delimiter's neighbours in the source bytes, where the reference ends
//     with ";" (punctuation), and reads the reference as the letter itself.
//
// A segment whose delimiters pair as they are, or whose source the model
// does not pair as goldmark did, keeps the source's delimiters; so does a
// pair that no change makes hold (its neighbour is a code: "*(a)*" before a
// bare URL), which Merge counts (mergeStats).

// piece is one stretch of a rendered segment: escaped text, or the bytes
// of a code.
type piece struct {
	text string
	code *document.Code // the source's code; nil for text
	// Literal delimiter characters written apart, escaped, before or after
	// the run of a delimiter code (see pairFix.split).
	pre, post string
}

// bytes returns what p writes.
func (p piece) bytes() string { return p.pre + p.text + p.post }

// isDelim reports whether p is an emphasis or strikethrough code, whose
// text is a delimiter run.
func (p piece) isDelim() bool {
	return p.code != nil && strings.HasPrefix(p.code.Type, "fmt:") && p.text != ""
}

// scope reports whether p opens (1) or closes (-1) a link or an image
// text, inside which goldmark pairs delimiters on their own, or neither (0).
func (p piece) scope() int {
	if p.code == nil || p.code.Type != "link" && p.code.Type != "image" {
		return 0
	}
	switch p.code.Kind {
	case document.Open:
		return 1
	case document.Close:
		return -1
	}
	return 0
}

// delimMatch is one emphasis or strikethrough goldmark would make: the
// pieces the consumed characters belong to on each side, and how many
// characters each side gives (1 for emphasis, 2 for strong emphasis).
type delimMatch struct {
	open, close []int
	n           int
}

// delimRun is one delimiter run during the model's processing.
type delimRun struct {
	d          *parser.Delimiter
	tags       []int // the piece of each character of the run
	lo, hi     int   // the characters left: tags[lo:hi]
	prev, next int   // the runs left before and after, or -1
}

// delimProcessor tells goldmark's ScanDelimiter which characters delimit.
type delimProcessor struct{}

func (delimProcessor) IsDelimiter(c byte) bool { return c == '*' || c == '_' || c == '~' }

func (delimProcessor) CanOpenCloser(o, c *parser.Delimiter) bool { return o.Char == c.Char }

func (delimProcessor) OnMatch(int) ast.Node { return nil }

// runAt returns the pieces [start, end) of the delimiter run that holds
// delimiter piece i: the delimiter pieces of the same character that touch.
func runAt(ps []piece, i int) (start, end int) {
	ch := ps[i].text[0]
	start, end = i, i+1
	for start > 0 && ps[start].pre == "" && ps[start-1].isDelim() && ps[start-1].text[0] == ch && ps[start-1].post == "" {
		start--
	}
	for end < len(ps) && ps[end-1].post == "" && ps[end].isDelim() && ps[end].text[0] == ch && ps[end].pre == "" {
		end++
	}
	return start, end
}

// runDelim returns the delimiter goldmark makes of the run ps[start:end],
// or nil.
func runDelim(ps []piece, start, end int, before, after rune) *parser.Delimiter {
	n := 0
	for _, p := range ps[start:end] {
		n += len(p.text)
	}
	if pre := ps[start].pre; pre != "" {
		before, _ = utf8.DecodeLastRuneInString(pre)
	} else {
		before = runeBefore(ps, start, before)
	}
	if post := ps[end-1].post; post != "" {
		after, _ = utf8.DecodeRuneInString(post)
	} else {
		after = runeAfter(ps, end, after)
	}
	return scanDelim(ps[start].text[0], n, before, after)
}

// delimMatches returns the emphasis and strikethrough matches goldmark
// makes among the delimiter codes of ps, given the characters before and
// after them in the document.
func delimMatches(ps []piece, before, after rune) []delimMatch {
	var out []delimMatch
	var runs []*delimRun
	var bottoms []int
	for i := 0; i < len(ps); {
		p := ps[i]
		if !p.isDelim() {
			switch p.scope() {
			case 1:
				bottoms = append(bottoms, len(runs))
			case -1:
				if n := len(bottoms); n > 0 {
					bottom := bottoms[n-1]
					bottoms = bottoms[:n-1]
					out = processDelims(runs[bottom:], out)
					runs = runs[:bottom]
				}
			}
			i++
			continue
		}
		_, end := runAt(ps, i)
		if d := runDelim(ps, i, end, before, after); d != nil {
			var tags []int
			for j := i; j < end; j++ {
				for range len(ps[j].text) {
					tags = append(tags, j)
				}
			}
			runs = append(runs, &delimRun{d: d, tags: tags, hi: len(tags)})
		}
		i = end
	}
	return processDelims(runs, out)
}

// scanDelim returns the delimiter goldmark makes of n characters ch between
// the runes before and after, or nil when they delimit nothing.
func scanDelim(ch byte, n int, before, after rune) *parser.Delimiter {
	if ch == '~' && (n > 2 || before == '~') {
		return nil // goldmark's strikethrough takes "~" and "~~" only, never after "~"
	}
	line := utf8.AppendRune([]byte(strings.Repeat(string(ch), n)), after)
	return parser.ScanDelimiter(line, before, 1, delimProcessor{})
}

// processDelims pairs runs as goldmark's ProcessDelimiters does and appends
// the matches to out. The runs left are linked as goldmark links its
// delimiters, so that a pass costs what goldmark's does.
func processDelims(runs []*delimRun, out []delimMatch) []delimMatch {
	for i, r := range runs {
		r.prev, r.next = i-1, i+1
	}
	if n := len(runs); n > 0 {
		runs[n-1].next = -1
	}
	remove := func(k int) {
		r := runs[k]
		if r.prev >= 0 {
			runs[r.prev].next = r.next
		}
		if r.next >= 0 {
			runs[r.next].prev = r.prev
		}
	}
	for ci := 0; ci >= 0 && ci < len(runs); {
		closer := runs[ci]
		if !closer.d.CanClose {
			ci = closer.next
			continue
		}
		oi, consume, maybe := -1, 0, false
		for k := closer.prev; k >= 0; k = runs[k].prev {
			o := runs[k]
			if !o.d.CanOpen || o.d.Char != closer.d.Char {
				continue
			}
			maybe = true
			if consume = o.d.CalcComsumption(closer.d); consume > 0 {
				oi = k
				break
			}
		}
		if oi < 0 {
			next := closer.next
			if !maybe && !closer.d.CanOpen {
				remove(ci)
			}
			ci = next
			continue
		}
		opener := runs[oi]
		opener.d.ConsumeCharacters(consume)
		closer.d.ConsumeCharacters(consume)
		out = append(out, delimMatch{
			open:  opener.tags[opener.hi-consume : opener.hi],
			close: closer.tags[closer.lo : closer.lo+consume],
			n:     consume,
		})
		opener.hi -= consume
		closer.lo += consume
		for k := opener.next; k >= 0 && k != ci; k = runs[k].next {
			remove(k)
		}
		if opener.d.Length == 0 {
			remove(oi)
		}
		if closer.d.Length == 0 {
			next := closer.next
			remove(ci)
			ci = next
		}
	}
	return out
}

// runeBefore returns the last rune written before piece i, or before.
func runeBefore(ps []piece, i int, before rune) rune {
	for k := i - 1; k >= 0; k-- {
		if b := ps[k].bytes(); b != "" {
			r, _ := utf8.DecodeLastRuneInString(b)
			return r
		}
	}
	return before
}

// runeAfter returns the first rune written from piece i on, or after.
func runeAfter(ps []piece, i int, after rune) rune {
	for k := i; k < len(ps); k++ {
		if b := ps[k].bytes(); b != "" {
			r, _ := utf8.DecodeRuneInString(b)
			return r
		}
	}
	return after
}

// delimPairs returns the delimiter pairs of ps whose two ends are both in
// ps: the index of the close piece by the index of the open piece.
func delimPairs(ps []piece) map[int]int {
	open := map[string]int{}
	out := map[int]int{}
	for i, p := range ps {
		if !p.isDelim() {
			continue
		}
		switch p.code.Kind {
		case document.Open:
			open[p.code.ID] = i
		case document.Close:
			if o, ok := open[p.code.ID]; ok {
				out[o] = i
			}
		}
	}
	return out
}

// pairsHold reports whether the matches ms make exactly the pairs of ps:
// one match per pair, of its own two codes, with the level of its code
// (one character for emphasis, two for strong emphasis), and no other
// match. It also returns the open pieces of the pairs that do not hold.
func pairsHold(ps []piece, ms []delimMatch) (bool, []int) {
	pairs := delimPairs(ps)
	openOf := map[int]int{}
	for o, c := range pairs {
		openOf[o], openOf[c] = o, o
	}
	good := map[int]int{} // matches by pair
	bad := map[int]bool{}
	stray := false // a match of codes whose pair is not all in ps
	for _, m := range ms {
		o, c := single(m.open), single(m.close)
		if pc, ok := pairs[o]; ok && c >= 0 && pc == c && m.n == level(ps[o].code.Type, m.n) {
			good[o]++
			continue
		}
		for _, k := range append(append([]int(nil), m.open...), m.close...) {
			if p, ok := openOf[k]; ok {
				bad[p] = true
			} else {
				stray = true
			}
		}
	}
	var out []int
	for o := range pairs {
		if good[o] != 1 || bad[o] {
			out = append(out, o)
		}
	}
	sort.Ints(out)
	return len(out) == 0 && !stray, out
}

// single returns the one piece all of tags belong to, or -1.
func single(tags []int) int {
	for _, t := range tags[1:] {
		if t != tags[0] {
			return -1
		}
	}
	return tags[0]
}

// level returns how many delimiter characters a match of a code of type
// typ takes: 1 for emphasis, 2 for strong emphasis, and n (any) for a
// strikethrough.
func level(typ string, n int) int {
	switch typ {
	case "fmt:em":
		return 1
	case "fmt:strong":
		return 2
	}
	return n
}

// pairFix says how a pair of delimiter codes is written: as in the source
// (the zero value), or changed so that goldmark pairs it (see fixDelims).
type pairFix struct {
	swap       bool // "_a_" → "*a*": the other emphasis character
	split      bool // "*a**" → "*a*\*": its literal characters written apart
	guardOpen  bool // "b**(a)**" → "&#98;**(a)**": the letter before it as a reference
	guardClose bool // "**(a)**b" → "**(a)**&#98;": the letter after it as a reference
}

// cost ranks fixes: a character reference (refCost) after any number of
// changed delimiters.
func (f pairFix) cost() int {
	c := 0
	for _, b := range []bool{f.swap, f.split} {
		if b {
			c++
		}
	}
	for _, b := range []bool{f.guardOpen, f.guardClose} {
		if b {
			c += refCost
		}
	}
	return c
}

const (
	refCost       = 1 << 16
	maxExhaustive = 1 << 10 // ways of writing a segment's pairs all tried together
	maxRuns       = 200     // runs of the model in the greedy search
)

// fixer holds a segment's pieces as rendered (orig) and as the fixes
// chosen for its pairs write them (cur). Setting a pair's fix redraws the
// few pieces it touches, in place: fixes never add or remove pieces.
type fixer struct {
	orig, cur     []piece
	pairs         map[int]int // close pieces by open piece
	opens         map[int]int // open pieces by close piece
	fixes         map[int]pairFix
	before, after rune
}

// fixDelims returns ps with the delimiters of its pairs changed so that
// goldmark pairs them as the source's were paired (src returns the source
// segment's pieces), and the number of pairs it could not make hold. ps
// comes back as it is when it already pairs or when the model does not
// pair src as goldmark did.
//
// When the segment's pairs can be written in few ways altogether, it takes
// the cheapest that makes every pair hold. Otherwise, or if there is none,
// each pair that does not hold takes the cheapest way under which its
// delimiter runs can open and close where they stand (a look at its two
// runs, not a run of the model); then, while some pair still does not hold
// and for at most maxRuns runs of the model, the cheapest change of one
// pair that leaves fewer pairs not holding. Whatever helped is kept.
func fixDelims(src func() []piece, ps []piece, before, after rune) ([]piece, int) {
	if !slices.ContainsFunc(ps, piece.isDelim) {
		return ps, 0
	}
	bad := badPairs(ps, before, after)
	if len(bad) == 0 || len(badPairs(src(), before, after)) > 0 {
		return ps, 0
	}
	x := &fixer{orig: ps, cur: slices.Clone(ps), pairs: delimPairs(ps), opens: map[int]int{},
		fixes: map[int]pairFix{}, before: before, after: after}
	var opens []int
	for o, c := range x.pairs {
		x.opens[c] = o
		opens = append(opens, o)
	}
	sort.Ints(opens)
	if x.exhaustive(opens) {
		return x.cur, 0
	}
	for _, o := range bad {
		for _, f := range x.options(o) {
			x.set(o, f)
			if x.canWork(o) && x.canWork(x.pairs[o]) {
				break
			}
			x.set(o, pairFix{})
		}
	}
	bad = badPairs(x.cur, before, after)
	for runs := 0; len(bad) > 0 && runs < maxRuns; {
		improved := false
	search:
		for _, set := range [][]int{bad, opens} {
			for _, o := range set {
				was := x.fixes[o]
				for _, f := range x.options(o) {
					if f == was {
						continue
					}
					if runs++; runs > maxRuns {
						x.set(o, was)
						break search
					}
					x.set(o, f)
					if b := badPairs(x.cur, before, after); len(b) < len(bad) {
						bad, improved = b, true
						break search
					}
				}
				x.set(o, was)
			}
		}
		if !improved {
			break // no way out for the pairs left
		}
	}
	return x.cur, len(bad)
}

// exhaustive tries every way of writing the pairs opened at opens, when
// there are few, cheapest first, and keeps the first under which every
// pair holds.
func (x *fixer) exhaustive(opens []int) bool {
	total := 1
	options := make([][]pairFix, len(opens))
	for i, o := range opens {
		options[i] = x.options(o)
		if total *= len(options[i]); total > maxExhaustive {
			return false
		}
	}
	type way struct{ idx, cost int }
	ways := make([]way, total)
	for n := range ways {
		ways[n].idx = n
		for i, m := 0, n; i < len(opens); i++ {
			ways[n].cost += options[i][m%len(options[i])].cost()
			m /= len(options[i])
		}
	}
	sort.SliceStable(ways, func(i, j int) bool { return ways[i].cost < ways[j].cost })
	for _, w := range ways[1:] { // ways[0]: the source's, which does not hold
		for i, m := 0, w.idx; i < len(opens); i++ {
			x.set(opens[i], options[i][m%len(options[i])])
			m /= len(options[i])
		}
		if len(badPairs(x.cur, x.before, x.after)) == 0 {
			return true
		}
	}
	for _, o := range opens {
		x.set(o, pairFix{})
	}
	return false
}

// options returns the ways pair o can be written, the source's first, then
// cheapest first.
func (x *fixer) options(o int) []pairFix {
	c := x.pairs[o]
	var flags []func(*pairFix)
	if ch := x.orig[o].text[0]; ch == '*' || ch == '_' {
		flags = append(flags, func(f *pairFix) { f.swap = true })
	}
	if w := pairWidth(x.orig, o, c); len(x.orig[o].text) > w || len(x.orig[c].text) > w {
		flags = append(flags, func(f *pairFix) { f.split = true })
	}
	if o > 0 && guardable(x.orig[o-1], false) {
		flags = append(flags, func(f *pairFix) { f.guardOpen = true })
	}
	if c+1 < len(x.orig) && guardable(x.orig[c+1], true) {
		flags = append(flags, func(f *pairFix) { f.guardClose = true })
	}
	out := make([]pairFix, 0, 1<<len(flags))
	for bits := range 1 << len(flags) {
		var f pairFix
		for i, set := range flags {
			if bits&(1<<i) != 0 {
				set(&f)
			}
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].cost() < out[j].cost() })
	return out
}

// set writes pair o with fix f.
func (x *fixer) set(o int, f pairFix) {
	x.fixes[o] = f
	c := x.pairs[o]
	for _, k := range []int{o - 1, o, c, c + 1} {
		if k >= 0 && k < len(x.orig) {
			x.redraw(k)
		}
	}
}

// redraw writes piece k again from its source form and the fixes of the
// pairs it belongs to or touches.
func (x *fixer) redraw(k int) {
	p := x.orig[k]
	switch {
	case p.isDelim():
		o, ok := k, true
		if p.code.Kind == document.Close {
			o, ok = x.opens[k]
		}
		f := x.fixes[o]
		if !ok || !f.swap && !f.split {
			x.cur[k] = p
			return
		}
		ch := p.text[0]
		n := len(p.text) - pairWidth(x.orig, o, x.pairs[o]) // literal characters
		// "\~" would not do: goldmark's strikethrough takes no "~" after a
		// "~", escaped or not.
		lit := strings.Repeat(map[byte]string{'*': `\*`, '_': `\_`, '~': "&#126;"}[ch], n)
		if f.swap && ch == '*' {
			ch = '_'
		} else if f.swap {
			ch = '*'
		}
		p.text = strings.Repeat(string(ch), len(p.text)-n)
		if p.code.Kind == document.Open {
			p.pre = lit
		} else {
			p.post = lit
		}
		x.cur[k] = p
	case p.code == nil:
		first, last := false, false
		if o, ok := x.opens[k-1]; ok {
			first = x.fixes[o].guardClose
		}
		if _, ok := x.pairs[k+1]; ok {
			last = x.fixes[k+1].guardOpen
		}
		if first || last {
			p.text = guard(p.text, first, last)
		}
		x.cur[k] = p
	}
}

// canWork reports whether the run holding delimiter piece k can open (an
// open code) or close (a close code) where it stands.
func (x *fixer) canWork(k int) bool {
	start, end := runAt(x.cur, k)
	d := runDelim(x.cur, start, end, x.before, x.after)
	if x.cur[k].code.Kind == document.Open {
		return d != nil && d.CanOpen
	}
	return d != nil && d.CanClose
}

// badPairs returns the open pieces of the pairs of ps that goldmark would
// not pair as they are.
func badPairs(ps []piece, before, after rune) []int {
	_, bad := pairsHold(ps, delimMatches(ps, before, after))
	return bad
}

// pairWidth returns how many of the characters of the pair's codes
// delimit: the level of an emphasis, the shorter end of a strikethrough.
// The others are literal characters goldmark left beside the pair, which
// the extractor puts in the code (see absorbDelimiters): the outer ones.
func pairWidth(ps []piece, o, c int) int {
	return level(ps[o].code.Type, min(len(ps[o].text), len(ps[c].text)))
}

// guardable reports whether the rune of text piece p at its start (first)
// or end is neither a blank nor punctuation, so that a character reference
// for it puts punctuation beside the delimiter run.
func guardable(p piece, first bool) bool {
	if p.code != nil || p.text == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p.text)
	if first {
		r, _ = utf8.DecodeRuneInString(p.text)
	}
	return r != utf8.RuneError && !util.IsSpaceRune(r) && !util.IsPunctRune(r)
}

// guard returns t with its first and/or last rune written as a character
// reference.
func guard(t string, first, last bool) string {
	r, n := utf8.DecodeRuneInString(t)
	if n == len(t) {
		return charRef(r) // one rune, before and after a run
	}
	if first {
		t = charRef(r) + t[n:]
	}
	if last {
		r, n = utf8.DecodeLastRuneInString(t)
		t = t[:len(t)-n] + charRef(r)
	}
	return t
}

// charRef returns the decimal character reference for r: "&#101;".
func charRef(r rune) string { return "&#" + strconv.Itoa(int(r)) + ";" }

// sourcePieces returns the pieces of segment s as they stand in the source.
func sourcePieces(doc *document.Document, s *document.Segment) []piece {
	var ps []piece
	for _, r := range s.Source {
		if r.Span.Len() > 0 {
			ps = append(ps, piece{text: doc.Text(r.Span), code: r.Code})
		}
	}
	return ps
}

// segmentBounds returns the runes the merge takes for those before and
// after segment s of block b: the source's, or a line break at the block's
// ends (where goldmark sees the start or end of a line).
func segmentBounds(doc *document.Document, b *document.Block, s *document.Segment) (before, after rune) {
	before, after = '\n', '\n'
	if s.Span.Start > b.Span.Start {
		before, _ = utf8.DecodeLastRune(doc.Source[:s.Span.Start])
	}
	if s.Span.End < b.Span.End {
		after, _ = utf8.DecodeRune(doc.Source[s.Span.End:])
	}
	return before, after
}
