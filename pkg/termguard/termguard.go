package termguard

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/mt"
)

// Options configure a Guard. The zero value protects glossary terms only.
type Options struct {
	// Fixed finds more spans of a source text to protect, with what each
	// becomes in the target language: typography.DateSpans renders
	// French dates.
	Fixed func(text string, to language.Tag) ([]document.Span, []string)
	// MinContext is how many unambiguous hits of the same subject field a
	// segment needs for an ambiguous hit to be taken in that sense; 2
	// when zero.
	MinContext int
	// Verify is for an engine that is given the terms and keeps them
	// itself (DeepL's glossary, a language model's instructions): the
	// source goes to the engine as it is, with the terms each segment
	// holds in mt.Request.Terms, and each draft is verified against the
	// termbase afterwards. A draft with a forbidden term fails (its
	// Result.Err: the fallback engine takes it, or it is left
	// untranslated and flagged); one that misses a term gets a
	// "term-missing" warning. Fixed spans are left to the engine.
	Verify bool
}

// Guard is the decorator. It is safe for concurrent use.
type Guard struct {
	next mt.Translator
	tb   *glossary.Termbase
	opts Options

	mu       sync.Mutex
	matchers map[language.Tag]*glossary.Matcher
}

// New returns a Guard that protects the terms of tb around next.
func New(next mt.Translator, tb *glossary.Termbase, opts Options) *Guard {
	if opts.MinContext <= 0 {
		opts.MinContext = 2
	}
	return &Guard{next: next, tb: tb, opts: opts, matchers: map[language.Tag]*glossary.Matcher{}}
}

func (g *Guard) matcher(lang language.Tag) *glossary.Matcher {
	g.mu.Lock()
	defer g.mu.Unlock()
	m, ok := g.matchers[lang]
	if !ok {
		m = glossary.NewMatcher(g.tb, lang)
		g.matchers[lang] = m
	}
	return m
}

// tokenPrefix starts every protected token; a segment that already holds
// it is sent unprotected.
const tokenPrefix = "Zqx"

var tokenRE = regexp.MustCompile(tokenPrefix + `[a-z]+`)

// token returns the i-th protected token: Zqxa, Zqxb, … Zqxz, Zqxba…
// (letters only: one word the engine does not know)
func token(i int) string {
	s := ""
	for {
		s = string(rune('a'+i%26)) + s
		i /= 26
		if i == 0 {
			break
		}
	}
	return tokenPrefix + s
}

// item is one protected span of a segment.
type item struct {
	start, end int    // in the segment's plain text
	target     string // what the token becomes
	after      string // the source word after the span ("" when none)
	token      string
	term       *glossary.Term    // the target term, nil for a span that is not a term
	concept    *glossary.Concept // the term's concept, with term
	source     *glossary.Term    // the source term as written (its form's gender and number), with term
	place      bool              // a city: its token is a city's name (placeTokens)
	verbatim   bool              // a span written as it is (an address, a name): never capitalised
}

// placeSubject is the subject of the termbase's cities.
const placeSubject = "cities"

// placeTokens stand for the cities of a segment in the engine's input, in
// this order, where the segment does not name them: names of cities that
// Apertium knows, written alike in French, Spanish and English, so that
// it renders the preposition before a city as it would before the city's
// own name ("à Beyrouth" is "en Beirut", "in Beirut", where a token it
// does not know gave "a Beirut", "to Beirut"; "il va à Beyrouth" is
// still "va a Beirut").
var placeTokens = []string{"Toronto", "Chicago", "Montevideo", "Caracas", "Dakar"}

// tokens returns what finds the tokens of items in an engine's output.
func tokens(items []item) *regexp.Regexp {
	alt := []string{tokenPrefix + `[a-z]+`}
	for _, it := range items {
		if !strings.HasPrefix(it.token, tokenPrefix) {
			alt = append(alt, `\b`+regexp.QuoteMeta(it.token)+`\b`)
		}
	}
	if len(alt) == 1 {
		return tokenRE
	}
	return regexp.MustCompile(strings.Join(alt, "|"))
}

