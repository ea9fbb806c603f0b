package memory

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// Scorer scores units against one query. It is built once per lookup and
// is not safe for concurrent use.
type Scorer struct {
	q       Query
	opts    Options
	key     string
	loose   string
	toks    []token
	content []token
	head    heading // the heading or list number the query starts with (see headingOf)
	hasHead bool
	rest    []token                   // the query's tokens after its heading number, if any
	restC   []token                   // the content tokens of rest
	codes   map[string]*document.Code // the query's codes by placeholder
	terms   map[string]int            // glossary terms of the query (nil: not computed)
}

// NewScorer prepares the scoring of units against q.
func NewScorer(q Query, o Options) *Scorer {
	key := q.SourceKey()
	toks := tokenize(key)
	content := contentTokens(toks)
	s := &Scorer{q: q, opts: o, key: key, loose: LooseKey(key), toks: toks, content: content,
		rest: toks, restC: content, codes: placeholders(q.Source)}
	if s.head, s.hasHead = headingOf(key); s.hasHead {
		s.rest = toks[s.head.toks:]
		s.restC = contentTokens(s.rest)
	}
	return s
}

// WithMin returns a Scorer of the same query whose matches must reach min
// instead of the query's Min; the two share the query's tokens.
func (s *Scorer) WithMin(min int) *Scorer {
	c := *s
	c.q.Min = min
	return &c
}

// Key returns the query's key.
func (s *Scorer) Key() string { return s.key }

// Score scores u against q, as the package documentation describes, and
// reports whether the score reaches q.Min.
func Score(q Query, u Unit, o Options) (Match, bool) {
	return NewScorer(q, o).Score(u)
}

