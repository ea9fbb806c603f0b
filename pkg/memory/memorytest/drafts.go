package memorytest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// The tests of memory.DraftCache, the machine translation cache a store
// keeps beside its units.

// drafts returns s as a memory.DraftCache, failing the test when it is not
// one: every store of relais keeps the cache.
func drafts(t *testing.T, s memory.Store) memory.DraftCache {
	t.Helper()
	c, ok := s.(memory.DraftCache)
	require.True(t, ok, "%T does not implement memory.DraftCache", s)
	return c
}

var apertiumKey = memory.DraftKey{Engine: "apertium", Version: "Apertium 3.8.3 fr-es@0a1b spa-eng@2c3d", Route: "fr-es-en", Termbase: "5e6f"}

func putDrafts(t *testing.T, c memory.DraftCache, key memory.DraftKey, kv ...string) {
	t.Helper()
	var ds []memory.Draft
	for i := 0; i+1 < len(kv); i += 2 {
		ds = append(ds, memory.Draft{Segment: kv[i], Value: kv[i+1]})
	}
	require.NoError(t, c.PutDrafts(context.Background(), key, ds))
}

func getDrafts(t *testing.T, c memory.DraftCache, key memory.DraftKey, segs ...string) map[string]string {
	t.Helper()
	got, err := c.GetDrafts(context.Background(), key, segs)
	require.NoError(t, err)
	return got
}

// testDraftRoundTrip: drafts come back by segment, compared byte for byte;
// a segment not cached is left out; the first draft stored of a segment is
// kept.
func testDraftRoundTrip(t *testing.T, open Opener) {
	c := drafts(t, opened(t, open))
	assert.Empty(t, getDrafts(t, c, apertiumKey, "Les maires se réunissent."), "an empty cache")
	putDrafts(t, c, apertiumKey,
		"Les maires se réunissent.", "The mayors meet.",
		"Les maires se réunissent. ", "The mayors meet. ",
		"Le <g1>décret</g1> est publié.", `{"t":[{"s":"The "}]}`)
	got := getDrafts(t, c, apertiumKey, "Les maires se réunissent.", "les maires se réunissent.", "Les maires se réunissent. ",
		"Les maires  se réunissent.", "Le <g1>décret</g1> est publié.", "Les maires se réunissent.", "Absent.")
	assert.Equal(t, map[string]string{
		"Les maires se réunissent.":      "The mayors meet.",
		"Les maires se réunissent. ":     "The mayors meet. ",
		"Le <g1>décret</g1> est publié.": `{"t":[{"s":"The "}]}`,
	}, got, "byte for byte: not by case or blanks")

	putDrafts(t, c, apertiumKey, "Les maires se réunissent.", "Mayors meet.", "Index des leçons", "Index of the lessons",
		"Index des leçons", "Indexes of the lessons")
	assert.Equal(t, map[string]string{"Les maires se réunissent.": "The mayors meet.", "Index des leçons": "Index of the lessons"},
		getDrafts(t, c, apertiumKey, "Les maires se réunissent.", "Index des leçons"), "the first draft stored of a segment is kept")
	st, err := c.DraftStats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 4, st.Drafts)
	require.NoError(t, c.PutDrafts(context.Background(), apertiumKey, nil), "nothing to store")

	// More segments than one query asks for.
	var segs []string
	var kv []string
	for i := range 1000 {
		seg := fmt.Sprintf("Phrase numéro %d.", i)
		segs = append(segs, seg)
		if i%3 == 0 {
			kv = append(kv, seg, fmt.Sprintf("Sentence number %d.", i))
		}
	}
	putDrafts(t, c, apertiumKey, kv...)
	got = getDrafts(t, c, apertiumKey, segs...)
	assert.Len(t, got, 334)
	assert.Equal(t, "Sentence number 999.", got["Phrase numéro 999."])
}

