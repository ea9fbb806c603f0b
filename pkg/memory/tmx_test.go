package memory

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

const goodTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr-FR" datatype="plaintext">
    <prop type="x-header">ignored</prop>
  </header>
  <body>
    <tu tuid="1" creationdate="20240301T100000Z" creationid="marie">
      <note>Boilerplate</note>
      <prop type="x-domain">institutions</prop>
      <tuv xml:lang="fr-FR"><seg>Cet article a été publié sur le site de <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>CGLU<ept i="1">&lt;/b&gt;</ept>.<ph x="2" type="lb">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="en-GB"><seg>This article was published on the <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>UCLG<ept i="1">&lt;/b&gt;</ept> website.<ph x="2" type="lb">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="es-ES"><prop type="x-checked">yes</prop><seg>Este artículo se publicó en el sitio de <hi>CGLU</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en"><seg>Second <it pos="begin" x="5">&lt;i&gt;</it>unit</seg></tuv>
      <tuv xml:lang="fr"><seg>Deuxième <it pos="begin" x="5">&lt;i&gt;</it>unité</seg></tuv>
    </tu>
  </body>
</tmx>
`

func readAll(t *testing.T, name, data string, o TMXOptions) ([]Unit, error) {
	t.Helper()
	var out []Unit
	for u, err := range NewTMXReader(name, strings.NewReader(data), o).Units() {
		if err != nil {
			return out, err
		}
		out = append(out, u)
	}
	return out, nil
}

func TestTMXRead(t *testing.T) {
	us, err := readAll(t, "good.tmx", goodTMX, TMXOptions{})
	require.NoError(t, err)
	require.Len(t, us, 3)
	en := us[0]
	assert.Equal(t, "fr-FR", en.SrcLang.String())
	assert.Equal(t, "en-GB", en.TgtLang.String())
	assert.Equal(t, "Cet article a été publié sur le site de {1}CGLU{/1}.{2/}", en.Source.Key())
	assert.Equal(t, "This article was published on the {1}UCLG{/1} website.{2/}", en.Target.Key())
	codes := en.Source.Codes()
	require.Len(t, codes, 3)
	assert.Equal(t, document.Code{ID: "1", Kind: document.Open, Type: "fmt:strong", Data: "<b>"}, *codes[0])
	assert.Equal(t, document.Code{ID: "1", Kind: document.Close, Type: "", Data: "</b>"}, *codes[1])
	assert.Equal(t, document.Code{ID: "2", Kind: document.Standalone, Type: "break", Data: "<br/>"}, *codes[2])
	assert.Equal(t, []string{"Boilerplate"}, en.Notes)
	assert.Equal(t, []Prop{{"x-domain", "institutions"}}, en.Props)
	assert.Equal(t, "marie", en.Author)
	assert.True(t, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC).Equal(en.Created))
	assert.Equal(t, document.Origin{Kind: document.FromHuman}, en.Origin)
	assert.Equal(t, document.Translated, en.State)

	es := us[1]
	assert.Equal(t, "es-ES", es.TgtLang.String())
	assert.Equal(t, "Este artículo se publicó en el sitio de CGLU.", es.Target.Key(), "<hi> is read through")
	assert.Equal(t, []Prop{{"x-domain", "institutions"}, {"x-checked", "yes"}}, es.Props)

	second := us[2]
	assert.Equal(t, "fr", second.SrcLang.String(), "the source variant is found by base language")
	assert.Equal(t, "Deuxième {1}unité", second.Source.Key())
	assert.Equal(t, document.Open, second.Target.Codes()[0].Kind)

	us, err = readAll(t, "good.tmx", goodTMX, TMXOptions{TgtLang: language.Spanish})
	require.NoError(t, err)
	require.Len(t, us, 1)
	assert.Equal(t, "es-ES", us[0].TgtLang.String())
}

func TestTMXErrors(t *testing.T) {
	head := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<tmx version="1.4"><header srclang="fr" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>` + "\n<body>\n"
	tail := "</body></tmx>\n"
	cases := []struct {
		name, data, want string
	}{
		{"broken XML", head + "<tu><tuv xml:lang=\"fr\"><seg>a</seg></tuv>\n<tuv xml:lang=\"en\"><seg>b</sag></tuv></tu>" + tail, "bad.tmx:5:32: tmx: element <seg> closed by </sag>"},
		{"no source variant", head + "<tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n" + tail, "bad.tmx:4:1: tmx: <tu> has no <tuv> in the source language fr"},
		{"unknown srclang", strings.Replace(head, `srclang="fr"`, `srclang="français"`, 1) + tail, `bad.tmx:2:20: tmx: srclang "français" is not a known language tag`},
		{"missing srclang", strings.Replace(head, `srclang="fr"`, ``, 1) + tail, `bad.tmx:2:20: tmx: <header> has no srclang`},
		{"all without a source", strings.Replace(head, `srclang="fr"`, `srclang="*all*"`, 1) + tail, `srclang is "*all*"`},
		{"invalid UTF-8", head + "<tu><tuv xml:lang=\"fr\"><seg>é\xff</seg></tuv></tu>" + tail, "bad.tmx:4:"},
		{"unknown xml:lang", head + "<tu><tuv xml:lang=\"fr\"><seg>a</seg></tuv><tuv xml:lang=\"??\"><seg>b</seg></tuv></tu>" + tail, `bad.tmx:4:42: tmx: xml:lang "??"`},
		{"truncated", head + "<tu><tuv xml:lang=\"fr\"><seg>a</seg>", "bad.tmx:4:"},
		{"not TMX", "<xliff/>", "not a TMX file"},
		{"ept without bpt", head + "<tu><tuv xml:lang=\"fr\"><seg>a<ept i=\"3\">x</ept></seg></tuv></tu>" + tail, "has no <bpt>"},
		{"bad date", head + "<tu creationdate=\"yesterday\"><tuv xml:lang=\"fr\"><seg>a</seg></tuv></tu>" + tail, "is not a TMX date"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(t, "bad.tmx", tc.data, TMXOptions{})
			require.Error(t, err)
			var pe *document.PosError
			require.True(t, errors.As(err, &pe), "a *document.PosError: %v", err)
			assert.Contains(t, err.Error(), tc.want)
			if tc.name != "not TMX" {
				assert.Positive(t, pe.Pos.Line)
				assert.Positive(t, pe.Pos.Col)
			}
		})
	}
}

