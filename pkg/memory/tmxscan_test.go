package memory

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// readTMX reads data with the fast path on or off, and returns the units,
// the error's text and the bytes the fast path read.
func readTMX(data []byte, fast bool) ([]Unit, string, int64) {
	r := NewTMXReader("f.tmx", bytes.NewReader(data), TMXOptions{SrcLang: language.French})
	r.fast = fast
	var us []Unit
	for u, err := range r.Units() {
		if err != nil {
			return us, err.Error(), r.skipped
		}
		us = append(us, u)
	}
	return us, "", r.skipped
}

// tmxBody wraps <tu> elements in a TMX file.
func tmxBody(tus string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<tmx version="1.4"><header srclang="fr" datatype="plaintext"/>` + "\n<body>\n" + tus + "\n</body>\n</tmx>\n"
}

// The fast path reads plain <tu> elements itself and leaves anything else
// to encoding/xml; either way the units and the errors are the same.
func TestTMXFastPath(t *testing.T) {
	for _, tc := range []struct {
		name string
		tus  string
		fast bool // the fast path reads some of it
	}{
		{"plain", `<tu><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>`, true},
		{"codes and entities", `<tu creationdate="20240301T100000Z" creationid='marie'>
  <note>a &amp; b</note><prop type="x-domain">d&#233;cret &#x2014; &lt;&gt;&quot;&apos;</prop>
  <tuv xml:lang="fr-FR"><seg>Le <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>décret<ept i="1">&lt;/b&gt;</ept> <ph x="2"/>fin<hi>!</hi></seg></tuv>
  <tuv xml:lang = "en-GB" ><seg>The <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>decree<ept i="1">&lt;/b&gt;</ept> <ph x="2"/>end<it pos="begin" x="5">&lt;i&gt;</it></seg></tuv>
</tu>`, true},
		{"line ends", "<tu>\r\n<tuv xml:lang=\"fr\"><seg>a\r\nb\rc&#13;d</seg></tuv>\r\n<tuv xml:lang=\"en\"><seg>a\r\n</seg></tuv>\r\n</tu>", true},
		{"empty tu", `<tu/><tu></tu>`, true},
		{"CDATA", `<tu><tuv xml:lang="fr"><seg><![CDATA[a<b]]></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`, false},
		{"comment", `<tu><!-- c --><tuv xml:lang="fr"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`, false},
		{"prefix", `<tu xmlns:x="u"><tuv xml:lang="fr"><seg>a<x:y/></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`, false},
		{"unknown entity", `<tu><tuv xml:lang="fr"><seg>&nbsp;</seg></tuv></tu>`, false},
		{"bad character reference", `<tu><tuv xml:lang="fr"><seg>&#0;</seg></tuv></tu>`, false},
		{"mismatched tags", `<tu><tuv xml:lang="fr"><seg>a</sag></tuv></tu>`, false},
		{"unescaped ]]>", `<tu><tuv xml:lang="fr"><seg>a]]>b</seg></tuv></tu>`, false},
		{"< in an attribute", `<tu a="<"><tuv xml:lang="fr"><seg>a</seg></tuv></tu>`, false},
		{"invalid UTF-8", "<tu><tuv xml:lang=\"fr\"><seg>\xff</seg></tuv></tu>", false},
		{"truncated", `<tu><tuv xml:lang="fr"><seg>a`, false},
		{"after a slow one", `<tu><!-- c --><tuv xml:lang="fr"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>c</seg></tuv><tuv xml:lang="en"><seg>d</seg></tuv></tu>`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tmxBody(tc.tus))
			want, wantErr, _ := readTMX(data, false)
			got, gotErr, skipped := readTMX(data, true)
			assert.Equal(t, want, got)
			assert.Equal(t, wantErr, gotErr)
			assert.Equal(t, tc.fast, skipped > 0, "bytes read by the fast path: %d", skipped)
		})
	}
}

// The fast path reads across the buffer's end, and leaves an element
// larger than the buffer to encoding/xml.
func TestTMXFastPathLong(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		b.WriteString(`<tu><tuv xml:lang="fr"><seg>Une phrase assez longue pour remplir le tampon, numéro ` + strings.Repeat("x", i%50) + `.</seg></tuv><tuv xml:lang="en"><seg>A sentence.</seg></tuv></tu>` + "\n")
	}
	b.WriteString(`<tu><tuv xml:lang="fr"><seg>` + strings.Repeat("long ", 20000) + `</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`)
	data := []byte(tmxBody(b.String()))
	want, wantErr, _ := readTMX(data, false)
	got, gotErr, skipped := readTMX(data, true)
	require.Empty(t, wantErr)
	assert.Empty(t, gotErr)
	assert.Len(t, got, 3001)
	assert.Equal(t, want, got)
	assert.Positive(t, skipped)
	assert.Less(t, skipped, int64(len(data)-100000), "the long element is read by encoding/xml")
}

func FuzzTMXFastPath(f *testing.F) {
	f.Add([]byte(goodTMX))
	f.Add([]byte(tmxBody(`<tu><tuv xml:lang="fr"><seg>a &amp; &#x41;<ph x="1"/></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`)))
	f.Add([]byte(tmxBody("<tu>\r\n<tuv xml:lang='fr'><seg>a]]b\r</seg></tuv><tuv xml:lang=\"en\"><seg>&#13;</seg></tuv></tu>")))
	f.Add([]byte(tmxBody(`<tu><tuv xml:lang="fr"><seg>a<bpt i="1">x</bpt>b<ept i="1">y</ept></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu><tu/>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr, _ := readTMX(data, false)
		got, gotErr, _ := readTMX(data, true)
		if wantErr != gotErr {
			t.Fatalf("error %q, with the fast path %q", wantErr, gotErr)
		}
		assert.Equal(t, want, got)
	})
}
