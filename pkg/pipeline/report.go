package pipeline

import (
	"time"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/report"
)

// Batch returns what the report shows of the batch: every file, segment
// and draft, the memory's matches and the findings. generated is the time
// the report states (the caller's clock).
func (p *Pipeline) Batch(r *Result, generated time.Time) *report.Batch {
	b := &report.Batch{Generated: generated, From: p.From.String(), Previous: r.Previous}
	for _, l := range p.To {
		b.Langs = append(b.Langs, l.String())
	}
	for _, fr := range r.Files {
		f := report.File{Path: fr.Path, Change: fr.Change, Segments: make([]report.Segment, len(fr.Items))}
		at := make(map[string]int, len(fr.Items))
		for i, it := range fr.Items {
			f.Segments[i] = report.Segment{ID: it.ID, Source: it.Source, Words: it.Words, Change: it.Change,
				Drafts: make([]report.Draft, len(fr.Langs))}
			at[it.ID] = i
		}
		for li, lr := range fr.Langs {
			lang := lr.Lang.String()
			for i, d := range lr.Drafts {
				rd := report.Draft{Lang: lang, Target: d.Target, Origin: d.Origin, State: d.State, Band: d.Band, Suggested: d.Suggested}
				if d.Origin.Kind == document.FromNone {
					rd.Target = nil
				}
				if m := d.Match; m != nil {
					rd.Match = &report.Match{Score: m.Score, Source: m.Unit.Source, Target: m.Target, Diff: report.FromMemory(m.Diff)}
				}
				f.Segments[i].Drafts[li] = rd
			}
			for _, fd := range lr.Findings {
				if i, ok := at[fd.Segment]; ok && fd.Segment != "" {
					d := &f.Segments[i].Drafts[li]
					d.Findings = append(d.Findings, fd)
					continue
				}
				f.Findings = append(f.Findings, fd)
			}
		}
		b.Files = append(b.Files, f)
	}
	return b
}
