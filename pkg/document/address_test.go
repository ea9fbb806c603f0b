package document

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTechnicalNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"| **SRV** | **_xmpp-client._tcp** | `0 5 5222 votre.domaine.tld.` |", []string{"_xmpp-client._tcp", "votre.domaine.tld"}},
		{"Ajoutez mail._domainkey et _dmarc à la zone.", []string{"mail._domainkey", "_dmarc"}},
		{"Modifiez config.yaml puis index.html, avec Vue.js ou node.js.", []string{"config.yaml", "index.html", "Vue.js", "node.js"}},
		{"Réglez max_connections dans le fichier.", []string{"max_connections"}},
		{"Voir yunohost.org.", []string{"yunohost.org"}},
		// None: full stops, abbreviations, numbers, a capital after a
		// missing space.
		{"Fin de la phrase. Une autre.", nil},
		{"M. Dupont, c.-à-d. le maire, e.g. ici.", nil},
		{"Il mesure 3.14 m, version 1.4, le 2.5.2024.", nil},
		{"Bienvenue.Voici la suite.", nil},
		{"Une île.À voir", nil},
	} {
		var got []string
		for _, s := range TechnicalNames(c.text) {
			got = append(got, c.text[s.Start:s.End])
		}
		assert.Equal(t, c.want, got, c.text)
	}
}
