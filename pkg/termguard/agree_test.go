package termguard

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/relais-tm/relais/pkg/glossary"
)

func TestAgreeSpanish(t *testing.T) {
	oim := &glossary.Term{Text: "OIM", Gender: glossary.Feminine, Number: glossary.Singular}
	onu := &glossary.Term{Text: "Naciones Unidas", Gender: glossary.Feminine, Number: glossary.Plural}
	gob := &glossary.Term{Text: "gobiernos locales", Gender: glossary.Masculine, Number: glossary.Plural}
	foro := &glossary.Term{Text: "Foro", Gender: glossary.Masculine}
	us := &glossary.Term{Text: "Estados Unidos", Gender: glossary.Masculine, Number: glossary.Plural, Article: glossary.ArticleOptional}
	uk := &glossary.Term{Text: "Reino Unido", Gender: glossary.Masculine, Article: glossary.ArticleRequired}
	siria := &glossary.Term{Text: "Siria", Gender: glossary.Feminine, Article: glossary.ArticleNone}
	irak := &glossary.Term{Text: "Irak", Article: glossary.ArticleNone}
	unknown := &glossary.Term{Text: "MC2CM"}
	tests := []struct {
		before string
		term   *glossary.Term
		want   string
	}{
		// Feminine singular.
		{"el director de el ", oim, "el director de la "},
		{"el director del ", oim, "el director de la "},
		{"se dirige al ", oim, "se dirige a la "},
		{"se dirige a el ", oim, "se dirige a la "},
		{"según el ", oim, "según la "},
		{"según la ", oim, "según la "},
		{"El ", oim, "La "},
		{"con un ", oim, "con una "},
		{"los ", oim, "la "},
		// Feminine plural.
		{"los ", onu, "las "},
		{"de los ", onu, "de las "},
		{"del ", onu, "de las "},
		{"al ", onu, "a las "},
		{"Los ", onu, "Las "},
		{"unos ", onu, "unas "},
		{"las ", onu, "las "},
		// Masculine plural.
		{"las ", gob, "los "},
		{"de las ", gob, "de los "},
		{"a las ", gob, "a los "},
		{"la ", gob, "los "},
		{"unas ", gob, "unos "},
		// Masculine singular: contractions.
		{"de la ", foro, "del "},
		{"a la ", foro, "al "},
		{"la ", foro, "el "},
		{"una ", foro, "un "},
		{"del ", foro, "del "},
		// Optional and required articles agree when written.
		{"las ", us, "los "},
		{"de las ", us, "de los "},
		{"en ", us, "en "},
		{"la ", uk, "el "},
		{"de la ", uk, "del "},
		{"a la ", uk, "al "},
		// No article: the engine's goes, its contraction undone.
		{"la ", siria, ""},
		{"La ", siria, ""},
		{"de la ", siria, "de "},
		{"en la ", siria, "en "},
		{"del ", irak, "de "},
		{"al ", irak, "a "},
		{"el ", irak, ""},
		{"hacia (la ", siria, "hacia ("},
		// Left alone.
		{"en ", siria, "en "},
		{"la ", unknown, "la "},
		{"una ", irak, "una "},
		{"ella ", oim, "ella "},
		{"Isla ", foro, "Isla "},
		{"", oim, ""},
	}
	for _, tt := range tests {
		t.Run(tt.before+tt.term.Text, func(t *testing.T) {
			assert.Equal(t, tt.want, agreeSpanish(tt.before, tt.term))
		})
	}
}
