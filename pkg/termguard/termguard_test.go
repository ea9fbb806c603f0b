package termguard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/termguard"
	"github.com/relais-tm/relais/pkg/typography"
)

// guard returns a Guard over a Fake that knows a few Spanish words and,
// like Apertium, passes unknown words (the tokens) through.
func guard(t *testing.T, mangle func(string) string) (*termguard.Guard, *mttest.Fake) {
	f := &mttest.Fake{Dict: map[string]string{"organise": "organiza", "avec": "con", "Elle": "Ella", "à": "en", "et": "y", "a": "ha", "lancé": "Lanzado"}, Mangle: mangle}
	return termguard.New(f, termbase(t), termguard.Options{Fixed: typography.DateSpans}), f
}

func TestProtectAndRestore(t *testing.T) {
	g, f := guard(t, nil)
	b := &document.Code{ID: "1", Kind: document.Open, Data: "**"}
	be := &document.Code{ID: "1", Kind: document.Close, Data: "**"}
	segs := []document.Content{
		document.Text("Elle organise avec l’OIM et ONU Habitat à Malines du 7 au 8 novembre."),
		{{Text: "CGLU a lancé "}, {Code: b}, {Text: "Tunis"}, {Code: be}, {Text: "."}},
	}
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: segs})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "Ella organiza con l’OIM y ONU-Habitat en Malinas del 7 al 8 de noviembre.", res[0].Target.Plain())
	require.NoError(t, res[1].Err)
	assert.Equal(t, "CGLU ha Lanzado Túnez.", res[1].Target.Plain(), "a term inside a code pair is protected in its run")
	assert.Equal(t, segs[1].Codes(), res[1].Target.Codes())
	sent := f.Calls()[0].Segments[0].Plain()
	for _, term := range []string{"OIM", "ONU Habitat", "Malines", "novembre"} {
		assert.NotContains(t, sent, term, "the engine never sees %q", term)
	}
	assert.Regexp(t, `^Elle organise avec l’Zqx[a-z]+ et Zqx[a-z]+ à Toronto Zqx[a-z]+\.$`, sent, "a city stands as a city the engine knows")
}

func TestEnglishAndCapitals(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"a": "Has", "lancé": "launched", "une": "a", "vague": "wave", "les": "the", "gouvernements": "governments", "locaux": "local"}}
	g := termguard.New(f, termbase(t), termguard.Options{})
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: []document.Content{
		document.Text("CGLU a lancé une vague."),
		document.Text("« gouvernements locaux » et CGLU"),
	}})
	require.NoError(t, err)
	assert.Equal(t, "UCLG has launched a wave.", res[0].Target.Plain(), "Apertium's capital after a sentence-initial unknown word is undone")
	assert.Equal(t, "« Local governments » et UCLG", res[1].Target.Plain(), "a term that starts a sentence gets a capital; plural kept")
}

func TestLostOrRepeatedToken(t *testing.T) {
	cases := map[string]func(string) string{
		"lost":     func(s string) string { return strings.NewReplacer("Zqxa", "").Replace(s) },
		"repeated": func(s string) string { return strings.NewReplacer("Zqxa", "Zqxa Zqxa").Replace(s) },
	}
	for name, mangle := range cases {
		t.Run(name, func(t *testing.T) {
			g, _ := guard(t, mangle)
			res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("Avec CGLU."), document.Text("Rien.")}})
			require.NoError(t, err)
			assert.ErrorContains(t, res[0].Err, "protected term (to be “CGLU”)")
			assert.Nil(t, res[0].Target)
			assert.NoError(t, res[1].Err, "the other segments are translated")
		})
	}
}

