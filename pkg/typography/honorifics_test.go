package typography

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

func TestHonorifics(t *testing.T) {
	tests := []struct {
		src, en, es string
	}{
		{"Mme García a déclaré", "Ms García a déclaré", "la Sra. García a déclaré"},
		{"selon M. Dupont,", "selon Mr Dupont,", "selon el Sr. Dupont,"},
		{"MM. Durand et Petit", "Messrs Durand et Petit", "los Sres. Durand et Petit"},
		{"Mmes Roux et Blanc", "Mses Roux et Blanc", "las Sras. Roux et Blanc"},
		{"Mlle Martin", "Ms Martin", "la Srta. Martin"},
		{"Mlles Martin", "Mses Martin", "las Srtas. Martin"},
		{"le Dr Martin", "le Dr Martin", "le el Dr. Martin"},
		{"la Dre Tremblay", "la Dr Tremblay", "la la Dra. Tremblay"},
		{"le Pr Moreau", "le Professor Moreau", "le el Prof. Moreau"},
		{"Me Leroy plaide", "Maître Leroy plaide", "Maître Leroy plaide"},
		// A full stop after the short forms, a no-break space, a
		// particle, a compound name.
		{"Mme. Sy", "Ms Sy", "la Sra. Sy"},
		{"Dr. House", "Dr House", "el Dr. House"},
		{"M.\u00a0Dupont", "Mr Dupont", "el Sr. Dupont"},
		{"Mme de La Fontaine", "Ms de La Fontaine", "la Sra. de La Fontaine"},
		{"M. Jean-Pierre Durand", "Mr Jean-Pierre Durand", "el Sr. Jean-Pierre Durand"},
		{"M. d'Alembert", "Mr d'Alembert", "el Sr. d'Alembert"},
		{"Mme Anne Hidalgo, maire de Paris", "Ms Anne Hidalgo, maire de Paris", "la Sra. Anne Hidalgo, maire de Paris"},
		// Left alone: no name after it, a middle initial, the pronoun,
		// inside a word, an unknown title.
		{"M. le maire", "M. le maire", "M. le maire"},
		{"selon John M. Keynes", "selon John M. Keynes", "selon John M. Keynes"},
		{"Selon M. Dupont", "Selon Mr Dupont", "Selon el Sr. Dupont"},
		{"Il l'a dit. Selon M. Dupont", "Il l'a dit. Selon Mr Dupont", "Il l'a dit. Selon el Sr. Dupont"},
		{"Me voici.", "Me voici.", "Me voici."},
		{"il me Dupont", "il me Dupont", "il me Dupont"},
		{"AMme Sy", "AMme Sy", "AMme Sy"},
		{"Mgr Lustiger", "Mgr Lustiger", "Mgr Lustiger"},
		{"la lettre M.", "la lettre M.", "la lettre M."},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.en, render(tt.src, language.English), "en: %q", tt.src)
		assert.Equal(t, tt.es, render(tt.src, language.Spanish), "es: %q", tt.src)
		assert.Equal(t, tt.src, render(tt.src, language.German), "de: %q", tt.src)
	}
	// Turned off, the engine has them.
	spans, _ := Options{Off: []Part{PartHonorifics}}.Fixed("Mme García", language.English)
	assert.Empty(t, spans)
}
