package xliff

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// parts renders a unit's parts compactly for comparison.
func parts(u Unit) []string {
	var out []string
	for _, p := range u.Parts {
		s := p.Kind.String() + " " + p.ID + " " + show(p.Source)
		if p.Kind == Segment {
			s += " " + p.State.String() + " " + p.Origin.String()
		}
		if p.Target != nil {
			s += " -> " + show(p.Target)
		}
		out = append(out, s)
	}
	return out
}

func TestFromDocument(t *testing.T) {
	doc := everyCodeDoc(t)
	tr := everyCodeTranslations()
	f := FromDocument(doc, language.English, tr)

	assert.Equal(t, language.French, f.SrcLang)
	assert.Equal(t, language.English, f.TrgLang)
	assert.Equal(t, "f1", f.ID)
	assert.Equal(t, "articles/décret.md", f.Original)
	require.Len(t, f.Units, len(doc.Blocks))
	for i, u := range f.Units {
		assert.Equal(t, doc.Blocks[i].ID, u.ID)
		assert.Equal(t, doc.Blocks[i].Kind, u.Kind)
		assert.Equal(t, doc.Blocks[i].Name, u.Name)
		assert.Empty(t, u.File)
		for _, p := range u.Parts {
			for _, c := range []document.Content{p.Source, p.Target} {
				for _, r := range c {
					assert.Zero(t, r.Span, "unit %s: spans are not kept", u.ID)
				}
			}
		}
	}
	assert.Equal(t, []string{
		`segment b2s1 "Voir "{open 1 [}"l'article"{close 1 ](https://x.fr/a?b=1&c=2)}" et "{standalone 2 ` + "`x < y`" + `}"." reviewed human -> "See "{open 1 [}"the article"{close 1 ](https://x.fr/a?b=1&c=2)}" and "{standalone 2 ` + "`x < y`" + `}"."`,
		`ignorable  " "`,
		`segment b2s2 "Il dit` + "\u00a0" + `: "{open 3 _}"oui." translated mt-apertium:fr-es-en -> "He says: "{open 3 _}"yes."`,
		`ignorable  "` + "\n" + `"`,
		`segment b2s3 "Puis non"{close 3 _}"."{standalone 4   ` + "\n" + `} final tm-ice -> "Then no"{close 3 _}"."{standalone 4   ` + "\n" + `}{standalone 4   ` + "\n" + `}`,
	}, parts(f.Units[1]), "target codes take the source codes' data")
	assert.Equal(t, []string{`segment b4s1 "A & "{open 1 **}"gras "{open 2 *}"mêlé"{close 1 **}" fin"{close 2 *} initial mt-apertium:fr-en -> "A & "{open 1 **}"bold "{open 2 *}"mixed"{close 1 **}" end"{close 2 *}`},
		parts(f.Units[3]), "an atomic run merges with the text around it; an initial translation with an origin is written")
	assert.Equal(t, []string{`segment b5s1 {close 1 ]}"cellule "{open 2 [}"ouverte" initial none`}, parts(f.Units[4]), "no translation")
	assert.Equal(t, []string{`segment b6s1 "Titre du lien" initial none`}, parts(f.Units[5]), "no origin and initial: no target")

	// The translation's codes are not shared nor changed.
	got := f.Units[1].Parts[4].Target[3].Code
	want := tr["b2s3"].Target[3].Code
	assert.NotSame(t, want, got)
	assert.Empty(t, want.Data, "the translation keeps its own code")
}

func TestFromDocumentEdges(t *testing.T) {
	doc := build(t, "edges.txt",
		blockSpec{pieces: []any{gap("  "), "Une.", gap(" "), "Deux.", gap("\t")}},
		blockSpec{pieces: []any{"Entier", ph("1", "image", "![](a.png)", "")}},
	)
	doc.Blocks[1].Segments = nil // not segmented
	O, S := document.Open, document.Standalone
	tr := map[string]document.Translation{
		"b1s1": {Target: document.Content{txt("One."), ref("9", S), {Code: &document.Code{ID: "8", Kind: O, Type: "fmt:em", Data: "dropped", Disp: "_"}}},
			State: document.Reviewed},
		"b1s2": {Target: document.Text("Two."), State: document.Translated, Origin: document.Origin{Kind: document.FromExact}},
		"b2s1": {Target: document.Text("ignored: no such segment"), State: document.Final},
	}
	f := FromDocument(doc, language.Spanish, tr)
	assert.Equal(t, []string{
		`ignorable  "  "`,
		`segment b1s1 "Une." reviewed none -> "One."{standalone 9}{open 8}`,
		`ignorable  " "`,
		`segment b1s2 "Deux." translated tm-exact -> "Two."`,
		`ignorable  "` + "\t" + `"`,
	}, parts(f.Units[0]), "blanks around segments are ignorables; codes the block lacks lose their data")
	assert.Equal(t, "fmt:em", f.Units[0].Parts[1].Target[2].Code.Type)
	assert.Equal(t, "_", f.Units[0].Parts[1].Target[2].Code.Disp)
	assert.Equal(t, document.Origin{Kind: document.FromExact, Score: 100}, f.Units[0].Parts[3].Origin, "origins are canonical")
	assert.Equal(t, []string{`segment  "Entier"{standalone 1 ![](a.png)} initial none`}, parts(f.Units[1]), "an unsegmented block is one segment without ID")
	roundTrip(t, f)
}

