package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/mt/deepl/deepltest"
	"github.com/relais-tm/relais/pkg/mt/libretranslate/libretranslatetest"
	"github.com/relais-tm/relais/pkg/mt/openai/openaitest"
)

const deeplKey = "9b1f3c2a-7d4e-4a6b-8c5d-1e2f3a4b5c6d:fx"

var frEn = map[string]string{"Le": "The", "le": "the", "La": "The", "la": "the", "maire": "mayor", "ville": "city", "signe": "signs",
	"accord": "agreement", "avec": "with", "les": "the", "Les": "The", "habitants": "residents", "se": "", "réunissent": "meet"}

// articles writes n French articles under dir: the first has long
// segments lines, the others a few sentences each, with terms of the
// shipped termbase (CGLU, OIM).
// sourceDir makes a temporary folder the working one, with n articles
// (see articles) in its folder src.
func sourceDir(t *testing.T, n, first int) (dir, src string) {
	t.Helper()
	dir = t.TempDir()
	t.Chdir(dir)
	src = filepath.Join(dir, "src")
	require.NoError(t, os.Mkdir(src, 0o755))
	articles(t, src, n, first)
	return dir, src
}

func articles(t *testing.T, dir string, n, first int) []string {
	t.Helper()
	var paths []string
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "# Article %d\n\n", i)
		sentences := 4
		if i == 0 {
			sentences = first
		}
		for k := range sentences {
			fmt.Fprintf(&b, "Le maire de la ville %d signe l'accord %d avec la CGLU et l'OIM.\n\n", i, k)
		}
		p := filepath.Join(dir, fmt.Sprintf("a%03d.md", i))
		require.NoError(t, os.WriteFile(p, []byte(b.String()), 0o644))
		paths = append(paths, p)
	}
	return paths
}

// grepTree fails t when any file under dir holds secret.
func grepTree(t *testing.T, dir, secret string) int {
	t.Helper()
	n := 0
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		assert.NotContains(t, string(data), secret, "%s holds the key", p)
		assert.NotContains(t, string(data), strings.TrimSuffix(secret, ":fx"), "%s holds the key", p)
		return nil
	}))
	return n
}

func runEnv(t *testing.T, environ []string, args ...string) (int, string, string) {
	t.Helper()
	ios, _, stdout, stderr := iostreams.Test()
	code := Run(context.Background(), args, ios, environ)
	return code, stdout.String(), stderr.String()
}

