package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/plaintext"
)

// seedDoc extracts the seed article (a real UCLG news item) with the
// plain-text codec.
func seedDoc(t testing.TB) *document.Document {
	t.Helper()
	src, err := os.ReadFile(testenv.Shared(t, "seeds", "cities4migration-fr.txt"))
	require.NoError(t, err)
	doc, err := plaintext.New().Extract("cities4migration-fr.txt", src)
	require.NoError(t, err)
	return doc
}

func TestSegmentSeedArticle(t *testing.T) {
	doc := seedDoc(t)
	r, err := New(language.French)
	require.NoError(t, err)
	r.Document(doc)
	requireSegments(t, doc)

	segs := doc.Segments()
	require.Len(t, doc.Blocks, 20)
	assert.Len(t, segs, 29)
	byID := map[string]string{}
	for _, s := range segs {
		byID[s.ID] = doc.Text(s.Span)
	}
	want := map[string]string{
		"b1s1":  "#Cities4Migration: Novembre, un mois de solidarité avec les migrants",
		"b2s1":  "6 novembre 2017",
		"b4s1":  "Cet article a été initialement publié sur le site de CGLU.",
		"b5s1":  "Ces réunions internationales constitueront une étape importante pour la vague d’action que CGLU a lancée sous le slogan «Tous migrants, tous citoyens ».",
		"b7s2":  "L’événement permettra aux maires, aux représentants nationaux et aux experts\u00a0 de discuter des conclusions et des recommandations du MC2CM.",
		"b8s1":  "CGLU participe au projet MC2CM depuis 2015.",
		"b10s1": "[Pour en savoir plus : Conférence de haut niveau du projet Migration Ville à Ville en Méditerranée à Beyrouth]",
		"b11s1": "Une autre date clé pour les villes et les migrations sera la Conférence mondiale sur les villes et les migrants, qui se tiendra du 16 au 17 novembre 2017, à Malines, en Belgique.",
		"b11s2": "Elle est organisée par CGLU, l’Organisation internationale pour les migrations (OIM) et ONU Habitat, avec le soutien du gouvernement belge.",
		"b13s1": "[Pour en savoir plus: CGLU appelle à participer à la Conférence mondiale sur les villes et les migrants]",
		"b17s2": "Elle permettra de systématiser les relations avec des partenaires tels que les Nations Unies, l’OIM et l’ICMPD, entre autres.",
		"b20s1": "S'inscrire à la newsletter",
	}
	for id, text := range want {
		assert.Equal(t, text, byID[id], id)
	}
	assert.Len(t, doc.Blocks[6].Segments, 3, "the MC2CM paragraph has three sentences")
	assert.Equal(t, "{1}Pour en savoir plus : Conférence de haut niveau du projet Migration Ville à Ville en Méditerranée à Beyrouth{/1}",
		doc.Blocks[9].Segments[0].Source.Key(), "a cross-reference keeps both brackets as codes")
}

// seedParagraphs returns the seed article's paragraphs if ../shared is
// there (fuzz seeds must not skip the target when it is not).
func seedParagraphs(t testing.TB) []string {
	path := filepath.Join(filepath.Dir(testenv.ModuleRoot(t)), "shared", "seeds", "cities4migration-fr.txt")
	src, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return strings.Split(string(src), "\n\n")
}
