package memory

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// bruteForce scores every unit's terms as Candidates does, without the
// index.
type bruteForce struct {
	vocab map[string]uint32
	units [][]uint32
	nums  [][]uint32
	heads []bool
}

func newBruteForce(keys []string) *bruteForce {
	b := &bruteForce{vocab: map[string]uint32{}}
	for _, k := range keys {
		_, head := headingOf(k)
		b.units = append(b.units, b.ids(k))
		b.nums = append(b.nums, numbers(k))
		b.heads = append(b.heads, head)
	}
	return b
}

// numbers returns the hashes of the numbers of key, but for its heading
// number.
func numbers(key string) []uint32 {
	var out []uint32
	for _, t := range tokenize(stripHeading(key)) {
		if t.kind == tokNumber {
			out = append(out, numberHash(t.text))
		}
	}
	return out
}

func (b *bruteForce) ids(key string) []uint32 {
	terms := IndexTerms(key)
	out := make([]uint32, len(terms))
	for i, t := range terms {
		id, ok := b.vocab[t]
		if !ok {
			id = uint32(len(b.vocab))
			b.vocab[t] = id
		}
		out[i] = id
	}
	return out
}

func (b *bruteForce) match(key string, minScore int) map[int64]int {
	q, qn := b.ids(key), numbers(key)
	_, qhead := headingOf(key)
	out := map[int64]int{}
	var buf []int32
	for i, u := range b.units {
		longer := max(len(q), len(u))
		if len(q) == 0 {
			continue
		}
		d, _ := boundedDistance(q, u, longer, &buf)
		if bound := reachOf(qhead, b.heads[i]).bound(longer, d, missingNumbers(qn, b.nums[i])); bound >= minScore {
			out[int64(i+1)] = bound
		}
	}
	return out
}

