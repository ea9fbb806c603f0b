package typography

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// render applies the rendered numbers of a French text in place, as the
// term guard does after the engine.
func render(text string, lang language.Tag) string {
	spans, targets := FixedSpans(text, lang)
	var b strings.Builder
	at := 0
	for i, s := range spans {
		b.WriteString(text[at:s.Start])
		b.WriteString(targets[i])
		at = s.End
	}
	return b.String() + text[at:]
}

func TestNumbers(t *testing.T) {
	en, es := language.English, language.Spanish
	tests := []struct {
		src, en, es string
	}{
		// Decimal comma.
		{"1,5 million", "1.5 million", "1,5 million"},
		{"0,25 point", "0.25 point", "0,25 point"},
		{"soit 12,75 euros.", "soit 12.75 euros.", "soit 12,75 euros."},
		// Grouped digits: space, no-break space, narrow no-break space.
		{"10 000 000 habitants", "10,000,000 habitants", "10\u00a0000\u00a0000 habitants"},
		{"1 000 personnes", "1,000 personnes", "1000 personnes"},
		{"1\u00a0000 personnes", "1,000 personnes", "1000 personnes"},
		{"25\u202f000 migrants", "25,000 migrants", "25\u00a0000 migrants"},
		{"123 456,78 dollars", "123,456.78 dollars", "123\u00a0456,78 dollars"},
		// Percentages.
		{"3,6 %", "3.6%", "3,6\u00a0%"},
		{"3,6\u00a0% des votes", "3.6% des votes", "3,6\u00a0% des votes"},
		{"50 % des villes", "50% des villes", "50\u00a0% des villes"},
		{"12,5% du total", "12.5% du total", "12,5\u00a0% du total"},
		{"(3,6 %)", "(3.6%)", "(3,6\u00a0%)"},
		// Left alone.
		{"en 2017, 2018 et 2019", "en 2017, 2018 et 2019", "en 2017, 2018 et 2019"},
		{"42 villes", "42 villes", "42 villes"},
		{"la version 1.2.3", "la version 1.2.3", "la version 1.2.3"},
		{"la version 1,2,3", "la version 1,2,3", "la version 1,2,3"},
		{"à 14 h 30", "à 14 h 30", "à 14 h 30"},
		{"à 14:30", "à 14:30", "à 14:30"},
		{"appelez le 01 23 45 67 89", "appelez le 01 23 45 67 89", "appelez le 01 23 45 67 89"},
		{"le code 01 234 567", "le code 01 234 567", "le code 01 234 567"},
		{"ISO 9001", "ISO 9001", "ISO 9001"},
		{"https://x.org/a/1,5", "https://x.org/a/1,5", "https://x.org/a/1,5"},
		{"v1,5", "v1,5", "v1,5"},
		{"ID-1 000", "ID-1 000", "ID-1 000"},
		{"1,5.2", "1,5.2", "1,5.2"},
		{"item_1,5", "item_1,5", "item_1,5"},
		// Centuries and millennia.
		{"le XXIe siècle", "le 21st century", "le siglo XXI"},
		{"au XIXe siècle", "au 19th century", "au siglo XIX"},
		{"les XIXe et XXe siècles", "les 19th and 20th centuries", "les siglos XIX y XX"},
		{"le IIIe millénaire", "le 3rd millennium", "le milenio III"},
		{"le Ier siècle", "le 1st century", "le siglo I"},
		{"le XIIe siècle", "le 12th century", "le siglo XII"},
		{"le XXIIe siècle", "le 22nd century", "le siglo XXII"},
		{"le XXIe", "le XXIe", "le XXIe"},
		{"le IIIIe siècle", "le IIIIe siècle", "le IIIIe siècle"},
		// A number inside a date is the date's.
		{"le 6 novembre 2017", "le 6 November 2017", "le 6 de noviembre de 2017"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			assert.Equal(t, tt.en, render(tt.src, en), "en")
			assert.Equal(t, tt.es, render(tt.src, es), "es")
		})
	}
	assert.Nil(t, Numbers("1,5", language.German), "other languages")
}

