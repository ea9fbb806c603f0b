package glossary

import "golang.org/x/text/language"

// Entry is one term of a termbase with the concept it names: a row of
// relais glossary list.
type Entry struct {
	Concept *Concept
	Term    *Term
}

// Ambiguous reports whether the entry's concept or its term is marked
// ambiguous.
func (e Entry) Ambiguous() bool { return e.Concept.Ambiguous || e.Term.Ambiguous }

// Entries returns every term of the termbase: concept by concept, in
// order, and within a concept language section by section, in file order.
func (tb *Termbase) Entries() []Entry {
	var out []Entry
	for _, c := range tb.Concepts {
		for _, ls := range c.Langs {
			for _, t := range ls.Terms {
				out = append(out, Entry{c, t})
			}
		}
	}
	return out
}

// EntriesIn returns the terms of the termbase that serve lang, as
// Concept.Terms chooses them (en also takes en-GB terms), in the order of
// Entries.
func (tb *Termbase) EntriesIn(lang language.Tag) []Entry {
	var out []Entry
	for _, c := range tb.Concepts {
		for _, t := range c.Terms(lang) {
			out = append(out, Entry{c, t})
		}
	}
	return out
}

// LookupHit is a term found by Lookup, with what the termbase gives for it
// in the target languages asked for.
type LookupHit struct {
	Hit
	// Targets holds the target term (Hit.Target) in each language asked
	// for that has an allowed term of the concept; the others are absent.
	Targets map[language.Tag]string
}

// Lookup finds the terms of text as relais glossary lookup shows them:
// every hit, nested ones included (MatchAll), each with its target term in
// each of targets, inflected as the hit is.
func (m *Matcher) Lookup(text string, targets ...language.Tag) []LookupHit {
	hits := m.MatchAll(text)
	out := make([]LookupHit, 0, len(hits))
	for _, h := range hits {
		lh := LookupHit{Hit: h, Targets: map[language.Tag]string{}}
		for _, t := range targets {
			if s, _ := h.Target(t); s != "" {
				lh.Targets[t] = s
			}
		}
		out = append(out, lh)
	}
	return out
}

// ConceptIDs returns the IDs of the concepts whose terms text holds, one
// per hit of Match, in text order: the terms the segment memory compares
// between two sources (memory.WithTerms).
func (m *Matcher) ConceptIDs(text string) []string {
	var ids []string
	for _, h := range m.Match(text) {
		ids = append(ids, h.Concept.ID)
	}
	return ids
}