// testDraftKeys: a draft is given back only under the key it was stored
// with: another engine, version, route or termbase revision does not see it.
func testDraftKeys(t *testing.T, open Opener) {
	c := drafts(t, opened(t, open))
	seg := "Le conseil a voté."
	putDrafts(t, c, apertiumKey, seg, "The council voted.")
	others := map[string]memory.DraftKey{}
	k := apertiumKey
	k.Engine = "apy"
	others["engine"] = k
	k = apertiumKey
	k.Version = "Apertium 3.8.4 fr-es@0a1b spa-eng@2c3d"
	others["version"] = k
	k = apertiumKey
	k.Route = "fr-en"
	others["route"] = k
	k = apertiumKey
	k.Termbase = "7a8b"
	others["termbase"] = k
	k = apertiumKey
	k.Termbase = ""
	others["no termbase"] = k
	for name, key := range others {
		assert.Empty(t, getDrafts(t, c, key, seg), "another %s", name)
	}
	i := 0
	for _, key := range others {
		i++
		putDrafts(t, c, key, seg, fmt.Sprintf("draft %d", i))
	}
	assert.Equal(t, map[string]string{seg: "The council voted."}, getDrafts(t, c, apertiumKey, seg), "each key its own draft")
	seen := map[string]bool{}
	for name, key := range others {
		v := getDrafts(t, c, key, seg)[seg]
		assert.NotEmpty(t, v, name)
		assert.False(t, seen[v], "%s shares a draft", name)
		seen[v] = true
	}
}

// testDraftsApart: a cached draft is never a memory match, nor a unit:
// lookups exact and fuzzy, Each and Stats do not see it, and a unit of the
// same sentence does not change it.
func testDraftsApart(t *testing.T, open Opener) {
	s := opened(t, open)
	c := drafts(t, s)
	src := "Le comité exécutif se réunira à Bruxelles la semaine prochaine pour examiner le budget."
	key := memory.DraftKey{Engine: "apertium", Version: "v1", Route: "fr-en"}
	putDrafts(t, c, key, src, "The executive committee will meet in Brussels next week to examine the budget.",
		document.Text(src).Key(), "The executive committee will meet in Brussels next week to examine the budget.")

	for _, q := range []memory.Query{
		{Source: document.Text(src)},
		{Source: document.Text(src), Min: 50, Floor: 1},
		{Source: document.Text("Le comité exécutif se réunira à Genève la semaine prochaine pour examiner le budget."), Min: 50},
	} {
		assert.Empty(t, lookup(t, s, q), "a cached draft is no match for %q", q.Source.Plain())
	}
	n := 0
	require.NoError(t, s.Each(context.Background(), memory.Filter{}, func(memory.Unit) error { n++; return nil }))
	assert.Zero(t, n, "no unit")
	st, err := s.Stats(context.Background())
	require.NoError(t, err)
	assert.Zero(t, st.Units)

	u := unit(src, "The executive committee meets in Brussels next week to review the budget.")
	assert.Equal(t, memory.PutResult{Added: 1}, put(t, s, u), "a unit of the sentence is new to the memory")
	ms := lookup(t, s, memory.Query{Source: document.Text(src)})
	require.Len(t, ms, 1)
	assert.Equal(t, u.Target.Plain(), ms[0].Target.Plain())
	assert.Equal(t, "The executive committee will meet in Brussels next week to examine the budget.", getDrafts(t, c, key, src)[src],
		"the draft is still there")
}

