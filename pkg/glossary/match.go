package glossary

import (
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Sense is one meaning a matched form can have: a concept and the term of
// it that matched.
type Sense struct {
	Concept *Concept
	Term    *Term
}

// Hit is a term found in a text. Positions are byte offsets into the text
// the matcher was given (for MatchContent, into the content's Plain text).
type Hit struct {
	Sense                   // the concept that wins, and its term that matched
	Span      document.Span // the matched text, an article or contraction before the term included
	Lead      int           // bytes at the start of Span taken by that article or contraction ("aux " in "aux Pays-Bas")
	Text      string        // the matched text, as written
	Number    Number        // Plural when a plural form matched; else the term's own number
	Gender    Gender        // Feminine when a feminine form matched; else the term's own gender
	Ambiguous bool          // the concept or the term is marked ambiguous: show it, never enforce it
	Folded    bool          // found only by folding diacritics (WithDiacriticFolding)
	Nested    bool          // lies inside a longer hit of another concept (MatchAll only)
	Also      []Sense       // other concepts the same form names
}

// Written returns a copy of the hit's term with the number and gender of
// the form matched: what agrees with the text as written (a plural or
// feminine form agrees as such).
func (h Hit) Written() *Term {
	t := *h.Term
	t.Number, t.Gender = h.Number, h.Gender
	return &t
}

// Inflected reports whether the hit matched an inflected form of its term
// rather than the term as written in the termbase.
func (h Hit) Inflected() bool { return h.InflectedPlural() || h.InflectedFeminine() }

// InflectedPlural reports whether the hit matched a plural form of a term
// the termbase does not give in the plural.
func (h Hit) InflectedPlural() bool { return h.Number == Plural && h.Term.Number != Plural }

// InflectedFeminine reports whether the hit matched a feminine form of a
// term the termbase does not give in the feminine.
func (h Hit) InflectedFeminine() bool { return h.Gender == Feminine && h.Term.Gender != Feminine }

// Option changes how a Matcher matches.
type Option func(*Matcher)

// WithDiacriticFolding makes every diacritic optional: "Geneve" finds
// "Genève", "Organizacion" finds "Organización". Such hits are marked
// Folded. Without it, only a capital may lose its accent ("Etats").
func WithDiacriticFolding() Option { return func(m *Matcher) { m.fold = true } }

// Matcher finds the terms of one language of a termbase in texts. It is
// built once (NewMatcher) and is safe for concurrent use; it keeps
// pointers into the termbase, which must not change while it is in use.
type Matcher struct {
	lang    language.Tag
	fold    bool
	vocab   map[string]int32 // token skeleton → token id
	edges   map[uint64]int32 // node<<32 | token id → child node
	entries [][]*entry       // entries ending at each node
	size    int              // number of entries
	scratch sync.Pool        // *scratch: buffers reused across calls
}

// scratch holds the buffers of one match call.
type scratch struct {
	toks []token
	ids  []int32
	buf  []byte
}

// entry is one way of writing one term: the term itself, an explicit
// form, a regular inflection, or an article variant.
type entry struct {
	sense         Sense
	toks          []string // normToken of each token
	lead          int      // leading tokens that are an article or contraction
	number        Number
	gender        Gender
	caseSensitive bool
	rank          int // index of the concept in the termbase: higher wins
}

// NewMatcher indexes the terms of tb in lang (a term tagged fr-FR serves
// fr): every term with its explicit forms, its regular plural and
// feminine, and the contractions of a leading article. Deprecated terms
// are indexed too: Verify needs to find them in targets.
func NewMatcher(tb *Termbase, lang language.Tag, opts ...Option) *Matcher {
	m := &Matcher{
		lang:    lang,
		vocab:   map[string]int32{},
		edges:   map[uint64]int32{},
		entries: [][]*entry{nil},
	}
	for _, o := range opts {
		o(m)
	}
	base := baseOf(lang)
	for rank, c := range tb.Concepts {
		for _, t := range c.Terms(lang) {
			seen := map[string]bool{}
			for _, v := range variants(base, t) {
				for _, av := range articleVariants(base, v.text) {
					toks := tokenize(av.text, nil)
					if len(toks) <= av.lead {
						continue
					}
					e := &entry{sense: Sense{c, t}, lead: av.lead, number: v.number, gender: v.gender,
						caseSensitive: t.IsCaseSensitive(), rank: rank}
					for _, tk := range toks {
						e.toks = append(e.toks, normToken(av.text[tk.start:tk.end]))
					}
					k := strings.Join(e.toks, "\x00")
					if seen[k] {
						continue
					}
					seen[k] = true
					m.add(av.text, toks, e)
				}
			}
		}
	}
	return m
}

// Lang returns the language the matcher finds terms of.
func (m *Matcher) Lang() language.Tag { return m.lang }

// Len returns the number of forms indexed.
func (m *Matcher) Len() int { return m.size }

func (m *Matcher) add(text string, toks []token, e *entry) {
	n := int32(0)
	var buf []byte
	for _, tk := range toks {
		buf = appendKey(buf[:0], text[tk.start:tk.end])
		id, ok := m.vocab[string(buf)]
		if !ok {
			id = int32(len(m.vocab))
			m.vocab[string(buf)] = id
		}
		k := uint64(n)<<32 | uint64(uint32(id))
		next, ok := m.edges[k]
		if !ok {
			next = int32(len(m.entries))
			m.entries = append(m.entries, nil)
			m.edges[k] = next
		}
		n = next
	}
	m.entries[n] = append(m.entries[n], e)
	m.size++
}

type variant struct {
	text   string
	number Number
	gender Gender
}

// variants returns the ways a term is written: itself, its explicit forms,
// and (except for acronyms and abbreviations) its regular plural and, for
// masculine nouns of person, its feminine forms.
func variants(base string, t *Term) []variant {
	out := []variant{{t.Text, t.Number, t.Gender}}
	for _, f := range t.Forms {
		g := f.Gender
		if g == "" {
			g = t.Gender
		}
		out = append(out, variant{f.Text, f.Number, g})
	}
	if t.Type == Acronym || t.Type == Abbreviation || startsWithArticle(base, t.Text) {
		return out
	}
	lang := t.Lang
	if t.Number != Plural {
		if p := inflect(lang, t.Text, true, false); p != t.Text {
			out = append(out, variant{p, Plural, t.Gender})
		}
	}
	if t.Gender == Masculine {
		if f := inflect(lang, t.Text, false, true); f != t.Text {
			out = append(out, variant{f, t.Number, Feminine})
			if t.Number != Plural {
				out = append(out, variant{inflect(lang, t.Text, true, true), Plural, Feminine})
			}
		}
	}
	return out
}

type articleVariant struct {
	text string
	lead int // tokens of the article or contraction
}

// articleVariants returns text and, when it starts with a definite
// article, the forms the article takes before it: "le Caire" is also "du
// Caire" and "au Caire"; "les Pays-Bas" also "des" and "aux Pays-Bas" and,
// since the article is in lower case (not part of a name), "Pays-Bas".
func articleVariants(base, text string) []articleVariant {
	toks := tokenize(text, nil)
	if len(toks) < 2 || !startsWithArticle(base, text) {
		return []articleVariant{{text, 0}}
	}
	art := text[toks[0].start:toks[0].end]
	rest, lead := toks[1], 1
	if len(toks) > 2 && toks[1].punct { // l'
		rest, lead = toks[2], 2
	}
	core := text[rest.start:]
	out := []articleVariant{{text, lead}}
	lower := strings.ToLower(art)
	var contractions []string
	switch base + ":" + lower {
	case "fr:le":
		contractions = []string{"du", "au"}
	case "fr:les":
		contractions = []string{"des", "aux"}
	case "es:el":
		contractions = []string{"del", "al"}
	}
	for _, c := range contractions {
		if art != lower { // "Le Caire" → "Au Caire" at a sentence start, "au Caire" inside
			out = append(out, articleVariant{strings.ToUpper(c[:1]) + c[1:] + " " + core, 1})
		}
		out = append(out, articleVariant{c + " " + core, 1})
	}
	if art == lower {
		out = append(out, articleVariant{core, 0})
	}
	return out
}

// startsWithArticle reports whether text starts with a definite article
// followed by more words.
func startsWithArticle(base, text string) bool {
	toks := tokenize(text, nil)
	if len(toks) < 2 || toks[0].punct {
		return false
	}
	w := strings.ToLower(text[toks[0].start:toks[0].end])
	switch base {
	case "fr":
		if w == "l" {
			return len(toks) > 2 && toks[1].punct && isApostropheText(text[toks[1].start:toks[1].end])
		}
		return (w == "le" || w == "la" || w == "les") && !toks[1].punct
	case "es":
		return (w == "el" || w == "la" || w == "los" || w == "las") && !toks[1].punct
	case "en":
		return w == "the" && !toks[1].punct
	}
	return false
}

func isApostropheText(s string) bool {
	for _, r := range s {
		return isApostrophe(r)
	}
	return false
}

// candidate is a verified match of tokens [i, j].
type candidate struct {
	i, j   int
	best   *entry
	folded bool
	also   []Sense
}

// Match returns the terms found in text: the longest first, then from left
// to right, never overlapping, in text order.
func (m *Matcher) Match(text string) []Hit { return m.match(text, false) }

// MatchAll returns what Match returns plus the hits of other concepts
// nested inside them (marked Nested): "Nations Unies" inside "Pacte mondial
// des Nations Unies pour des migrations…". Nested hits are for reviewers
// and for finding a term in a target; they are not enforced on a source.
func (m *Matcher) MatchAll(text string) []Hit { return m.match(text, true) }

// MatchContent matches the plain text of c (codes left out); positions are
// byte offsets into c.Plain().
func (m *Matcher) MatchContent(c document.Content) []Hit { return m.Match(c.Plain()) }

func (m *Matcher) match(text string, nested bool) []Hit {
	if m.size == 0 || text == "" {
		return nil
	}
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer m.scratch.Put(sc)
	toks := tokenize(text, sc.toks[:0])
	sc.toks = toks
	ids := sc.ids[:0]
	buf := sc.buf
	for _, t := range toks {
		buf = appendKey(buf[:0], text[t.start:t.end])
		id, ok := m.vocab[string(buf)]
		if !ok {
			id = -1
		}
		ids = append(ids, id)
	}
	sc.ids, sc.buf = ids, buf
	var norms []string // normToken of each text token, computed when needed
	var cands []candidate
	for i := range toks {
		if ids[i] < 0 {
			continue
		}
		n := int32(0)
		for j := i; j < len(toks) && ids[j] >= 0; j++ {
			next, ok := m.edges[uint64(n)<<32|uint64(uint32(ids[j]))]
			if !ok {
				break
			}
			n = next
			if len(m.entries[n]) == 0 {
				continue
			}
			if norms == nil {
				norms = make([]string, len(toks))
			}
			if c, ok := m.verify(text, toks, norms, i, j, m.entries[n]); ok {
				cands = append(cands, c)
			}
		}
	}
	return m.choose(text, toks, cands, nested)
}

// verify checks the entries ending at a node against tokens [i, j] and
// returns the winner and the other senses.
func (m *Matcher) verify(text string, toks []token, norms []string, i, j int, es []*entry) (candidate, bool) {
	c := candidate{i: i, j: j}
	var ok []*entry
	var folded []bool
	for _, e := range es {
		match, fold := true, false
		for k, want := range e.toks {
			t := toks[i+k]
			if norms[i+k] == "" {
				norms[i+k] = normToken(text[t.start:t.end])
			}
			same, f := sameToken(want, norms[i+k], e.caseSensitive, m.fold)
			if !same {
				match = false
				break
			}
			fold = fold || f
		}
		if match {
			ok = append(ok, e)
			folded = append(folded, fold)
		}
	}
	if len(ok) == 0 {
		return c, false
	}
	bi := 0
	for k := 1; k < len(ok); k++ {
		if better(ok[k], folded[k], ok[bi], folded[bi]) {
			bi = k
		}
	}
	c.best, c.folded = ok[bi], folded[bi]
	for k, e := range ok {
		if k == bi || e.sense.Concept == c.best.sense.Concept {
			continue
		}
		dup := false
		for _, s := range c.also {
			dup = dup || s.Concept == e.sense.Concept
		}
		if !dup {
			c.also = append(c.also, e.sense)
		}
	}
	return c, true
}

// better reports whether entry a beats entry b for the same text: exact
// before folded, then the later concept (project termbases come last),
// then the term as written before its inflections.
func better(a *entry, af bool, b *entry, bf bool) bool {
	if af != bf {
		return !af
	}
	if a.rank != b.rank {
		return a.rank > b.rank
	}
	return false
}

func (m *Matcher) choose(text string, toks []token, cands []candidate, nested bool) []Hit {
	if len(cands) == 0 {
		return nil
	}
	order := make([]int, len(cands))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool {
		ca, cb := cands[order[a]], cands[order[b]]
		if la, lb := ca.j-ca.i, cb.j-cb.i; la != lb {
			return la > lb
		}
		if la, lb := toks[ca.j].end-toks[ca.i].start, toks[cb.j].end-toks[cb.i].start; la != lb {
			return la > lb
		}
		return ca.i < cb.i
	})
	taken := make([]int, len(toks)) // 1 + index of the chosen candidate covering each token
	var chosen []int
	for _, k := range order {
		c := cands[k]
		free := true
		for t := c.i; t <= c.j && free; t++ {
			free = taken[t] == 0
		}
		if !free {
			continue
		}
		for t := c.i; t <= c.j; t++ {
			taken[t] = k + 1
		}
		chosen = append(chosen, k)
	}
	var hits []Hit
	for _, k := range chosen {
		hits = append(hits, m.hit(text, toks, cands[k], false))
	}
	if nested {
		for k, c := range cands {
			outer := taken[c.i] - 1
			if outer == k || outer < 0 || taken[c.j]-1 != outer {
				continue
			}
			o := cands[outer]
			if c.i == o.i && c.j == o.j || c.best.sense.Concept == o.best.sense.Concept {
				continue
			}
			hits = append(hits, m.hit(text, toks, c, true))
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Span.Start != hits[b].Span.Start {
			return hits[a].Span.Start < hits[b].Span.Start
		}
		return hits[a].Span.End > hits[b].Span.End
	})
	return hits
}

func (m *Matcher) hit(text string, toks []token, c candidate, nested bool) Hit {
	e := c.best
	span := document.Span{Start: toks[c.i].start, End: toks[c.j].end}
	return Hit{
		Sense:     e.sense,
		Span:      span,
		Lead:      toks[c.i+e.lead].start - span.Start,
		Text:      text[span.Start:span.End],
		Number:    e.number,
		Gender:    e.gender,
		Ambiguous: e.sense.Concept.Ambiguous || e.sense.Term.Ambiguous,
		Folded:    c.folded,
		Nested:    nested,
		Also:      c.also,
	}
}
