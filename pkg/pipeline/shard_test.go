package pipeline

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	cases := []struct {
		in   string
		want Shard
		err  string
	}{
		{"1/3", Shard{1, 3}, ""},
		{"3/3", Shard{3, 3}, ""},
		{"1/1", Shard{1, 1}, ""},
		{"12/40", Shard{12, 40}, ""},
		{"4/3", Shard{}, `"4/3": the share must be from 1 to 3 (shares are counted from 1)`},
		{"0/3", Shard{}, `"0/3": the share must be from 1 to 3 (shares are counted from 1)`},
		{"-1/3", Shard{}, `"-1/3": the share must be from 1 to 3 (shares are counted from 1)`},
		{"1/0", Shard{}, `"1/0": the number of shares must be 1 or more`},
		{"3", Shard{}, `"3" is not I/N: give this runner's share and the number of runners, as 2/3`},
		{"a/3", Shard{}, `"a/3" is not I/N: give this runner's share and the number of runners, as 2/3`},
		{"1/3/4", Shard{}, `"1/3/4" is not I/N: give this runner's share and the number of runners, as 2/3`},
		{"", Shard{}, `"" is not I/N: give this runner's share and the number of runners, as 2/3`},
		{" 1/3", Shard{}, `" 1/3" is not I/N: give this runner's share and the number of runners, as 2/3`},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseShard(tc.in)
			if tc.err != "" {
				assert.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.in, got.String())
			assert.True(t, got.Split())
		})
	}
	assert.False(t, Shard{}.Split(), "the zero Shard is the whole batch")
	assert.Equal(t, "", Shard{}.String())
	assert.True(t, Shard{}.Holds("a.md"))
}

// TestShareIsPinned pins the share of a few paths: a change here moves
// files between the runners of every split batch, so that runners on two
// versions of relais would translate some files twice and others never.
// The values are those of FNV-1a (64 bits), fixed by its definition,
// scaled to [0, n) by the high bits of hash × n; they were computed
// outside Go, by another implementation of both.
func TestShareIsPinned(t *testing.T) {
	cases := []struct {
		rel  string
		n    int
		want int
	}{
		{"a.md", 3, 1},                   // FNV-1a 0x6ab57f8279f280cf
		{"b.md", 3, 2},                   // 0xabcbcf9a91dd2c90
		{"docs/guide/intro.md", 3, 0},    // 0x36a460410861f69b
		{"docs/guide/intro.md", 7, 1},    //
		{"actualités/été-2024.md", 3, 1}, // 0x9713cc3bb8a6133a, of the NFC bytes
		{"x", 1, 0},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, shareOf(tc.rel, tc.n), "%s in %d shares", tc.rel, tc.n)
	}
	// The same name from macOS (decomposed) and from Linux (composed).
	assert.Equal(t, shareOf("actualit\u00e9s/\u00e9t\u00e9.md", 5), shareOf("actualite\u0301s/e\u0301te\u0301.md", 5))
}

// TestShareIsBalanced splits many paths, of the shapes sites have, in 2 to
// 16 shares: every path is in exactly one share, and no share holds more
// than 10 % above or below its even part.
func TestShareIsBalanced(t *testing.T) {
	shapes := map[string]func(i int) string{
		"numbered": func(i int) string { return fmt.Sprintf("articles/article-%05d.md", i) },
		"dated":    func(i int) string { return fmt.Sprintf("content/%d/%02d/%02d/post.md", 2000+i/372, i/31%12+1, i%31+1) },
		"nested":   func(i int) string { return fmt.Sprintf("docs/section-%d/chapter-%d/page-%d.md", i/400, i/20%20, i%20) },
		"flat":     func(i int) string { return fmt.Sprintf("p%d.txt", i) },
	}
	const paths = 12000
	for name, shape := range shapes {
		for _, n := range []int{2, 3, 4, 5, 6, 8, 10, 16} {
			counts := make([]int, n)
			for i := range paths {
				rel := shape(i)
				held := 0
				for s := 1; s <= n; s++ {
					if (Shard{s, n}).Holds(rel) {
						held++
						counts[s-1]++
					}
				}
				require.Equal(t, 1, held, "%s is in exactly one of %d shares", rel, n)
			}
			even := float64(paths) / float64(n)
			for s, c := range counts {
				assert.InDelta(t, even, float64(c), even/10, "%s paths, share %d/%d: %d", name, s+1, n, c)
			}
		}
	}
}
