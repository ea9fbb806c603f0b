// Package memorytest is the conformance suite every memory.Store passes:
// a store's test calls Run with a function that creates an empty memory
// and returns a way to open handles on it. The suite also checks the
// store's machine translation cache (memory.DraftCache), which every
// store of relais keeps. A store on an SQL database also
// calls Upgrade, which checks that it opens a memory of an older schema.
package memorytest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// Opener opens a new handle on one memory; the suite closes what it opens.
type Opener func(t *testing.T) memory.Store

// Run runs the suite. newMemory creates an empty memory for one test and
// returns its Opener; handles opened on the same memory must see each
// other's writes, as separate processes would.
func Run(t *testing.T, newMemory func(t *testing.T) Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"RoundTrip", testRoundTrip},
		{"InContext", testInContext},
		{"PutCounts", testPutCounts},
		{"Alternatives", testAlternatives},
		{"HumanNotReplaced", testHumanNotReplaced},
		{"PutAtomic", testPutAtomic},
		{"Fuzzy", testFuzzy},
		{"Penalties", testPenalties},
		{"Floor", testFloor},
		{"NoIndexTerms", testNoIndexTerms},
		{"Languages", testLanguages},
		{"Each", testEach},
		{"Stats", testStats},
		{"SharedHandles", testSharedHandles},
		{"Concurrent", testConcurrent},
		{"DraftRoundTrip", testDraftRoundTrip},
		{"DraftKeys", testDraftKeys},
		{"DraftsApart", testDraftsApart},
		{"DraftStatsClear", testDraftStatsClear},
		{"DraftHandles", testDraftHandles},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newMemory(t)) })
	}
}

var (
	fr = language.French
	en = language.English
	es = language.Spanish
)

func opened(t *testing.T, open Opener) memory.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() { assert.NoError(t, s.Close()) })
	return s
}

// unit returns a human, reviewed fr→en unit.
func unit(src, tgt string) memory.Unit {
	return memory.Unit{SrcLang: fr, TgtLang: en, Source: document.Text(src), Target: document.Text(tgt),
		Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
}

func put(t *testing.T, s memory.Store, us ...memory.Unit) memory.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), memory.Units(us...))
	require.NoError(t, err)
	return res
}

func lookup(t *testing.T, s memory.Store, q memory.Query) []memory.Match {
	t.Helper()
	if q.SrcLang == language.Und {
		q.SrcLang = fr
	}
	if q.TgtLang == language.Und {
		q.TgtLang = en
	}
	ms, err := s.Lookup(context.Background(), q)
	require.NoError(t, err)
	return ms
}