// Score scores u against the query and reports whether the score reaches
// the query's Min.
func (s *Scorer) Score(u Unit) (Match, bool) {
	m := Match{Unit: u}
	ukey := u.Source.Key()
	ucodes := placeholders(u.Source)
	if ukey == s.key {
		pairs := map[string]string{}
		for p := range ucodes {
			pairs[p] = p
		}
		changed := s.codeChanges(ucodes, pairs)
		m.Target = s.adapt(u, ucodes, pairs)
		m.Level, m.Score = Exact, 100
		if len(changed) > 0 {
			m.Level = NearExact
			for _, c := range changed {
				m.Penalties = append(m.Penalties, penalty(PenaltyCode, c))
			}
			m.Score = finalScore(100, m.Penalties)
			m.Diff = s.diff(ukey)
		} else if (s.q.Prev != 0 || s.q.Next != 0) && s.q.Prev == u.Prev && s.q.Next == u.Next {
			m.Level, m.Score = InContext, 101
		}
		return m, m.Score >= s.q.min()
	}

	utoks := tokenize(ukey)
	uh, uhead := headingOf(ukey)
	// A heading number that differs, or that one source only has, is
	// compared apart: the rest of the sources as if both had the query's.
	headDiffers := (s.hasHead || uhead) && !(s.hasHead && uhead && s.head.num == uh.num)
	qtoks, qcontent := s.toks, s.content
	if headDiffers {
		qtoks, qcontent = s.rest, s.restC
		if uhead {
			utoks = utoks[uh.toks:]
		}
	}
	ucontent := contentTokens(utoks)
	al := align(qcontent, ucontent, wordCost)

	pairs := map[string]string{} // unit placeholder -> query placeholder
	dist, numDiff := 0, 0        // dist in hundredths of a word
	var numbers [][2]string      // differing numbers, unit -> query
	numbersOnly := true          // nothing but numbers differs (folded)
	caseDiff, diacritics, inclusive := false, false, false
	var codePen []string
	for _, a := range al {
		switch {
		case a.q >= 0 && a.u >= 0:
			qt, ut := qcontent[a.q], ucontent[a.u]
			if qt.kind == tokCode && ut.kind == tokCode && codeKind(qt.text) == codeKind(ut.text) {
				pairs[ut.text] = qt.text
			}
			if qt.fold != ut.fold {
				dist += int(wordCost(qt, ut))
				numbersOnly = false
				if qt.kind == tokCode || ut.kind == tokCode {
					codePen = append(codePen, codeDetail(qt, ut))
				}
				if qt.kind == tokNumber || ut.kind == tokNumber {
					numbers = append(numbers, [2]string{textIf(ut, tokNumber), textIf(qt, tokNumber)})
				}
				continue
			}
			switch {
			case qt.kind == tokNumber && qt.text != ut.text:
				numDiff++
				numbers = append(numbers, [2]string{ut.text, qt.text})
			case qt.kind == tokWord && strings.ContainsFunc(qt.text+ut.text, inclusiveDot):
				inclusive = true // the fold hides it: "élu·e·s", "élus"
			case qt.kind == tokWord && strings.ToLower(qt.text) != strings.ToLower(ut.text):
				diacritics = true // the fold hides it: "A propos", "À propos"
			case qt.kind == tokWord && qt.text != ut.text:
				caseDiff = true
			}
		case a.q >= 0:
			qt := qcontent[a.q]
			dist += int(gapCost(qt))
			numbersOnly = false
			if qt.kind == tokCode {
				codePen = append(codePen, "+"+qt.text)
			}
			if qt.kind == tokNumber {
				numbers = append(numbers, [2]string{"", qt.text})
			}
		default:
			ut := ucontent[a.u]
			dist += int(gapCost(ut))
			numbersOnly = false
			if ut.kind == tokCode {
				codePen = append(codePen, "-"+ut.text)
			}
			if ut.kind == tokNumber {
				numbers = append(numbers, [2]string{ut.text, ""})
			}
		}
	}
	codePen = append(codePen, s.codeChanges(ucodes, pairs)...)
	var pens []Penalty
	if caseDiff {
		pens = append(pens, penalty(PenaltyCase, ""))
	}
	if diacritics {
		pens = append(pens, penalty(PenaltyDiacritic, ""))
	}
	if inclusive {
		pens = append(pens, penalty(PenaltyInclusive, ""))
	}
	if punctuation(qtoks) != punctuation(utoks) {
		pens = append(pens, penalty(PenaltyPunctuation, ""))
	}
	for _, c := range codePen {
		pens = append(pens, penalty(PenaltyCode, c))
	}
	m.Target = s.adapt(u, ucodes, pairs)
	m.Diff = s.diff(ukey)

	missing := slices.ContainsFunc(codePen, func(c string) bool { return c[0] == '+' || c[0] == '-' })
	if !headDiffers && s.loose == LooseKey(ukey) && !missing {
		// The same words, numbers and codes: the codes' types, case,
		// diacritics, punctuation or blanks differ. A code missing or
		// extra costs a word: the match is fuzzy.
		m.Level = NearExact
		if len(pens) == 0 {
			pens = append(pens, penalty(PenaltyBlank, ""))
		}
		m.Penalties = pens
		m.Score = finalScore(100, pens)
		return m, m.Score >= s.q.min()
	}

	m.Level = Fuzzy
	// What differs is carried into the target where it can be placed
	// with confidence, and only into a target that has all the new
	// source's codes, in order: a draft is never repaired into one with a
	// code missing or unbalanced (the match keeps its penalties, and the
	// batch its check).
	complete, checked := false, false
	canRepair := func() bool {
		if s.opts.NoRepair {
			return false
		}
		if !checked {
			complete, checked = document.CheckCodes(s.q.Source, m.Target).Err() == nil, true
		}
		return complete
	}
	lead, body := splitHeading(m.Target, uh, uhead)
	virtual := 0
	if headDiffers {
		virtual = hard // the heading number both would have
		detail := strings.TrimSpace(uh.num + " → " + s.head.num)
		if l, ok := s.headingLead(lead, body, uh, uhead); ok && canRepair() {
			lead, m.Repaired = l, true
			pens = append(pens, penalty(PenaltyHeadingNumber, detail))
		} else {
			// Not placed: it costs as any number that differs.
			dist += hard
			numbersOnly = false
			numbers = append(numbers, [2]string{uh.num, s.head.num})
		}
	}
	if numbersOnly && numDiff > 0 && canRepair() {
		if t, ok := repair(body, numbers); ok {
			body, m.Repaired = t, true
			for _, n := range numbers {
				pens = append(pens, penalty(PenaltyRepair, n[0]+" → "+n[1]))
			}
			numbers, numDiff = nil, 0
		}
	}
	m.Target = withLead(lead, body)
	terms := s.termDiff(u)
	if len(terms) == 2 && len(numbers) == 0 && len(codePen) == 0 && s.opts.TermSwap != nil && canRepair() {
		// One concept for another, the rest alike: its target term is
		// swapped, where the target holds it once.
		old, new := u.Source.Plain(), s.q.Source.Plain()
		if headDiffers {
			old, new = stripHeading(old), stripHeading(new) // the heading number is repaired
		}
		from, to, ok := s.opts.TermSwap(old, new, m.Target.Plain(), s.q.TgtLang)
		if t, done := replaceOnce(m.Target, from, to); ok && done {
			m.Target, m.Repaired = t, true
			m.Penalties = append(pens, penalty(PenaltyRepair, from+" → "+to))
			m.Score = finalScore(100, m.Penalties)
			return m, m.Score >= s.q.min()
		}
	}
	dist += numDiff * hard
	longer := max(weight(qcontent), weight(ucontent)) + virtual
	base := 0
	if longer > 0 {
		base = 100 * (longer - dist) / longer
	}
	for _, n := range numbers {
		pens = append(pens, penalty(PenaltyNumber, strings.TrimSpace(n[0]+" → "+n[1])))
	}
	for _, t := range terms {
		pens = append(pens, penalty(PenaltyTerm, t))
	}
	m.Penalties = pens
	m.Score = finalScore(base, pens)
	return m, m.Score >= s.q.min()
}

