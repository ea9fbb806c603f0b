package report

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/glossary"
)

// MarkTerms finds the glossary terms of every segment's source (with src)
// and of every draft (with the matcher of its language in targets, keyed
// by language tag string; a language without one is skipped), and fills
// Segment.Terms and Draft.Terms. Hints name the preferred target terms.
func MarkTerms(b *Batch, src *glossary.Matcher, targets map[string]*glossary.Matcher) {
	m := NewTermMarker(b.Langs, src, targets)
	for fi := range b.Files {
		m.Mark(&b.Files[fi])
	}
}

// TermMarker marks glossary terms file by file, as MarkTerms does for a
// whole batch: a batch can mark each file as soon as it is built. It is
// safe for concurrent use on different files.
type TermMarker struct {
	src     *glossary.Matcher
	targets map[string]*glossary.Matcher
	langs   []string
	tags    []language.Tag
}

// NewTermMarker returns a marker for the drafts of a batch into langs (its
// Langs), with the matchers MarkTerms takes.
func NewTermMarker(langs []string, src *glossary.Matcher, targets map[string]*glossary.Matcher) *TermMarker {
	m := &TermMarker{src: src, targets: targets, langs: langs, tags: make([]language.Tag, len(langs))}
	for i, l := range langs {
		m.tags[i] = language.Make(l)
	}
	return m
}

// Mark fills the Terms of f's segments and drafts.
func (m *TermMarker) Mark(f *File) {
	for si := range f.Segments {
		s := &f.Segments[si]
		if m.src != nil {
			s.Terms = nil
			for _, h := range m.src.MatchContent(s.Source) {
				s.Terms = append(s.Terms, Term{Span: h.Span, Hint: sourceHint(h, m.langs, m.tags)})
			}
		}
		for di := range s.Drafts {
			d := &s.Drafts[di]
			tm := m.targets[d.Lang]
			if tm == nil || d.Untranslated() {
				continue
			}
			d.Terms = nil
			for _, h := range tm.MatchContent(d.Target) {
				d.Terms = append(d.Terms, Term{Span: h.Span, Hint: targetHint(h), Forbidden: h.Term.Status.Forbidden()})
			}
		}
	}
}

// sourceHint names the concept's preferred term in each target language:
// "en: International Organization for Migration · es: …".
func sourceHint(h glossary.Hit, langs []string, tags []language.Tag) string {
	var parts []string
	for i, t := range tags {
		if p := preferred(h.Concept, t); p != "" {
			parts = append(parts, langs[i]+": "+p)
		}
	}
	if h.Ambiguous {
		parts = append(parts, "(ambiguous: check the meaning)")
	}
	if len(parts) == 0 {
		return "glossary term " + h.Concept.ID
	}
	return strings.Join(parts, " · ")
}

func targetHint(h glossary.Hit) string {
	status := string(h.Term.Status)
	if status == "" {
		status = "admitted"
	}
	if h.Term.Status.Forbidden() {
		return "glossary: " + status + ", do not use"
	}
	return "glossary: " + status + " term"
}

// preferred returns the concept's preferred term in lang: the first term
// marked preferred, else the first one not forbidden.
func preferred(c *glossary.Concept, lang language.Tag) string {
	ts := c.Terms(lang)
	for _, t := range ts {
		if t.Status == glossary.Preferred {
			return t.Text
		}
	}
	for _, t := range ts {
		if !t.Status.Forbidden() {
			return t.Text
		}
	}
	return ""
}