func testRoundTrip(t *testing.T, open Opener) {
	s := opened(t, open)
	strong := &document.Code{ID: "s1", Kind: document.Open, Type: "fmt:strong", Data: "**", Disp: "**"}
	strongEnd := &document.Code{ID: "s1", Kind: document.Close, Type: "fmt:strong", Data: "**", Disp: "**"}
	created := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	u := memory.Unit{
		SrcLang: language.MustParse("fr-FR"), TgtLang: language.MustParse("en-GB"),
		Source: document.Content{{Text: "Le "}, {Code: strong}, {Text: "décret"}, {Code: strongEnd}, {Text: " est publié."}},
		Target: document.Content{{Text: "The "}, {Code: strong}, {Text: "decree"}, {Code: strongEnd}, {Text: " is published."}},
		Prev:   memory.ContextHash("Avant."), Next: memory.ContextHash("Après."), Doc: "a/b.md",
		Origin: document.Origin{Kind: document.FromHuman}, State: document.Final, Created: created, Changed: created.Add(time.Hour),
		Author: "marie", Props: []memory.Prop{{Type: "x-project", Value: "cglu"}}, Notes: []string{"vérifié"},
	}
	assert.Equal(t, memory.PutResult{Added: 1}, put(t, s, u))
	ms := lookup(t, s, memory.Query{Source: u.Source, Prev: u.Prev, Next: u.Next})
	require.Len(t, ms, 1)
	got := ms[0]
	assert.Equal(t, 101, got.Score)
	assert.Equal(t, memory.InContext, got.Level)
	assert.NotZero(t, got.Unit.ID)
	assert.Equal(t, "fr-FR", got.Unit.SrcLang.String())
	assert.Equal(t, "en-GB", got.Unit.TgtLang.String())
	assert.True(t, u.Source.Equal(got.Unit.Source), "source %v", got.Unit.Source)
	assert.True(t, u.Target.Equal(got.Unit.Target), "target %v", got.Unit.Target)
	assert.Equal(t, "fmt:strong", got.Unit.Target.Codes()[0].Type)
	assert.Equal(t, "**", got.Unit.Target.Codes()[0].Data)
	assert.Equal(t, u.Prev, got.Unit.Prev)
	assert.Equal(t, u.Next, got.Unit.Next)
	assert.Equal(t, "a/b.md", got.Unit.Doc)
	assert.Equal(t, document.Origin{Kind: document.FromHuman}, got.Unit.Origin)
	assert.Equal(t, document.Final, got.Unit.State)
	assert.True(t, created.Equal(got.Unit.Created), "created %v", got.Unit.Created)
	assert.True(t, created.Add(time.Hour).Equal(got.Unit.Changed), "changed %v", got.Unit.Changed)
	assert.Equal(t, "marie", got.Unit.Author)
	assert.Equal(t, u.Props, got.Unit.Props)
	assert.Equal(t, u.Notes, got.Unit.Notes)

	// The same sentence with other codes of the same shape: the target
	// takes the query's codes.
	em := &document.Code{ID: "7", Kind: document.Open, Type: "fmt:strong", Data: "__"}
	emEnd := &document.Code{ID: "7", Kind: document.Close, Type: "fmt:strong", Data: "__"}
	ms = lookup(t, s, memory.Query{Source: document.Content{{Text: "Le "}, {Code: em}, {Text: "décret"}, {Code: emEnd}, {Text: " est publié."}}})
	require.NotEmpty(t, ms)
	assert.Equal(t, 100, ms[0].Score)
	assert.Equal(t, "__", ms[0].Target.Codes()[0].Data, "target codes are the query's")
	assert.Equal(t, "7", ms[0].Target.Codes()[0].ID)
}

func testInContext(t *testing.T, open Opener) {
	s := opened(t, open)
	a, b := unit("Oui.", "Yes."), unit("Oui.", "Indeed.")
	a.Prev, a.Next = memory.ContextHash("Question A ?"), memory.ContextHash("Suite A.")
	b.Prev, b.Next = memory.ContextHash("Question B ?"), memory.ContextHash("Suite B.")
	assert.Equal(t, memory.PutResult{Added: 2}, put(t, s, a, b), "same key, other context: two units")
	for _, u := range []memory.Unit{a, b} {
		ms := lookup(t, s, memory.Query{Source: u.Source, Prev: u.Prev, Next: u.Next})
		require.Len(t, ms, 2)
		assert.Equal(t, 101, ms[0].Score)
		assert.Equal(t, u.Target.Plain(), ms[0].Target.Plain())
		assert.Equal(t, 100, ms[1].Score)
	}
	ms := lookup(t, s, memory.Query{Source: a.Source, Prev: a.Prev, Next: memory.ContextHash("Autre.")})
	require.Len(t, ms, 2)
	assert.Equal(t, 100, ms[0].Score, "one neighbour differs: exact, not in context")
}

func testPutCounts(t *testing.T, open Opener) {
	s := opened(t, open)
	u := unit("Les maires se réunissent.", "Mayors meet.")
	assert.Equal(t, memory.PutResult{Added: 1}, put(t, s, u))
	assert.Equal(t, memory.PutResult{Unchanged: 1}, put(t, s, u))
	u.State = document.Final
	assert.Equal(t, memory.PutResult{Updated: 1}, put(t, s, u), "a new state is an update")
	w := u
	w.Target = document.Text("Mayors  meet.")
	assert.Equal(t, memory.PutResult{Updated: 1}, put(t, s, w), "the same target but for blanks: an update")
	u.Target = document.Text("The mayors meet.")
	assert.Equal(t, memory.PutResult{Alternative: 1}, put(t, s, u), "another target: kept beside the first")
	ms := lookup(t, s, memory.Query{Source: u.Source})
	require.Len(t, ms, 2)
	assert.Equal(t, "The mayors meet.", ms[0].Target.Plain(), "the newest first")
	assert.Equal(t, "Mayors  meet.", ms[1].Target.Plain())
	assert.Equal(t, memory.PutResult{Unchanged: 2}, put(t, s, w, u))
}