// splitHeading returns the text target starts with that stands for the
// heading number h of the unit's source (ok: it has one): h's number as
// written, the target's own mark after it if any ("." or ")"), and the
// blanks that follow ("2. "); and the rest of target. When target does not
// start so, it returns "" and target.
func splitHeading(target document.Content, h heading, ok bool) (string, document.Content) {
	if !ok || len(target) == 0 || target[0].Code != nil || !strings.HasPrefix(target[0].Text, h.num) {
		return "", target
	}
	text := target[0].Text
	i := len(h.num)
	if i < len(text) && (text[i] == '.' || text[i] == ')') {
		i++
	}
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isSpace(r) {
			break
		}
		j += n
	}
	if j == i || (j == len(text) && len(target) == 1) {
		return "", target // "2.35", "2.3" for "2", "23": another number
	}
	body := slices.Clone(target)
	if body[0].Text = text[j:]; body[0].Text == "" {
		body = body[1:]
	}
	return text[:j], body
}

// headingLead returns what starts the target in place of its heading
// number for the query's: lead is the text standing for the heading number
// uh of the unit's source in the target (see splitHeading), body the rest
// of the target, uhead whether the unit's source has one. The number is
// replaced (the target's mark kept), removed, or added as the new source
// writes it. It reports false where the number cannot be placed with
// confidence: the unit's source has one and the target does not start
// with it as written, or the unit's source has none and the target starts
// with a number of its own.
func (s *Scorer) headingLead(lead string, body document.Content, uh heading, uhead bool) (string, bool) {
	switch {
	case uhead && lead == "":
		return "", false
	case uhead && !s.hasHead:
		return "", true // removed
	case uhead:
		return s.head.num + lead[len(uh.num):], true
	}
	if len(body) > 0 && body[0].Code == nil {
		if r, _ := utf8.DecodeRuneInString(body[0].Text); isDigit(r) {
			return "", false
		}
		if _, ok := headingOf(body[0].Text); ok {
			return "", false
		}
	}
	return s.head.mark + " ", true // added, as the new source writes it
}

