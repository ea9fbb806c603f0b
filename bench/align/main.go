// Command align builds the gold set of issue #17's measurement and scores
// alignments against it.
//
// With -out WORK it reads FLORES-200 (fr, en, es, lines 1–300) and TICO-19
// (lines 1–424: see sets) from ../shared/corpus/parallel, where line N of each file
// is the same sentence (a line gets a capital and a full stop where it has
// none, so that it is a sentence to the segmenter), and writes pseudo-articles: WORK/SET/fr/aNN.md and
// their translations WORK/SET/en/aNN.md and WORK/SET/es/aNN.md, a heading,
// paragraphs of two to five sentences and a list of three or four items,
// one sentence a line. The translations are perturbed with a fixed seed,
// the same way in both languages: two sentences of a paragraph merged into
// one (joined by a semicolon), a sentence dropped, a paragraph of sentences
// from elsewhere added, two neighbouring list items swapped. The gold
// links, a source line with a target line, go to WORK/SET/gold-LANG.tsv
// (file, source line, target line).
//
//	go run ./bench/align -shared ../shared -out WORK
//
// With -score TSV -gold GOLD it prints the precision, recall and F1 of the
// links of a `relais align --format tsv` output (every source line of a
// bead with every target line of it) against the gold links.
//
// With -baseline WORK/SET -lang LANG it aligns the set as relais did
// before issue #17 (blocks by the sequence of their kinds, sentences by
// Gale and Church's length model; see galechurch.go) and prints the same
// figures.
//
// For work on the aligner without the binary: -segments WORK/SET prints the
// set's French sentences one a line (to translate once, with apertium -u),
// and -library WORK/SET -lang LANG [-mt FILE] aligns the set in process
// with package align, with those translations or none.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/align"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/loader"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "", "write the gold set to this folder")
	score := flag.String("score", "", "a TSV output of relais align to score")
	gold := flag.String("gold", "", "the gold links, with -score")
	baseline := flag.String("baseline", "", "a set's folder (WORK/SET) to align with the old Gale–Church aligner")
	lang := flag.String("lang", "en", "the target language, with -baseline and -library")
	library := flag.String("library", "", "a set's folder (WORK/SET) to align with package align, in process")
	mtFile := flag.String("mt", "", "with -library: a file of the machine translations of the lines of -segments' output, one a line")
	segments := flag.String("segments", "", "a set's folder (WORK/SET) whose French sentences to print, one a line")
	seed := flag.Uint64("seed", 17, "with -out: the seed of the articles' shapes and perturbations")
	flag.Parse()
	var err error
	switch {
	case *out != "":
		err = build(filepath.Join(*shared, "corpus", "parallel"), *out, *seed)
	case *score != "":
		var pred map[link]bool
		if pred, err = tsvLinks(*score); err == nil {
			err = report(pred, *gold)
		}
	case *baseline != "":
		var pred map[link]bool
		if pred, err = galeChurch(*baseline, *lang); err == nil {
			err = report(pred, filepath.Join(*baseline, "gold-"+*lang+".tsv"))
		}
	case *library != "":
		var pred map[link]bool
		if pred, err = withLibrary(*library, *lang, *mtFile); err == nil {
			err = report(pred, filepath.Join(*library, "gold-"+*lang+".tsv"))
		}
	case *segments != "":
		err = printSegments(*segments)
	default:
		err = fmt.Errorf("give -out, -score, -baseline, -library or -segments")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "align:", err)
		os.Exit(1)
	}
}

// sets are the sentence-parallel files: per set, the file of each language.
// TICO-19's French lines 425–500 are not translations of the English and
// Spanish lines of the same numbers (425: "Généralement, la période
// d'incubation…" against "Zoonotic origins of human coronaviruses"; the
// machine translation of each scores as low as an unrelated sentence), so
// the set stops at line 424.
var sets = []struct {
	name  string
	files map[string]string
	lines int
}{
	{"flores", map[string]string{"fr": "flores200-devtest/fra_Latn.txt", "en": "flores200-devtest/eng_Latn.txt", "es": "flores200-devtest/spa_Latn.txt"}, 300},
	{"tico", map[string]string{"fr": "tico19-test/fra.txt", "en": "tico19-test/eng.txt", "es": "tico19-test/spa_LA.txt"}, 424},
}

// item is a line of an article: its text and the source lines (indexes
// into the set's files) it translates.
type item struct {
	text string
	from []int
}

// block is a block of an article: a heading, a paragraph or a list.
type block struct {
	kind  string // "heading", "para", "list"
	items []item
}