// variants returns a memory of real French sentences and near copies of
// them (words dropped, swapped, replaced, sentences joined), and queries
// that are further edits of those.
func variants(t *testing.T, r *rand.Rand) (keys, queries []string) {
	data, err := os.ReadFile(testenv.Shared(t, "corpus", "parallel", "flores200-devtest", "fra_Latn.txt"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")[:300]
	edit := func(s string) string {
		if h, ok := headingOf(s); ok && r.IntN(3) == 0 {
			switch r.IntN(3) {
			case 0:
				s = s[h.end:] // the heading number removed
			case 1:
				s = strconv.Itoa(r.IntN(4)+1) + ". " + s[h.end:] // changed, maybe to the same
			default:
				s = "IV) " + s[h.end:]
			}
		} else if !ok && r.IntN(8) == 0 {
			s = strconv.Itoa(r.IntN(4)+1) + ". " + s // one added
		}
		w := strings.Fields(s)
		for range 1 + r.IntN(3) {
			if len(w) < 2 {
				break
			}
			i := r.IntN(len(w))
			switch r.IntN(6) {
			case 5:
				w[i] = strconv.Itoa(r.IntN(30)) // a number, maybe one the unit has
			case 0:
				w = append(w[:i], w[i+1:]...)
			case 1:
				w[i] = "Lyon"
			case 3:
				w[i] += "s" // an inflection: the same stem
			case 2:
				j := r.IntN(len(w))
				w[i], w[j] = w[j], w[i]
			default:
				w = append(w[:i], append([]string{"de", "la"}, w[i:]...)...)
			}
		}
		return strings.Join(w, " ")
	}
	for i, l := range lines {
		if i%5 == 0 {
			l = strconv.Itoa(i%4+1) + ". " + l // a numbered heading or list item
		}
		keys = append(keys, document.Text(l).Key(), document.Text(edit(l)).Key())
		if i > 0 {
			keys = append(keys, document.Text(lines[i-1]+" "+l).Key())
		}
	}
	for _, l := range lines[:120] {
		queries = append(queries, document.Text(edit(l)).Key())
	}
	// At the threshold exactly: the unit shares the query's three common
	// words and lacks its one word found nowhere (75 %).
	keys = append(keys, "chat chien loup", "Les maires se réunissent à Lyon.", "La conférence a lieu du 7 au 8 novembre.",
		"La conférence a lieu du 7 au 9 novembre.", "Il y a 7 villes.")
	queries = append(queries, "La conférence a lieu du 16 au 17 novembre.", "La conférence a lieu du 7 au 17 novembre.",
		"Il y a 9 villes.", "zèbre chat chien loup", "de la", "la", "Les maires se réunissent à Paris.")
	// Headings: a number changed, added or removed costs a point; two
	// one-word headings of the same number share only their number.
	keys = append(keys, "2. Installation", "Installer le serveur", "3. Installer le serveur web", "IV. Sécurité", "a) Le serveur",
		"2.3 Configuration du serveur", "3 serveurs")
	queries = append(queries, "2. Configuration", "3. Installation", "Installation", "2. Installer le serveur", "Installer le serveur web",
		"V. Sécurité", "b) Le serveur", "Configuration du serveur", "3. serveurs")
	return keys, queries
}

func TestCandidatesMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	keys, queries := variants(t, r)
	bulk := NewIndex()
	for i, k := range keys {
		bulk.Add(int64(i+1), "fr|es", k)
	}
	// The same units added a few at a time, with lookups in between, so
	// that postings are appended rather than rebuilt.
	step := NewIndex()
	for i, k := range keys {
		step.Add(int64(i+1), "fr|es", k)
		if i%50 == 0 {
			step.Candidates("fr|es", k, 75, 0)
		}
	}
	other := NewIndex()
	for i, k := range keys {
		other.Add(int64(i+1), "fr|en", k)
	}
	brute := newBruteForce(keys)
	for _, minScore := range []int{50, 75, 90} {
		for qi, q := range queries {
			want := brute.match(q, minScore)
			for name, x := range map[string]*Index{"bulk": bulk, "step": step} {
				got := map[int64]int{}
				cs := x.Candidates("fr|es", q, minScore, 0)
				for _, c := range cs {
					got[c.ID] = c.Score
				}
				assert.Equal(t, want, got, "%s, min %d: %q", name, minScore, q)
				for _, c := range cs {
					// The index's similarity bounds the score from above.
					m, _ := Score(Query{Source: document.Text(q), Min: 1}, Unit{Source: document.Text(keys[c.ID-1]), Target: document.Text(keys[c.ID-1])}, Options{})
					assert.LessOrEqual(t, m.Score, c.Score, "%q ~ %q", q, keys[c.ID-1])
				}
				assert.True(t, sort.SliceIsSorted(cs, func(i, j int) bool { return cs[i].Score > cs[j].Score }), "best first")
			}
			assert.Empty(t, other.Candidates("fr|es", q, minScore, 0), "another language pair is never a candidate")
			if minScore != 75 || (qi%4 != 0 && qi < len(queries)-8) {
				continue
			}
			// Every unit that scores minScore or more is a candidate.
			sc := NewScorer(Query{Source: document.Text(q), Min: minScore}, Options{})
			for i, k := range keys {
				if m, ok := sc.Score(Unit{Source: document.Text(k), Target: document.Text(k)}); ok {
					assert.Contains(t, want, int64(i+1), "%q ~ %q scores %d", q, k, m.Score)
				}
			}
		}
	}
}

func TestIndexFileRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	keys, queries := variants(t, r)
	x := NewIndex()
	for i, k := range keys {
		pair := "fr|es"
		if i%7 == 0 {
			pair = "fr|en"
		}
		x.Add(int64(2*i+1), pair, k) // ids with gaps, as a store's may have
	}
	var file bytes.Buffer
	n, err := x.WriteTo(&file)
	require.NoError(t, err)
	assert.Equal(t, int64(file.Len()), n)

	y := NewIndex()
	m, err := y.ReadFrom(bytes.NewReader(file.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, n, m)
	assert.Equal(t, x.Len(), y.Len())
	assert.Equal(t, x.Last(), y.Last())
	for _, q := range queries {
		for _, pair := range []string{"fr|es", "fr|en"} {
			assert.Equal(t, x.Candidates(pair, q, 60, 0), y.Candidates(pair, q, 60, 0), "%s %q", pair, q)
		}
	}
	y.Add(y.Last()+1, "fr|es", "chat chien loup zèbre")
	assert.NotEmpty(t, y.Candidates("fr|es", "chat chien loup zèbre", 100, 0), "a read index takes new units")

	// A damaged file is refused and leaves the index empty and usable.
	bad := bytes.Clone(file.Bytes())
	bad[len(bad)/2] ^= 0x40
	z := NewIndex()
	_, err = z.ReadFrom(bytes.NewReader(bad))
	require.Error(t, err)
	assert.Zero(t, z.Len())
	z.Add(1, "fr|es", "chat chien loup")
	assert.NotEmpty(t, z.Candidates("fr|es", "chat chien loup", 100, 0))
	_, err = NewIndex().ReadFrom(bytes.NewReader(file.Bytes()[:file.Len()-1]))
	require.Error(t, err, "a truncated file is refused")
}

func FuzzIndexFile(f *testing.F) {
	x := NewIndex()
	x.Add(3, "fr|es", "Les maires se réunissent à Lyon.")
	x.Add(9, "fr|en", "{1}Le rapport{/1} de 2021.")
	var file bytes.Buffer
	_, err := x.WriteTo(&file)
	require.NoError(f, err)
	f.Add(file.Bytes())
	f.Add([]byte(indexMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		// As given, and with a valid checksum, so that the checks behind
		// the checksum are reached too.
		sealed := binary.LittleEndian.AppendUint32(bytes.Clone(data), crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))
		for _, in := range [][]byte{data, sealed} {
			y := NewIndex()
			if _, err := y.ReadFrom(bytes.NewReader(in)); err != nil {
				if y.Len() != 0 {
					t.Fatal("a refused file left units in the index")
				}
				continue
			}
			// What was read is whole: it answers lookups, and what it
			// writes reads back to the same index.
			y.Candidates("fr|es", "Les maires se réunissent à Paris.", 50, 0)
			var again, third bytes.Buffer
			if _, err := y.WriteTo(&again); err != nil {
				t.Fatal(err)
			}
			z := NewIndex()
			if _, err := z.ReadFrom(bytes.NewReader(again.Bytes())); err != nil {
				t.Fatal(err)
			}
			if _, err := z.WriteTo(&third); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), third.Bytes()) || z.Len() != y.Len() || z.Last() != y.Last() {
				t.Fatal("written back differently")
			}
		}
	})
}