// withLead returns body with lead written before it.
func withLead(lead string, body document.Content) document.Content {
	if lead == "" {
		return body
	}
	out := make(document.Content, 0, len(body)+1)
	if len(body) > 0 && body[0].Code == nil {
		out = append(out, document.Run{Text: lead + body[0].Text})
		return append(out, body[1:]...)
	}
	out = append(out, document.Run{Text: lead})
	return append(out, body...)
}

// replaceOnce returns c with from, found once in its text runs and inside
// one of them, written to; it reports false, and c, otherwise.
func replaceOnce(c document.Content, from, to string) (document.Content, bool) {
	if from == "" {
		return c, false
	}
	at, n := -1, 0
	for i, r := range c {
		if r.Code == nil {
			if k := strings.Count(r.Text, from); k > 0 {
				at, n = i, n+k
			}
		}
	}
	if n != 1 {
		return c, false
	}
	out := slices.Clone(c)
	out[at].Text = strings.Replace(out[at].Text, from, to, 1)
	return out, true
}

func penalty(k PenaltyKind, detail string) Penalty {
	return Penalty{Kind: k, Points: points[k], Detail: detail}
}

// finalScore takes the penalties off base; a match that is not exact never
// reaches 100.
func finalScore(base int, pens []Penalty) int {
	for _, p := range pens {
		base -= p.Points
	}
	return max(0, min(base, 99))
}

func textIf(t token, k tokKind) string {
	if t.kind == k {
		return t.text
	}
	return ""
}

func codeDetail(q, u token) string {
	switch {
	case q.kind == tokCode && u.kind == tokCode:
		return u.text + " → " + q.text
	case q.kind == tokCode:
		return "+" + q.text
	default:
		return "-" + u.text
	}
}

// codeKind returns the kind of code a placeholder stands for.
func codeKind(p string) document.CodeKind {
	kind, _, _ := document.ParsePlaceholder(p)
	return kind
}

