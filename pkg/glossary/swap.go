package glossary

import "golang.org/x/text/language"

// TermSwap says how to repair target, a translation into lang of the
// source text old, into a translation of new, when old and new differ by
// one concept's term only ("à Lyon" and "à Madrid"): it returns the term
// of old's concept as target writes it (an allowed term of the concept,
// found there once) and the term of new's concept to write instead (the
// one Hit.Target gives, inflected as new writes it). src matches the
// source language, tgt lang. It reports false when the texts differ
// otherwise, by more than one concept, or when the term is not found in
// target exactly once.
func TermSwap(src, tgt *Matcher, old, new, target string, lang language.Tag) (from, to string, ok bool) {
	oh, nh := unambiguous(src.Match(old)), unambiguous(src.Match(new))
	a, b := only(oh, nh), only(nh, oh)
	if len(a) != 1 || len(b) != 1 {
		return "", "", false
	}
	ha, hb := a[0], b[0]
	// The rest of the two texts is the same.
	as, bs := ha.Span.Start+ha.Lead, hb.Span.Start+hb.Lead
	if old[:as]+new[bs:hb.Span.End]+old[ha.Span.End:] != new {
		return "", "", false
	}
	var found []Hit // in the target, a form may name other concepts too ("Túnez")
	for _, h := range tgt.Match(target) {
		if namesConcept(h, ha.Concept) {
			found = append(found, h)
		}
	}
	if len(found) != 1 {
		return "", "", false
	}
	to, _ = hb.Target(lang)
	if to == "" {
		return "", "", false
	}
	f := found[0]
	return target[f.Span.Start+f.Lead : f.Span.End], to, true
}

// namesConcept reports whether hit h names concept c, in its sense or
// another.
func namesConcept(h Hit, c *Concept) bool {
	if h.Concept == c {
		return true
	}
	for _, s := range h.Also {
		if s.Concept == c {
			return true
		}
	}
	return false
}

// unambiguous returns the hits of hs that are not ambiguous.
func unambiguous(hs []Hit) []Hit {
	out := hs[:0:0]
	for _, h := range hs {
		if !h.Ambiguous {
			out = append(out, h)
		}
	}
	return out
}

// only returns the hits of a whose concept no hit of b names.
func only(a, b []Hit) []Hit {
	var out []Hit
	for _, h := range a {
		in := false
		for _, g := range b {
			in = in || g.Concept == h.Concept
		}
		if !in {
			out = append(out, h)
		}
	}
	return out
}
