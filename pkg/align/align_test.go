package align

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/segment"
)

// para returns the sentences texts as one block of kind paragraph,
// numbered block.
func para(block int, texts ...string) []Sentence {
	out := make([]Sentence, len(texts))
	for i, t := range texts {
		out[i] = Sentence{Text: t, Block: block, Kind: "paragraph"}
	}
	return out
}

func join(parts ...[]Sentence) []Sentence {
	var out []Sentence
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// links returns the beads as "s0+s1=t0" strings, "s2=" for a source
// sentence alone and "=t3" for a target one.
func links(beads []Bead) []string {
	var out []string
	for _, b := range beads {
		var s, t []string
		for i := b.Source.Start; i < b.Source.End; i++ {
			s = append(s, fmt.Sprint(i))
		}
		for j := b.Target.Start; j < b.Target.End; j++ {
			t = append(t, fmt.Sprint(j))
		}
		out = append(out, strings.Join(s, "+")+"="+strings.Join(t, "+"))
	}
	return out
}

var (
	frArticle = []string{
		"Le 11 décembre, plus de 80 maires se sont réunis à Genève pour parler de migration.",
		"La déclaration commune appelle à un accès direct des villes aux fonds internationaux.",
		"Selon le rapport, le nombre de migrants internationaux atteint 281 millions.",
		"Le budget du programme s'élève à 10 000 000 euros sur trois ans.",
		"Les villes du réseau partageront leurs pratiques lors d'un atelier à Tunis.",
	}
	enArticle = []string{
		"On 11 December, more than 80 mayors met in Geneva to talk about migration.",
		"The joint declaration calls for direct access of cities to international funds.",
		"According to the report, the number of international migrants reaches 281 million.",
		"The programme's budget amounts to 10,000,000 euros over three years.",
		"The cities of the network will share their practices at a workshop in Tunis.",
	}
	// enMT is what a machine would make of frArticle.
	enMT = []string{
		"The 11 December, more than 80 mayors are gathered in Geneva to speak of migration.",
		"The common declaration calls to a direct access of the cities to the international funds.",
		"According to the report, the number of international migrants reaches 281 million.",
		"The budget of the programme amounts to 10 000 000 euros on three years.",
		"The cities of the network will share their practices at a workshop in Tunis.",
	}
)

func withMTs(ss []Sentence, mt []string) []Sentence {
	out := append([]Sentence(nil), ss...)
	for i := range out {
		out[i].MT = mt[i]
	}
	return out
}

func TestAlign(t *testing.T) {
	added := "Registration for the next forum opens in the spring on the website of the organisers."
	merged := "The joint declaration calls for direct access of cities to international funds; according to the report, the number of international migrants reaches 281 million."
	cases := []struct {
		name     string
		src, tgt []Sentence
		want     []string
	}{
		{"one to one", para(0, frArticle...), para(0, enArticle...),
			[]string{"0=0", "1=1", "2=2", "3=3", "4=4"}},
		{"two merged into one", para(0, frArticle...), para(0, enArticle[0], merged, enArticle[3], enArticle[4]),
			[]string{"0=0", "1+2=1", "3=2", "4=3"}},
		{"one left out", para(0, frArticle...), para(0, enArticle[0], enArticle[1], enArticle[3], enArticle[4]),
			[]string{"0=0", "1=1", "2=", "3=2", "4=3"}},
		{"a paragraph in the target only", join(para(0, frArticle[:2]...), para(1, frArticle[2:]...)),
			join(para(0, enArticle[:2]...), para(1, added), para(2, enArticle[2:]...)),
			[]string{"0=0", "1=1", "=2", "2=3", "3=4", "4=5"}},
		{"nothing to align with", para(0, frArticle[:2]...), nil, []string{"0=", "1="}},
		{"no source", nil, para(0, enArticle[:1]...), []string{"=0"}},
	}
	a := New(Options{Ratio: 0.92})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, links(a.Align(nil, tc.src, tc.tgt)), "without machine translation")
			if len(tc.src) == len(frArticle) {
				assert.Equal(t, tc.want, links(a.Align(nil, withMTs(tc.src, enMT), tc.tgt)), "with machine translation")
			}
		})
	}
}