// codeChanges lists the paired codes whose type differs between the unit's
// source and the query (both known).
func (s *Scorer) codeChanges(ucodes map[string]*document.Code, pairs map[string]string) []string {
	var out []string
	keys := make([]string, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, up := range keys {
		uc, qc := ucodes[up], s.codes[pairs[up]]
		if uc == nil || qc == nil || uc.Kind == document.Close {
			continue
		}
		if uc.Type != "" && qc.Type != "" && uc.Type != qc.Type {
			out = append(out, up+" "+uc.Type+" → "+qc.Type)
		}
	}
	return out
}

// punctuation returns the punctuation marks of a token list, in order.
func punctuation(ts []token) string {
	var b strings.Builder
	for _, t := range ts {
		if t.kind == tokPunct {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// termDiff returns the glossary terms found in one source and not the other.
func (s *Scorer) termDiff(u Unit) []string {
	if s.opts.Terms == nil {
		return nil
	}
	if s.terms == nil {
		s.terms = map[string]int{}
		for _, t := range s.opts.Terms(s.q.Source.Plain()) {
			s.terms[t]++
		}
	}
	ut := map[string]int{}
	for _, t := range s.opts.Terms(u.Source.Plain()) {
		ut[t]++
	}
	var out []string
	for t := range s.terms {
		if ut[t] == 0 {
			out = append(out, t)
		}
	}
	for t := range ut {
		if s.terms[t] == 0 {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// placeholders returns the codes of c by the placeholder Content.Key gives
// them (document.Content.Placeholders).
func placeholders(c document.Content) map[string]*document.Code {
	out := map[string]*document.Code{}
	for p, code := range c.Placeholders() {
		out[p] = code
	}
	return out
}

// adapt returns the unit's target with its codes replaced by the query's
// codes they correspond to; a code without a counterpart is dropped.
func (s *Scorer) adapt(u Unit, ucodes map[string]*document.Code, pairs map[string]string) document.Content {
	type idKind struct {
		id   string
		kind document.CodeKind
	}
	byID := map[idKind]string{}
	for p, c := range ucodes {
		byID[idKind{c.ID, c.Kind}] = p
	}
	out := make(document.Content, 0, len(u.Target))
	for _, r := range u.Target {
		if r.Code == nil {
			if n := len(out); n > 0 && out[n-1].Code == nil {
				out[n-1].Text += r.Text
				continue
			}
			out = append(out, document.Run{Text: r.Text})
			continue
		}
		p, ok := byID[idKind{r.Code.ID, r.Code.Kind}]
		if !ok {
			continue
		}
		qc := s.codes[pairs[p]]
		if qc == nil {
			continue
		}
		c := *qc
		out = append(out, document.Run{Code: &c})
	}
	return out
}

// repair replaces, in target, each old number of numbers by its new one.
// A number is looked for as the unit's source writes it and, when it is
// not there, with its commas and points swapped: the target writes
// decimals its own way (the French "3,5" is "3.5" in English, "1.234,5"
// is "1,234.5"), and the new number is then written swapped too ("4,2"
// becomes "4.2"). It fails unless each old number stands exactly once in
// the target in the form found, the old numbers are distinct, and a new
// number with a comma replaces an old one with a comma: where the old
// number has none ("3" for "3,5"), the target's way of writing decimals
// cannot be seen.
func repair(target document.Content, numbers [][2]string) (document.Content, bool) {
	seen := map[string]bool{}
	for _, n := range numbers {
		if n[0] == "" || n[1] == "" || seen[n[0]] {
			return nil, false
		}
		seen[n[0]] = true
	}
	type place struct{ run, off, len int }
	find := func(num string) (place, int) {
		var at place
		count := 0
		for ri, r := range target {
			if r.Code != nil {
				continue
			}
			for _, off := range numberAt(r.Text, num) {
				count++
				at = place{ri, off, len(num)}
			}
		}
		return at, count
	}
	at := make([]place, len(numbers))
	to := make([]string, len(numbers))
	taken := map[place]bool{}
	for i, n := range numbers {
		p, count := find(n[0])
		to[i] = n[1]
		if sw := swapSeparators(n[0]); count == 0 && sw != n[0] {
			p, count = find(sw)
			to[i] = swapSeparators(n[1])
		} else if strings.Contains(n[1], ",") && !strings.Contains(n[0], ",") {
			return nil, false
		}
		if count != 1 || taken[p] {
			return nil, false
		}
		at[i], taken[p] = p, true
	}
	out := make(document.Content, len(target))
	copy(out, target)
	// Replace from the end of each run so earlier offsets stay valid.
	order := make([]int, len(numbers))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		pa, pb := at[order[a]], at[order[b]]
		if pa.run != pb.run {
			return pa.run < pb.run
		}
		return pa.off > pb.off
	})
	for _, i := range order {
		p := at[i]
		t := out[p.run].Text
		out[p.run].Text = t[:p.off] + to[i] + t[p.off+p.len:]
	}
	return out, true
}

// swapSeparators returns num with its commas written as points and its
// points as commas.
func swapSeparators(num string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ',':
			return '.'
		case '.':
			return ','
		}
		return r
	}, num)
}

// numberAt returns the offsets where num stands in text as a whole number
// (no digit, and no separator followed by a digit, on either side).
func numberAt(text, num string) []int {
	var out []int
	for i := 0; i+len(num) <= len(text); {
		j := strings.Index(text[i:], num)
		if j < 0 {
			break
		}
		j += i
		end := j + len(num)
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		after, _ := utf8.DecodeRuneInString(text[end:])
		ok := !unicode.IsDigit(before) && !unicode.IsDigit(after)
		if ok && j > 0 && (before == '.' || before == ',') && j >= 2 && isDigitByte(text[j-2]) {
			ok = false
		}
		if ok && (after == '.' || after == ',') && end+1 < len(text) && isDigitByte(text[end+1]) {
			ok = false
		}
		if ok {
			out = append(out, j)
		}
		i = j + 1
	}
	return out
}

// step is one column of an alignment: indexes into the two token lists, -1
// for a gap.
type step struct{ q, u int }

// align returns a minimal-cost alignment of the two token lists, in order:
// a gap costs gapCost, a substitution what cost says (0 for equal tokens).
func align(q, u []token, cost func(a, b token) int32) []step {
	n, m := len(q), len(u)
	gq, gu := make([]int32, n), make([]int32, m)
	for i, t := range q {
		gq[i] = gapCost(t)
	}
	for j, t := range u {
		gu[j] = gapCost(t)
	}
	w := m + 1
	d := make([]int32, (n+1)*w)
	for i := 1; i <= n; i++ {
		d[i*w] = d[(i-1)*w] + gq[i-1]
	}
	for j := 1; j <= m; j++ {
		d[j] = d[j-1] + gu[j-1]
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			d[i*w+j] = min(d[(i-1)*w+j-1]+cost(q[i-1], u[j-1]), d[(i-1)*w+j]+gq[i-1], d[i*w+j-1]+gu[j-1])
		}
	}
	out := make([]step, 0, max(n, m))
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && d[i*w+j] == d[(i-1)*w+j-1]+cost(q[i-1], u[j-1]):
			out = append(out, step{i - 1, j - 1})
			i, j = i-1, j-1
		case i > 0 && d[i*w+j] == d[(i-1)*w+j]+gq[i-1]:
			out = append(out, step{i - 1, -1})
			i--
		default:
			out = append(out, step{-1, j - 1})
			j--
		}
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out
}

