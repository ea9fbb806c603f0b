package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/format"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/xliff"
)

// Segmenter cuts a document's blocks into segments (package segment's
// Rules). It must be safe for concurrent use.
type Segmenter interface {
	Document(d *document.Document)
}

// Pipeline is one configured batch run. Its fields are set before Run and
// not changed during it.
type Pipeline struct {
	Codecs    *format.Registry // codecs by extension
	Segmenter Segmenter        // sentence segmentation of the source language
	From      language.Tag     // source language
	To        []language.Tag   // target languages
	Jobs      int              // files processed at once; 0 means 1

	// Memory, when set, fills translations from the segment memory:
	// in-context and exact matches, and fuzzy matches scoring at least
	// FuzzyInsert; matches between FuzzyMin and FuzzyInsert are only
	// reported (LangResult.Suggestions). It must be safe for concurrent use.
	Memory      memoryLookup
	FuzzyMin    int // lowest score looked up; 0 means memory.DefaultMin
	FuzzyInsert int // lowest fuzzy score inserted; 0 means 85

	// MT, when set, translates the segments the memory did not fill: one
	// call per file and target language. A language it has no route for
	// (mt.ErrUnsupportedPair) is left untranslated without a finding; any
	// other failure leaves that file's segments untranslated, with a
	// finding, and the batch goes on. It must be safe for concurrent use.
	MT mt.Translator
	// Typography, when set, adapts machine-translated text to the target
	// language (spacing, quotes); see package typography.
	Typography func(c document.Content, lang language.Tag) document.Content

	// Warn receives messages for the user (a legacy encoding converted, a
	// human edit kept). Run calls it from one goroutine at a time.
	Warn func(msg string)
	// Progress receives an event each time a file is done. Run calls it
	// from one goroutine at a time.
	Progress func(Event)
	// Check, when set, receives each file's translations in each target
	// language once they are complete (for the checks of package qa). Run
	// calls it from one goroutine at a time, files in path order.
	Check func(doc *document.Document, lang language.Tag, tr map[string]document.Translation)
}

// memoryLookup is what the batch needs from a memory.Store.
type memoryLookup interface {
	Lookup(ctx context.Context, q memory.Query) ([]memory.Match, error)
}

// Inputs says what a batch reads and where it writes.
type Inputs struct {
	Paths []string // files and folders; folders are walked for known extensions
	Out   string   // output folder
	// Analyze runs the batch for its leverage analysis only: the memory is
	// looked up as for a translation, but no machine translation is asked
	// for and nothing is written. The manifest of Out, if any, is read to
	// tell new and changed segments.
	Analyze bool
}

// Event reports progress: Done of Total files, the last one being Path.
type Event struct {
	Stage       string // "read" or "write"
	Done, Total int
	Path        string
}

// Result is what a batch did, file by file in path order.
type Result struct {
	Files []FileResult
	// Previous says the output folder's manifest recorded the sources of
	// an earlier batch, so that Item.Change and FileResult.Change are known.
	Previous bool
}

// FileResult is what a batch did with one source file.
type FileResult struct {
	Path     string           // slash path inside the batch: out/<lang>/<Path>
	Source   string           // the file as found on disk
	Encoding charset.Encoding // how the source was stored
	Segments int              // segments in the source
	Words    int              // source words
	Langs    []LangResult     // one per target language, in the order of Pipeline.To
	// Hash is the SHA-256 of the source file's bytes, as the manifest
	// records it.
	Hash string
	// Change says whether the file is new, changed or unchanged since the
	// batch the manifest recorded (leverage.Unknown without a record).
	Change leverage.Change
	// Items are the source segments, in order: LangResult.Drafts follow
	// the same order.
	Items []Item
}

// Item is one source segment of a file.
type Item struct {
	ID     string
	Source document.Content
	Words  int
	Change leverage.Change // since the batch the manifest recorded
}

