package glossary

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

func TestTermSwap(t *testing.T) {
	tb := loadShipped(t)
	fr, en, es := NewMatcher(tb, language.French), NewMatcher(tb, language.English), NewMatcher(tb, language.Spanish)
	cases := []struct {
		name, old, new, target string
		tgt                    *Matcher
		lang                   language.Tag
		from, to               string
		ok                     bool
	}{
		{"a city", "Les maires se réunissent à Lyon.", "Les maires se réunissent à Madrid.", "Mayors meet in Lyon.", en, language.English, "Lyon", "Madrid", true},
		{"a city renamed", "Le forum a lieu à Malines.", "Le forum a lieu à Genève.", "El foro tiene lugar en Malinas.", es, language.Spanish, "Malinas", "Ginebra", true},
		{"an organisation", "Un accord avec ONU-Habitat.", "Un accord avec CGLU.", "An agreement with UN-Habitat.", en, language.English, "UN-Habitat", "UCLG", true},
		{"a country", "Les villes de Tunisie accueillent des réfugiés.", "Les villes de Jordanie accueillent des réfugiés.", "Las ciudades de Túnez acogen refugiados.", es, language.Spanish, "Túnez", "Jordania", true},
		// Refused: the article differs too ("de l'", "du": the target's
		// would have to agree), another word differs, two concepts do, the
		// term is not in the target or is there twice, no term differs.
		{"the article differs too", "Le rapport de l'OIM est publié.", "Le rapport du HCR est publié.", "The IOM report is published.", en, language.English, "", "", false},
		{"the contraction differs too", "Les villes du Liban.", "Les villes de Jordanie.", "Las ciudades del Líbano.", es, language.Spanish, "", "", false},
		{"another word differs too", "Les maires se réunissent à Lyon.", "Les élus se réunissent à Madrid.", "Mayors meet in Lyon.", en, language.English, "", "", false},
		{"two concepts differ", "Lyon et Tunis.", "Madrid et Amman.", "Lyon and Tunis.", en, language.English, "", "", false},
		{"the term is not in the target", "Les maires se réunissent à Lyon.", "Les maires se réunissent à Madrid.", "Mayors meet in the city.", en, language.English, "", "", false},
		{"the term twice in the target", "Réunion à Lyon.", "Réunion à Madrid.", "Lyon meeting in Lyon.", en, language.English, "", "", false},
		{"no term differs", "Les maires se réunissent.", "Les élus se réunissent.", "Mayors meet.", en, language.English, "", "", false},
	}
	for _, tc := range cases {
		from, to, ok := TermSwap(fr, tc.tgt, tc.old, tc.new, tc.target, tc.lang)
		assert.Equal(t, tc.ok, ok, tc.name)
		assert.Equal(t, tc.from, from, tc.name)
		assert.Equal(t, tc.to, to, tc.name)
	}
}
