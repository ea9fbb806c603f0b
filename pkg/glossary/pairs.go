package glossary

import "golang.org/x/text/language"

// Pairs returns the termbase's entries from one language into another as
// a glossary of source and target texts (what an engine with glossaries
// is given, DeepL's): every allowed term of each concept that is not
// ambiguous, with the concept's preferred term in the target language of
// the same type when there is one (an acronym for an acronym), else its
// first preferred term, else its first allowed one.
func (tb *Termbase) Pairs(from, to language.Tag) [][2]string {
	var out [][2]string
	for _, c := range tb.Concepts {
		if c.Ambiguous {
			continue
		}
		targets := c.Terms(to)
		for _, s := range c.Terms(from) {
			if s.Status.Forbidden() || s.Ambiguous {
				continue
			}
			if t := pairTarget(s, targets); t != "" {
				out = append(out, [2]string{s.Text, t})
			}
		}
	}
	return out
}

// pairTarget chooses the target of source among a concept's targets, as
// Pairs says.
func pairTarget(source *Term, targets []*Term) string {
	var preferred, allowed string
	for _, t := range targets {
		switch {
		case t.Status.Forbidden():
		case t.Status == Preferred && t.Type == source.Type:
			return t.Text
		case t.Status == Preferred && preferred == "":
			preferred = t.Text
		case allowed == "":
			allowed = t.Text
		}
	}
	if preferred != "" {
		return preferred
	}
	return allowed
}
