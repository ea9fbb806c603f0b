package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/segment"
)

func newLoader(t testing.TB, opts Options) *Loader {
	t.Helper()
	if opts.From == language.Und {
		opts.From = language.French
	}
	l, err := New(opts)
	require.NoError(t, err)
	return l
}

func TestCodecs(t *testing.T) {
	l := newLoader(t, Options{})
	assert.Equal(t, []string{".markdown", ".md", ".mdx", ".txt"}, l.Codecs().Extensions())
	for _, tc := range []struct{ path, codec string }{
		{"a.txt", "plaintext"}, {"a.md", "markdown"}, {"A.MARKDOWN", "markdown"}, {"a.mdx", "markdown"},
	} {
		c, ok := l.Codecs().ForPath(tc.path)
		require.True(t, ok, tc.path)
		assert.Equal(t, tc.codec, c.Name(), tc.path)
	}
	assert.Equal(t, language.French, l.From())
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"batch/b.txt":            "Bonjour.",
		"batch/sub/a.md":         "# Titre",
		"batch/sub/e.mdx":        "# Titre",
		"batch/a.md.bak":         "x",
		"batch/photo.png":        "x",
		"batch/.git/c.md":        "caché",
		"batch/sub/.drafts/d.md": "caché",
		"one/a.md":               "# Un",
		"two/a.md":               "# Deux",
		"empty/notes.docx":       "x",
		"page.MD":                "# Page",
		"report.docx":            "x",
	})
	require.NoError(t, os.Symlink(filepath.Join(dir, "one", "a.md"), filepath.Join(dir, "batch", "link.md")))
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	cases := []struct {
		name  string
		paths []string
		want  []Source // nil when an error is expected
		err   string
	}{
		{name: "folder", paths: []string{at("batch")}, want: []Source{
			{Disk: at("batch/b.txt"), Rel: "b.txt"},
			{Disk: at("batch/sub/a.md"), Rel: "sub/a.md"},
			{Disk: at("batch/sub/e.mdx"), Rel: "sub/e.mdx"},
		}},
		{name: "files by base name, sorted", paths: []string{at("page.MD"), at("one/a.md")}, want: []Source{
			{Disk: at("one/a.md"), Rel: "a.md"},
			{Disk: at("page.MD"), Rel: "page.MD"},
		}},
		{name: "file and folder", paths: []string{at("batch"), at("page.MD")}, want: []Source{
			{Disk: at("batch/b.txt"), Rel: "b.txt"},
			{Disk: at("page.MD"), Rel: "page.MD"},
			{Disk: at("batch/sub/a.md"), Rel: "sub/a.md"},
			{Disk: at("batch/sub/e.mdx"), Rel: "sub/e.mdx"},
		}},
		{name: "same name twice", paths: []string{at("one/a.md"), at("two/a.md")},
			err: at("one/a.md") + " and " + at("two/a.md") + " would both be written as a.md: translate them in separate batches"},
		{name: "same name in two folders", paths: []string{at("one"), at("two")},
			err: at("one/a.md") + " and " + at("two/a.md") + " would both be written as a.md"},
		{name: "unknown extension", paths: []string{at("report.docx")},
			err: at("report.docx") + ": relais does not read this kind of file (it reads .markdown, .md, .mdx, .txt)"},
		{name: "missing", paths: []string{at("absent.md")}, err: at("absent.md") + ": no such file or directory"},
		{name: "nothing to read", paths: []string{at("empty")},
			err: "no source files: name .md, .markdown, .mdx or .txt files or folders that hold some"},
		{name: "no paths", err: "no source files"},
	}
	l := newLoader(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.Collect(tc.paths)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := l.Collect([]string{at("empty")})
	assert.ErrorIs(t, err, ErrNoSources)
	_, err = l.Collect([]string{at("absent.md")})
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestLoadArticles(t *testing.T) {
	l := newLoader(t, Options{FrontMatterKeys: []string{"title", "description", "summary"}})
	srcs, err := l.Collect([]string{filepath.Join(testenv.ModuleRoot(t), "testdata", "articles")})
	require.NoError(t, err)
	require.NotEmpty(t, srcs)
	for _, src := range srcs {
		t.Run(src.Rel, func(t *testing.T) {
			got, err := l.Load(src, language.French)
			require.NoError(t, err)
			raw, err := os.ReadFile(src.Disk)
			require.NoError(t, err)
			assert.Equal(t, src, got.Source)
			assert.Equal(t, src.Rel, got.Doc.Path, "the document is named inside the batch")
			assert.Equal(t, language.French, got.Doc.Lang)
			_, enc, err := charset.Decode(src.Disk, raw)
			require.NoError(t, err)
			assert.Equal(t, enc, got.Encoding)
			assert.Equal(t, fsutil.Hash(raw), got.Hash, "the hash of the raw bytes")
			assert.NotEmpty(t, got.Doc.Segments(), "segmented")
		})
	}
}

func TestLoadFrontMatterKeys(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{"a.md": "---\ntitle: Le titre\nweight: 2\n---\n\nLe texte.\n"})
	src := Source{Disk: filepath.Join(dir, "a.md"), Rel: "a.md"}
	for _, tc := range []struct {
		name string
		keys []string
		want []string
	}{
		{name: "none", want: []string{"Le texte."}},
		{name: "title", keys: []string{"title"}, want: []string{"Le titre", "Le texte."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := newLoader(t, Options{FrontMatterKeys: tc.keys}).Load(src, language.French)
			require.NoError(t, err)
			var texts []string
			for _, s := range got.Doc.Segments() {
				texts = append(texts, s.Source.Plain())
			}
			assert.Equal(t, tc.want, texts)
		})
	}
}

