package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
)

// Run runs the batch: it reads every source, looks its segments up in the
// memory, has the engine translate the rest, merges the drafts, runs the
// checks, and writes the drafts, their XLIFF files, the reports and the
// manifest of the output folder, in that order. With in.Shard, it does so
// for the sources of that share only (see Shard), and adds report.json
// for Merge.
//
// Jobs files go through reading, lookup, translation and merge at once;
// what Run writes and returns does not depend on Jobs. An input error
// returns before anything is written, and names the file (and the line and
// column where there is one). No file is put in place until every file is
// ready (each is staged to a hidden temporary file as soon as it is
// translated): a batch cancelled or failing before then replaces no file
// and removes what it staged. Once the renaming has begun, each file is
// replaced whole or not at all, and the manifest records every file put in
// place, whatever stops the loop, so that the next run knows them for
// relais's own.
func (p *Pipeline) Run(ctx context.Context, in Inputs) (*Result, error) {
	all, err := p.Loader.Collect(in.Paths)
	if err != nil {
		return nil, err
	}
	srcs := in.Shard.share(all)
	docs, keys, err := p.load(ctx, srcs)
	if err != nil {
		return nil, err
	}
	m, err := readManifest(in.Out)
	if err != nil {
		return nil, err
	}
	b := shared{m: m, terms: p.termMarker()}
	if !in.Analyze {
		b.st = &stager{m: m}
		if b.j, err = openJournal(in.Out); err != nil {
			return nil, err
		}
		defer b.j.f.Close() // finish closes it first when the batch is done
	}
	work, err := p.translateAll(ctx, docs, keys, in, b)
	if err != nil {
		return nil, err
	}
	res := &Result{Previous: m.Sources != nil, Files: make([]FileResult, len(work)), Shard: in.Shard, Sources: len(all)}
	for i := range work {
		res.Files[i] = work[i].result
		for _, w := range work[i].warns {
			p.warn(w)
		}
	}
	if in.Analyze {
		res.Report = p.batch(res, reportFiles(work), p.now())
		return res, nil
	}
	if p.Checks != nil {
		files := make([]*qa.File, 0, len(work)*len(p.To))
		for _, w := range work {
			files = append(files, w.checked...)
		}
		res.Checks = p.Checks.Run(files)
	}
	var part *report.Part
	if in.Shard.Split() {
		part = p.part(in, all)
	}
	if err := p.write(ctx, in.Out, m, res, work, part); err != nil {
		return nil, err
	}
	if err := b.j.finish(work); err != nil {
		p.warn(fmt.Sprintf("%s: %v", JournalName, err))
	}
	return res, nil
}

// load reads, decodes, extracts and segments every source, and keys its
// segments (Content.Key), Jobs at a time. Every input error is returned,
// joined, in path order.
func (p *Pipeline) load(ctx context.Context, srcs []loader.Source) ([]*loader.Loaded, [][]string, error) {
	docs := make([]*loader.Loaded, len(srcs))
	keys := make([][]string, len(srcs))
	errs := make([]error, len(srcs))
	tick := p.ticker("read", len(srcs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(p.jobs())
	for i, s := range srcs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			docs[i], errs[i] = p.Loader.Load(s, p.Loader.From())
			if errs[i] == nil {
				segs := docs[i].Doc.Segments()
				keys[i] = make([]string, len(segs))
				for j, seg := range segs {
					keys[i][j] = seg.Source.Key()
				}
			}
			tick(s.Rel)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, l := range docs {
		if l.Encoding.Legacy() {
			p.warn(fmt.Sprintf("%s: read as %s (not UTF-8); the drafts are written in %s too", l.Disk, l.Encoding, l.Encoding))
		}
		for _, s := range l.Doc.Skipped {
			pos := l.Doc.Position(s.Span.Start)
			p.warn(fmt.Sprintf("%s:%d:%d: left as it is: %s", l.Disk, pos.Line, pos.Col, s.Why))
		}
	}
	return docs, keys, nil
}

// translateAll builds every file's translations, drafts and XLIFF files in
// memory, Jobs files at a time; keys are the keys of each document's
// segments. Repetitions are decided first, in path
// order, so that they do not depend on which file finishes first; so is
// the error returned, when files fail: the first in path order.
//
// Each file's outputs are staged as soon as it is done (b.st) and
// recorded in the journal (b.j); when the batch fails, what was staged is
// removed; when it is stopped, it stays for the next batch to resume.
func (p *Pipeline) translateAll(ctx context.Context, docs []*loader.Loaded, keys [][]string, in Inputs, b shared) ([]fileWork, error) {
	repeated := repetitions(keys)
	work := make([]fileWork, len(docs))
	errs := make([]error, len(docs))
	tick := p.ticker("translate", len(docs))
	var g errgroup.Group
	g.SetLimit(p.jobs())
	for i, l := range docs {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			work[i], errs[i] = p.file(ctx, l, keys[i], repeated[i], in, b)
			tick(l.Rel)
			return nil
		})
	}
	_ = g.Wait() // the goroutines return no error: errs holds them
	err := ctx.Err()
	for _, e := range errs {
		if err == nil && e != nil {
			err = e
		}
	}
	if err != nil {
		if ctx.Err() == nil {
			discard(work)
		} // stopped: what was staged stays, for the next batch to resume (b.j)
		return nil, err
	}
	return work, nil
}

// reportFiles returns what the report shows of each file, in order.
func reportFiles(work []fileWork) []report.File {
	files := make([]report.File, len(work))
	for i := range work {
		files[i] = work[i].report
	}
	return files
}

// repetitions returns, for each document's segment keys, whether each
// key came earlier in the batch (in path order).
func repetitions(keys [][]string) [][]bool {
	seen := map[string]bool{}
	repeated := make([][]bool, len(keys))
	for i, ks := range keys {
		repeated[i] = make([]bool, len(ks))
		for j, k := range ks {
			repeated[i][j] = seen[k]
			seen[k] = true
		}
	}
	return repeated
}

func (p *Pipeline) jobs() int { return max(p.Jobs, 1) }

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Pipeline) warn(msg string) {
	if p.Warn != nil {
		p.Warn(msg)
	}
}

// ticker returns a function that counts one more file done at stage and
// reports it to Progress, from one goroutine at a time.
func (p *Pipeline) ticker(stage string, total int) func(path string) {
	if p.Progress == nil {
		return func(string) {}
	}
	var mu sync.Mutex
	done := 0
	return func(path string) {
		mu.Lock()
		defer mu.Unlock()
		done++
		p.Progress(Event{Stage: stage, Done: done, Total: total, Path: path})
	}
}
