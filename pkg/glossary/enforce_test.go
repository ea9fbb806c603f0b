package glossary

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestTarget(t *testing.T) {
	tb := loadShipped(t)
	m := NewMatcher(tb, fr)
	cases := []struct {
		source, en, es string
	}{
		{"l'OIM", "IOM", "OIM"},
		{"l'Organisation internationale pour les migrations", "International Organization for Migration", "Organización Internacional para las Migraciones"},
		{"CGLU", "UCLG", "CGLU"},
		{"ONU Habitat", "UN-Habitat", "ONU-Habitat"},
		{"les gouvernements locaux et régionaux", "local and regional governments", "gobiernos locales y regionales"},
		{"le gouvernement local", "local government", "gobierno local"},
		{"des migrantes", "migrants", "migrantes"},
		{"les réfugiées", "refugees", "refugiadas"},
		{"une réfugiée", "refugee", "refugiada"},
		{"des travailleuses migrantes", "migrant workers", "trabajadoras migrantes"},
		{"les mineures non accompagnées", "unaccompanied minors", "menores no acompañadas"},
		{"les Objectifs de développement durable", "Sustainable Development Goals", "Objetivos de Desarrollo Sostenible"},
		{"les migrations", "migration", "migraciones"},
		{"les maires", "mayors", "alcaldes"},
		{"les États membres", "Member States", "Estados miembros"},
		{"aux Nations Unies", "United Nations", "Naciones Unidas"},
		{"Nouvel agenda urbain", "New Urban Agenda", "Nueva Agenda Urbana"},
		{"Malines", "Mechelen", "Malinas"},
		{"Tunis", "Tunis", "Túnez"},
		{"Pacte mondial sur les migrations", "Global Compact for Safe, Orderly and Regular Migration", "Pacto Mundial para la Migración Segura, Ordenada y Regular"},
		{"les pays d'origine", "country of origin", "país de origen"}, // pays is the same in the plural: the number cannot be told
	}
	for _, tc := range cases {
		t.Run(tc.source, func(t *testing.T) {
			hits := m.Match(tc.source)
			require.Len(t, hits, 1, render(hits))
			got, term := hits[0].Target(en)
			require.NotNil(t, term)
			assert.Equal(t, tc.en, got)
			got, _ = hits[0].Target(es)
			assert.Equal(t, tc.es, got)
		})
	}
	hits := m.Match("l'OIM")
	got, term := hits[0].Target(language.German)
	assert.Equal(t, "", got, "no term in German")
	assert.Nil(t, term)
}

func TestVerify(t *testing.T) {
	tb := loadShipped(t)
	src := NewMatcher(tb, fr)
	tgt := map[string]*Matcher{"en": NewMatcher(tb, en), "es": NewMatcher(tb, es)}
	cases := []struct {
		name, source, lang, target string
		want                       Outcome
	}{
		{"acronym rendered", "CGLU a lancé", "en", "UCLG launched", Rendered},
		{"French acronym left in English", "CGLU a lancé", "en", "CGLU launched", Forbidden},
		{"preferred and forbidden together", "CGLU a lancé", "en", "UCLG (CGLU) launched", Forbidden},
		{"term dropped", "CGLU a lancé", "en", "The network launched", Missing},
		{"full form for an acronym is fine", "CGLU a lancé", "en", "United Cities and Local Governments launched", Rendered},
		{"Spanish keeps the acronym", "CGLU a lancé", "es", "CGLU lanzó", Rendered},
		{"admitted variant", "avec ONU-Habitat", "es", "con ONU-Hábitat", Rendered},
		{"preferred form", "avec ONU-Habitat", "es", "con ONU-Habitat", Rendered},
		{"all capitals are deprecated", "avec ONU-Habitat", "es", "con ONU-HÁBITAT", Forbidden},
		{"French name in English", "avec ONU-Habitat", "en", "with ONU-Habitat", Forbidden},
		{"English name", "avec ONU-Habitat", "en", "with UN-Habitat", Rendered},
		{"Spanish name of Mechelen in English", "à Malines", "en", "in Malinas", Forbidden},
		{"Mechelen", "à Malines", "en", "in Mechelen", Rendered},
		{"the country for the city", "la maire de Tunis", "en", "the mayor of Tunisia", Missing},
		{"the city", "la maire de Tunis", "en", "the mayor of Tunis", Rendered},
		{"Spanish homonym counts for the city", "la maire de Tunis", "es", "la alcaldesa de Túnez", Rendered},
		{"ambiguous hits are not enforced", "à Vienne", "en", "in Vienne", NotEnforced},
		{"inflected target", "des gouvernements locaux", "en", "of local governments", Rendered},
		{"inflected Spanish target", "des gouvernements locaux", "es", "de los gobiernos locales", Rendered},
		{"deprecated wording", "la migration irrégulière", "en", "illegal migration", Forbidden},
		{"recommended wording", "la migration irrégulière", "en", "irregular migration", Rendered},
		{"nested target term counts", "l'ONU", "es", "el Programa de las Naciones Unidas para los Asentamientos Humanos", Rendered},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hits := src.Match(tc.source)
			require.NotEmpty(t, hits)
			var last Hit
			for _, h := range hits {
				last = h
			}
			vs := tgt[tc.lang].Verify([]Hit{last}, tc.target)
			require.Len(t, vs, 1)
			assert.Equal(t, tc.want, vs[0].Outcome, "%s → %s", tc.source, tc.target)
			assert.Equal(t, tc.want == Rendered || tc.want == NotEnforced, vs[0].OK())
			if tc.want == Forbidden {
				require.NotEmpty(t, vs[0].Forbidden)
				f := vs[0].Forbidden[0]
				assert.Equal(t, tc.target[f.Span.Start:f.Span.End], f.Text, "positions are into the target")
			}
		})
	}
}

func TestVerifyNoTarget(t *testing.T) {
	tb := &Termbase{}
	c := &Concept{ID: "only-fr"}
	c.Add(fr, &Term{Text: "Vague d'action"})
	c.Add(en, &Term{Text: "Wave of action", Status: Deprecated})
	tb.Concepts = append(tb.Concepts, c)
	hits := NewMatcher(tb, fr).Match("la Vague d’action")
	require.Len(t, hits, 1)
	vs := NewMatcher(tb, en).Verify(hits, "the wave")
	require.Len(t, vs, 1)
	assert.Equal(t, NoTarget, vs[0].Outcome)
	assert.Equal(t, "no-target", vs[0].Outcome.String())
	assert.Nil(t, NewMatcher(tb, en).Verify(nil, "x"))
}
