package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// The workload of ../shared/bench/make-workload.sh: RELAIS_BENCH_WORKLOAD
// names its wl folder (default: ../peers-work/wl beside the repository).
func workload(b *testing.B) string {
	dir := os.Getenv("RELAIS_BENCH_WORKLOAD")
	if dir == "" {
		dir = filepath.Join(filepath.Dir(testenv.ModuleRoot(b)), "peers-work", "wl")
	}
	if _, err := os.Stat(filepath.Join(dir, "batch.fr")); err != nil {
		b.Skipf("no benchmark workload in %s: build it with WORK=… bash ../shared/bench/make-workload.sh and set RELAIS_BENCH_WORKLOAD", dir)
	}
	return dir
}

func readLines(b *testing.B, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if sc.Text() != "" {
			out = append(out, sc.Text())
		}
	}
	return out
}

// benchLookups opens db, builds its index, then looks queries up one by one
// and reports lookups/s and the p50 and p99 latencies.
func benchLookups(b *testing.B, db string, queries []string, tgt language.Tag) {
	ctx := context.Background()
	st, err := Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q := func(s string) memory.Query {
		return memory.Query{Source: document.Text(s), SrcLang: language.French, TgtLang: tgt, Min: memory.DefaultMin, Limit: 1}
	}
	if _, err := st.Lookup(ctx, q("Construction de l'index.")); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if _, err := st.Lookup(ctx, q(queries[i%len(queries)])); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
	}
	var total time.Duration
	for _, l := range lat {
		total += l
	}
	if total > 0 {
		b.ReportMetric(float64(len(lat))/total.Seconds(), "lookups/s")
	}
}

// importTMX imports a TMX file into a fresh memory and reports units/s.
func importTMX(b *testing.B, tmx, db string) {
	ctx := context.Background()
	st, err := Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	f, err := os.Open(tmx)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	t0 := time.Now()
	res, err := st.Put(ctx, memory.NewTMXReader(tmx, f, memory.TMXOptions{}).Units())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(res.Added)/time.Since(t0).Seconds(), "units/s")
}

// BenchmarkWorkload imports tm-SIZE.tmx once, then looks up the 2,000
// sentences of the batch (fr→es). The 1M size runs only with -bench
// 'Workload/1m' (it takes minutes and about 1 GB of disk).
func BenchmarkWorkload(b *testing.B) {
	for _, size := range []string{"10k", "100k", "1m"} {
		b.Run(size, func(b *testing.B) {
			wl := workload(b)
			tmx := filepath.Join(wl, "tm-"+size+".tmx")
			if _, err := os.Stat(tmx); err != nil {
				b.Skipf("%s is missing", tmx)
			}
			db := filepath.Join(b.TempDir(), "m.db")
			b.Run("import", func(b *testing.B) {
				for b.Loop() {
					os.Remove(db)
					importTMX(b, tmx, db)
				}
			})
			b.Run("lookup", func(b *testing.B) { benchLookups(b, db, readLines(b, filepath.Join(wl, "batch.fr")), language.Spanish) })
		})
	}
}

// BenchmarkCorpus builds memories from the French–English corpus sentences
// of ../shared/corpus/parallel (with light variants to reach the size) and
// looks up edited sentences: it runs wherever ../shared is.
func BenchmarkCorpus(b *testing.B) {
	dir := testenv.Shared(b, "corpus", "parallel")
	var fr, en []string
	for _, pair := range [][2]string{{"flores200-devtest/fra_Latn.txt", "flores200-devtest/eng_Latn.txt"}, {"tico19-test/fra.txt", "tico19-test/eng.txt"}} {
		f, e := readLines(b, filepath.Join(dir, pair[0])), readLines(b, filepath.Join(dir, pair[1]))
		n := min(len(f), len(e))
		fr, en = append(fr, f[:n]...), append(en, e[:n]...)
	}
	prefixes := []string{"", "Remarque : ", "En général, ", "Important : ", "Selon le rapport, "}
	for _, size := range []int{1000, 10000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			db := filepath.Join(b.TempDir(), "m.db")
			st, err := Open(context.Background(), db)
			if err != nil {
				b.Fatal(err)
			}
			seq := func(yield func(memory.Unit, error) bool) {
				for i := range size {
					j := i % len(fr)
					src := prefixes[(i/len(fr))%len(prefixes)] + fr[j]
					if i >= len(fr)*len(prefixes) {
						src += fmt.Sprintf(" (%d)", i)
					}
					u := memory.Unit{SrcLang: language.French, TgtLang: language.English, Source: document.Text(src),
						Target: document.Text(en[j]), Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
					if !yield(u, nil) {
						return
					}
				}
			}
			if _, err := st.Put(context.Background(), seq); err != nil {
				b.Fatal(err)
			}
			st.Close()
			// Queries: corpus sentences with a word dropped.
			var queries []string
			for i := 0; i < len(fr) && len(queries) < 500; i += 3 {
				ws := []rune(fr[i])
				queries = append(queries, string(ws[:len(ws)*9/10]))
			}
			benchLookups(b, db, queries, language.English)
		})
	}
}
