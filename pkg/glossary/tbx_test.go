package glossary

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// dump writes everything a termbase holds but positions, one line per
// fact, so that two termbases compare as text. Languages are sorted inside
// a concept (TSV orders them by column).
func dump(tb *Termbase) string {
	var b strings.Builder
	for _, c := range tb.Concepts {
		fmt.Fprintf(&b, "concept %q subject=%q def=%q note=%q ambiguous=%v\n", c.ID, c.Subject, c.Definition, c.Note, c.Ambiguous)
		langs := append([]*LangSec(nil), c.Langs...)
		sort.SliceStable(langs, func(i, j int) bool { return langs[i].Lang.String() < langs[j].Lang.String() })
		for _, ls := range langs {
			fmt.Fprintf(&b, "  lang %s def=%q note=%q\n", ls.Lang, ls.Definition, ls.Note)
			for _, t := range ls.Terms {
				fmt.Fprintf(&b, "    term %q lang=%s type=%q status=%q gender=%q number=%q pos=%q case=%q article=%q ambiguous=%v note=%q forms=%v\n",
					t.Text, t.Lang, t.Type, t.Status, t.Gender, t.Number, t.PartOfSpeech, t.Case, t.Article, t.Ambiguous, t.Note, t.Forms)
			}
		}
	}
	return b.String()
}

// written writes tb in format f.
func written(t testing.TB, tb *Termbase, f Format) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, tb, f))
	return b.String()
}

// readBack reads text, written in format f.
func readBack(t testing.TB, text string, f Format) *Termbase {
	t.Helper()
	tb, err := Read("f."+string(f), strings.NewReader(text))
	require.NoError(t, err, "what is written in %s reads back:\n%q", f, text)
	return tb
}

// through writes tb in format f and reads it back.
func through(t testing.TB, tb *Termbase, f Format) *Termbase {
	t.Helper()
	return readBack(t, written(t, tb, f), f)
}

// stable checks that tb, written in format f and read back, is the same
// termbase, which writes the same bytes; it returns what was read back.
func stable(t testing.TB, tb *Termbase, f Format) *Termbase {
	t.Helper()
	text := written(t, tb, f)
	back := readBack(t, text, f)
	require.Equal(t, dump(tb), dump(back))
	require.Equal(t, text, written(t, back, f))
	return back
}

// readFails checks what a reader returned for a bad file: nothing loaded,
// and an error holding each message of want, one finding each.
func readFails(t *testing.T, tb *Termbase, err error, want []string) {
	t.Helper()
	require.Error(t, err)
	assert.Nil(t, tb, "a bad file loads nothing")
	for _, w := range want {
		assert.Contains(t, err.Error(), w)
	}
	assert.Len(t, ErrorFindings(err), len(want))
}

// countTerms counts the terms of tb by what key says of each.
func countTerms[K comparable](tb *Termbase, key func(*Term) K) map[K]int {
	out := map[K]int{}
	for _, c := range tb.Concepts {
		for _, ls := range c.Langs {
			for _, t := range ls.Terms {
				out[key(t)]++
			}
		}
	}
	return out
}

func readFile(t testing.TB, path string) *Termbase {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	tb, err := Read(path, f)
	require.NoError(t, err)
	return tb
}

