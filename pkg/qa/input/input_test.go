package input

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/qa"
)

func newLoader(t testing.TB) *Loader {
	docs, err := loader.New(loader.Options{From: language.French, FrontMatterKeys: []string{"title", "description", "summary"}})
	require.NoError(t, err)
	return &Loader{Docs: docs}
}

func termbase(t testing.TB) *glossary.Termbase {
	tb, err := glossary.LoadFS(shipped.FS, "glossary")
	require.NoError(t, err)
	return tb
}

// pairSet loads the articles of testdata/articles against the translations
// under testdata/check/SET/LANG, and the seed article (when ../shared is
// there) against testdata/check/seed/SET/LANG, as one batch.
func pairSet(t *testing.T, l *Loader, set, lang string, withSeed bool) []*qa.File {
	root := testenv.ModuleRoot(t)
	files, err := l.Pairs(filepath.Join(root, "testdata", "articles"), filepath.Join(root, "testdata", "check", set, lang), language.Make(lang))
	require.NoError(t, err)
	if withSeed {
		seed := testenv.Shared(t, "seeds", "cities4migration-fr.txt")
		more, err := l.Pairs(seed, filepath.Join(root, "testdata", "check", "seed", set, lang, "cities4migration-fr.txt"), language.Make(lang))
		require.NoError(t, err)
		files = append(files, more...)
	}
	return files
}

func haveShared(t *testing.T) bool {
	_, err := os.Stat(filepath.Join(filepath.Dir(testenv.ModuleRoot(t)), "shared", "seeds"))
	if err != nil && testenv.InCI() {
		t.Fatal("../shared is missing: required in CI")
	}
	return err == nil
}

// checkSet runs the built-in checks with the shipped termbase on the pair
// set set (see pairSet), in English and in Spanish, and hands each report
// to test with its language and whether the seed article was in the batch.
func checkSet(t *testing.T, set string, test func(t *testing.T, lang string, seed bool, rep *qa.Report)) {
	l, tb := newLoader(t), termbase(t)
	seed := haveShared(t)
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			files := pairSet(t, l, set, lang, seed)
			test(t, lang, seed, qa.New(qa.Options{Termbase: tb}).Run(files))
		})
	}
}

// TestPairSetCorrect: the correct translations give no finding at all.
func TestPairSetCorrect(t *testing.T) {
	checkSet(t, "good", func(t *testing.T, _ string, _ bool, rep *qa.Report) {
		var got []string
		for _, f := range rep.Findings {
			got = append(got, f.String())
		}
		assert.Empty(t, got, "false positives on correct translations")
		assert.Greater(t, rep.Pairs, 100)
	})
}

