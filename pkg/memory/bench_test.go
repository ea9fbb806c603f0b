package memory

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/relais-tm/relais/internal/testenv"
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

// BenchmarkTMXReader reads tm-100k.tmx of the benchmark workload
// (../shared/bench/make-workload.sh; RELAIS_BENCH_WORKLOAD names its wl
// folder, default ../peers-work/wl beside the repository) with the fast
// path, and with encoding/xml alone, and reports units per second.
func BenchmarkTMXReader(b *testing.B) {
	dir := os.Getenv("RELAIS_BENCH_WORKLOAD")
	if dir == "" {
		dir = filepath.Join(filepath.Dir(testenv.ModuleRoot(b)), "peers-work", "wl")
	}
	data, err := os.ReadFile(filepath.Join(dir, "tm-100k.tmx"))
	if err != nil {
		b.Skipf("no benchmark workload in %s: build it with WORK=… bash ../shared/bench/make-workload.sh and set RELAIS_BENCH_WORKLOAD", dir)
	}
	for _, fast := range []bool{true, false} {
		name := "fast"
		if !fast {
			name = "encoding-xml"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				r := NewTMXReader("tm-100k.tmx", bytes.NewReader(data), TMXOptions{})
				r.fast = fast
				for _, err := range r.Units() {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "units/s")
		})
	}
}
