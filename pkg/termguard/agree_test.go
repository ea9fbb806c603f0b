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
		// A required article the engine left out.
		{"de ", uk, "del "},
		{"a ", uk, "al "},
		{"en ", uk, "en el "},
		{"", uk, "el "},
		{"Desde ", uk, "Desde el "},
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

func TestContractSpanish(t *testing.T) {
	tests := []struct {
		before, target string
		want           string
	}{
		{"según ", "el Sr. Dupont", "según el Sr. Dupont"},
		{"la carta de ", "el Sr. Dupont", "la carta del Sr. Dupont"},
		{"se lo dijo a ", "el Sr. Dupont", "se lo dijo al Sr. Dupont"},
		{"De ", "el Sr. Dupont", "Del Sr. Dupont"},
		{"la carta de ", "la Sra. García", "la carta de la Sra. García"},
		{"la carta del ", "la Sra. García", "la carta de la Sra. García"},
		{"dijo a ", "los Sres. Durand", "dijo a los Sres. Durand"},
		{"con el ", "la Sra. García", "con la Sra. García"},
		{"", "la Sra. García", "la Sra. García"},
		// A rendering without an article, or a capitalised one (a name:
		// "de El Salvador"), is left as it is.
		{"de ", "Maître Leroy", "de Maître Leroy"},
		{"de ", "El Salvador", "de El Salvador"},
		{"ella ", "la Sra. García", "ella la Sra. García"},
	}
	for _, tt := range tests {
		b, target := contractSpanish(tt.before, tt.target)
		assert.Equal(t, tt.want, b+target, "%q + %q", tt.before, tt.target)
	}
}

func TestAgreeEnglish(t *testing.T) {
	none, req, opt := glossary.ArticleNone, glossary.ArticleRequired, glossary.ArticleOptional
	tests := []struct {
		before string
		use    glossary.ArticleUse
		want   string
	}{
		{"a report of the ", none, "a report of "},
		{"The ", none, ""},
		{"with (the ", none, "with ("},
		{"with ", none, "with "},
		{"a ", none, "a "},
		{"with ", req, "with the "},
		{"", req, "the "},
		{"(", req, "(the "},
		{"with the ", req, "with the "},
		{"with its ", req, "with its "},
		{"Italy's ", req, "Italy's "},
		{"with ", opt, "with "},
		{"with the ", opt, "with the "},
		{"with the ", "", "with the "},
		{"soothe ", none, "soothe "},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, agreeEnglish(tt.before, tt.use), "%q, %s", tt.before, tt.use)
	}
}
