package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
)

func TestTranslateOptions(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		environ []string
		wantTo  []string
		wantOut string
		jobs    int
	}{
		{"defaults", []string{"a.md"}, nil, []string{"en", "es"}, "out", 0},
		{"flags", []string{"--to", "es", "--out", "o", "--jobs", "3", "a.md", "b"}, nil, []string{"es"}, "o", 3},
		{"environment", []string{"a.md"}, []string{"RELAIS_TO=en", "RELAIS_JOBS=5"}, []string{"en"}, "out", 5},
		{"flag over environment", []string{"--to=es,en", "a.md"}, []string{"RELAIS_TO=de"}, []string{"es", "en"}, "out", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir()) // no relais.yaml here
			ios, _, _, _ := iostreams.Test()
			var got *translateOptions
			cmd := newTranslateCmd(&deps{ios: ios, environ: tc.environ}, func(o *translateOptions) error { got = o; return nil })
			cmd.Flags().String("config", "", "")
			cmd.SetArgs(tc.args)
			require.NoError(t, cmd.Execute())
			require.NotNil(t, got)
			assert.Equal(t, tc.wantTo, got.cfg.To)
			assert.Equal(t, tc.wantOut, got.cfg.Out)
			if tc.jobs > 0 {
				assert.Equal(t, tc.jobs, got.cfg.Jobs)
			}
			assert.NotEmpty(t, got.paths)
		})
	}
}

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(good, []byte("Les maires se réunissent. Ils parlent."), 0o644))
	bad := filepath.Join(dir, "b.md")
	require.NoError(t, os.WriteFile(bad, []byte("é\xff"), 0o644))
	out := filepath.Join(dir, "out")
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"ok", []string{"translate", good, "--out", out}, ExitOK, "1 file(s), 2 segment(s) into en, es"},
		{"bad input", []string{"translate", bad, "--out", out}, ExitInput, "b.md:1:2: invalid UTF-8"},
		{"usage", []string{"translate", "--jobs", "x", good}, ExitInput, "invalid argument \"x\""},
		{"bad config value", []string{"translate", "--from", "???", good}, ExitInput, "from: \"???\" is not a language tag"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(dir)
			ios, _, _, stderr := iostreams.Test()
			code := Run(context.Background(), tc.args, ios, nil)
			assert.Equal(t, tc.code, code, stderr.String())
			assert.Contains(t, stderr.String(), tc.stderr)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ios, _, _, stderr := iostreams.Test()
	assert.Equal(t, ExitCancelled, Run(ctx, []string{"translate", good, "--out", filepath.Join(dir, "out2")}, ios, nil), stderr.String())
	assert.NoDirExists(t, filepath.Join(dir, "out2"), "nothing written when interrupted")
}