func TestAmbiguous(t *testing.T) {
	g, f := guard(t, nil)
	segs := []document.Content{
		document.Text("Les villes d’Amman, Lisbonne, Turin et Vienne."),
		document.Text("Il habite à Vienne depuis 2015."),
	}
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: segs})
	require.NoError(t, err)
	assert.Contains(t, res[0].Target.Plain(), "Viena", "taken as the city: the segment lists other cities")
	require.Len(t, res[0].Notes, 1)
	assert.Equal(t, "ambiguous-term", res[0].Notes[0].Rule)
	assert.Equal(t, finding.Info, res[0].Notes[0].Severity, "an ambiguous term is for information")
	assert.Contains(t, res[0].Notes[0].Message, "taken as “Viena”")
	assert.Contains(t, f.Calls()[0].Segments[1].Plain(), "Vienne", "alone, it is left to the engine")
	require.Len(t, res[1].Notes, 1)
	assert.Contains(t, res[1].Notes[0].Message, "the engine wrote nothing the termbase knows")
}

// A plural is no name of one framework, however many the segment names:
// "des déclarations" of the seed article are statements, not the New York
// Declaration, which the same segment names in full.
func TestPluralIsNoFramework(t *testing.T) {
	g, f := guard(t, nil)
	seg := document.Text("Elles s’appuient sur des déclarations et des engagements existants, notamment la Déclaration de New York, le Nouvel agenda urbain et le Pacte mondial sur les migrations.")
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{seg}})
	require.NoError(t, err)
	assert.Contains(t, f.Calls()[0].Segments[0].Plain(), "sur des déclarations et", "left to the engine")
	assert.NotContains(t, res[0].Target.Plain(), "Declaraciones de Nueva York")
	assert.Contains(t, res[0].Target.Plain(), "Declaración de Nueva York", "the name in full is still the termbase's")
}

func TestEngineErrorPassesThrough(t *testing.T) {
	f := &mttest.Fake{Hold: true}
	g := termguard.New(f, termbase(t), termguard.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := g.Translate(ctx, mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("CGLU.")}})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestConformance(t *testing.T) {
	mttest.Run(t, mttest.Suite{
		New: func(t *testing.T) mt.Translator {
			return termguard.New(&mttest.Fake{Pairs: []mt.Pair{{From: fr, To: es}}}, termbase(t), termguard.Options{Fixed: typography.DateSpans})
		},
		From: fr, To: es, Unsupported: [2]language.Tag{fr, language.German},
	})
}

// A span written as it is (an address, a technical name) keeps its case
// at the start of a sentence: "mail._domainkey" opening a table cell,
// "www.uclg.org" opening a sentence.
func TestVerbatimSpansKeepTheirCase(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"est": "is", "le": "the", "site": "site", "pointe": "points", "vers": "to"}}
	g := termguard.New(f, termbase(t), termguard.Options{Fixed: typography.FixedSpans})
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: []document.Content{
		document.Text("mail._domainkey"),
		document.Text("www.uclg.org est le site"),
		document.Text("_xmpp-client._tcp pointe vers votre.domaine.tld"),
	}})
	require.NoError(t, err)
	var got []string
	for _, r := range res {
		require.NoError(t, r.Err)
		got = append(got, r.Target.Plain())
	}
	assert.Equal(t, []string{"mail._domainkey", "www.uclg.org is the site", "_xmpp-client._tcp points to votre.domaine.tld"}, got)
}

func TestHonorificsTakeTheirArticle(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"selon": "según", "a": "ha", "déclaré": "declarado", "la": "la", "lettre": "carta", "de": "de", "écrit": "escrito", "à": "a", "Le": "El", "Royaume-Uni": "Reino Unido"}}
	g := termguard.New(f, termbase(t), termguard.Options{Fixed: typography.FixedSpans})
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{
		document.Text("Mme García a déclaré"),
		document.Text("la lettre de M. Dupont"),
		document.Text("a écrit à M. Dupont"),
		document.Text("selon Mme García"),
		document.Text("M. Dupont a déclaré"),
	}})
	require.NoError(t, err)
	var got []string
	for _, r := range res {
		require.NoError(t, r.Err)
		got = append(got, r.Target.Plain())
	}
	assert.Equal(t, []string{
		"La Sra. García ha declarado",
		"la carta del Sr. Dupont",
		"ha escrito al Sr. Dupont",
		"según la Sra. García",
		"El Sr. Dupont ha declarado",
	}, got)
	res, err = g.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: []document.Content{document.Text("Mme García a déclaré")}})
	require.NoError(t, err)
	assert.Equal(t, "Ms García ha declarado", res[0].Target.Plain(), "English has no article before it (the Fake's words are its Spanish ones)")
}

