package glossary

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAgreeSpanish(t *testing.T) {
	oim := &Term{Text: "OIM", Gender: Feminine, Number: Singular}
	onu := &Term{Text: "Naciones Unidas", Gender: Feminine, Number: Plural}
	gob := &Term{Text: "gobiernos locales", Gender: Masculine, Number: Plural}
	foro := &Term{Text: "Foro", Gender: Masculine}
	us := &Term{Text: "Estados Unidos", Gender: Masculine, Number: Plural, Article: ArticleOptional}
	uk := &Term{Text: "Reino Unido", Gender: Masculine, Article: ArticleRequired}
	siria := &Term{Text: "Siria", Gender: Feminine, Article: ArticleNone}
	irak := &Term{Text: "Irak", Article: ArticleNone}
	unknown := &Term{Text: "MC2CM"}
	ods := &Term{Text: "ODS", Gender: Masculine}
	tests := []struct {
		before string
		term   *Term
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
		// Number unknown: the one written stays, the gender agrees.
		{"los ", ods, "los "},
		{"las ", ods, "los "},
		{"de las ", ods, "de los "},
		{"la ", ods, "el "},
		{"de la ", ods, "del "},
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

func TestAgreeEnglish(t *testing.T) {
	en := language.English
	uclg := &Term{Lang: en, Text: "UCLG", Article: ArticleNone}
	turkiye := &Term{Lang: en, Text: "Türkiye", Article: ArticleNone}
	uk := &Term{Lang: en, Text: "United Kingdom", Article: ArticleRequired}
	me := &Term{Lang: en, Text: "Middle East", Article: ArticleRequired}
	iom := &Term{Lang: en, Text: "IOM", Article: ArticleOptional}
	unknown := &Term{Lang: en, Text: "ICLEI"}
	tests := []struct {
		before string
		term   *Term
		after  string
		want   string
	}{
		// No article: the engine's "the" goes, whatever its case.
		{"a report of the ", uclg, ".", "a report of "},
		{"The ", uclg, " has", ""},
		{"the ", uclg, " and the IOM", ""},
		{"the ", uclg, " said", ""},
		{"The ", uclg, ".", ""},
		{"with (the ", uclg, ")", "with ("},
		{"members of the ", uclg, ", and", "members of "},
		{"the ", turkiye, ".", ""},
		{"in the ", turkiye, ",", "in "},
		{"to the ", turkiye, ";", "to "},
		{"the ", uclg, "'s report", ""},
		{"the ", uclg, "’s report", ""},
		// Other determiners stay: they are not the engine's article.
		{"with ", uclg, ".", "with "},
		{"a ", uclg, ".", "a "},
		{"this ", uclg, ".", "this "},
		{"soothe ", uclg, ".", "soothe "},
		{"", uclg, ".", ""},
		// Required: written where a noun phrase starts.
		{"with ", uk, ".", "with the "},
		{"of ", uk, ".", "of the "},
		{"in ", me, ",", "in the "},
		{"from ", me, ".", "from the "},
		{"", uk, " is", "the "},
		{"(", uk, ")", "(the "},
		{"“", uk, "”", "“the "},
		{"said: ", uk, ".", "said: the "},
		{"France and ", uk, ".", "France and the "},
		{"Spain or ", uk, ".", "Spain or the "},
		{"between ", me, " and", "between the "},
		// Required, and already there or another determiner there.
		{"with the ", uk, ".", "with the "},
		{"with its ", uk, ".", "with its "},
		{"Italy's ", uk, ".", "Italy's "},
		{"The ", me, ".", "The "},
		// Required, but not where a noun phrase starts.
		{"the southern ", me, ".", "the southern "},
		{"a wider ", me, ".", "a wider "},
		// Before a word, the term modifies it, and the article is that
		// word's.
		{"the ", uclg, " campaign", "the "},
		{"the ", uclg, " World Council", "the "},
		{"the ", turkiye, " 2023 census", "the "},
		{"with ", uk, " agencies", "with "},
		{"of ", me, " peace talks", "of "},
		// Optional or unknown: the engine's choice.
		{"with ", iom, ".", "with "},
		{"with the ", iom, ".", "with the "},
		{"with the ", unknown, ".", "with the "},
		{"with ", unknown, ".", "with "},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.term.ArticleBefore(tt.before, tt.after), "%q %s %q", tt.before, tt.term.Text, tt.after)
	}
}

func TestArticleUnknown(t *testing.T) {
	es := language.Spanish
	ods := &Term{Lang: es, Text: "ODS"}
	assert.True(t, ods.ArticleUnknown("cumplir los "))
	assert.True(t, ods.ArticleUnknown("del "))
	assert.False(t, ods.ArticleUnknown("cumplir "))
	assert.False(t, (&Term{Lang: es, Text: "OIM", Gender: Feminine}).ArticleUnknown("la "), "the gender says")
	assert.False(t, (&Term{Lang: es, Text: "Irak", Article: ArticleNone}).ArticleUnknown("el "), "no article: it goes")
	assert.False(t, (&Term{Lang: language.English, Text: "SDG"}).ArticleUnknown("the "), "English has one article")
}

func TestParticipleAfter(t *testing.T) {
	es, fr := language.Spanish, language.French
	agenda := &Term{Lang: es, Text: "Agenda 2030", Gender: Feminine, Number: Singular}
	programme := &Term{Lang: fr, Text: "Programme 2030", Gender: Masculine, Number: Singular}
	naciones := &Term{Lang: es, Text: "Naciones Unidas", Gender: Feminine, Number: Plural}
	onu := &Term{Lang: fr, Text: "ONU", Gender: Feminine, Number: Singular}
	tests := []struct {
		after string
		term  *Term
		from  *Term
		want  string
	}{
		{" adoptado en 2015", agenda, programme, " adoptada en 2015"},
		{", adoptado en 2015", agenda, programme, ", adoptada en 2015"},
		{" fue adoptado en 2015", agenda, programme, " fue adoptada en 2015"},
		{" ha sido revisado", agenda, programme, " ha sido revisada"},
		{" está concebido para", agenda, programme, " está concebida para"},
		{" reunida en Nueva York", naciones, onu, " reunidas en Nueva York"},
		// Left alone: a compound tense, a participle that already agrees
		// or agrees with neither, no participle, nothing known.
		{" ha adoptado un plan", agenda, programme, " ha adoptado un plan"},
		{" adoptada en 2015", agenda, programme, " adoptada en 2015"},
		{" adoptados en 2015", agenda, programme, " adoptados en 2015"},
		{" prevé un plan", agenda, programme, " prevé un plan"},
		{" todo", agenda, programme, " todo"},
		{" adoptado", agenda, nil, " adoptado"},
		{" adoptado", &Term{Lang: es, Text: "ODS"}, programme, " adoptado"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.term.ParticipleAfter(tt.after, tt.from), "%q", tt.after)
	}
}

func TestCommonGender(t *testing.T) {
	m := NewMatcher(loadShipped(t), language.French)
	for text, want := range map[string]string{
		"les migrants":         "los ",
		"les migrantes":        "las ",
		"une migrante":         "la ",
		"un demandeur d'asile": "el ",
	} {
		hits := m.Match(text)
		require.NotEmpty(t, hits, text)
		_, term := hits[0].Target(language.Spanish)
		assert.Equal(t, want, term.ArticleBefore("el ", ""), "%s: the article agrees with the source form's gender", text)
	}
	// In a target text, "migrante" alone says no gender: the article is
	// left as written.
	migrante := &Term{Lang: language.Spanish, Text: "migrante", Gender: OtherGender}
	assert.Equal(t, "la ", migrante.ArticleBefore("la ", ""))
	assert.Equal(t, "el ", migrante.ArticleBefore("el ", ""))
	assert.False(t, migrante.ArticleUnknown("la "), "the referent decides, not the termbase")
}
