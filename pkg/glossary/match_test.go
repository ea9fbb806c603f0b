package glossary

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// rulesTermbase is the small termbase the matching rules are tested on.
func rulesTermbase(t testing.TB) *Termbase {
	t.Helper()
	f, err := os.Open("testdata/rules.tsv")
	require.NoError(t, err)
	defer f.Close()
	tb, err := ReadTSV("testdata/rules.tsv", f)
	require.NoError(t, err)
	return tb
}

// render writes hits compactly: "text=concept" with marks: +pl (plural
// form), +f (feminine form), ? (ambiguous), ~ (folded), ^ (nested), and
// "lead=N" when an article or contraction leads the span.
func render(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		s := h.Text + "=" + h.Concept.ID
		if h.Number == Plural && h.Term.Number != Plural {
			s += "+pl"
		}
		if h.Gender == Feminine && h.Term.Gender != Feminine {
			s += "+f"
		}
		if h.Ambiguous {
			s += "?"
		}
		if h.Folded {
			s += "~"
		}
		if h.Nested {
			s += "^"
		}
		if h.Lead > 0 {
			s += " lead=" + h.Text[:h.Lead]
		}
		out = append(out, s)
	}
	return out
}

func TestMatchRules(t *testing.T) {
	tb := rulesTermbase(t)
	fr, en, es := NewMatcher(tb, language.French), NewMatcher(tb, language.English), NewMatcher(tb, language.Spanish)
	frFold := NewMatcher(tb, language.French, WithDiacriticFolding())
	cases := []struct {
		name string
		m    *Matcher
		all  bool // MatchAll
		text string
		want []string
	}{
		// Acronyms, word boundaries and case.
		{"acronym alone", fr, false, "L'OIM publie.", []string{"OIM=oim"}},
		{"acronym inside a longer word", fr, false, "Le port de COIMBRA", []string{}},
		{"acronym followed by letters", fr, false, "Les OIMS", []string{}},
		{"acronym followed by digits", fr, false, "OIM2030", []string{}},
		{"acronym in lower case is not the acronym", fr, false, "oim", []string{}},
		{"acronym capitalized is not the acronym", fr, false, "Oim", []string{}},
		{"acronym elided in lower case", fr, false, "l'oim", []string{}},
		{"acronym between brackets", fr, false, "(OIM)", []string{"OIM=oim"}},
		{"acronym then hyphenated word", fr, false, "OIM-Genève", []string{"OIM=oim", "Genève=geneva"}},
		{"English acronym is case-sensitive", en, false, "un plan of the UN", []string{"UN=un"}},
		{"English possessive", en, false, "the UN's plan", []string{"UN=un"}},
		{"acronym WHO is not who", en, false, "who decides? WHO.", []string{"WHO=who"}},
		{"explicit case rule on a short form; a hyphen separates words", en, false, "UN-HABITAT and UN-Habitat", []string{"UN=un", "UN-Habitat=onu-habitat"}},
		{"full form is case-insensitive", fr, false, "ORGANISATION INTERNATIONALE POUR LES MIGRATIONS", []string{"ORGANISATION INTERNATIONALE POUR LES MIGRATIONS=oim"}},
		{"full form in title case", fr, false, "Organisation Internationale pour les Migrations", []string{"Organisation Internationale pour les Migrations=oim"}},
		{"short form in lower case", fr, false, "onu-habitat", []string{"onu-habitat=onu-habitat"}},
		// Elision.
		{"elision with a typewriter apostrophe", fr, false, "l'OIM", []string{"OIM=oim"}},
		{"elision with U+2019", fr, false, "l’OIM", []string{"OIM=oim"}},
		{"elision with U+02BC", fr, false, "lʼOIM", []string{"OIM=oim"}},
		{"elision d'", fr, false, "le rôle d'ONU-Habitat", []string{"ONU-Habitat=onu-habitat"}},
		{"elision qu'", fr, false, "qu’ONU-Habitat soutient", []string{"ONU-Habitat=onu-habitat"}},
		{"elision jusqu'", fr, false, "jusqu'à l'OIM", []string{"OIM=oim"}},
		{"apostrophe inside a term", fr, false, "Programme de développement durable à l’horizon 2030", []string{"Programme de développement durable à l’horizon 2030=agenda-2030"}},
		{"apostrophe inside a term, elided article before", fr, false, "l'Agenda 2030", []string{"Agenda 2030=agenda"}},
		{"elided term word written out is another text", fr, false, "pays de origine", []string{}},
		// Hyphens, spaces, no-break spaces.
		{"hyphen as space", fr, false, "ONU Habitat", []string{"ONU Habitat=onu-habitat"}},
		{"hyphen as no-break space", fr, false, "ONU\u00a0Habitat", []string{"ONU\u00a0Habitat=onu-habitat"}},
		{"non-breaking hyphen", fr, false, "ONU\u2011Habitat", []string{"ONU\u2011Habitat=onu-habitat"}},
		{"hyphen between spaces", fr, false, "ONU - Habitat", []string{"ONU - Habitat=onu-habitat"}},
		{"words glued together are one word", fr, false, "ONUHabitat", []string{}},
		{"space as hyphen", fr, false, "main d'œuvre", []string{"main d'œuvre=labour"}},
		{"line break between words", fr, false, "gouvernement\nlocal", []string{"gouvernement\nlocal=gl"}},
		{"narrow no-break space", fr, false, "Nations\u202fUnies", []string{"Nations\u202fUnies=un"}},
		{"soft hyphen inside a word", fr, false, "gouver\u00adnement local", []string{"gouver\u00adnement local=gl"}},
		{"ligature written out", fr, false, "la main-d'oeuvre", []string{"main-d'oeuvre=labour"}},
		// Longest match, nesting.
		{"longest match first", fr, false, "des gouvernements locaux et régionaux", []string{"gouvernements locaux et régionaux=glr+pl"}},
		{"nested hits with MatchAll", fr, true, "des gouvernements locaux et régionaux", []string{"gouvernements locaux et régionaux=glr+pl", "gouvernements locaux=gl+pl^"}},
		{"nested hit of the same concept is left out", fr, true, "Organisation des Nations Unies et ONU", []string{"Nations Unies=un", "ONU=un"}},
		{"two terms side by side", fr, false, "CGLU, l'OIM et ONU-Habitat", []string{"OIM=oim", "ONU-Habitat=onu-habitat"}},
		{"a longer term of a term that ends the text", fr, false, "gouvernement local et", []string{"gouvernement local=gl"}},
		{"short form inside a longer text", es, false, "la Agenda 2030 para el Desarrollo Sostenible", []string{"Agenda 2030 para el Desarrollo Sostenible=agenda-2030"}},
		// Inflection: French.
		{"French plural of a compound", fr, false, "gouvernements locaux et régionaux", []string{"gouvernements locaux et régionaux=glr+pl"}},
		{"French plural -al → -aux", fr, false, "les gouvernements locaux", []string{"gouvernements locaux=gl+pl"}},
		{"French plural stops at the preposition", fr, false, "organisations internationales pour les migrations", []string{"organisations internationales pour les migrations=oim+pl"}},
		{"French plural of an elided compound", fr, false, "les pays d'origine", []string{"pays d'origine=country-of-origin"}},
		{"French feminine", fr, false, "une migrante", []string{"migrante=migrant+f"}},
		{"French feminine plural", fr, false, "des migrantes", []string{"migrantes=migrant+pl+f"}},
		{"French masculine plural", fr, false, "des migrants", []string{"migrants=migrant+pl"}},
		{"French feminine of -é", fr, false, "les réfugiées", []string{"réfugiées=refugee+pl+f"}},
		{"French feminine of -eur", fr, false, "une demandeuse d’asile", []string{"demandeuse d’asile=asylum-seeker+f"}},
		{"French feminine of two words", fr, false, "travailleuses migrantes", []string{"travailleuses migrantes=migrant-worker+pl+f"}},
		{"French explicit feminine form", fr, false, "mineures non accompagnées", []string{"mineures non accompagnées=minor+pl+f"}},
		{"no feminine for a noun that has none", fr, false, "gouvernement locale", []string{}},
		{"French plural of État membre", fr, false, "les États membres", []string{"États membres=member-state+pl"}},
		{"a plural is not a longer word", fr, false, "gouvernementaux", []string{}},
		// Inflection: Spanish and English.
		{"Spanish plural of a compound", es, false, "los gobiernos locales y regionales", []string{"gobiernos locales y regionales=glr+pl"}},
		{"Spanish plural -ión → -iones", es, false, "las migraciones", []string{"migraciones=migration+pl"}},
		{"Spanish plural -ís", es, false, "los países de origen", []string{"países de origen=country-of-origin+pl"}},
		{"Spanish feminine plural", es, false, "las refugiadas", []string{"refugiadas=refugee+pl+f"}},
		{"Spanish feminine of -or", es, false, "trabajadoras migrantes", []string{"trabajadoras migrantes=migrant-worker+pl+f"}},
		{"Spanish explicit forms", es, false, "menores no acompañadas", []string{"menores no acompañadas=minor+pl+f"}},
		{"English plural of the head", en, false, "local and regional governments", []string{"local and regional governments=glr+pl"}},
		{"English plural before the preposition", en, false, "countries of origin", []string{"countries of origin=country-of-origin+pl"}},
		{"English plural -y → -ies", en, false, "cities and policies", []string{"cities=city+pl", "policies=policy+pl"}},
		{"English plural -x → -xes", en, false, "boxes", []string{"boxes=box+pl"}},
		{"English plural of person", en, false, "displaced persons", []string{"displaced persons=displaced+pl"}},
		{"English plural of a mass noun still found", en, false, "migrations", []string{"migrations=migration+pl"}},
		// Articles and contractions.
		{"contraction aux", fr, false, "aux Pays-Bas", []string{"aux Pays-Bas=netherlands lead=aux "}},
		{"contraction des", fr, false, "le gouvernement des Pays-Bas", []string{"des Pays-Bas=netherlands lead=des "}},
		{"article as written", fr, false, "les Pays-Bas", []string{"les Pays-Bas=netherlands lead=les "}},
		{"lower-case article may go", fr, false, "Pays-Bas : élections", []string{"Pays-Bas=netherlands"}},
		{"contraction au with a name's article", fr, false, "au Caire", []string{"au Caire=cairo lead=au "}},
		{"contraction du", fr, false, "la conférence du Caire", []string{"du Caire=cairo lead=du "}},
		{"contraction at a sentence start", fr, false, "Au Caire, la conférence", []string{"Au Caire=cairo lead=Au "}},
		{"a name's article does not go", fr, false, "Caire", []string{}},
		{"Spanish contraction del", es, false, "la conferencia del Cairo", []string{"del Cairo=cairo lead=del "}},
		{"Spanish contraction al", es, false, "viaje al Cairo", []string{"al Cairo=cairo lead=al "}},
		{"English article", en, false, "in the Netherlands and Netherlands-based", []string{"the Netherlands=netherlands lead=the ", "Netherlands=netherlands"}},
		// Diacritics and normalization.
		{"capital without its accent", fr, false, "Etats membres", []string{"Etats membres=member-state+pl"}},
		{"capitals without accents", fr, false, "ETATS MEMBRES", []string{"ETATS MEMBRES=member-state+pl"}},
		{"lower case without accent is a fault", fr, false, "etats membres", []string{}},
		{"lower case without accent, folded", frFold, false, "etats membres", []string{"etats membres=member-state+pl~"}},
		{"missing accent without folding", fr, false, "Geneve", []string{}},
		{"missing accent with folding", frFold, false, "Geneve", []string{"Geneve=geneva~"}},
		{"wrong accent with folding", frFold, false, "Genéve", []string{"Genéve=geneva~"}},
		{"decomposed text (NFD)", fr, false, "Gene\u0300ve", []string{"Gene\u0300ve=geneva"}},
		{"accent in a Spanish word", es, false, "Organización Internacional para las Migraciones", []string{"Organización Internacional para las Migraciones=oim"}},
		{"Spanish without accent is not found", es, false, "Organizacion Internacional para las Migraciones", []string{"Migraciones=migration+pl"}},
		{"Spanish without accent, folded", NewMatcher(tb, language.Spanish, WithDiacriticFolding()), false, "Organizacion Internacional para las Migraciones", []string{"Organizacion Internacional para las Migraciones=oim~"}},
		// Ambiguity and case-sensitive names.
		{"ambiguous concept is reported", fr, false, "à Vienne", []string{"Vienne=vienna?"}},
		{"case-sensitive name is not a verb", fr, false, "qu'il vienne", []string{}},
		{"case-sensitive name in capitals", fr, false, "VIENNE", []string{}},
		{"English name of an ambiguous concept", en, false, "Vienna", []string{"Vienna=vienna?"}},
		// Language tags.
		{"a regional matcher serves the language's terms", NewMatcher(tb, language.MustParse("fr-FR")), false, "l'OIM", []string{"OIM=oim"}},
		{"nothing in an empty text", fr, false, "", []string{}},
		{"nothing in punctuation", fr, false, "« … » ’ - —", []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var hits []Hit
			if tc.all {
				hits = tc.m.MatchAll(tc.text)
			} else {
				hits = tc.m.Match(tc.text)
			}
			assert.Equal(t, tc.want, render(hits))
			for _, h := range hits {
				assert.Equal(t, tc.text[h.Span.Start:h.Span.End], h.Text, "span and text agree")
			}
		})
	}
	require.GreaterOrEqual(t, len(cases), 60)
}