func TestTMXRoundTrip(t *testing.T) {
	us, err := readAll(t, "good.tmx", goodTMX, TMXOptions{})
	require.NoError(t, err)
	us[0].Prev, us[0].Next, us[0].Doc = 42, 7, "a/b.md"
	us[0].Origin, us[0].State = document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es"}, document.Final
	var buf bytes.Buffer
	w := NewTMXWriter(&buf, TMXHeader{SrcLang: language.French})
	for _, u := range us {
		require.NoError(t, w.Write(u))
	}
	require.NoError(t, w.Close())
	back, err := readAll(t, "out.tmx", buf.String(), TMXOptions{})
	require.NoError(t, err, buf.String())
	require.Len(t, back, len(us))
	for i := range us {
		assert.Equal(t, us[i].Source.Key(), back[i].Source.Key())
		assert.Equal(t, us[i].Target.Key(), back[i].Target.Key())
		assert.Equal(t, us[i].SrcLang, back[i].SrcLang)
		assert.Equal(t, us[i].TgtLang, back[i].TgtLang)
		assert.Equal(t, us[i].Props, back[i].Props)
		assert.Equal(t, us[i].Notes, back[i].Notes)
		assert.Equal(t, us[i].Origin, back[i].Origin)
		assert.Equal(t, us[i].State, back[i].State)
		assert.Equal(t, us[i].Prev, back[i].Prev)
		assert.Equal(t, us[i].Next, back[i].Next)
		assert.Equal(t, us[i].Doc, back[i].Doc)
		assert.True(t, us[i].Created.Equal(back[i].Created))
	}
	assert.Equal(t, "fmt:strong", back[0].Source.Codes()[0].Type)
	assert.Equal(t, "<b>", back[0].Source.Codes()[0].Data)
}

// The LISA TMX 1.4b compliance kit (as OmegaT keeps it) reads without
// error, UTF-16 files included.
func TestTMXComplianceKit(t *testing.T) {
	dir := testenv.Shared(t, "corpus", "formats", "tmx")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.tmx"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	total := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			fh, err := os.Open(f)
			require.NoError(t, err)
			defer fh.Close()
			r := NewTMXReader(f, fh, TMXOptions{SrcLang: language.AmericanEnglish})
			n := 0
			for u, err := range r.Units() {
				require.NoError(t, err)
				require.NoError(t, u.Check())
				n++
			}
			assert.Positive(t, r.Count(), "some <tu>")
			total += n
		})
	}
	assert.Greater(t, total, 500)
}

func FuzzTMX(f *testing.F) {
	f.Add([]byte(goodTMX))
	f.Add([]byte("<tmx><header srclang=\"fr\"/><body><tu><tuv xml:lang=\"fr\"><seg>a<ph>b</ph></seg></tuv><tuv xml:lang=\"en\"><seg>c</seg></tuv></tu></body></tmx>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var us []Unit
		for u, err := range NewTMXReader("f.tmx", bytes.NewReader(data), TMXOptions{SrcLang: language.French}).Units() {
			if err != nil {
				var pe *document.PosError
				if !errors.As(err, &pe) {
					t.Fatalf("not a PosError: %v", err)
				}
				return
			}
			us = append(us, u)
		}
		// Read, write, read: the same units.
		var buf bytes.Buffer
		w := NewTMXWriter(&buf, TMXHeader{SrcLang: language.French})
		for _, u := range us {
			if err := w.Write(u); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var back []Unit
		for u, err := range NewTMXReader("g.tmx", &buf, TMXOptions{SrcLang: language.French}).Units() {
			if err != nil {
				t.Fatalf("written TMX does not read back: %v\n%s", err, buf.String())
			}
			back = append(back, u)
		}
		if len(back) != len(us) {
			t.Fatalf("%d units, then %d", len(us), len(back))
		}
		for i := range us {
			if us[i].Source.Key() != back[i].Source.Key() || us[i].Target.Key() != back[i].Target.Key() {
				t.Fatalf("unit %d: %q/%q then %q/%q", i, us[i].Source.Key(), us[i].Target.Key(), back[i].Source.Key(), back[i].Target.Key())
			}
		}
	})
}

var _ = io.EOF
