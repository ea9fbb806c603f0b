package pipeline

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/report"
)

// termMarker returns what marks the termbase's terms in the report, nil
// without a termbase.
func (p *Pipeline) termMarker() *report.TermMarker {
	if p.Terms == nil {
		return nil
	}
	langs := make([]string, len(p.To))
	targets := map[string]*glossary.Matcher{}
	for i, l := range p.To {
		langs[i] = l.String()
		targets[langs[i]] = glossary.NewMatcher(p.Terms, l)
	}
	return report.NewTermMarker(langs, glossary.NewMatcher(p.Terms, p.Loader.From()), targets)
}

// reportFile returns what the report shows of one file: every segment and
// draft, the memory's matches and the batch's own findings, with the
// termbase's terms marked (marker nil: none). It is built as soon as the
// file is translated; batch adds the checks' findings.
func reportFile(fr *FileResult, marker *report.TermMarker) report.File {
	f := report.File{Path: fr.Path, Change: fr.Change, Segments: make([]report.Segment, len(fr.Items))}
	for i, it := range fr.Items {
		f.Segments[i] = report.Segment{ID: it.ID, Source: it.Source, Words: it.Words, Change: it.Change,
			Drafts: make([]report.Draft, len(fr.Langs))}
	}
	for li, lr := range fr.Langs {
		lang := lr.Lang.String()
		for i, d := range lr.Drafts {
			rd := report.Draft{Lang: lang, Target: d.Target, Origin: d.Origin, State: d.State, Band: d.Band, Suggested: d.Suggested, Earlier: d.Earlier}
			if d.Origin.Kind == document.FromNone {
				rd.Target = nil
			}
			if m := d.Match; m != nil {
				rd.Match = &report.Match{Score: m.Score, Source: m.Unit.Source, Target: m.Target, Diff: report.FromMemory(m.Diff)}
				if m.Repaired {
					rd.Match.Original = m.Unit.Target
				}
			}
			f.Segments[i].Drafts[li] = rd
		}
		addFindings(&f, li, lr.Findings)
		if lr.Removed > 0 {
			if f.Removed == nil {
				f.Removed = map[string]int{}
			}
			f.Removed[lang] = lr.Removed
		}
	}
	if marker != nil {
		marker.Mark(&f)
	}
	return f
}

// addFindings adds findings about f's drafts into language li: each to
// its segment's draft, or to the file when it names no segment of f.
func addFindings(f *report.File, li int, findings []finding.Finding) {
	if len(findings) == 0 {
		return
	}
	at := make(map[string]int, len(f.Segments))
	for i, s := range f.Segments {
		at[s.ID] = i
	}
	for _, rf := range findings {
		if i, ok := at[rf.Segment]; ok && rf.Segment != "" {
			d := &f.Segments[i].Drafts[li]
			d.Findings = append(d.Findings, rf)
			continue
		}
		f.Findings = append(f.Findings, rf)
	}
}

// batch returns what the report shows of the batch: its files (built by
// reportFile), with the findings of the checks added. generated is the
// time the report states.
func (p *Pipeline) batch(r *Result, files []report.File, generated time.Time) *report.Batch {
	b := p.bare(r, files, generated)
	if r.Checks != nil {
		addChecks(b, r.Checks.Findings)
	}
	return b
}

// bare returns the batch of files without the findings of the checks.
func (p *Pipeline) bare(r *Result, files []report.File, generated time.Time) *report.Batch {
	b := &report.Batch{Generated: generated, From: p.Loader.From().String(), Previous: r.Previous, Shard: r.Shard.String(), Files: files}
	for _, l := range p.To {
		b.Langs = append(b.Langs, l.String())
	}
	if p.EngineUsage != nil && p.MT != nil {
		b.Engine = map[string]report.EngineUsage{}
		for _, l := range p.To {
			b.Engine[l.String()] = p.EngineUsage(l)
		}
	}
	return b
}

// addChecks adds the findings of the checks to the drafts of b (to the
// files, for findings about a whole file), in their order.
func addChecks(b *report.Batch, findings []finding.Finding) {
	checks := map[string][]finding.Finding{} // by file path and language
	for _, f := range findings {
		key := f.At.Path + "\x00" + f.Lang
		checks[key] = append(checks[key], f)
	}
	for fi := range b.Files {
		f := &b.Files[fi]
		for li, lang := range b.Langs {
			addFindings(f, li, checks[f.Path+"\x00"+lang])
		}
	}
}

// page is one file of a batch's report, rendered by write.
type page struct {
	name  string
	write func(io.Writer) error
}

// pages returns the report pages of b: report.html, report.md and
// summary.json, each rendering up to jobs files' sections at once.
func pages(b *report.Batch, jobs int) []page {
	opt := report.WithJobs(jobs)
	return []page{
		{"report.html", func(w io.Writer) error { return report.WriteHTML(w, b, opt) }},
		{"report.md", func(w io.Writer) error { return report.WriteMarkdown(w, b, opt) }},
		{"summary.json", func(w io.Writer) error { return report.Summarize(b).WriteJSON(w) }},
	}
}

// stageReports renders the pages and stages them in the output folder,
// up to jobs at once. It stages all or, after an error, none.
func stageReports(out string, reports []page, jobs int) ([]*fsutil.Staged, error) {
	staged := make([]*fsutil.Staged, len(reports))
	errs := make([]error, len(reports))
	var g errgroup.Group
	g.SetLimit(max(jobs, 1))
	for i, r := range reports {
		g.Go(func() error {
			path := filepath.Join(out, r.name)
			var werr error // the report's own error, told apart from the disk's
			staged[i], errs[i] = fsutil.StageStream(path, 0o644, func(w io.Writer) error {
				werr = r.write(w)
				return werr
			})
			switch {
			case werr != nil:
				errs[i] = fmt.Errorf("%s: %w", r.name, werr)
			case errs[i] != nil:
				errs[i] = fmt.Errorf("write %s: %w", path, errs[i])
			}
			return nil
		})
	}
	_ = g.Wait() // the goroutines return no error: errs holds them
	if err := errors.Join(errs...); err != nil {
		discardStaged(staged)
		return nil, err
	}
	return staged, nil
}

// commitReports makes the staged reports durable with one sync and puts
// them in place.
func commitReports(out string, staged []*fsutil.Staged) error {
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

// discardStaged removes the staged files not put in place.
func discardStaged(staged []*fsutil.Staged) {
	for _, s := range staged {
		if s != nil {
			s.Discard()
		}
	}
}
