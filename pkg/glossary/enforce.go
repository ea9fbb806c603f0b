package glossary

import (
	"golang.org/x/text/language"
)

// Target returns the term the hit's concept should be rendered by in
// lang, and its text inflected as the source form was: a plural source
// gives the plural of the target term (its explicit plural form, else the
// regular one), a feminine source the feminine where lang has one. The
// term is the best allowed one: preferred before admitted, then the one
// of the same kind as the source term (an acronym for an acronym, a full
// form for a full form), then file order; when it is inflected, the term
// returned is a copy with the inflected text, number and gender, so that
// what agrees with it (Term.ArticleBefore) agrees with the form written;
// a term of common gender (OtherGender: "migrante") takes the source
// form's.
// It returns "", nil when the concept has no allowed term in lang.
func (h Hit) Target(lang language.Tag) (string, *Term) {
	return h.TargetBesides(lang, "")
}

// TargetBesides is Target, leaving out the term written besides: the
// acronym that follows a full name in brackets in the source ("Centre
// international pour le développement des politiques migratoires
// (ICMPD)"), which the full name must not be rendered by, or the target
// would say it twice ("el ICMPD (ICMPD)"). It falls back to Target when
// the concept has no other allowed term in lang.
func (h Hit) TargetBesides(lang language.Tag, besides string) (string, *Term) {
	t := bestTerm(h.Concept, h.Term, lang, besides)
	if t == nil && besides != "" {
		t = bestTerm(h.Concept, h.Term, lang, "")
	}
	if t == nil {
		return "", nil
	}
	plural := h.Number == Plural && h.Term.Number != Plural && t.Number != Plural && t.Number != Mass
	feminine := h.Gender == Feminine && h.Term.Gender != Feminine && t.Gender == Masculine
	if t.Gender == OtherGender {
		// A noun of common gender ("el migrante", "la migrante"): the
		// source form's gender is the referent's, masculine when it says
		// none (the generic).
		form := *t
		form.Gender = Masculine
		if h.Gender == Feminine {
			form.Gender = Feminine
		}
		if plural {
			form.Number = Plural
		}
		t = &form
		if !plural {
			return t.Text, t
		}
	}
	if !plural && !feminine {
		return t.Text, t
	}
	text := ""
	for _, f := range t.Forms {
		if (f.Number == Plural) == plural && (f.Gender == Feminine) == feminine {
			text = f.Text
			break
		}
	}
	switch {
	case text != "":
	case t.Type == Acronym || t.Type == Abbreviation:
		text = t.Text
		if plural && baseOf(lang) == "en" {
			text += "s"
		}
	default:
		text = inflect(t.Lang, t.Text, plural, feminine)
	}
	form := *t
	form.Text = text
	if plural {
		form.Number = Plural
	}
	if feminine {
		form.Gender = Feminine
	}
	return text, &form
}

// bestTerm picks the term of c in lang that renders src best, other than
// besides.
func bestTerm(c *Concept, src *Term, lang language.Tag, besides string) *Term {
	var best *Term
	bestScore := -1
	for _, t := range c.Terms(lang) {
		if t.Status.Forbidden() || besides != "" && t.Text == besides {
			continue
		}
		score := 0
		if t.Status == Preferred {
			score += 2
		}
		if src != nil && kind(t.Type) == kind(src.Type) {
			score++
		}
		if score > bestScore {
			best, bestScore = t, score
		}
	}
	return best
}

// kind groups term types by how they read: acronyms and abbreviations,
// short forms, and full forms (variants and phrases with them).
func kind(t TermType) int {
	switch t {
	case Acronym, Abbreviation:
		return 1
	case ShortForm:
		return 2
	}
	return 0
}

// Outcome says how a target renders a source hit.
type Outcome int

// The outcomes of Verify.
const (
	Rendered    Outcome = iota // a preferred or admitted term of the concept is there, no deprecated one
	Missing                    // no term of the concept is there
	Forbidden                  // a deprecated or superseded term of the concept is there
	NotEnforced                // the hit is ambiguous: shown, not checked
	NoTarget                   // the concept has no allowed term in the target language
)

var outcomeNames = [...]string{"rendered", "missing", "forbidden", "not-enforced", "no-target"}

// String returns "rendered", "missing", "forbidden", "not-enforced" or
// "no-target".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "outcome(?)"
}

// Verdict is how a target text renders one source hit.
type Verdict struct {
	Hit       Hit     // the source hit
	Outcome   Outcome // what Verify found
	Want      string  // the target the termbase asks for (Hit.Target)
	Found     []Hit   // hits in the target of an allowed term of the concept
	Forbidden []Hit   // hits in the target of a deprecated or superseded term of the concept
}

// OK reports whether the verdict needs nobody's attention: the term is
// rendered, or the hit is not enforced.
func (v Verdict) OK() bool { return v.Outcome == Rendered || v.Outcome == NotEnforced }

// Verify says, for each source hit, whether target renders it: m must be a
// matcher of the target's language built from the same termbase. The
// target is matched once, nested terms included, and a term of the
// concept counts wherever it is; hits marked Nested in the source should
// not be passed (they are not enforced). Positions in Found and Forbidden
// are byte offsets into target.
func (m *Matcher) Verify(source []Hit, target string) []Verdict {
	if len(source) == 0 {
		return nil
	}
	th := m.MatchAll(target)
	out := make([]Verdict, 0, len(source))
	for _, h := range source {
		v := Verdict{Hit: h}
		v.Want, _ = h.Target(m.lang)
		for _, t := range th {
			s, ok := senseOf(t, h.Concept)
			if !ok {
				continue
			}
			if s.Term.Status.Forbidden() {
				v.Forbidden = append(v.Forbidden, t)
			} else {
				v.Found = append(v.Found, t)
			}
		}
		switch {
		case h.Ambiguous:
			v.Outcome = NotEnforced
		case len(v.Forbidden) > 0:
			v.Outcome = Forbidden
		case len(v.Found) > 0:
			v.Outcome = Rendered
		case v.Want == "":
			v.Outcome = NoTarget
		default:
			v.Outcome = Missing
		}
		out = append(out, v)
	}
	return out
}

// senseOf returns the sense of hit t that is concept c, if any.
func senseOf(t Hit, c *Concept) (Sense, bool) {
	if t.Concept == c {
		return t.Sense, true
	}
	for _, s := range t.Also {
		if s.Concept == c {
			return s, true
		}
	}
	return Sense{}, false
}
