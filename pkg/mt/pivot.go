package mt

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Pivot is a Translator that sends a request along its route: for a pair
// with a route through another language (fr-es-en), the segments go
// through each leg in turn, and only those that every leg translated come
// out translated. Pairs without a route go to the engine directly.
type Pivot struct {
	engine Translator
	routes []Route
}

// NewPivot returns a Translator that translates through engine along
// routes (from FindRoute); direct routes may be left out.
func NewPivot(engine Translator, routes ...Route) *Pivot {
	return &Pivot{engine: engine, routes: routes}
}

// Route returns the route the Pivot takes from one language to another.
func (p *Pivot) Route(from, to language.Tag) Route {
	for _, r := range p.routes {
		if len(r) >= 2 && Same(r[0], from) && Same(r[len(r)-1], to) {
			return r
		}
	}
	return Route{from, to}
}

// Translate implements Translator. The Engine of each result names the
// whole route ("apertium:fr-es-en"); notes of every leg are kept.
func (p *Pivot) Translate(ctx context.Context, req Request) ([]Result, error) {
	route := p.Route(req.From, req.To)
	if !route.Pivoted() {
		return p.engine.Translate(ctx, req)
	}
	out := make([]Result, len(req.Segments))
	idx := make([]int, len(req.Segments)) // position in out of each segment still in flight
	segs := req.Segments
	for i := range idx {
		idx[i] = i
	}
	for leg := 0; leg+1 < len(route) && len(segs) > 0; leg++ {
		res, err := p.engine.Translate(ctx, Request{From: route[leg], To: route[leg+1], Segments: segs})
		if err != nil {
			return nil, fmt.Errorf("%s leg of %s: %w", route[leg:leg+2], route, err)
		}
		if len(res) != len(segs) {
			return nil, fmt.Errorf("%s leg of %s: engine returned %d results for %d segments", route[leg:leg+2], route, len(res), len(segs))
		}
		var next []document.Content
		var nidx []int
		for j, r := range res {
			o := &out[idx[j]]
			o.Notes = append(o.Notes, r.Notes...)
			o.Engine = joinEngine(o.Engine, r.Engine)
			if r.Err != nil {
				o.Err = fmt.Errorf("%s leg: %w", route[leg:leg+2], r.Err)
				o.Target = nil
				continue
			}
			o.Target = r.Target
			next = append(next, r.Target)
			nidx = append(nidx, idx[j])
		}
		segs, idx = next, nidx
	}
	// The last leg's targets carry the source's codes (each leg keeps the
	// codes of its input, which are the source's).
	return out, nil
}

// joinEngine merges "apertium:fr-es" and "apertium:es-en" into
// "apertium:fr-es-en".
func joinEngine(a, b string) string {
	if a == "" {
		return b
	}
	an, ar, _ := strings.Cut(a, ":")
	bn, br, _ := strings.Cut(b, ":")
	if an != bn {
		return a + "+" + b
	}
	ap := strings.Split(ar, "-")
	bp := strings.Split(br, "-")
	if len(bp) > 0 && len(ap) > 0 && ap[len(ap)-1] == bp[0] {
		bp = bp[1:]
	}
	return an + ":" + strings.Join(append(ap, bp...), "-")
}
