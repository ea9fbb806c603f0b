package xliff

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// roundTrip writes f, checks that the output validates and reads back to
// f, and that writing the result again gives the same bytes.
func roundTrip(t *testing.T, f *File) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, f))
	out := b.Bytes()
	assert.Empty(t, Validate("rt.xlf", bytes.NewReader(out)), "writer output must validate:\n%s", out)
	g, err := Read("rt.xlf", bytes.NewReader(out))
	require.NoError(t, err, "%s", out)
	require.Equal(t, f, g, "read(write(f)) != f:\n%s", out)
	var again bytes.Buffer
	require.NoError(t, Write(&again, g))
	require.Equal(t, string(out), again.String(), "writing is not stable")
	return out
}

// seg, ign and unit build Files by hand.
func seg(id string, src, trg document.Content, st document.State, o document.Origin) Part {
	return Part{Kind: Segment, ID: id, Source: src, Target: trg, State: st, Origin: o}
}

func ign(text string) Part { return Part{Kind: Ignorable, Source: document.Content{txt(text)}} }

func codeRun(c *document.Code) document.Run { return document.Run{Code: c} }

func TestRoundTrip(t *testing.T) {
	O, C, S := document.Open, document.Close, document.Standalone
	strong := func(k document.CodeKind) document.Run {
		return codeRun(&document.Code{ID: "1", Kind: k, Type: "fmt:strong", Data: "**", Disp: "**"})
	}
	em := func(k document.CodeKind) document.Run {
		return codeRun(&document.Code{ID: "2", Kind: k, Type: "fmt:em", Data: "*", Disp: "*"})
	}
	img := codeRun(&document.Code{ID: "3", Kind: S, Type: "image", Data: "![x](y.png)"})
	mt := document.Origin{Kind: document.FromMachine, Engine: "apy:fr-es"}
	unit := func(parts ...Part) *File {
		return &File{SrcLang: language.French, TrgLang: language.Spanish, ID: "f1", Original: "a.md",
			Units: []Unit{{ID: "b1", Kind: document.Paragraph, Parts: parts}}}
	}
	tests := []struct {
		name string
		file *File
		want []string // pieces the output must hold
	}{
		{name: "every code, state and origin", file: everyCodeFile(t)},
		{name: "empty document", file: &File{SrcLang: language.French, TrgLang: language.English, ID: "f1", Original: "empty.md"},
			want: []string{`<group id="g1"/>`}},
		{name: "target closes before it opens", file: unit(seg("s1",
			document.Content{txt("a "), strong(O), txt("b"), strong(C)},
			document.Content{strong(C), txt("x "), strong(O), txt("y")}, document.Translated, mt)),
			want: []string{`<ec id="1-copy1" isolated="yes" copyOf="1"`, `<sc id="1-copy2" isolated="yes" copyOf="1"`}},
		{name: "target splits a pair the source keeps whole", file: unit(
			seg("s1", document.Content{strong(O), txt("a "), strong(C)}, document.Content{strong(O), txt("x")}, document.Translated, mt),
			ign(" "),
			seg("s2", document.Content{txt("b.")}, document.Content{txt("y"), strong(C), txt(".")}, document.Translated, mt)),
			want: []string{`<sc id="1-copy1" copyOf="1"`, `<ec startRef="1-copy1" copyOf="1"`}},
		{name: "target pairs overlap", file: unit(seg("s1",
			document.Content{strong(O), txt("a"), strong(C), em(O), txt("b"), em(C)},
			document.Content{strong(O), em(O), txt("x"), strong(C), txt("y"), em(C)}, document.Reviewed, document.Origin{Kind: document.FromHuman}))},
		{name: "target repeats a pair and drops a code", file: unit(seg("s1",
			document.Content{strong(O), txt("a"), strong(C), img},
			document.Content{strong(O), txt("x"), strong(C), txt(" "), strong(O), txt("y"), strong(C)}, document.Final, document.Origin{}))},
		{name: "empty target and target on an ignorable", file: unit(
			seg("s1", document.Content{txt("Bonjour.")}, document.Content{}, document.Translated, mt),
			Part{Kind: Ignorable, Source: document.Content{txt("\n")}, Target: document.Content{txt(" ")}},
			seg("s2", document.Content{txt("Salut.")}, nil, document.Initial, document.Origin{})),
			want: []string{"<target></target>"}},
		{name: "target-only code", file: unit(seg("s1", document.Content{txt("a")},
			document.Content{txt("b"), codeRun(&document.Code{ID: "9", Kind: S, Type: "html", Data: "<wbr>"})}, document.Translated, mt)),
			want: []string{`<ph id="9" type="other" subType="relais:html" dataRef="d1"/>`}},
		{name: "code kinds differ between source and target", file: unit(seg("s1",
			document.Content{codeRun(&document.Code{ID: "1", Kind: S, Type: "break", Data: "\n"})},
			document.Content{codeRun(&document.Code{ID: "1", Kind: O, Type: "break"}), txt("x"), codeRun(&document.Code{ID: "1", Kind: C, Type: "break"})},
			document.Translated, mt)),
			want: []string{`<pc id="1-copy1" copyOf="1"`}},
		{name: "characters XML escapes or cannot carry", file: unit(seg("s1",
			document.Content{txt("a\u00a0<b> & ]]> \"q\" 'a'\r\n\t\x01\x1f\ufffe\U0001F600"), codeRun(&document.Code{ID: "1", Kind: S,
				Type: "x:y z%", Data: "\x00\x08\r\n&<>]]>", Disp: "\"<&>\"\t\n"})},
			nil, document.Initial, document.Origin{})),
			want: []string{`<cp hex="0001"/>`, `<cp hex="FFFE"/>`, `<cp hex="0000"/>`, "&#xD;", "]]&gt;", `subType="relais:x%3Ay%20z%25"`}},
		{name: "name, kind and origins", file: &File{SrcLang: language.French, TrgLang: language.English, ID: "doc", Units: []Unit{
			{ID: "b1", Kind: document.FrontMatter, Name: "title \"x\" & <y>\n", Parts: []Part{
				seg("b1s1", document.Content{txt("a")}, document.Content{txt("b")}, document.Translated,
					document.Origin{Kind: document.FromFuzzy, Score: 0}),
				ign(" "),
				seg("b1s2", document.Content{txt("c")}, document.Content{txt("d")}, document.Reviewed,
					document.Origin{Kind: document.FromMachine, Engine: "a b:c%d"}),
			}},
			{ID: "b2", Kind: document.TableCell, Parts: []Part{seg("", document.Content{}, nil, document.Initial, document.Origin{})}},
		}}, want: []string{`subState="relais:tm-fuzzy-0"`, `subState="relais:mt-a%20b%3Ac%25d"`, `name="title &quot;x&quot; &amp; &lt;y&gt;&#xA;"`}},
		{name: "several files", file: &File{SrcLang: language.English, TrgLang: language.French, ID: "0", Original: "p.properties", Units: []Unit{
			{ID: "0", Parts: []Part{seg("0", document.Content{txt("a")}, nil, document.Initial, document.Origin{})}},
			{ID: "0", File: "1", Parts: []Part{seg("0", document.Content{txt("b")}, document.Content{txt("B")}, document.Final, document.Origin{})}},
			{ID: "1", File: "1", Parts: []Part{seg("0", document.Content{txt("c")}, nil, document.Initial, document.Origin{})}},
			{ID: "0", File: "2", Parts: []Part{seg("0", document.Content{txt("d")}, nil, document.Initial, document.Origin{})}},
		}}, want: []string{`<file id="0" original="p.properties" xml:space="preserve">`, `<file id="1" xml:space="preserve">`, `<file id="2" xml:space="preserve">`}},
		{name: "matches with codes of their own", file: func() *File {
			f := unit(seg("s1", document.Content{strong(O), txt("a"), strong(C), img}, nil, document.Initial, document.Origin{}),
				ign(" "), seg("s2", document.Content{txt("b")}, document.Content{txt("B")}, document.Translated, mt))
			f.Units[0].Parts[0].Matches = []Match{
				{Origin: "relais:previous", Type: "tm", Similarity: 80, Source: document.Content{em(O), txt("x"), em(C)}, Target: document.Content{em(O), txt("y"), em(C), em(O), txt("z"), em(C)}},
				{Origin: "relais:memory", Type: "tm", Similarity: 55, Source: document.Content{txt("p "), img}, Target: document.Content{}},
			}
			f.Units[0].Parts[2].Matches = []Match{{Origin: "x", Type: "mt", Source: document.Content{txt("b")}, Target: document.Content{txt("c & d")}}}
			return f
		}(), want: []string{`xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"`, "<unit id=\"b1\" type=\"relais:paragraph\">\n      <mtc:matches>\n        <mtc:match ref=\"#s1\"",
			`<mtc:match ref="#s1" origin="relais:previous" type="tm" similarity="80">`, `<pc id="2-copy1" copyOf="2"`, `<mtc:match ref="#s2" origin="x" type="mt">`,
			"</mtc:matches>\n      <originalData>"}},
		{name: "no target language", file: &File{SrcLang: language.French, ID: "f1", Units: []Unit{
			{ID: "u", Parts: []Part{seg("s", document.Content{txt("a")}, nil, document.Initial, document.Origin{})}}}}},
		{name: "target without target language", file: &File{SrcLang: language.French, ID: "f1", Units: []Unit{
			{ID: "u", Parts: []Part{seg("s", document.Content{txt("a")}, document.Content{txt("b")}, document.Translated, document.Origin{})}}}},
			want: []string{`trgLang="und"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := string(roundTrip(t, tc.file))
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	O, C, S := document.Open, document.Close, document.Standalone
	code := func(id string, k document.CodeKind, typ, data string) document.Run {
		return codeRun(&document.Code{ID: id, Kind: k, Type: typ, Data: data})
	}
	one := func(src, trg document.Content) *File {
		return &File{SrcLang: language.French, TrgLang: language.English, ID: "f1",
			Units: []Unit{{ID: "b1", Parts: []Part{seg("b1s1", src, trg, document.Translated, document.Origin{})}}}}
	}
	tests := []struct {
		name string
		file *File
		want string
	}{
		{"unit id", &File{ID: "f1", Units: []Unit{{ID: "a b"}}}, `unit id "a b" is not an XML NMTOKEN`},
		{"file id", &File{ID: "#1"}, `file id "#1" is not an XML NMTOKEN`},
		{"segment id", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{seg("1/2", nil, nil, 0, document.Origin{})}}}}, `id "1/2" is not an XML NMTOKEN`},
		{"part ids repeat", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{seg("s", nil, nil, 0, document.Origin{}), seg("s", nil, nil, 0, document.Origin{})}}}}, `id "s" is also the id of another part`},
		{"unit ids repeat", &File{ID: "f1", Units: []Unit{{ID: "b1"}, {ID: "b1"}}}, `unit id "b1" is used twice`},
		{"files interleaved", &File{ID: "f1", Units: []Unit{{ID: "a", File: "x"}, {ID: "b"}}}, "must come first"},
		{"file id reused", &File{ID: "f1", Units: []Unit{{ID: "a", File: "f1"}}}, "not together"},
		{"code id", one(document.Content{code("", S, "", "")}, nil), "the code ID is not an XML NMTOKEN"},
		{"code id is a segment id", one(document.Content{code("b1s1", S, "", "")}, nil), "also the id of a part"},
		{"source repeats a code id", one(document.Content{code("1", S, "", "x"), code("1", S, "", "x")}, nil), "the source uses the code ID for two codes"},
		{"source closes before it opens", one(document.Content{code("1", C, "", ""), code("1", O, "", "")}, nil), "the source uses the code ID for two codes"},
		{"pair types differ", one(document.Content{code("1", O, "fmt:strong", "**"), code("1", C, "fmt:em", "*")}, nil), "differ in type"},
		{"copy with other data", one(document.Content{code("1", S, "", "x")}, document.Content{code("1", S, "", "x"), code("1", S, "", "y")}), "other original data"},
		{"invalid UTF-8 text", one(document.Content{txt("a\xffb")}, nil), "not valid UTF-8"},
		{"control character in disp", one(document.Content{codeRun(&document.Code{ID: "1", Kind: S, Disp: "\x01"})}, nil), "U+0001"},
		{"origin without engine", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{seg("s", nil, nil, 0, document.Origin{Kind: document.FromMachine})}}}}, "does not read back"},
		{"fuzzy score", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{seg("s", nil, nil, 0, document.Origin{Kind: document.FromFuzzy, Score: 120})}}}}, "does not read back"},
		{"unknown state", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{seg("s", nil, nil, 9, document.Origin{})}}}}, "unknown state 9"},
		{"ignorable with a state", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{{Kind: Ignorable, State: document.Final}}}}}, "an ignorable has no state"},
		{"control character in name", &File{ID: "f1", Units: []Unit{{ID: "b1", Name: "a\x02"}}}, "U+0002"},
		{"matches on a segment without id", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{{Kind: Segment, Matches: []Match{{}}}}}}},
			"unit b1: segment 1: a segment with matches needs an id"},
		{"matches on an ignorable", &File{ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{{Kind: Ignorable, Matches: []Match{{}}}}}}},
			"an ignorable has no state, origin or matches"},
		{"match type", withMatch(Match{Type: "fuzzy"}), `unit b1: segment b1s1: match 1: type "fuzzy" is not one of am mt icm idm tb tm other`},
		{"match similarity", withMatch(Match{Similarity: 101}), "unit b1: segment b1s1: match 1: similarity 101 is not from 0 to 100"},
		{"match origin", withMatch(Match{Origin: "a\x03"}), "unit b1: segment b1s1: match 1: origin"},
		{"match source repeats a code id", withMatch(Match{Source: document.Content{code("1", S, "", "x"), code("1", S, "", "x")}}),
			`unit b1: segment b1s1: match 1: source code "1": the source uses the code ID for two codes`},
		{"match pair types differ", withMatch(Match{Target: document.Content{code("1", O, "fmt:strong", "**"), code("1", C, "fmt:em", "*")}}),
			`unit b1: segment b1s1: match 1: target code "1": its open and close codes differ in type`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, tc.file)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "xliff: "), "error %q has no package prefix", err)
			assert.Zero(t, b.Len(), "nothing is written on error")
		})
	}
}

// withMatch is a one-segment file whose segment has candidate m.
func withMatch(m Match) *File {
	return &File{SrcLang: language.French, TrgLang: language.English, ID: "f1", Units: []Unit{{ID: "b1", Parts: []Part{
		{Kind: Segment, ID: "b1s1", Source: document.Content{txt("a")}, Matches: []Match{m}}}}}}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsWriterError(t *testing.T) {
	err := Write(failWriter{}, everyCodeFile(t))
	require.EqualError(t, err, "disk full")
}

func TestValueEscaping(t *testing.T) {
	for _, s := range []string{"", "tm-exact", "mt-apertium:fr-es-en", "a b\tc\n%25:", "é\u00a0\x00\x7f\ufffe", "\xff\xfe"} {
		e := escapeValue(s)
		if s != "" {
			_, _, ok := userValue("p:" + e)
			assert.True(t, ok, "%q escapes to %q, not a user-defined value", s, e)
		}
		got, ok := unescapeValue(e)
		assert.True(t, ok)
		assert.Equal(t, s, got)
	}
	for _, bad := range []string{"%", "%4", "%zz", "a%g1"} {
		_, ok := unescapeValue(bad)
		assert.False(t, ok, bad)
	}
}

func TestCodeTypeMapping(t *testing.T) {
	tests := []struct{ typ, xtype, subType string }{
		{"", "", ""},
		{"fmt", "fmt", ""},
		{"link", "link", ""},
		{"image", "image", ""},
		{"fmt:strong", "fmt", "relais:fmt%3Astrong"},
		{"ui:button", "ui", "relais:ui%3Abutton"},
		{"code", "fmt", "relais:code"},
		{"break", "fmt", "relais:break"},
		{"xref", "link", "relais:xref"},
		{"html", "other", "relais:html"},
		{"xlf:b", "other", "relais:xlf%3Ab"},
	}
	for _, tc := range tests {
		typ, sub := CodeType(tc.typ)
		assert.Equal(t, tc.xtype, typ, tc.typ)
		assert.Equal(t, tc.subType, sub, tc.typ)
		assert.Equal(t, tc.typ, decodeType(typ, sub), tc.typ)
	}
	// Other tools' values.
	assert.Equal(t, "xlf:b", decodeType("fmt", "xlf:b"))
	assert.Equal(t, "ui", decodeType("ui", ""))
	assert.Equal(t, "relais:%zz", decodeType("other", "relais:%zz"))
}