// TestPairSet: every injected error of testdata/check/key.txt is reported
// with its rule on its line, and nothing else is.
func TestPairSet(t *testing.T) {
	root := testenv.ModuleRoot(t)
	base := filepath.Join(root, "testdata", "check")
	key := readKey(t, filepath.Join(base, "key.txt"))
	checkSet(t, "bad", func(t *testing.T, lang string, seed bool, rep *qa.Report) {
		got := map[string]bool{}
		for _, f := range rep.Findings {
			rel, err := filepath.Rel(base, filepath.FromSlash(f.At.Path))
			require.NoError(t, err)
			got[filepath.ToSlash(rel)+":"+strconv.Itoa(f.At.Line)+" "+f.Rule] = true
		}
		var want []string
		for k := range key {
			if strings.Contains(k, "/"+lang+"/") && (seed || !strings.HasPrefix(k, "seed/")) {
				want = append(want, k)
			}
		}
		sort.Strings(want)
		var missed, extra []string
		for _, k := range want {
			if !got[k] {
				missed = append(missed, k)
			}
		}
		for k := range got {
			if !key[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		assert.Empty(t, missed, "injected errors not reported")
		assert.Empty(t, extra, "findings the key does not have")
		rules := map[string]bool{}
		for _, k := range want {
			rules[k[strings.LastIndexByte(k, ' ')+1:]] = true
		}
		assert.GreaterOrEqual(t, len(rules), 10, "the set covers most checks")
	})
}

func readKey(t *testing.T, path string) map[string]bool {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out[line] = true
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// TestXLIFFSet: the injected errors of testdata/check/xliff are reported
// at the line and column of their <target> (or <segment>), with the
// source document's position; the note of unit b4 suppresses its double
// space.
func TestXLIFFSet(t *testing.T) {
	root := testenv.ModuleRoot(t)
	dir := filepath.Join(root, "testdata", "check", "xliff")
	key := readKey(t, filepath.Join(dir, "key.txt"))
	l := newLoader(t)
	l.SourceRoot = filepath.Join(root, "testdata", "articles")
	files, err := l.XLIFF([]string{dir})
	require.NoError(t, err)
	require.Len(t, files, 1)
	rep := qa.New(qa.Options{Termbase: termbase(t), RequireState: 2, RequireStateSet: true}).Run(files)
	got := map[string]bool{}
	for _, f := range rep.Findings {
		got[filepath.Base(f.At.Path)+":"+strconv.Itoa(f.At.Line)+":"+strconv.Itoa(f.At.Col)+" "+f.Rule] = true
		assert.Equal(t, filepath.ToSlash(filepath.Join(l.SourceRoot, "agenda-urbain-bilan-fr.txt")), f.Source.Path)
		assert.Positive(t, f.Source.Line, "source position of %s", f)
	}
	assert.Equal(t, key, got)
	assert.Equal(t, 1, rep.Suppressed, "the note of unit b4")

	// Without a source root, findings have no source location.
	l.SourceRoot = ""
	files, err = l.XLIFF([]string{filepath.Join(dir, "agenda-urbain-bilan-fr.txt.xlf")})
	require.NoError(t, err)
	rep = qa.New(qa.Options{Termbase: termbase(t)}).Run(files)
	require.NotEmpty(t, rep.Findings)
	assert.False(t, rep.Findings[0].Source.Known())
}

func TestXLIFFErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xlf")
	require.NoError(t, os.WriteFile(bad, []byte("<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fr\" trgLang=\"en\">\n<file id=\"f1\"><unit id=\"u1\"><segment><source>x</segment></unit></file></xliff>\n"), 0o644))
	_, err := newLoader(t).XLIFF([]string{bad})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.xlf:3:")
	_, err = newLoader(t).XLIFF([]string{filepath.Join(dir, "absent.xlf")})
	assert.ErrorContains(t, err, "absent.xlf: no such file or directory")
	_, err = newLoader(t).XLIFF([]string{dir + "/empty"})
	assert.Error(t, err)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	_, err = newLoader(t).XLIFF([]string{filepath.Join(dir, "empty")})
	assert.ErrorContains(t, err, "no XLIFF files")
}

func TestXLIFF12(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.xlf")
	require.NoError(t, os.WriteFile(p, []byte(`<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="fr" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1">
    <source>Les maires se réunissent à Malines.</source>
    <target state="translated">Mayors meet in Malinas.</target>
    <note>relais-ignore: state</note>
   </trans-unit>
   <trans-unit id="2">
    <source>Lire la suite.</source>
    <target state="final">Read more.</target>
   </trans-unit>
  </body>
 </file>
</xliff>
`), 0o644))
	files, err := newLoader(t).XLIFF([]string{p})
	require.NoError(t, err)
	rep := qa.New(qa.Options{Termbase: termbase(t), RequireState: 2, RequireStateSet: true}).Run(files)
	require.Len(t, rep.Findings, 1, "%v", rep.Findings)
	assert.Equal(t, "term-forbidden", rep.Findings[0].Rule)
	assert.Equal(t, finding.Location{Path: filepath.ToSlash(p), Line: 7, Col: 5}, rep.Findings[0].At)
	assert.Equal(t, 1, rep.Suppressed)
}

func FuzzScan(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "check", "xliff", "agenda-urbain-bilan-fr.txt.xlf"))
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte("<xliff><file><unit id='a'><segment><target/></segment><segment/></unit></file></xliff>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := scan("f.xlf", data)
		for k, u := range s.units {
			for _, off := range append([]int{u.off}, u.segs...) {
				if off < 0 || off > len(data) {
					t.Fatalf("unit %q: offset %d outside the file", k, off)
				}
				_ = s.loc(off)
			}
		}
	})
}

// TestPairsPointAtTheSentence: in pair mode, with a paragraph added in the
// translation, two sentences merged and the last one left out, a wrong
// number is reported on the line of the target sentence that holds it, and
// the sentence left out where it is missing.
func TestPairsPointAtTheSentence(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"fr/a.md": "# Les villes et les migrations\n\n" +
			"Le 11 décembre, plus de 80 maires se sont réunis à Genève pour parler de migration.\n" +
			"La déclaration commune appelle à un accès direct des villes aux fonds internationaux.\n" +
			"Selon le rapport, le nombre de migrants internationaux atteint 281 millions.\n\n" +
			"Le budget du programme s'élève à 10 millions d'euros sur trois ans.\n" +
			"Les villes du réseau partageront leurs pratiques lors d'un atelier à Tunis.\n" +
			"L'atelier aura lieu en mars, dans les locaux de la municipalité.\n",
		"en/a.md": "# Cities and migration\n\n" +
			"Registration for the next forum opens in the spring on the website of the organisers.\n\n" +
			"On 11 December, more than 80 mayors met in Geneva to talk about migration.\n" +
			"The joint declaration calls for direct access of cities to international funds; according to the report, the number of international migrants reaches 281 million.\n\n" +
			"The programme's budget amounts to 10 million euros over three years.\n" +
			"The cities of the network will share their practices at a workshop in Tunis with 30 other cities.\n",
	})
	l := newLoader(t)
	files, err := l.Pairs(filepath.Join(dir, "fr"), filepath.Join(dir, "en"), language.English)
	require.NoError(t, err)
	rep := qa.New(qa.Options{Termbase: termbase(t)}).Run(files)
	got := map[string]bool{}
	for _, f := range rep.Findings {
		got[strconv.Itoa(f.At.Line)+" "+f.Rule] = true
	}
	assert.True(t, got["9 number"], "the number added to the last sentence, on its line: %v", rep.Findings)
	assert.True(t, got["9 untranslated"], "the sentence left out, where it is missing (at the end of line 9): %v", rep.Findings)
	for _, f := range rep.Findings {
		if f.Rule != "markup" { // the skeletons differ: the markup check's own finding
			assert.Equal(t, 9, f.At.Line, "no other sentence is misaligned: %v", f)
		}
	}
}