// testDraftStatsClear: the cache is counted by engine, route and version,
// and cleared for one engine or for all.
func testDraftStatsClear(t *testing.T, open Opener) {
	c := drafts(t, opened(t, open))
	es := memory.DraftKey{Engine: "apertium", Version: "Apertium 3.8.3 fr-es@0a1b", Route: "fr-es"}
	apy := memory.DraftKey{Engine: "apy", Version: "http://localhost:2737", Route: "fr-es"}
	putDrafts(t, c, apertiumKey, "Un.", "One.", "Deux.", "Two.")
	putDrafts(t, c, es, "Un.", "Uno.")
	other := apertiumKey
	other.Termbase = "ffff"
	putDrafts(t, c, other, "Un.", "One.")
	putDrafts(t, c, apy, "Un.", "Uno.", "Deux.", "Dos.", "Trois.", "Tres.")
	st, err := c.DraftStats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, memory.DraftStats{Drafts: 7, By: []memory.DraftCount{
		{Engine: "apertium", Version: "Apertium 3.8.3 fr-es@0a1b", Route: "fr-es", Drafts: 1},
		{Engine: "apertium", Version: apertiumKey.Version, Route: "fr-es-en", Drafts: 3},
		{Engine: "apy", Version: "http://localhost:2737", Route: "fr-es", Drafts: 3},
	}}, st)

	n, err := c.ClearDrafts(context.Background(), "apy")
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Empty(t, getDrafts(t, c, apy, "Un."))
	assert.NotEmpty(t, getDrafts(t, c, es, "Un."), "another engine's drafts stay")
	n, err = c.ClearDrafts(context.Background(), "")
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	st, err = c.DraftStats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, memory.DraftStats{}, st)
	n, err = c.ClearDrafts(context.Background(), "")
	require.NoError(t, err)
	assert.Zero(t, n, "an empty cache")
}

// testDraftHandles: drafts put through one handle are seen by another, as
// by another process; handles writing drafts and units at the same time
// lose nothing, and handles storing drafts of one segment at once all get
// the same one back.
func testDraftHandles(t *testing.T, open Opener) {
	const writers, each = 4, 20
	stores := make([]memory.Store, writers)
	for i := range stores {
		stores[i] = opened(t, open)
	}
	a, b := drafts(t, stores[0]), drafts(t, stores[1])
	putDrafts(t, a, apertiumKey, "Bonjour.", "Hello.")
	assert.Equal(t, map[string]string{"Bonjour.": "Hello."}, getDrafts(t, b, apertiumKey, "Bonjour."), "b sees a's draft")

	var wg sync.WaitGroup
	errs := make(chan error, writers*each*3)
	for w := range writers {
		wg.Go(func() {
			s := stores[w]
			c := drafts(t, s)
			for i := range each {
				seg := fmt.Sprintf("Le rédacteur %d a traduit la phrase %d.", w, i)
				// Every writer also stores the first writer's segments: the
				// same keys from several handles at once.
				shared := fmt.Sprintf("Le rédacteur 0 a traduit la phrase %d.", i)
				err := c.PutDrafts(context.Background(), apertiumKey, []memory.Draft{
					{Segment: seg, Value: fmt.Sprintf("Editor %d translated sentence %d.", w, i)},
					{Segment: shared, Value: fmt.Sprintf("Editor 0 translated sentence %d (as writer %d saw it).", i, w)}})
				if err != nil {
					errs <- err
				}
				if _, err := c.GetDrafts(context.Background(), apertiumKey, []string{seg, shared}); err != nil {
					errs <- err
				}
				u := unit(fmt.Sprintf("Le relecteur %d a relu la phrase %d.", w, i), fmt.Sprintf("Reviewer %d reviewed sentence %d.", w, i))
				if _, err := s.Put(context.Background(), memory.Units(u)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := a.DraftStats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1+writers*each, st.Drafts, "no draft lost, none twice")
	for i := range each {
		seg := fmt.Sprintf("Le rédacteur 0 a traduit la phrase %d.", i)
		got := getDrafts(t, stores[2].(memory.DraftCache), apertiumKey, seg)[seg]
		assert.True(t, strings.HasPrefix(got, fmt.Sprintf("Editor 0 translated sentence %d", i)), got)
		for _, s := range stores {
			assert.Equal(t, got, getDrafts(t, drafts(t, s), apertiumKey, seg)[seg], "every handle gets the one kept")
		}
	}
	ust, err := stores[0].Stats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, writers*each, ust.Units, "no unit lost")
}
