package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/report"
)

// TestMemoryCacheCommands: memory stats counts the machine translation
// cache by engine and route, and memory clear-cache empties it, for one
// engine or all, leaving the units alone.
func TestMemoryCacheCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	tmx := filepath.Join(dir, "in.tmx")
	require.NoError(t, os.WriteFile(tmx, []byte(sampleTMX), 0o644))
	run(t, "memory", "import", tmx, "--memory", db)

	st, err := sqlite.Open(context.Background(), db)
	require.NoError(t, err)
	ap := memory.DraftKey{Engine: "apertium", Version: "Apertium 3.8.3 fr-es@1c3e6b472914 + Apertium 3.8.3 spa-eng@84eec70fe1e9", Route: "fr-es-en", Termbase: "34d3fd3eb1ee007a"}
	apy := memory.DraftKey{Engine: "apy", Version: "http://localhost:2737", Route: "fr-es"}
	require.NoError(t, st.PutDrafts(context.Background(), ap, []memory.Draft{{Segment: "a", Value: "{}"}, {Segment: "b", Value: "{}"}}))
	require.NoError(t, st.PutDrafts(context.Background(), apy, []memory.Draft{{Segment: "a", Value: "{}"}}))
	require.NoError(t, st.Close())

	out, _ := run(t, "memory", "stats", "--memory", db)
	assert.Contains(t, out, "units: 3", "drafts are not units")
	assert.Contains(t, out, "machine translation cache: 3 draft(s)")
	assert.Regexp(t, `apertium:fr-es-en\s+2\s+Apertium 3\.8\.3 fr-es@1c3e6b472914 \+ Apertium 3\.8\.3 spa-eng@84eec70fe1e9`, out)
	assert.Regexp(t, `apy:fr-es\s+1\s+http://localhost:2737`, out)

	_, errOut := run(t, "memory", "clear-cache", "--engine", "apy", "--memory", db)
	assert.Contains(t, errOut, "1 apy machine translation(s) removed from the cache")
	out, _ = run(t, "memory", "stats", "--memory", db)
	assert.Contains(t, out, "machine translation cache: 2 draft(s)")
	assert.NotContains(t, out, "apy:")
	_, errOut = run(t, "memory", "clear-cache", "--memory", db)
	assert.Contains(t, errOut, "2 machine translation(s) removed from the cache; the memory's units are untouched")
	out, _ = run(t, "memory", "stats", "--memory", db)
	assert.Contains(t, out, "machine translation cache: 0 draft(s)")
	assert.Contains(t, out, "units: 3")
	_, errOut = run(t, "memory", "clear-cache", "--memory", db)
	assert.Contains(t, errOut, "0 machine translation(s) removed")

	code, _, errOut := relais(context.Background(), nil, "memory", "clear-cache", "extra", "--memory", db)
	assert.Equal(t, ExitInput, code, errOut)
}

// summaryOf reads out/summary.json.
func summaryOf(t *testing.T, out string) report.Summary {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s report.Summary
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

// engineCalls returns the engine calls and cache hits of a summary, by
// target language.
func engineCalls(t *testing.T, s report.Summary) (calls, hits map[string]int) {
	t.Helper()
	calls, hits = map[string]int{}, map[string]int{}
	for _, l := range s.Total {
		require.NotNil(t, l.Engine, "%s: the engine's usage is in the summary", l.Lang)
		calls[l.Lang], hits[l.Lang] = l.Engine.Calls, l.Engine.Cached
	}
	return calls, hits
}

// draftsUnder returns the drafts and XLIFF files under out by path.
func draftsUnder(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, lang := range []string{"en", "es"} {
		require.NoError(t, filepath.WalkDir(filepath.Join(out, lang), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			files[strings.TrimPrefix(p, out)] = data
			return err
		}))
	}
	return files
}

