package apertium

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
)

const hint = "apt-get install apertium apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)"

// engine returns an Engine over the local apertium with both pairs
// relais needs, or skips (fails in CI).
func engine(t testing.TB) *Engine {
	t.Helper()
	testenv.RequireTool(t, "apertium", hint)
	e, err := New(Options{})
	require.NoError(t, err)
	pairs, err := e.Pairs(context.Background())
	require.NoError(t, err)
	for _, want := range []string{"fr-es", "es-en"} {
		found := false
		for _, p := range pairs {
			found = found || p.String() == want
		}
		if !found {
			testenv.Missing(t, "apertium pair "+want+" not installed: "+hint)
		}
	}
	return e
}

func TestParseModes(t *testing.T) {
	pairs := ParseModes("  eco-es-fr\n  eco-fr-es\n  eng-spa\n  es-fr\n  fr-es\n  spa-eng\n  spa-eng_US\n\n")
	var names []string
	for _, p := range pairs {
		names = append(names, p.String()+"="+p.Mode)
	}
	assert.Equal(t, []string{"en-es=eng-spa", "es-fr=es-fr", "fr-es=fr-es", "es-en=spa-eng"}, names)
}

func TestPackage(t *testing.T) {
	assert.Equal(t, "apertium-fr-es", Package(language.French, language.Spanish))
	assert.Equal(t, "apertium-eng-spa", Package(language.Spanish, language.English))
	assert.Equal(t, "apertium-fr-en", Package(language.French, language.English))
}

func TestNotInstalled(t *testing.T) {
	_, err := New(Options{Command: "apertium-that-is-not-there"})
	require.ErrorIs(t, err, ErrNotInstalled)
	assert.Equal(t, "apertium not installed: apt-get install apertium apertium-fr-es apertium-eng-spa, or --mt none", err.Error())
}

// fakeApertium writes a script standing in for apertium: it lists the
// given modes and runs body for a translation.
func fakeApertium(t *testing.T, modes, body string) *Engine {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "apertium")
	script := "#!/bin/sh\nif [ \"$1\" = -l ]; then printf '" + modes + "'; exit 0; fi\n" + body + "\n"
	require.NoError(t, os.WriteFile(p, []byte(script), 0o755))
	e, err := New(Options{Command: p, Timeout: 3 * time.Second})
	require.NoError(t, err)
	return e
}

func TestPairNotInstalled(t *testing.T) {
	e := fakeApertium(t, "spa-eng\\n", "cat")
	_, err := e.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{document.Text("Bonjour.")}})
	require.ErrorIs(t, err, mt.ErrUnsupportedPair)
	assert.Equal(t, "apertium-fr-es not installed: apt-get install apertium-fr-es, or --mt none", err.Error())
}

func TestEngineFailures(t *testing.T) {
	segs := []document.Content{document.Text("Bonjour."), document.Text("Au revoir.")}
	req := mt.Request{From: language.French, To: language.Spanish, Segments: segs}
	cases := []struct {
		name, body, want string
	}{
		{"exit status", "echo 'lt-proc: bad file' >&2; exit 3", "lt-proc: bad file"},
		{"killed", "kill -9 $$", "signal: killed"},
		{"segment lost", "cat >/dev/null; printf '<s0/>Hola.'", "1 segment marker(s), want 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fakeApertium(t, "fr-es\\n", tc.body)
			_, err := e.Translate(context.Background(), req)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("timeout", func(t *testing.T) {
		pidFile := filepath.Join(t.TempDir(), "pid")
		e := fakeApertium(t, "fr-es\\n", "echo $$ > "+pidFile+"; sleep 30")
		_, err := e.Translate(context.Background(), req)
		require.ErrorIs(t, err, context.DeadlineExceeded, "a hung engine is stopped by the timeout")
		assertGone(t, pidFile)
	})
	t.Run("a code lost fails that segment only", func(t *testing.T) {
		e := fakeApertium(t, "fr-es\\n", "sed 's#<x1/>##'")
		segs := []document.Content{{{Text: "Voir "}, {Code: &document.Code{ID: "1", Kind: document.Standalone, Data: "`x`"}}}, document.Text("Fin.")}
		res, err := e.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: segs})
		require.NoError(t, err)
		require.Len(t, res, 2)
		assert.ErrorContains(t, res[0].Err, "drops code")
		assert.Nil(t, res[0].Target)
		require.NoError(t, res[1].Err)
		assert.Equal(t, "Fin.", res[1].Target.Plain())
	})
}

