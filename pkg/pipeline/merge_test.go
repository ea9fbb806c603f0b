package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
)

// contextMemory translates "Les maires se réunissent." one way after
// "Rencontre à Genève." (in context) and another way elsewhere (exact),
// and nothing else: one source translated two ways in the batch.
type contextMemory struct{}

const meet = "Les maires se réunissent."

func (contextMemory) Lookup(_ context.Context, q memory.Query) ([]memory.Match, error) {
	if q.Source.Key() != document.Text(meet).Key() {
		return nil, nil
	}
	if q.Prev == memory.ContextHash(document.Text("Rencontre à Genève.").Key()) {
		return []memory.Match{{Score: 101, Level: memory.InContext, Target: document.Text("Mayors gather.")}}, nil
	}
	return []memory.Match{{Score: 100, Level: memory.Exact, Target: document.Text("The mayors meet.")}}, nil
}

// shardSources writes the project's articles and n short notes into a
// folder and returns it: every note says meet, after a sentence of its
// own, so that the batch has repetitions across files; one note, in
// another share of 3 than the first, says it after "Rencontre à Genève."
// (see contextMemory). It returns the odd note's path too.
func shardSources(t *testing.T, n int) (src, odd string) {
	t.Helper()
	src = filepath.Join(t.TempDir(), "src")
	files := map[string]string{}
	root := filepath.Join(testenv.ModuleRoot(t), "testdata", "articles")
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(root, e.Name()))
		require.NoError(t, err)
		files["articles/"+e.Name()] = string(data)
	}
	first := "notes/n00.txt"
	for i := range n {
		rel := fmt.Sprintf("notes/n%02d.txt", i)
		before := fmt.Sprintf("Note numéro %d.", i)
		if odd == "" && shareOf(rel, 3) != shareOf(first, 3) {
			odd, before = rel, "Rencontre à Genève."
		}
		files[rel] = before + " " + meet + "\n\nLes villes accueillent les migrants.\n"
	}
	require.NotEmpty(t, odd, "a note in another share than the first")
	testenv.WriteFiles(t, src, files)
	return src, odd
}

// fakeSettings are the settings the shards of the tests record.
var fakeSettings = map[string]string{"mt.engine": "fake"}

// shardPipeline returns the pipeline every run of TestShardsMakeTheBatch
// uses: a memory, an engine, the checks and the termbase.
func shardPipeline(t *testing.T) *Pipeline {
	tb, err := glossary.LoadFS(shipped.FS, ".")
	require.NoError(t, err)
	p := newPipeline(t, nil)
	p.Memory = contextMemory{}
	p.MT = mt.Chain(&mttest.Fake{Name: "fake", Dict: map[string]string{"villes": "cities", "maires": "mayors"}}, nil, 2)
	p.Checks = qa.New(qa.Options{Termbase: tb, Jobs: 2})
	p.Terms = tb
	p.Now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	return p
}

// readTree returns the files under dir, by slash path inside it.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	}))
	return files
}