// TestTranslateAgainWithApertium: with the real engine, a batch run again
// makes no engine call and writes the same drafts, the stderr summary and
// summary.json say so, one changed sentence is one call per language,
// --mt-cache=false and clear-cache send everything to the engine again.
func TestTranslateAgainWithApertium(t *testing.T) {
	testenv.RequireTool(t, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	root := testenv.ModuleRoot(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "articles")
	require.NoError(t, os.CopyFS(src, os.DirFS(filepath.Join(root, "testdata", "articles"))))
	// Apertium's transfer carries state from one sentence to the next: the
	// heading after the title comes out "Indexes of the lessons" from the
	// engine, and "Index of the lessons" alone. One translation per segment.
	require.NoError(t, os.WriteFile(filepath.Join(src, "lecons.md"), []byte("---\ntitle: Index des leçons\n---\n\n# Index des leçons\n"), 0o644))
	db := filepath.Join(dir, "memory.db")
	translate := func(out string, extra ...string) (string, report.Summary) {
		t.Helper()
		args := append([]string{"translate", src, "--to", "en,es", "--mt", "apertium", "--memory", db, "--out", filepath.Join(dir, out)}, extra...)
		_, errOut := run(t, args...)
		return errOut, summaryOf(t, filepath.Join(dir, out))
	}

	errOut, s := translate("out1")
	calls, _ := engineCalls(t, s)
	assert.Positive(t, calls["en"])
	assert.Positive(t, calls["es"])
	assert.Regexp(t, `engine: \d+ call\(s\) \(en \d+, es \d+\) for \d+ segment\(s\); machine translation cache: \d+ hit\(s\)`, errOut)

	lecons, err := os.ReadFile(filepath.Join(dir, "out1", "en", "lecons.md"))
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: Index of the lessons\n---\n\n# Index of the lessons\n", string(lecons), "a segment twice: one translation")

	errOut, s = translate("out2")
	assert.Contains(t, errOut, "relais: engine: 0 call(s) (en 0, es 0) for 0 segment(s); machine translation cache:")
	calls, hits := engineCalls(t, s)
	assert.Equal(t, map[string]int{"en": 0, "es": 0}, calls, "an unchanged batch: no engine call")
	assert.Equal(t, s.Total[0].Origins.Machine.Segments, hits["en"], "every machine draft from the cache")
	first, again := draftsUnder(t, filepath.Join(dir, "out1")), draftsUnder(t, filepath.Join(dir, "out2"))
	require.Equal(t, len(first), len(again))
	for name, data := range first {
		assert.True(t, bytes.Equal(data, again[name]), "%s: the cache gives the engine's drafts", name)
	}
	out, _ := run(t, "memory", "stats", "--memory", db)
	assert.Contains(t, out, "units: 0", "the engine's drafts are no units")
	assert.Regexp(t, `apertium:fr-es-en\s+\d+\s+Apertium \d+\.\d+\.\d+ fr-es@[0-9a-f]{12} \+ Apertium \d+\.\d+\.\d+ spa-eng@[0-9a-f]{12}`, out)

	page := filepath.Join(src, "forum-maires-geneve-fr.txt")
	text, err := os.ReadFile(page)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, bytes.Replace(text, []byte("Les prochaines étapes"), []byte("Les étapes suivantes"), 1), 0o644))
	_, s = translate("out2")
	calls, _ = engineCalls(t, s)
	assert.Equal(t, map[string]int{"en": 1, "es": 1}, calls, "one changed sentence: one call per language")
	for _, l := range s.Total {
		assert.Equal(t, 1, l.Engine.Segments)
	}

	_, s = translate("out3", "--mt-cache=false")
	calls, hits = engineCalls(t, s)
	assert.Positive(t, calls["en"], "without the cache, the engine")
	assert.Zero(t, hits["en"])

	run(t, "memory", "clear-cache", "--memory", db)
	_, s = translate("out4")
	calls, _ = engineCalls(t, s)
	assert.Positive(t, calls["en"], "a cleared cache: the engine again")
}