// gapCost is what a token missing from the other list costs: a word, a
// number, a standalone code or a pair's opening code cost a whole word;
// the closing code of a pair costs nothing more (a pair is one piece of
// markup, paid for at its opening).
func gapCost(t token) int32 {
	if t.kind == tokCode && strings.HasPrefix(t.text, "{/") {
		return 0
	}
	return hard
}

// weight returns what a token list weighs in the fuzzy score's length:
// the sum of its tokens' gap costs.
func weight(ts []token) int {
	w := 0
	for _, t := range ts {
		w += int(gapCost(t))
	}
	return w
}

// hard is the cost of a gap or of a substitution of unrelated tokens, in
// hundredths of a word.
const hard = 100

// wordCost is what replacing token b by token a costs in the fuzzy score,
// in hundredths of a word: nothing for the same folded form; for two
// inflections of one word (the same stem, see stem) the share of their
// letters that differ ("règle" → "règles" 17, "échoue" → "échouent" 25);
// a whole word otherwise.
func wordCost(a, b token) int32 {
	switch {
	case a.fold == b.fold:
		return 0
	case a.kind != tokWord || b.kind != tokWord || stem(a.fold) != stem(b.fold):
		return hard
	}
	ra, rb := []rune(a.fold), []rune(b.fold)
	longer := max(len(ra), len(rb))
	return int32(max(1, (hard*EditDistance(ra, rb)+longer-1)/longer))
}

// textCost compares tokens as written, for the reviewer's diff.
func textCost(a, b token) int32 {
	if a.text == b.text {
		return 0
	}
	return hard
}

// EditDistance is the Levenshtein distance of two sequences: the letters of
// two words, the terms of two sentences.
func EditDistance[T comparable](a, b []T) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j-1]+c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// diff returns the token diff from the unit's key to the query's, tokens
// compared as written (case, numbers and punctuation count).
func (s *Scorer) diff(ukey string) []Diff {
	q, u := s.toks, tokenize(ukey)
	var out []Diff
	add := func(op DiffOp, t token) {
		text := t.text
		if t.space {
			text = " " + text
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, Diff{Op: op, Text: text})
	}
	for _, a := range align(q, u, textCost) {
		switch {
		case a.q >= 0 && a.u >= 0 && q[a.q].text == u[a.u].text:
			add(DiffEqual, q[a.q])
		case a.q >= 0 && a.u >= 0:
			add(DiffDelete, u[a.u])
			add(DiffInsert, q[a.q])
		case a.q >= 0:
			add(DiffInsert, q[a.q])
		default:
			add(DiffDelete, u[a.u])
		}
	}
	return out
}
