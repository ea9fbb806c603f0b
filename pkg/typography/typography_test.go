package typography

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

func TestApply(t *testing.T) {
	cases := []struct {
		name, in, en, es, esCurly string
	}{
		{"colon", "Pour en savoir plus : la conférence", "Pour en savoir plus: la conférence", "Pour en savoir plus: la conférence", ""},
		{"no-break spaces", "Vraiment\u00a0? Oui\u202f! Ah\u00a0;", "Vraiment? Oui! Ah;", "Vraiment? Oui! Ah;", ""},
		{"guillemets", "le slogan « Tous migrants, tous citoyens »", "le slogan “Tous migrants, tous citoyens”", "le slogan «Tous migrants, tous citoyens»", "le slogan “Tous migrants, tous citoyens”"},
		{"no-break inside guillemets", "«\u00a0Oui\u00a0»", "“Oui”", "«Oui»", ""},
		{"uneven guillemets", "«Tous migrants, tous citoyens »", "“Tous migrants, tous citoyens”", "«Tous migrants, tous citoyens»", ""},
		{"narrow no-break space elsewhere", "10\u202f000 habitants", "10 000 habitants", "10 000 habitants", ""},
		{"nothing to do", "Already: fine; really! ok?", "Already: fine; really! ok?", "Already: fine; really! ok?", ""},
		{"url left alone", "https://example.org/?a=1", "https://example.org/?a=1", "https://example.org/?a=1", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.en, String(tc.in, language.English, Options{}))
			assert.Equal(t, tc.es, String(tc.in, language.Spanish, Options{}))
			if tc.esCurly != "" {
				assert.Equal(t, tc.esCurly, String(tc.in, language.Spanish, Options{SpanishQuotes: Curly}))
			}
			assert.Equal(t, tc.in, String(tc.in, language.French, Options{}), "French keeps its typography")
			assert.False(t, French(String(tc.in, language.English, Options{})), "no French typography left")
		})
	}
}

func TestApplyKeepsCodes(t *testing.T) {
	strong := &document.Code{ID: "1", Kind: document.Open, Data: "**"}
	end := &document.Code{ID: "1", Kind: document.Close, Data: "**"}
	c := document.Content{{Text: "« "}, {Code: strong}, {Text: "Tous"}, {Code: end}, {Text: " » : oui"}}
	got := Apply(c, language.English, Options{})
	assert.Equal(t, document.Content{{Text: "“"}, {Code: strong}, {Text: "Tous"}, {Code: end}, {Text: "”: oui"}}, got)
	assert.Equal(t, "« ", c[0].Text, "the input is not modified")
}

func TestFrench(t *testing.T) {
	assert.True(t, French("Oui !"))
	assert.True(t, French("« Oui»"))
	assert.True(t, French("10\u202f000"))
	assert.False(t, French("“Yes!”"))
}

func TestDates(t *testing.T) {
	cases := []struct {
		in, text, en, es string
	}{
		{"6 novembre 2017", "6 novembre 2017", "6 November 2017", "6 de noviembre de 2017"},
		{"du 7 au 8 novembre à Beyrouth", "du 7 au 8 novembre", "from 7 to 8 November", "del 7 al 8 de noviembre"},
		{"qui se tiendra du 16 au 17 novembre 2017, à Malines", "du 16 au 17 novembre 2017", "from 16 to 17 November 2017", "del 16 al 17 de noviembre de 2017"},
		{"Du 30 octobre au 2 novembre 2017", "Du 30 octobre au 2 novembre 2017", "from 30 October to 2 November 2017", "del 30 de octubre al 2 de noviembre de 2017"},
		{"les 7 et 8 décembre", "7 et 8 décembre", "7 and 8 December", "7 y 8 de diciembre"},
		{"le 1er mars 2018", "1er mars 2018", "1 March 2018", "1 de marzo de 2018"},
		{"en juin 2017, visant", "juin 2017", "June 2017", "junio de 2017"},
		{"le 14\u00a0juillet", "14\u00a0juillet", "14 July", "14 de julio"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			en := Dates(tc.in, language.English)
			if assert.Len(t, en, 1) {
				assert.Equal(t, tc.text, en[0].Text)
				assert.Equal(t, tc.text, tc.in[en[0].Span.Start:en[0].Span.End])
				assert.Equal(t, tc.en, en[0].Target)
			}
			es := Dates(tc.in, language.Spanish)
			if assert.Len(t, es, 1) {
				assert.Equal(t, tc.es, es[0].Target)
			}
		})
	}
	for _, none := range []string{"42 migrants", "45 mars", "l'an 2030", "mai", "Il vienne en mai."} {
		assert.Empty(t, Dates(none, language.English), "%q has no date", none)
	}
	assert.Nil(t, Dates("6 novembre 2017", language.German), "no rendering for other languages")
	spans, targets := DateSpans("du 7 au 8 novembre et le 6 novembre 2017", language.English)
	assert.Equal(t, []document.Span{{Start: 0, End: 18}, {Start: 25, End: 40}}, spans)
	assert.Equal(t, []string{"from 7 to 8 November", "6 November 2017"}, targets)
}