func TestLoadMDX(t *testing.T) {
	dir := t.TempDir()
	page := "import Tabs from '@theme/Tabs';\n\n<Tabs>\n<TabItem value=\"a\" label=\"Onglet\">\nLe texte de l'onglet.\n</TabItem>\n</Tabs>\n"
	testenv.WriteFiles(t, dir, map[string]string{"a.mdx": page, "a.md": page})
	for _, tc := range []struct {
		file string
		want []string
	}{
		// .mdx: the import is code, the JSX children are text.
		{"a.mdx", []string{"Le texte de l'onglet."}},
		// .md: the import is prose, the JSX an HTML block.
		{"a.md", []string{"import Tabs from '@theme/Tabs';"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got, err := newLoader(t, Options{}).Load(Source{Disk: filepath.Join(dir, tc.file), Rel: tc.file}, language.French)
			require.NoError(t, err)
			var texts []string
			for _, s := range got.Doc.Segments() {
				texts = append(texts, s.Source.Plain())
			}
			assert.Equal(t, tc.want, texts)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"bad.md":   "# Élus\n\nLes maires \xe9lus.\n",
		"image.md": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"t.txt":    "\xff\xfeB\x00o\x00n",
		"a.docx":   "x",
	})
	cases := []struct {
		name, file string
		want       string
		pos        bool // a *document.PosError naming the disk path
	}{
		{name: "invalid utf-8 in markdown", file: "bad.md", want: "bad.md:3:12: invalid UTF-8: byte 0xE9 at offset 20", pos: true},
		{name: "binary", file: "image.md", want: "image.md:3:1: binary file: NUL byte at offset 8", pos: true},
		{name: "truncated utf-16", file: "t.txt", want: "t.txt: truncated UTF-16", pos: true},
		{name: "missing", file: "absent.md", want: "absent.md: no such file or directory"},
		{name: "unknown extension", file: "a.docx", want: "a.docx: relais does not read this kind of file (it reads .markdown, .md, .mdx, .txt)"},
	}
	l := newLoader(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			disk := filepath.Join(dir, tc.file)
			got, err := l.Load(Source{Disk: disk, Rel: "sub/" + tc.file}, language.French)
			require.Error(t, err)
			assert.Nil(t, got)
			want := disk + strings.TrimPrefix(tc.want, tc.file)
			assert.True(t, strings.HasPrefix(err.Error(), want), "the disk path, not the path in the batch:\n%s\nwant prefix\n%s", err, want)
			assert.NotContains(t, err.Error(), "\n", "one line")
			var pe *document.PosError
			if assert.Equal(t, tc.pos, errors.As(err, &pe)) && tc.pos {
				assert.Equal(t, disk, pe.Path)
			}
		})
	}
}

