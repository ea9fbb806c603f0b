package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/report"
)

// batch returns what the report shows of the batch: every file, segment
// and draft, the memory's matches, the batch's own findings and those of
// the checks, and the termbase's terms marked. generated is the time the
// report states.
func (p *Pipeline) batch(r *Result, generated time.Time) *report.Batch {
	b := &report.Batch{Generated: generated, From: p.Loader.From().String(), Previous: r.Previous}
	for _, l := range p.To {
		b.Langs = append(b.Langs, l.String())
	}
	checks := map[string][]finding.Finding{} // by file path and language
	if r.Checks != nil {
		for _, f := range r.Checks.Findings {
			key := f.At.Path + "\x00" + f.Lang
			checks[key] = append(checks[key], f)
		}
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
			findings := append(slices.Clip(lr.Findings), checks[fr.Path+"\x00"+lang]...)
			for _, rf := range findings {
				if i, ok := at[rf.Segment]; ok && rf.Segment != "" {
					d := &f.Segments[i].Drafts[li]
					d.Findings = append(d.Findings, rf)
					continue
				}
				f.Findings = append(f.Findings, rf)
			}
		}
		b.Files = append(b.Files, f)
	}
	if p.Terms != nil {
		targets := map[string]*glossary.Matcher{}
		for _, l := range p.To {
			targets[l.String()] = glossary.NewMatcher(p.Terms, l)
		}
		report.MarkTerms(b, glossary.NewMatcher(p.Terms, p.Loader.From()), targets)
	}
	return b
}

// writeReports writes report.html, report.md and summary.json into the
// output folder, each whole or not at all: the three are rendered at once,
// staged, made durable with one sync and put in place.
func (p *Pipeline) writeReports(out string, b *report.Batch) error {
	reports := []struct {
		name  string
		write func(io.Writer, *report.Batch) error
	}{
		{"report.html", report.WriteHTML},
		{"report.md", report.WriteMarkdown},
		{"summary.json", func(w io.Writer, b *report.Batch) error { return report.Summarize(b).WriteJSON(w) }},
	}
	staged := make([]*fsutil.Staged, len(reports))
	errs := make([]error, len(reports))
	var wg sync.WaitGroup
	for i, r := range reports {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := r.write(&buf, b); err != nil {
				errs[i] = fmt.Errorf("%s: %w", r.name, err)
				return
			}
			path := filepath.Join(out, r.name)
			if staged[i], errs[i] = fsutil.Stage(path, buf.Bytes(), 0o644); errs[i] != nil {
				errs[i] = fmt.Errorf("write %s: %w", path, errs[i])
			}
		})
	}
	wg.Wait()
	defer func() {
		for _, s := range staged {
			if s != nil {
				s.Discard()
			}
		}
	}()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := fsutil.SyncStaged(staged); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	for _, s := range staged {
		if err := s.Commit(); err != nil {
			return fmt.Errorf("write %s: %w", s.Path(), err)
		}
	}
	return nil
}