func TestFinish(t *testing.T) {
	tests := []struct {
		name, source, target, lang, want string
	}{
		{"a double space the engine left", "Ils se sont réunis à Genève.", "They have gathered  to Geneva.", "en", "They have gathered to Geneva."},
		{"three spaces", "Un mot.", "A   word.", "es", "A word."},
		{"the source's own double space stays", "Un  mot.", "A  word.", "en", "A  word."},
		{"a date that opens the sentence", "Le 11 décembre, plus de 80 maires se sont réunis.", "The 11 December, more than 80 mayors have gathered.", "en", "On 11 December, more than 80 mayors have gathered."},
		{"a date inside the sentence", "Il est consulté le 1er avril 2022 et depuis le 3 mai.", "It is consulted the 1 April 2022 and since the 3 May.", "en", "It is consulted 1 April 2022 and since 3 May."},
		{"a date that is the subject", "Le 6 novembre est une date.", "The 6 November is a date.", "en", "6 November is a date."},
		{"the Spanish article stays", "Le 11 décembre, les maires.", "El 11 de diciembre, los alcaldes.", "es", "El 11 de diciembre, los alcaldes."},
		{"only the source's own", "Framework :  La plupart ne génèrent pas de fichiers.", "Framework:  Most do not generate  files.", "es", "Framework:  Most do not generate files."},
		{"three spaces are one run", "Un   mot, un autre.", "A   word,  another.", "en", "A   word, another."},
		{"a source's no-break space before a space is French typography", "aux experts\u00a0 de discuter", "to the experts\u00a0 to discuss", "en", "to the experts to discuss"},
		{"a space before a full stop", "Les élus se réjouissent.", "The elect gladden .", "en", "The elect gladden."},
		{"a space before a comma", "Ainsi, rien.", "So , nothing.", "es", "So, nothing."},
		{"a space before a closing stop in quotes", "« Oui. »", "“Yes .”", "en", "“Yes.”"},
		{"a decimal after a blank stays", "Environ ,5 point.", "About .5 point.", "en", "About .5 point."},
		{"an ellipsis stays", "Et ...", "And ...", "en", "And ..."},
		{"French spacing before a colon", "Voici : un mot.", "Here : a word.", "en", "Here: a word."},
		{"a Spanish no-break space before percent stays", "3,6 %", "3,6\u00a0%", "es", "3,6\u00a0%"},
		{"a no-break space in English goes", "Le 3 mai.", "On 3\u202fMay.", "en", "On 3 May."},
		{"a Spanish question opens", "Pourquoi ?", "¿Por qué?", "es", "¿Por qué?"},
		{"a Spanish question without its opening mark", "Pourquoi ?", "Por qué?", "es", "¿Por qué?"},
		{"after a comma before an interrogative word", "Et vous, que pensez-vous ?", "Y vosotros, qué pensáis?", "es", "Y vosotros, ¿qué pensáis?"},
		{"after the sentence before", "Oui. Et vous ?", "Sí. Y vosotros?", "es", "Sí. ¿Y vosotros?"},
		{"inside quotes", "« Vraiment ! »", "«Realmente!»", "es", "«¡Realmente!»"},
		{"an exclamation opens", "Bravo !", "Bravo!", "es", "¡Bravo!"},
		{"a full stop inside a number ends no sentence", "Depuis la version 0.24 d'Hugo !", "Desde la versión 0.24 de Hugo!", "es", "¡Desde la versión 0.24 de Hugo!"},
		{"nor one inside an address", "Voir www.exemple.org maintenant !", "Ver www.ejemplo.org ahora!", "es", "¡Ver www.ejemplo.org ahora!"},
		{"a question mark inside an address asks nothing", "« Aide », https://a.org/?db=1.", "«Ayuda», https://a.org/?db=1.", "es", "«Ayuda», https://a.org/?db=1."},
		{"a sentence before", "C'est fait. Bravo !", "Está hecho. Bravo!", "es", "Está hecho. ¡Bravo!"},
		{"an exclamation quoted inside the sentence", "« Attendez ! » a-t-elle dit.", "«Esperad!» ha dicho.", "es", "«¡Esperad!» ha dicho."},
		{"two questions", "Qui ? Quand ?", "Quién? Cuándo?", "es", "¿Quién? ¿Cuándo?"},
		{"a question already opened", "Qui ?", "¿Quién?", "es", "¿Quién?"},
		{"an English question is left alone", "Pourquoi ?", "Why?", "en", "Why?"},
		{"a word the engine doubled", "At home, behind a VPN", "En en casa, detrás de un VPN", "es", "En casa, detrás de un VPN"},
		{"another", "ou regardez-les ;", "or look them them;", "en", "or look them;"},
		{"twice in one segment", "Ils vont à la maison de la ville.", "They go to to the house of of the town.", "en", "They go to the house of the town."},
		{"a grammatical repetition stays", "Ce qu'il avait eu.", "What he had had.", "en", "What he had had."},
		{"a French reflexive the engine doubled", "Nous nous réunissons à Lyon.", "We we meet in Lyon.", "en", "We meet in Lyon."},
		{"the source's own repetition of the same word stays", "Generate a a project, then open it.", "Generate a a project, then open it.", "en", "Generate a a project, then open it."},
		{"words apart, or a name, stay", "Oui, oui. Le format A4 A4.", "Yes, yes. The format A4 A4.", "en", "Yes, yes. The format A4 A4."},
		{"other languages are left alone", "Un  mot .", "Ein  Wort .", "de", "Ein  Wort ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Finish(document.Text(tt.source), document.Text(tt.target), language.Make(tt.lang), Options{})
			assert.Equal(t, tt.want, got.Plain())
		})
	}
	t.Run("blanks on both sides of a code are no run of the source's", func(t *testing.T) {
		code := &document.Code{ID: "1", Kind: document.Standalone, Type: "code", Data: "`0:n`"}
		source := document.Content{{Text: "à "}, {Code: code}, {Text: " mains, pas même un"}}
		target := document.Content{{Text: "to "}, {Code: code}, {Text: " hands,  even a"}}
		got := Finish(source, target, language.English, Options{})
		assert.Equal(t, "to  hands, even a", got.Plain(), "the engine's double space goes")
	})
	t.Run("the opening mark goes before a code that starts the question", func(t *testing.T) {
		code := &document.Code{ID: "1", Kind: document.Open, Type: "fmt:strong"}
		end := &document.Code{ID: "1", Kind: document.Close, Type: "fmt:strong"}
		target := document.Content{{Code: code}, {Text: "Por qué"}, {Code: end}, {Text: "?"}}
		got := Finish(document.Text("Pourquoi ?"), target, language.Spanish, Options{})
		assert.Equal(t, document.Content{{Text: "¿"}, {Code: code}, {Text: "Por qué"}, {Code: end}, {Text: "?"}}, got)
	})
	t.Run("codes are kept", func(t *testing.T) {
		code := &document.Code{ID: "1", Kind: document.Standalone, Type: "code"}
		target := document.Content{{Text: "See  "}, {Code: code}, {Text: " ."}}
		got := Finish(document.Text("Voir x."), target, language.English, Options{})
		assert.Same(t, code, got[1].Code)
		assert.Equal(t, "See ", got[0].Text)
	})
}