// cascadeNo is an SRX file whose French rules replace the built-in ones:
// a semicolon before a capital ends a sentence.
const cascadeNo = `<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="French">
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s\p{Lu}</afterbreak></rule>
        <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Any">
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s\p{Lu}</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="FR.*" languagerulename="French"/>
      <languagemap languagepattern=".*" languagerulename="Any"/>
    </maprules>
  </body>
</srx>`

func TestSegmenter(t *testing.T) {
	srx, err := segment.ReadSRX("rules.srx", strings.NewReader(cascadeNo))
	require.NoError(t, err)
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{"a.txt": "Un ; Deux."})
	src := Source{Disk: filepath.Join(dir, "a.txt"), Rel: "a.txt"}
	cases := []struct {
		name string
		srx  *segment.SRX
		lang language.Tag
		want int
	}{
		{name: "source language with SRX", srx: srx, lang: language.French, want: 2},
		{name: "source language, built-in rules", lang: language.French, want: 1},
		{name: "other language: built-in rules despite SRX", srx: srx, lang: language.Spanish, want: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := newLoader(t, Options{From: language.French, SRX: tc.srx})
			got, err := l.Load(src, tc.lang)
			require.NoError(t, err)
			assert.Len(t, got.Doc.Segments(), tc.want)
			r, err := l.Segmenter(tc.lang)
			require.NoError(t, err)
			assert.Equal(t, tc.lang, r.Language())
		})
	}
}

func TestSegmenterConcurrent(t *testing.T) {
	l := newLoader(t, Options{})
	langs := []language.Tag{language.French, language.English, language.Spanish, language.German}
	got := make([]*segment.Rules, 4*len(langs))
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			r, err := l.Segmenter(langs[i%len(langs)])
			assert.NoError(t, err)
			got[i] = r
		})
	}
	wg.Wait()
	for i, r := range got {
		assert.Same(t, got[i%len(langs)], r, "built once per language")
	}
}

func TestIsXLIFF(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"a.xlf", true}, {"a.md.xlf", true}, {"A.XLF", true}, {"a.xliff", true}, {"a.xlf2", true},
		{"dir/a.sdlxliff", true}, {"a.mxliff", true},
		{"a.md", false}, {"a.xlf.bak", false}, {"xlf", false}, {"a.xml", false},
	} {
		assert.Equal(t, tc.want, IsXLIFF(tc.path), tc.path)
	}
}

func TestXLIFFFiles(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"out/en/b.md.xlf":       "",
		"out/en/a.md.XLF":       "",
		"out/es/a.xliff":        "",
		"out/es/c.sdlxliff":     "",
		"out/es/d.mxliff":       "",
		"out/es/e.xlf2":         "",
		"out/en/a.md":           "",
		"out/.relais/cache.xlf": "",
		"other/z.xlf":           "",
		"named.txt":             "",
		"empty/a.md":            "",
	})
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	cases := []struct {
		name  string
		paths []string
		want  []string
		err   string
	}{
		{name: "folder", paths: []string{at("out")}, want: []string{
			at("out/en/a.md.XLF"), at("out/en/b.md.xlf"), at("out/es/a.xliff"),
			at("out/es/c.sdlxliff"), at("out/es/d.mxliff"), at("out/es/e.xlf2"),
		}},
		{name: "a named file is always taken", paths: []string{at("named.txt")}, want: []string{at("named.txt")}},
		{name: "sorted over all paths", paths: []string{at("other"), at("named.txt"), at("out/en")}, want: []string{
			at("named.txt"), at("other/z.xlf"), at("out/en/a.md.XLF"), at("out/en/b.md.xlf"),
		}},
		{name: "a folder without XLIFF", paths: []string{at("out"), at("empty")},
			err: at("empty") + ": no XLIFF files in this folder (relais looks for .xlf, .xliff, .xlf2, .sdlxliff, .mxliff; hidden folders are skipped)"},
		{name: "missing", paths: []string{at("absent")}, err: at("absent") + ": no such file or directory"},
		{name: "no paths"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := XLIFFFiles(tc.paths)
			if tc.err != "" {
				assert.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := XLIFFFiles([]string{at("empty")})
	assert.ErrorIs(t, err, ErrNoXLIFF)
}