// TestShardsMakeTheBatch runs one batch whole, then as three shares into
// three folders: together the shards write every draft and XLIFF file
// the whole run writes, each once and the same bytes, and their manifests
// record them; Merge renders the same report.html, report.md and
// summary.json as the whole run, repetitions across shards and the
// inconsistent check across shards included.
func TestShardsMakeTheBatch(t *testing.T) {
	src, odd := shardSources(t, 12)
	ctx := context.Background()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	res, err := shardPipeline(t).Run(ctx, Inputs{Paths: []string{src}, Out: whole})
	require.NoError(t, err)
	assert.Equal(t, 17, res.Sources)
	assert.Equal(t, 17, len(res.Files))
	assert.NoFileExists(t, filepath.Join(whole, PartName), "a whole batch has nothing to merge")
	wholeFiles := readTree(t, whole)

	union := map[string][]byte{}
	var outs []string
	manifests := manifest{Files: map[string]string{}, Sources: map[string]sourceRecord{}}
	for i := 1; i <= 3; i++ {
		out := filepath.Join(dir, fmt.Sprintf("shard-%d", i))
		outs = append(outs, out)
		res, err := shardPipeline(t).Run(ctx, Inputs{Paths: []string{src}, Out: out, Shard: Shard{i, 3}, ShardSettings: fakeSettings})
		require.NoError(t, err)
		assert.Equal(t, 17, res.Sources)
		assert.Less(t, len(res.Files), 17, "shard %d/3 has a share of the files", i)
		for _, f := range res.Files {
			assert.True(t, Shard{i, 3}.Holds(f.Path))
		}
		for name, data := range readTree(t, out) {
			if !strings.Contains(name, "/") {
				continue // the reports and the manifest
			}
			_, dup := union[name]
			assert.False(t, dup, "%s written by two shards", name)
			union[name] = data
		}
		m := readManifestFile(t, out)
		for k, v := range m.Files {
			manifests.Files[k] = v
		}
		for k, v := range m.Sources {
			manifests.Sources[k] = v
		}
		summary := readSummary(t, out)
		assert.Equal(t, fmt.Sprintf("%d/3", i), summary.Shard)
	}
	for name, data := range wholeFiles {
		if !strings.Contains(name, "/") {
			continue
		}
		assert.True(t, bytes.Equal(data, union[name]), "%s: the shard's differs from the whole run's", name)
		delete(union, name)
	}
	assert.Empty(t, union, "files no whole run writes")
	m := readManifestFile(t, whole)
	assert.Equal(t, m.Files, manifests.Files, "the shards' manifests record what the whole run's does")
	assert.Equal(t, m.Sources, manifests.Sources)

	merged := filepath.Join(dir, "merged")
	b, err := Merge(ctx, MergeInputs{Shards: outs, Out: merged, Jobs: 2})
	require.NoError(t, err)
	assert.Len(t, b.Files, 17)
	for _, name := range []string{"report.md", "summary.json", "report.html"} {
		got, err := os.ReadFile(filepath.Join(merged, name))
		require.NoError(t, err)
		if !assert.True(t, bytes.Equal(wholeFiles[name], got), "merged %s differs from the whole run's", name) && name != "report.html" {
			assert.Equal(t, string(wholeFiles[name]), string(got))
		}
	}
	assert.Equal(t, []string{"report.html", "report.md", "summary.json"}, sortedKeys(readTree(t, merged)))

	// What the merge had to do: the whole batch finds the odd note
	// inconsistent with the first, which is in another shard (the odd
	// note's shard compares the notes it holds with each other), and counts
	// repetitions of meet in every shard's notes but the first one's.
	var inconsistent []finding.Finding
	for _, f := range res.Checks.Findings {
		if f.Rule == crossCheck {
			inconsistent = append(inconsistent, f)
		}
	}
	require.Len(t, inconsistent, 2, "one per language")
	assert.Equal(t, odd, inconsistent[0].At.Path)
	assert.Contains(t, inconsistent[0].Message, `the same source is translated as "The mayors meet." at notes/n00.txt:1:`)
	var inShards []finding.Finding
	for _, out := range outs {
		for _, f := range readPartFile(t, out).Checks {
			if f.Rule == crossCheck {
				inShards = append(inShards, f)
			}
		}
	}
	assert.NotEqual(t, inconsistent, inShards, "no shard sees both notes: each compares its own")
	wholeSummary := readSummary(t, whole)
	rep := 0
	for _, out := range outs {
		rep += readSummary(t, out).Total[0].Bands.Repetitions.Segments
	}
	assert.Greater(t, wholeSummary.Total[0].Bands.Repetitions.Segments, rep, "shards count fewer repetitions than the batch has")
}

