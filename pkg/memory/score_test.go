package memory

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

func code(id string, kind document.CodeKind, typ, data string) document.Run {
	return document.Run{Code: &document.Code{ID: id, Kind: kind, Type: typ, Data: data}}
}

func txt(s string) document.Run { return document.Run{Text: s} }

func frEn(src, tgt document.Content) Unit {
	return Unit{SrcLang: language.French, TgtLang: language.English, Source: src, Target: tgt, Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
}

func TestScoreLevels(t *testing.T) {
	ctxPrev, ctxNext := ContextHash("Avant."), ContextHash("Après.")
	strong := []document.Run{code("1", document.Open, "fmt:strong", "**"), code("1", document.Close, "fmt:strong", "**")}
	em := []document.Run{code("e", document.Open, "fmt:em", "*"), code("e", document.Close, "fmt:em", "*")}
	terms := func(s string) []string {
		var out []string
		for _, t := range []string{"CGLU", "Métropolis"} {
			if strings.Contains(s, t) {
				out = append(out, t)
			}
		}
		return out
	}
	cases := []struct {
		name      string
		unit      Unit
		query     document.Content
		prev      uint64
		next      uint64
		terms     bool
		level     Level
		score     int
		repaired  bool
		target    string // the match's target, plain
		penalties []PenaltyKind
	}{
		{name: "in context", unit: withContext(frEn(document.Text("Oui."), document.Text("Yes.")), ctxPrev, ctxNext),
			query: document.Text("Oui."), prev: ctxPrev, next: ctxNext, level: InContext, score: 101, target: "Yes."},
		{name: "exact, other neighbours", unit: withContext(frEn(document.Text("Oui."), document.Text("Yes.")), ctxPrev, ctxNext),
			query: document.Text("Oui."), prev: ctxPrev, next: ContextHash("Autre."), level: Exact, score: 100, target: "Yes."},
		{name: "exact, no context asked", unit: frEn(document.Text("Oui."), document.Text("Yes.")),
			query: document.Text("Oui."), level: Exact, score: 100, target: "Yes."},
		{name: "exact despite blanks folded by the key", unit: frEn(document.Text("Les  maires\nvotent."), document.Text("Mayors vote.")),
			query: document.Text("Les maires votent."), level: Exact, score: 100, target: "Mayors vote."},
		{name: "case", unit: frEn(document.Text("Les maires votent."), document.Text("Mayors vote.")),
			query: document.Text("les maires votent."), level: NearExact, score: 99, target: "Mayors vote.", penalties: []PenaltyKind{PenaltyCase}},
		{name: "punctuation", unit: frEn(document.Text("Les maires votent."), document.Text("Mayors vote.")),
			query: document.Text("Les maires votent !"), level: NearExact, score: 99, target: "Mayors vote.", penalties: []PenaltyKind{PenaltyPunctuation}},
		{name: "blanks", unit: frEn(document.Text("Les maires votent : oui."), document.Text("Mayors vote: yes.")),
			query: document.Text("Les maires votent: oui."), level: NearExact, score: 99, target: "Mayors vote: yes.", penalties: []PenaltyKind{PenaltyBlank}},
		// A code missing or extra costs a word (a pair, at its opening):
		// 100 × (400 − 100) / 400, less a point per code.
		{name: "extra code", unit: frEn(document.Text("Lisez le rapport."), document.Text("Read the report.")),
			query: document.Content{txt("Lisez le "), strong[0], txt("rapport"), strong[1], txt(".")},
			level: Fuzzy, score: 73, target: "Read the report.", penalties: []PenaltyKind{PenaltyCode, PenaltyCode}},
		{name: "missing code", unit: frEn(document.Content{txt("Lisez le "), strong[0], txt("rapport"), strong[1], txt(".")},
			document.Content{txt("Read the "), strong[0], txt("report"), strong[1], txt(".")}),
			query: document.Text("Lisez le rapport."), level: Fuzzy, score: 73, target: "Read the report.", penalties: []PenaltyKind{PenaltyCode, PenaltyCode}},
		// The case: the command the new sentence has is not in the
		// match. 100 × (300 − 100) / 300, less a point for the code and
		// one for the punctuation.
		{name: "missing standalone code", unit: frEn(document.Text("Allez dans :"), document.Text("Go to:")),
			query: document.Content{txt("Allez dans "), {Code: &document.Code{ID: "1", Kind: document.Standalone, Type: "code"}}, txt(".")},
			level: Fuzzy, score: 64, target: "Go to:", penalties: []PenaltyKind{PenaltyPunctuation, PenaltyCode}},
		{name: "diacritic", unit: frEn(document.Text("A propos du RAID"), document.Text("About RAID")),
			query: document.Text("À propos du RAID"), level: NearExact, score: 99, target: "About RAID", penalties: []PenaltyKind{PenaltyDiacritic}},
		{name: "diacritic and case", unit: frEn(document.Text("a propos du RAID"), document.Text("About RAID")),
			query: document.Text("À propos du RAID"), level: NearExact, score: 99, target: "About RAID", penalties: []PenaltyKind{PenaltyDiacritic}},
		{name: "inclusive writing", unit: frEn(document.Text("Les élus votent."), document.Text("Elected officials vote.")),
			query: document.Text("Les élu·e·s votent."), level: NearExact, score: 99, target: "Elected officials vote.", penalties: []PenaltyKind{PenaltyInclusive}},
		{name: "inclusive writing, singular", unit: frEn(document.Text("Chaque citoyen⋅ne vote."), document.Text("Every citizen votes.")),
			query: document.Text("Chaque citoyen vote."), level: NearExact, score: 99, target: "Every citizen votes.", penalties: []PenaltyKind{PenaltyInclusive}},
		{name: "typographic apostrophe", unit: frEn(document.Text("L'OIM publie."), document.Text("IOM publishes.")),
			query: document.Text("L’OIM publie."), level: NearExact, score: 99, target: "IOM publishes.", penalties: []PenaltyKind{PenaltyPunctuation}},
		{name: "changed code type", unit: frEn(document.Content{txt("Lisez le "), strong[0], txt("rapport"), strong[1], txt(".")},
			document.Content{txt("Read the "), strong[0], txt("report"), strong[1], txt(".")}),
			query: document.Content{txt("Lisez le "), em[0], txt("rapport"), em[1], txt(".")}, level: NearExact, score: 99,
			target: "Read the report.", penalties: []PenaltyKind{PenaltyCode}},
		{name: "inflections cost part of a word", unit: frEn(document.Text("Le maire présente le rapport annuel."), document.Text("The mayor presents the annual report.")),
			// les/le: a whole word; maires/maire: 1 letter of 6 (17); présentent/présente: 2 of 10 (20);
			// 100 × (600 − 137) / 600.
			query: document.Text("Les maires présentent le rapport annuel."), level: Fuzzy, score: 77, target: "The mayor presents the annual report."},
		{name: "Lyon is not Paris", unit: frEn(document.Text("Les maires se réunissent à Lyon."), document.Text("Mayors meet in Lyon.")),
			query: document.Text("Les maires se réunissent à Paris."), level: Fuzzy, score: 83, target: "Mayors meet in Lyon."},
		{name: "repaired numbers", unit: frEn(document.Text("La conférence a lieu du 7 au 8 novembre."), document.Text("The conference takes place from 7 to 8 November.")),
			query: document.Text("La conférence a lieu du 16 au 17 novembre."), level: Fuzzy, score: 98, repaired: true,
			target: "The conference takes place from 16 to 17 November.", penalties: []PenaltyKind{PenaltyRepair, PenaltyRepair}},
		{name: "a date is one number", unit: frEn(document.Text("Le rapport du 2021-03-15 est publié à 09:30."), document.Text("The report of 2021-03-15 is published at 09:30.")),
			query: document.Text("Le rapport du 2022-04-01 est publié à 10:00."), level: Fuzzy, score: 98, repaired: true,
			target: "The report of 2022-04-01 is published at 10:00.", penalties: []PenaltyKind{PenaltyRepair, PenaltyRepair}},
		{name: "number not repairable (twice in target)", unit: frEn(document.Text("Il y a 7 villes."), document.Text("There are 7 cities, 7 in all.")),
			query: document.Text("Il y a 9 villes."), level: Fuzzy, score: 77, target: "There are 7 cities, 7 in all.", penalties: []PenaltyKind{PenaltyNumber}},
		{name: "number not repairable (written out in target)", unit: frEn(document.Text("Les 3 rapporteurs ont conclu leurs travaux hier soir."), document.Text("The three rapporteurs concluded their work last night.")),
			query: document.Text("Les 4 rapporteurs ont conclu leurs travaux hier soir."), level: Fuzzy, score: 85,
			target: "The three rapporteurs concluded their work last night.", penalties: []PenaltyKind{PenaltyNumber}},
		{name: "number and word differ: no repair", unit: frEn(document.Text("La réunion du 7 novembre est reportée à une date ultérieure."), document.Text("The meeting of 7 November is postponed to a later date.")),
			query: document.Text("La session du 8 novembre est reportée à une date ultérieure."), level: Fuzzy, score: 78,
			target: "The meeting of 7 November is postponed to a later date.", penalties: []PenaltyKind{PenaltyNumber}},
		{name: "glossary term in one source only", unit: frEn(document.Text("Le rapport de CGLU sur les villes intermédiaires est publié."), document.Text("The UCLG report on intermediary cities is published.")),
			query: document.Text("Le rapport de Métropolis sur les villes intermédiaires est publié."), terms: true, level: Fuzzy, score: 84,
			target: "The UCLG report on intermediary cities is published.", penalties: []PenaltyKind{PenaltyTerm, PenaltyTerm}},
		// A heading number changed, added or removed costs a point when the
		// target takes the new one; the rest is compared as if both had it.
		{name: "heading number changed", unit: frEn(document.Text("2. Installer le serveur"), document.Text("2. Install the server")),
			query: document.Text("3. Installer le serveur"), level: Fuzzy, score: 99, repaired: true,
			target: "3. Install the server", penalties: []PenaltyKind{PenaltyHeadingNumber}},
		{name: "heading number added", unit: frEn(document.Text("Installer le serveur"), document.Text("Install the server")),
			query: document.Text("3. Installer le serveur"), level: Fuzzy, score: 99, repaired: true,
			target: "3. Install the server", penalties: []PenaltyKind{PenaltyHeadingNumber}},
		{name: "heading number removed", unit: frEn(document.Text("IV. Sécurité du serveur"), document.Text("IV. Server security")),
			query: document.Text("Sécurité du serveur"), level: Fuzzy, score: 99, repaired: true,
			target: "Server security", penalties: []PenaltyKind{PenaltyHeadingNumber}},
		// 100 × (500 − 100) / 500, less the point.
		{name: "heading number and a word", unit: frEn(document.Text("2. Installer le serveur web"), document.Text("2. Install the web server")),
			query: document.Text("3. Installer le serveur"), level: Fuzzy, score: 79, repaired: true,
			target: "3. Install the web server", penalties: []PenaltyKind{PenaltyHeadingNumber}},
		// The target does not start with "2.": a number that differs, as
		// before, 100 × (400 − 100) / 400 − 3.
		{name: "heading number not placed", unit: frEn(document.Text("2. Installer le serveur"), document.Text("Step 2: Install the server")),
			query: document.Text("3. Installer le serveur"), level: Fuzzy, score: 72,
			target: "Step 2: Install the server", penalties: []PenaltyKind{PenaltyNumber}},
		{name: "word added", unit: frEn(document.Text("Le conseil mondial se réunit chaque année au printemps."), document.Text("The world council meets every year in spring.")),
			query: document.Text("Le conseil mondial se réunit désormais chaque année au printemps."), level: Fuzzy, score: 90,
			target: "The world council meets every year in spring."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{}
			if tc.terms {
				o.Terms = terms
			}
			q := Query{Source: tc.query, SrcLang: language.French, TgtLang: language.English, Prev: tc.prev, Next: tc.next, Min: 1}
			m, ok := Score(q, tc.unit, o)
			require.True(t, ok)
			assert.Equal(t, tc.level, m.Level, "level")
			assert.Equal(t, tc.score, m.Score, "score; penalties %v", m.Penalties)
			assert.Equal(t, tc.repaired, m.Repaired, "repaired")
			assert.Equal(t, tc.target, m.Target.Plain())
			var kinds []PenaltyKind
			for _, p := range m.Penalties {
				kinds = append(kinds, p.Kind)
				assert.Equal(t, Points(p.Kind), p.Points)
			}
			assert.Equal(t, tc.penalties, kinds)
			if m.Level == Fuzzy {
				assert.NotEqual(t, tc.unit.Source.Key(), tc.query.Key())
			}
			if m.Level != InContext && m.Level != Exact {
				assert.NotEmpty(t, m.Diff, "what differs is said")
			}
		})
	}
}

