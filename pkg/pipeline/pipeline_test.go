package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/xliff"
)

func newPipeline(t testing.TB, warn *[]string) *Pipeline {
	docs, err := loader.New(loader.Options{From: language.French})
	require.NoError(t, err)
	p := &Pipeline{Loader: docs, To: []language.Tag{language.English, language.Spanish}, Jobs: 2}
	if warn != nil {
		p.Warn = func(m string) { *warn = append(*warn, m) }
	}
	return p
}

func TestRunSeed(t *testing.T) {
	seed := testenv.Shared(t, "seeds", "cities4migration-fr.txt")
	src, err := os.ReadFile(seed)
	require.NoError(t, err)
	out := t.TempDir()

	res, err := newPipeline(t, nil).Run(context.Background(), Inputs{Paths: []string{seed}, Out: out})
	require.NoError(t, err)
	require.Len(t, res.Files, 1)
	f := res.Files[0]
	assert.Equal(t, "cities4migration-fr.txt", f.Path)
	require.Len(t, f.Langs, 2)

	var golden strings.Builder
	doc := loadDoc(t, seed)
	for _, s := range doc.Segments() {
		fmt.Fprintf(&golden, "%s\t%s\n", s.ID, s.Source.Key())
	}
	testenv.Golden(t, filepath.Join("testdata", "seed-segments.golden"), []byte(golden.String()))
	assert.Equal(t, len(doc.Segments()), f.Segments)

	for _, lang := range []string{"en", "es"} {
		draft, err := os.ReadFile(filepath.Join(out, lang, "cities4migration-fr.txt"))
		require.NoError(t, err)
		assert.Equal(t, src, draft, "%s draft is the source byte for byte while nothing translates it", lang)

		xlf, err := os.ReadFile(filepath.Join(out, lang, "cities4migration-fr.txt.xlf"))
		require.NoError(t, err)
		assert.Empty(t, xliff.Validate("seed.xlf", bytes.NewReader(xlf)), "the XLIFF passes the core schema's structural rules")
		file, err := xliff.Read("seed.xlf", bytes.NewReader(xlf))
		require.NoError(t, err)
		assert.Equal(t, lang, file.TrgLang.String())
		var ids []string
		for _, u := range file.Units {
			for _, s := range u.Parts {
				if s.Kind != xliff.Segment {
					continue
				}
				ids = append(ids, s.ID)
				assert.Equal(t, document.Initial, s.State, "nothing translates %s yet", s.ID)
			}
		}
		assert.Len(t, ids, f.Segments, "one XLIFF segment per sentence")
	}
	assert.Equal(t, 2*f.Segments, res.Untranslated())
}

// loadDoc reads, decodes, extracts and segments one file as Run does.
func loadDoc(t *testing.T, path string) *document.Document {
	t.Helper()
	p := newPipeline(t, nil)
	l, err := p.Loader.Load(loader.Source{Disk: path, Rel: filepath.Base(path)}, language.French)
	require.NoError(t, err)
	return l.Doc
}

func TestRunKeepsHumanEdits(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(filepath.Join(in, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "sub", "a.md"), []byte("# Titre\n\nUne phrase. Une autre.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b.txt"), []byte("Bonjour."), 0o644))
	out := filepath.Join(dir, "out")

	var warns []string
	p := newPipeline(t, &warns)
	_, err := p.Run(context.Background(), Inputs{Paths: []string{in}, Out: out})
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(out, "en", "sub", "a.md"))
	assert.FileExists(t, filepath.Join(out, "es", "b.txt.xlf"))
	assert.FileExists(t, filepath.Join(out, ManifestName))

	edited := filepath.Join(out, "en", "sub", "a.md")
	require.NoError(t, os.WriteFile(edited, []byte("# Title\n\nOne sentence. Another.\n"), 0o644))
	res, err := p.Run(context.Background(), Inputs{Paths: []string{in}, Out: out})
	require.NoError(t, err)
	got, err := os.ReadFile(edited)
	require.NoError(t, err)
	assert.Equal(t, "# Title\n\nOne sentence. Another.\n", string(got), "a person's edit is never overwritten")
	require.Len(t, warns, 1)
	assert.Contains(t, warns[0], edited)
	require.Equal(t, "sub/a.md", res.Files[1].Path, "files in path order")
	assert.True(t, res.Files[1].Langs[0].Kept, "the English draft was kept")
	assert.False(t, res.Files[1].Langs[1].Kept, "the Spanish one was written")
}

