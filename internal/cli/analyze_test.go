package cli

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/report"
)

// analysisMemory writes a memory holding translations of the first
// version of the forum article: exact and fuzzy matches for the second.
func analysisMemory(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "memory.db")
	mem, err := sqlite.Open(context.Background(), path)
	require.NoError(t, err)
	defer mem.Close()
	var us []memory.Unit
	for _, src := range []string{"Forum des maires", "Les maires se sont réunis à Genève le 3 mai.", "Ils ont adopté une déclaration commune.",
		"La prochaine réunion aura lieu à Lyon le mois prochain."} {
		for _, lang := range []language.Tag{language.English, language.Spanish} {
			us = append(us, memory.Unit{SrcLang: language.French, TgtLang: lang, Source: document.Text(src),
				Target: document.Text("[" + lang.String() + "] " + src), Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed})
		}
	}
	_, err = mem.Put(context.Background(), memory.Units(us...))
	require.NoError(t, err)
	return path
}

func TestAnalyzeCountsAsTranslate(t *testing.T) {
	root := testenv.ModuleRoot(t)
	t.Chdir(t.TempDir())
	mem := analysisMemory(t)
	inputs := []string{filepath.Join(root, "testdata", "report", "forum-v2-fr.md"), filepath.Join(root, "testdata", "articles")}

	out, _, err := execute(t, newAnalyzeCmd, nil, append([]string{"--memory", mem, "--format", "json", "--out", "out"}, inputs...)...)
	require.NoError(t, err)
	assert.NoDirExists(t, "out", "analyze writes nothing")

	var a report.Analysis
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&a), "the documented schema, no field more")
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	assert.Equal(t, []string{"files", "from", "schema", "segments", "to", "total", "weights", "words"}, slices.Sorted(maps.Keys(raw)))
	bands := raw["total"].([]any)[0].(map[string]any)["bands"].(map[string]any)
	assert.Equal(t, []string{"exact", "fuzzy_50_74", "fuzzy_75_84", "fuzzy_85_94", "fuzzy_95_99", "in_context", "no_match", "repetitions"}, slices.Sorted(maps.Keys(bands)))
	assert.Equal(t, 1, a.Schema)

	_, stderr, err := execute(t, func(d *deps) *cobra.Command { return newTranslateCmd(d, nil) }, nil,
		append([]string{"--memory", mem, "--mt", "none", "--out", "out"}, inputs...)...)
	require.NoError(t, err)
	assert.Contains(t, stderr, "review report: out/report.html")
	data, err := os.ReadFile(filepath.Join("out", "summary.json"))
	require.NoError(t, err)
	var s report.Summary
	require.NoError(t, json.Unmarshal(data, &s))

	require.Len(t, s.Total, 2)
	for li := range s.Total {
		assert.Equal(t, s.Total[li].Bands, a.Total[li].Bands, "%s: the same band counts in total", s.Total[li].Lang)
	}
	require.Len(t, a.Files, len(s.PerFile))
	for fi := range a.Files {
		for li := range a.Files[fi].Langs {
			assert.Equal(t, s.PerFile[fi].Langs[li].Bands, a.Files[fi].Langs[li].Bands, "%s", a.Files[fi].Path)
		}
	}
	var forum report.FileAnalysis
	for _, f := range a.Files {
		if f.Path == "forum-v2-fr.md" {
			forum = f
		}
	}
	require.Equal(t, "forum-v2-fr.md", forum.Path)
	en := forum.Langs[0].Bands
	assert.Equal(t, 2, en.Exact.Segments, "the title and one sentence")
	assert.Equal(t, 1, en.Fuzzy95.Segments+en.Fuzzy85.Segments, "the date changed")
	assert.Equal(t, 1, en.Fuzzy50.Segments+en.Fuzzy75.Segments, "the last sentence, shorter")
	assert.Equal(t, 1, en.NoMatch.Segments)
	assert.Positive(t, a.Total[0].Bands.Repetitions.Segments, "the articles repeat a few sentences")
}

