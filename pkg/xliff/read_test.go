package xliff

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// corpus returns the files of the shared XLIFF corpus matching pattern.
func corpus(t *testing.T, pattern string) []string {
	t.Helper()
	dir := testenv.Shared(t, "corpus", "formats", "xliff")
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no file matches %s in %s", pattern, dir)
	return files
}

func readFile(t *testing.T, path string) *File {
	t.Helper()
	fh, err := os.Open(path)
	require.NoError(t, err)
	defer fh.Close()
	f, err := Read(filepath.Base(path), fh)
	require.NoError(t, err)
	return f
}

// show renders a content compactly: text quoted, codes as {kind id data}.
func show(c document.Content) string {
	var b strings.Builder
	for _, r := range c {
		if r.Code == nil {
			b.WriteString(`"` + r.Text + `"`)
			continue
		}
		b.WriteString("{" + r.Code.Kind.String() + " " + r.Code.ID)
		if r.Code.Data != "" {
			b.WriteString(" " + r.Code.Data)
		}
		b.WriteString("}")
	}
	return b.String()
}

// TestReadCorpus reads every file XLIFF tools and the OASIS test suite
// consider valid, and each must write back to the same File, as valid
// XLIFF 2.0.
func TestReadCorpus(t *testing.T) {
	var files []string
	for _, p := range []string{
		"oasis-xliff20-testsuite/core/valid/*.xlf",
		"oasis-xliff20-testsuite/core/in-out/*.xlf",
		"oasis-xliff20-testsuite/modules/valid/*.xlf",
		"openxliff-i18n/*.xlf",
		"xliff12-samples/*.xlf",
	} {
		files = append(files, corpus(t, p)...)
	}
	own, err := filepath.Glob(filepath.Join("testdata", "*.xlf"))
	require.NoError(t, err)
	files = append(files, own...)
	assert.Len(t, files, 24+18+31+1+2+len(own))
	for _, path := range files {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			roundTrip(t, readFile(t, path))
		})
	}
}

func TestReadOpenXLIFF(t *testing.T) {
	f := readFile(t, corpus(t, "openxliff-i18n/OpenXLIFF_Java_es.xlf")[0])
	assert.Equal(t, language.English, f.SrcLang)
	assert.Equal(t, language.Spanish, f.TrgLang)
	assert.Equal(t, "0", f.ID)
	assert.Equal(t, "com/maxprograms/xliff2/xliff2.properties", f.Original)
	files := map[string]bool{}
	segments := 0
	for _, u := range f.Units {
		files[u.File] = true
		for _, p := range u.Parts {
			require.Equal(t, Segment, p.Kind)
			require.NotNil(t, p.Target, "unit %s", u.ID)
			assert.Equal(t, document.Final, p.State)
			segments++
		}
	}
	assert.Len(t, files, 29, "one File value per <file>")
	assert.Equal(t, 519, segments)
	first := f.Units[0].Parts[0]
	assert.Equal(t, "0", first.ID)
	assert.Equal(t, `"Wrong XLIFF version"`, show(first.Source))
	assert.Equal(t, `"Versión de XLIFF incorrecta"`, show(first.Target))
}

