package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory/postgres/pgtest"
	"github.com/relais-tm/relais/pkg/xliff"
	"github.com/relais-tm/relais/pkg/xliff/xlifftest"
)

func TestReviewImportOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *reviewImportOptions
	cmd := newReviewImportCmd(&deps{ios: ios}, func(o *reviewImportOptions) error { got = o; return nil })
	cmd.Flags().String("config", "", "")
	cmd.SetArgs([]string{"--accept", "translated", "--author", "ana", "--memory", "x.db", "a.xlf", "dir"})
	t.Chdir(t.TempDir())
	require.NoError(t, cmd.Execute())
	assert.Equal(t, []document.State{document.Reviewed, document.Final, document.Translated}, got.accept)
	assert.Equal(t, "ana", got.author)
	assert.Equal(t, "x.db", got.cfg.Memory)
	assert.Equal(t, []string{"a.xlf", "dir"}, got.paths)
	assert.Empty(t, got.apply)

	cmd = newReviewImportCmd(&deps{ios: ios}, func(o *reviewImportOptions) error { got = o; return nil })
	cmd.Flags().String("config", "", "")
	cmd.SetArgs([]string{"--apply", "out", "reviewed-en.xlf"})
	require.NoError(t, cmd.Execute())
	assert.Equal(t, "out", got.apply)
	assert.Equal(t, []string{"."}, got.sources, "the sources are looked for in the current folder")

	cmd = newReviewImportCmd(&deps{ios: ios}, func(o *reviewImportOptions) error { got = o; return nil })
	cmd.Flags().String("config", "", "")
	cmd.SetArgs([]string{"--source", "articles", "reviewed-en.xlf"})
	err := cmd.Execute()
	var usage *usageError
	require.ErrorAs(t, err, &usage, "--source without --apply")
	assert.ErrorContains(t, err, "give --apply OUT too")
}

// review marks every segment of an XLIFF file reviewed with a target made
// from its source ("[en] " before the first text), as a reviewer would.
func review(t *testing.T, path string, state document.State, origin document.Origin) int {
	t.Helper()
	return xlifftest.EditSegments(t, path, func(_ int, f *xliff.File, p *xliff.Part) {
		p.Target = append(document.Content{{Text: "[" + f.TrgLang.String() + "] "}}, p.Source...)
		p.State, p.Origin = state, origin
	})
}

// xliffOrigins counts the origins of a file's segments.
func xliffOrigins(t *testing.T, path string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	f, err := xliff.Read(path, bytes.NewReader(data))
	require.NoError(t, err)
	out := map[string]int{}
	for _, u := range f.Units {
		for _, p := range u.Parts {
			if p.Kind == xliff.Segment {
				out[p.Origin.String()+"/"+p.State.String()]++
			}
		}
	}
	return out
}

// Translate, review, learn, translate again: the second time every segment
// comes from the memory, in context.
func TestTranslateTwiceAfterReview(t *testing.T) {
	src := filepath.Join(testenv.ModuleRoot(t), "testdata", "articles", "conference-malines.md")
	t.Chdir(t.TempDir())
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("article.md", data, 0o644))

	_, errOut := run(t, "translate", "article.md", "--to", "en,es", "--out", "out")
	assert.Contains(t, errOut, "0 in context, 0 exact")
	segs := 0
	for _, lang := range []string{"en", "es"} {
		segs = review(t, filepath.Join("out", lang, "article.md.xlf"), document.Reviewed, document.Origin{})
	}
	require.Positive(t, segs)

	_, errOut = run(t, "review", "import", "out", "--author", "ana")
	assert.Contains(t, errOut, "review import:")
	assert.NotContains(t, errOut, " 0 added")
	out, _ := run(t, "memory", "stats")
	assert.Contains(t, out, "memory: .relais/memory.db", "the default memory")
	assert.Regexp(t, `origins\s+human`, out)

	_, errOut = run(t, "translate", "article.md", "--to", "en,es", "--out", "out2")
	assert.NotContains(t, errOut, "untranslated", "every segment is filled")
	for _, lang := range []string{"en", "es"} {
		origins := xliffOrigins(t, filepath.Join("out2", lang, "article.md.xlf"))
		var total int
		for _, n := range origins {
			total += n
		}
		assert.Equal(t, segs, total)
		assert.Equal(t, total, origins["tm-ice/reviewed"], "all in context, reviewed: %v", origins)
		draft, err := os.ReadFile(filepath.Join("out2", lang, "article.md"))
		require.NoError(t, err)
		assert.Contains(t, string(draft), "["+lang+"] ")
	}

	// A reviewer's later correction updates the unit; learning it twice
	// changes nothing.
	_, errOut = run(t, "review", "import", "out2")
	assert.Contains(t, errOut, " 0 added, 0 kept as alternative translations, 0 updated")
}

