package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/report"
)

func docLoader(t testing.TB) *loader.Loader {
	t.Helper()
	l, err := loader.New(loader.Options{From: language.French})
	require.NoError(t, err)
	return l
}

// shape is what a test looks at in a version: its files' paths and item IDs.
func shape(v report.Version) map[string][]string {
	out := map[string][]string{}
	for _, f := range v.Files {
		ids := []string{}
		for _, it := range f.Items {
			ids = append(ids, it.ID)
		}
		out[f.Path] = ids
	}
	return out
}

func TestVersions(t *testing.T) {
	reportDir := filepath.Join(testenv.ModuleRoot(t), "testdata", "report")
	draft, err := os.ReadFile(filepath.Join(reportDir, "draft-en.xlf"))
	require.NoError(t, err)
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"out1/en/forum.md.xlf":   string(draft),
		"out1/en/forum.md":       "ignored: the folder holds XLIFF",
		"out1/.cache/old.xlf":    "hidden",
		"out2/en/forum.md.XLIFF": string(draft),
		"src1/a.txt":             "Un. Deux.",
		"src1/sub/b.md":          "# Titre\n\nTexte.\n",
		"src2/a.txt":             "Un. Trois.",
		"empty/notes.docx":       "x",
		"bad.md":                 "# Élus\n\nLes maires \xe9lus.\n",
		"good.md":                "# Élus\n",
		"report.docx":            "x",
		"other.docx":             "x",
	})
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	cases := []struct {
		name       string
		old, new   string
		oldShape   map[string][]string
		newShape   map[string][]string
		err        string
		posErrPath string
	}{
		{name: "two XLIFF folders", old: at("out1"), new: at("out2"),
			oldShape: map[string][]string{"en/forum.md.xlf": {"b1s1", "b2s1", "b2s2", "b3s1", "b3s2"}},
			newShape: map[string][]string{"en/forum.md.XLIFF": {"b1s1", "b2s1", "b2s2", "b3s1", "b3s2"}}},
		{name: "two folders of articles", old: at("src1"), new: at("src2"),
			oldShape: map[string][]string{"a.txt": {"b1s1", "b1s2"}, "sub/b.md": {"b1s1", "b2s1"}},
			newShape: map[string][]string{"a.txt": {"b1s1", "b1s2"}}},
		{name: "an empty folder is an empty version", old: at("empty"), new: at("src2"),
			oldShape: map[string][]string{}, newShape: map[string][]string{"a.txt": {"b1s1", "b1s2"}}},
		{name: "two files, named after the new one", old: at("src1/a.txt"), new: at("src2/a.txt"),
			oldShape: map[string][]string{"a.txt": {"b1s1", "b1s2"}}, newShape: map[string][]string{"a.txt": {"b1s1", "b1s2"}}},
		{name: "folder and file", old: at("src1"), new: at("src2/a.txt"), err: "compare two folders or two files"},
		{name: "XLIFF and article", old: at("out1/en/forum.md.xlf"), new: at("good.md"), err: "compare two XLIFF files or two articles"},
		{name: "missing", old: at("absent.md"), new: at("good.md"), err: "diff: stat " + at("absent.md") + ": no such file or directory"},
		{name: "unknown kind", old: at("report.docx"), new: at("other.docx"),
			err: "diff: " + at("report.docx") + ": relais does not read this kind of file (it reads .xlf, .markdown, .md, .mdx, .txt)"},
		{name: "bad article", old: at("bad.md"), new: at("good.md"), err: at("bad.md") + ":3:12: invalid UTF-8", posErrPath: at("bad.md")},
	}
	l := docLoader(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			older, newer, err := Versions(l, tc.old, tc.new)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				var pe *document.PosError
				if tc.posErrPath != "" && assert.True(t, errors.As(err, &pe)) {
					assert.Equal(t, tc.posErrPath, pe.Path)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.old, older.Name)
			assert.Equal(t, tc.new, newer.Name)
			assert.Equal(t, tc.oldShape, shape(older))
			assert.Equal(t, tc.newShape, shape(newer))
		})
	}
}

func TestVersionsItems(t *testing.T) {
	reportDir := filepath.Join(testenv.ModuleRoot(t), "testdata", "report")
	older, newer, err := Versions(docLoader(t), filepath.Join(reportDir, "draft-en.xlf"), filepath.Join(reportDir, "reviewed-en.xlf"))
	require.NoError(t, err)
	require.Len(t, older.Files, 1)
	require.Len(t, newer.Files, 1)
	assert.Equal(t, "reviewed-en.xlf", older.Files[0].Path, "both sides named after the new file")
	var edited int
	for i, it := range newer.Files[0].Items {
		o := older.Files[0].Items[i]
		assert.Equal(t, o.Source, it.Source, "an XLIFF file gives its sources too")
		if o.Text != it.Text {
			edited++
		}
	}
	assert.Equal(t, 3, edited, "the targets are compared: the reviewer edited three")

	older, _, err = Versions(docLoader(t), filepath.Join(reportDir, "forum-v1-fr.md"), filepath.Join(reportDir, "forum-v2-fr.md"))
	require.NoError(t, err)
	for _, it := range older.Files[0].Items {
		assert.Equal(t, it.Source, it.Text, "a document gives its sources, compared as text")
	}
}