func TestOneProcessPerBatch(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "runs")
	e := fakeApertium(t, "fr-es\\n", "echo run >> "+log+"; cat")
	var segs []document.Content
	for range 50 {
		segs = append(segs, document.Text("Une phrase."))
	}
	res, err := e.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: segs})
	require.NoError(t, err)
	assert.Len(t, res, 50)
	runs, err := os.ReadFile(log)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(runs), "run"), "one process for 50 segments")
}

func TestConformance(t *testing.T) {
	for _, pair := range [][2]language.Tag{{language.French, language.Spanish}, {language.Spanish, language.English}} {
		t.Run(mt.Code(pair[0])+"-"+mt.Code(pair[1]), func(t *testing.T) {
			mttest.Run(t, mttest.Suite{
				New:         func(t *testing.T) mt.Translator { return engine(t) },
				From:        pair[0],
				To:          pair[1],
				Unsupported: [2]language.Tag{language.German, language.Japanese},
			})
		})
	}
	t.Run("pivot fr-es-en", func(t *testing.T) {
		mttest.Run(t, mttest.Suite{
			New: func(t *testing.T) mt.Translator {
				e := engine(t)
				pairs, err := e.Pairs(context.Background())
				require.NoError(t, err)
				r, err := mt.FindRoute(pairs, language.French, language.English, nil)
				require.NoError(t, err)
				return mt.NewPivot(e, r)
			},
			From: language.French,
			To:   language.English,
		})
	})
}

func TestCancelStopsTheProcess(t *testing.T) {
	dir := t.TempDir()
	pidFile, started := filepath.Join(dir, "pid"), filepath.Join(dir, "started")
	e := fakeApertium(t, "fr-es\\n", "echo $$ > "+pidFile+"; mkfifo "+started+".tmp; touch "+started+"; sleep 30")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		_, err := e.Translate(ctx, mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{document.Text("x")}})
		errc <- err
	}()
	require.Eventually(t, func() bool { _, err := os.Stat(started); return err == nil }, 10*time.Second, 10*time.Millisecond, "the engine never started")
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)
	assertGone(t, pidFile)
}

// assertGone checks that the process whose ID the fake engine wrote in
// pidFile no longer runs: the engine's whole process group was killed.
func assertGone(t *testing.T, pidFile string) {
	t.Helper()
	data, err := os.ReadFile(pidFile)
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	require.NoError(t, err)
	assert.ErrorIs(t, syscall.Kill(pid, 0), syscall.ESRCH, "the engine process %d still runs", pid)
}

