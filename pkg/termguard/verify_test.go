package termguard_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/termguard"
)

// TestVerifyMode: for an engine that keeps terms itself, the source goes
// as it is with its terms in the request, a draft with a forbidden term
// fails, and a draft that misses a term is flagged.
func TestVerifyMode(t *testing.T) {
	tb := termbase(t)
	segs := []document.Content{
		document.Text("La CGLU se réunit."),
		document.Text("La CGLU se réunit à Paris."),
		document.Text("Bonjour."),
	}
	engine := &mttest.Fake{Dict: map[string]string{"La": "The", "se": "", "réunit": "meets", "Bonjour": "Hello"}}
	g := termguard.New(engine, tb, termguard.Options{Verify: true})
	// The fake leaves "CGLU" as it is: the French acronym, forbidden in
	// English, where it is UCLG.
	res, err := g.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: segs})
	require.NoError(t, err)
	calls := engine.Calls()
	require.Len(t, calls, 1)
	assert.Equal(t, "La CGLU se réunit.", calls[0].Segments[0].Plain(), "no placeholder: the source as it is")
	require.Len(t, calls[0].Terms, 3)
	require.NotEmpty(t, calls[0].Terms[0])
	assert.Equal(t, "CGLU", calls[0].Terms[0][0].Source)
	assert.Equal(t, "UCLG", calls[0].Terms[0][0].Target)
	assert.Contains(t, calls[0].Terms[0][0].Forbidden, "CGLU")
	assert.Empty(t, calls[0].Terms[2])

	require.Error(t, res[0].Err, "a draft with a forbidden term is never published")
	assert.Contains(t, res[0].Err.Error(), "which the termbase forbids")
	assert.Nil(t, res[0].Target)
	require.NoError(t, res[2].Err)
	assert.Equal(t, "Hello.", res[2].Target.Plain())

	good := &mttest.Fake{Dict: map[string]string{"CGLU": "UCLG"}}
	res, err = termguard.New(good, tb, termguard.Options{Verify: true}).Translate(context.Background(), mt.Request{From: fr, To: en, Segments: segs[:1]})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	for _, n := range res[0].Notes {
		assert.NotEqual(t, "engine-term-missing", n.Rule)
	}

	dropped := &mttest.Fake{Dict: map[string]string{"CGLU": "the network"}}
	res, err = termguard.New(dropped, tb, termguard.Options{Verify: true}).Translate(context.Background(), mt.Request{From: fr, To: en, Segments: segs[:1]})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	rules := []string{}
	for _, n := range res[0].Notes {
		rules = append(rules, n.Rule)
	}
	assert.Contains(t, rules, "engine-term-missing", "a draft that lost a term is flagged")
}
