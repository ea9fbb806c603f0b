package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
)

// codeDropper is a memory whose every unit lost its inline codes: it
// answers each segment with an exact match whose target is the plain text.
type codeDropper struct{}

func (codeDropper) Lookup(_ context.Context, q memory.Query) ([]memory.Match, error) {
	return []memory.Match{{Score: 100, Level: memory.Exact, Target: document.Text("MEM " + q.Source.Plain())}}, nil
}

func TestRunMemoryMatchThatDropsACode(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.md")
	require.NoError(t, os.WriteFile(src, []byte("# Les villes\n\nLe **maire** parle.\n\nUne phrase simple.\n"), 0o644))
	for _, withMT := range []bool{false, true} {
		p := newPipeline(t, nil)
		p.To = []language.Tag{language.English}
		p.Memory = codeDropper{}
		if withMT {
			p.MT = &mttest.Fake{Name: "fake", Dict: map[string]string{"maire": "mayor"}}
		}
		out := filepath.Join(dir, "out", map[bool]string{false: "memory", true: "machine"}[withMT])
		res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out})
		require.NoError(t, err, "a unit that lost a code does not stop the batch")
		lr := res.Files[0].Langs[0]
		require.Len(t, lr.Findings, 1)
		f := lr.Findings[0]
		assert.Equal(t, "memory-codes", f.Rule)
		assert.Equal(t, finding.Warning, f.Severity)
		assert.Equal(t, "en", f.Lang)
		assert.Equal(t, res.Files[0].Items[1].ID, f.Segment)
		assert.Equal(t, finding.Location{Path: "a.md", Line: 3, Col: 1}, f.At)
		assert.Contains(t, f.Message, "drops code")
		draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
		require.NoError(t, err)
		assert.Contains(t, string(draft), "MEM Les villes", "the other segments come from the memory")
		assert.Contains(t, string(draft), "MEM Une phrase simple.")
		if withMT {
			assert.Contains(t, string(draft), "Le **mayor** parle.", "the segment went to the engine, codes kept")
			assert.Equal(t, 1, lr.Machine)
			assert.Zero(t, lr.Untranslated)
		} else {
			assert.Contains(t, string(draft), "Le **maire** parle.", "without an engine the segment stays in French")
			assert.Equal(t, 1, lr.Untranslated)
		}
		assert.Equal(t, 2, lr.Memory.Exact, "the unused match is not counted as leverage")
		var onDraft []finding.Finding
		for _, s := range res.Report.Files[0].Segments {
			onDraft = append(onDraft, s.Drafts[0].Findings...)
		}
		assert.Equal(t, []finding.Finding{f}, onDraft, "the report shows the finding on its segment")
	}
}

// writeSources writes n small articles a0.txt… into the folder src of a
// temporary folder, and returns it with the batch's output folder out
// beside it (not created).
func writeSources(t *testing.T, n int) (src, out string) {
	t.Helper()
	dir := t.TempDir()
	src = filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	for i := range n {
		text := "Les maires se réunissent.\n\nArticle " + string(rune('A'+i)) + ".\n"
		require.NoError(t, os.WriteFile(filepath.Join(src, "a"+string(rune('0'+i))+".txt"), []byte(text), 0o644))
	}
	return src, filepath.Join(dir, "out")
}

// readManifestFile reads out's manifest as the next run will.
func readManifestFile(t *testing.T, out string) manifest {
	t.Helper()
	m, err := readManifest(out)
	require.NoError(t, err)
	return m
}

// assertNoTemporaryFiles checks that no half-written file is left in out;
// with journal, the journal of an unfinished batch may be (a batch that
// finishes removes it).
func assertNoTemporaryFiles(t *testing.T, out string, journal bool) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		assert.False(t, strings.HasPrefix(name, ".") && name != ManifestName && !(journal && name == JournalName), "temporary file left: %s", p)
		return nil
	})
	require.NoError(t, err)
}

// assertResumes runs the batch again, with machine translation this time,
// and checks that every draft is replaced: none is taken for a person's
// edit.
func assertResumes(t *testing.T, src, out string) {
	t.Helper()
	var warns []string
	p := newPipeline(t, &warns)
	p.MT = &mttest.Fake{Name: "fake", Dict: map[string]string{"maires": "mayors"}}
	res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out})
	require.NoError(t, err)
	assert.Empty(t, warns, "relais's own files are not taken for a person's edits")
	assert.Zero(t, res.Kept())
	for _, f := range res.Files {
		for _, l := range f.Langs {
			draft, err := os.ReadFile(l.Draft)
			require.NoError(t, err)
			assert.Contains(t, string(draft), "mayors", "%s replaced", l.Draft)
		}
	}
	m := readManifestFile(t, out)
	assert.Len(t, m.Sources, len(res.Files))
	assert.Len(t, m.Files, 4*len(res.Files))
	assertNoTemporaryFiles(t, out, false)
}

// assertConsistent checks what a stopped batch left in out: the manifest
// records every draft and XLIFF file on disk, each as it is on disk, and a
// source only once all its files are written.
func assertConsistent(t *testing.T, out string) manifest {
	t.Helper()
	m := readManifestFile(t, out)
	for rel, hash := range m.Files {
		data, err := os.ReadFile(filepath.Join(out, rel))
		require.NoError(t, err)
		assert.Equal(t, hash, hashOf(data), "%s is whole, as recorded", rel)
	}
	for _, lang := range []string{"en", "es"} {
		entries, _ := os.ReadDir(filepath.Join(out, lang))
		for _, e := range entries {
			if e.Type().IsRegular() {
				assert.Contains(t, m.Files, lang+"/"+e.Name(), "a file written is in the manifest")
			}
		}
	}
	for src := range m.Sources {
		for _, rel := range []string{"en/" + src, "en/" + src + ".xlf", "es/" + src, "es/" + src + ".xlf"} {
			assert.Contains(t, m.Files, rel, "source %s recorded before its files were all written", src)
		}
	}
	assert.NoFileExists(t, filepath.Join(out, "report.html"), "no report of a batch that did not finish")
	assertNoTemporaryFiles(t, out, true)
	return m
}

