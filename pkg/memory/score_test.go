package memory

import (
	"slices"
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

// TestRepairFromTheSource is the repair table: for a new source, a unit
// (its source and target) and the target language, the match's target as
// bytes (text and code data), its level, whether it was repaired, its
// score, and whether the batch drafts the segment with the engine instead
// (a score below fuzzy.insert, 75 by default, or a target without one of
// the new source's codes, which the batch refuses). What differs in the
// new source is carried into the target where it can be placed with
// confidence: numbers, dates, versions and percentages, heading and list
// numbers, termbase terms (with a stand-in for glossary.TermSwap), and the
// data of codes (links, images, code spans, template tags, shortcodes,
// HTML tags), which the target always takes from the new source. Where it
// cannot be placed, the target is left as it is and the difference costs
// its points; a target is never repaired into one with a code missing or
// unbalanced.
func TestRepairFromTheSource(t *testing.T) {
	const insert = 75 // fuzzy.insert's default (internal/config)
	link := func(id, url string) [2]document.Run {
		return [2]document.Run{code(id, document.Open, "link", "["), code(id, document.Close, "link", "]("+url+")")}
	}
	image := func(id, src string) [2]document.Run {
		return [2]document.Run{code(id, document.Open, "image", "!["), code(id, document.Close, "image", "]("+src+")")}
	}
	html := func(id, open, close string) [2]document.Run {
		return [2]document.Run{code(id, document.Open, "html", open), code(id, document.Close, "html", close)}
	}
	strong := func(id string) [2]document.Run {
		return [2]document.Run{code(id, document.Open, "fmt:strong", "**"), code(id, document.Close, "fmt:strong", "**")}
	}
	span := func(id, data string) document.Run { return code(id, document.Standalone, "code", data) }
	shortcode := func(id, data string) document.Run { return code(id, document.Standalone, "shortcode", data) }
	template := func(id, data string) document.Run { return code(id, document.Standalone, "template", data) }
	autolink := func(id, data string) document.Run { return code(id, document.Standalone, "autolink", data) }
	// c builds a content from strings (text) and runs.
	c := func(parts ...any) document.Content {
		var out document.Content
		for _, p := range parts {
			switch p := p.(type) {
			case string:
				out = append(out, txt(p))
			case document.Run:
				out = append(out, p)
			}
		}
		return out
	}
	t1 := document.Text
	es := language.Spanish
	cases := []struct {
		name          string
		src, tgt, qry document.Content
		lang          language.Tag // the target's; English when unset
		terms         bool         // with the stand-in termbase
		want          string       // the target's bytes: text and code data
		level         Level
		repaired      bool
		score         int
		engine        bool // the batch drafts the segment with the engine
	}{
		// Numbers, dates, versions, percentages.
		{name: "a version",
			src: t1("Cette fonctionnalité est disponible depuis YunoHost 3.8."), tgt: t1("This feature is available since YunoHost 3.8."),
			qry:  t1("Cette fonctionnalité est disponible depuis YunoHost 11.2."),
			want: "This feature is available since YunoHost 11.2.", level: Fuzzy, repaired: true, score: 99},
		{name: "a version, Spanish target",
			src: t1("Installez la version 3.2 de QGIS."), tgt: t1("Instale la versión 3.2 de QGIS."), lang: es,
			qry:  t1("Installez la version 3.4 de QGIS."),
			want: "Instale la versión 3.4 de QGIS.", level: Fuzzy, repaired: true, score: 99},
		{name: "two numbers",
			src: t1("Il vous faut au moins 512 Mo de RAM et 8 Go d'espace disque."), tgt: t1("You need at least 512 MB of RAM and 8 GB of disk space."),
			qry:  t1("Il vous faut au moins 1024 Mo de RAM et 16 Go d'espace disque."),
			want: "You need at least 1024 MB of RAM and 16 GB of disk space.", level: Fuzzy, repaired: true, score: 98},
		{name: "a date and a number",
			src: t1("Le 12 mars, 40 villes ont signé."), tgt: t1("On 12 March, 40 cities signed."),
			qry:  t1("Le 14 mars, 45 villes ont signé."),
			want: "On 14 March, 45 cities signed.", level: Fuzzy, repaired: true, score: 98},
		{name: "numbers shifted by one",
			src: t1("La conférence a lieu du 7 au 8 novembre."), tgt: t1("The conference takes place from 7 to 8 November."),
			qry:  t1("La conférence a lieu du 8 au 9 novembre."),
			want: "The conference takes place from 8 to 9 November.", level: Fuzzy, repaired: true, score: 98},
		{name: "a date written with slashes",
			src: t1("Mise à jour du 15/03/2023 : correctif de sécurité."), tgt: t1("Update of 15/03/2023: security fix."),
			qry:  t1("Mise à jour du 02/05/2024 : correctif de sécurité."),
			want: "Update of 02/05/2024: security fix.", level: Fuzzy, repaired: true, score: 99},
		{name: "an ISO date and two times",
			src: t1("La maintenance aura lieu le 2024-06-12 de 22:00 à 23:30."), tgt: t1("Maintenance will take place on 2024-06-12 from 22:00 to 23:30."),
			qry:  t1("La maintenance aura lieu le 2024-07-03 de 21:00 à 23:30."),
			want: "Maintenance will take place on 2024-07-03 from 21:00 to 23:30.", level: Fuzzy, repaired: true, score: 98},
		{name: "a year",
			src: t1("Le rapport annuel 2022 de la commission est publié."), tgt: t1("The commission's 2022 annual report is published."),
			qry:  t1("Le rapport annuel 2023 de la commission est publié."),
			want: "The commission's 2023 annual report is published.", level: Fuzzy, repaired: true, score: 99},
		{name: "a count",
			src: t1("Le réseau compte désormais 240 villes membres."), tgt: t1("The network now has 240 member cities."),
			qry:  t1("Le réseau compte désormais 250 villes membres."),
			want: "The network now has 250 member cities.", level: Fuzzy, repaired: true, score: 99},
		// French writes "3,5 %", English "3.5%", Spanish "3,5 %": the
		// target's way is kept.
		{name: "a decimal comma written with a point in the target",
			src: t1("Le taux de croissance atteint 3,5 % en 2023."), tgt: t1("The growth rate reaches 3.5% in 2023."),
			qry:  t1("Le taux de croissance atteint 4,2 % en 2023."),
			want: "The growth rate reaches 4.2% in 2023.", level: Fuzzy, repaired: true, score: 99},
		{name: "a decimal comma kept in a Spanish target",
			src: t1("Le taux de participation a atteint 67,5 %."), tgt: t1("La tasa de participación alcanzó el 67,5 %."), lang: es,
			qry:  t1("Le taux de participation a atteint 71,2 %."),
			want: "La tasa de participación alcanzó el 71,2 %.", level: Fuzzy, repaired: true, score: 99},
		// Codes take the new source's data: the match is exact.
		{name: "a link's address",
			src:  c("Voir ", link("1", "/fr/guide")[0], "le guide", link("1", "/fr/guide")[1], "."),
			tgt:  c("See ", link("1", "/fr/guide")[0], "the guide", link("1", "/fr/guide")[1], "."),
			qry:  c("Voir ", link("1", "/fr/guide-v2")[0], "le guide", link("1", "/fr/guide-v2")[1], "."),
			want: "See [the guide](/fr/guide-v2).", level: Exact, score: 100},
		{name: "a number in a link's text, and its address",
			src:  c("Voir ", link("1", "/a")[0], "les 3 étapes", link("1", "/a")[1], "."),
			tgt:  c("See ", link("1", "/a")[0], "the 3 steps", link("1", "/a")[1], "."),
			qry:  c("Voir ", link("1", "/b")[0], "les 4 étapes", link("1", "/b")[1], "."),
			want: "See [the 4 steps](/b).", level: Fuzzy, repaired: true, score: 99},
		{name: "an image's source",
			src:  c("Le ", image("1", "images/ports-v1.png")[0], "schéma", image("1", "images/ports-v1.png")[1], " résume la redirection des ports."),
			tgt:  c("The ", image("1", "images/ports-v1.png")[0], "diagram", image("1", "images/ports-v1.png")[1], " sums up port forwarding."),
			qry:  c("Le ", image("1", "images/ports-v2.png")[0], "schéma", image("1", "images/ports-v2.png")[1], " résume la redirection des ports."),
			want: "The ![diagram](images/ports-v2.png) sums up port forwarding.", level: Exact, score: 100},
		{name: "autolinks",
			src:  c("L'interface est accessible via ", autolink("1", "<http://192.168.0.1>"), "."),
			tgt:  c("The interface is reachable at ", autolink("1", "<http://192.168.0.1>"), "."),
			qry:  c("L'interface est accessible via ", autolink("1", "<http://192.168.1.1>"), "."),
			want: "The interface is reachable at <http://192.168.1.1>.", level: Exact, score: 100},
		{name: "an inline code span",
			src:  c("Lancez ", span("1", "`yunohost tools update`"), " puis redémarrez."),
			tgt:  c("Run ", span("1", "`yunohost tools update`"), " then restart."),
			qry:  c("Lancez ", span("1", "`yunohost tools update apps`"), " puis redémarrez."),
			want: "Run `yunohost tools update apps` then restart.", level: Exact, score: 100},
		{name: "a port number in a code span",
			src:  c(link("1", "/ssh")[0], "SSH", link("1", "/ssh")[1], " : ", span("2", "`22`")),
			tgt:  c(link("1", "/ssh")[0], "SSH", link("1", "/ssh")[1], ": ", span("2", "`22`")),
			qry:  c(link("1", "/ssh")[0], "SSH", link("1", "/ssh")[1], " : ", span("2", "`2222`")),
			want: "[SSH](/ssh): `2222`", level: Exact, score: 100},
		{name: "a Hugo shortcode's argument",
			src:  c("Lisez ", shortcode("2", `{{< ref "setup" >}}`), "."),
			tgt:  c("Read ", shortcode("2", `{{< ref "setup" >}}`), "."),
			qry:  c("Lisez ", shortcode("2", `{{< ref "install" >}}`), "."),
			want: `Read {{< ref "install" >}}.`, level: Exact, score: 100},
		{name: "a Hugo shortcode and a number",
			src:  c("Cette page s'applique à la version ", shortcode("1", `{{< param "version" >}}`), " et aux 2 précédentes."),
			tgt:  c("This page applies to version ", shortcode("1", `{{< param "version" >}}`), " and the 2 before it."),
			qry:  c("Cette page s'applique à la version ", shortcode("1", `{{< param "lts" >}}`), " et aux 3 précédentes."),
			want: `This page applies to version {{< param "lts" >}} and the 3 before it.`, level: Fuzzy, repaired: true, score: 99},
		{name: "a Liquid tag",
			src:  c("Consultez ", template("1", "{% link _docs/install.md %}"), " pour commencer."),
			tgt:  c("See ", template("1", "{% link _docs/install.md %}"), " to get started."),
			qry:  c("Consultez ", template("1", "{% link _docs/upgrade.md %}"), " pour commencer."),
			want: "See {% link _docs/upgrade.md %} to get started.", level: Exact, score: 100},
		{name: "a template variable and a year",
			src:  c("Bienvenue sur ", template("1", "{{ site.title }}"), ", édition 2023."),
			tgt:  c("Welcome to ", template("1", "{{ site.title }}"), ", 2023 edition."),
			qry:  c("Bienvenue sur ", template("1", "{{ page.title }}"), ", édition 2024."),
			want: "Welcome to {{ page.title }}, 2024 edition.", level: Fuzzy, repaired: true, score: 99},
		{name: "an MDX link component",
			src:  c("Lisez le ", code("1", document.Standalone, "html", `<Link to="/docs/install">`), "guide d'installation", code("2", document.Standalone, "html", "</Link>"), " avant de commencer."),
			tgt:  c("Read the ", code("1", document.Standalone, "html", `<Link to="/docs/install">`), "installation guide", code("2", document.Standalone, "html", "</Link>"), " before you start."),
			qry:  c("Lisez le ", code("1", document.Standalone, "html", `<Link to="/docs/setup">`), "guide d'installation", code("2", document.Standalone, "html", "</Link>"), " avant de commencer."),
			want: `Read the <Link to="/docs/setup">installation guide</Link> before you start.`, level: Exact, score: 100},
		{name: "HTML tags and a port number",
			src:  c("Certains fournisseurs bloquent le port 25 ", html("1", "<small>", "</small>")[0], "(SMTP)", html("1", "<small>", "</small>")[1], " par défaut."),
			tgt:  c("Some providers block port 25 ", html("1", "<small>", "</small>")[0], "(SMTP)", html("1", "<small>", "</small>")[1], " by default."),
			qry:  c("Certains fournisseurs bloquent le port 587 ", html("1", "<small>", "</small>")[0], "(SMTP)", html("1", "<small>", "</small>")[1], " par défaut."),
			want: "Some providers block port 587 <small>(SMTP)</small> by default.", level: Fuzzy, repaired: true, score: 99},
		{name: "an HTML tag's attribute",
			src:  c("Appuyez sur ", html("1", `<kbd class="old">`, "</kbd>")[0], "Entrée", html("1", `<kbd class="old">`, "</kbd>")[1], " pour valider."),
			tgt:  c("Press ", html("1", `<kbd class="old">`, "</kbd>")[0], "Enter", html("1", `<kbd class="old">`, "</kbd>")[1], " to confirm."),
			qry:  c("Appuyez sur ", html("1", "<kbd>", "</kbd>")[0], "Entrée", html("1", "<kbd>", "</kbd>")[1], " pour valider."),
			want: "Press <kbd>Enter</kbd> to confirm.", level: Exact, score: 100},
		// Codes that do not correspond: nothing is repaired into a draft
		// with a code missing or unbalanced, and the batch refuses it.
		{name: "emphasis moved",
			src:  c(strong("1")[0], "Cliquez", strong("1")[1], " sur Enregistrer pour valider."),
			tgt:  c(strong("1")[0], "Click", strong("1")[1], " Save to confirm."),
			qry:  c("Cliquez sur ", strong("1")[0], "Enregistrer", strong("1")[1], " pour valider."),
			want: "Click Save to confirm.", level: Fuzzy, score: 62, engine: true},
		{name: "emphasis added in the new source",
			src: t1("Cliquez sur Enregistrer pour valider."), tgt: t1("Click Save to confirm."),
			qry:  c("Cliquez sur ", strong("1")[0], "Enregistrer", strong("1")[1], " pour valider."),
			want: "Click Save to confirm.", level: Fuzzy, score: 81, engine: true},
		{name: "a link missing from the match, and a number",
			src: t1("Suivez les 3 étapes du guide d'installation."), tgt: t1("Follow the 3 steps of the installation guide."),
			qry:  c("Suivez les 4 étapes du ", link("1", "/install")[0], "guide d'installation", link("1", "/install")[1], "."),
			want: "Follow the 3 steps of the installation guide.", level: Fuzzy, score: 72, engine: true},
		{name: "a link the target lost",
			src: c("Voir ", link("1", "/a")[0], "les 3 étapes", link("1", "/a")[1], "."), tgt: t1("See the 3 steps."),
			qry:  c("Voir ", link("1", "/a")[0], "les 4 étapes", link("1", "/a")[1], "."),
			want: "See the 3 steps.", level: Fuzzy, score: 77, engine: true},
		{name: "half a pair in the target",
			src:  c("Voir ", link("1", "/guide")[0], "le guide", link("1", "/guide")[1], " de la version 3."),
			tgt:  c("See ", link("1", "/guide")[0], "the guide for version 3."),
			qry:  c("Voir ", link("1", "/guide")[0], "le guide", link("1", "/guide")[1], " de la version 4."),
			want: "See [the guide for version 3.", level: Fuzzy, score: 84, engine: true},
		// Heading and list numbers.
		{name: "a heading number changed",
			src: t1("2. Installer le serveur"), tgt: t1("2. Install the server"), qry: t1("3. Installer le serveur"),
			want: "3. Install the server", level: Fuzzy, repaired: true, score: 99},
		{name: "a heading number added",
			src: t1("Configurer le pare-feu"), tgt: t1("Configure the firewall"), qry: t1("3. Configurer le pare-feu"),
			want: "3. Configure the firewall", level: Fuzzy, repaired: true, score: 99},
		{name: "a heading number removed",
			src: t1("4. Rediriger les ports"), tgt: t1("4. Forward the ports"), qry: t1("Rediriger les ports"),
			want: "Forward the ports", level: Fuzzy, repaired: true, score: 99},
		{name: "a section number",
			src: t1("2.3 Configuration du serveur"), tgt: t1("2.3 Server configuration"), qry: t1("2.4 Configuration du serveur"),
			want: "2.4 Server configuration", level: Fuzzy, repaired: true, score: 99},
		{name: "a Roman heading number, Spanish target",
			src: t1("IV. Sécurité du serveur"), tgt: t1("IV. Seguridad del servidor"), lang: es, qry: t1("V. Sécurité du serveur"),
			want: "V. Seguridad del servidor", level: Fuzzy, repaired: true, score: 99},
		{name: "a list letter",
			src: t1("a) Ouvrir l'interface d'administration"), tgt: t1("a) Open the administration interface"), qry: t1("b) Ouvrir l'interface d'administration"),
			want: "b) Open the administration interface", level: Fuzzy, repaired: true, score: 99},
		{name: "a list number, the target's mark kept",
			src: t1("3) Trouver l'IP locale de votre serveur"), tgt: t1("3. Find the local IP of your server"), qry: t1("2) Trouver l'IP locale de votre serveur"),
			want: "2. Find the local IP of your server", level: Fuzzy, repaired: true, score: 99},
		{name: "a heading number and a version",
			src: t1("2. Installer YunoHost 3.8"), tgt: t1("2. Install YunoHost 3.8"), qry: t1("3. Installer YunoHost 11.2"),
			want: "3. Install YunoHost 11.2", level: Fuzzy, repaired: true, score: 98},
		{name: "a heading number equal to a number of the text",
			src: t1("2. Installer la version 2 de YunoHost"), tgt: t1("2. Install YunoHost version 2"), qry: t1("2. Installer la version 3 de YunoHost"),
			want: "2. Install YunoHost version 3", level: Fuzzy, repaired: true, score: 99},
		{name: "a heading number and a link",
			src:  c("2. Lire ", link("1", "/fr/guide")[0], "le guide", link("1", "/fr/guide")[1]),
			tgt:  c("2. Read ", link("1", "/fr/guide")[0], "the guide", link("1", "/fr/guide")[1]),
			qry:  c("3. Lire ", link("1", "/fr/guide-v2")[0], "le guide", link("1", "/fr/guide-v2")[1]),
			want: "3. Read [the guide](/fr/guide-v2)", level: Fuzzy, repaired: true, score: 99},
		{name: "a heading number and a word",
			src: t1("2. Installer le serveur web"), tgt: t1("2. Install the web server"), qry: t1("3. Installer le serveur"),
			want: "3. Install the web server", level: Fuzzy, repaired: true, score: 79},
		// Heading numbers that cannot be placed cost a number.
		{name: "a heading numbered otherwise in the target",
			src: t1("1. Diagnostiquer les ports ouverts"), tgt: t1("0. Diagnose ports opened"), qry: t1("2. Diagnostiquer les ports ouverts"),
			want: "0. Diagnose ports opened", level: Fuzzy, score: 77},
		{name: "a heading number not at the start of the target",
			src: t1("2. Installer le serveur"), tgt: t1("Step 2: Install the server"), qry: t1("3. Installer le serveur"),
			want: "Step 2: Install the server", level: Fuzzy, score: 72, engine: true},
		{name: "a heading number to add to a target with a number of its own",
			src: t1("Installer YunoHost"), tgt: t1("1 – Install YunoHost"), qry: t1("3. Installer YunoHost"),
			want: "1 – Install YunoHost", level: Fuzzy, score: 63, engine: true},
		{name: "a heading number and the target without the link",
			src: c("2. Lire ", link("1", "/a")[0], "le guide", link("1", "/a")[1]), tgt: t1("2. Read the guide"),
			qry:  c("3. Lire ", link("1", "/a")[0], "le guide", link("1", "/a")[1]),
			want: "2. Read the guide", level: Fuzzy, score: 77, engine: true},
		// Terms: one concept for another, with a stand-in termbase.
		{name: "a term", terms: true,
			src: t1("Installez Nextcloud depuis le catalogue d'applications."), tgt: t1("Install Nextcloud from the app catalog."),
			qry:  t1("Installez WordPress depuis le catalogue d'applications."),
			want: "Install WordPress from the app catalog.", level: Fuzzy, repaired: true, score: 99},
		{name: "a term written otherwise in the target, Spanish", terms: true, lang: es,
			src: t1("Le rapport de CGLU sur les villes intermédiaires est publié."), tgt: t1("Se publica el informe de CGLU sobre las ciudades intermedias."),
			qry:  t1("Le rapport de Métropolis sur les villes intermédiaires est publié."),
			want: "Se publica el informe de Metrópolis sobre las ciudades intermedias.", level: Fuzzy, repaired: true, score: 99},
		{name: "a term and a heading number", terms: true,
			src: t1("2. Configurer Nextcloud"), tgt: t1("2. Configure Nextcloud"), qry: t1("3. Configurer WordPress"),
			want: "3. Configure WordPress", level: Fuzzy, repaired: true, score: 98},
		{name: "a term twice in the target", terms: true,
			src: t1("Installez Nextcloud depuis le catalogue d'applications."), tgt: t1("Install Nextcloud from the Nextcloud app catalog."),
			qry:  t1("Installez WordPress depuis le catalogue d'applications."),
			want: "Install Nextcloud from the Nextcloud app catalog.", level: Fuzzy, score: 79},
		{name: "a term and a number", terms: true,
			src: t1("Installez Nextcloud 27 depuis le catalogue."), tgt: t1("Install Nextcloud 27 from the catalog."),
			qry:  t1("Installez WordPress 6 depuis le catalogue."),
			want: "Install Nextcloud 27 from the catalog.", level: Fuzzy, score: 57, engine: true},
		// Refusals: the number cannot be placed with confidence.
		{name: "a number written out in the target",
			src: t1("Les 3 maires ont signé la déclaration."), tgt: t1("The three mayors signed the declaration."),
			qry:  t1("Les 4 maires ont signé la déclaration."),
			want: "The three mayors signed the declaration.", level: Fuzzy, score: 82},
		{name: "a number twice in the target",
			src: t1("Il y a 7 villes."), tgt: t1("There are 7 cities, 7 in all."), qry: t1("Il y a 9 villes."),
			want: "There are 7 cities, 7 in all.", level: Fuzzy, score: 77},
		{name: "a number the target has twice for one in the source",
			src: t1("Le port 80 redirige vers le port 80 du serveur."), tgt: t1("Port 80 forwards to port 80 of the server."),
			qry:  t1("Le port 8080 redirige vers le port 80 du serveur."),
			want: "Port 80 forwards to port 80 of the server.", level: Fuzzy, score: 87},
		{name: "a word changed besides the number",
			src: t1("La réunion du 7 novembre est reportée."), tgt: t1("The meeting of 7 November is postponed."),
			qry:  t1("La session du 8 novembre est reportée."),
			want: "The meeting of 7 November is postponed.", level: Fuzzy, score: 68, engine: true},
		{name: "a date that moved",
			src: t1("Le 12 mars, le conseil a adopté le budget."), tgt: t1("On 12 March, the council adopted the budget."),
			qry:  t1("Le conseil a adopté le budget le 14 mars."),
			want: "On 12 March, the council adopted the budget.", level: Fuzzy, score: 25, engine: true},
		{name: "a number grouped otherwise in the target",
			src: t1("Plus de 1 500 personnes ont participé."), tgt: t1("More than 1,500 people took part."),
			qry:  t1("Plus de 2 300 personnes ont participé."),
			want: "More than 1,500 people took part.", level: Fuzzy, score: 65, engine: true},
		{name: "a decimal comma where the old number had none",
			src: t1("Le taux de croissance atteint 3 % en 2023."), tgt: t1("The growth rate reaches 3% in 2023."),
			qry:  t1("Le taux de croissance atteint 3,5 % en 2023."),
			want: "The growth rate reaches 3% in 2023.", level: Fuzzy, score: 84},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == language.Und {
				lang = language.English
			}
			o := Options{}
			if tc.terms {
				o = standInTermbase()
			}
			q := Query{Source: tc.qry, SrcLang: language.French, TgtLang: lang, Min: 1}
			u := frEn(tc.src, tc.tgt)
			u.TgtLang = lang
			m, ok := Score(q, u, o)
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
			assert.Equal(t, tc.level, m.Level, "level (penalties %v)", m.Penalties)
			assert.Equal(t, tc.repaired, m.Repaired, "repaired (penalties %v)", m.Penalties)
			assert.Equal(t, tc.score, m.Score, "score (penalties %v)", m.Penalties)
			codes := document.CheckCodes(tc.qry, m.Target).Err()
			if m.Repaired {
				assert.NoError(t, codes, "a repaired target has the new source's codes, balanced")
			}
			assert.Equal(t, tc.engine, m.Score < insert || codes != nil, "drafted by the engine (codes: %v)", codes)
		})
	}
	assert.GreaterOrEqual(t, len(cases), 40)
}