func TestMatchOffsets(t *testing.T) {
	m := NewMatcher(rulesTermbase(t), language.French)
	text := "À l’OIM et à l'ONU Habitat."
	hits := m.Match(text)
	require.Len(t, hits, 2)
	assert.Equal(t, 7, hits[0].Span.Start, "byte offsets: À and ’ take two and three bytes")
	assert.Equal(t, 10, hits[0].Span.End)
	assert.Equal(t, "ONU Habitat", text[hits[1].Span.Start:hits[1].Span.End])
}

func TestMatchRegionalTerms(t *testing.T) {
	tb := &Termbase{}
	c := &Concept{ID: "bus"}
	c.Add(language.MustParse("fr-CA"), &Term{Text: "autobus"})
	c.Add(language.MustParse("fr-FR"), &Term{Text: "car"})
	tb.Concepts = append(tb.Concepts, c)
	assert.Equal(t, []string{"autobus=bus"}, render(NewMatcher(tb, language.MustParse("fr-CA")).Match("autobus car")))
	assert.Equal(t, []string{"car=bus"}, render(NewMatcher(tb, language.MustParse("fr-FR")).Match("autobus car")))
	assert.Equal(t, []string{"autobus=bus", "car=bus"}, render(NewMatcher(tb, language.French).Match("autobus car")), "a bare tag serves every region")
}

