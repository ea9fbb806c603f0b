package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
)

// PartName is the file, in a shard's output folder, that holds what Merge
// reads of the shard (report.Part).
const PartName = "report.json"

// crossCheck is the one check of package qa that compares a file with the
// others of the batch: a shard runs it on its own files, Merge again over
// every shard's.
const crossCheck = "inconsistent"

// part returns what a shard records for Merge, but its files: which share
// it is of which batch (all is every source of the batch), with which
// settings and checks.
func (p *Pipeline) part(in Inputs, all []loader.Source) *report.Part {
	pt := &report.Part{Schema: report.PartSchema, Shard: in.Shard.Index, Shards: in.Shard.Count,
		Sources: len(all), SourcesHash: sourcesHash(all), Settings: maps.Clone(in.ShardSettings)}
	if pt.Settings == nil {
		pt.Settings = map[string]string{}
	}
	if p.Checks != nil {
		pt.Inconsistent = map[string]finding.Severity{}
		for _, l := range p.To {
			pt.Inconsistent[l.String()] = p.Checks.Severity(crossCheck, l)
		}
	}
	return pt
}

// marshalPart completes pt with the shard's files and the checks'
// findings (res.Checks), and returns it as report.json holds it.
func (p *Pipeline) marshalPart(pt *report.Part, res *Result, files []report.File, generated time.Time) ([]byte, error) {
	pt.Batch = p.bare(res, files, generated)
	if res.Checks != nil {
		pt.Checks = res.Checks.Findings
		if pt.Checks == nil {
			pt.Checks = []finding.Finding{}
		}
	}
	var buf bytes.Buffer
	if err := pt.WriteJSON(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", PartName, err)
	}
	return buf.Bytes(), nil
}

// MergeInputs says what Merge reads and where it writes.
type MergeInputs struct {
	Shards []string // the output folders of every shard of one batch
	Out    string   // where the batch's report goes: none of Shards
	Jobs   int      // pages rendered at once; 0 means 1
}

// Merge reads report.json (PartName) in the output folder of every shard
// of a batch split across runners (Inputs.Shard) and writes the review
// report of the whole batch into in.Out: report.html, report.md and
// summary.json, as one run over every source would have written them.
//
// Files come in path order from every shard. Repetitions are counted
// again over the whole batch (a shard counts those inside its share
// only), and so is the inconsistent check when the shards ran the checks:
// the one check that compares files with each other. Every other finding
// is the shard's own. Drafts, XLIFF files and manifests stay in the
// shards' folders.
//
// Merge refuses, before writing anything, shards of different batches:
// another number of shards, other sources, languages or settings, or
// with other checks; and a shard missing or given twice. Its error names
// the folders.
func Merge(ctx context.Context, in MergeInputs) (*report.Batch, error) {
	if len(in.Shards) == 0 {
		return nil, errors.New("report merge: name the output folders of the shards")
	}
	parts := make([]*report.Part, len(in.Shards))
	for i, dir := range in.Shards {
		if same, err := sameFolder(dir, in.Out); err != nil {
			return nil, err
		} else if same {
			return nil, fmt.Errorf("%s is a shard's folder and the merge's --out: write the merged report into another folder", dir)
		}
		var err error
		if parts[i], err = readPart(dir); err != nil {
			return nil, err
		}
	}
	b, err := mergeParts(parts, in.Shards)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	staged, err := stageReports(in.Out, pages(b, max(in.Jobs, 1)), in.Jobs)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		discardStaged(staged)
		return nil, err
	}
	if err := commitReports(in.Out, staged); err != nil {
		discardStaged(staged)
		return nil, err
	}
	return b, nil
}