func TestRealPivotRoute(t *testing.T) {
	e := engine(t)
	pairs, err := e.Pairs(context.Background())
	require.NoError(t, err)
	r, err := mt.FindRoute(pairs, language.French, language.English, map[language.Tag]language.Tag{language.English: language.Spanish})
	require.NoError(t, err)
	assert.Equal(t, "fr-es-en", r.String())
	res, err := mt.NewPivot(e, r).Translate(context.Background(), mt.Request{From: language.French, To: language.English,
		Segments: []document.Content{document.Text("Les villes accueillent les migrants.")}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "apertium:fr-es-en", res[0].Engine)
	assert.Contains(t, res[0].Target.Plain(), "cities")
}

func TestDropTagLeaks(t *testing.T) {
	for in, want := range map[string]string{
		`des serveurs \<prn\> démocratiser`: "des serveurs démocratiser",
		`a \<b> c \<n\> d \<A\> e`:          `a \<b> c d \<A\> e`,
		`fin \<vblex\>`:                     "fin",
		`sans fuite`:                        "sans fuite",
	} {
		got := dropTagLeaks(document.Content{{Text: in}})
		assert.Equal(t, want, got[0].Text, in)
	}
}

func TestDropUnknownMarks(t *testing.T) {
	m := string(markOf)
	tests := []struct {
		output, want string
		unknown      []string
	}{
		{"It goes to " + m + "reagrupar the actions.", "It goes to reagrupar the actions.", []string{"reagrupar"}},
		{"and " + m + m + "systématiser with " + m + "Sra García", "and systématiser with Sra García", []string{"systématiser", "Sra"}},
		{"the components " + m + "built-" + m + "in of " + m + "Starlight’" + m + "s", "the components built-in of Starlight’s", []string{"built", "in", "Starlight", "s"}},
		{"from " + m + "includes/lesson-index.ht" + m + "ml.", "from includes/lesson-index.html.", []string{"includes", "ml"}},
		{"the text's own *con* 5*3", "the text's own *con* 5*3", nil},
	}
	for _, tt := range tests {
		got, unknown := dropUnknownMarks(document.Content{{Text: tt.output}})
		assert.Equal(t, tt.want, got.Plain(), tt.output)
		assert.Equal(t, tt.unknown, unknown, tt.output)
	}
}

// TestUnknownMarksWithApertium: the text's own asterisks come back as they
// went, and no mark is left, in a word cut by codes too.
func TestUnknownMarksWithApertium(t *testing.T) {
	e := engine(t)
	bold := func(id string) (*document.Code, *document.Code) {
		return &document.Code{ID: id, Kind: document.Open, Type: "bold", Data: "**"}, &document.Code{ID: id, Kind: document.Close, Type: "bold", Data: "**"}
	}
	b1, e1 := bold("1")
	b2, e2 := bold("2")
	res, err := e.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{
		document.Text("Les actions *avec* 5*3 et systématiser includes/lesson-index.html."),
		{{Code: b1}, {Text: "r"}, {Code: e1}, {Text: "ead et "}, {Code: b2}, {Text: "w"}, {Code: e2}, {Text: "rite"}},
	}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "Las acciones *con* 5*3 y systématiser includes/lesson-index.html.", res[0].Target.Plain())
	assert.Contains(t, res[0].Unknown, "systématiser")
	require.NoError(t, res[1].Err)
	assert.True(t, strings.HasPrefix(res[1].Target.Plain(), "read y w"), res[1].Target.Plain()) // "rite" is a word to the engine
	assert.NotContains(t, res[1].Target.Plain(), "*")
	assert.NotContains(t, res[1].Target.Plain(), string(markOf))
	// The engine cannot generate "give" here (it writes "#give" without
	// -u): the mark goes, the text's own "#" and "@" stay.
	res, err = e.Translate(context.Background(), mt.Request{From: language.Spanish, To: language.English, Segments: []document.Content{
		document.Text("Tienen el mismo objetivo : devolver la gimnasia segura, #Cities4Migration, contact@uclg.org."),
	}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	got := res[0].Target.Plain()
	assert.Contains(t, got, " give ")
	assert.Equal(t, 1, strings.Count(got, "#"), got)
	assert.Contains(t, got, "#Cities4Migration")
	assert.Contains(t, got, "contact@uclg.org", "an address reaches the engine as it is")
}

func TestPivotLeakIsNoted(t *testing.T) {
	e := engine(t)
	pairs, err := e.Pairs(context.Background())
	require.NoError(t, err)
	r, err := mt.FindRoute(pairs, language.French, language.English, map[language.Tag]language.Tag{language.English: language.Spanish})
	require.NoError(t, err)
	res, err := mt.NewPivot(e, r).Translate(context.Background(), mt.Request{From: language.French, To: language.English,
		Segments: []document.Content{document.Text("Elle va regrouper les actions à Lyon.")}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.NotContains(t, res[0].Target.Plain(), "*", "no mark is left")
	var notes []string
	for _, n := range res[0].Notes {
		notes = append(notes, n.Rule+": "+n.Message)
	}
	require.Len(t, notes, 1, "one word of the pivot language is left (reagrupar); Lyon is the source's own")
	assert.Contains(t, notes[0], mt.PivotWord+": ")
	assert.Contains(t, notes[0], "reagrupar")
}

// TestLigatures: "œ" reaches the engine spelled apart, which its French
// dictionary knows, and a word it copies comes back as the source writes
// it.
func TestLigatures(t *testing.T) {
	e := engine(t)
	res, err := e.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{
		document.Text("Un œuf, le cœur et une œuvre de Lœwenstein."),
	}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	got := res[0].Target.Plain()
	for _, w := range []string{"huevo", "corazón", "obra", "Lœwenstein"} {
		assert.Contains(t, got, w)
	}
}

// TestSegmentsStayApart: segments that do not end with a full stop
// (headings, list items, the spans of a fuzzy-match repair) are separate
// sentences for the engine. With a blank line only between them, spa-eng
// moved "nuevo" of the second segment before "museo" of the first
// ("New", "museum museum of"); and a segment whose source starts in lower
// case keeps it, though the engine capitalises every sentence's start.
func TestSegmentsStayApart(t *testing.T) {
	e := engine(t)
	res, err := e.Translate(context.Background(), mt.Request{From: language.Spanish, To: language.English,
		Segments: []document.Content{document.Text("museo"), document.Text("nuevo museo de"), document.Text("la casa de Francia")}})
	require.NoError(t, err)
	var got []string
	for _, r := range res {
		require.NoError(t, r.Err)
		got = append(got, r.Target.Plain())
	}
	assert.Equal(t, []string{"museum", "new museum of", "the house of France"}, got)
}

// TestVersion: a pair's version names Apertium's release and its mode,
// and changes when a file of the mode's pipeline changes.
func TestVersion(t *testing.T) {
	e := engine(t)
	v, err := e.Version(context.Background(), language.French, language.Spanish)
	require.NoError(t, err)
	assert.Regexp(t, `^Apertium \d+\.\d+\.\d+ fr-es@[0-9a-f]{12}$`, v)
	w, err := e.Version(context.Background(), language.Spanish, language.English)
	require.NoError(t, err)
	assert.Regexp(t, ` spa-eng@[0-9a-f]{12}$`, w)
	_, err = e.Version(context.Background(), language.French, language.German)
	require.ErrorIs(t, err, mt.ErrUnsupportedPair)

	// A mode of its own in a data folder of its own.
	dir := t.TempDir()
	bin := filepath.Join(dir, "fr-es.bin")
	require.NoError(t, os.WriteFile(bin, []byte("v1"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "modes"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "modes", "fr-es.mode"), []byte("lt-proc '"+bin+"' | cat\n"), 0o644))
	script := filepath.Join(t.TempDir(), "apertium")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\nfor a; do\n  [ \"$a\" = -l ] && printf 'fr-es\\n' && exit 0\n  [ \"$a\" = -V ] && echo 'Apertium 9.9.9' && exit 0\ndone\n"), 0o755))
	version := func(opts Options) (string, error) {
		opts.Command = script
		e, err := New(opts)
		require.NoError(t, err)
		return e.Version(context.Background(), language.French, language.Spanish)
	}
	v1, err := version(Options{Environ: []string{"APERTIUM_DATADIR=" + dir}})
	require.NoError(t, err)
	assert.Regexp(t, `^Apertium 9\.9\.9 fr-es@`, v1)
	v2, err := version(Options{DataDir: dir})
	require.NoError(t, err)
	assert.Equal(t, v1, v2, "the same files, the same version")
	require.NoError(t, os.WriteFile(bin, []byte("v2, rebuilt"), 0o644))
	v3, err := version(Options{DataDir: dir})
	require.NoError(t, err)
	assert.NotEqual(t, v1, v3, "a rebuilt dictionary, another version")
	_, err = version(Options{DataDir: t.TempDir()})
	assert.ErrorContains(t, err, "no mode file fr-es.mode")
}
