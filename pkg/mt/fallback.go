package mt

import (
	"context"
	"errors"
	"fmt"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// Fallback is a Translator that sends to a second engine the segments the
// first could not translate (a Result with an Err: a language model that
// lost a placeholder twice, a draft with a forbidden term), so that they
// come out translated by it rather than untranslated. A failure of the
// whole call is not passed on: an engine whose quota is exhausted, whose
// key is refused or that cannot be reached fails the batch as it would
// without a fallback, and the pipeline says so. It is safe for concurrent
// use when both engines are.
type Fallback struct {
	primary, secondary Translator
}

// NewFallback returns a Fallback from primary to secondary.
func NewFallback(primary, secondary Translator) *Fallback {
	return &Fallback{primary: primary, secondary: secondary}
}

// Translate implements Translator. A segment the fallback engine
// translated carries a note (rule "mt-fallback", severity Info) saying
// why the first engine's draft was not used; one it could not translate
// either keeps both errors.
func (f *Fallback) Translate(ctx context.Context, req Request) ([]Result, error) {
	res, err := f.primary.Translate(ctx, req)
	if err != nil {
		return nil, err
	}
	var idx []int
	var segs []document.Content
	var terms [][]Term
	for i, r := range res {
		if r.Err != nil && i < len(req.Segments) {
			idx = append(idx, i)
			segs = append(segs, req.Segments[i])
			if req.Terms != nil {
				terms = append(terms, req.Terms[i])
			}
		}
	}
	if len(idx) == 0 {
		return res, nil
	}
	more, err := f.secondary.Translate(ctx, Request{From: req.From, To: req.To, Segments: segs, Context: req.Context, Terms: terms})
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		for _, i := range idx {
			res[i].Err = fmt.Errorf("%w; the fallback engine failed too: %w", res[i].Err, err)
		}
		return res, nil
	}
	if len(more) != len(idx) {
		return nil, fmt.Errorf("fallback engine returned %d results for %d segments", len(more), len(idx))
	}
	for k, i := range idx {
		first := res[i]
		r := more[k]
		if r.Err != nil {
			r.Err = errors.Join(first.Err, fmt.Errorf("the fallback engine: %w", r.Err))
		} else {
			r.Notes = append(r.Notes, finding.Finding{Rule: "mt-fallback", Severity: finding.Info,
				Message: fmt.Sprintf("translated by the fallback engine: %v", first.Err)})
		}
		r.Notes = append(first.Notes, r.Notes...)
		res[i] = r
	}
	return res, nil
}
