package mt

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
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
// whole route ("apertium:fr-es-en"); notes of every leg are kept, and a
// word a later leg did not know that the source does not hold is noted as
// a leak of the pivot language (leaks).
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
			if leg > 0 {
				o.Notes = append(o.Notes, leaks(req.Segments[idx[j]], route[leg:leg+2], r.Unknown)...)
			}
			o.Unknown = r.Unknown
			next = append(next, r.Target)
			nidx = append(nidx, idx[j])
		}
		segs, idx = next, nidx
	}
	// The last leg's targets carry the source's codes (each leg keeps the
	// codes of its input, which are the source's).
	return out, nil
}

// PivotWord is the rule of the note on a word of the pivot language left
// in a draft. It is the engine's note, not a check of package qa: relais
// check cannot tell a pivot's leg from the draft.
const PivotWord = "pivot-word"

// leaks returns a note for each word of unknown, the words a later leg of
// a pivot did not know, that the source segment does not hold: a word of
// the pivot language left in the draft ("reagrupar" in English). A word
// the source holds (a name, a word no leg knew) is the source's own.
func leaks(source document.Content, leg Route, unknown []string) []finding.Finding {
	var out []finding.Finding
	text := strings.ToLower(source.Plain())
	seen := map[string]bool{}
	for _, w := range unknown {
		lw := strings.ToLower(w)
		if seen[lw] || hasWord(text, lw) {
			continue
		}
		seen[lw] = true
		out = append(out, finding.Finding{Rule: PivotWord, Severity: finding.Warning,
			Message: fmt.Sprintf("“%s” is a word of the pivot language (%s) that the %s leg did not know: translate it", w, leg[0], leg)})
	}
	return out
}

// hasWord reports whether text holds word as a whole word: with no letter
// or digit right before or after it.
func hasWord(text, word string) bool {
	for at := 0; ; {
		k := strings.Index(text[at:], word)
		if k < 0 {
			return false
		}
		start, end := at+k, at+k+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsLetter(before) && !unicode.IsDigit(before) && !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			return true
		}
		at = start + 1
	}
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