func withContext(u Unit, prev, next uint64) Unit {
	u.Prev, u.Next = prev, next
	return u
}

func TestScoreDiffRebuildsTheQuery(t *testing.T) {
	u := frEn(document.Text("Les maires se réunissent à Lyon."), document.Text("Mayors meet in Lyon."))
	q := Query{Source: document.Text("Les maires se réunissent à Paris."), Min: 1}
	m, _ := Score(q, u, Options{})
	assert.Equal(t, []Diff{{DiffEqual, "Les maires se réunissent à"}, {DiffDelete, " Lyon"}, {DiffInsert, " Paris"}, {DiffEqual, "."}}, m.Diff)
	var newSrc, oldSrc strings.Builder
	for _, d := range m.Diff {
		if d.Op != DiffDelete {
			newSrc.WriteString(d.Text)
		}
		if d.Op != DiffInsert {
			oldSrc.WriteString(d.Text)
		}
	}
	assert.Equal(t, q.Source.Key(), newSrc.String())
	assert.Equal(t, u.Source.Key(), oldSrc.String())
}

func TestScoreCodesFollowTheQuery(t *testing.T) {
	u := frEn(document.Content{txt("Voir le "), code("a", document.Open, "link", "["), txt("site"), code("a", document.Close, "link", "](https://old)"), txt(".")},
		document.Content{txt("See the "), code("a", document.Open, "link", "["), txt("website"), code("a", document.Close, "link", "](https://old)"), txt(".")})
	q := Query{Source: document.Content{txt("Voir le "), code("9", document.Open, "link", "["), txt("site"), code("9", document.Close, "link", "](https://new)"), txt(".")}}
	m, ok := Score(q, u, Options{})
	require.True(t, ok)
	assert.Equal(t, 100, m.Score)
	codes := m.Target.Codes()
	require.Len(t, codes, 2)
	assert.Equal(t, "9", codes[0].ID)
	assert.Equal(t, "](https://new)", codes[1].Data, "the target carries the new source's markup")
}