func TestMatchOverride(t *testing.T) {
	shippedLike := &Termbase{}
	c := &Concept{ID: "un-habitat"}
	c.Add(language.French, &Term{Text: "ONU-Habitat"})
	c.Add(language.English, &Term{Text: "UN-Habitat"})
	shippedLike.Concepts = append(shippedLike.Concepts, c)
	project := &Termbase{}
	p := &Concept{ID: "habitat-project"}
	p.Add(language.French, &Term{Text: "ONU-Habitat"})
	p.Add(language.English, &Term{Text: "UN Habitat"})
	project.Concepts = append(project.Concepts, p)
	m := NewMatcher(Merge(shippedLike, project), language.French)
	hits := m.Match("ONU-Habitat")
	require.Len(t, hits, 1)
	assert.Equal(t, "habitat-project", hits[0].Concept.ID, "the project's termbase wins")
	require.Len(t, hits[0].Also, 1)
	assert.Equal(t, "un-habitat", hits[0].Also[0].Concept.ID)
}

func TestInflect(t *testing.T) {
	cases := []struct {
		lang           string
		text           string
		plural, female bool
		want           string
	}{
		{"fr", "gouvernement local et régional", true, false, "gouvernements locaux et régionaux"},
		{"fr", "Organisation internationale pour les migrations", true, false, "Organisations internationales pour les migrations"},
		{"fr", "travail", true, false, "travaux"},
		{"fr", "bureau", true, false, "bureaux"},
		{"fr", "pays", true, false, "pays"},
		{"fr", "festival", true, false, "festivals"},
		{"fr", "directeur", false, true, "directrice"},
		{"fr", "citoyen", false, true, "citoyenne"},
		{"fr", "ressortissant étranger", true, true, "ressortissantes étrangères"},
		{"fr", "port", false, true, "port"},
		{"es", "gobierno local", true, false, "gobiernos locales"},
		{"es", "migración", true, false, "migraciones"},
		{"es", "joven", true, false, "jóvenes"},
		{"es", "paz", true, false, "paces"},
		{"es", "crisis", true, false, "crisis"},
		{"es", "inglés", true, false, "ingleses"},
		{"es", "ciudadano", true, true, "ciudadanas"},
		{"es", "gobierno", false, true, "gobierno"},
		{"en", "local and regional government", true, false, "local and regional governments"},
		{"en", "country of origin", true, false, "countries of origin"},
		{"en", "chairman", true, false, "chairmen"},
		{"en", "policy", true, false, "policies"},
		{"en", "day", true, false, "days"},
		{"en", "Sustainable Development Goal", true, false, "Sustainable Development Goals"},
		{"en", "NGO", true, false, "NGO"},
		{"de", "Stadt", true, false, "Stadt"},
	}
	for _, tc := range cases {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			assert.Equal(t, tc.want, inflect(language.Make(tc.lang), tc.text, tc.plural, tc.female))
		})
	}
}

func TestSameToken(t *testing.T) {
	cases := []struct {
		term, text      string
		cs, fold        bool
		ok, wantsFolded bool
	}{
		{"États", "Etats", false, false, true, false},
		{"États", "ÉTATS", false, false, true, false},
		{"états", "Etats", false, false, true, false},
		{"états", "etats", false, false, false, false},
		{"états", "etats", false, true, true, true},
		{"OIM", "oim", true, false, false, false},
		{"ÉTAT", "ETAT", true, false, true, false},
		{"état", "ETAT", true, false, false, false},
		{"Genève", "Geneve", true, true, true, true},
		{"Genève", "geneve", true, true, false, false},
	}
	for _, tc := range cases {
		ok, folded := sameToken(tc.term, tc.text, tc.cs, tc.fold)
		assert.Equal(t, tc.ok, ok, "%s ~ %s", tc.term, tc.text)
		if ok {
			assert.Equal(t, tc.wantsFolded, folded, "%s ~ %s", tc.term, tc.text)
		}
	}
	_ = strings.ToLower
}