// Draft is one segment's outcome in one language.
type Draft struct {
	document.Translation               // the target (nil when untranslated), its state and origin
	Band                 leverage.Band // the leverage band of the best memory match
	// Match is the best memory match when it filled the draft with a
	// fuzzy score or was only suggested (Suggested); nil otherwise.
	Match     *memory.Match
	Suggested bool
}

// LangResult is one file's outcome in one target language.
type LangResult struct {
	Lang         language.Tag
	Draft, XLIFF string // paths written (or kept, when Kept is set)
	Untranslated int    // segments left in the source language
	Kept         bool   // the draft was edited by a person and left as it was
	Memory       Leverage
	Machine      int               // segments filled by machine translation
	Findings     []finding.Finding // what a reviewer should look at, with their Lang, Segment and At
	// Suggestions are the memory matches below FuzzyInsert, not inserted:
	// for the report.
	Suggestions []Suggestion
	// Drafts are the segments' outcomes, in the order of FileResult.Items.
	Drafts []Draft
}

// Leverage counts what the memory gave one file in one language. A
// segment whose key already came earlier in the batch (in any file) counts
// once, as a repetition, and not again in the other counts.
type Leverage struct {
	InContext   int // filled by a 101 % match
	Exact       int // filled by a 100 % match
	Fuzzy       int // filled by a fuzzy match at or above FuzzyInsert, marked for review
	Suggested   int // a match below FuzzyInsert, reported, not inserted
	Repetitions int // segments repeated inside the batch
}

// Suggestion is a memory match too weak to fill a draft.
type Suggestion struct {
	Segment string           // segment ID
	Score   int              // the match's score
	Source  document.Content // the unit's source
	Target  document.Content // the match's target
	Diff    []memory.Diff    // from the unit's source to the segment's
}

// Untranslated returns the number of untranslated segments over all files
// and languages.
func (r *Result) Untranslated() int {
	n := 0
	for _, f := range r.Files {
		for _, l := range f.Langs {
			n += l.Untranslated
		}
	}
	return n
}

// Segments returns the number of source segments over all files.
func (r *Result) Segments() int {
	n := 0
	for _, f := range r.Files {
		n += f.Segments
	}
	return n
}

type source struct {
	disk string // path on disk
	rel  string // slash path inside the batch
}

type loaded struct {
	src  source
	doc  *document.Document
	enc  charset.Encoding
	hash string // of the file's bytes
}

// output is one file to write.
type output struct {
	rel  string // slash path inside the output folder
	path string // on disk, checked to lie inside it
	data []byte
}

// Run runs the batch. An input error returns before anything is written;
// the error names the file (and line and column where there is one).
func (p *Pipeline) Run(ctx context.Context, in Inputs) (*Result, error) {
	srcs, err := p.collect(in.Paths)
	if err != nil {
		return nil, err
	}
	docs, err := p.load(ctx, srcs)
	if err != nil {
		return nil, err
	}
	m, err := readManifest(in.Out)
	if err != nil {
		return nil, err
	}
	res := &Result{Previous: m.Sources != nil}
	var outs []output
	seen := map[string]bool{} // lang + key: repetitions in the batch
	for _, l := range docs {
		fr, fo, err := p.render(ctx, l, in, seen)
		if err != nil {
			return nil, err
		}
		markChanges(&fr, m)
		res.Files = append(res.Files, fr)
		outs = append(outs, fo...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.Analyze {
		return res, nil
	}
	if err := p.write(ctx, in.Out, m, res, outs); err != nil {
		return nil, err
	}
	return res, nil
}

// collect expands folders and checks every input before any is read.
func (p *Pipeline) collect(paths []string) ([]source, error) {
	var srcs []source
	seen := map[string]string{}
	add := func(disk, rel string) error {
		if prev, dup := seen[rel]; dup {
			return fmt.Errorf("%s and %s would both be written as %s: translate them in separate batches", prev, disk, rel)
		}
		seen[rel] = disk
		srcs = append(srcs, source{disk: disk, rel: rel})
		return nil
	}
	for _, arg := range paths {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, unwrapPathError(err))
		}
		if !fi.IsDir() {
			if _, ok := p.Codecs.ForPath(arg); !ok {
				return nil, fmt.Errorf("%s: relais does not read this kind of file (it reads %s)", arg, strings.Join(p.Codecs.Extensions(), ", "))
			}
			if err := add(arg, path.Base(filepath.ToSlash(arg))); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(arg, func(disk string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", disk, unwrapPathError(err))
			}
			if d.IsDir() {
				if disk != arg && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if _, ok := p.Codecs.ForPath(disk); !ok || !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(arg, disk)
			if err != nil {
				return err
			}
			return add(disk, filepath.ToSlash(rel))
		})
		if err != nil {
			return nil, err
		}
	}
	if len(srcs) == 0 {
		return nil, errors.New("no source files: name .md, .markdown or .txt files or folders that hold some")
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].rel < srcs[j].rel })
	return srcs, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// load reads, decodes, extracts and segments every source, in parallel.