// TestShardsWithEmptyShares splits a batch of one file three ways: two
// shards hold nothing and still write their reports, so that the merge
// finds every shard.
func TestShardsWithEmptyShares(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, filepath.Join(dir, "src"), map[string]string{"a.txt": meet + "\n"})
	ctx := context.Background()
	_, err := shardPipeline(t).Run(ctx, Inputs{Paths: []string{filepath.Join(dir, "src")}, Out: filepath.Join(dir, "whole")})
	require.NoError(t, err)
	var outs []string
	empty := 0
	for i := 1; i <= 3; i++ {
		out := filepath.Join(dir, fmt.Sprint(i))
		outs = append(outs, out)
		res, err := shardPipeline(t).Run(ctx, Inputs{Paths: []string{filepath.Join(dir, "src")}, Out: out, Shard: Shard{i, 3}, ShardSettings: fakeSettings})
		require.NoError(t, err)
		if len(res.Files) == 0 {
			empty++
			assert.Equal(t, []string{"report.html", "report.json", "report.md", "summary.json"}, sortedKeys(readTree(t, out)))
		}
	}
	assert.Equal(t, 2, empty)
	_, err = Merge(ctx, MergeInputs{Shards: outs, Out: filepath.Join(dir, "merged")})
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(dir, "whole", "summary.json"))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(dir, "merged", "summary.json"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

func readSummary(t *testing.T, out string) report.Summary {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s report.Summary
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

func readPartFile(t *testing.T, out string) *report.Part {
	t.Helper()
	pt, err := readPart(out)
	require.NoError(t, err)
	return pt
}

// TestMergeRefuses gives mergeParts shards that are not those of one
// batch, once each: it refuses them and says why.
func TestMergeRefuses(t *testing.T) {
	part := func(i, n int) *report.Part {
		return &report.Part{Schema: report.PartSchema, Shard: i, Shards: n, Sources: 4, SourcesHash: "abc",
			Settings: map[string]string{"mt": "apertium"},
			Batch:    &report.Batch{From: "fr", Langs: []string{"en", "es"}, Files: []report.File{{Path: fmt.Sprintf("f%d.md", i)}}}}
	}
	three := func(change func(p *report.Part)) []*report.Part {
		ps := []*report.Part{part(1, 3), part(2, 3), part(3, 3)}
		change(ps[1])
		return ps
	}
	names := []string{"out1", "out2", "out3"}
	cases := []struct {
		name  string
		parts []*report.Part
		names []string
		err   string
	}{
		{"shard counts", []*report.Part{part(1, 3), part(2, 4), part(3, 3)}, names,
			"out1 is shard 1/3 and out2 shard 2/4: merge the shards of one batch, split the same number of ways"},
		{"missing", []*report.Part{part(1, 3), part(3, 3)}, names[:2],
			"shard(s) 2/3 missing: give the output folders of all 3 shards"},
		{"missing two", []*report.Part{part(2, 3)}, names[:1],
			"shard(s) 1/3, 3/3 missing: give the output folders of all 3 shards"},
		{"twice", []*report.Part{part(1, 3), part(2, 3), part(2, 3), part(3, 3)}, []string{"out1", "out2", "copy", "out3"},
			"shard 2/3 is given twice: out2 and copy"},
		{"languages", three(func(p *report.Part) { p.Batch.Langs = []string{"en"} }), names,
			"out1 and out2 are not shards of one batch: they translate into en, es and into en: run every shard with the same --to"},
		{"source language", three(func(p *report.Part) { p.Batch.From = "es" }), names,
			"out1 and out2 are not shards of one batch: they translate from fr and from es"},
		{"sources", three(func(p *report.Part) { p.Sources, p.SourcesHash = 5, "def" }), names,
			"out1 and out2 are not shards of one batch: they split different sources (4 and 5 files, or other paths): run every shard on the same inputs"},
		{"same count, other paths", three(func(p *report.Part) { p.SourcesHash = "def" }), names,
			"out1 and out2 are not shards of one batch: they split different sources (4 and 4 files, or other paths): run every shard on the same inputs"},
		{"settings", three(func(p *report.Part) { p.Settings["mt"] = "none" }), names,
			`out1 and out2 are not shards of one batch: mt is "apertium" in one and "none" in the other: run every shard with the same settings`},
		{"a setting only one has", three(func(p *report.Part) { p.Settings["fuzzy.insert"] = "85" }), names,
			`out1 and out2 are not shards of one batch: fuzzy.insert is "" in one and "85" in the other: run every shard with the same settings`},
		{"checks", three(func(p *report.Part) { p.Checks = []finding.Finding{} }), names,
			"out1 and out2 are not shards of one batch: they ran different checks: run every shard with the same --fail-on and check settings"},
		{"check severities", three(func(p *report.Part) {
			p.Inconsistent = map[string]finding.Severity{"en": finding.Error, "es": finding.Warning}
		}), names, "out1 and out2 are not shards of one batch: they ran different checks: run every shard with the same --fail-on and check settings"},
		{"one file in two shards", three(func(p *report.Part) { p.Batch.Files[0].Path = "f1.md" }), names,
			"f1.md is in two shards, out1 and out2: their report.json files were not written by the same batch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mergeParts(tc.parts, tc.names)
			assert.EqualError(t, err, tc.err)
		})
	}
	b, err := mergeParts([]*report.Part{part(3, 3), part(1, 3), part(2, 3)}, names)
	require.NoError(t, err, "shards in any order")
	assert.Equal(t, []string{"f1.md", "f2.md", "f3.md"}, []string{b.Files[0].Path, b.Files[1].Path, b.Files[2].Path})
}

// TestMergeFolders checks what Merge says of folders that are no shards,
// and that it writes nothing then.
func TestMergeFolders(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{"whole/summary.json": "{}", "bad/report.json": `{"schema": 9}`, "junk/report.json": "<html>"})
	ctx := context.Background()
	cases := []struct {
		shards []string
		out    string
		err    string
	}{
		{[]string{"nowhere"}, "merged", "nowhere: no such folder: name the output folder (--out) of each shard"},
		{[]string{"whole"}, "merged", "whole: no report.json: not the output folder of relais translate --shard I/N (a batch run whole has nothing to merge)"},
		{[]string{"bad"}, "merged", "bad/report.json: report.json of schema 9, this relais reads schema 1: merge with the relais version the shards ran"},
		{[]string{"junk"}, "merged", "junk/report.json: not a shard's report.json: invalid character '<' looking for beginning of value"},
		{[]string{"bad"}, "bad", "bad is a shard's folder and the merge's --out: write the merged report into another folder"},
		{nil, "merged", "report merge: name the output folders of the shards"},
	}
	for _, tc := range cases {
		t.Chdir(dir)
		_, err := Merge(ctx, MergeInputs{Shards: tc.shards, Out: tc.out})
		assert.EqualError(t, err, tc.err)
		assert.NoDirExists(t, filepath.Join(dir, "merged"))
	}
}