func TestReadOASISExamples(t *testing.T) {
	dir := "oasis-xliff20-testsuite/core/valid/"
	t.Run("everything-core", func(t *testing.T) {
		f := readFile(t, corpus(t, dir+"everything-core.xlf")[0])
		var ids []string
		for _, u := range f.Units {
			ids = append(ids, u.ID)
		}
		assert.Equal(t, []string{"tu1", "tu3", "tu3end", "tu2"}, ids, "groups are flattened in order")
		tu1 := f.Units[0]
		assert.Equal(t, document.Paragraph, tu1.Kind, "another tool's unit type reads as a paragraph")
		assert.Equal(t, "unit1", tu1.Name)
		require.Len(t, tu1.Parts, 3)
		assert.Equal(t, document.Translated, tu1.Parts[0].State)
		assert.Equal(t, document.Origin{}, tu1.Parts[0].Origin, "another tool's subState is no origin")
		assert.Equal(t, Ignorable, tu1.Parts[1].Kind)
		assert.Equal(t, `"Segment's content."`, show(tu1.Parts[2].Source))
		assert.Equal(t, `{open 1 [b [#$tu3]   ]}"special text"{close 1 [/b [#t3end]   ]}" and more`+"\n"+`"{standalone 2 [rtl-data   ]}"."`,
			show(f.Units[3].Parts[0].Source))
		assert.Equal(t, map[string]document.Translation{
			"1": {Target: document.Content{txt("Exemple de segment.")}, State: document.Translated},
			"2": {Target: document.Content{txt("Contenu du segment.")}},
		}, f.Translations(), "the first segment with an ID wins")
	})
	t.Run("annotations are dropped, their text kept", func(t *testing.T) {
		f := readFile(t, corpus(t, dir+"allExtensions.xlf")[0])
		src := show(f.Units[0].Parts[0].Source)
		assert.Contains(t, src, "{standalone 1 [code/]}")
		assert.Contains(t, src, "\x01")
		assert.NotContains(t, src, "m1")
		assert.Equal(t, `"texte"{close 1}{standalone trgOnly}`, show(f.Units[1].Parts[0].Target))
	})
	t.Run("CDATA", func(t *testing.T) {
		f := readFile(t, corpus(t, dir+"withCDataSections.xlf")[0])
		assert.Equal(t, `"source & and < etc."`, show(f.Units[0].Parts[0].Source))
		assert.Equal(t, `"  & and < etc."`, show(f.Units[0].Parts[1].Target))
	})
}

func TestReadXLIFF12(t *testing.T) {
	f := readFile(t, filepath.Join("testdata", "legacy-1.2.xlf"))
	assert.Equal(t, language.French, f.SrcLang)
	assert.Equal(t, language.English, f.TrgLang)
	assert.Equal(t, "guide/intro.html", f.Original)
	type part struct {
		kind     PartKind
		src, trg string
		state    document.State
		origin   string
	}
	var got []struct {
		id, file, name string
		parts          []part
	}
	for _, u := range f.Units {
		var ps []part
		for _, p := range u.Parts {
			trg := "-"
			if p.Target != nil {
				trg = show(p.Target)
			}
			ps = append(ps, part{p.Kind, show(p.Source), trg, p.State, p.Origin.String()})
		}
		got = append(got, struct {
			id, file, name string
			parts          []part
		}{u.ID, u.File, u.Name, ps})
	}
	want := []struct {
		id, file, name string
		parts          []part
	}{
		{"tu1", "", "titre", []part{{Segment, `"Le "{open 1}"décret"{close 1}" du "{standalone 2}"15 mars"`,
			`"The "{open 1}"decree"{close 1}" of "{standalone 2}"March 15"`, document.Translated, "mt-unknown"}}},
		{"tu2", "", "", []part{{Segment, `"Voir "{open r1 <a href="x">}"ici"{close r1 </a>}" et "{standalone 5 <img src="y.png"/>}"."`,
			`"See "{open r1 <a href="x">}"here"{close r1 </a>}" and "{standalone 5 <img src="y.png"/>}"."`, document.Final, "none"}}},
		{"tu3", "", "", []part{
			{Segment, `"Une phrase."`, `"One sentence."`, document.Translated, "tm-exact"},
			{Ignorable, `" "`, "-", document.Initial, "none"},
			{Segment, `{open 6}"Deux"{close 7}" phrases."`, `{open 6}"Two"{close 7}" sentences."`, document.Translated, "tm-exact"},
			{Ignorable, `" "{close 8 </i>}`, "-", document.Initial, "none"},
		}},
		{"tu4", "", "", []part{{Segment, `"Logo"`, `"Logo"`, document.Final, "none"}}},
		{"tu5", "", "", []part{{Segment, `"XLIFF reste tel quel."`, ``, document.Initial, "none"}}},
		{"tu1", "f2", "", []part{{Segment, `"Annexe"`, "-", document.Initial, "none"}}},
	}
	assert.Equal(t, want, got)
	assert.Empty(t, f.Translations(), "XLIFF 1.2 segments have no ID")
}

