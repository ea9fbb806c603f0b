package memory

import (
	"math/rand/v2"
	"os"
	"sort"
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
}

func newBruteForce(keys []string) *bruteForce {
	b := &bruteForce{vocab: map[string]uint32{}}
	for _, k := range keys {
		b.units = append(b.units, b.ids(k))
	}
	return b
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
	q := b.ids(key)
	out := map[int64]int{}
	var buf []int32
	for i, u := range b.units {
		longer := max(len(q), len(u))
		if len(q) == 0 {
			continue
		}
		if d, ok := boundedDistance(q, u, longer, &buf); ok && 100*(longer-d)/longer >= minScore {
			out[int64(i+1)] = 100 * (longer - d) / longer
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
		w := strings.Fields(s)
		for range 1 + r.IntN(3) {
			if len(w) < 2 {
				break
			}
			i := r.IntN(len(w))
			switch r.IntN(5) {
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
	keys = append(keys, "chat chien loup", "Les maires se réunissent à Lyon.")
	queries = append(queries, "zèbre chat chien loup", "de la", "la", "Les maires se réunissent à Paris.")
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
					m, _ := Score(Query{Source: document.Text(q), Min: 1}, Unit{Source: document.Text(keys[c.ID-1])}, Options{})
					assert.LessOrEqual(t, m.Score, c.Score, "%q ~ %q", q, keys[c.ID-1])
				}
				assert.True(t, sort.SliceIsSorted(cs, func(i, j int) bool { return cs[i].Score > cs[j].Score }), "best first")
			}
			assert.Empty(t, other.Candidates("fr|es", q, minScore, 0), "another language pair is never a candidate")
			if minScore != 75 || qi%4 != 0 {
				continue
			}
			// Every unit that scores minScore or more is a candidate.
			sc := NewScorer(Query{Source: document.Text(q), Min: minScore}, Options{})
			for i, k := range keys {
				if m, ok := sc.Score(Unit{Source: document.Text(k)}); ok {
					assert.Contains(t, want, int64(i+1), "%q ~ %q scores %d", q, k, m.Score)
				}
			}
		}
	}
}
