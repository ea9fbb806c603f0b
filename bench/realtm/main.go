// Command realtm builds the workload of issue #14's measurement from the
// fr/en page pairs of ../shared/corpus/markdown (YunoHost, FreshRSS):
//
//   - paragraph units: each French page and its English page are read as
//     relais reads Markdown, and their blocks are paired by document
//     structure (pairBlocks: the two sequences of blocks aligned, a block
//     pairing only with one of its kind, of a comparable length and the
//     same numbers, a block present in one language only left out); each
//     pair of blocks becomes a unit, written as a gettext PO file (msgid
//     and msgstr in Markdown, as Weblate exports documentation) to
//     OUT/memory.po;
//
//   - changed French pages, to OUT/pages: the pages a translator would get
//     after the sources moved on, changed in a fixed way, block by block
//     (blocks of kind paragraph or list item, counted from 1 over the whole
//     set): in every third block of two sentences or more the last
//     sentence is dropped; every fourth block gets "Cette section a été
//     mise à jour." at its end; in every fifth block the first number
//     written in digits is increased by one; in every other second block
//     of two sentences or more, the first sentence is edited: it starts
//     with "Désormais, " when its first word is a common one (commonStarts),
//     which goes into lower case;
//
//   - the English pages, the references of chrF, to OUT/en, with the same
//     relative names.
//
//     go run ./bench/realtm -shared ../shared -out WORK
//
// With -score DRAFTS -ref REFS it prints instead the chrF (internal/chrf)
// of the drafts in DRAFTS against the pages of the same names in REFS,
// each page one segment, its blanks folded.
//
//	go run ./bench/realtm -score WORK/run/en -ref WORK/en
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/chrf"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/segment"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "", "the folder to write the workload to")
	score := flag.String("score", "", "a folder of drafts to score")
	ref := flag.String("ref", "", "the folder of reference pages, with -score")
	flag.Parse()
	if *score != "" {
		v, err := chrfOf(*score, *ref)
		if err != nil {
			fmt.Fprintln(os.Stderr, "realtm:", err)
			os.Exit(1)
		}
		fmt.Printf("%.2f\n", v)
		return
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "realtm: -out is required")
		os.Exit(2)
	}
	if err := run(filepath.Join(*shared, "corpus", "markdown"), *out); err != nil {
		fmt.Fprintln(os.Stderr, "realtm:", err)
		os.Exit(1)
	}
}

// chrfOf scores the pages of drafts against those of refs.
func chrfOf(drafts, refs string) (float64, error) {
	entries, err := os.ReadDir(drafts)
	if err != nil {
		return 0, err
	}
	var hyps, want []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		h, err := os.ReadFile(filepath.Join(drafts, e.Name()))
		if err != nil {
			return 0, err
		}
		r, err := os.ReadFile(filepath.Join(refs, e.Name()))
		if err != nil {
			return 0, err
		}
		hyps = append(hyps, strings.Join(strings.Fields(string(h)), " "))
		want = append(want, strings.Join(strings.Fields(string(r)), " "))
	}
	return chrf.Corpus(hyps, want), nil
}

// pair is a French page and its English one.
type pair struct{ fr, en, name string }

func pairs(root string) ([]pair, error) {
	var out []pair
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		var en string
		switch {
		case strings.HasSuffix(p, ".fr.md"):
			en = strings.TrimSuffix(p, ".fr.md") + ".en.md"
		case strings.Contains(p, "/fr/"):
			en = strings.Replace(p, "/fr/", "/en/", 1)
		default:
			return nil
		}
		if _, err := os.Stat(en); err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, pair{fr: p, en: en, name: strings.ReplaceAll(rel, "/", "__")})
		return nil
	})
	return out, err
}

