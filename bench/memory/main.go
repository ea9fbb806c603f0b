// Command memory measures the segment memory on the peer-benchmark
// workload (../shared/bench/make-workload.sh): TMX import speed, fuzzy
// lookups per second with p50/p99 latency on the 2,000-sentence batch,
// resident memory, how many planted near-duplicates get their planted unit
// as best match, and how many of gettext msgmerge's matches of 75 % or more
// relais also finds.
//
//	go run ./bench/memory -mode import -tmx WL/tm-100k.tmx -db /tmp/m100k.db
//	go run ./bench/memory -mode lookup -db /tmp/m100k.db -wl WL [-msgmerge WORK/bench/msgmerge-100k.po]
//
// Run the two modes as separate processes: each reports its own peak
// resident memory (VmHWM). Lookups run on one core (GOMAXPROCS=1) unless
// -cpu says otherwise.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	_ "modernc.org/sqlite" // read-only access for the scan baseline
)

func main() {
	mode := flag.String("mode", "lookup", "import or lookup")
	tmx := flag.String("tmx", "", "TMX file to import (mode import)")
	db := flag.String("db", "", "SQLite memory")
	wl := flag.String("wl", "", "workload folder: batch.fr and batch-key.tsv (mode lookup)")
	mm := flag.String("msgmerge", "", "msgmerge --previous output for the same batch and memory (optional)")
	cpu := flag.Int("cpu", 1, "GOMAXPROCS for lookups")
	scan := flag.Int("scan", 0, "also time a scan of the whole memory (the peers' method, on index terms) for this many batch sentences, as the baseline")
	minScore := flag.Int("min", 75, "lowest score looked up (relais translate looks down to 50 for the report's bands)")
	prof := flag.String("cpuprofile", "", "write a CPU profile")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err == nil {
			_ = pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	ctx := context.Background()
	var err error
	switch *mode {
	case "import":
		err = importTMX(ctx, *tmx, *db)
	case "lookup":
		runtime.GOMAXPROCS(*cpu)
		err = lookups(ctx, *db, *wl, *mm, *minScore, *scan)
	default:
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func importTMX(ctx context.Context, path, db string) error {
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	r := memory.NewTMXReader(path, f, memory.TMXOptions{})
	res, err := st.Put(ctx, r.Units())
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	n := res.Added + res.Updated + res.Unchanged
	fmt.Printf("IMPORT %s units=%d added=%d seconds=%.2f units_per_s=%.0f %s\n", path, n, res.Added, secs, float64(n)/secs, rss())
	return nil
}

func lines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}

func lookups(ctx context.Context, db, wl, mm string, minScore, scan int) error {
	batch, err := lines(wl + "/batch.fr")
	if err != nil {
		return err
	}
	key, err := lines(wl + "/batch-key.tsv")
	if err != nil {
		return err
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	q := func(s string) memory.Query {
		return memory.Query{Source: document.Text(s), SrcLang: language.French, TgtLang: language.Spanish, Min: minScore, Limit: 1}
	}
	start := time.Now()
	if _, err := st.Lookup(ctx, q("Construction de l'index.")); err != nil {
		return err
	}
	fmt.Printf("INDEX build_s=%.2f %s\n", time.Since(start).Seconds(), rss())

	best := make([]memory.Match, len(batch))
	found := make([]bool, len(batch))
	lat := make([]time.Duration, 0, len(batch))
	start = time.Now()
	for i, s := range batch {
		t0 := time.Now()
		ms, err := st.Lookup(ctx, q(s))
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		if len(ms) > 0 {
			best[i], found[i] = ms[0], true
		}
	}
	total := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	bands := map[string]int{}
	for i := range batch {
		switch {
		case !found[i]:
			bands["none"]++
		case best[i].Score >= 100:
			bands["100+"]++
		case best[i].Score >= 95:
			bands["95-99"]++
		case best[i].Score >= 85:
			bands["85-94"]++
		default:
			bands["75-84"]++
		}
	}
	fmt.Printf("LOOKUP queries=%d seconds=%.3f lookups_per_s=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f gomaxprocs=%d %s\n",
		len(batch), total.Seconds(), float64(len(batch))/total.Seconds(),
		ms(pct(0.50)), ms(pct(0.99)), ms(lat[len(lat)-1]), runtime.GOMAXPROCS(0), rss())
	fmt.Printf("BANDS 100+=%d 95-99=%d 85-94=%d 75-84=%d none=%d\n", bands["100+"], bands["95-99"], bands["85-94"], bands["75-84"], bands["none"])

	// Planted near-duplicates and exact repeats.
	near, nearBest, exact, exactBest := 0, 0, 0, 0
	var missed []string
	for _, l := range key {
		f := strings.Split(l, "\t")
		if len(f) < 4 {
			continue
		}
		i, _ := strconv.Atoi(f[0])
		i--
		if i < 0 || i >= len(batch) {
			continue
		}
		planted := document.Text(f[3]).Key()
		hit := found[i] && best[i].Unit.Source.Key() == planted
		switch f[1] {
		case "near":
			near++
			if hit {
				nearBest++
			} else if len(missed) < 8 {
				sc := -1
				if found[i] {
					sc = best[i].Score
				}
				missed = append(missed, fmt.Sprintf("  %s (%s) best=%d: %s", f[0], f[2], sc, batch[i]))
			}
		case "exact":
			exact++
			if hit && best[i].Score >= 100 {
				exactBest++
			}
		}
	}
	fmt.Printf("PLANTED near=%d best_is_planted=%d (%.1f%%) exact=%d found_at_100=%d\n", near, nearBest, 100*float64(nearBest)/float64(max(near, 1)), exact, exactBest)
	for _, m := range missed {
		fmt.Println(m)
	}
	if mm != "" {
		if err := compareMsgmerge(mm, batch, found); err != nil {
			return err
		}
	}
	if scan > 0 {
		return scanBaseline(db, batch[:min(scan, len(batch))], minScore, float64(len(batch))/total.Seconds())
	}
	return nil
}

// scanBaseline times the method of the peers, a scan of every unit for
// every query, with a cheap form of relais's similarity (word edit distance
// on index terms, held in memory, skipping units whose length alone rules
// them out), and prints how many times faster the index was in the same
// run.
func scanBaseline(db string, queries []string, minScore int, indexed float64) error {
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		return err
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT src_key FROM units`)
	if err != nil {
		return err
	}
	vocab := map[string]uint32{}
	ids := func(key string) []uint32 {
		terms := memory.IndexTerms(key)
		out := make([]uint32, len(terms))
		for i, t := range terms {
			id, ok := vocab[t]
			if !ok {
				id = uint32(len(vocab))
				vocab[t] = id
			}
			out[i] = id
		}
		return out
	}
	var units [][]uint32
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return err
		}
		units = append(units, ids(key))
	}
	if err := rows.Close(); err != nil {
		return err
	}
	start := time.Now()
	hits := 0
	for _, q := range queries {
		qt := ids(document.Text(q).Key())
		for _, u := range units {
			longer := max(len(qt), len(u))
			if longer == 0 || 100*(longer-abs(len(qt)-len(u)))/longer < minScore {
				continue
			}
			if 100*(longer-memory.EditDistance(qt, u))/longer >= minScore {
				hits++
			}
		}
	}
	rate := float64(len(queries)) / time.Since(start).Seconds()
	fmt.Printf("SCAN units=%d queries=%d lookups_per_s=%.1f (hits=%d) index_vs_scan=%.0fx\n", len(units), len(queries), rate, hits, indexed/rate)
	return nil
}

func abs(n int) int { return max(n, -n) }

// compareMsgmerge counts msgmerge's fuzzy matches of 75 % or more
// (character similarity of msgid and its '#| msgid', as po_tools.py bands
// scores them) and how many of those batch sentences relais matched too.
func compareMsgmerge(path string, batch []string, found []bool) error {
	entries, err := readPO(path)
	if err != nil {
		return err
	}
	index := map[string]int{}
	for i, s := range batch {
		if _, ok := index[s]; !ok {
			index[s] = i
		}
	}
	theirs, ours, exact := 0, 0, 0
	var missed []string
	for _, e := range entries {
		j, ok := index[e.id]
		if !ok || e.id == "" || e.str == "" {
			continue
		}
		if e.prev == "" {
			exact++
			continue
		}
		if sim(e.id, e.prev) < 75 {
			continue
		}
		theirs++
		if found[j] {
			ours++
		} else if len(missed) < 12 {
			missed = append(missed, fmt.Sprintf("  %.0f%% %q ~ %q", sim(e.id, e.prev), e.id, e.prev))
		}
	}
	fmt.Printf("MSGMERGE fuzzy_ge75=%d relais_found=%d (%.1f%%) exact=%d\n", theirs, ours, 100*float64(ours)/float64(max(theirs, 1)), exact)
	for _, m := range missed {
		fmt.Println(m)
	}
	return nil
}

// poEntry is one entry of a merged PO file: msgid, msgstr and the msgid of
// the compendium entry it came from ('#| msgid', fuzzy matches only).
type poEntry struct{ id, str, prev string }

// readPO reads the entries of a PO file, joining wrapped strings.
func readPO(path string) ([]poEntry, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	var out []poEntry
	var e poEntry
	var field *string
	for _, l := range append(ls, "") {
		switch {
		case l == "":
			if e.id != "" || e.str != "" {
				out = append(out, e)
			}
			e, field = poEntry{}, nil
		case strings.HasPrefix(l, "#| msgid "):
			field = &e.prev
			*field = unquote(l[len("#| msgid "):])
		case strings.HasPrefix(l, "#| \""):
			if field == &e.prev {
				*field += unquote(l[len("#| "):])
			}
		case strings.HasPrefix(l, "msgid "):
			field = &e.id
			*field = unquote(l[len("msgid "):])
		case strings.HasPrefix(l, "msgstr "):
			field = &e.str
			*field = unquote(l[len("msgstr "):])
		case strings.HasPrefix(l, "\""):
			if field != nil {
				*field += unquote(l)
			}
		default:
			field = nil
		}
	}
	return out, nil
}

func unquote(s string) string {
	u, err := strconv.Unquote(s)
	if err != nil {
		return s
	}
	return u
}

// sim is 100 × (1 − Levenshtein(a, b) / max length), on characters.
func sim(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	return 100 * (1 - float64(memory.EditDistance(ra, rb))/float64(max(len(ra), len(rb), 1)))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// rss returns the process's resident memory now and at its peak, from
// /proc/self/status.
func rss() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	var out []string
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		out = append(out, fmt.Sprintf("cpu_s=%.2f", float64(ru.Utime.Sec+ru.Stime.Sec)+float64(ru.Utime.Usec+ru.Stime.Usec)/1e6))
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
			f := strings.Fields(l)
			kb, _ := strconv.Atoi(f[1])
			out = append(out, fmt.Sprintf("%s_mb=%d", strings.ToLower(strings.TrimSuffix(f[0], ":")), kb/1024))
		}
	}
	return strings.Join(out, " ")
}