func TestRunInputErrorsWriteNothing(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		data  []byte
		setup func(t *testing.T, dir, out string) []string
		want  string
	}{
		{name: "binary", file: "image.md", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), want: "image.md:3:1: binary file: NUL byte at offset 8"},
		{name: "truncated utf-16", file: "t.txt", data: []byte{0xFF, 0xFE, 'B', 0, 'o', 0, 'n'}, want: "t.txt: truncated UTF-16"},
		{name: "invalid utf-8 in markdown", file: "bad.md", data: []byte("# Élus\n\nLes maires \xe9lus.\n"), want: "bad.md:3:12: invalid UTF-8: byte 0xE9 at offset 20"},
		{name: "missing", setup: func(t *testing.T, dir, out string) []string { return []string{filepath.Join(dir, "absent.md")} }, want: "absent.md: no such file or directory"},
		{name: "unknown extension", file: "a.docx", data: []byte("x"), want: "a.docx: relais does not read this kind of file"},
		{name: "output escapes", file: "a.txt", data: []byte("Bonjour."), setup: func(t *testing.T, dir, out string) []string {
			require.NoError(t, os.MkdirAll(out, 0o755))
			require.NoError(t, os.Symlink(t.TempDir(), filepath.Join(out, "en")))
			return nil
		}, want: "en/a.txt: path escapes the output folder"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			good := filepath.Join(dir, "good.txt")
			require.NoError(t, os.WriteFile(good, []byte("Une bonne phrase."), 0o644))
			paths := []string{good}
			if tc.file != "" {
				p := filepath.Join(dir, tc.file)
				require.NoError(t, os.WriteFile(p, tc.data, 0o644))
				paths = append(paths, p)
			}
			if tc.setup != nil {
				paths = append(paths, tc.setup(t, dir, out)...)
			}
			_, err := newPipeline(t, nil).Run(context.Background(), Inputs{Paths: paths, Out: out})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "\n", "one line")
			assert.NoFileExists(t, filepath.Join(out, "en", "good.txt"), "nothing written for the batch")
			assert.NoFileExists(t, filepath.Join(out, ManifestName))
		})
	}
}

// TestIdentityRoundTrip reads every .md and .txt file of testdata/ and of
// ../shared/corpus, then rebuilds it from its segments (text, original bytes
// of atomic runs and codes, blanks between): the bytes must come back, in the
// file's own encoding. The repository's own testdata is always read; the
// corpus is skipped where ../shared is missing (and fails the test under
// CI=true).
func TestIdentityRoundTrip(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		n := identityRoundTrip(t, filepath.Join(testenv.ModuleRoot(t), "testdata"))
		assert.GreaterOrEqual(t, n, 10, "testdata holds that many articles")
	})
	t.Run("corpus", func(t *testing.T) {
		n := identityRoundTrip(t, testenv.Shared(t, "corpus"))
		assert.Greater(t, n, 40, "the corpus holds that many articles")
	})
}

// identityRoundTrip checks every .md and .txt file under root and returns
// how many it read.
func identityRoundTrip(t *testing.T, root string) int {
	p := newPipeline(t, nil)
	n := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".md" && ext != ".txt" {
			return nil
		}
		n++
		t.Run(strings.TrimPrefix(path, root+"/"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			l, err := p.Loader.Load(loader.Source{Disk: path, Rel: filepath.Base(path)}, language.French)
			require.NoError(t, err)
			rebuilt := rebuild(t, l.Doc)
			assert.Equal(t, string(l.Doc.Source), string(rebuilt), "segments rebuild the text")

			targets := map[string]document.Content{}
			for _, s := range l.Doc.Segments() {
				targets[s.ID] = append(document.Content(nil), s.Source...)
			}
			codec, _ := p.Loader.Codecs().ForPath(path)
			var draft bytes.Buffer
			require.NoError(t, codec.Merge(&draft, l.Doc, targets))
			data, err := charset.Encode(draft.Bytes(), l.Encoding)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(raw, data), "identity merge gives the file back byte for byte")
		})
		return nil
	})
	require.NoError(t, err)
	return n
}

// rebuild writes the document from its segments' runs: verbatim text as
// text, atomic runs and codes as their source bytes, and the source bytes
// between segments, checking that runs are contiguous.
func rebuild(t *testing.T, doc *document.Document) []byte {
	t.Helper()
	var out []byte
	at := 0
	for _, b := range doc.Blocks {
		for _, s := range b.Segments {
			if s.Span.End <= at && b.Kind == document.Attribute {
				continue // a link title, inside the code of an earlier segment
			}
			require.LessOrEqual(t, at, s.Span.Start, "segment %s overlaps", s.ID)
			require.True(t, b.Span.Contains(s.Span), "segment %s outside its block", s.ID)
			out = append(out, doc.Source[at:s.Span.Start]...)
			pos := s.Span.Start
			for _, r := range s.Source {
				require.Equal(t, pos, r.Span.Start, "segment %s: runs are contiguous", s.ID)
				switch {
				case r.Code != nil:
					require.Equal(t, doc.Text(r.Span), r.Code.Data, "code data are the source bytes")
					out = append(out, r.Code.Data...)
				case doc.Text(r.Span) == r.Text:
					out = append(out, r.Text...)
				default:
					out = append(out, doc.Source[r.Span.Start:r.Span.End]...)
				}
				pos = r.Span.End
			}
			require.Equal(t, s.Span.End, pos, "segment %s: runs cover it", s.ID)
			at = s.Span.End
		}
	}
	return append(out, doc.Source[at:]...)
}

// TestRunWarnsOfWhatItLeaves checks that a construct the codec neither
// translates nor maps is named in a warning, with its file, line and
// column, and its bytes come back as they are.
func TestRunWarnsOfWhatItLeaves(t *testing.T) {
	dir := t.TempDir()
	src := "# Titre\n\n<div class=\"note\">\n  Du texte en HTML.\n</div>\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte(src), 0o644))
	var warns []string
	out := filepath.Join(dir, "out")
	_, err := newPipeline(t, &warns).Run(context.Background(), Inputs{Paths: []string{filepath.Join(dir, "a.md")}, Out: out})
	require.NoError(t, err)
	require.Len(t, warns, 1)
	assert.Contains(t, warns[0], "a.md:3:1: left as it is: an HTML block holds text")
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, src, string(draft))
}