func TestScoreBelowMin(t *testing.T) {
	u := frEn(document.Text("Les maires se réunissent à Lyon."), document.Text("Mayors meet in Lyon."))
	_, ok := Score(Query{Source: document.Text("Les maires se réunissent à Paris.")}, u, Options{})
	assert.True(t, ok, "83 ≥ 75")
	_, ok = Score(Query{Source: document.Text("Les maires se réunissent à Paris."), Min: 85}, u, Options{})
	assert.False(t, ok)
}

func TestTokenize(t *testing.T) {
	got := IndexTerms("L'OIM a versé 1 500,5 € le 3 mai {1}2021{/1}.")
	assert.Equal(t, []string{"l", "oim", "a", "vers", "#", "#", "le", "#", "mai", "{1}", "#"}, got, "a pair is one term, at its opening")
	assert.Equal(t, "l oim a verse 1 500,5 le 3 mai 2021 ", LooseKey("L'OIM a versé 1 500,5 € le 3 mai {1}2021{/1}."))
	assert.Equal(t, LooseKey("Les maires, votent."), LooseKey("les maires votent"))
}

// TestRepairFromTheSource: what differs in the new source and can be
// placed with confidence is carried into the match's target: a link's
// address, a template tag or shortcode (codes take the new source's data),
// numbers and dates; where it cannot be placed, the target is left as it
// is and the difference costs its points.
func TestRepairFromTheSource(t *testing.T) {
	link := func(url string) []document.Run {
		return []document.Run{code("1", document.Open, "link", "["), code("1", document.Close, "link", "]("+url+")")}
	}
	tag := func(data string) document.Run { return code("2", document.Standalone, "site", data) }
	cases := []struct {
		name          string
		src, tgt, qry document.Content
		want          string // the target's bytes: text and code data
		level         Level
		repaired      bool
	}{
		{"a link's address",
			document.Content{txt("Voir "), link("/fr/guide")[0], txt("le guide"), link("/fr/guide")[1], txt(".")},
			document.Content{txt("See "), link("/fr/guide")[0], txt("the guide"), link("/fr/guide")[1], txt(".")},
			document.Content{txt("Voir "), link("/fr/guide-v2")[0], txt("le guide"), link("/fr/guide-v2")[1], txt(".")},
			"See [the guide](/fr/guide-v2).", Exact, false},
		{"a shortcode's argument",
			document.Content{txt("Lisez "), tag(`{{< ref "setup" >}}`), txt(".")},
			document.Content{txt("Read "), tag(`{{< ref "setup" >}}`), txt(".")},
			document.Content{txt("Lisez "), tag(`{{< ref "install" >}}`), txt(".")},
			`Read {{< ref "install" >}}.`, Exact, false},
		{"a version",
			document.Text("Installez la version 3.2 de QGIS."), document.Text("Install version 3.2 of QGIS."),
			document.Text("Installez la version 3.4 de QGIS."),
			"Install version 3.4 of QGIS.", Fuzzy, true},
		{"a date and a number",
			document.Text("Le 12 mars, 40 villes ont signé."), document.Text("On 12 March, 40 cities signed."),
			document.Text("Le 14 mars, 45 villes ont signé."),
			"On 14 March, 45 cities signed.", Fuzzy, true},
		{"a heading number",
			document.Text("2. Installer le serveur"), document.Text("2. Install the server"),
			document.Text("3. Installer le serveur"),
			"3. Install the server", Fuzzy, true},
		{"a link and a number together",
			document.Content{txt("Voir "), link("/a")[0], txt("les 3 étapes"), link("/a")[1], txt(".")},
			document.Content{txt("See "), link("/a")[0], txt("the 3 steps"), link("/a")[1], txt(".")},
			document.Content{txt("Voir "), link("/b")[0], txt("les 4 étapes"), link("/b")[1], txt(".")},
			"See [the 4 steps](/b).", Fuzzy, true},
		// A decimal comma in French is a point in English: the target's
		// way is kept.
		{"a decimal comma written with a point in the target",
			document.Text("Le taux de croissance atteint 3,5 % en 2023."), document.Text("The growth rate reaches 3.5% in 2023."),
			document.Text("Le taux de croissance atteint 4,2 % en 2023."),
			"The growth rate reaches 4.2% in 2023.", Fuzzy, true},
		{"a decimal comma where the old number had none",
			document.Text("Le taux de croissance atteint 3 % en 2023."), document.Text("The growth rate reaches 3% in 2023."),
			document.Text("Le taux de croissance atteint 3,5 % en 2023."),
			"The growth rate reaches 3% in 2023.", Fuzzy, false},
		// Refused: the target lost the link both sources have; a repair
		// would make a draft without it.
		{"a link the target lost",
			document.Content{txt("Voir "), link("/a")[0], txt("les 3 étapes"), link("/a")[1], txt(".")},
			document.Text("See the 3 steps."),
			document.Content{txt("Voir "), link("/a")[0], txt("les 4 étapes"), link("/a")[1], txt(".")},
			"See the 3 steps.", Fuzzy, false},
		{"a heading number, the target without the link",
			document.Content{txt("2. Lire "), link("/a")[0], txt("le guide"), link("/a")[1]},
			document.Text("2. Read the guide"),
			document.Content{txt("3. Lire "), link("/a")[0], txt("le guide"), link("/a")[1]},
			"2. Read the guide", Fuzzy, false},
		// Refused: the number is written out, or twice, in the target.
		{"a number written out in the target",
			document.Text("Les 3 maires ont signé la déclaration."), document.Text("The three mayors signed the declaration."),
			document.Text("Les 4 maires ont signé la déclaration."),
			"The three mayors signed the declaration.", Fuzzy, false},
		{"a number twice in the target",
			document.Text("Il y a 7 villes."), document.Text("There are 7 cities, 7 in all."),
			document.Text("Il y a 9 villes."),
			"There are 7 cities, 7 in all.", Fuzzy, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := Query{Source: tc.qry, SrcLang: language.French, TgtLang: language.English, Min: 1}
			m, ok := Score(q, frEn(tc.src, tc.tgt), Options{})
			require.True(t, ok)
			var b strings.Builder
			for _, r := range m.Target {
				if r.Code != nil {
					b.WriteString(r.Code.Data)
				} else {
					b.WriteString(r.Text)
				}
			}
			assert.Equal(t, tc.want, b.String())
			assert.Equal(t, tc.level, m.Level, "level (score %d, penalties %v)", m.Score, m.Penalties)
			assert.Equal(t, tc.repaired, m.Repaired)
		})
	}
}