// standInTermbase returns Options with a termbase of four concepts and a
// stand-in for glossary.TermSwap: the concept in the unit's source only
// and the one in the new source only, the rest of the sources alike, and
// the first's target term once in the target.
func standInTermbase() Options {
	type concept struct{ fr, en, es string }
	concepts := []concept{
		{"Nextcloud", "Nextcloud", "Nextcloud"}, {"WordPress", "WordPress", "WordPress"},
		{"CGLU", "UCLG", "CGLU"}, {"Métropolis", "Metropolis", "Metrópolis"},
	}
	in := func(s string) []concept {
		var out []concept
		for _, c := range concepts {
			if strings.Contains(s, c.fr) {
				out = append(out, c)
			}
		}
		return out
	}
	only := func(a, b []concept) []concept {
		var out []concept
		for _, c := range a {
			if !slices.Contains(b, c) {
				out = append(out, c)
			}
		}
		return out
	}
	term := func(c concept, lang language.Tag) string {
		if lang == language.Spanish {
			return c.es
		}
		return c.en
	}
	return Options{
		Terms: func(s string) []string {
			var out []string
			for _, c := range in(s) {
				out = append(out, c.fr)
			}
			return out
		},
		TermSwap: func(old, new, target string, lang language.Tag) (string, string, bool) {
			a, b := only(in(old), in(new)), only(in(new), in(old))
			if len(a) != 1 || len(b) != 1 || strings.Replace(old, a[0].fr, b[0].fr, 1) != new {
				return "", "", false
			}
			from := term(a[0], lang)
			if strings.Count(target, from) != 1 {
				return "", "", false
			}
			return from, term(b[0], lang), true
		},
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