func TestFromDocumentMachineWithoutEngine(t *testing.T) {
	doc := build(t, "a.md", blockSpec{pieces: []any{"Oui."}})
	f := FromDocument(doc, language.English, map[string]document.Translation{
		"b1s1": {Target: document.Text("Yes."), State: document.Translated, Origin: document.Origin{Kind: document.FromMachine}},
	})
	assert.Equal(t, document.Origin{Kind: document.FromMachine, Engine: "unknown"}, f.Units[0].Parts[0].Origin)
	out := roundTrip(t, f)
	assert.Contains(t, string(out), `subState="relais:mt-unknown"`)
}

func TestTranslations(t *testing.T) {
	tgt := func(s string) document.Content { return document.Content{txt(s)} }
	f := &File{Units: []Unit{
		{ID: "b1", Parts: []Part{
			seg("b1s1", tgt("Un."), tgt("One."), document.Translated, document.Origin{Kind: document.FromHuman}),
			{Kind: Ignorable, ID: "i", Source: tgt(" "), Target: tgt(" ")},
			seg("b1s2", tgt("Deux."), nil, document.Reviewed, document.Origin{}),
			seg("", tgt("Trois."), tgt("Three."), document.Final, document.Origin{}),
			seg("b1s4", tgt("Quatre."), document.Content{}, document.Initial, document.Origin{}),
		}},
		{ID: "b2", File: "x", Parts: []Part{seg("b1s1", tgt("Autre."), tgt("Other."), document.Final, document.Origin{})}},
	}}
	assert.Equal(t, map[string]document.Translation{
		"b1s1": {Target: tgt("One."), State: document.Translated, Origin: document.Origin{Kind: document.FromHuman}},
		"b1s4": {Target: document.Content{}},
	}, f.Translations())
}

// TestTranslationsRoundTrip: what FromDocument writes, Translations gives
// back (codes with their data), except what it does not write.
func TestTranslationsRoundTrip(t *testing.T) {
	f := everyCodeFile(t)
	got := f.Translations()
	want := everyCodeTranslations()
	delete(want, "b6s1")
	require.Len(t, got, len(want))
	for id, w := range want {
		g := got[id]
		assert.Equal(t, w.State, g.State, id)
		assert.Equal(t, w.Origin, g.Origin, id)
		assert.True(t, w.Target.Equal(g.Target), "%s: %s != %s", id, show(g.Target), show(w.Target))
	}
}

// TestAddMatches: candidates go to the first segment with their ID, in
// order after those it has, normalized; unwritable ones and unknown IDs
// are left out; the candidates of a segment read back from the file.
func TestAddMatches(t *testing.T) {
	f := everyCodeFileWithMatches(t)
	got := map[string][]string{}
	for _, u := range f.Units {
		for _, p := range u.Parts {
			for _, m := range p.Matches {
				require.NotNil(t, m.Target)
				got[p.ID] = append(got[p.ID], m.Origin+" "+m.Type+" "+show(m.Source)+" -> "+show(m.Target))
			}
		}
	}
	assert.Equal(t, map[string][]string{
		"b1s1": {`relais:previous tm "Décret du "{open 1 **}"14 mars"{close 1 **}" : réforme" -> "Decree of "{open 1 **}"14 March"{close 1 **}": reform"`},
		"b2s1": {`relais:memory tm "Lire "{open 1 [}"la note"{close 1 ](/n)}" puis "{standalone 2 <br>}"fin" -> "Read "{open 1 [}"the note"{close 1 ](/n)}{standalone 2 <br>}" then "{standalone 2 <br>}"end"`},
		"b4s1": {`relais:memory tm {open 1 **}"gras"{open 2 *}" mêlé"{close 1 **}{close 2 *} -> {open 2 *}"bold mixed"{close 2 *}`},
	}, got, "the match whose source uses one code ID twice is left out, as is the one for no segment")

	f = &File{SrcLang: language.French, TrgLang: language.English, ID: "f1", Units: []Unit{
		{ID: "b1", Parts: []Part{seg("s", document.Content{txt("a")}, nil, document.Initial, document.Origin{})}},
		{ID: "b2", File: "x", Parts: []Part{seg("s", document.Content{txt("b")}, nil, document.Initial, document.Origin{})}},
	}}
	f.Units[0].Parts[0].Matches = []Match{{Origin: "other", Source: document.Content{txt("z")}, Target: document.Content{}}}
	span := document.Span{Start: 3, End: 5}
	f.AddMatches(map[string][]Match{"s": {
		{Origin: "relais:previous", Type: "tm", Similarity: 90, Source: document.Content{{Text: "a", Span: span}, {Text: "b"}, {Text: ""}}},
		{Type: "fuzzy", Source: document.Content{txt("c")}, Target: document.Content{txt("d")}},
		{Similarity: 101, Source: document.Content{txt("c")}, Target: document.Content{txt("d")}},
		{Origin: "a\x01", Source: document.Content{txt("c")}, Target: document.Content{txt("d")}},
	}})
	assert.Equal(t, []Match{
		{Origin: "other", Source: document.Content{txt("z")}, Target: document.Content{}},
		{Origin: "relais:previous", Type: "tm", Similarity: 90, Source: document.Content{txt("ab")}, Target: document.Content{}},
	}, f.Units[0].Parts[0].Matches, "after the matches it had; text merged, spans cleared, a nil target empty; an unknown type, a similarity over 100 and an unwritable origin left out")
	assert.Empty(t, f.Units[1].Parts[0].Matches, "only the first segment with the ID")
	out := string(roundTrip(t, f))
	assert.Contains(t, out, `<mtc:match ref="#s" origin="relais:previous" type="tm" similarity="90">`)
	assert.Contains(t, out, "<target></target>")
}