func TestRunWriteFailureHalfWay(t *testing.T) {
	for _, jobs := range []int{1, 2} {
		t.Run(fmt.Sprintf("jobs %d", jobs), func(t *testing.T) {
			src, out := writeSources(t, 4)
			// A folder where the Spanish draft of a2.txt goes: its write
			// fails after a0 and a1 and the English files of a2 are written.
			obstacle := filepath.Join(out, "es", "a2.txt")
			require.NoError(t, os.MkdirAll(obstacle, 0o755))

			p := newPipeline(t, nil)
			p.Jobs = jobs
			_, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "write "+obstacle)

			m := assertConsistent(t, out)
			assert.NotContains(t, m.Sources, "a2.txt", "a file not written whole is not recorded")
			if jobs == 1 {
				assert.Equal(t, []string{"a0.txt", "a1.txt"}, sortedKeys(m.Sources), "sources recorded for the files written whole")
				assert.ElementsMatch(t, []string{
					"en/a0.txt", "en/a0.txt.xlf", "es/a0.txt", "es/a0.txt.xlf",
					"en/a1.txt", "en/a1.txt.xlf", "es/a1.txt", "es/a1.txt.xlf",
					"en/a2.txt", "en/a2.txt.xlf",
				}, sortedKeys(m.Files), "every file written is in the manifest")
				assert.NoFileExists(t, filepath.Join(out, "en", "a3.txt"), "nothing after the failure")
			}

			require.NoError(t, os.Remove(obstacle))
			assertResumes(t, src, out)
		})
	}
}

func TestRunCancelledWhileWriting(t *testing.T) {
	for _, jobs := range []int{1, 2} {
		t.Run(fmt.Sprintf("jobs %d", jobs), func(t *testing.T) {
			src, out := writeSources(t, 4)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			p := newPipeline(t, nil)
			p.Jobs = jobs
			p.Progress = func(e Event) {
				if e.Stage == "write" && e.Done == 6 { // with one job, the second file's Spanish draft
					cancel()
				}
			}
			_, err := p.Run(ctx, Inputs{Paths: []string{src}, Out: out})
			require.ErrorIs(t, err, context.Canceled)

			m := assertConsistent(t, out)
			assert.Less(t, len(m.Sources), 4, "the batch stopped")
			if jobs == 1 {
				assert.Equal(t, []string{"a0.txt", "a1.txt"}, sortedKeys(m.Sources), "the file under way is finished, then the loop stops")
				assert.Len(t, m.Files, 8)
				assert.NoFileExists(t, filepath.Join(out, "en", "a2.txt"))
			}
			assertResumes(t, src, out)
		})
	}
}

// holdingEngine blocks every call until the context ends, after saying on
// entered that a call came in.
type holdingEngine struct{ entered chan struct{} }

func (h holdingEngine) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	select {
	case h.entered <- struct{}{}:
	default:
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestRunCancelledWhileTranslating(t *testing.T) {
	src, out := writeSources(t, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newPipeline(t, nil)
	h := holdingEngine{entered: make(chan struct{}, 1)}
	p.MT = h
	errc := make(chan error, 1)
	go func() {
		_, err := p.Run(ctx, Inputs{Paths: []string{src}, Out: out})
		errc <- err
	}()
	select {
	case <-h.entered:
	case err := <-errc:
		t.Fatalf("the batch ended before the engine was called: %v", err)
	}
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			assert.True(t, strings.HasPrefix(d.Name(), "."), "nothing is put in place before every file is ready: %s", p)
		}
		return err
	}))
	assertResumes(t, src, out)
}

// TestRunSameOutputsForAnyJobs runs one batch (the project's articles and
// the seed, a memory, an engine, the checks) with 1, 2 and 8 jobs: every
// file written must be the same, byte for byte.
func TestRunSameOutputsForAnyJobs(t *testing.T) {
	root := testenv.ModuleRoot(t)
	paths := []string{filepath.Join(root, "testdata", "articles"), filepath.Join(root, "testdata", "articles-mt")}
	mem := oneMatch{key: "Cet article a été publié.", target: "This article was published."}
	var first map[string][]byte
	for _, jobs := range []int{1, 2, 8} {
		p := newPipeline(t, nil)
		p.Jobs = jobs
		p.Memory = mem
		p.MT = mt.Chain(&mttest.Fake{Name: "fake", Dict: map[string]string{"villes": "cities", "maires": "mayors"}}, nil, jobs)
		p.Now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
		out := filepath.Join(t.TempDir(), "out")
		_, err := p.Run(context.Background(), Inputs{Paths: paths, Out: out})
		require.NoError(t, err)
		files := map[string][]byte{}
		require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			files[strings.TrimPrefix(p, out)] = data
			return err
		}))
		if first == nil {
			first = files
			assert.Greater(t, len(files), 20)
			continue
		}
		require.Equal(t, sortedKeys(first), sortedKeys(files), "--jobs %d writes the same files", jobs)
		for name, data := range first {
			assert.True(t, bytes.Equal(data, files[name]), "--jobs %d: %s differs", jobs, name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func hashOf(data []byte) string { return fsutil.Hash(data) }