func TestReadXLIFF12Samples(t *testing.T) {
	for _, path := range corpus(t, "xliff12-samples/*.xlf") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := readFile(t, path)
			assert.Equal(t, language.AmericanEnglish, f.SrcLang)
			u := f.Units[0]
			assert.Equal(t, "_1_ski_041", u.ID)
			assert.Equal(t, document.Final, u.Parts[0].State, `approved="yes"`)
			src := show(u.Parts[0].Source)
			for _, s := range []string{`{open _1_ski_040}"text"{close _1_ski_040}`, "{open _1_ski_139 codeText", "{standalone _1_ski_337}", `{open _1_ski_436 code}"TEXTtext`} {
				assert.Contains(t, src, s)
			}
			var split *Unit
			for i := range f.Units {
				if f.Units[i].ID == "_1_ski_410" {
					split = &f.Units[i]
				}
			}
			require.NotNil(t, split)
			var targets []string
			for _, p := range split.Parts {
				if p.Kind == Segment {
					targets = append(targets, show(p.Target))
				}
			}
			assert.Equal(t, []string{`"Translated first sentence."`, `"Translated second  sentence."`}, targets)
		})
	}
}

func TestReadCopies(t *testing.T) {
	const doc = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
<file id="f"><unit id="u"><originalData><data id="a">[</data><data id="b">]</data><data id="c">&lt;x/&gt;</data></originalData>
<segment id="s"><source><pc id="1" dataRefStart="a" dataRefEnd="b">t</pc><ph id="2" dataRef="c"/></source>
<target><ph id="9" copyOf="2"/><pc id="8" copyOf="1">u</pc><ph id="2" dataRef="c"/></target></segment></unit></file></xliff>`
	f, err := Read("c.xlf", strings.NewReader(doc))
	require.NoError(t, err)
	assert.Equal(t, `{standalone 2 <x/>}{open 1 [}"u"{close 1 ]}{standalone 2 <x/>}`, show(f.Units[0].Parts[0].Target))
	roundTrip(t, f)
}

// TestReadMatches reads the translation candidates of a file another tool
// could write: those the model holds go to the segments their refs name,
// with their codes resolved against their own <originalData>; the others
// are dropped without failing the file.
func TestReadMatches(t *testing.T) {
	const doc = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="fr" trgLang="en">
<file id="f"><unit id="u">
<mtc:matches>
  <mtc:match id="m1" ref="#s2" origin="tm-a" type="tm" similarity="87.5" matchQuality="90">
    <originalData><data id="d1">**</data></originalData>
    <source>Le <pc id="1" dataRefStart="d1" dataRefEnd="d1">chat</pc> dort.</source>
    <target>The <pc id="1" dataRefStart="d1" dataRefEnd="d1">cat</pc> sleeps.</target>
  </mtc:match>
  <mtc:match ref="#/f=f/u=u/s1" type="mt"><source>Un</source><target>One</target></mtc:match>
  <mtc:match ref="#s1" origin="tm-b" type="my-type" similarity="0.2"><source>Un.</source><target/></mtc:match>
  <mtc:match ref="#m"><source>to an annotation</source><target>x</target></mtc:match>
  <mtc:match ref="#i"><source>to an ignorable</source><target>x</target></mtc:match>
  <mtc:match ref="#s1" reference="yes"><source>Un</source><target xml:lang="de">Eins</target></mtc:match>
  <mtc:match ref="#s1"><source>no target</source></mtc:match>
  <mtc:match ref="#s1"><source><ph id="1" dataRef="d1"/></source><target>the unit's data</target></mtc:match>
  <mtc:match ref="#s1"><source><ph id="1"/><ph id="1"/></source><target>ids used twice</target></mtc:match>
  <mtc:match ref="#s1"><source><b>x</b></source><target>not inline</target></mtc:match>
  <mtc:match ref="s1"><source>not a fragment</source><target>x</target></mtc:match>
  <mtc:match ref="#/f=f/u=v/s1"><source>another unit</source><target>x</target></mtc:match>
</mtc:matches>
<originalData><data id="d1">[x]</data></originalData>
<segment id="s1" state="translated"><source><mrk id="m" translate="yes">Un</mrk>.</source><target>One.</target></segment>
<ignorable id="i"><source> </source></ignorable>
<segment id="s2"><source>Le chien dort.</source></segment>
</unit></file></xliff>`
	f, err := Read("m.xlf", strings.NewReader(doc))
	require.NoError(t, err, "matches the model cannot hold do not fail the file")
	u := f.Units[0]
	require.Len(t, u.Parts, 3)
	assert.Equal(t, []Match{
		{Type: "mt", Source: document.Content{txt("Un")}, Target: document.Content{txt("One")}},
		{Origin: "tm-b", Source: document.Content{txt("Un.")}, Target: document.Content{}},
	}, u.Parts[0].Matches, "a ref by path; an unknown type and a similarity that rounds to 0 read as not given")
	require.Len(t, u.Parts[2].Matches, 1)
	m := u.Parts[2].Matches[0]
	assert.Equal(t, "tm-a", m.Origin)
	assert.Equal(t, "tm", m.Type)
	assert.Equal(t, 88, m.Similarity, "rounded")
	assert.Equal(t, `"Le "{open 1 **}"chat"{close 1 **}" dort."`, show(m.Source), "the match's own data, not the unit's")
	assert.Equal(t, `"The "{open 1 **}"cat"{close 1 **}" sleeps."`, show(m.Target))
	assert.Nil(t, u.Parts[1].Matches)
	assert.Equal(t, map[string]document.Translation{"s1": {Target: document.Content{txt("One.")}, State: document.Translated}}, f.Translations())
	out := string(roundTrip(t, f))
	assert.Contains(t, out, `<mtc:match ref="#s1" type="mt">`)
	assert.Contains(t, out, `<mtc:match ref="#s2" origin="tm-a" type="tm" similarity="88">`)
}

