package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
)

// cwdMu serialises the in-process runs of relais that change the working
// folder.
var cwdMu sync.Mutex

// runRelais runs relais in-process, as the root command with check, in
// dir, and returns the exit code and the two streams.
func runRelais(t testing.TB, dir string, environ []string, args ...string) (int, string, string) {
	cwdMu.Lock()
	defer cwdMu.Unlock()
	old, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(old)) }()
	ios, _, stdout, stderr := iostreams.Test()
	d := &deps{ios: ios, environ: environ}
	root := newRootCmd(d)
	if c, _, err := root.Find([]string{"check"}); err != nil || c == root {
		cmd := newCheckCmd(d)
		cmd.Args = wrapArgs(cmd.Args)
		root.AddCommand(cmd)
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err = root.ExecuteContext(context.Background())
	return exitCode(err, ios), stdout.String(), stderr.String()
}

func TestCheckOutputs(t *testing.T) {
	cases := []struct {
		in   []string
		want []output
		err  string
	}{
		{[]string{"sarif=r.sarif", "junit.xml", "x.json", "github=gh.txt", "a.sarif.json"},
			[]output{{"sarif", "r.sarif"}, {"junit", "junit.xml"}, {"json", "x.json"}, {"github", "gh.txt"}, {"sarif", "a.sarif.json"}}, ""},
		{[]string{"report.html"}, nil, "cannot tell the format"},
		{[]string{"sarif="}, nil, "no file"},
	}
	for _, tc := range cases {
		got, err := parseOutputs(tc.in)
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
}

func TestCheckList(t *testing.T) {
	code, out, _ := runRelais(t, t.TempDir(), nil, "check", "--list")
	require.Equal(t, ExitOK, code)
	for _, id := range []string{"untranslated", "source-language", "term-missing", "term-forbidden", "number", "code",
		"markup", "url-email", "punctuation", "double-space", "repeated-word", "length", "inconsistent", "state"} {
		assert.Contains(t, out, id+" ")
	}
}

// TestCheckPairSetExit runs the pair set through the command: the correct
// translations exit 0 with no finding, the drafts with injected errors
// exit 1, and --fail-on never turns that into 0.
func TestCheckPairSetExit(t *testing.T) {
	root := testenv.ModuleRoot(t)
	dir := t.TempDir()
	articles := filepath.Join(root, "testdata", "articles")
	for _, lang := range []string{"en", "es"} {
		good := filepath.Join(root, "testdata", "check", "good", lang)
		code, out, errOut := runRelais(t, dir, nil, "check", "--source", articles, "--target", good, "--lang", lang, "--format", "json")
		require.Equal(t, ExitOK, code, errOut)
		var rep struct {
			Summary  map[string]int `json:"summary"`
			Findings []any          `json:"findings"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		assert.Empty(t, rep.Findings, "correct %s translations", lang)
		assert.Equal(t, 5, rep.Summary["files"])

		bad := filepath.Join(root, "testdata", "check", "bad", lang)
		code, _, errOut = runRelais(t, dir, nil, "check", "--source", articles, "--target", bad, "--lang", lang,
			"--output", "sarif="+filepath.Join(dir, lang+".sarif"), "--output", filepath.Join(dir, lang+".xml"))
		assert.Equal(t, ExitFindings, code, errOut)
		assert.Contains(t, errOut, "finding(s) at or above --fail-on")
		for _, f := range []string{lang + ".sarif", lang + ".xml"} {
			data, err := os.ReadFile(filepath.Join(dir, f))
			require.NoError(t, err)
			assert.True(t, bytes.Contains(data, []byte("term-forbidden")), f)
		}
		code, _, _ = runRelais(t, dir, nil, "check", "--source", articles, "--target", bad, "--lang", lang, "--fail-on", "never")
		assert.Equal(t, ExitOK, code)
	}
}

// TestCheckMarkup runs relais check on a document pair of the markup
// check's injected set: the correct translation exits 0, a draft that lost
// a heading exits 1 with a markup finding at its line.
func TestCheckMarkup(t *testing.T) {
	dir := filepath.Join(testenv.ModuleRoot(t), "pkg", "qa", "testdata", "markup")
	src := filepath.Join(dir, "page.fr.md")
	code, out, errOut := runRelais(t, t.TempDir(), nil, "check", "--source", src, "--target", filepath.Join(dir, "page.en.md"), "--lang", "en")
	assert.Equal(t, ExitOK, code, errOut)
	assert.NotContains(t, out, " markup:")
	code, out, errOut = runRelais(t, t.TempDir(), nil, "check", "--source", src, "--target", filepath.Join(dir, "bad", "heading.md"), "--lang", "en")
	assert.Equal(t, ExitFindings, code, errOut)
	assert.Contains(t, out, "bad/heading.md:6:1: error markup: the source's level-2 heading is not a heading in the target")
}
