package termguard

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestContractSpanish(t *testing.T) {
	tests := []struct {
		before, target string
		want           string
	}{
		{"según ", "el Sr. Dupont", "según el Sr. Dupont"},
		{"la carta de ", "el Sr. Dupont", "la carta del Sr. Dupont"},
		{"se lo dijo a ", "el Sr. Dupont", "se lo dijo al Sr. Dupont"},
		{"De ", "el Sr. Dupont", "Del Sr. Dupont"},
		{"la carta de ", "la Sra. García", "la carta de la Sra. García"},
		{"la carta del ", "la Sra. García", "la carta de la Sra. García"},
		{"dijo a ", "los Sres. Durand", "dijo a los Sres. Durand"},
		{"con el ", "la Sra. García", "con la Sra. García"},
		{"", "la Sra. García", "la Sra. García"},
		// A rendering without an article, or a capitalised one (a name:
		// "de El Salvador"), is left as it is.
		{"de ", "Maître Leroy", "de Maître Leroy"},
		{"de ", "El Salvador", "de El Salvador"},
		{"ella ", "la Sra. García", "ella la Sra. García"},
	}
	for _, tt := range tests {
		b, target := contractSpanish(tt.before, tt.target)
		assert.Equal(t, tt.want, b+target, "%q + %q", tt.before, tt.target)
	}
}