func TestIdentifiers(t *testing.T) {
	text := "Les algorithmes DES, 3DES, MD5 et SHA-256, l'IPv6, le G20 et la COVID-19 ; pas 2e, ni XXIe, ni 10 000, ni abc12, ni é3D, ni LES VILLES, ni UN."
	var got []string
	for _, r := range Identifiers(text, language.English) {
		assert.Equal(t, r.Text, text[r.Span.Start:r.Span.End])
		assert.Equal(t, r.Text, r.Target, "written as it is")
		got = append(got, r.Text)
	}
	assert.Equal(t, []string{"DES", "3DES", "MD5", "SHA-256", "IPv6", "G20", "COVID-19"}, got)
	assert.Empty(t, Identifiers("AVIS", language.English), "a title alone")
	spans, targets := FixedSpans("Le chiffrement 3DES est obsolète.", language.Spanish)
	assert.Equal(t, []string{"3DES"}, targets, "hidden from the engine")
	assert.Len(t, spans, 1)
}

// Technical names are hidden from the engine; an address holds its own
// (the one found first, Addresses, keeps it whole).
func TestNames(t *testing.T) {
	spans, targets := FixedSpans("L'enregistrement _xmpp-client._tcp pointe vers votre.domaine.tld, voir https://yunohost.org/dns_config.", language.Spanish)
	assert.Equal(t, []string{"_xmpp-client._tcp", "votre.domaine.tld", "https://yunohost.org/dns_config"}, targets)
	assert.Len(t, spans, 3)
	assert.Empty(t, Names("Fin de la phrase. M. Dupont, c.-à-d. 3.14.", language.English))
}

func TestAddresses(t *testing.T) {
	text := "Voir https://heuristplus.sydney.edu.au/heurist/?db=Heurist_Help_System&id=39. Ou (www.uclg.org), écrire à contact@uclg.org !"
	var got []string
	for _, r := range Addresses(text, language.English) {
		assert.Equal(t, r.Text, r.Target)
		got = append(got, r.Text)
	}
	assert.Equal(t, []string{"https://heuristplus.sydney.edu.au/heurist/?db=Heurist_Help_System&id=39", "www.uclg.org", "contact@uclg.org"}, got)
}