func (p *Pipeline) load(ctx context.Context, srcs []source) ([]loaded, error) {
	docs := make([]loaded, len(srcs))
	errs := make([]error, len(srcs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(max(p.Jobs, 1))
	var mu sync.Mutex
	done := 0
	for i, s := range srcs {
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			l, err := p.loadOne(s)
			docs[i], errs[i] = l, err
			mu.Lock()
			done++
			if err == nil && l.enc.Legacy() && p.Warn != nil {
				p.Warn(fmt.Sprintf("%s: read as %s (not UTF-8); the drafts are written in %s too", s.disk, l.enc, l.enc))
			}
			if p.Progress != nil {
				p.Progress(Event{Stage: "read", Done: done, Total: len(srcs), Path: s.rel})
			}
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return docs, nil
}

func (p *Pipeline) loadOne(s source) (loaded, error) {
	raw, err := os.ReadFile(s.disk)
	if err != nil {
		return loaded{}, fmt.Errorf("%s: %w", s.disk, unwrapPathError(err))
	}
	text, enc, err := charset.Decode(s.disk, raw)
	if err != nil {
		return loaded{}, err
	}
	hash := fsutil.Hash(raw)
	codec, _ := p.Codecs.ForPath(s.disk)
	doc, err := codec.Extract(s.rel, text)
	if err != nil {
		var pe *document.PosError
		if errors.As(err, &pe) {
			pe.Path = s.disk
		}
		return loaded{}, err
	}
	doc.Lang = p.From
	if p.Segmenter != nil {
		p.Segmenter.Document(doc)
	}
	return loaded{src: s, doc: doc, enc: enc, hash: hash}, nil
}

// render builds one file's drafts and XLIFF files in memory.
func (p *Pipeline) render(ctx context.Context, l loaded, in Inputs, seen map[string]bool) (FileResult, []output, error) {
	out := in.Out
	fr := FileResult{Path: l.src.rel, Source: l.src.disk, Encoding: l.enc, Hash: l.hash}
	segs := l.doc.Segments()
	fr.Segments = len(segs)
	for _, s := range segs {
		w := s.Source.Words()
		fr.Words += w
		fr.Items = append(fr.Items, Item{ID: s.ID, Source: s.Source, Words: w})
	}
	codec, _ := p.Codecs.ForPath(l.src.disk)
	var outs []output
	for _, lang := range p.To {
		lr := LangResult{Lang: lang, Drafts: make([]Draft, len(segs))}
		translations, err := p.translate(ctx, l.doc, lang, &lr, seen, in.Analyze)
		if err != nil {
			return fr, nil, fmt.Errorf("%s: %w", l.src.disk, err)
		}
		if p.Check != nil && !in.Analyze {
			p.Check(l.doc, lang, translations)
		}
		targets := make(map[string]document.Content, len(translations))
		for i, s := range segs {
			t, ok := translations[s.ID]
			if ok {
				lr.Drafts[i].Translation = t
			}
			if !ok || t.Origin.Kind == document.FromNone {
				lr.Untranslated++
				continue
			}
			targets[s.ID] = t.Target
		}
		if in.Analyze {
			fr.Langs = append(fr.Langs, lr)
			continue
		}
		var draft bytes.Buffer
		if err := codec.Merge(&draft, l.doc, targets); err != nil {
			return fr, nil, err
		}
		data, err := charset.Encode(draft.Bytes(), l.enc)
		if errors.Is(err, charset.ErrUnrepresentable) {
			data = draft.Bytes()
			if p.Warn != nil {
				p.Warn(fmt.Sprintf("%s: the %s draft has characters %s cannot store: written as UTF-8", l.src.disk, lang, l.enc))
			}
		} else if err != nil {
			return fr, nil, err
		}
		var xlf bytes.Buffer
		if err := xliff.Write(&xlf, xliff.FromDocument(l.doc, lang, translations)); err != nil {
			return fr, nil, fmt.Errorf("%s: xliff: %w", l.src.disk, err)
		}
		draftRel := lang.String() + "/" + l.src.rel
		for _, o := range []output{{rel: draftRel, data: data}, {rel: draftRel + ".xlf", data: xlf.Bytes()}} {
			o.path, err = fsutil.SafeJoin(out, o.rel)
			if err != nil {
				return fr, nil, err
			}
			outs = append(outs, o)
		}
		lr.Draft, lr.XLIFF = outs[len(outs)-2].path, outs[len(outs)-1].path
		fr.Langs = append(fr.Langs, lr)
	}
	return fr, outs, nil
}

// translate returns the translations of doc's segments into lang: from the
// memory, when there is one, for the segments it covers. It counts what
// the memory gave in lr; seen holds the keys met earlier in the batch.
//
// It fills lr.Drafts[i].Band for every segment and, with the match, the
// drafts the memory filled with a fuzzy score or only suggested. Matches
// are looked up down to leverage.LowestScore, for the bands; only those at
// FuzzyMin or more are suggested. With analyze set, no engine is called.
func (p *Pipeline) translate(ctx context.Context, doc *document.Document, lang language.Tag, lr *LangResult, seen map[string]bool, analyze bool) (map[string]document.Translation, error) {
	out := map[string]document.Translation{}
	segs := doc.Segments()
	keys := make([]string, len(segs))
	for i, s := range segs {
		keys[i] = s.Source.Key()
	}
	insert := p.FuzzyInsert
	if insert <= 0 {
		insert = 85
	}
	suggest := p.FuzzyMin
	if suggest <= 0 {
		suggest = memory.DefaultMin
	}
	for i, s := range segs {
		repeated := seen[lang.String()+"\x00"+keys[i]]
		seen[lang.String()+"\x00"+keys[i]] = true
		lr.Drafts[i].Band = leverage.BandOf(0, repeated)
		if repeated {
			lr.Memory.Repetitions++
		}
		if p.Memory == nil || keys[i] == "" {
			continue
		}
		q := memory.Query{Source: s.Source, SrcLang: p.From, TgtLang: lang, Min: suggest, Limit: 1}
		if i > 0 {
			q.Prev = memory.ContextHash(keys[i-1])
		}
		if i+1 < len(segs) {
			q.Next = memory.ContextHash(keys[i+1])
		}
		ms, err := p.Memory.Lookup(ctx, q)
		if err == nil && len(ms) == 0 && suggest > leverage.LowestScore {
			// Only for the band: a lookup down to 50 % reads far more
			// candidates, so it is done only when nothing better exists.
			q.Min = leverage.LowestScore
			ms, err = p.Memory.Lookup(ctx, q)
		}
		if err != nil {
			return nil, err
		}
		if len(ms) == 0 {
			continue
		}
		m := ms[0]
		lr.Drafts[i].Band = leverage.BandOf(m.Score, repeated)
		t := document.Translation{Target: m.Target, State: document.Translated}
		switch {
		case m.Score >= 100:
			t.Origin = document.Origin{Kind: document.FromExact, Score: 100}
			if m.Level == memory.InContext {
				t.Origin = document.Origin{Kind: document.FromInContext, Score: 101}
			}
			if m.Unit.State == document.Reviewed || m.Unit.State == document.Final {
				t.State = m.Unit.State
			}
			count(&lr.Memory.InContext, &lr.Memory.Exact, m.Level == memory.InContext, repeated)
		case m.Score >= insert:
			t.Origin = document.Origin{Kind: document.FromFuzzy, Score: m.Score}
			lr.Drafts[i].Match = &m
			if !repeated {
				lr.Memory.Fuzzy++
			}
		case m.Score >= suggest:
			lr.Drafts[i].Match, lr.Drafts[i].Suggested = &m, true
			lr.Suggestions = append(lr.Suggestions, Suggestion{Segment: s.ID, Score: m.Score, Source: m.Unit.Source, Target: m.Target, Diff: m.Diff})
			if !repeated {
				lr.Memory.Suggested++
			}
			continue
		default:
			continue
		}
		out[s.ID] = t
	}
	if p.MT != nil && !analyze {
		p.machine(ctx, doc, segs, lang, out, lr)
	}
	return out, ctx.Err()
}

// machine sends the segments of doc that have no translation yet to the
// engine, in one call, and adds what comes back to out. Its findings (an
// engine that failed: a warning; the engine's notes, graded by the engine)
// point at the source segment.
func (p *Pipeline) machine(ctx context.Context, doc *document.Document, segs []*document.Segment, lang language.Tag, out map[string]document.Translation, lr *LangResult) {
	var todo []*document.Segment
	var src []document.Content
	for _, s := range segs {
		if _, done := out[s.ID]; !done && strings.TrimSpace(s.Source.Plain()) != "" {
			todo = append(todo, s)
			src = append(src, s.Source)
		}
	}
	if len(todo) == 0 {
		return
	}
	res, err := p.MT.Translate(ctx, mt.Request{From: p.From, To: lang, Segments: src})
	if err == nil && len(res) != len(todo) {
		err = fmt.Errorf("the engine returned %d translations for %d segments", len(res), len(todo))
	}
	switch {
	case errors.Is(err, mt.ErrUnsupportedPair):
		return
	case err != nil:
		lr.Findings = append(lr.Findings, finding.Finding{Rule: "mt-failed", Severity: finding.Warning, Lang: lang.String(),
			At:      finding.Location{Path: doc.Path},
			Message: fmt.Sprintf("machine translation failed, %d segment(s) left untranslated: %v", len(todo), err)})
		return
	}
	for i, r := range res {
		s := todo[i]
		at := finding.At(doc.Path, doc.Position(s.Span.Start))
		for _, n := range r.Notes {
			if n.Severity == finding.Off {
				n.Severity = finding.Warning // an engine that did not grade its note
			}
			n.Lang, n.Segment, n.At = lang.String(), s.ID, at
			lr.Findings = append(lr.Findings, n)
		}
		if r.Err != nil {
			lr.Findings = append(lr.Findings, finding.Finding{Rule: "mt-failed", Severity: finding.Warning, Lang: lang.String(), Segment: s.ID, At: at,
				Message: fmt.Sprintf("machine translation failed for this segment: %v", r.Err)})
			continue
		}
		target := r.Target
		if p.Typography != nil {
			target = p.Typography(target, lang)
		}
		out[s.ID] = document.Translation{Target: target, State: document.Translated,
			Origin: document.Origin{Kind: document.FromMachine, Engine: r.Engine}}
		lr.Machine++
	}
}

// count adds one to a or b, unless the segment is a repetition.
func count(a, b *int, first, repeated bool) {
	switch {
	case repeated:
	case first:
		*a++
	default:
		*b++
	}
}
