package tmfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/segment"
)

// benchUnits reads every tenth unit of tm-1m.tmx of the benchmark
// workload (../shared/bench/make-workload.sh), 100,000 units, two thirds
// of them paragraphs of several sentences as in the whole file:
// RELAIS_BENCH_WORKLOAD names its wl folder (default: ../peers-work/wl
// beside the repository).
func benchUnits(b *testing.B) []memory.Unit {
	dir := os.Getenv("RELAIS_BENCH_WORKLOAD")
	if dir == "" {
		dir = filepath.Join(filepath.Dir(testenv.ModuleRoot(b)), "peers-work", "wl")
	}
	path := filepath.Join(dir, "tm-1m.tmx")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("no benchmark workload in %s: build it with WORK=… bash ../shared/bench/make-workload.sh and set RELAIS_BENCH_WORKLOAD", dir)
	}
	defer f.Close()
	var units []memory.Unit
	i := 0
	for u, err := range memory.NewTMXReader(path, f, memory.TMXOptions{}).Units() {
		require.NoError(b, err)
		if i%10 == 0 {
			units = append(units, u)
		}
		i++
	}
	return units
}

// BenchmarkSentences cuts 100,000 units of the workload's TMX file as
// memory import does with --split, and reports input units per second.
func BenchmarkSentences(b *testing.B) {
	units := benchUnits(b)
	src, err := segment.New(language.French)
	require.NoError(b, err)
	tgt, err := segment.New(language.Spanish)
	require.NoError(b, err)
	sp := NewSplitter()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = 0
		for _, u := range units {
			n += len(sp.Sentences(u, src, tgt))
		}
	}
	b.ReportMetric(float64(len(units)*b.N)/b.Elapsed().Seconds(), "units/s")
	b.ReportMetric(float64(n), "sentences/op")
}