func TestReviewImportStates(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.WriteFile("a.txt", []byte("Les maires se réunissent à Lyon. Le conseil a voté le budget."), 0o644))
	run(t, "translate", "a.txt", "--to", "en", "--out", "out")
	xlf := filepath.Join("out", "en", "a.txt.xlf")
	review(t, xlf, document.Translated, document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"})

	_, errOut := run(t, "review", "import", xlf)
	assert.Contains(t, errOut, "0 segment(s) taken, 2 left", "translated segments are not taken by default")
	_, errOut = run(t, "review", "import", xlf, "--accept", "translated")
	assert.Contains(t, errOut, "2 added")
	out, _ := run(t, "memory", "stats")
	assert.Regexp(t, `origins\s+machine:apertium:fr-es-en\s+2`, out, "machine translation never enters as human")
	assert.NotRegexp(t, `origins\s+human`, out)

	review(t, xlf, document.Final, document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"})
	_, errOut = run(t, "review", "import", xlf)
	assert.Contains(t, errOut, "0 added, 0 kept as alternative translations, 2 updated", "approved by a reviewer: now human")

	code, _, errOut := relais(context.Background(), nil, "review", "import", "a.txt")
	assert.Equal(t, ExitInput, code)
	assert.Contains(t, errOut, "a.txt:1:1")
}

// concurrentArticle writes the i-th article of the concurrency test.
func concurrentArticle(i int) string {
	var b strings.Builder
	for j := range 12 {
		fmt.Fprintf(&b, "Le processus %d écrit la phrase %d de son article sur les villes.\n\n", i, j)
	}
	b.WriteString("Cet article a été initialement publié sur le site de CGLU.\n")
	return b.String()
}

// Four relais processes at once on one memory, each learning its reviewed
// XLIFF then translating: no unit lost, no "database is locked".
func testFourProcesses(t *testing.T, memoryArg string) {
	dir := t.TempDir()
	const procs = 4
	for i := range procs {
		sub := filepath.Join(dir, fmt.Sprint(i))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(sub, "a.md"), []byte(concurrentArticle(i)), 0o644))
		code, _, errOut := relais(context.Background(), nil, "translate", filepath.Join(sub, "a.md"), "--to", "en,es",
			"--out", filepath.Join(sub, "out"), "--memory", filepath.Join(sub, "own.db"))
		require.Equal(t, ExitOK, code, errOut)
		for _, l := range []string{"en", "es"} {
			review(t, filepath.Join(sub, "out", l, "a.md.xlf"), document.Reviewed, document.Origin{})
		}
	}
	var wg sync.WaitGroup
	outputs := make([]string, procs)
	fails := make([]error, procs)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sub := filepath.Join(dir, fmt.Sprint(i))
			script := [][]string{
				{"review", "import", filepath.Join(sub, "out"), "--memory", memoryArg},
				{"translate", filepath.Join(sub, "a.md"), "--to", "en,es", "--out", filepath.Join(sub, "out2"), "--memory", memoryArg},
			}
			for _, args := range script {
				out, err := helper(context.Background(), sub, args...).CombinedOutput()
				outputs[i] += string(out)
				if err != nil {
					fails[i] = fmt.Errorf("process %d: relais %s: %v\n%s", i, strings.Join(args, " "), err, out)
					return
				}
			}
		}()
	}
	wg.Wait()
	for i := range procs {
		assert.NoError(t, fails[i])
		assert.NotContains(t, outputs[i], "locked")
		assert.NotContains(t, outputs[i], "untranslated", "process %d fills every segment from memory", i)
	}
	out, _ := run(t, "memory", "stats", "--memory", memoryArg)
	// 12 own sentences per process and language, plus the shared
	// boilerplate in each process's context (same neighbours in the
	// article of processes 1–3 differ: one unit per context).
	assert.Contains(t, out, fmt.Sprintf("units: %d", procs*2*13), out)
}

func TestFourProcessesSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	testFourProcesses(t, filepath.Join(t.TempDir(), "shared.db"))
}

func TestFourProcessesPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dsn := os.Getenv("RELAIS_TEST_POSTGRES")
	if dsn == "" {
		testenv.Missing(t, "RELAIS_TEST_POSTGRES is not set: start a server with .ci/postgres.sh start and export the DSN it prints")
	}
	// A schema of our own, dropped at the end.
	testFourProcesses(t, pgtest.Schema(t, dsn, fmt.Sprintf("relais_cli_%d", os.Getpid())))
}

// TestRerunUpdatesTheReviewersXLIFF: a reviewer worked in a file's XLIFF
// (one segment confirmed, one edited and left translated); then the source
// changed: a sentence edited, one added, one removed. The re-run updates
// that XLIFF segment by segment: the reviewer's segments, whose sources
// did not change, are byte-equal afterwards, the changed sentence gets
// its earlier translation as a match (in the draft, and with its earlier
// source as an <mtc:match> in the XLIFF, which stays valid and which
// review import, check and another re-run read), the removed one is
// counted, and the confirmed segment is learned into the memory.
func TestRerunUpdatesTheReviewersXLIFF(t *testing.T) {
	dir := t.TempDir()
	tsv := filepath.Join(dir, "m.tsv")
	require.NoError(t, os.WriteFile(tsv, []byte("fr\ten\n"+
		"Le forum réunit les maires de la région.\tThe forum brings together the mayors of the region.\n"+
		"Ils parlent du logement et des transports.\tThey talk about housing and transport.\n"+
		"La séance plénière commence à neuf heures dans la grande salle.\tThe plenary session starts at nine in the main hall.\n"+
		"Un déjeuner est servi à midi.\tA lunch is served at noon.\n"), 0o644))
	db := filepath.Join(dir, "m.db")
	run(t, "memory", "import", tsv, "--memory", db)
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	page := filepath.Join(src, "a.md")
	require.NoError(t, os.WriteFile(page, []byte("Le forum réunit les maires de la région. Ils parlent du logement et des transports.\n\n"+
		"La séance plénière commence à neuf heures dans la grande salle.\n\nUn déjeuner est servi à midi.\n"), 0o644))
	out := filepath.Join(dir, "out")
	args := []string{"translate", src, "--to", "en", "--mt", "none", "--memory", db, "--out", out, "--progress", "never"}
	run(t, args...)
	xlfPath := filepath.Join(out, "en", "a.md.xlf")
	data, err := os.ReadFile(xlfPath)
	require.NoError(t, err)
	xlf := string(data)

	// The reviewer confirms the first sentence and rewrites the second.
	segment := func(x, id string) string {
		i := strings.Index(x, `<segment id="`+id+`"`)
		require.GreaterOrEqual(t, i, 0, "segment %s in\n%s", id, x)
		j := strings.Index(x[i:], "</segment>")
		return x[i : i+j+len("</segment>")]
	}
	first, second := segment(xlf, "b1s1"), segment(xlf, "b1s2")
	confirmed := strings.Replace(first, `state="translated"`, `state="reviewed"`, 1)
	edited := strings.Replace(second, "They talk about housing and transport.", "They discuss housing &amp; transport.", 1)
	require.NotEqual(t, first, confirmed)
	require.NotEqual(t, second, edited)
	xlf = strings.Replace(strings.Replace(xlf, first, confirmed, 1), second, edited, 1)
	require.NoError(t, os.WriteFile(xlfPath, []byte(xlf), 0o644))

	// The source changes: the plenary sentence is edited, the lunch one
	// removed, a new one added.
	require.NoError(t, os.WriteFile(page, []byte("Le forum réunit les maires de la région. Ils parlent du logement et des transports.\n\n"+
		"La séance plénière commence à dix heures dans la grande salle.\n\nLes ateliers ont lieu l'après-midi.\n"), 0o644))
	_, errOut := run(t, args...)
	assert.Contains(t, errOut, "2 segment(s) kept as they were (source unchanged), 1 updated (source changed; the earlier translation offered as a match), 1 new, 1 removed")
	assert.NotContains(t, errOut, "kept because a person edited them", "the XLIFF is merged, not kept whole")
	summary, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var sum struct {
		Total []struct {
			Lang    string         `json:"lang"`
			Earlier map[string]int `json:"earlier"`
		} `json:"total"`
	}
	require.NoError(t, json.Unmarshal(summary, &sum))
	require.Len(t, sum.Total, 1)
	assert.Equal(t, map[string]int{"kept": 2, "updated": 1, "new": 1, "removed": 1}, sum.Total[0].Earlier, "summary.json says it too")
	data, err = os.ReadFile(xlfPath)
	require.NoError(t, err)
	after := string(data)
	assert.Equal(t, confirmed, segment(after, "b1s1"), "the confirmed segment, byte for byte")
	assert.Equal(t, edited, segment(after, "b1s2"), "the edited segment, byte for byte")
	assert.Contains(t, segment(after, "b2s1"), "The plenary session starts at nine in the main hall.", "the changed sentence: its earlier translation, as a fuzzy match")
	assert.Contains(t, segment(after, "b2s1"), `subState="relais:tm-fuzzy-`)
	assert.NotContains(t, after, "lunch", "the removed sentence is gone")
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "The forum brings together the mayors of the region. They discuss housing & transport.", "the draft has the reviewer's words")

	// The changed sentence carries its earlier source and translation as a
	// translation candidate: an <mtc:match> first in its unit. The file is
	// valid XLIFF 2.0, and what reads XLIFF files reads it as before.
	unit := func(x, id string) string {
		i := strings.Index(x, `<unit id="`+id+`"`)
		require.GreaterOrEqual(t, i, 0, "unit %s in\n%s", id, x)
		return x[i : i+strings.Index(x[i:], "</unit>")]
	}
	plenary := unit(after, "b2")
	assert.Contains(t, plenary, `<mtc:match ref="#b2s1" origin="relais:previous" type="tm" similarity="`)
	assert.Contains(t, plenary, "<source>La séance plénière commence à neuf heures dans la grande salle.</source>", "the earlier source")
	assert.Contains(t, plenary, "<target>The plenary session starts at nine in the main hall.</target>", "the earlier translation")
	assert.Less(t, strings.Index(plenary, "</mtc:matches>"), strings.Index(plenary, "<segment"), "extension elements come first in a unit")
	assert.NotContains(t, unit(after, "b1"), "mtc:", "no candidate for the segments kept as they were")
	assert.Empty(t, xliff.Validate(xlfPath, strings.NewReader(after)))
	_, errOut = run(t, "review", "import", xlfPath, "--memory", db)
	assert.Contains(t, errOut, "review import:")
	code, checkOut, checkErr := runRelais(t, dir, nil, "check", xlfPath, "--format", "json")
	assert.Contains(t, []int{ExitOK, ExitFindings}, code, "%s", checkErr)
	assert.Contains(t, checkOut, `"segments": 4`, "the check read the file's segments")
	assert.Contains(t, checkOut, `"segment": "b3s1"`, "and found the new one untranslated (no engine)")
	_, errOut = run(t, args...)
	assert.Contains(t, errOut, "3 segment(s) kept as they were (source unchanged), 0 updated", "the untranslated one is new again")
	data, err = os.ReadFile(xlfPath)
	require.NoError(t, err)
	assert.Equal(t, after, string(data), "a re-run reads the file and keeps the candidate with its segment")

	// The confirmed segment is in the memory as a person's, reviewed.
	lookupOut, _ := run(t, "memory", "lookup", "Le forum réunit les maires de la région.", "--lang", "en", "--memory", db)
	assert.Contains(t, lookupOut, "(fr→en, human, reviewed)")
}