// plan is what protection did to one segment.
type plan struct {
	items []item
	notes []finding.Finding
	amb   []glossary.Hit // ambiguous hits left to the engine
	hits  []glossary.Hit // every hit of the segment, as the matcher found them (what verify checks)
}

// Translate implements mt.Translator.
func (g *Guard) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	src := g.matcher(req.From)
	named := namedConcepts(src, req)
	if g.opts.Verify {
		return g.verify(ctx, src, req, named)
	}
	plans := make([]plan, len(req.Segments))
	protected := make([]document.Content, len(req.Segments))
	for i, seg := range req.Segments {
		plans[i] = g.plan(src, seg, req.To, named)
		protected[i], plans[i].items = protect(seg, plans[i].items)
	}
	res, err := g.next.Translate(ctx, mt.Request{From: req.From, To: req.To, Segments: protected})
	if err != nil {
		return nil, err
	}
	if len(res) != len(req.Segments) {
		return nil, fmt.Errorf("termguard: engine returned %d results for %d segments", len(res), len(req.Segments))
	}
	var tgt *glossary.Matcher
	for i := range res {
		p := plans[i]
		res[i].Notes = append(p.notes, res[i].Notes...)
		if res[i].Err != nil {
			continue
		}
		target, unsure, err := restore(res[i].Target, p.items, mt.Code(req.To))
		for _, t := range unsure {
			res[i].Notes = append(res[i].Notes, finding.Finding{Rule: "term-gender", Severity: finding.Info,
				Message: fmt.Sprintf("the article before “%s” is the engine's guess: the termbase gives no gender for the term, so relais could not check it", t)})
		}
		if err != nil {
			res[i].Target, res[i].Err = nil, err
			continue
		}
		res[i].Target = target
		if len(p.amb) > 0 {
			if tgt == nil {
				tgt = g.matcher(req.To)
			}
			for _, v := range tgt.Verify(p.amb, target.Plain()) {
				want, _ := v.Hit.Target(req.To)
				found := "nothing the termbase knows"
				if len(v.Found) > 0 {
					found = "“" + v.Found[0].Text + "”"
				}
				res[i].Notes = append(res[i].Notes, finding.Finding{Rule: "ambiguous-term", Severity: finding.Info,
					Message: fmt.Sprintf("“%s” is ambiguous in the termbase (%s); the engine wrote %s: check it (in the sense of concept %s it is “%s”)",
						v.Hit.Text, noteOf(v.Hit.Concept), found, v.Hit.Concept.ID, want)})
			}
		}
	}
	return res, nil
}

func noteOf(c *glossary.Concept) string {
	if c.Note != "" {
		return strings.Split(c.Note, "\n")[0]
	}
	return "marked ambiguous"
}

// namedConcepts returns the concepts the document of req names by a term
// that is not ambiguous: in req.Context, or in the segments when it is
// nil.
func namedConcepts(m *glossary.Matcher, req mt.Request) map[*glossary.Concept]bool {
	doc := req.Context
	if doc == nil {
		doc = req.Segments
	}
	named := map[*glossary.Concept]bool{}
	for _, c := range doc {
		for _, h := range m.Match(c.Plain()) {
			if !h.Ambiguous {
				named[h.Concept] = true
			}
		}
	}
	return named
}