// TestTermSwap: a match whose source differs by one glossary concept for
// another has that concept's target term swapped (the swap itself is
// glossary.TermSwap's; here a stand-in for Lyon and Madrid).
func TestTermSwap(t *testing.T) {
	terms := func(s string) []string {
		var out []string
		for _, c := range []string{"Lyon", "Madrid"} {
			if strings.Contains(s, c) {
				out = append(out, c)
			}
		}
		return out
	}
	swap := func(old, new, target string, lang language.Tag) (string, string, bool) {
		if strings.Contains(old, "Lyon") && strings.Contains(new, "Madrid") && strings.Replace(old, "Lyon", "Madrid", 1) == new {
			return "Lyon", "Madrid", true
		}
		return "", "", false
	}
	o := Options{Terms: terms, TermSwap: swap}
	u := frEn(document.Text("Les maires se réunissent à Lyon."), document.Text("Mayors meet in Lyon."))
	q := Query{Source: document.Text("Les maires se réunissent à Madrid."), SrcLang: language.French, TgtLang: language.English, Min: 1}
	m, ok := Score(q, u, o)
	require.True(t, ok)
	assert.Equal(t, "Mayors meet in Madrid.", m.Target.Plain())
	assert.True(t, m.Repaired)
	assert.Equal(t, 99, m.Score)
	assert.Equal(t, []Penalty{{Kind: PenaltyRepair, Points: 1, Detail: "Lyon → Madrid"}}, m.Penalties)

	// The term twice in the target: no swap, the term penalty.
	u = frEn(document.Text("Les maires se réunissent à Lyon."), document.Text("Lyon mayors meet in Lyon."))
	m, _ = Score(q, u, o)
	assert.False(t, m.Repaired)
	assert.Equal(t, "Lyon mayors meet in Lyon.", m.Target.Plain())
	// Without the option, as before.
	m, _ = Score(q, frEn(document.Text("Les maires se réunissent à Lyon."), document.Text("Mayors meet in Lyon.")), Options{Terms: terms})
	assert.False(t, m.Repaired)
	assert.Less(t, m.Score, 90)
}