func TestAlignSwappedListItems(t *testing.T) {
	item := func(block int, s string) Sentence { return Sentence{Text: s, Block: block, Kind: "list item"} }
	src := []Sentence{item(0, frArticle[0]), item(1, frArticle[1]), item(2, frArticle[2]), item(3, frArticle[3])}
	tgt := []Sentence{item(0, enArticle[0]), item(1, enArticle[2]), item(2, enArticle[1]), item(3, enArticle[3])}
	got := links(New(Options{}).Align(nil, withMTs(src, enMT), tgt))
	assert.Equal(t, []string{"0=0", "1=2", "2=1", "3=3"}, got)
}

func TestAlignKindsPairOnlyWithTheirKind(t *testing.T) {
	src := []Sentence{{Text: "Conclusion", Block: 0, Kind: "heading"}, {Text: frArticle[0], Block: 1, Kind: "paragraph"}}
	tgt := []Sentence{{Text: enArticle[0], Block: 0, Kind: "paragraph"}}
	assert.Equal(t, []string{"0=", "1=0"}, links(New(Options{}).Align(nil, src, tgt)))
}

func TestConfidence(t *testing.T) {
	a := New(Options{Ratio: 0.92})
	good := a.Align(nil, withMTs(para(0, frArticle...), enMT), para(0, enArticle...))
	for _, b := range good {
		assert.Greater(t, b.Confidence, 0.8, "a translation: %v", b)
	}
	// Two unrelated texts of as many sentences, forced to pair in order.
	unrelated := []string{
		"Patients with a fever should stay at home and call their doctor.",
		"The virus spreads through droplets when people cough or sneeze.",
		"Washing hands often with soap is the best protection we have.",
		"Vaccines were tested on thousands of volunteers last year.",
		"Hospitals have prepared extra beds for the coming winter.",
	}
	for _, b := range a.Align(nil, withMTs(para(0, frArticle...), enMT), para(0, unrelated...)) {
		assert.Less(t, b.Confidence, 0.5, "not a translation: %v", b)
	}
}

func TestAlignTermsAndNumbersAreEvidence(t *testing.T) {
	// Without a machine translation: the sentence unrelated to the target
	// is left alone, and the shared number and concept make the pair more
	// certain than a pair whose number differs and whose concept is not
	// named.
	pair := func(number string, terms bool) Bead {
		src := para(0, "Réunion du conseil.", "Le budget atteint 42 millions pour l'OIM.")
		tgt := para(0, "The budget reaches "+number+" million for IOM.")
		if terms {
			src[1].Terms, tgt[0].Terms = []string{"iom"}, []string{"iom"}
		}
		beads := New(Options{}).Align(nil, src, tgt)
		require.Equal(t, []string{"0=", "1=0"}, links(beads))
		return beads[1]
	}
	assert.Greater(t, pair("42", true).Confidence, pair("24", false).Confidence)
	assert.Greater(t, pair("42", false).Confidence, pair("24", false).Confidence)
	assert.Greater(t, pair("42", true).Confidence, pair("42", false).Confidence)
}

func TestAlignerReuse(t *testing.T) {
	a := New(Options{Ratio: 0.92})
	first := links(a.Align(nil, para(0, frArticle...), para(0, enArticle...)))
	a.Align(nil, para(0, frArticle[:2]...), para(0, enArticle[3:]...))
	assert.Equal(t, first, links(a.Align(nil, para(0, frArticle...), para(0, enArticle...))), "an Aligner keeps nothing of an earlier text")
}