func TestReadCorpusTBX(t *testing.T) {
	dir := testenv.Shared(t, "corpus", "formats", "tbx")
	astro := readFile(t, filepath.Join(dir, "tbx-basic-v3-example", "Example_Astronomy_DCA_VALID.tbx"))
	assert.Len(t, astro.Concepts, 45)
	c := astro.Concept("c1")
	require.NotNil(t, c)
	assert.Equal(t, "General", c.Subject)
	assert.Contains(t, c.Note, "G-Source:")
	enTerms := c.Terms(en)
	require.Len(t, enTerms, 2)
	assert.Equal(t, "open cluster", enTerms[0].Text)
	assert.Equal(t, Preferred, enTerms[0].Status)
	assert.Equal(t, "noun", enTerms[0].PartOfSpeech)
	assert.Equal(t, Superseded, enTerms[1].Status)
	assert.Contains(t, enTerms[1].Note, "\nN-Source: http", "two notes, two lines; blanks inside a note folded")
	assert.Equal(t, "A group of stars formed together in the spiral arms of a galaxy.", c.Lang(en).Definition, "blanks of the file folded")
	assert.Equal(t, "cúmulo abierto", c.Terms(es)[0].Text)
	statuses := countTerms(astro, func(t *Term) Status { return t.Status })
	assert.Equal(t, 12, statuses[Preferred])
	assert.Equal(t, 16, statuses[Admitted])
	assert.Equal(t, 3, statuses[Deprecated])
	assert.Equal(t, 1, statuses[Superseded])

	med := readFile(t, filepath.Join(dir, "lisa-tbx-samples", "medtronic_TBX.tbx"))
	assert.Len(t, med.Concepts, 3)
	assert.GreaterOrEqual(t, len(med.Langs()), 14)
	genders := countTerms(med, func(t *Term) Gender { return t.Gender })
	assert.Equal(t, 4, genders[Masculine])
	assert.Equal(t, 2, genders[Feminine])
	assert.Equal(t, 2, genders[Neuter])
	assert.NotEmpty(t, med.Concept("c7331").Terms(fr))

	ibm := readFile(t, filepath.Join(dir, "lisa-tbx-samples", "ibm_tbx.tbx"))
	assert.Len(t, ibm.Concepts, 5)
	c1 := ibm.Concept("c1")
	require.NotNil(t, c1)
	assert.Len(t, c1.Terms(en), 2, "two langSets of one language make one section")
	assert.Equal(t, "Software", c1.Subject)

	// The corpus files make matchers like any other.
	hits := NewMatcher(astro, en).Match("Open clusters and galactic clusters")
	assert.Equal(t, []string{"Open clusters=c1+pl", "galactic clusters=c1+pl"}, render(hits))
}

// TestRoundTripTBXTSVTBX goes TBX v3 → TSV → TBX v3 and keeps every
// concept, term, status and note (and every other property modelled).
func TestRoundTripTBXTSVTBX(t *testing.T) {
	sources := map[string]*Termbase{"shipped": loadShipped(t), "rules": rulesTermbase(t)}
	if dir := testenv.Shared(t, "corpus", "formats", "tbx"); dir != "" {
		sources["astronomy"] = readFile(t, filepath.Join(dir, "tbx-basic-v3-example", "Example_Astronomy_DCA_VALID.tbx"))
		sources["medtronic"] = readFile(t, filepath.Join(dir, "lisa-tbx-samples", "medtronic_TBX.tbx"))
		sources["ibm"] = readFile(t, filepath.Join(dir, "lisa-tbx-samples", "ibm_tbx.tbx"))
	}
	for name, tb := range sources {
		t.Run(name, func(t *testing.T) {
			v3 := through(t, tb, TBX)
			fromTSV := through(t, v3, TSV)
			back := through(t, fromTSV, TBX)
			assert.Equal(t, dump(tb), dump(back))
			assert.Equal(t, dump(tb), dump(through(t, back, CSV)))
		})
	}
}

func TestReadTBXErrors(t *testing.T) {
	v3 := func(body string) string {
		return `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
` + body + `
</body></text></tbx>`
	}
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"not XML", "hello", []string{"t.tbx:1:1: tbx: malformed XML: no root element"}},
		{"unclosed element", v3(`<conceptEntry id="a">`), []string{"t.tbx:5:8: tbx: malformed XML: element <conceptEntry> closed by </body>"}},
		{"wrong root", `<xliff version="2.0"/>`, []string{"t.tbx:1:1: tbx: root element <xliff>, want <tbx> (TBX v3) or <martif> (TBX 2008)"}},
		{"no body", `<tbx><text/></tbx>`, []string{"t.tbx:1:1: tbx: no <text><body> in <tbx>"}},
		{"language section without a language", v3(`<conceptEntry id="a"><langSec><termSec><term>x</term></termSec></langSec></conceptEntry>`),
			[]string{"t.tbx:4:22: tbx: <langSec> without xml:lang"}},
		{"two malformed tags, both reported", v3("<conceptEntry id=\"a\"><langSec xml:lang=\"fr_FR!\"><termSec><term>x</term></termSec></langSec>\n<langSec xml:lang=\"e\"><termSec><term>y</term></termSec></langSec></conceptEntry>"),
			[]string{`t.tbx:4:22: tbx: malformed language tag "fr_FR!" in xml:lang`, `t.tbx:5:1: tbx: malformed language tag "e"`}},
		{"empty term", v3(`<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term> </term></termSec></langSec></conceptEntry>`),
			[]string{"t.tbx:4:54: tbx: empty <term>"}},
		{"term section without a term", v3(`<conceptEntry id="a"><langSec xml:lang="fr"><termSec/></langSec></conceptEntry>`),
			[]string{"t.tbx:4:45: tbx: <termSec> without <term>"}},
		{"unknown status", v3(`<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term><termNote type="administrativeStatus">bestTerm</termNote></termSec></langSec></conceptEntry>`),
			[]string{`t.tbx:4:68: tbx: unknown status "bestTerm"`}},
		{"unknown gender", v3(`<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term><termNote type="grammaticalGender">common</termNote></termSec></langSec></conceptEntry>`),
			[]string{`tbx: unknown gender "common"`}},
		{"unknown relais note", v3(`<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term><note>relais:plural</note></termSec></langSec></conceptEntry>`),
			[]string{`tbx: unknown note "relais:plural"`}},
		{"bad form", v3(`<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term><note>relais:form xs [dual]</note></termSec></langSec></conceptEntry>`),
			[]string{`unknown tag "dual"`}},
		{"ntig without termGrp", `<martif><text><body><termEntry><langSet xml:lang="fr"><ntig/></langSet></termEntry></body></text></martif>`,
			[]string{"t.tbx:1:55: tbx: <ntig> without <termGrp>"}},
		{"invalid UTF-8", "<tbx>\n<text>\xff</text></tbx>", []string{"t.tbx:2:7: tbx: invalid UTF-8"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ReadTBX("t.tbx", strings.NewReader(tc.in))
			readFails(t, tb, err, tc.want)
			var pe *document.PosError
			assert.True(t, errors.As(err, &pe), "a positioned error")
		})
	}
}

