package pipeline

import (
	"context"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
)

// repairSpans repairs, with the engine, the fuzzy matches of a document
// whose sources differ from the segment's by a few words (memory.Match.Spans,
// RepairSpans): the differing words of every candidate go to the engine in
// one request, and a match is replaced by its repair where every span of it
// could be placed. An engine that fails leaves the matches as they are: the
// repair is a bonus, its absence costs nothing but the match's score.
func (p *Pipeline) repairSpans(ctx context.Context, doc *document.Document, lang language.Tag, matches []*memory.Match) {
	type cand struct {
		at    int // in matches
		spans []memory.Span
		first int // of its texts in the request
	}
	var cands []cand
	var texts []string
	for i, m := range matches {
		if m == nil {
			continue
		}
		spans, ok := m.Spans()
		if !ok {
			continue
		}
		cands = append(cands, cand{at: i, spans: spans, first: len(texts)})
		for _, sp := range spans {
			texts = append(texts, sp.Old, sp.New, sp.WideOld, sp.WideNew)
		}
	}
	if len(cands) == 0 {
		return
	}
	// Only the texts with words go to the engine, each once.
	index := map[string]int{}
	var segs []document.Content
	for _, t := range texts {
		if _, ok := index[t]; !ok && strings.TrimSpace(t) != "" {
			index[t] = len(segs)
			segs = append(segs, document.Text(t))
		}
	}
	all := doc.Segments()
	whole := make([]document.Content, len(all))
	for i, s := range all {
		whole[i] = s.Source
	}
	res, err := p.MT.Translate(ctx, mt.Request{From: p.Loader.From(), To: lang, Segments: segs, Context: whole})
	if err != nil || len(res) != len(segs) {
		return
	}
	translated := func(t string) string {
		k, ok := index[t]
		if !ok || res[k].Err != nil || len(res[k].Unknown) > 0 {
			return "" // an unknown word copied as it is is no translation
		}
		out := res[k].Target
		if p.Typography != nil {
			out = p.Typography(segs[k], out, lang)
		}
		return strings.TrimSpace(out.Plain())
	}
	for _, c := range cands {
		tr := make([]memory.SpanTranslation, len(c.spans))
		for j := range c.spans {
			k := c.first + 4*j
			tr[j] = memory.SpanTranslation{Old: translated(texts[k]), New: translated(texts[k+1]),
				WideOld: translated(texts[k+2]), WideNew: translated(texts[k+3])}
		}
		if m, ok := matches[c.at].RepairSpans(tr); ok {
			matches[c.at] = &m
		}
	}
}