// TestAlignLongTextStaysInBand: a long text without structure, with
// sentences left out and added along the way, is aligned right, and the
// programme's matrix is a band, not the square.
func TestAlignLongTextStaysInBand(t *testing.T) {
	var src, tgt []Sentence
	var want []string
	tj := 0
	for i := range 3000 {
		s := fmt.Sprintf("Phrase numéro %d du rapport annuel, article %d.", i, i*7)
		src = append(src, Sentence{Text: s, MT: fmt.Sprintf("Sentence number %d of the annual report, article %d.", i, i*7)})
		if i%100 == 50 {
			want = append(want, fmt.Sprintf("%d=", i))
			continue
		}
		tgt = append(tgt, Sentence{Text: fmt.Sprintf("Sentence %d of the annual report, article %d.", i, i*7)})
		want = append(want, fmt.Sprintf("%d=%d", i, tj))
		tj++
		if i%300 == 120 {
			tgt = append(tgt, Sentence{Text: "A sentence added by the translator, with no source at all."})
			want = append(want, fmt.Sprintf("=%d", tj))
			tj++
		}
	}
	a := New(Options{})
	assert.Equal(t, want, links(a.Align(nil, src, tgt)))
	cells := len(a.band.cost)
	assert.Less(t, cells, len(src)*len(tgt)/20, "the band holds %d cells of %d", cells, len(src)*len(tgt))
}

func TestSegments(t *testing.T) {
	src := "---\ntitle: Titre\n---\n# Titre\n\nUne phrase. Une autre.\n"
	d, err := markdown.New(markdown.WithFrontMatterKeys("title")).Extract("a.md", []byte(src))
	require.NoError(t, err)
	rules, err := segment.New(language.French)
	require.NoError(t, err)
	rules.Document(d)
	d.Blocks = append(d.Blocks, document.Block{ID: "bx", Kind: document.Paragraph, Content: document.Text("Sans segments")})
	ss, segs := Segments(d)
	var texts, kinds []string
	var blocks []int
	for _, s := range ss {
		texts, kinds, blocks = append(texts, s.Text), append(kinds, s.Kind), append(blocks, s.Block)
	}
	assert.Equal(t, []string{"Titre", "Titre", "Une phrase.", "Une autre.", "Sans segments"}, texts)
	assert.Equal(t, []string{"front-matter\x00title", "heading", "paragraph", "paragraph", "paragraph"}, kinds, "front matter pairs by key")
	assert.Equal(t, []int{0, 1, 2, 2, 3}, blocks)
	assert.Equal(t, "bx", segs[4].ID, "an unsegmented block stands for its one segment")
	assert.Equal(t, d.Blocks[2].Segments[1].ID, segs[3].ID)
}

func TestMarks(t *testing.T) {
	count := func(s string) int { return len(addMarks(nil, s)) }
	same := func(a, b string) bool {
		x, y := addMarks(nil, a), addMarks(nil, b)
		return len(x) == 1 && len(y) == 1 && x[0] == y[0]
	}
	assert.True(t, same("1 000 000", "1,000,000"), "thousands separators")
	assert.True(t, same("2,5", "2.5"), "decimal separators")
	assert.True(t, same("voir https://x.org/a.", "see https://x.org/a."))
	assert.False(t, same("1 250", "1 520"))
	assert.Equal(t, 2, count("du 3 au 7 mai"))
	assert.Equal(t, 0, count("pas de nombre"))
}