// testAlternatives: a source keeps every distinct human target, and a
// lookup prefers the in-context one, then the reviewed one, then the newest.
func testAlternatives(t *testing.T, open Opener) {
	s := opened(t, open)
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	at := func(u memory.Unit, d int) memory.Unit { u.Created, u.Changed = day(d), day(d); return u }
	old := at(unit("Le forum réunit les maires.", "The forum brings mayors together."), 1)
	newer := at(unit("Le forum réunit les maires.", "The forum gathers mayors."), 5)
	draft := at(unit("Le forum réunit les maires.", "The forum assembles the mayors."), 9)
	draft.State = document.Translated
	inCtx := at(unit("Le forum réunit les maires.", "This forum brings the mayors together."), 2)
	inCtx.Prev = memory.ContextHash("Genève accueille le forum.")
	assert.Equal(t, memory.PutResult{Added: 1, Alternative: 2}, put(t, s, old, newer, draft))
	assert.Equal(t, memory.PutResult{Added: 1}, put(t, s, inCtx), "another context is another source")

	targets := func(ms []memory.Match) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Target.Plain())
		}
		return out
	}
	ms := lookup(t, s, memory.Query{Source: old.Source})
	assert.Equal(t, []string{"The forum gathers mayors.", "This forum brings the mayors together.",
		"The forum brings mayors together.", "The forum assembles the mayors."}, targets(ms),
		"reviewed before translated, the newest first")
	ms = lookup(t, s, memory.Query{Source: old.Source, Prev: inCtx.Prev})
	require.NotEmpty(t, ms)
	assert.Equal(t, "This forum brings the mayors together.", ms[0].Target.Plain(), "in context first")
	assert.Equal(t, 101, ms[0].Score)

	// A machine draft of the source is not kept beside human targets; a
	// machine unit is replaced by the next machine one, and by a human one.
	mt := unit("Le forum réunit les maires.", "The forum joins the mayors.")
	mt.Origin, mt.State = document.Origin{Kind: document.FromMachine, Engine: "apertium"}, document.Translated
	assert.Equal(t, memory.PutResult{Unchanged: 1}, put(t, s, mt))
	m1 := unit("Les villes signent.", "The towns sign.")
	m1.Origin, m1.State = mt.Origin, document.Translated
	m2 := m1
	m2.Target = document.Text("The cities sign.")
	h := unit("Les villes signent.", "Cities sign.")
	assert.Equal(t, memory.PutResult{Added: 1, Updated: 1}, put(t, s, m1, m2))
	assert.Equal(t, memory.PutResult{Updated: 1}, put(t, s, h))
	ms = lookup(t, s, memory.Query{Source: h.Source})
	assert.Equal(t, []string{"Cities sign."}, targets(ms), "the machine unit was replaced")
	assert.Equal(t, document.Origin{Kind: document.FromHuman}, ms[0].Unit.Origin)

	var n int
	require.NoError(t, s.Each(context.Background(), memory.Filter{}, func(memory.Unit) error { n++; return nil }))
	assert.Equal(t, 5, n, "four targets of the forum sentence and one of the towns'")
}

func testHumanNotReplaced(t *testing.T, open Opener) {
	s := opened(t, open)
	h := unit("Le conseil a voté.", "The council voted.")
	put(t, s, h)
	m := h
	m.Target, m.Origin, m.State = document.Text("The advice has voted."), document.Origin{Kind: document.FromMachine, Engine: "apertium"}, document.Translated
	assert.Equal(t, memory.PutResult{Unchanged: 1}, put(t, s, m))
	ms := lookup(t, s, memory.Query{Source: h.Source})
	require.Len(t, ms, 1)
	assert.Equal(t, "The council voted.", ms[0].Target.Plain())
	assert.Equal(t, document.Origin{Kind: document.FromHuman}, ms[0].Unit.Origin)

	// A machine unit is stored as machine, and a human one replaces it.
	mu := unit("Le maire a parlé.", "The mayor has spoken.")
	mu.Origin, mu.State = document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}, document.Translated
	put(t, s, mu)
	ms = lookup(t, s, memory.Query{Source: mu.Source})
	require.Len(t, ms, 1)
	assert.Equal(t, document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}, ms[0].Unit.Origin)
	hu := unit("Le maire a parlé.", "The mayor spoke.")
	assert.Equal(t, memory.PutResult{Updated: 1}, put(t, s, hu))
}

