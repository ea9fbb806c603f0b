package leverage_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/leverage"
)

func TestBandOf(t *testing.T) {
	cases := []struct {
		score    int
		repeated bool
		want     leverage.Band
	}{
		{101, false, leverage.InContext}, {100, false, leverage.Exact}, {99, false, leverage.Fuzzy95}, {95, false, leverage.Fuzzy95},
		{94, false, leverage.Fuzzy85}, {85, false, leverage.Fuzzy85}, {84, false, leverage.Fuzzy75}, {75, false, leverage.Fuzzy75},
		{74, false, leverage.Fuzzy50}, {50, false, leverage.Fuzzy50}, {49, false, leverage.NoMatch}, {0, false, leverage.NoMatch},
		{101, true, leverage.Repetition}, {0, true, leverage.Repetition},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, leverage.BandOf(tc.score, tc.repeated), "score %d repeated %v", tc.score, tc.repeated)
	}
}

func TestSegmentChanges(t *testing.T) {
	c := leverage.SegmentChanges([]string{"a", "b", "c", "d"}, []string{"a", "B", "c", "n", "d"})
	assert.Equal(t, []leverage.Change{leverage.Unchanged, leverage.Changed, leverage.Unchanged, leverage.New, leverage.Unchanged}, c)
	assert.Equal(t, []leverage.Change{leverage.New, leverage.New}, leverage.SegmentChanges(nil, []string{"a", "b"}))
}

func TestBands(t *testing.T) {
	bs := leverage.Bands()
	require.Len(t, bs, leverage.NumBands, "every band once")
	assert.Equal(t, leverage.InContext, bs[0], "in context first")
	assert.Equal(t, leverage.NoMatch, bs[len(bs)-1], "no match last")
	bs[0] = leverage.NoMatch
	assert.Equal(t, leverage.InContext, leverage.Bands()[0], "each call returns its own slice")
	for _, b := range leverage.Bands() {
		got, err := leverage.ParseBand(b.String())
		require.NoError(t, err, b.String())
		assert.Equal(t, b, got, "the name reads back")
		assert.NotEmpty(t, b.Label())
	}
}

func TestParseBand(t *testing.T) {
	for in, want := range map[string]leverage.Band{
		"101": leverage.InContext, "100": leverage.Exact, "95-99": leverage.Fuzzy95, "85–94 %": leverage.Fuzzy85,
		"75-84": leverage.Fuzzy75, "50-74": leverage.Fuzzy50, "none": leverage.NoMatch, "rep": leverage.Repetition,
	} {
		got, err := leverage.ParseBand(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := leverage.ParseBand("42")
	assert.EqualError(t, err, `unknown band "42" (want 101, rep, 100, 95-99, 85-94, 75-84, 50-74 or none)`)
	assert.Equal(t, "band(99)", leverage.Band(99).String())
}

func TestChangeText(t *testing.T) {
	for c, want := range map[leverage.Change]string{leverage.Unknown: "", leverage.New: "new", leverage.Changed: "changed", leverage.Unchanged: "unchanged"} {
		b, err := c.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
		var back leverage.Change
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, c, back, "read back")
	}
	var c leverage.Change
	assert.EqualError(t, c.UnmarshalText([]byte("moved")), `unknown change "moved" (want new, changed, unchanged or nothing)`)
}