func TestArticleAgreesAcrossCodes(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"le": "el", "et": "y"}}
	g := termguard.New(f, termbase(t), termguard.Options{})
	b := &document.Code{ID: "1", Kind: document.Open, Data: "**"}
	be := &document.Code{ID: "1", Kind: document.Close, Data: "**"}
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{
		{{Text: "et le "}, {Code: b}, {Text: "Nouvel Agenda urbain"}, {Code: be}},
	}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "y la Nueva Agenda Urbana", res[0].Target.Plain(), "the article before the emphasis agrees with the term inside it")
}

func TestUnsureArticleIsNoted(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"les": "los", "atteindre": "alcanzar"}}
	tb := termbase(t)
	for _, c := range tb.Concepts {
		for _, term := range c.Terms(es) {
			if term.Text == "ODS" {
				term.Gender = "" // a termbase that does not say
			}
		}
	}
	g := termguard.New(f, tb, termguard.Options{})
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{
		document.Text("atteindre les ODD"),
		document.Text("atteindre les objectifs de développement durable"),
	}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	require.Len(t, res[0].Notes, 1, "ODS has no gender in this termbase")
	assert.Equal(t, "term-gender", res[0].Notes[0].Rule)
	assert.Equal(t, finding.Info, res[0].Notes[0].Severity)
	assert.Contains(t, res[0].Notes[0].Message, "“ODS”")
	assert.Empty(t, res[1].Notes, "the full form's gender is known")
}

func TestShortFormAfterFullName(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"La": "The", "le": "the", "a": "has", "été": "been", "adoptée": "adopted", "rappelé": "recalled", "des": "some", "déclarations": "statements"}}
	g := termguard.New(f, termbase(t), termguard.Options{})
	full := document.Text("La Déclaration de New York pour les réfugiés et les migrants.")
	anaphora := document.Text("La Déclaration a été adoptée.")
	generic := document.Text("des déclarations")
	forum := document.Text("le Forum a rappelé")
	// The full name is in the document, in a segment the memory filled.
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: en,
		Segments: []document.Content{anaphora, generic, forum},
		Context:  []document.Content{full, anaphora, generic, forum}})
	require.NoError(t, err)
	assert.Equal(t, "The New York Declaration has been adopted.", res[0].Target.Plain())
	require.NotEmpty(t, res[0].Notes)
	assert.Contains(t, res[0].Notes[0].Message, "which the document names in full")
	assert.Equal(t, "some statements", res[1].Target.Plain(), "a plural after an indefinite article is no anaphora")
	assert.Equal(t, "the Forum has recalled", res[2].Target.Plain(), "no forum is named in full: left to the engine")
	// Without the full name, the short form is the engine's.
	res, err = g.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: []document.Content{anaphora}})
	require.NoError(t, err)
	assert.Equal(t, "The Déclaration has been adopted.", res[0].Target.Plain())
}

// A full name followed by its acronym in brackets is rendered by a full
// name, admitted though it is, and not by the preferred acronym, which
// the target would then say twice; alone, the full name takes the
// preferred acronym (the termbase says ICMPD is used in Spanish).
func TestFullNameBesideItsAcronym(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"et": "y", "le": "el"}}
	g := termguard.New(f, termbase(t), termguard.Options{})
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{
		document.Text("CGLU et le Centre international pour le développement des politiques migratoires (ICMPD)"),
		document.Text("CGLU et le Centre international pour le développement des politiques migratoires"),
	}})
	require.NoError(t, err)
	assert.Equal(t, "CGLU y el Centro Internacional para el Desarrollo de Políticas Migratorias (ICMPD)", res[0].Target.Plain())
	assert.Equal(t, "CGLU y el ICMPD", res[1].Target.Plain())
}
