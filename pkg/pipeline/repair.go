package pipeline

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
)

// engineCall is the one request a document makes to the engine in one
// language: the segments nothing else may fill (todo, answered in res, or
// err) and, in the same request, the spans of the fuzzy matches it
// repairs.
type engineCall struct {
	todo []*document.Segment
	res  []mt.Result
	err  error
}

// callEngine asks the engine, in one request, for every segment of doc
// that no translation in out nor match of matches would fill as it is
// (insert is fuzzy.insert), and for the differing spans of the fuzzy
// matches of matches that span repair may mend (memory.Match.Spans,
// RepairSpans; not with NoRepair). A match whose spans are all placed is
// replaced in matches by its repair. Its segment was asked for too: the
// repair can fail, and a second request for it would cost a second call;
// machine drops that translation when the repaired match fills the draft.
// An engine that fails repairs nothing: the repair is a bonus.
func (p *Pipeline) callEngine(ctx context.Context, doc *document.Document, lang language.Tag, matches []*memory.Match, out map[string]document.Translation, insert int) *engineCall {
	segs := doc.Segments()
	call := &engineCall{}
	var own []int                     // the places in todo of the segments in the batch's language
	other := map[language.Tag][]int{} // and of those in another one, by language
	langs := p.otherLanguages(segs)
	for i, s := range segs {
		if _, done := out[s.ID]; done || strings.TrimSpace(s.Source.Plain()) == "" || fills(s, matches[i], insert) {
			continue
		}
		if l := langs[i]; l != (language.Tag{}) {
			other[l] = append(other[l], len(call.todo))
		} else {
			own = append(own, len(call.todo))
		}
		call.todo = append(call.todo, s)
	}
	whole := make([]document.Content, len(segs))
	for i, s := range segs {
		whole[i] = s.Source
	}
	call.res = make([]mt.Result, len(call.todo))
	for _, l := range slices.SortedFunc(maps.Keys(other), func(a, b language.Tag) int { return strings.Compare(a.String(), b.String()) }) {
		if !p.otherLanguageResults(ctx, call, other[l], l, lang, whole) {
			own = append(own, other[l]...) // no such pair: translated from the batch's language
		}
	}
	slices.Sort(own)
	src := make([]document.Content, len(own))
	for j, k := range own {
		src[j] = call.todo[k].Source
	}

	type cand struct {
		at    int // in matches
		spans []memory.Span
		first int // of its four texts per span in texts
	}
	var cands []cand
	var texts []string
	for i, m := range matches {
		if m == nil || p.NoRepair {
			continue
		}
		if spans, ok := m.Spans(); ok {
			cands = append(cands, cand{at: i, spans: spans, first: len(texts)})
			for _, sp := range spans {
				texts = append(texts, sp.Old, sp.New, sp.WideOld, sp.WideNew)
			}
		}
	}
	// Each span text with words goes once, after the segments.
	index := map[string]int{}
	for _, t := range texts {
		if _, ok := index[t]; !ok && strings.TrimSpace(t) != "" {
			index[t] = len(src)
			src = append(src, document.Text(t))
		}
	}
	if len(src) == 0 {
		return call
	}
	res, err := p.MT.Translate(ctx, mt.Request{From: p.Loader.From(), To: lang, Segments: src, Context: whole})
	if err == nil && len(res) != len(src) {
		err = fmt.Errorf("the engine returned %d translations for %d segments", len(res), len(src))
	}
	if err != nil {
		call.err = err
		return call
	}
	for j, k := range own {
		call.res[k] = res[j]
	}

	translated := func(t string) string {
		k, ok := index[t]
		if !ok || res[k].Err != nil || len(res[k].Unknown) > 0 {
			return "" // an unknown word copied as it is is no translation
		}
		target := res[k].Target
		if p.Typography != nil {
			target = p.Typography(src[k], target, lang)
		}
		return strings.TrimSpace(target.Plain())
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
	return call
}

// fills reports whether m, the best match of segment s, fills its draft as
// it is: exact or in context, or fuzzy at insert or more with nothing left
// unrepaired, and with the segment's codes (as translate decides).
func fills(s *document.Segment, m *memory.Match, insert int) bool {
	if m == nil || m.Score < insert || (m.Score < 100 && m.Unrepaired()) {
		return false
	}
	return document.CheckCodes(s.Source, m.Target).Err() == nil
}

// otherLanguages returns, for each of segs (a document's, in order), the
// language it is written in when that is not the batch's, else the zero
// Tag, as Languages.Passages tells: the English sentences a French page
// of documentation often keeps, and the short segments among them. A
// French sentence is never sent as another language's.
func (p *Pipeline) otherLanguages(segs []*document.Segment) []language.Tag {
	out := make([]language.Tag, len(segs))
	if p.Languages == nil {
		return out
	}
	texts := make([]string, len(segs))
	for i, s := range segs {
		texts[i] = s.Source.Plain()
	}
	for i, l := range p.Languages.Passages(texts, mt.Code(p.Loader.From())) {
		if l == "" {
			continue
		}
		if tag, err := language.Parse(l); err == nil {
			out[i] = tag
		}
	}
	return out
}

// otherLanguageResults fills the results of the segments at places of
// call.todo, written in language l: kept as they are when l is the target
// language, else translated from l in one request. It reports false, and
// fills nothing, when the engine cannot translate from l into lang (or
// fails): the caller sends them from the batch's language instead.
func (p *Pipeline) otherLanguageResults(ctx context.Context, call *engineCall, places []int, l, lang language.Tag, whole []document.Content) bool {
	name := display.English.Languages().Name(l)
	if mt.Code(l) == mt.Code(lang) {
		for _, k := range places {
			call.res[k] = mt.Result{Target: call.todo[k].Source, Engine: "kept:" + mt.Code(l),
				Notes: []finding.Finding{{Rule: "other-language", Severity: finding.Info,
					Message: fmt.Sprintf("the source segment is in %s already: kept as it is", name)}}}
		}
		return true
	}
	src := make([]document.Content, len(places))
	for j, k := range places {
		src[j] = call.todo[k].Source
	}
	res, err := p.MT.Translate(ctx, mt.Request{From: l, To: lang, Segments: src, Context: whole})
	if err != nil || len(res) != len(src) {
		return false
	}
	for j, k := range places {
		r := res[j]
		r.Notes = append(r.Notes, finding.Finding{Rule: "other-language", Severity: finding.Info,
			Message: fmt.Sprintf("the source segment is in %s: translated from %s", name, name)})
		call.res[k] = r
	}
	return true
}
