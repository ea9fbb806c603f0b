package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/memory/postgres/pgtest"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/report"
)

func TestTranslateShardOption(t *testing.T) {
	cases := []struct {
		args []string
		want pipeline.Shard
		err  string
	}{
		{[]string{"a.md"}, pipeline.Shard{}, ""},
		{[]string{"a.md", "--shard", "2/3"}, pipeline.Shard{Index: 2, Count: 3}, ""},
		{[]string{"--shard=1/1", "a.md"}, pipeline.Shard{Index: 1, Count: 1}, ""},
		{[]string{"a.md", "--shard", "4/3"}, pipeline.Shard{}, `--shard "4/3": the share must be from 1 to 3 (shares are counted from 1)`},
		{[]string{"a.md", "--shard", "0/3"}, pipeline.Shard{}, `--shard "0/3": the share must be from 1 to 3 (shares are counted from 1)`},
		{[]string{"a.md", "--shard", "3"}, pipeline.Shard{}, `--shard "3" is not I/N: give this runner's share and the number of runners, as 2/3`},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			ios, _, _, _ := iostreams.Test()
			var got *translateOptions
			cmd := newTranslateCmd(&deps{ios: ios}, func(o *translateOptions) error { got = o; return nil })
			cmd.Flags().String("config", "", "")
			cmd.SetArgs(tc.args)
			err := cmd.Execute()
			if tc.err != "" {
				var usage *usageError
				require.ErrorAs(t, err, &usage, "a usage error: exit 2")
				assert.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.shard)
		})
	}
}

// TestShardErrors runs the commands with shards that do not make a batch:
// exit 2, and a message saying what to do.
func TestShardErrors(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"src/a.txt": "Les maires se réunissent.\n", "src/b.txt": "Les villes accueillent.\n", "src/c.txt": "Le conseil vote.\n",
		"other/a.txt": "Autre chose.\n"})
	t.Chdir(dir)
	translate := func(args ...string) {
		t.Helper()
		args = append([]string{"translate", "--mt", "none", "--memory", "m.db", "--progress", "never"}, args...)
		ios, _, _, stderr := iostreams.Test()
		require.Equal(t, ExitOK, Run(context.Background(), args, ios, nil), stderr.String())
	}
	for i := 1; i <= 3; i++ {
		translate("src", "--shard", fmt.Sprintf("%d/3", i), "--out", fmt.Sprintf("s%d", i))
	}
	translate("src", "--shard", "1/2", "--out", "half")
	translate("src", "--shard", "2/3", "--out", "en-only", "--to", "en")
	translate("other", "--shard", "2/3", "--out", "other-2")
	translate("src", "--out", "whole")
	cases := []struct {
		name string
		args []string
		err  string
	}{
		{"share above the count", []string{"translate", "src", "--shard", "4/3"}, `--shard "4/3": the share must be from 1 to 3`},
		{"share zero", []string{"translate", "src", "--shard", "0/3"}, `--shard "0/3": the share must be from 1 to 3`},
		{"no count", []string{"translate", "src", "--shard", "1/0"}, `--shard "1/0": the number of shares must be 1 or more`},
		{"no folders", []string{"report", "merge"}, "requires at least 1 arg(s)"},
		{"missing", []string{"report", "merge", "s1", "s3"}, "shard(s) 2/3 missing: give the output folders of all 3 shards"},
		{"twice", []string{"report", "merge", "s1", "s2", "s2", "s3"}, "shard 2/3 is given twice: s2 and s2"},
		{"counts", []string{"report", "merge", "s1", "half"}, "s1 is shard 1/3 and half shard 1/2: merge the shards of one batch, split the same number of ways"},
		{"languages", []string{"report", "merge", "s1", "en-only", "s3"}, "s1 and en-only are not shards of one batch: they translate into en, es and into en: run every shard with the same --to"},
		{"sources", []string{"report", "merge", "s1", "other-2", "s3"}, "s1 and other-2 are not shards of one batch: they split different sources (3 and 1 files, or other paths)"},
		{"whole batch", []string{"report", "merge", "whole"}, "whole: no report.json: not the output folder of relais translate --shard I/N"},
		{"into a shard", []string{"report", "merge", "s1", "s2", "s3", "--out", "s3"}, "s3 is a shard's folder and the merge's --out"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, _, stderr := iostreams.Test()
			assert.Equal(t, ExitInput, Run(context.Background(), tc.args, ios, nil), stderr.String())
			assert.Contains(t, stderr.String(), tc.err)
		})
	}
	assert.NoDirExists(t, filepath.Join(dir, "out"), "no merge wrote anything")

	ios, _, _, stderr := iostreams.Test()
	require.Equal(t, ExitOK, Run(context.Background(), []string{"report", "merge", "s3", "s1", "s2", "--out", "merged"}, ios, nil), stderr.String())
	assert.Contains(t, stderr.String(), "relais: merged 3 shard(s): 3 file(s), 3 segment(s) into en, es\n")
	assert.Contains(t, stderr.String(), "relais: review report: merged/report.html (also report.md, summary.json); the drafts stay in the shards' folders\n")

	ios, _, _, stderr = iostreams.Test()
	require.Equal(t, ExitOK, Run(context.Background(), []string{"translate", "src", "--mt", "none", "--memory", "m.db", "--shard", "1/3", "--out", "again"}, ios, nil))
	assert.Regexp(t, `relais: shard 1/3: \d file\(s\), \d segment\(s\) into en, es, written under again\n`, stderr.String())
	assert.Regexp(t, `relais: shard 1/3 holds \d of the batch's 3 file\(s\)`, stderr.String())
	assert.Contains(t, stderr.String(), "repetition(s) inside the shard\n")
	assert.Contains(t, stderr.String(), "(also report.md, summary.json, report.json for relais report merge)")
}