func TestReadTBX2008(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="fr">
<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="oim">
  <descripGrp><descrip type="subjectField">organisations</descrip></descripGrp>
  <descrip type="definition">Agence des Nations Unies</descrip>
  <langSet xml:lang="fr-FR">
    <tig><term>OIM</term><termNote type="termType">acronym</termNote><termNote type="normativeAuthorization">preferredTerm</termNote></tig>
    <ntig><termGrp><term>Organisation <hi>internationale</hi> pour les migrations</term><termNote type="grammaticalGender">feminine</termNote></termGrp><note>nom complet</note></ntig>
  </langSet>
  <langSet lang="en"><tig><term>IOM</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text>
</martif>`
	tb, err := ReadTBX("old.tbx", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, tb.Concepts, 1)
	c := tb.Concepts[0]
	assert.Equal(t, "organisations", c.Subject)
	assert.Equal(t, "Agence des Nations Unies", c.Definition)
	frTerms := c.Terms(fr)
	require.Len(t, frTerms, 2, "fr-FR serves fr")
	assert.Equal(t, language.MustParse("fr-FR"), frTerms[0].Lang)
	assert.Equal(t, Acronym, frTerms[0].Type)
	assert.Equal(t, Preferred, frTerms[0].Status)
	assert.Equal(t, "Organisation internationale pour les migrations", frTerms[1].Text, "inline markup kept as text")
	assert.Equal(t, Feminine, frTerms[1].Gender)
	assert.Equal(t, "nom complet", frTerms[1].Note)
	assert.Equal(t, Admitted, c.Terms(en)[0].Status)
	assert.Equal(t, document.Position{Offset: frTerms[0].Pos.Offset, Line: 10, Col: 10}, frTerms[0].Pos)
}

func TestWriteTBXRelaisNotes(t *testing.T) {
	tb := &Termbase{}
	c := &Concept{ID: "vienna", Ambiguous: true, Note: "two lines\nof notes"}
	c.Add(fr, &Term{Text: "Vienne", Case: CaseSensitive, Number: Singular, Ambiguous: true, Article: ArticleNone,
		Forms: []Form{{Text: "Viennes", Number: Plural}}, Note: "a <note> & more"})
	tb.Concepts = append(tb.Concepts, c)
	var b bytes.Buffer
	require.NoError(t, WriteTBX(&b, tb))
	out := b.String()
	assert.Contains(t, out, "<note>relais:article none</note>")
	for _, want := range []string{
		`<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2">`,
		"<note>relais:ambiguous</note>", "<note>two lines</note>", "<note>of notes</note>",
		"<note>relais:case sensitive</note>", "<note>relais:number singular</note>", "<note>relais:form Viennes [pl]</note>",
		"<note>a &lt;note&gt; &amp; more</note>",
	} {
		assert.Contains(t, out, want)
	}
	back, err := ReadTBX("x.tbx", &b)
	require.NoError(t, err)
	assert.Equal(t, dump(tb), dump(back))
}
