package memory

import (
	"testing"

	"github.com/relais-tm/relais/pkg/document"
)

// benchKeys are keys as Content.Key writes them, with code placeholders.
var benchKeys = []string{
	"Le {1}décret{/1} du {2}Conseil d'État{/2} du 8 juin 1947 {3/} fixe les règles.",
	"Les maires se réunissent à Lyon le 1947-06-08 à 02:30, {1}10 000{/1} habitants.",
	"{1}Voir{/1} {2/} la {3}page{/3} {4}{5}d'accueil{/5}{/4} et {6/}{7/}{8/}.",
	"Ni {code} ni {/x} ni {12/} ni {/3/} : des accolades {} dans le texte.",
}

// BenchmarkScanKey cuts keys into tokens and index terms, as every lookup
// and every unit put does.
func BenchmarkScanKey(b *testing.B) {
	for b.Loop() {
		for _, k := range benchKeys {
			tokenize(k)
			IndexTerms(k)
			LooseKey(k)
		}
	}
}

// BenchmarkScoreCodes scores a unit whose codes differ from the query's.
func BenchmarkScoreCodes(b *testing.B) {
	q := Query{Source: document.Content{txt("Le "), code("1", document.Open, "fmt:strong", "**"), txt("décret"),
		code("1", document.Close, "fmt:strong", "**"), txt(" du "), code("2", document.Standalone, "code", "`x`"), txt(" fixe les règles.")}}
	u := frEn(document.Content{txt("Le "), code("4", document.Open, "fmt:em", "_"), txt("décret"),
		code("4", document.Close, "fmt:em", "_"), txt(" du "), code("7", document.Standalone, "code", "`y`"), txt(" fixe des règles.")},
		document.Content{txt("The "), code("4", document.Open, "fmt:em", "_"), txt("decree"), code("4", document.Close, "fmt:em", "_"), txt(" sets rules.")})
	s := NewScorer(q, Options{})
	for b.Loop() {
		s.Score(u)
	}
}