// FuzzAlign: whatever the texts, every sentence of either side is in
// exactly one bead, in order on each side but where two blocks swap, and
// a bead with both sides has a confidence in [0, 1].
func FuzzAlign(f *testing.F) {
	f.Add("Une phrase.|Deux phrases!|Trois", "A sentence.|Two|Three.|Four", "p|p|l", "p|l|l|p", true)
	f.Add("", "x", "", "p", false)
	f.Add("a|b|c|d|e", "e|d|c|b|a", "l|l|l|l|l", "l|l|l|l|l", true)
	f.Fuzz(func(t *testing.T, src, tgt, srcKinds, tgtKinds string, mt bool) {
		build := func(text, kinds string) []Sentence {
			if text == "" {
				return nil
			}
			parts := strings.Split(text, "|")
			ks := strings.Split(kinds, "|")
			out := make([]Sentence, 0, min(len(parts), 40))
			block := 0
			for i, p := range parts {
				if i >= 40 {
					break
				}
				k := ks[i%len(ks)]
				if i > 0 && (k != out[i-1].Kind || len(p)%3 == 0) {
					block++
				}
				s := Sentence{Text: p, Block: block, Kind: k}
				if mt {
					s.MT = strings.ToUpper(p)
				}
				out = append(out, s)
			}
			return out
		}
		ss, ts := build(src, srcKinds), build(tgt, tgtKinds)
		beads := New(Options{Ratio: 1.1}).Align(nil, ss, ts)
		seenS, seenT := make([]int, len(ss)), make([]int, len(ts))
		for _, b := range beads {
			if b.Source.Len() == 0 && b.Target.Len() == 0 {
				t.Fatalf("empty bead in %v", beads)
			}
			for i := b.Source.Start; i < b.Source.End; i++ {
				seenS[i]++
			}
			for j := b.Target.Start; j < b.Target.End; j++ {
				seenT[j]++
			}
			if b.Confidence < 0 || b.Confidence > 1 {
				t.Fatalf("confidence %v", b.Confidence)
			}
		}
		for i, n := range seenS {
			if n != 1 {
				t.Fatalf("source %d in %d beads: %v", i, n, beads)
			}
		}
		for j, n := range seenT {
			if n != 1 {
				t.Fatalf("target %d in %d beads: %v", j, n, beads)
			}
		}
	})
}

// BenchmarkAlign aligns 1,000 article pairs of 30 sentences a side (about
// 30,000 sentences a side), built from the French and English lines of
// FLORES-200 and TICO-19, the English side perturbed (a sentence left out
// in one article of three, two merged in another); the English reference
// stands in for the machine translation of the French, as a cached
// translation would be given, so that what is measured is the alignment
// alone. It reports sentence pairs per second.
func BenchmarkAlign(b *testing.B) {
	dir := testenv.Shared(b, "corpus", "parallel")
	read := func(name string) []string {
		data, err := os.ReadFile(dir + "/" + name)
		require.NoError(b, err)
		return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	}
	fr := append(read("flores200-devtest/fra_Latn.txt"), read("tico19-test/fra.txt")[:424]...)
	en := append(read("flores200-devtest/eng_Latn.txt"), read("tico19-test/eng.txt")[:424]...)
	rng := rand.New(rand.NewPCG(1, 2))
	type pair struct{ src, tgt []Sentence }
	pairs := make([]pair, 1000)
	sentences := 0
	for k := range pairs {
		var p pair
		for i := range 30 {
			l := rng.IntN(len(fr))
			block := i / 4
			p.src = append(p.src, Sentence{Text: fr[l], MT: en[l], Block: block, Kind: "paragraph"})
			switch {
			case k%3 == 0 && i == 10:
				continue
			case k%3 == 1 && i == 20 && len(p.tgt) > 0 && p.tgt[len(p.tgt)-1].Block == block:
				p.tgt[len(p.tgt)-1].Text += " " + en[l]
				continue
			}
			p.tgt = append(p.tgt, Sentence{Text: en[l], Block: block, Kind: "paragraph"})
		}
		sentences += len(p.src)
		pairs[k] = p
	}
	a := New(Options{Ratio: 0.92})
	var beads []Bead
	b.ResetTimer()
	for range b.N {
		for _, p := range pairs {
			beads = a.Align(beads[:0], p.src, p.tgt)
		}
	}
	b.ReportMetric(float64(sentences)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkAlignParagraph aligns the sentences of one paragraph unit
// without an engine, as a memory import cuts paragraph units into
// sentence units: one Aligner reused, the beads appended to one slice. It
// reports units per second and allocations per unit.
func BenchmarkAlignParagraph(b *testing.B) {
	src := para(0, frArticle[:3]...)
	tgt := para(0, enArticle[0], enArticle[1]+" "+enArticle[2])
	a := New(Options{Ratio: 0.92})
	var beads []Bead
	b.ReportAllocs()
	for range b.N {
		beads = a.Align(beads[:0], src, tgt)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "units/s")
}
