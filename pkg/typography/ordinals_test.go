package typography

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

func TestOrdinals(t *testing.T) {
	tests := []struct {
		src, en, es string
	}{
		{"la 3e édition", "la 3rd édition", "la 3.ª édition"},
		{"le 1er prix", "le 1st prix", "le 1.er prix"},
		{"la 1re fois", "la 1st fois", "la 1.ª fois"},
		{"la 1ère fois", "la 1st fois", "la 1.ª fois"},
		{"le 2e tour", "le 2nd tour", "le 2.º tour"},
		{"la 2de place", "la 2nd place", "la 2.ª place"},
		{"la 2nde édition", "la 2nd édition", "la 2.ª édition"},
		{"le 3ème trimestre", "le 3rd trimestre", "le 3.er trimestre"},
		{"la 21e conférence", "la 21st conférence", "la 21.ª conférence"},
		{"le 11e congrès", "le 11th congrès", "le 11.º congrès"},
		{"du 13e arrondissement", "du 13th arrondissement", "du 13.º arrondissement"},
		{"du 23e arrondissement", "du 23rd arrondissement", "du 23.er arrondissement"},
		{"les 3e et 4e places", "les 3rd et 4th places", "les 3.º et 4.º places"},
		{"au 12e étage", "au 12th étage", "au 12.º étage"},
		// A date's "1er" is the date's; not ordinals: "3er", "5de", a
		// code, a word.
		{"le 1er janvier 2020", "le 1 January 2020", "le 1 de enero de 2020"},
		{"3er 5de", "3er 5de", "3er 5de"},
		{"le code 2e10", "le code 2e10", "le code 2e10"},
		{"A2e B3e", "A2e B3e", "A2e B3e"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.en, render(tt.src, language.English), "en: %q", tt.src)
		assert.Equal(t, tt.es, render(tt.src, language.Spanish), "es: %q", tt.src)
	}
	spans, _ := Options{Off: []Part{PartOrdinals}}.Fixed("la 3e édition", language.English)
	assert.Empty(t, spans, "turned off, the engine has them")
}

func TestPluralOrdinals(t *testing.T) {
	tests := []struct{ source, target, want string }{
		{"Les 2es rencontres se tiendront à Madrid.", "Los 2.º encuentros se mantendrán en Madrid.", "Los 2.os encuentros se mantendrán en Madrid."},
		{"Les 1res assises des villes.", "Las 1.ª conferencias de las ciudades.", "Las 1.as conferencias de las ciudades."},
		{"Les 1res assises des villes.", "Los 1.º conferencias.", "Los 1.as conferencias."},
		{"Les 3èmes journées et le 3e forum.", "Las 3.ª jornadas y el 3.er foro.", "Las 3.as jornadas y el 3.er foro."},
		{"La 2e édition.", "La 2.ª edición.", "La 2.ª edición."},
	}
	for _, tt := range tests {
		got := Finish(document.Text(tt.source), document.Text(tt.target), language.Spanish, Options{})
		assert.Equal(t, tt.want, got.Plain(), tt.source)
	}
}
