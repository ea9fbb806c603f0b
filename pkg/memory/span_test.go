package memory

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// engine is a stand-in for the machine translation of short spans, as
// Apertium renders them (fr→en).
var engine = map[string]string{
	"municipal": "municipal", "régional": "regional",
	"conseil municipal": "municipal council", "conseil régional": "regional council",
	"centre culturel": "cultural centre", "musée": "museum",
	"nouveau centre culturel de": "new cultural centre of", "nouveau musée de": "new museum of",
	"Lyon": "Lyon", "Marseille": "Marseille", "à Lyon": "in Lyon", "à Marseille": "in Marseille",
	"Mardi": "Tuesday", "Jeudi": "Thursday",
	"serveur": "server", "routeur": "router",
	"le serveur": "the server", "le routeur": "the router",
	"Installez rapidement le": "Install quickly the", "Installez le": "Install the", "Installez aussi le": "Install also the",
	"la ville": "the city", "la région": "the region",
	"la ville de": "the city of", "la région de": "the region of",
	"souvent": "often", "parfois": "sometimes",
	"vert": "green", "rouge": "red",
	"la base de données": "the database", "le fichier": "the file",
	"deux": "two", "trois": "three",
	"publie": "publishes", "présente": "presents",
	"mairie": "town hall", "préfecture": "prefecture",
}

func translateSpans(spans []Span) []SpanTranslation {
	tr := make([]SpanTranslation, len(spans))
	for i, sp := range spans {
		tr[i] = SpanTranslation{Old: engine[sp.Old], New: engine[sp.New], WideOld: engine[sp.WideOld], WideNew: engine[sp.WideNew]}
	}
	return tr
}

// TestRepairWithTheEngine: the engine-translated spans of the repair
// table. A span is replaced where its old translation occurs once in the
// target as whole words; otherwise, or when a span has a code or too many
// words, the match is left as it is and goes to the engine if it scores
// below fuzzy.insert.
func TestRepairWithTheEngine(t *testing.T) {
	cases := []struct {
		name          string
		src, tgt, qry string
		want          string // "" when repair must refuse
	}{
		{"one word", "Le conseil municipal a voté le budget annuel de la commune.", "The municipal council voted the annual budget of the municipality.",
			"Le conseil régional a voté le budget annuel de la commune.", "The regional council voted the annual budget of the municipality."},
		{"two words for one, reordered by the engine", "Les participants ont visité le nouveau centre culturel de la ville.", "The participants visited the new cultural centre of the city.",
			"Les participants ont visité le nouveau musée de la ville.", "The participants visited the new museum of the city."},
		{"a place name", "Le forum des maires se tiendra à Lyon en juin prochain.", "The mayors' forum will be held in Lyon next June.",
			"Le forum des maires se tiendra à Marseille en juin prochain.", "The mayors' forum will be held in Marseille next June."},
		{"two spans", "Le serveur redémarre souvent après une mise à jour du système.", "The server often restarts after a system update.",
			"Le routeur redémarre parfois après une mise à jour du système.", "The router sometimes restarts after a system update."},
		{"capital kept at the start", "Mardi, la réunion du comité de pilotage a été reportée.", "Tuesday, the steering committee meeting was postponed.",
			"Jeudi, la réunion du comité de pilotage a été reportée.", "Thursday, the steering committee meeting was postponed."},
		{"a word dropped, placed by its neighbour", "Installez rapidement le paquet avant de configurer le service.", "Install quickly the package before configuring the service.",
			"Installez le paquet avant de configurer le service.", "Install the package before configuring the service."},
		{"a word added, placed by its neighbours", "Installez le paquet avant de configurer le service web.", "Install the package before configuring the web service.",
			"Installez aussi le paquet avant de configurer le service web.", "Install also the package before configuring the web service."},
		{"a multi-word term", "Sauvegardez la base de données avant la migration du site.", "Back up the database before migrating the site.",
			"Sauvegardez le fichier avant la migration du site.", "Back up the file before migrating the site."},
		// Refused.
		{"old translation not in the target", "Le bouton vert lance la sauvegarde de tous les fichiers.", "The start button launches the backup of all files.",
			"Le bouton rouge lance la sauvegarde de tous les fichiers.", ""},
		{"old translation twice in the target", "La ville finance le projet avec le soutien de ses habitants.", "The city funds the project, and the city's residents support it: the city leads.",
			"La région finance le projet avec le soutien de ses habitants.", ""},
		{"old translation inside a longer word", "Le conseil publie le rapport annuel sur les finances locales.", "The council republishes the annual report on local finances.",
			"Le conseil présente le rapport annuel sur les finances locales.", ""},
		{"a span longer than five words", "Les élus ont adopté le plan après une longue discussion en séance publique.", "The councillors adopted the plan after a long debate in public session.",
			"Les élus ont adopté le plan sans aucun débat ni vote formel du conseil.", ""},
		{"an unknown word (no translation)", "La mairie est ouverte du lundi au vendredi de neuf heures à midi.", "The town hall is open Monday to Friday from nine to noon.",
			"La sous-préfecture est ouverte du lundi au vendredi de neuf heures à midi.", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := Query{Source: document.Text(tc.qry), SrcLang: language.French, TgtLang: language.English, Min: 1}
			m, ok := Score(q, frEn(document.Text(tc.src), document.Text(tc.tgt)), Options{})
			require.True(t, ok)
			require.Equal(t, Fuzzy, m.Level, "score %d", m.Score)
			spans, candidate := m.Spans()
			r, repaired := m.RepairSpans(translateSpans(spans))
			if tc.want == "" {
				assert.False(t, repaired, "spans %+v gave %q", spans, r.Target.Plain())
				assert.Equal(t, tc.tgt, r.Target.Plain(), "the match is left as it was")
				assert.Equal(t, m.Score, r.Score)
				return
			}
			require.True(t, candidate, "score %d, diff %v", m.Score, m.Diff)
			require.True(t, repaired, "spans %+v", spans)
			assert.Equal(t, tc.want, r.Target.Plain())
			assert.True(t, r.Repaired)
			assert.Equal(t, min(99, (m.Score+100)/2-len(spans)), r.Score, "halfway to 100, a point per span")
			assert.Greater(t, r.Score, m.Score)
			var details []string
			for _, p := range r.Penalties[len(m.Penalties):] {
				assert.Equal(t, PenaltyRepair, p.Kind)
				details = append(details, p.Detail)
			}
			assert.Len(t, details, len(spans), "one repair penalty per span: %s", strings.Join(details, "; "))
		})
	}
}