// byDocument returns the one sense of an ambiguous hit whose concept the
// document names elsewhere by a term that is not ambiguous (named): a
// short form read as an anaphora ("la Déclaration" after "la Déclaration
// de New York", when anaphora says the hit can be one). It returns false
// when none or several are named.
func byDocument(h glossary.Hit, named map[*glossary.Concept]bool) (glossary.Sense, bool) {
	var found []glossary.Sense
	for _, s := range append([]glossary.Sense{h.Sense}, h.Also...) {
		if named[s.Concept] && !slices.ContainsFunc(found, func(f glossary.Sense) bool { return f.Concept == s.Concept }) {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		return glossary.Sense{}, false
	}
	return found[0], true
}

// definiteBefore is a French definite article, alone or contracted, that
// ends a text.
var definiteBefore = regexp.MustCompile(`(?i)(?:^|[\s(«"“])(?:le|la|l['’]|du|au)\s*$`)

// anaphora reports whether hit h of text can name a concept the document
// names in full: in the singular, after a definite article ("la
// Déclaration", "du Forum"), not "des déclarations" or "une conférence".
func anaphora(text string, h glossary.Hit) bool {
	return h.Number != glossary.Plural && definiteBefore.MatchString(text[:h.Span.Start+h.Lead])
}

// plan finds what to protect in seg; named are the concepts its document
// names (namedConcepts).
func (g *Guard) plan(m *glossary.Matcher, seg document.Content, to language.Tag, named map[*glossary.Concept]bool) plan {
	var p plan
	text := seg.Plain()
	hits := m.Match(text)
	p.hits = hits
	if strings.Contains(strings.ToLower(text), strings.ToLower(tokenPrefix)) {
		return p
	}
	subjects := map[string]int{}
	for _, h := range hits {
		if !h.Ambiguous && h.Concept.Subject != "" {
			subjects[h.Concept.Subject]++
		}
	}
	for _, h := range hits {
		if h.Ambiguous && anaphora(text, h) {
			if sense, ok := byDocument(h, named); ok {
				h.Sense, h.Ambiguous = sense, false
				target, _ := h.Target(to)
				p.notes = append(p.notes, finding.Finding{Rule: "ambiguous-term", Severity: finding.Info,
					Message: fmt.Sprintf("“%s” is taken as “%s” (concept %s), which the document names in full: check it", h.Text, target, sense.Concept.ID)})
			}
		}
		if h.Ambiguous && (h.Concept.Subject == "" || subjects[h.Concept.Subject] < g.opts.MinContext || h.Number == glossary.Plural) {
			// Left to the engine: too little context, or a plural
			// that names no single framework ("des déclarations et des
			// engagements existants").
			p.amb = append(p.amb, h)
			continue
		}
		target, term := h.TargetBesides(to, bracketed(text[h.Span.End:]))
		if target == "" {
			continue
		}
		start := h.Span.Start + h.Lead
		if h.Lead > 0 {
			target = dropArticle(target, to)
		}
		if h.Ambiguous {
			p.notes = append(p.notes, finding.Finding{Rule: "ambiguous-term", Severity: finding.Info,
				Message: fmt.Sprintf("“%s” is ambiguous in the termbase (%s); taken as “%s” (concept %s) because the segment names %d other %s: check it",
					h.Text, noteOf(h.Concept), target, h.Concept.ID, subjects[h.Concept.Subject], h.Concept.Subject)})
		}
		p.items = append(p.items, item{start: start, end: h.Span.End, target: target, term: term, source: h.Written(), concept: h.Concept,
			place: h.Concept.Subject == placeSubject})
	}
	if g.opts.Fixed != nil && !g.opts.Verify {
		spans, targets := g.opts.Fixed(text, to)
		for i, s := range spans {
			p.items = append(p.items, item{start: s.Start, end: s.End, target: targets[i], verbatim: targets[i] == text[s.Start:s.End]})
		}
	}
	sort.SliceStable(p.items, func(i, j int) bool { return p.items[i].start < p.items[j].start })
	kept := p.items[:0]
	end := -1
	for _, it := range p.items {
		if it.start < end || it.start >= it.end {
			continue // overlaps the previous one
		}
		it.after = nextWord(text[it.end:])
		kept = append(kept, it)
		end = it.end
	}
	p.items = kept
	return p
}

// bracketed returns the word in brackets that s starts with, after
// blanks ("(ICMPD)" after a full name), or "".
func bracketed(s string) string {
	s = strings.TrimLeft(s, " \u00a0")
	if !strings.HasPrefix(s, "(") {
		return ""
	}
	end := strings.IndexByte(s, ')')
	if end < 0 || strings.ContainsAny(s[1:end], " \u00a0") {
		return ""
	}
	return s[1:end]
}

// dropArticle removes the article a target term starts with, when the
// source's own article or contraction ("aux Pays-Bas") is left to the
// engine.
func dropArticle(t string, lang language.Tag) string {
	var arts []string
	switch mt.Code(lang) {
	case "en":
		arts = []string{"the "}
	case "es":
		arts = []string{"el ", "la ", "los ", "las "}
	case "fr":
		arts = []string{"le ", "la ", "les ", "l'", "l’"}
	}
	for _, a := range arts {
		if len(t) > len(a) && strings.EqualFold(t[:len(a)], a) {
			return t[len(a):]
		}
	}
	return t
}

// nextWord returns the word s starts with after blanks, or "".
func nextWord(s string) string {
	s = strings.TrimLeft(s, " \u00a0")
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// protect replaces each item's span in seg by a token. Items that do not
// lie inside one text run (a term split by a code) are dropped; the
// result's items are the ones protected, with their tokens.
func protect(seg document.Content, items []item) (document.Content, []item) {
	if len(items) == 0 {
		return seg, nil
	}
	seg = joinText(seg)
	out := make(document.Content, 0, len(seg))
	var kept []item
	places := slices.DeleteFunc(slices.Clone(placeTokens), func(t string) bool {
		return strings.Contains(strings.ToLower(seg.Plain()), strings.ToLower(t))
	})
	off := 0 // plain offset of the current run
	k := 0
	for _, r := range seg {
		if r.Code != nil {
			out = append(out, r)
			continue
		}
		end := off + len(r.Text)
		var b strings.Builder
		last := 0
		for k < len(items) && items[k].start < end {
			it := items[k]
			k++
			if it.start < off || it.end > end {
				continue // crosses a code
			}
			it.token = token(len(kept))
			if it.place && len(places) > 0 {
				it.token, places = places[0], places[1:]
			}
			b.WriteString(r.Text[last : it.start-off])
			b.WriteString(it.token)
			last = it.end - off
			kept = append(kept, it)
		}
		b.WriteString(r.Text[last:])
		out = append(out, document.Run{Text: b.String()})
		off = end
	}
	return out, kept
}

// joinText merges adjacent text runs (a line break, an entity, an escape
// is a run of its own in a Markdown source), so that a term written across
// them lies in one run. The engine's input needs no source positions.
func joinText(c document.Content) document.Content {
	out := make(document.Content, 0, len(c))
	for _, r := range c {
		if n := len(out); r.Code == nil && n > 0 && out[n-1].Code == nil {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, document.Run{Text: r.Text, Code: r.Code})
	}
	return out
}

// restore puts each item's target in place of its token in the engine's
// output, in the language of code lang, with the article before it made
// to agree with it (agree), also across the codes the item opens. It
// returns the targets of the terms before which an article stands that the
// termbase does not say enough to judge (glossary.Term.ArticleUnknown).
func restore(c document.Content, items []item, lang string) (document.Content, []string, error) {
	if len(items) == 0 {
		return c, nil, nil
	}
	var unsure []string
	byToken := map[string]*item{}
	for i := range items {
		byToken[items[i].token] = &items[i]
	}
	seen := map[string]int{}
	found := tokens(items)
	out := make(document.Content, len(c))
	copy(out, c)
	for ri := range out {
		if out[ri].Code != nil {
			continue
		}
		t := out[ri].Text
		var b strings.Builder
		for {
			l := found.FindStringIndex(t)
			if l == nil {
				b.WriteString(t)
				break
			}
			it, ok := byToken[t[l[0]:l[1]]]
			if !ok {
				b.WriteString(t[:l[1]])
				t = t[l[1]:]
				continue
			}
			seen[it.token]++
			b.WriteString(t[:l[0]])
			target, rest := it.target, t[l[1]:]
			before := b.String()
			start := sentenceStart(out[:ri], before)
			at := len(before) // where an article the term needs would start
			host := hostBefore(out, ri, before)
			if it.term != nil && (host >= 0 && it.term.ArticleUnknown(out[host].Text) || host < 0 && it.term.ArticleUnknown(before)) {
				unsure = append(unsure, it.target)
			}
			if host >= 0 {
				// "el **Zqxa**": the article is in the text before the
				// emphasis or link the term opens.
				out[host].Text, target = agree(out[host].Text, target, rest, it.term, lang)
			} else {
				before, target = agree(before, target, rest, it.term, lang)
			}
			if start && len(before) > at {
				before = before[:at] + upperFirst(before[at:])
			}
			if it.term != nil {
				rest = it.term.ParticipleAfter(rest, it.source)
			}
			if start {
				if len(before) <= len(b.String()) && !it.verbatim {
					target = upperFirst(target)
				}
				rest = unshout(rest, it.after)
			}
			b.Reset()
			b.WriteString(before)
			b.WriteString(target)
			t = rest
		}
		out[ri].Text = b.String()
	}
	for _, it := range items {
		switch seen[it.token] {
		case 1:
		case 0:
			return nil, nil, fmt.Errorf("the engine lost a protected term (to be “%s”)", it.target)
		default:
			return nil, nil, fmt.Errorf("the engine repeated a protected term (to be “%s”)", it.target)
		}
	}
	return out, unsure, nil
}

// agree returns before, the text before a restored item in the language
// of code lang (after is the text after it), and target, the item's
// target, with the article at the end
// of before made to agree with the item: with what the termbase says of
// its term, when it has one (glossary.Term.ArticleBefore); in Spanish with
// the article a rendering brings (contractSpanish); in English, no "the"
// before a rendering that starts with a capital, a name ("Dr Martin").
func agree(before, target, after string, term *glossary.Term, lang string) (string, string) {
	switch {
	case term != nil:
		return term.ArticleBefore(before, after), target
	case lang == "es":
		return contractSpanish(before, target)
	case lang == "en" && startsUpper(target):
		bare := glossary.Term{Lang: language.English, Article: glossary.ArticleNone}
		return bare.ArticleBefore(before, ""), target
	}
	return before, target
}

// hostBefore returns the index of the text run of out before run ri when
// a token starts run ri (before, the run's text before it, is empty) and
// only opening codes stand between the two ("el **Zqxa**"); else -1.
func hostBefore(out document.Content, ri int, before string) int {
	if before != "" {
		return -1
	}
	for j := ri - 1; j >= 0; j-- {
		switch {
		case out[j].Code == nil:
			return j
		case out[j].Code.Kind != document.Open:
			return -1
		}
	}
	return -1
}

// sentenceStart reports whether a token written after the runs before and
// the text prefix starts a sentence: nothing but blanks and opening marks
// before it, or a sentence's end.
func sentenceStart(before document.Content, prefix string) bool {
	s := before.Plain() + prefix
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("«“\"'‘(¿¡#*_-–—", r)
	})
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == ':'
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) || !unicode.IsLetter(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// unshout undoes Apertium's capital on the word after a sentence-initial
// unknown word ("UCLG Has launched"): when the source's word after the
// term was lower case and rest starts with a blank and a capitalised word
// (not an acronym), that word's first letter is put in lower case.
func unshout(rest, after string) string {
	a, _ := utf8.DecodeRuneInString(after)
	if after == "" || !unicode.IsLower(a) {
		return rest
	}
	trimmed := strings.TrimLeft(rest, " ")
	if len(trimmed) == len(rest) {
		return rest
	}
	w := nextWord(trimmed)
	r, n := utf8.DecodeRuneInString(w)
	if w == "" || !unicode.IsUpper(r) || strings.ToLower(w[n:]) != w[n:] || len(w) == n {
		return rest
	}
	pre := rest[:len(rest)-len(trimmed)]
	return pre + string(unicode.ToLower(r)) + trimmed[n:]
}