func build(dir, out string, seed uint64) error {
	for _, set := range sets {
		text := map[string][]string{}
		for lang, f := range set.files {
			lines, err := readLines(filepath.Join(dir, f))
			if err != nil {
				return err
			}
			text[lang] = lines[:min(len(lines), set.lines)]
		}
		n := len(text["fr"])
		for _, l := range []string{"en", "es"} {
			if len(text[l]) != n {
				return fmt.Errorf("%s: %d lines in fr, %d in %s", set.name, n, len(text[l]), l)
			}
		}
		rng := rand.New(rand.NewPCG(seed, uint64(len(set.name))))
		var articles [][]block // the structure, with source line indexes
		for start := 0; start < n; {
			size := min(24+rng.IntN(11), n-start)
			articles = append(articles, layout(rng, start, size))
			start += size
		}
		for _, lang := range []string{"fr", "en", "es"} {
			if err := os.MkdirAll(filepath.Join(out, set.name, lang), 0o755); err != nil {
				return err
			}
		}
		golds := map[string]*strings.Builder{"en": {}, "es": {}}
		for k, art := range articles {
			name := fmt.Sprintf("a%02d.md", k+1)
			srcLines := write(filepath.Join(out, set.name, "fr", name), fill(art, text["fr"]))
			artSeed := uint64(k)*7919 + uint64(len(set.name)) + seed*104729
			for _, lang := range []string{"en", "es"} {
				p := perturb(rand.New(rand.NewPCG(artSeed, 1)), fill(art, text[lang]), text[lang])
				tgtLines := write(filepath.Join(out, set.name, lang, name), p)
				k := 0
				for _, b := range p {
					for _, it := range b.items {
						for _, f := range it.from {
							fmt.Fprintf(golds[lang], "%s\t%d\t%d\n", name, srcLines[f], tgtLines[-1-k])
						}
						k++
					}
				}
			}
		}
		for lang, g := range golds {
			if err := os.WriteFile(filepath.Join(out, set.name, "gold-"+lang+".tsv"), []byte(g.String()), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// layout shapes the size lines from start into an article: a heading, then
// paragraphs of two to five lines, with one list of three or four items
// after the first or second paragraph.
func layout(rng *rand.Rand, start, size int) []block {
	next := start
	take := func(k int) []item {
		k = min(k, start+size-next)
		its := make([]item, k)
		for i := range its {
			its[i] = item{from: []int{next}}
			next++
		}
		return its
	}
	art := []block{{kind: "heading", items: take(1)}}
	listAfter := 1 + rng.IntN(2)
	for paras := 0; next < start+size; paras++ {
		if paras == listAfter {
			art = append(art, block{kind: "list", items: take(3 + rng.IntN(2))})
			continue
		}
		art = append(art, block{kind: "para", items: take(2 + rng.IntN(4))})
	}
	return art
}

// fill returns a copy of the article with the text of each line in lines.
func fill(art []block, lines []string) []block {
	out := make([]block, len(art))
	for i, b := range art {
		out[i] = block{kind: b.kind}
		for _, it := range b.items {
			out[i].items = append(out[i].items, item{text: lines[it.from[0]], from: it.from})
		}
	}
	return out
}

// perturb changes a translated article as published translations differ
// from their source: each with its chance, two sentences of a paragraph
// merged, a sentence dropped, a paragraph from elsewhere in lines added,
// two neighbouring list items swapped.
func perturb(rng *rand.Rand, art []block, lines []string) []block {
	paras := func(least int) []int {
		var out []int
		for i, b := range art {
			if b.kind == "para" && len(b.items) >= least {
				out = append(out, i)
			}
		}
		return out
	}
	if ps := paras(2); rng.Float64() < 0.6 && len(ps) > 0 {
		b := &art[ps[rng.IntN(len(ps))]]
		k := rng.IntN(len(b.items) - 1)
		a, c := b.items[k], b.items[k+1]
		joined := item{text: strings.TrimRight(a.text, ".!? ") + "; " + lowerFirst(c.text), from: append(append([]int{}, a.from...), c.from...)}
		b.items = append(append(append([]item{}, b.items[:k]...), joined), b.items[k+2:]...)
	}
	if ps := paras(3); rng.Float64() < 0.5 && len(ps) > 0 {
		b := &art[ps[rng.IntN(len(ps))]]
		k := rng.IntN(len(b.items))
		b.items = append(append([]item{}, b.items[:k]...), b.items[k+1:]...)
	}
	if rng.Float64() < 0.4 {
		at := 1 + rng.IntN(len(art))
		from := (art[0].items[0].from[0] + len(lines)/2) % len(lines)
		var added []item
		for k := range 2 + rng.IntN(2) {
			added = append(added, item{text: lines[(from+k)%len(lines)]})
		}
		art = append(art[:at], append([]block{{kind: "para", items: added}}, art[at:]...)...)
	}
	for i := range art {
		if b := &art[i]; b.kind == "list" && len(b.items) >= 2 && rng.Float64() < 0.6 {
			k := rng.IntN(len(b.items) - 1)
			b.items[k], b.items[k+1] = b.items[k+1], b.items[k]
		}
	}
	return art
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) && !(n < len(s) && unicode.IsUpper(rune(s[n]))) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// write writes the article as Markdown to path and returns the line of
// each of its items, in order, and of each source line index it holds.
func write(path string, art []block) map[int]int {
	var b strings.Builder
	at := map[int]int{}
	k := 0
	line := 1
	for i, bl := range art {
		if i > 0 {
			b.WriteString("\n")
			line++
		}
		for _, it := range bl.items {
			switch bl.kind {
			case "heading":
				b.WriteString("# ")
			case "list":
				b.WriteString("- ")
			}
			b.WriteString(escape(it.text) + "\n")
			at[-1-k] = line
			k++
			if len(it.from) == 1 {
				at[it.from[0]] = line
			}
			line++
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		panic(err)
	}
	return at
}

// escape keeps a sentence from starting a Markdown construct at the start
// of its line (a list, a heading, a quote).
func escape(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '*', '#', '>', '|', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for i, l := range lines {
		lines[i] = sentence(l)
	}
	return lines, nil
}

// sentence starts l with a capital and ends it with a full stop when it
// ends with no punctuation (many lines of TICO-19's dialogues are in lower
// case, without a stop), so that each line is a sentence to the segmenter
// in every language, and the links of the gold set are sentence links.
func sentence(l string) string {
	l = strings.TrimSpace(l)
	if l == "" {
		return l
	}
	if r, n := utf8.DecodeRuneInString(l); unicode.IsLower(r) {
		l = string(unicode.ToUpper(r)) + l[n:]
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	if strings.ContainsRune(".!?…»\"”:;)", r) {
		return l
	}
	return l + "."
}

// link is a source line of a file paired with a target line.
type link struct {
	file     string
	src, tgt int
}

// tsvLinks reads the links of a relais align TSV: columns score, source,
// target, source file, source lines, target file, target lines.
func tsvLinks(path string) (map[link]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[link]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for first := true; sc.Scan(); first = false {
		cols := strings.Split(sc.Text(), "\t")
		if first || len(cols) < 7 {
			continue
		}
		s0, s1 := lineRange(cols[4])
		t0, t1 := lineRange(cols[6])
		for s := s0; s <= s1; s++ {
			for t := t0; t <= t1; t++ {
				out[link{filepath.Base(cols[3]), s, t}] = true
			}
		}
	}
	return out, sc.Err()
}

func lineRange(s string) (int, int) {
	a, b, ok := strings.Cut(s, "-")
	x, _ := strconv.Atoi(a)
	if !ok {
		return x, x
	}
	y, _ := strconv.Atoi(b)
	return x, y
}

// report prints the precision, recall and F1 of pred against the gold
// links in the file gold.
func report(pred map[link]bool, gold string) error {
	data, err := os.ReadFile(gold)
	if err != nil {
		return err
	}
	want := map[link]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		c := strings.Split(l, "\t")
		s, _ := strconv.Atoi(c[1])
		t, _ := strconv.Atoi(c[2])
		want[link{c[0], s, t}] = true
	}
	good := 0
	for l := range pred {
		if want[l] {
			good++
		}
	}
	p := float64(good) / float64(max(len(pred), 1))
	r := float64(good) / float64(max(len(want), 1))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	fmt.Printf("links %d, gold %d, right %d: precision %.3f recall %.3f F1 %.3f\n", len(pred), len(want), good, p, r, f)
	return nil
}

// galeChurch aligns the articles of the set folder dir (fr with lang) as
// relais's pair mode did before issue #17 and returns the links.
func galeChurch(dir, lang string) (map[link]bool, error) {
	l, err := loader.New(loader.Options{From: language.French})
	if err != nil {
		return nil, err
	}
	tag := language.Make(lang)
	ratio := align.LengthRatio(language.Make(lang))
	names, err := filepath.Glob(filepath.Join(dir, "fr", "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := map[link]bool{}
	for _, sp := range names {
		name := filepath.Base(sp)
		sd, err := l.Load(loader.Source{Disk: sp, Rel: name}, language.French)
		if err != nil {
			return nil, err
		}
		td, err := l.Load(loader.Source{Disk: filepath.Join(dir, lang, name), Rel: name}, tag)
		if err != nil {
			return nil, err
		}
		src, tgt := sd.Doc, td.Doc
		for _, bp := range gcBlocks(src, tgt) {
			if bp.source < 0 || bp.target < 0 {
				continue
			}
			ss, ts := src.Blocks[bp.source].Segments, tgt.Blocks[bp.target].Segments
			for _, bead := range gcSentences(plains(ss), plains(ts), ratio) {
				for _, i := range bead.source {
					for _, j := range bead.target {
						for s := range lines(src, &ss[i]) {
							for t := range lines(tgt, &ts[j]) {
								out[link{name, s, t}] = true
							}
						}
					}
				}
			}
		}
	}
	return out, nil
}

func plains(ss []document.Segment) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Source.Plain()
	}
	return out
}

// lines returns the set of lines segment s of d spans.
func lines(d *document.Document, s *document.Segment) map[int]bool {
	a := d.Position(s.Span.Start).Line
	b := d.Position(max(s.Span.End-1, s.Span.Start)).Line
	out := map[int]bool{}
	for l := a; l <= b; l++ {
		out[l] = true
	}
	return out
}