func testPutAtomic(t *testing.T, open Opener) {
	s := opened(t, open)
	put(t, s, unit("Déjà là.", "Already there."))
	boom := errors.New("line 3: broken")
	seq := func(yield func(memory.Unit, error) bool) {
		for i := range 3 {
			if !yield(unit(fmt.Sprintf("Phrase numéro %d.", i), fmt.Sprintf("Sentence number %d.", i)), nil) {
				return
			}
		}
		yield(memory.Unit{}, boom)
	}
	_, err := s.Put(context.Background(), seq)
	require.ErrorIs(t, err, boom)
	bad := unit("Sans langue.", "No language.")
	bad.TgtLang = language.Und
	_, err = s.Put(context.Background(), memory.Units(unit("Une autre.", "Another."), bad))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unit 2")
	initial := unit("Initiale.", "Initial.")
	initial.State = document.Initial
	_, err = s.Put(context.Background(), memory.Units(initial))
	require.Error(t, err)
	st, err := s.Stats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, st.Units, "a failed put stores nothing")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Put(ctx, memory.Units(unit("Annulé.", "Cancelled.")))
	require.Error(t, err)
}

func testFuzzy(t *testing.T, open Opener) {
	s := opened(t, open)
	put(t, s,
		unit("Le comité exécutif se réunira à Bruxelles la semaine prochaine pour examiner le budget.", "The executive committee will meet in Brussels next week to examine the budget."),
		unit("Le comité exécutif se réunira à Bruxelles la semaine prochaine.", "The executive committee will meet in Brussels next week."),
		unit("Les villes partagent leurs expériences.", "Cities share their experiences."),
	)
	q := memory.Query{Source: document.Text("Le comité exécutif se réunira à Genève la semaine prochaine pour examiner le budget.")}
	ms := lookup(t, s, q)
	require.NotEmpty(t, ms)
	best := ms[0]
	assert.Equal(t, memory.Fuzzy, best.Level)
	assert.Less(t, best.Score, 100)
	assert.GreaterOrEqual(t, best.Score, 90)
	assert.Contains(t, best.Unit.Source.Plain(), "examiner le budget")
	assert.Contains(t, best.Diff, memory.Diff{Op: memory.DiffDelete, Text: " Bruxelles"})
	assert.Contains(t, best.Diff, memory.Diff{Op: memory.DiffInsert, Text: " Genève"})
	for i := 1; i < len(ms); i++ {
		assert.GreaterOrEqual(t, ms[i-1].Score, ms[i].Score, "best first")
	}
	for _, m := range ms {
		assert.GreaterOrEqual(t, m.Score, memory.DefaultMin)
		assert.NotContains(t, m.Unit.Source.Plain(), "villes")
	}
	withKey := q
	withKey.Key = q.Source.Key()
	assert.Equal(t, ms, lookup(t, s, withKey), "a query that brings its source's key finds the same")
	q.Limit = 1
	assert.Len(t, lookup(t, s, q), 1)
	q.Limit, q.Min = 0, 95
	assert.Empty(t, lookup(t, s, q), "nothing at 95 or more")
	assert.Empty(t, lookup(t, s, memory.Query{Source: document.Text("Rien à voir avec tout cela.")}))
	assert.Empty(t, lookup(t, s, memory.Query{Source: document.Text("   ")}))
}