// TestDeepLKeyNeverShown runs translate, analyze and check with a DeepL
// key in the environment, with a good key and with one the server
// refuses, and greps every output, message, report, XLIFF file and the
// memory for the key.
func TestDeepLKeyNeverShown(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: deeplKey, Free: true, Dict: frEn})
	dir, src := sourceDir(t, 3, 4)
	env := []string{"RELAIS_DEEPL_KEY=" + deeplKey, "RELAIS_MT_DEEPL_URL=" + srv.URL, "SOURCE_DATE_EPOCH=1764756000"}
	var said strings.Builder
	code, stdout, stderr := runEnv(t, env, "translate", src, "--mt", "deepl", "--to", "en,es", "--fail-on", "error", "--progress", "always")
	said.WriteString(stdout + stderr)
	assert.Contains(t, stderr, "machine translation: deepl, route(s) fr-en, fr-es")
	assert.Contains(t, stderr, "sent to the service:")
	assert.NotContains(t, stderr, "untranslated (kept")
	assert.Contains(t, []int{ExitOK, ExitFindings}, code, stderr)
	draft, err := os.ReadFile(filepath.Join(dir, "out", "en", "a001.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "UCLG", "the termbase's English for CGLU, through the glossary")
	assert.NotContains(t, string(draft), "CGLU", "never the forbidden French acronym")

	for _, args := range [][]string{
		{"analyze", src, "--mt", "deepl"},
		{"check", "out"},
		{"translate", src, "--mt", "deepl", "--out", "out-bad-key"},
	} {
		e := env
		if args[len(args)-1] == "out-bad-key" {
			e = append([]string{"RELAIS_DEEPL_KEY=wrong-" + deeplKey}, env[1:]...)
		}
		_, stdout, stderr := runEnv(t, e, args...)
		said.WriteString(stdout + stderr)
	}
	assert.Contains(t, said.String(), "the key was refused (HTTP 403", "the refused key's error is said")
	assert.NotContains(t, said.String(), deeplKey, "no message holds the key")
	assert.NotContains(t, said.String(), strings.TrimSuffix(deeplKey, ":fx"))
	assert.Greater(t, grepTree(t, dir, deeplKey), 10, "drafts, XLIFF, reports, summary, memory were read")
}

// TestDeepLBatchOf100 translates 100 articles against the DeepL contract
// server: the requests are those the batching limits imply (one per file
// and language, three for the article of 120 segments), the glossary of
// each pair is created once, and a second run reuses it.
func TestDeepLBatchOf100(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: deeplKey, Free: true, Dict: frEn})
	dir, src := sourceDir(t, 100, 120)
	env := []string{"RELAIS_DEEPL_KEY=" + deeplKey, "RELAIS_MT_DEEPL_URL=" + srv.URL}
	code, _, stderr := runEnv(t, env, "translate", src, "--mt", "deepl", "--jobs", "4")
	require.Equal(t, ExitOK, code, stderr)
	n, texts := srv.Translates()
	// Each article is one request per language, but the first: 121
	// segments (its heading and 120 sentences) need ceil(121/50) = 3.
	assert.Equal(t, 2*(99+3), n, "requests: %v", texts)
	for _, k := range texts {
		assert.LessOrEqual(t, k, 50)
	}
	held, created, _ := srv.Glossaries()
	assert.Equal(t, 2, created, "one glossary per pair (fr-en, fr-es), created once")
	require.Len(t, held, 2)

	var summary struct {
		Total []struct {
			Lang   string
			Engine struct {
				Name       string `json:"name"`
				Requests   int    `json:"requests"`
				Characters int    `json:"characters"`
				Calls      int    `json:"calls"`
			} `json:"engine"`
		} `json:"total"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &summary))
	require.Len(t, summary.Total, 2)
	for _, l := range summary.Total {
		assert.Equal(t, "deepl", l.Engine.Name)
		assert.Equal(t, 102, l.Engine.Requests, l.Lang)
		assert.Positive(t, l.Engine.Characters)
	}

	code, _, stderr = runEnv(t, env, "translate", src, "--mt", "deepl", "--mt-cache=false", "--out", "out2")
	require.Equal(t, ExitOK, code, stderr)
	_, created, deleted := srv.Glossaries()
	assert.Equal(t, 2, created, "the second run reuses the glossaries")
	assert.Zero(t, deleted)
	reqs := srv.Requests()
	assert.Equal(t, reqs[0].GlossaryID == "", false)
	ids := map[string]bool{}
	for _, r := range reqs {
		ids[r.GlossaryID] = true
	}
	assert.Len(t, ids, 2, "every request of both runs used one of the two glossaries")
}

// TestDeepLQuotaHalfWay: the quota runs out half-way through the batch;
// the files translated before are complete, the rest are untranslated
// with a finding that says why, no request follows the 456, and the exit
// code follows --fail-on.
func TestDeepLQuotaHalfWay(t *testing.T) {
	_, src := sourceDir(t, 6, 4)
	for _, tc := range []struct {
		failOn string
		code   int
	}{{"error", ExitFindings}, {"never", ExitOK}} {
		t.Run(tc.failOn, func(t *testing.T) {
			srv := deepltest.Start(t, deepltest.Options{Key: deeplKey, Free: true, Dict: frEn, Quota: 700})
			env := []string{"RELAIS_DEEPL_KEY=" + deeplKey, "RELAIS_MT_DEEPL_URL=" + srv.URL}
			out := "out-" + tc.failOn
			code, _, stderr := runEnv(t, env, "translate", src, "--mt", "deepl", "--to", "en", "--jobs", "1", "--fail-on", tc.failOn, "--out", out)
			assert.Equal(t, tc.code, code, stderr)
			assert.Contains(t, stderr, "character quota is used up")
			served, _ := srv.Translates()
			assert.Equal(t, served+1, len(srv.Requests()), "one request got the 456, none came after it")
			complete, marked := 0, 0
			for i := range 6 {
				xlf, err := os.ReadFile(filepath.Join(out, "en", fmt.Sprintf("a%03d.md.xlf", i)))
				require.NoError(t, err)
				switch {
				case !strings.Contains(string(xlf), `state="initial"`):
					complete++
				case !strings.Contains(string(xlf), `state="translated"`):
					marked++
				default:
					t.Errorf("a%03d.md is half translated", i)
				}
			}
			assert.Equal(t, served, complete, "every file the engine answered is complete")
			assert.Equal(t, 6, complete+marked)
			assert.Positive(t, marked)
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			require.NoError(t, err)
			assert.Contains(t, string(report), "quota")
		})
	}
}

// TestAutoNeverPicksARemoteEngine: with every key in the environment,
// --mt auto sends nothing anywhere.
func TestAutoNeverPicksARemoteEngine(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: deeplKey, Free: true})
	lt := libretranslatetest.Start(t, libretranslatetest.Options{})
	model := openaitest.Start(t, openaitest.Options{})
	_, src := sourceDir(t, 1, 2)
	env := []string{"RELAIS_DEEPL_KEY=" + deeplKey, "RELAIS_MT_DEEPL_URL=" + srv.URL, "RELAIS_OPENAI_KEY=sk-x", "RELAIS_MT_OPENAI_URL=" + model.URL,
		"RELAIS_MT_OPENAI_MODEL=m", "RELAIS_LIBRETRANSLATE_KEY=k", "RELAIS_MT_LIBRETRANSLATE_URL=" + lt.URL}
	code, _, stderr := runEnv(t, env, "translate", src, "--mt", "auto")
	require.Equal(t, ExitOK, code, stderr)
	assert.NotContains(t, stderr, "deepl")
	assert.Empty(t, srv.Requests())
	assert.Empty(t, lt.Requests())
	assert.Empty(t, model.Requests())
}

// TestLibreTranslateAndOpenAIThroughTheCommand runs both engines through
// translate against their contract servers.
func TestLibreTranslateAndOpenAIThroughTheCommand(t *testing.T) {
	lt := libretranslatetest.Start(t, libretranslatetest.Options{Key: "lt-secret-42", Dict: frEn})
	model := openaitest.Start(t, openaitest.Options{Key: "sk-secret-42", Dict: frEn})
	dir, src := sourceDir(t, 2, 3)
	keyFile := filepath.Join(dir, "lt.key")
	require.NoError(t, os.WriteFile(keyFile, []byte("lt-secret-42\n"), 0o600))
	env := []string{"RELAIS_MT_LIBRETRANSLATE_URL=" + lt.URL, "RELAIS_MT_LIBRETRANSLATE_KEY_FILE=" + keyFile,
		"RELAIS_OPENAI_KEY=sk-secret-42", "RELAIS_MT_OPENAI_URL=" + model.URL, "RELAIS_MT_OPENAI_MODEL=llama3.1:8b"}
	code, _, stderr := runEnv(t, env, "translate", src, "--mt", "libretranslate", "--to", "en", "--out", "out-lt")
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stderr, "machine translation: libretranslate, route(s) fr-en")
	assert.NotContains(t, stderr, "untranslated (kept")
	require.NotEmpty(t, lt.Requests())
	assert.Equal(t, "lt-secret-42", lt.Requests()[0].Key, "the key from the key file")
	draft, err := os.ReadFile(filepath.Join(dir, "out-lt", "en", "a001.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "UCLG", "the placeholder came back as the termbase's term")

	code, _, stderr = runEnv(t, env, "translate", src, "--mt", "openai", "--to", "en", "--out", "out-ai")
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stderr, "machine translation: openai, route(s) fr-en")
	assert.NotContains(t, stderr, "untranslated (kept")
	draft, err = os.ReadFile(filepath.Join(dir, "out-ai", "en", "a001.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "UCLG", "the model was told the term")
	grepTree(t, dir, "sk-secret-42")
}

// TestAnalyzeCountsWhatDeepLIsSent: the characters relais analyze says
// would go to the engine are those translate sends, per language, after
// the memory has filled what it can.
func TestAnalyzeCountsWhatDeepLIsSent(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: deeplKey, Free: true, Dict: frEn})
	dir, src := sourceDir(t, 3, 4)
	env := []string{"RELAIS_DEEPL_KEY=" + deeplKey, "RELAIS_MT_DEEPL_URL=" + srv.URL}
	// The memory holds the first article's sentences, which match the
	// others' at 95 % or more: none of them is sent.
	mem, err := sqlite.Open(context.Background(), filepath.Join(dir, ".relais", "memory.db"))
	require.NoError(t, err)
	var us []memory.Unit
	for k := range 4 {
		src := fmt.Sprintf("Le maire de la ville 0 signe l'accord %d avec la CGLU et l'OIM.", k)
		for _, lang := range []language.Tag{language.English, language.Spanish} {
			us = append(us, memory.Unit{SrcLang: language.French, TgtLang: lang, Source: document.Text(src), Target: document.Text("[" + lang.String() + "] " + src),
				Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed})
		}
	}
	_, err = mem.Put(context.Background(), memory.Units(us...))
	require.NoError(t, err)
	require.NoError(t, mem.Close())

	code, stdout, stderr := runEnv(t, env, "analyze", src, "--format", "json")
	require.Equal(t, ExitOK, code, stderr)
	var a struct {
		Total []struct {
			Lang         string `json:"lang"`
			MTCharacters int    `json:"mt_characters"`
		} `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &a))
	code, _, stderr = runEnv(t, env, "translate", src, "--mt", "deepl", "--mt-cache=false")
	require.Equal(t, ExitOK, code, stderr)
	var s struct {
		Total []struct {
			Lang   string `json:"lang"`
			Engine struct {
				Characters int `json:"characters"`
			} `json:"engine"`
		} `json:"total"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &s))
	require.Len(t, a.Total, 2)
	require.Len(t, s.Total, 2)
	for i := range a.Total {
		assert.Equal(t, s.Total[i].Lang, a.Total[i].Lang)
		assert.Equal(t, 3*len("Article 0"), a.Total[i].MTCharacters,
			"the memory fills every sentence (exact or fuzzy at 75 % or more): only the three headings go to the engine")
		assert.Equal(t, s.Total[i].Engine.Characters, a.Total[i].MTCharacters, a.Total[i].Lang)
	}
}

// TestGlossaryEntries: DeepL's glossary holds each allowed source term
// with the concept's target of the same type, and no forbidden term.
func TestGlossaryEntries(t *testing.T) {
	tb, err := loadTermbase(config.Default())
	require.NoError(t, err)
	entries := map[string]string{}
	for _, e := range glossaryEntries(tb, language.French, language.English) {
		entries[e.Source] = e.Target
	}
	assert.Equal(t, "UCLG", entries["CGLU"], "an acronym for an acronym")
	assert.Equal(t, "United Cities and Local Governments", entries["Cités et Gouvernements Locaux Unis"], "a full form for a full form")
	for _, target := range entries {
		assert.NotEqual(t, "CGLU", target, "never a forbidden target")
	}
}

// TestOpenAIFallsBackToApertium: a model that always drops a segment's
// placeholder, with mt.fallback apertium: that segment is Apertium's
// draft, with its markup, and says so; the others are the model's.
func TestOpenAIFallsBackToApertium(t *testing.T) {
	testenv.RequireTool(t, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa")
	model := openaitest.Start(t, openaitest.Options{Dict: frEn, Behave: func(text string, _ int) openaitest.Fault {
		if strings.Contains(text, "<g") {
			return openaitest.DropTag
		}
		return openaitest.OK
	}})
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.WriteFile("a.md", []byte("Le maire signe l'accord.\n\nLes habitants se réunissent avec **le maire**.\n"), 0o644))
	env := []string{"RELAIS_MT_OPENAI_URL=" + model.URL, "RELAIS_MT_OPENAI_MODEL=m", "RELAIS_MT_FALLBACK=apertium"}
	code, _, stderr := runEnv(t, env, "translate", "a.md", "--mt", "openai", "--to", "es", "--fail-on", "error")
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stderr, "notes for information: 1 mt-fallback", "counted on stderr")
	report, err := os.ReadFile(filepath.Join("out", "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(report), "mt-fallback: translated by the fallback engine: the model failed twice", "and said in the report")
	assert.NotContains(t, stderr, "untranslated (kept")
	draft, err := os.ReadFile(filepath.Join("out", "es", "a.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "**", "the fallback's draft keeps the markup")
	xlf, err := os.ReadFile(filepath.Join("out", "es", "a.md.xlf"))
	require.NoError(t, err)
	assert.Contains(t, string(xlf), "mt-openai%3Afr-es", "the model's draft")
	assert.Contains(t, string(xlf), "mt-apertium%3Afr-es", "the fallback's draft")
}