// readPart reads the report.json of the shard whose output folder is dir.
func readPart(dir string) (*report.Part, error) {
	path := filepath.Join(dir, PartName)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); serr != nil {
			return nil, fmt.Errorf("%s: no such folder: name the output folder (--out) of each shard", dir)
		}
		return nil, fmt.Errorf("%s: no %s: not the output folder of relais translate --shard I/N (a batch run whole has nothing to merge)", dir, PartName)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pt, err := report.ReadPart(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if pt.Shards < 1 || pt.Shard < 1 || pt.Shard > pt.Shards {
		return nil, fmt.Errorf("%s: shard %d/%d is not a share of a batch", path, pt.Shard, pt.Shards)
	}
	return pt, nil
}

// sameFolder reports whether the folders a and b are the same one (b
// need not exist).
func sameFolder(a, b string) (bool, error) {
	ai, err := os.Stat(a)
	if err != nil {
		return false, nil // readPart says what is wrong with a
	}
	bi, err := os.Stat(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(ai, bi), nil
}

// mergeParts checks that parts are every shard of one batch, once each
// (names[i] names parts[i] in errors), and returns the batch they make.
func mergeParts(parts []*report.Part, names []string) (*report.Batch, error) {
	if err := matchParts(parts, names); err != nil {
		return nil, err
	}
	first := parts[0]
	b := &report.Batch{From: first.Batch.From, Langs: first.Batch.Langs}
	from := map[string]int{} // file path → part
	for i, pt := range parts {
		b.Generated = maxTime(b.Generated, pt.Batch.Generated)
		b.Previous = b.Previous || pt.Batch.Previous
		for lang, u := range pt.Batch.Engine {
			if b.Engine == nil {
				b.Engine = map[string]report.EngineUsage{}
			}
			b.Engine[lang] = b.Engine[lang].Plus(u)
		}
		for _, f := range pt.Batch.Files {
			if j, dup := from[f.Path]; dup {
				return nil, fmt.Errorf("%s is in two shards, %s and %s: their report.json files were not written by the same batch", f.Path, names[j], names[i])
			}
			from[f.Path] = i
			b.Files = append(b.Files, f)
		}
	}
	sort.Slice(b.Files, func(i, j int) bool { return b.Files[i].Path < b.Files[j].Path })
	countRepetitions(b)
	if first.Checks != nil {
		var checks []finding.Finding
		for _, pt := range parts {
			checks = append(checks, pt.Checks...)
		}
		addChecks(b, recheck(b, checks, first.Inconsistent))
	}
	return b, nil
}

// matchParts checks that parts are the shards of one batch, each once.
func matchParts(parts []*report.Part, names []string) error {
	first, firstName := parts[0], names[0]
	seen := make([]string, first.Shards) // by shard index - 1: the folder
	for i, pt := range parts {
		name := names[i]
		if pt.Shards != first.Shards {
			return fmt.Errorf("%s is shard %d/%d and %s shard %d/%d: merge the shards of one batch, split the same number of ways",
				firstName, first.Shard, first.Shards, name, pt.Shard, pt.Shards)
		}
		if d := partDiff(first, pt); d != "" {
			return fmt.Errorf("%s and %s are not shards of one batch: %s", firstName, name, d)
		}
		if prev := seen[pt.Shard-1]; prev != "" {
			return fmt.Errorf("shard %d/%d is given twice: %s and %s", pt.Shard, pt.Shards, prev, name)
		}
		seen[pt.Shard-1] = name
	}
	var missing []string
	for i, name := range seen {
		if name == "" {
			missing = append(missing, fmt.Sprintf("%d/%d", i+1, first.Shards))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("shard(s) %s missing: give the output folders of all %d shards", strings.Join(missing, ", "), first.Shards)
	}
	return nil
}

// partDiff says how the batches of two shards differ, "" when they do not.
func partDiff(a, b *report.Part) string {
	switch {
	case a.Sources != b.Sources || a.SourcesHash != b.SourcesHash:
		return fmt.Sprintf("they split different sources (%d and %d files, or other paths): run every shard on the same inputs", a.Sources, b.Sources)
	case a.Batch.From != b.Batch.From:
		return fmt.Sprintf("they translate from %s and from %s", a.Batch.From, b.Batch.From)
	case !slices.Equal(a.Batch.Langs, b.Batch.Langs):
		return fmt.Sprintf("they translate into %s and into %s: run every shard with the same --to", strings.Join(a.Batch.Langs, ", "), strings.Join(b.Batch.Langs, ", "))
	case (a.Checks == nil) != (b.Checks == nil) || !maps.Equal(a.Inconsistent, b.Inconsistent):
		return "they ran different checks: run every shard with the same --fail-on and check settings"
	}
	keys := slices.Sorted(maps.Keys(a.Settings))
	for k := range b.Settings {
		if _, ok := a.Settings[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		va, oka := a.Settings[k]
		vb, okb := b.Settings[k]
		if oka != okb || va != vb {
			return fmt.Sprintf("%s is %q in one and %q in the other: run every shard with the same settings", k, va, vb)
		}
	}
	return ""
}

// countRepetitions gives the band of repetitions to every draft of a
// segment whose source came earlier in b (in path order), as one run over
// the whole batch counts them; the shards counted those inside their
// share only, and a repetition inside a share is one in the batch.
func countRepetitions(b *report.Batch) {
	seen := map[string]bool{}
	for fi := range b.Files {
		for si := range b.Files[fi].Segments {
			s := &b.Files[fi].Segments[si]
			k := s.Source.Key()
			if seen[k] {
				for di := range s.Drafts {
					s.Drafts[di].Band = leverage.Repetition
				}
			}
			seen[k] = true
		}
	}
}

// recheck returns the findings of the checks on b's drafts, in the order
// one run over the whole batch gives them: those of the shards (checks),
// but for the inconsistent check, which runs again over every file of b
// at the severities the shards ran it at (by target language).
func recheck(b *report.Batch, checks []finding.Finding, severities map[string]finding.Severity) []finding.Finding {
	paths := make([]string, len(b.Files))
	for i, f := range b.Files {
		paths[i] = f.Path
	}
	out := slices.DeleteFunc(slices.Clone(checks), func(f finding.Finding) bool { return f.Rule == crossCheck })
	var again []qa.Check
	for _, c := range qa.Checks() {
		if c.ID() == crossCheck {
			again = append(again, c)
		}
	}
	cfg := qa.Config{Rules: map[string]finding.Severity{crossCheck: finding.Off}, Langs: map[string]map[string]finding.Severity{}}
	for lang, sev := range severities {
		cfg.Langs[lang] = map[string]finding.Severity{crossCheck: sev}
	}
	rep := qa.New(qa.Options{Config: cfg, Checks: again}).Run(checkFiles(b))
	// Each file is in one shard, whose findings keep their order: the
	// stable sort leaves findings equal in file, place and rule in the
	// order one run gives them.
	out = append(out, rep.Findings...)
	qa.SortFindings(out, paths)
	return out
}

// checkFiles returns the drafts of b as the checks of a batch read them
// (qa.FromDocument): one file per source file and target language, in
// that order, each segment's target when something translated it or a
// person set its state.
func checkFiles(b *report.Batch) []*qa.File {
	from := language.Make(b.From)
	var files []*qa.File
	for _, f := range b.Files {
		for li, l := range b.Langs {
			qf := &qa.File{Path: f.Path, Source: f.Path, SrcLang: from, Lang: language.Make(l), States: true, CodesByID: true}
			for _, s := range f.Segments {
				p := qa.Pair{ID: s.ID, Source: s.Source, At: s.At, Src: s.At}
				if d := s.Drafts[li]; d.Origin.Kind != document.FromNone || d.State != document.Initial {
					p.Target, p.State = d.Target, d.State
					if p.Target == nil {
						p.Target = document.Content{}
					}
				}
				qf.Pairs = append(qf.Pairs, p)
			}
			files = append(files, qf)
		}
	}
	return files
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