func TestReadEncodings(t *testing.T) {
	const body = `<?xml version="1.0" encoding="%s"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
<file id="f"><unit id="u"><segment id="s"><source>Élan à l'été</source><target>Zest</target></segment></unit></file></xliff>`
	latin1, err := charmap.ISO8859_1.NewEncoder().String(strings.Replace(body, "%s", "ISO-8859-1", 1))
	require.NoError(t, err)
	utf16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(strings.Replace(body, "%s", "UTF-16", 1))
	require.NoError(t, err)
	tests := map[string]string{
		"UTF-8":           strings.Replace(body, "%s", "UTF-8", 1),
		"UTF-8 with BOM":  "\ufeff" + strings.Replace(body, "%s", "utf-8", 1),
		"ISO-8859-1":      latin1,
		"UTF-16 with BOM": utf16,
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := Read("e.xlf", strings.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, `"Élan à l'été"`, show(f.Units[0].Parts[0].Source))
		})
	}
}

func TestReadErrors(t *testing.T) {
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">` + "\n"
	unit := func(body string) string {
		return head + `<file id="f"><unit id="u">` + "\n" + body + "\n</unit></file></xliff>"
	}
	tests := []struct {
		name, in, want string
	}{
		{"not XML", "hello", "1:1: xliff: malformed XML: text outside the root element"},
		{"empty", "", "1:1: xliff: no root element"},
		{"malformed XML", head + "<file id='f'>\n<unit>", "3:7: xliff: malformed XML: unexpected EOF"},
		{"not XLIFF", "<html/>", "1:1: xliff: the root element is <html>, not <xliff>"},
		{"wrong namespace", `<xliff xmlns="urn:x" version="2.0"/>`, `1:1: xliff: namespace "urn:x" is not XLIFF's`},
		{"unsupported version", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0"/>`, `1:1: xliff: XLIFF version "3.0" is not supported`},
		{"missing srcLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"/></xliff>`, "1:1: xliff: <xliff> has no srcLang attribute"},
		{"invalid srcLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="e"/>`, `1:1: xliff: srcLang "e" is not a BCP 47 language tag`},
		{"invalid trgLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="f r"/>`, `trgLang "f r" is not a BCP 47 language tag`},
		{"no file", head + "</xliff>", "1:1: xliff: <xliff> has no <file>"},
		{"file without id", head + "<file><unit id='u'/></file></xliff>", "2:1: xliff: <file> has no id attribute"},
		{"file ids repeat", head + "<file id='f'/>\n<file id='f'/></xliff>", `3:1: xliff: file id "f" is used twice`},
		{"unit without id", head + "<file id='f'>\n  <unit/></file></xliff>", "3:3: xliff: <unit> has no id attribute"},
		{"unit without segment", head + "<file id='f'><unit id='u'><ignorable><source/></ignorable></unit></file></xliff>", "2:14: xliff: unit u has no <segment>"},
		{"unit ids repeat", head + "<file id='f'><unit id='u'><segment><source/></segment></unit><group id='g'>\n<unit id='u'><segment><source/></segment></unit></group></file></xliff>", `3:1: xliff: unit id "u" is used twice in the file`},
		{"unknown state", unit(`<segment state="done"><source/></segment>`), `3:1: xliff: unit u: unknown state "done"`},
		{"unknown relais origin", unit(`<segment state="final" subState="relais:tm-perfect"><source/></segment>`), `3:1: xliff: unit u: subState "relais:tm-perfect": unknown origin "tm-perfect"`},
		{"bad escape in origin", unit(`<segment state="final" subState="relais:mt-a%3"><source/></segment>`), "malformed % escape"},
		{"unknown relais unit type", head + "<file id='f'><unit id='u' type='relais:chapter'/></file></xliff>", `2:14: xliff: unit u: type "relais:chapter": unknown block kind "chapter"`},
		{"segment without source", unit(`<segment><target/></segment>`), "3:1: xliff: unit u: <segment> has no <source>"},
		{"dataRef to nothing", unit(`<segment><source>a <ph id="1" dataRef="d9"/></source></segment>`), `3:20: xliff: unit u: data reference "d9": the unit has no <data id="d9">`},
		{"data ids repeat", unit(`<originalData><data id="d">a</data>` + "\n" + `<data id="d">b</data></originalData><segment><source/></segment>`), `4:1: xliff: data id "d" is used twice in unit u`},
		{"element in data", unit(`<originalData><data id="d"><b/></data></originalData><segment><source/></segment>`), "3:28: xliff: <b> inside <data>"},
		{"bad cp", unit(`<segment><source><cp hex="zz"/></source></segment>`), `3:18: xliff: <cp hex="zz"> is not a Unicode code point`},
		{"unknown inline element", unit(`<segment><source><b>x</b></source></segment>`), "3:18: xliff: <b> inside <source>: not an XLIFF inline element"},
		{"foreign element inline", unit(`<segment><source><x:b xmlns:x="urn:x"/></source></segment>`), `3:18: xliff: <b> (namespace "urn:x") inside <source>`},
		{"code without id", unit(`<segment><source><ph/></source></segment>`), "3:18: xliff: unit u: <ph> in a source has no id"},
		{"code ids repeat", unit(`<segment><source><ph id="1"/><ph id="1"/></source></segment>`), `3:30: xliff: unit u: id "1" is used twice in the source`},
		{"pair types differ", unit(`<segment><source><sc id="1" type="fmt"/>a<ec startRef="1" type="ui"/></source></segment>`), `2:14: xliff: unit u: segment 1: source code "1": its open and close codes differ in type ("fmt" and "ui")`},
		{"segment id is a code id", unit(`<segment id="1"><source><ph id="1"/></source></segment>`), "also the id of a part of the unit"},
		{"target without trgLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr"><file id="f"><unit id="u"><segment><source>a</source><target>b</target></segment></unit></file></xliff>`,
			"1:1: xliff: the file has targets but <xliff> has no trgLang attribute"},
		{"1.2 without source-language", `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n" + `<file original="a"/></xliff>`, "2:1: xliff: <file> has no source-language attribute"},
		{"1.2 unknown state", `<xliff version="1.2"><file source-language="fr" original="a"><body><trans-unit id="1"><source>a</source>` + "\n" + `<target state="done">b</target></trans-unit></body></file></xliff>`, `2:1: xliff: unknown XLIFF 1.2 state "done"`},
		{"1.2 id not an NMTOKEN", `<xliff version="1.2"><file source-language="fr" original="a"><body><trans-unit id="a b"><source>a</source></trans-unit></body></file></xliff>`, `xliff: trans-unit id "a b" is not an XML NMTOKEN`},
		{"1.2 unit without source", `<xliff version="1.2"><file source-language="fr" original="a"><body><trans-unit id="1"/></body></file></xliff>`, "trans-unit 1 has no <source>"},
		{"1.2 languages differ", `<xliff version="1.2"><file source-language="fr" original="a"/><file source-language="de" original="b"/></xliff>`, "source-language de differs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read("in.xlf", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Nil(t, f)
			var pe *document.PosError
			require.True(t, errors.As(err, &pe), "%T is not a *document.PosError", err)
			assert.Equal(t, "in.xlf", pe.Path)
			assert.Contains(t, err.Error(), "in.xlf:")
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// errReader fails after its data.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestReadReportsReaderError(t *testing.T) {
	_, err := Read("net.xlf", errReader{})
	require.EqualError(t, err, "net.xlf: xliff: connection reset")
}

func TestReadTooDeep(t *testing.T) {
	in := strings.Repeat("<a>", maxNest+1)
	_, err := Read("deep.xlf", bytes.NewReader([]byte(in)))
	require.ErrorContains(t, err, "nested more than")
}