func testPenalties(t *testing.T, open Opener) {
	s := opened(t, open)
	put(t, s,
		unit("La conférence a lieu du 7 au 8 novembre.", "The conference takes place from 7 to 8 November."),
		unit("Les maires se réunissent à Lyon.", "Mayors meet in Lyon."),
	)
	ms := lookup(t, s, memory.Query{Source: document.Text("La conférence a lieu du 16 au 17 novembre.")})
	require.NotEmpty(t, ms)
	assert.True(t, ms[0].Repaired)
	assert.Equal(t, "The conference takes place from 16 to 17 November.", ms[0].Target.Plain())
	assert.Equal(t, 98, ms[0].Score)
	ms = lookup(t, s, memory.Query{Source: document.Text("Les maires se réunissent à Paris."), Min: 50})
	require.NotEmpty(t, ms)
	assert.Less(t, ms[0].Score, 100, "a different name is never a 100 % match")
	assert.Less(t, ms[0].Score, 85)
	ms = lookup(t, s, memory.Query{Source: document.Text("les maires se réunissent à Lyon !")})
	require.NotEmpty(t, ms)
	assert.Equal(t, memory.NearExact, ms[0].Level)
	assert.Equal(t, 98, ms[0].Score, "case and punctuation: one point each")
}

// testFloor: a lookup with a Floor returns the matches down to Floor only
// when none reaches Min, and then the same ones a lookup at Floor returns.
func testFloor(t *testing.T, open Opener) {
	s := opened(t, open)
	put(t, s,
		unit("Les maires se réunissent à Lyon.", "Mayors meet in Lyon."),
		unit("La conférence des maires a lieu à Lyon en novembre.", "The mayors' conference takes place in Lyon in November."),
	)
	weak := memory.Query{Source: document.Text("Les maires se réunissent à Paris."), Limit: 1}
	weak.Min = 95
	require.Empty(t, lookup(t, s, weak), "nothing at 95")
	weak.Min = 50
	atFloor := lookup(t, s, weak)
	require.NotEmpty(t, atFloor)
	weak.Min, weak.Floor = 95, 50
	assert.Equal(t, atFloor, lookup(t, s, weak), "nothing at Min: the matches down to Floor")

	strong := memory.Query{Source: document.Text("Les maires se réunissent à Lyon."), Min: 75, Floor: 50}
	ms := lookup(t, s, strong)
	require.NotEmpty(t, ms)
	for _, m := range ms {
		assert.GreaterOrEqual(t, m.Score, 75, "a match at Min: nothing below Min is added")
	}
	none := memory.Query{Source: document.Text("Rien à voir avec tout cela."), Min: 75, Floor: 50}
	assert.Empty(t, lookup(t, s, none))
}

// testNoIndexTerms: a source with no word, number or code (punctuation
// only) gives the index nothing to go on; its exact match is still found.
func testNoIndexTerms(t *testing.T, open Opener) {
	s := opened(t, open)
	put(t, s, unit("— … —", "— … —"))
	ms := lookup(t, s, memory.Query{Source: document.Text("— … —")})
	require.Len(t, ms, 1)
	assert.Equal(t, 100, ms[0].Score)
}

func testLanguages(t *testing.T, open Opener) {
	s := opened(t, open)
	u := unit("Bienvenue à tous.", "Welcome to all.")
	u.SrcLang, u.TgtLang = language.MustParse("fr-FR"), language.MustParse("en-US")
	e := unit("Bienvenue à tous.", "Bienvenidos todos.")
	e.TgtLang = language.MustParse("es-ES")
	put(t, s, u, e)
	ms := lookup(t, s, memory.Query{Source: u.Source, SrcLang: fr, TgtLang: en})
	require.Len(t, ms, 1, "region subtags match their base language")
	assert.Equal(t, "Welcome to all.", ms[0].Target.Plain())
	ms = lookup(t, s, memory.Query{Source: u.Source, SrcLang: language.MustParse("fr-CA"), TgtLang: es})
	require.Len(t, ms, 1)
	assert.Equal(t, "Bienvenidos todos.", ms[0].Target.Plain())
	assert.Empty(t, lookup(t, s, memory.Query{Source: u.Source, SrcLang: fr, TgtLang: language.German}))
	assert.Empty(t, lookup(t, s, memory.Query{Source: u.Source, SrcLang: en, TgtLang: es}))
}