// assertBounds checks, for every query and unit, that a unit scoring
// minScore or more is among the index's candidates at minScore, with a
// bound no lower than its score: a lookup never misses a match for a bound
// too low.
func assertBounds(t *testing.T, queries, units []document.Content) {
	t.Helper()
	x := NewIndex()
	for i, u := range units {
		x.Add(int64(i+1), "fr|en", u.Key())
	}
	for _, q := range queries {
		for _, minScore := range []int{50, 60, 75, 85, 95} {
			bounds := map[int64]int{}
			for _, c := range x.Candidates("fr|en", q.Key(), minScore, 0) {
				bounds[c.ID] = c.Score
			}
			sc := NewScorer(Query{Source: q, Min: minScore}, Options{})
			for i, u := range units {
				m, ok := sc.Score(Unit{Source: u, Target: u})
				if !ok || m.Score >= 100 {
					continue // exact matches are found by key
				}
				bound, found := bounds[int64(i+1)]
				if assert.True(t, found, "min %d: %q ~ %q scores %d %v, not a candidate", minScore, q.Key(), u.Key(), m.Score, m.Penalties) {
					assert.GreaterOrEqual(t, bound, m.Score, "min %d: %q ~ %q", minScore, q.Key(), u.Key())
				}
			}
		}
	}
}

// TestCandidatesBoundCodes: a pair of codes missing or extra costs the
// score one word, and the index no more (its closing code is no term), so
// that the index's bound stays above the score.
func TestCandidatesBoundCodes(t *testing.T) {
	strong := func(id string) [2]document.Run {
		return [2]document.Run{code(id, document.Open, "fmt:strong", "**"), code(id, document.Close, "fmt:strong", "**")}
	}
	s1, s2 := strong("1"), strong("2")
	cmd := code("3", document.Standalone, "code", "`yunohost tools update`")
	texts := []document.Content{
		document.Text("Attention au serveur web de YunoHost."),
		{s1[0], txt("Attention"), s1[1], txt(" au serveur web de YunoHost.")},
		{s1[0], txt("Attention"), s1[1], txt(" au "), s2[0], txt("serveur web"), s2[1], txt(" de YunoHost.")},
		{txt("Attention au serveur web de "), s1[0], txt("YunoHost"), s1[1], txt(".")},
		{txt("Lancez "), cmd, txt(" sur le serveur web de YunoHost.")},
		document.Text("Lancez la mise à jour sur le serveur web de YunoHost."),
		{txt("Lancez "), s1[0], cmd, s1[1], txt(" sur le serveur web.")},
	}
	assertBounds(t, texts, texts)
}

// TestCandidatesBoundHeadings: a heading number changed, added or removed
// costs the score a point, not a word; the index finds such units and
// bounds their score from above, short headings and a threshold of 50
// included.
func TestCandidatesBoundHeadings(t *testing.T) {
	var texts []document.Content
	for _, s := range []string{
		"2. Installation", "2. Configuration", "3. Installation", "Installation", "Configuration",
		"Installer le serveur", "3. Installer le serveur", "2. Installer le serveur", "3. Installer le serveur web",
		"IV. Sécurité", "V. Sécurité", "Sécurité", "a) Le serveur", "b) Le serveur", "Le serveur",
		"2.3 Configuration du serveur", "2.4 Configuration du serveur", "Configuration du serveur",
		"3 serveurs", "3. serveurs", "1. Diagnostiquer les ports ouverts", "2. Diagnostiquer les ports ouverts",
		"2. Installer la version 2 de YunoHost", "3. Installer la version 3 de YunoHost", "Installer la version 3 de YunoHost",
	} {
		texts = append(texts, document.Text(s))
	}
	assertBounds(t, texts, texts)
}