func TestAnalyzeFormats(t *testing.T) {
	root := testenv.ModuleRoot(t)
	t.Chdir(t.TempDir())
	mem := analysisMemory(t)
	article := filepath.Join(root, "testdata", "report", "forum-v2-fr.md")

	table, _, err := execute(t, newAnalyzeCmd, nil, "--memory", mem, "--to", "en", article)
	require.NoError(t, err)
	assert.Contains(t, table, "Leverage analysis: 1 file(s), 5 segment(s)")
	assert.Contains(t, table, "101 % in context")
	assert.Regexp(t, `100 %\s+2\s+\d+\s+0\.25`, table)

	csv, _, err := execute(t, newAnalyzeCmd, nil, "--memory", mem, "--to", "en", "--format", "csv", "--weights", "100=0.5,none=100%", article)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	assert.Equal(t, "file,lang,band,segments,words,weight,weighted_words", lines[0])
	assert.Len(t, lines, 1+2*len(leverage.Bands()), "a row per band for the file and for the total")
	assert.Contains(t, lines, "forum-v2-fr.md,en,exact,2,9,0.5,4.5", "the weight given")
	assert.Contains(t, lines, "forum-v2-fr.md,en,no_match,1,9,1,9", "100 % is 1")
	assert.Contains(t, lines, "*,en,fuzzy_95_99,1,10,0.3,3", "the default weight")

	js, _, err := execute(t, newAnalyzeCmd, nil, "--memory", mem, "--to", "en", "--format", "json", "--weights", "100=0.5", article)
	require.NoError(t, err)
	var a report.Analysis
	require.NoError(t, json.Unmarshal([]byte(js), &a))
	w := report.DefaultWeights()
	want := 0.5*9 + w[leverage.NoMatch]*9
	for _, b := range []leverage.Band{leverage.Fuzzy95, leverage.Fuzzy85, leverage.Fuzzy75, leverage.Fuzzy50} {
		want += w[b] * float64(a.Total[0].Bands.Get(b).Words)
	}
	assert.InDelta(t, want, a.Total[0].Weighted, 0.01, "weighted words")

	_, _, err = execute(t, newAnalyzeCmd, nil, "--weights", "99=1", article)
	assert.ErrorContains(t, err, `unknown band "99"`)
	_, _, err = execute(t, newAnalyzeCmd, nil, "--format", "xml", article)
	assert.ErrorContains(t, err, `--format "xml": want table, json or csv`)
}

// TestTranslateMarksSourceUpdates translates an article, then its next
// version into the same folder: the report tells new, changed and
// unchanged segments.
func TestTranslateMarksSourceUpdates(t *testing.T) {
	root := testenv.ModuleRoot(t)
	t.Chdir(t.TempDir())
	require.NoError(t, os.Mkdir("src", 0o755))
	for i, v := range []string{"forum-v1-fr.md", "forum-v2-fr.md"} {
		data, err := os.ReadFile(filepath.Join(root, "testdata", "report", v))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join("src", "forum.md"), data, 0o644))
		_, stderr, err := execute(t, func(d *deps) *cobra.Command { return newTranslateCmd(d, nil) }, []string{"SOURCE_DATE_EPOCH=1793523600"},
			"--mt", "none", "--memory", "mem.db", "--out", "out", "src")
		require.NoError(t, err, stderr)
		data, err = os.ReadFile(filepath.Join("out", "summary.json"))
		require.NoError(t, err)
		var s report.Summary
		require.NoError(t, json.Unmarshal(data, &s))
		assert.Equal(t, "2026-11-01T09:00:00Z", s.Generated, "the time from SOURCE_DATE_EPOCH")
		if i == 0 {
			assert.Nil(t, s.Changes, "no previous batch")
			continue
		}
		require.NotNil(t, s.Changes)
		assert.Equal(t, report.ChangeCounts{New: 1, Changed: 1, Unchanged: 3}, *s.Changes)
		assert.Equal(t, "changed", s.PerFile[0].Change)
		md, err := os.ReadFile(filepath.Join("out", "report.md"))
		require.NoError(t, err)
		assert.Contains(t, string(md), "| b2s1 (changed) | Les _maires_ se sont réunis à _Genève_ le 4 mai.", "glossary terms in italics")
		assert.Contains(t, string(md), "| b3s1 (new) | Un groupe de travail")
		assert.Contains(t, string(md), "| b4s1 (unchanged) | La prochaine réunion aura lieu à _Lyon_.")
	}
}