func testEach(t *testing.T, open Opener) {
	s := opened(t, open)
	var us []memory.Unit
	for i := range 2500 {
		u := unit(fmt.Sprintf("Phrase numéro %d.", i), fmt.Sprintf("Sentence number %d.", i))
		if i%2 == 1 {
			u.TgtLang, u.Target = es, document.Text(fmt.Sprintf("Frase número %d.", i))
		}
		us = append(us, u)
	}
	put(t, s, us...)
	var got []string
	require.NoError(t, s.Each(context.Background(), memory.Filter{TgtLang: es}, func(u memory.Unit) error {
		got = append(got, u.Target.Plain())
		return nil
	}))
	require.Len(t, got, 1250)
	assert.Equal(t, "Frase número 1.", got[0], "in the order stored")
	assert.Equal(t, "Frase número 2499.", got[1249])
	n := 0
	require.NoError(t, s.Each(context.Background(), memory.Filter{}, func(memory.Unit) error { n++; return nil }))
	assert.Equal(t, 2500, n)
	stop := errors.New("stop")
	assert.ErrorIs(t, s.Each(context.Background(), memory.Filter{}, func(memory.Unit) error { return stop }), stop)
}

func testStats(t *testing.T, open Opener) {
	s := opened(t, open)
	m := unit("Deux.", "Two.")
	m.Origin, m.State = document.Origin{Kind: document.FromMachine, Engine: "apertium"}, document.Translated
	e := unit("Trois.", "Tres.")
	e.TgtLang = es
	put(t, s, unit("Un.", "One."), m, e)
	st, err := s.Stats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 3, st.Units)
	assert.Equal(t, map[string]int{"fr→en": 2, "fr→es": 1}, st.Pairs)
	assert.Equal(t, map[string]int{"human": 2, "machine:apertium": 1}, st.Origins)
	assert.Equal(t, map[string]int{"reviewed": 2, "translated": 1}, st.States)
	assert.NotEmpty(t, st.Where)
}

func testSharedHandles(t *testing.T, open Opener) {
	a, b := opened(t, open), opened(t, open)
	q := memory.Query{Source: document.Text("Les délégués ont adopté la déclaration finale du sommet.")}
	put(t, a, unit("Les délégués ont adopté la déclaration finale du congrès.", "Delegates adopted the final declaration of the congress."))
	require.NotEmpty(t, lookup(t, b, q), "b sees a's unit")
	put(t, b, unit("Les délégués ont adopté la déclaration finale du forum.", "Delegates adopted the final declaration of the forum."))
	assert.Len(t, lookup(t, a, q), 2, "a's index learns b's unit")
}

func testConcurrent(t *testing.T, open Opener) {
	const writers, each = 4, 25
	stores := make([]memory.Store, writers)
	for i := range stores {
		stores[i] = opened(t, open)
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[w]
			for i := range each {
				u := unit(fmt.Sprintf("Le rédacteur %d a relu la phrase %d du rapport.", w, i), fmt.Sprintf("Editor %d reviewed sentence %d of the report.", w, i))
				if _, err := s.Put(context.Background(), memory.Units(u)); err != nil {
					errs <- err
				}
				if _, err := s.Lookup(context.Background(), memory.Query{Source: u.Source, SrcLang: fr, TgtLang: en}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := stores[0].Stats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, writers*each, st.Units, "no unit lost")
}

// Seq is memory.Units for a test that builds its units lazily.
func Seq(n int, f func(i int) memory.Unit) iter.Seq2[memory.Unit, error] {
	return func(yield func(memory.Unit, error) bool) {
		for i := range n {
			if !yield(f(i), nil) {
				return
			}
		}
	}
}

// Numbered returns n units, French to Spanish, whose sources differ only by
// two numbers and the given word: a memory where every unit is a near
// variant of every other, for tests of large memories.
func Numbered(n int, word string) iter.Seq2[memory.Unit, error] {
	return func(yield func(memory.Unit, error) bool) {
		for i := range n {
			u := memory.Unit{SrcLang: language.French, TgtLang: language.Spanish,
				Source: document.Text(fmt.Sprintf("Le conseil %s %d examine le budget de la commune %d.", word, i, i%97)),
				Target: document.Text(fmt.Sprintf("El consejo %s %d examina el presupuesto del municipio %d.", word, i, i%97)),
				Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated}
			if !yield(u, nil) {
				return
			}
		}
	}
}
