package termguard

import (
	"context"
	"fmt"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/mt"
)

// verify is Translate for an engine that keeps terms itself (Options.Verify).
func (g *Guard) verify(ctx context.Context, src *glossary.Matcher, req mt.Request, named map[*glossary.Concept]bool) ([]mt.Result, error) {
	plans := make([]plan, len(req.Segments))
	terms := make([][]mt.Term, len(req.Segments))
	for i, seg := range req.Segments {
		plans[i] = g.plan(src, seg, req.To, named)
		terms[i] = termsOf(seg, plans[i].items, req.To)
	}
	res, err := g.next.Translate(ctx, mt.Request{From: req.From, To: req.To, Segments: req.Segments, Context: req.Context, Terms: terms})
	if err != nil {
		return nil, err
	}
	if len(res) != len(req.Segments) {
		return nil, fmt.Errorf("termguard: engine returned %d results for %d segments", len(res), len(req.Segments))
	}
	tgt := g.matcher(req.To)
	for i := range res {
		p := plans[i]
		res[i].Notes = append(p.notes, res[i].Notes...)
		if res[i].Err != nil {
			continue
		}
		for _, v := range tgt.Verify(p.hits, res[i].Target.Plain()) {
			switch v.Outcome {
			case glossary.Forbidden:
				res[i].Err = fmt.Errorf("the engine wrote “%s”, which the termbase forbids for “%s” (concept %s: write “%s”)", v.Forbidden[0].Text, v.Hit.Text, v.Hit.Concept.ID, v.Want)
				res[i].Target = nil
			case glossary.Missing:
				res[i].Notes = append(res[i].Notes, finding.Finding{Rule: "engine-term-missing", Severity: finding.Warning,
					Message: fmt.Sprintf("the engine's draft does not render “%s” as the termbase asks (concept %s: “%s”): check it", v.Hit.Text, v.Hit.Concept.ID, v.Want)})
			case glossary.NotEnforced:
				res[i].Notes = append(res[i].Notes, finding.Finding{Rule: "ambiguous-term", Severity: finding.Info,
					Message: fmt.Sprintf("“%s” is ambiguous in the termbase (%s): check the engine's choice", v.Hit.Text, noteOf(v.Hit.Concept))})
			}
			if res[i].Err != nil {
				break
			}
		}
	}
	return res, nil
}

// termsOf returns the terms of a segment's plan as the engine is told
// them: the source as written, the target, the forbidden targets.
func termsOf(seg document.Content, items []item, to language.Tag) []mt.Term {
	text := seg.Plain()
	var out []mt.Term
	for _, it := range items {
		if it.concept == nil {
			continue
		}
		t := mt.Term{Source: text[it.start:it.end], Target: it.target}
		for _, ft := range it.concept.Terms(to) {
			if ft.Status.Forbidden() {
				t.Forbidden = append(t.Forbidden, ft.Text)
			}
		}
		out = append(out, t)
	}
	return out
}