// fakeAPy is an APy server whose "translation" replaces a few French words
// by English or Spanish ones, outside the tags of the stream: a
// deterministic engine reached over HTTP, by any process.
func fakeAPy(t *testing.T) string {
	words := map[string]map[string]string{
		"eng": {"villes": "cities", "maires": "mayors", "accueillent": "welcome", "migrants": "migrants", "Les": "The", "les": "the"},
		"spa": {"villes": "ciudades", "maires": "alcaldes", "accueillent": "acogen", "migrants": "migrantes", "Les": "Las", "les": "los"},
	}
	word := regexp.MustCompile(`<[^>]*>|\p{L}+`)
	mux := http.NewServeMux()
	mux.HandleFunc("/listPairs", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"responseData": [{"sourceLanguage": "fra", "targetLanguage": "eng"}, {"sourceLanguage": "fra", "targetLanguage": "spa"}], "responseStatus": 200}`)
	})
	mux.HandleFunc("/translate", func(w http.ResponseWriter, r *http.Request) {
		dict := words[strings.TrimPrefix(r.FormValue("langpair"), "fra|")]
		out := word.ReplaceAllStringFunc(r.FormValue("q"), func(w string) string {
			if t, ok := dict[w]; ok {
				return t
			}
			return w
		})
		_ = json.NewEncoder(w).Encode(map[string]any{"responseData": map[string]string{"translatedText": out}, "responseStatus": 200})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// shardedSite writes the project's articles and 24 notes in folders of
// their own into dir/site: every note says the same two sentences after
// one of its own, so that the batch has repetitions in every shard and
// across shards.
func shardedSite(t *testing.T, dir string) string {
	t.Helper()
	site := filepath.Join(dir, "site")
	files := map[string]string{}
	root := filepath.Join(testenv.ModuleRoot(t), "testdata", "articles")
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(root, e.Name()))
		require.NoError(t, err)
		files["articles/"+e.Name()] = string(data)
	}
	for i := range 24 {
		files[fmt.Sprintf("notes/%d/note-%02d.md", i%4, i)] = fmt.Sprintf("# Note %d\n\nLes maires se réunissent. Les villes accueillent les migrants.\n\nLe conseil numéro %d a voté.\n", i, i)
	}
	testenv.WriteFiles(t, site, files)
	return site
}

// TestShardsPostgres is the test of sharding: three relais
// processes translate --shard 1/3, 2/3 and 3/3 of one site at the same
// time, over one PostgreSQL memory and one engine, each into its own
// folder. Together they write the drafts and XLIFF files one unsharded
// run writes, byte for byte, each once; report merge over their folders
// writes the summary.json (and report.md) of the unsharded run.
func TestShardsPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dsn := os.Getenv("RELAIS_TEST_POSTGRES")
	if dsn == "" {
		testenv.Missing(t, "RELAIS_TEST_POSTGRES is not set: start a server with .ci/postgres.sh start and export the DSN it prints")
	}
	memoryArg := pgtest.Schema(t, dsn, fmt.Sprintf("relais_shards_%d", os.Getpid()))
	dir := t.TempDir()
	site := shardedSite(t, dir)
	url := fakeAPy(t)
	const epoch = "SOURCE_DATE_EPOCH=1790000000"
	environ := []string{epoch}

	// The memory the runners share: a sentence of every note, and a
	// sentence near another one (a fuzzy match).
	for lang, pairs := range map[string][][2]string{
		"en": {{"Les maires se réunissent.", "Mayors meet."}, {"Le conseil numéro 7 a voté.", "Council number 7 voted."}},
		"es": {{"Les maires se réunissent.", "Los alcaldes se reúnen."}, {"Le conseil numéro 7 a voté.", "El consejo número 7 votó."}},
	} {
		var po strings.Builder
		fmt.Fprintf(&po, "msgid \"\"\nmsgstr \"\"\n\"Language: %s\\n\"\n", lang)
		for _, p := range pairs {
			fmt.Fprintf(&po, "\nmsgid %q\nmsgstr %q\n", p[0], p[1])
		}
		file := filepath.Join(dir, lang+".po")
		require.NoError(t, os.WriteFile(file, []byte(po.String()), 0o644))
		ios, _, _, stderr := iostreams.Test()
		require.Equal(t, ExitOK, Run(context.Background(), []string{"memory", "import", file, "--memory", memoryArg}, ios, environ), stderr.String())
	}

	args := func(out string) []string {
		return []string{"translate", site, "--to", "en,es", "--out", out, "--memory", memoryArg,
			"--mt", "apy", "--apy-url", url, "--progress", "never", "--jobs", "2"}
	}
	var wg sync.WaitGroup
	stderrs := make([]string, 3)
	fails := make([]error, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := append(args(filepath.Join(dir, fmt.Sprintf("shard-%d", i+1))), "--shard", fmt.Sprintf("%d/3", i+1))
			cmd := helper(context.Background(), dir, a...)
			cmd.Env = append(cmd.Env, epoch)
			out, err := cmd.CombinedOutput()
			stderrs[i] = string(out)
			if err != nil {
				fails[i] = fmt.Errorf("shard %d/3: %v\n%s", i+1, err, out)
			}
		}()
	}
	wg.Wait()
	for i := range 3 {
		require.NoError(t, fails[i])
		assert.Contains(t, stderrs[i], fmt.Sprintf("relais: shard %d/3: ", i+1))
		assert.Contains(t, stderrs[i], "machine translation: apy, route(s) fr-en, fr-es")
	}

	ios, _, _, stderr := iostreams.Test()
	require.Equal(t, ExitOK, Run(context.Background(), args(filepath.Join(dir, "whole")), ios, environ), stderr.String())
	whole := treeOf(t, filepath.Join(dir, "whole"))

	union := map[string][]byte{}
	for i := 1; i <= 3; i++ {
		shard := treeOf(t, filepath.Join(dir, fmt.Sprintf("shard-%d", i)))
		assert.Contains(t, shard, pipeline.PartName)
		for name, data := range shard {
			if !strings.Contains(name, "/") {
				continue // reports and manifest
			}
			_, dup := union[name]
			assert.False(t, dup, "%s translated by two shards", name)
			union[name] = data
		}
	}
	drafts := 0
	for name, data := range whole {
		if !strings.Contains(name, "/") {
			continue
		}
		drafts++
		if assert.Contains(t, union, name, "no shard wrote it") {
			assert.True(t, bytes.Equal(data, union[name]), "%s: the shard's differs from the unsharded run's", name)
		}
		delete(union, name)
	}
	assert.Empty(t, union, "files the unsharded run does not write")
	assert.Equal(t, 2*2*29, drafts, "29 sources: a draft and an XLIFF file each, in two languages")
	assert.Contains(t, string(whole["en/notes/0/note-00.md"]), "Mayors meet. The cities welcome the migrants.", "memory and engine both filled drafts")
	assert.Regexp(t, `relais:tm-(fuzzy|repaired)-\d+`, string(whole["en/notes/1/note-01.md.xlf"]), "a fuzzy match")

	ios, _, _, stderr = iostreams.Test()
	merged := filepath.Join(dir, "merged")
	require.Equal(t, ExitOK, Run(context.Background(), []string{"report", "merge", "--out", merged,
		filepath.Join(dir, "shard-1"), filepath.Join(dir, "shard-2"), filepath.Join(dir, "shard-3")}, ios, environ), stderr.String())
	var got, want report.Summary
	require.NoError(t, json.Unmarshal(readFile(t, filepath.Join(merged, "summary.json")), &got))
	require.NoError(t, json.Unmarshal(whole["summary.json"], &want))
	// What the engine was asked depends on the machine translation cache,
	// not on the batch: the shards, sharing it, asked for the batch's
	// segments once between them, and the merge adds up their calls; the
	// unsharded run after them found every one in the cache.
	var shards [2]report.EngineUsage
	for i := 1; i <= 3; i++ {
		var s report.Summary
		require.NoError(t, json.Unmarshal(readFile(t, filepath.Join(dir, fmt.Sprintf("shard-%d", i), "summary.json")), &s))
		for li, l := range s.Total {
			require.NotNil(t, l.Engine)
			shards[li].Name = l.Engine.Name
			shards[li].Calls += l.Engine.Calls
			shards[li].Segments += l.Engine.Segments
			shards[li].Cached += l.Engine.Cached
			shards[li].Requests += l.Engine.Requests
			shards[li].Characters += l.Engine.Characters
		}
	}
	for li := range got.Total {
		require.NotNil(t, got.Total[li].Engine)
		assert.Equal(t, shards[li], *got.Total[li].Engine, "the merge adds up the shards' engine calls")
		assert.Positive(t, got.Total[li].Engine.Calls)
		assert.Zero(t, want.Total[li].Engine.Calls, "after the shards, the whole batch's machine drafts are in the cache")
		assert.GreaterOrEqual(t, want.Total[li].Engine.Cached, want.Total[li].Origins.Machine.Segments)
		got.Total[li].Engine, want.Total[li].Engine = nil, nil
	}
	assert.Equal(t, want.Total, got.Total, "the same totals")
	assert.Equal(t, want, got)
	assert.Equal(t, 29, got.Files)
	assert.NotZero(t, got.Total[0].Bands.Repetitions.Segments)
	assert.NotZero(t, got.Total[0].Origins.Exact.Segments)
	assert.NotZero(t, got.Total[0].Origins.Machine.Segments)
	assert.Equal(t, string(whole["report.md"]), string(readFile(t, filepath.Join(merged, "report.md"))))
}

// treeOf returns the files under dir by slash path inside it.
func treeOf(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	}))
	return files
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}