// TestSpansRefuse: what is no candidate for span repair at all.
func TestSpansRefuse(t *testing.T) {
	q := Query{Source: document.Text("Le conseil régional a voté."), SrcLang: language.French, TgtLang: language.English, Min: 1}
	m, ok := Score(q, frEn(document.Text("Le conseil municipal a voté."), document.Text("The municipal council voted.")), Options{})
	require.True(t, ok)
	_, ok = m.Spans()
	assert.True(t, ok, "score %d", m.Score)

	low := m
	low.Score = MinSpanScore - 1
	_, ok = low.Spans()
	assert.False(t, ok, "below MinSpanScore")

	done := m
	done.Repaired = true
	_, ok = done.Spans()
	assert.False(t, ok, "repaired already (numbers, terms)")

	exact, ok := Score(Query{Source: document.Text("Le conseil municipal a voté."), SrcLang: language.French, TgtLang: language.English},
		frEn(document.Text("Le conseil municipal a voté."), document.Text("The municipal council voted.")), Options{})
	require.True(t, ok)
	_, ok = exact.Spans()
	assert.False(t, ok, "an exact match")

	link := []document.Run{code("1", document.Open, "link", "["), code("1", document.Close, "link", "](/a)")}
	withCode, ok := Score(Query{Source: document.Content{txt("Le conseil "), link[0], txt("régional"), link[1], txt(" a voté.")}, SrcLang: language.French, TgtLang: language.English, Min: 1},
		frEn(document.Text("Le conseil municipal a voté."), document.Text("The municipal council voted.")), Options{})
	require.True(t, ok)
	_, ok = withCode.Spans()
	assert.False(t, ok, "a code in the differing span: codes are adapt's, not the engine's")

	_, ok = m.RepairSpans(nil)
	assert.False(t, ok, "no translations")
}
