package config

import (
	"testing"
	"testing/fstest"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func flags(t *testing.T, args ...string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.StringSlice("to", nil, "")
	fs.String("out", "", "")
	fs.Int("jobs", 0, "")
	fs.String("unrelated", "", "")
	require.NoError(t, fs.Parse(args))
	return fs
}

func TestLoadPrecedence(t *testing.T) {
	fsys := fstest.MapFS{"relais.yaml": {Data: []byte("to: [de]\nout: from-file\njobs: 3\nmarkdown:\n  front-matter-keys: [title]\n")}}
	cases := []struct {
		name    string
		args    []string
		env     []string
		wantTo  []string
		wantOut string
		jobs    int
	}{
		{"file over defaults", nil, nil, []string{"de"}, "from-file", 3},
		{"env over file", nil, []string{"RELAIS_TO=en,es", "RELAIS_OUT=from-env", "OUT=ignored"}, []string{"en", "es"}, "from-env", 3},
		{"flag over env", []string{"--to", "it", "--out", "from-flag", "--jobs", "1"}, []string{"RELAIS_TO=en", "RELAIS_OUT=from-env"}, []string{"it"}, "from-flag", 1},
		{"flag list with commas", []string{"--to", "en,es"}, nil, []string{"en", "es"}, "from-file", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Load(LoadOptions{Flags: flags(t, tc.args...), Environ: tc.env, FS: fsys})
			require.NoError(t, err)
			assert.Equal(t, tc.wantTo, cfg.To)
			assert.Equal(t, tc.wantOut, cfg.Out)
			assert.Equal(t, tc.jobs, cfg.Jobs)
			assert.Equal(t, "fr", cfg.From, "default kept")
			assert.Equal(t, []string{"title"}, cfg.Markdown.FrontMatterKeys)
		})
	}
}

func TestLoadDefaultsWithoutFile(t *testing.T) {
	cfg, err := Load(LoadOptions{FS: fstest.MapFS{}, Environ: []string{"RELAIS_MARKDOWN_FRONT_MATTER_KEYS=title,slug"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"en", "es"}, cfg.To)
	assert.Equal(t, []string{"title", "slug"}, cfg.Markdown.FrontMatterKeys)
	assert.Equal(t, "auto", cfg.Markdown.Dialect)
}

func TestLoadMarkdownDialect(t *testing.T) {
	fsys := fstest.MapFS{"relais.yaml": {Data: []byte("markdown:\n  dialect: hugo\n  shortcodes: [onglet, encadre]\n")}}
	cfg, err := Load(LoadOptions{FS: fsys})
	require.NoError(t, err)
	assert.Equal(t, "hugo", cfg.Markdown.Dialect)
	assert.Equal(t, []string{"onglet", "encadre"}, cfg.Markdown.Shortcodes)
	cfg, err = Load(LoadOptions{FS: fsys, Environ: []string{"RELAIS_MARKDOWN_DIALECT=grav"}})
	require.NoError(t, err)
	assert.Equal(t, "grav", cfg.Markdown.Dialect, "the environment wins over the file")
	cfg, err = Load(LoadOptions{FS: fstest.MapFS{}, Environ: []string{"RELAIS_MARKDOWN_SHORTCODES=onglet,encadre"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"onglet", "encadre"}, cfg.Markdown.Shortcodes)
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
		explicit         bool
		env              []string
	}{
		{name: "unknown key", yaml: "from: fr\ntoo: [en]\n", want: `relais.yaml:2:1: unknown key "too" (did you mean "to"?)`},
		{name: "unknown nested key", yaml: "markdown:\n  front-matter: [x]\n", want: `relais.yaml:2:3: unknown key "markdown.front-matter" (did you mean "markdown.front-matter-keys"?)`},
		{name: "far from any key", yaml: "colour: red\n", want: `unknown key "colour"; known keys: check.baseline, check.fail-on, check.languages, check.require-state, check.rules, from,`},
		{name: "bad language", yaml: "to: [en, 'e s']\n", want: `to: "e s" is not a language tag`},
		{name: "bad progress", yaml: "progress: sometimes\n", want: `progress: "sometimes", want auto, always or never`},
		{name: "bad yaml", yaml: "to: [en\n", want: "relais.yaml: yaml:"},
		{name: "bad jobs from env", yaml: "", env: []string{"RELAIS_JOBS=0"}, want: "jobs: 0, want 1 or more"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(LoadOptions{FS: fstest.MapFS{"relais.yaml": {Data: []byte(tc.yaml)}}, Environ: tc.env})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := Load(LoadOptions{FS: fstest.MapFS{}, File: "custom.yaml", Explicit: true})
	assert.ErrorContains(t, err, "custom.yaml")
}