func run(root, out string) error {
	ps, err := pairs(root)
	if err != nil {
		return err
	}
	for _, d := range []string{"pages", "en"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	codec := markdown.New()
	fr, err := segment.New(language.French)
	if err != nil {
		return err
	}
	var po strings.Builder
	po.WriteString("msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"X-Source-Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n")
	units, paired, counter := 0, 0, 0
	seen := map[string]bool{}
	for _, p := range ps {
		frSrc, err := os.ReadFile(p.fr)
		if err != nil {
			return err
		}
		enSrc, err := os.ReadFile(p.en)
		if err != nil {
			return err
		}
		fd, err := codec.Extract(p.fr, frSrc)
		if err != nil {
			return err
		}
		ed, err := codec.Extract(p.en, enSrc)
		if err != nil {
			return err
		}
		links := pairBlocks(fd, ed)
		if len(links) > 0 {
			paired++
		}
		for _, l := range links {
			s, t := blockText(fd, &fd.Blocks[l[0]]), blockText(ed, &ed.Blocks[l[1]])
			if s == t || seen[s] {
				continue
			}
			seen[s] = true
			fmt.Fprintf(&po, "\n#: %s\nmsgid %s\nmsgstr %s\n", p.name, quote(s), quote(t))
			units++
		}
		fr.Document(fd)
		changed := change(fd, frSrc, &counter)
		if err := os.WriteFile(filepath.Join(out, "pages", p.name), changed, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "en", p.name), enSrc, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, "memory.po"), []byte(po.String()), 0o644); err != nil {
		return err
	}
	fmt.Printf("%d page pairs, %d paired by structure, %d paragraph units\n", len(ps), paired, units)
	return nil
}

// pairBlocks pairs the blocks of a French page and its English one by
// document structure: an alignment of the two sequences of translatable
// blocks (front matter and attributes left out) by dynamic programming,
// where a French block pairs only with an English block of the same kind,
// at a cost that grows with the gap between their lengths and their
// numbers, and any block may be left out (one present in one language
// only) at a fixed cost. Pairs whose lengths differ by more than a factor
// of two, or whose numbers differ, are dropped after the alignment: a
// translator's memory has no such units.
func pairBlocks(fd, ed *document.Document) [][2]int {
	keep := func(d *document.Document) []int {
		var out []int
		for i := range d.Blocks {
			b := &d.Blocks[i]
			if b.Kind != document.FrontMatter && b.Kind != document.Attribute && strings.TrimSpace(blockText(d, b)) != "" {
				out = append(out, i)
			}
		}
		return out
	}
	fs, es := keep(fd), keep(ed)
	const skip = 1.0
	cost := func(i, j int) float64 {
		a, b := &fd.Blocks[fs[i]], &ed.Blocks[es[j]]
		if a.Kind != b.Kind {
			return math.Inf(1)
		}
		ta, tb := blockText(fd, a), blockText(ed, b)
		c := math.Abs(math.Log(float64(len(ta)+10) / float64(len(tb)+10)))
		if !sameNumbers(ta, tb) {
			c += 0.5
		}
		return c
	}
	n, m := len(fs), len(es)
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
		for j := range best[i] {
			switch {
			case i == 0 && j == 0:
			case i == 0:
				best[i][j] = best[i][j-1] + skip
			case j == 0:
				best[i][j] = best[i-1][j] + skip
			default:
				best[i][j] = min(best[i-1][j-1]+cost(i-1, j-1), best[i-1][j]+skip, best[i][j-1]+skip)
			}
		}
	}
	var links [][2]int
	for i, j := n, m; i > 0 || j > 0; {
		switch {
		case i > 0 && j > 0 && best[i][j] == best[i-1][j-1]+cost(i-1, j-1):
			a, b := fs[i-1], es[j-1]
			ta, tb := blockText(fd, &fd.Blocks[a]), blockText(ed, &ed.Blocks[b])
			if 2*len(ta) >= len(tb) && 2*len(tb) >= len(ta) && sameNumbers(ta, tb) {
				links = append(links, [2]int{a, b})
			}
			i, j = i-1, j-1
		case i > 0 && best[i][j] == best[i-1][j]+skip:
			i--
		default:
			j--
		}
	}
	slices.Reverse(links)
	return links
}

// sameNumbers reports whether a and b have the same numbers written in
// digits, in the same order.
func sameNumbers(a, b string) bool {
	return slices.Equal(digits.FindAllString(a, -1), digits.FindAllString(b, -1))
}

// blockText returns a block's text as written in its page, on one line.
func blockText(d *document.Document, b *document.Block) string {
	return strings.Join(strings.Fields(d.Text(b.Span)), " ")
}

// quote writes s as a PO string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`).Replace(s) + `"`
}

var digits = regexp.MustCompile(`\d+`)

// commonStarts are words a French sentence often starts with, and how they
// are written inside a sentence: an edited sentence starts with
// "Désormais, " and its first word in lower case.
var commonStarts = map[string]string{
	"Le": "le", "La": "la", "Les": "les", "Un": "un", "Une": "une", "Des": "des", "Vous": "vous",
	"Nous": "nous", "Il": "il", "Elle": "elle", "Ils": "ils", "Ce": "ce", "Cette": "cette",
	"Ces": "ces", "Pour": "pour", "Dans": "dans", "Si": "si", "On": "on", "Votre": "votre", "Vos": "vos",
}

// change returns src with its paragraphs and list items changed as the
// package documentation says; counter numbers such blocks over the set.
func change(d *document.Document, src []byte, counter *int) []byte {
	type edit struct {
		span document.Span
		text string
	}
	var edits []edit
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Kind != document.Paragraph && b.Kind != document.ListItem || len(b.Segments) == 0 {
			continue
		}
		*counter++
		n := *counter
		last := b.Segments[len(b.Segments)-1]
		switch {
		case n%3 == 0 && len(b.Segments) >= 2:
			prev := b.Segments[len(b.Segments)-2]
			edits = append(edits, edit{document.Span{Start: prev.Span.End, End: last.Span.End}, ""})
		case n%4 == 0:
			edits = append(edits, edit{document.Span{Start: last.Span.End, End: last.Span.End}, " Cette section a été mise à jour."})
		case n%5 == 0:
			text := string(src[b.Segments[0].Span.Start:last.Span.End])
			if m := digits.FindStringIndex(text); m != nil {
				v, _ := strconv.Atoi(text[m[0]:m[1]])
				at := b.Segments[0].Span.Start
				edits = append(edits, edit{document.Span{Start: at + m[0], End: at + m[1]}, strconv.Itoa(v + 1)})
			}
		case n%2 == 0 && len(b.Segments) >= 2:
			first := b.Segments[0].Span
			word, _, _ := strings.Cut(string(src[first.Start:first.End]), " ")
			if lower, ok := commonStarts[word]; ok {
				edits = append(edits, edit{document.Span{Start: first.Start, End: first.Start + len(word)}, "Désormais, " + lower})
			}
		}
	}
	var out []byte
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.span.Start]...)
		out = append(out, e.text...)
		at = e.span.End
	}
	return append(out, src[at:]...)
}