// TestPartRoundTrip writes a shard's part of a real batch and reads it
// back: the same model, so that the merged pages render as the shard's.
func TestPartRoundTrip(t *testing.T) {
	src, _ := shardSources(t, 3)
	out := filepath.Join(t.TempDir(), "out")
	p := shardPipeline(t)
	res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out, Shard: Shard{1, 1}, ShardSettings: fakeSettings})
	require.NoError(t, err)
	pt := readPartFile(t, out)
	assert.Equal(t, 1, pt.Shard)
	assert.Equal(t, 1, pt.Shards)
	assert.Equal(t, fakeSettings, pt.Settings)
	assert.Equal(t, map[string]finding.Severity{"en": finding.Warning, "es": finding.Warning}, pt.Inconsistent)
	assert.Equal(t, res.Checks.Findings, pt.Checks)
	// The report's model, but the checks' findings, which the part keeps
	// apart.
	want := *res.Report
	want.Files = nil
	for _, f := range res.Report.Files {
		f.Segments = append([]report.Segment(nil), f.Segments...)
		for si := range f.Segments {
			s := &f.Segments[si]
			s.Drafts = append([]report.Draft(nil), s.Drafts...)
			for di := range s.Drafts {
				s.Drafts[di].Findings = withoutFingerprints(s.Drafts[di].Findings)
			}
		}
		f.Findings = withoutFingerprints(f.Findings)
		want.Files = append(want.Files, f)
	}
	assert.True(t, want.Generated.Equal(pt.Batch.Generated))
	want.Generated = pt.Batch.Generated
	assert.Equal(t, &want, pt.Batch)
	marks, codes := 0, 0
	for _, f := range pt.Batch.Files {
		for _, s := range f.Segments {
			marks += len(s.Terms)
			codes += len(s.Source.Codes())
			assert.NotZero(t, s.At.Line, "%s %s has its place", f.Path, s.ID)
		}
	}
	assert.NotZero(t, marks, "terms marked")
	assert.NotZero(t, codes, "inline codes")
	var bands []leverage.Band
	for _, s := range pt.Batch.Files[len(pt.Batch.Files)-1].Segments {
		bands = append(bands, s.Drafts[0].Band)
	}
	assert.Contains(t, bands, leverage.Repetition)
}

// withoutFingerprints returns the findings the batch made itself: the
// checks' carry a fingerprint.
func withoutFingerprints(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Fingerprint == "" {
			out = append(out, f)
		}
	}
	return out
}

// TestMergeAddsEngineUsage: the merged summary's engine calls and cache
// hits are the shards' added up.
func TestMergeAddsEngineUsage(t *testing.T) {
	src, _ := shardSources(t, 6)
	ctx := context.Background()
	dir := t.TempDir()
	var outs []string
	for i := 1; i <= 3; i++ {
		p := shardPipeline(t)
		p.EngineUsage = func(lang language.Tag) report.EngineUsage {
			return report.EngineUsage{Calls: i, Segments: 10 * i, Cached: 100 * i}
		}
		out := filepath.Join(dir, fmt.Sprintf("shard-%d", i))
		outs = append(outs, out)
		_, err := p.Run(ctx, Inputs{Paths: []string{src}, Out: out, Shard: Shard{i, 3}, ShardSettings: fakeSettings})
		require.NoError(t, err)
	}
	b, err := Merge(ctx, MergeInputs{Shards: outs, Out: filepath.Join(dir, "merged"), Jobs: 2})
	require.NoError(t, err)
	want := report.EngineUsage{Calls: 6, Segments: 60, Cached: 600}
	assert.Equal(t, map[string]report.EngineUsage{"en": want, "es": want}, b.Engine)
	s := readSummary(t, filepath.Join(dir, "merged"))
	assert.Equal(t, &want, s.Total[0].Engine)
}
