package sqlite

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/segment"
	"github.com/relais-tm/relais/pkg/tmfile"
)

// BenchmarkImportSplit measures what `relais memory import` does with
// sentence splitting on (the default) with tm-SIZE.tmx of the workload,
// stage by stage, and reports input units (TMX <tu>) per second:
//
//   - read: the TMX file read and its units cut into sentences, nothing
//     stored (the stage that runs in Put's reading goroutine);
//   - put: the same units, read and cut beforehand, stored by Put with the
//     garbage collector off (the store's own stages: the ceiling for the
//     whole import);
//   - import: the whole import, as the command runs it.
//
// With -bench 'ImportSplit/1m' it takes minutes, about 1 GB of disk and,
// for put, a few GB of memory.
func BenchmarkImportSplit(b *testing.B) {
	for _, size := range []string{"10k", "100k", "1m"} {
		b.Run(size, func(b *testing.B) {
			tmx := filepath.Join(workload(b), "tm-"+size+".tmx")
			if _, err := os.Stat(tmx); err != nil {
				b.Skipf("%s is missing", tmx)
			}
			fr, err := segment.New(language.French)
			if err != nil {
				b.Fatal(err)
			}
			es, err := segment.New(language.Spanish)
			if err != nil {
				b.Fatal(err)
			}
			db := filepath.Join(b.TempDir(), "m.db")
			b.Run("read", func(b *testing.B) {
				for b.Loop() {
					f, in, out := splitUnits(b, tmx, fr, es)
					t0 := time.Now()
					for _, err := range out {
						if err != nil {
							b.Fatal(err)
						}
					}
					d := time.Since(t0).Seconds()
					f.Close()
					b.ReportMetric(float64(*in)/d, "in/s")
				}
			})
			b.Run("put", func(b *testing.B) {
				f, in, out := splitUnits(b, tmx, fr, es)
				var units []memory.Unit
				for u, err := range out {
					if err != nil {
						b.Fatal(err)
					}
					units = append(units, u)
				}
				f.Close()
				// The units held here (a few GB at 1m) would make every
				// collection slow, and Put with it: the collector is off
				// while Put runs.
				defer debug.SetGCPercent(debug.SetGCPercent(-1))
				b.ResetTimer()
				for b.Loop() {
					removeDB(db)
					putUnits(b, db, func() int { return *in }, func(yield func(memory.Unit, error) bool) {
						for _, u := range units {
							if !yield(u, nil) {
								return
							}
						}
					})
				}
			})
			b.Run("import", func(b *testing.B) {
				for b.Loop() {
					removeDB(db)
					f, in, out := splitUnits(b, tmx, fr, es)
					putUnits(b, db, func() int { return *in }, out)
					f.Close()
				}
			})
			removeDB(db)
		})
	}
}

// splitUnits opens tmx and returns the file, the count of units read so
// far, and the units followed each by its sentence units, as memory
// import gives them to Put.
func splitUnits(b *testing.B, tmx string, src, tgt *segment.Rules) (*os.File, *int, iter.Seq2[memory.Unit, error]) {
	f, err := os.Open(tmx)
	if err != nil {
		b.Fatal(err)
	}
	n := new(int)
	units := memory.NewTMXReader(tmx, f, memory.TMXOptions{}).Units()
	sp := tmfile.NewSplitter()
	return f, n, func(yield func(memory.Unit, error) bool) {
		for u, err := range units {
			*n++
			if !yield(u, err) || err != nil {
				return
			}
			for _, s := range sp.Sentences(u, src, tgt) {
				if !yield(s, nil) {
					return
				}
			}
		}
	}
}

// putUnits stores units in a new memory at db and reports input units per
// second (in counts them once units are read) and units stored per second.
func putUnits(b *testing.B, db string, in func() int, units iter.Seq2[memory.Unit, error]) {
	ctx := context.Background()
	st, err := Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	t0 := time.Now()
	res, err := st.Put(ctx, units)
	if err != nil {
		b.Fatal(err)
	}
	d := time.Since(t0).Seconds()
	b.ReportMetric(float64(in())/d, "in/s")
	b.ReportMetric(float64(res.Added+res.Updated+res.Unchanged)/d, "stored/s")
}

// removeDB removes a SQLite memory and the files beside it.
func removeDB(db string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-index"} {
		os.Remove(db + suffix)
	}
}
