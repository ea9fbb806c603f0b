package mtcache_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/mtcache"
)

var (
	fr = language.French
	en = language.English
	es = language.Spanish
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "memory.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func fake() *mttest.Fake {
	return &mttest.Fake{Name: "fake", Dict: map[string]string{
		"Le": "The", "décret": "decree", "du": "of the", "Conseil": "Council", "est": "is", "publié": "published",
		"Les": "The", "villes": "cities", "accueillent": "welcome", "les": "the", "migrants": "migrants",
		"maires": "mayors", "se": "", "réunissent": "meet"}}
}

func translate(t *testing.T, tr mt.Translator, to language.Tag, segs ...document.Content) []mt.Result {
	t.Helper()
	res, err := tr.Translate(context.Background(), mt.Request{From: fr, To: to, Segments: segs})
	require.NoError(t, err)
	require.Len(t, res, len(segs))
	return res
}

// otherCodes returns segs with codes of other IDs and data, the same
// kinds, pairing and types: segments of another file that read the same.
func otherCodes(segs []document.Content) []document.Content {
	out := make([]document.Content, len(segs))
	for i, s := range segs {
		c := make(document.Content, len(s))
		for j, r := range s {
			if r.Code != nil {
				code := *r.Code
				code.ID = "o" + code.ID
				code.Data = "__"
				r.Code = &code
			}
			c[j] = r
		}
		out[i] = c
	}
	return out
}

// sameResults checks that got are want, each target bound to the codes of
// segs, its own segments.
func sameResults(t *testing.T, want, got []mt.Result, segs []document.Content) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Engine, got[i].Engine, "segment %d", i)
		assert.Equal(t, want[i].Notes, got[i].Notes, "segment %d", i)
		assert.Equal(t, want[i].Unknown, got[i].Unknown, "segment %d", i)
		assert.Equal(t, want[i].Target.Key(), got[i].Target.Key(), "segment %d", i)
		assert.Equal(t, len(want[i].Target), len(got[i].Target), "segment %d: the same runs", i)
		assert.NoError(t, document.CheckCodes(segs[i], got[i].Target).Err(), "segment %d", i)
		mine := map[*document.Code]bool{}
		for _, c := range segs[i].Codes() {
			mine[c] = true
		}
		for _, c := range got[i].Target.Codes() {
			assert.True(t, mine[c], "segment %d: a code that is not the segment's own", i)
		}
	}
}

// TestCachedIsTheEngines: a batch translated again, even with other code
// IDs and data (another file), comes from the cache alone and equals the
// engine's answer, its targets bound to the asking segments' codes.
func TestCachedIsTheEngines(t *testing.T) {
	store := openStore(t)
	f := fake()
	c := mtcache.New(f, store, mtcache.Options{Engine: "fake"})
	segs := mttest.Segments()
	first := translate(t, c, en, segs...)
	require.Len(t, f.Calls(), 1)
	for _, r := range first {
		require.NoError(t, r.Err)
	}

	again := translate(t, c, en, segs...)
	assert.Len(t, f.Calls(), 1, "no engine call the second time")
	sameResults(t, first, again, segs)
	other := otherCodes(segs)
	fromOther := translate(t, c, en, other...)
	assert.Len(t, f.Calls(), 1, "the same segments with other code IDs and data: no engine call")
	sameResults(t, first, fromOther, other)
	assert.Equal(t, "__", fromOther[0].Target.Codes()[0].Data, "the asking segment's own codes")
	assert.Equal(t, mtcache.Usage{Calls: 1, Segments: 5, Cached: 10}, c.Usage(en))

	// A new handle on the memory (another run, another process) sees them.
	f2 := fake()
	fresh, err := sqlite.Open(context.Background(), filepath.Join(filepath.Dir(storePath(t, store)), "memory.db"))
	require.NoError(t, err)
	defer fresh.Close()
	sameResults(t, first, translate(t, mtcache.New(f2, fresh, mtcache.Options{Engine: "fake"}), en, segs...), segs)
	assert.Empty(t, f2.Calls(), "another run: no engine call")
}

func storePath(t *testing.T, s *sqlite.Store) string {
	st, err := s.Stats(context.Background())
	require.NoError(t, err)
	return st.Where
}

// TestOnlyMissesGoToTheEngine: a batch of cached and new segments sends
// the new ones alone, in one request, and each result is in its place.
func TestOnlyMissesGoToTheEngine(t *testing.T) {
	f := fake()
	c := mtcache.New(f, openStore(t), mtcache.Options{Engine: "fake"})
	a, b, n := document.Text("Les maires se réunissent."), document.Text("Les villes accueillent les migrants."), document.Text("Le décret est publié.")
	translate(t, c, es, a, b)
	res := translate(t, c, es, n, a, n, b)
	calls := f.Calls()
	require.Len(t, calls, 2)
	assert.Equal(t, []document.Content{n, n}, calls[1].Segments, "only the new segment, in one request")
	assert.Equal(t, []string{"The decree is published.", "The mayors  meet.", "The decree is published.", "The cities welcome the migrants."},
		[]string{res[0].Target.Plain(), res[1].Target.Plain(), res[2].Target.Plain(), res[3].Target.Plain()})
	assert.Equal(t, mtcache.Usage{Calls: 2, Segments: 4, Cached: 2}, c.Usage(es))
	assert.Equal(t, mtcache.Usage{}, c.Usage(en))
}

// TestKeyParts: a draft is reused only by the same engine, version, route
// and termbase revision.
func TestKeyParts(t *testing.T) {
	store := openStore(t)
	seg := document.Text("Les maires se réunissent.")
	version := func(v string) func(context.Context, mt.Route) (string, error) {
		return func(context.Context, mt.Route) (string, error) { return v, nil }
	}
	pivot := func(from, to language.Tag) mt.Route { return mt.Route{from, es, to} }
	base := mtcache.Options{Engine: "fake", Version: version("1"), Termbase: "t1"}
	cases := []struct {
		name string
		opts func(o mtcache.Options) mtcache.Options
	}{
		{"engine", func(o mtcache.Options) mtcache.Options { o.Engine = "other"; return o }},
		{"version", func(o mtcache.Options) mtcache.Options { o.Version = version("2"); return o }},
		{"route", func(o mtcache.Options) mtcache.Options { o.Route = pivot; return o }},
		{"termbase", func(o mtcache.Options) mtcache.Options { o.Termbase = "t2"; return o }},
	}
	f := fake()
	translate(t, mtcache.New(f, store, base), en, seg)
	translate(t, mtcache.New(f, store, base), en, seg)
	require.Len(t, f.Calls(), 1, "the same key: cached")
	for _, tc := range cases {
		f := fake()
		translate(t, mtcache.New(f, store, tc.opts(base)), en, seg)
		assert.Len(t, f.Calls(), 1, "another %s: the engine", tc.name)
	}
	f = fake()
	translate(t, mtcache.New(f, store, base), es, seg)
	assert.Len(t, f.Calls(), 1, "another target language is another route")
}

// TestFailuresNotCached: a segment the engine could not translate, and a
// call that failed, leave nothing in the cache.
func TestFailuresNotCached(t *testing.T) {
	store := openStore(t)
	good, bad := document.Text("Les maires se réunissent."), document.Content{{Text: "Le "}, {Code: &document.Code{ID: "1", Kind: document.Standalone, Type: "code"}}, {Text: " est publié."}}
	f := fake()
	f.Mangle = func(s string) string { return strings.Replace(s, "<x1/>", "", 1) } // the engine loses the code
	c := mtcache.New(f, store, mtcache.Options{Engine: "fake"})
	res := translate(t, c, en, good, bad)
	require.NoError(t, res[0].Err)
	require.Error(t, res[1].Err)
	res = translate(t, c, en, good, bad)
	require.Len(t, f.Calls(), 2)
	assert.Equal(t, []document.Content{bad}, f.Calls()[1].Segments, "the failed segment goes to the engine again")
	require.Error(t, res[1].Err)

	boom := errors.New("engine down")
	down := &mttest.Fake{Err: boom}
	c = mtcache.New(down, store, mtcache.Options{Engine: "down"})
	_, err := c.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: []document.Content{good}})
	require.ErrorIs(t, err, boom)
	st, err := store.DraftStats(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, st.Drafts, "only the good segment's draft")
}

// TestNotesAndUnknownKept: the engine's notes and unknown words come back
// from the cache as the engine gave them.
func TestNotesAndUnknownKept(t *testing.T) {
	note := finding.Finding{Rule: mt.PivotWord, Severity: finding.Warning, Message: "“reagrupar” is a word of the pivot language"}
	e := engineFunc(func(_ context.Context, req mt.Request) ([]mt.Result, error) {
		out := make([]mt.Result, len(req.Segments))
		for i, s := range req.Segments {
			out[i] = mt.Result{Target: document.Text("T " + s.Plain()), Engine: "x:fr-es-en", Notes: []finding.Finding{note}, Unknown: []string{"reagrupar"}}
		}
		return out, nil
	})
	c := mtcache.New(e, openStore(t), mtcache.Options{Engine: "x"})
	seg := document.Text("Il faut regrouper.")
	first := translate(t, c, en, seg)
	again := translate(t, c, en, seg)
	assert.Equal(t, first, again)
	assert.Equal(t, mtcache.Usage{Calls: 1, Segments: 1, Cached: 1}, c.Usage(en))
}

// TestOlderPivotNotes: a pivot's note cached when it had the rule
// "grammar" (a check of relais check, which cannot see it) comes back
// with its own rule, so that the review page shows for grammar exactly
// what relais check reports.
func TestOlderPivotNotes(t *testing.T) {
	e := engineFunc(func(_ context.Context, req mt.Request) ([]mt.Result, error) {
		out := make([]mt.Result, len(req.Segments))
		for i, s := range req.Segments {
			out[i] = mt.Result{Target: document.Text("T " + s.Plain()), Engine: "x:fr-es-en",
				Notes: []finding.Finding{{Rule: "grammar", Severity: finding.Warning, Message: "“reagrupar” is a word of the pivot language"}}}
		}
		return out, nil
	})
	c := mtcache.New(e, openStore(t), mtcache.Options{Engine: "x"})
	seg := document.Text("Il faut regrouper.")
	translate(t, c, en, seg)
	again := translate(t, c, en, seg)
	require.Len(t, again[0].Notes, 1)
	assert.Equal(t, mt.PivotWord, again[0].Notes[0].Rule)
}

type engineFunc func(context.Context, mt.Request) ([]mt.Result, error)

func (f engineFunc) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	return f(ctx, req)
}

// brokenStore is a memory whose cache cannot be read or written.
type brokenStore struct{ get, put error }

func (b brokenStore) GetDrafts(context.Context, memory.DraftKey, []string) (map[string]string, error) {
	return map[string]string{}, b.get
}
func (b brokenStore) PutDrafts(context.Context, memory.DraftKey, []memory.Draft) error { return b.put }

// TestCacheTroubleNeverFails: a cache that cannot be read or written, or a
// route whose version cannot be told, leaves the batch to the engine, with
// one warning for each kind of trouble.
func TestCacheTroubleNeverFails(t *testing.T) {
	seg := document.Text("Les maires se réunissent.")
	for _, tc := range []struct {
		name  string
		store mtcache.Store
		opts  mtcache.Options
		warn  string
	}{
		{"read", brokenStore{get: errors.New("disk I/O error")}, mtcache.Options{}, "disk I/O error; the engine translates everything"},
		{"write", brokenStore{put: errors.New("database is locked")}, mtcache.Options{}, "database is locked; the drafts are not kept"},
		{"version", openStore(t), mtcache.Options{Version: func(context.Context, mt.Route) (string, error) {
			return "", errors.New("no mode file fr-es.mode")
		}}, "off for fr-es: no mode file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var warned []string
			tc.opts.Engine = "fake"
			tc.opts.Warn = func(m string) { warned = append(warned, m) }
			f := fake()
			c := mtcache.New(f, tc.store, tc.opts)
			for range 3 {
				res := translate(t, c, es, seg)
				assert.Equal(t, "The mayors  meet.", res[0].Target.Plain())
			}
			assert.Len(t, f.Calls(), 3, "the engine every time")
			require.Len(t, warned, 1, "said once")
			assert.Contains(t, warned[0], tc.warn)
		})
	}
	// Without a store, the Translator only counts.
	f := fake()
	c := mtcache.New(f, nil, mtcache.Options{})
	translate(t, c, es, seg)
	translate(t, c, es, seg)
	assert.Equal(t, mtcache.Usage{Calls: 2, Segments: 2}, c.Usage(es))
}

// TestCancelled: a cancelled batch is not answered from the cache.
func TestCancelled(t *testing.T) {
	c := mtcache.New(fake(), openStore(t), mtcache.Options{Engine: "fake"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Translate(ctx, mt.Request{From: fr, To: en, Segments: []document.Content{document.Text("Bonjour.")}})
	require.ErrorIs(t, err, context.Canceled)
}

func TestForm(t *testing.T) {
	strong := func(id string, k document.CodeKind, typ string) document.Run {
		return document.Run{Code: &document.Code{ID: id, Kind: k, Type: typ, Data: "**"}}
	}
	a := document.Content{{Text: "Le "}, strong("1", document.Open, "fmt:strong"), {Text: "décret"}, strong("1", document.Close, "fmt:strong"), {Text: " est publié."}}
	b := document.Content{{Text: "Le "}, strong("s7", document.Open, "fmt:strong"), {Text: "déc"}, {Text: "ret"}, strong("s7", document.Close, "fmt:strong"), {Text: " est publié."}}
	assert.Equal(t, mtcache.Form(a), mtcache.Form(b), "other IDs, text runs split otherwise: the same form")
	assert.Equal(t, `"Le "<g1 "fmt:strong">"décret"</g1 "fmt:strong">" est publié."`, mtcache.Form(a))
	for name, other := range map[string]document.Content{
		"type":     {{Text: "Le "}, strong("1", document.Open, "fmt:em"), {Text: "décret"}, strong("1", document.Close, "fmt:em"), {Text: " est publié."}},
		"kind":     {{Text: "Le "}, strong("1", document.Standalone, "fmt:strong"), {Text: "décret"}, strong("2", document.Standalone, "fmt:strong"), {Text: " est publié."}},
		"blank":    {{Text: "Le  "}, strong("1", document.Open, "fmt:strong"), {Text: "décret"}, strong("1", document.Close, "fmt:strong"), {Text: " est publié."}},
		"case":     {{Text: "le "}, strong("1", document.Open, "fmt:strong"), {Text: "décret"}, strong("1", document.Close, "fmt:strong"), {Text: " est publié."}},
		"no codes": document.Text("Le décret est publié."),
		"as text":  document.Text(`"Le "<g1 "fmt:strong">"décret"</g1 "fmt:strong">" est publié."`),
		"nfd":      {{Text: "Le "}, strong("1", document.Open, "fmt:strong"), {Text: "de\u0301cret"}, strong("1", document.Close, "fmt:strong"), {Text: " est publié."}},
	} {
		assert.NotEqual(t, mtcache.Form(a), mtcache.Form(other), "%s differs", name)
	}
}

// stateful is an engine whose translation of a segment depends on the
// segment before it in the batch, as Apertium's transfer does (its
// variables carry over from one sentence to the next): a segment that
// follows one of the same text comes out in the plural.
func stateful(name string) engineFunc {
	return func(_ context.Context, req mt.Request) ([]mt.Result, error) {
		out := make([]mt.Result, len(req.Segments))
		for i, s := range req.Segments {
			t := "Index of the lessons"
			if i > 0 && req.Segments[i-1].Plain() == s.Plain() {
				t = "Indexes of the lessons"
			}
			out[i] = mt.Result{Target: document.Text(t + " (" + name + ")"), Engine: name + ":fr-en"}
		}
		return out, nil
	}
}

// TestOneTranslationPerSegment: with an engine whose answer depends on the
// batch, a segment twice in a request gets one translation, and a run that
// raced another for a segment takes the translation the cache kept: the
// drafts of a run are those of every later run.
func TestOneTranslationPerSegment(t *testing.T) {
	store := openStore(t)
	seg := document.Text("Index des leçons")
	first := translate(t, mtcache.New(stateful("a"), store, mtcache.Options{Engine: "x"}), en, seg, seg)
	assert.Equal(t, "Index of the lessons (a)", first[0].Target.Plain())
	assert.Equal(t, "Index of the lessons (a)", first[1].Target.Plain(), "the first translation of the segment, for both")
	again := translate(t, mtcache.New(stateful("b"), store, mtcache.Options{Engine: "x"}), en, seg, seg)
	assert.Equal(t, first, again, "a re-run gives the first run's drafts")

	// Run b read the cache before run a stored the segment, and translated
	// it itself: it takes a's translation once it has stored its own.
	other := document.Text("Les maires se réunissent.")
	translate(t, mtcache.New(stateful("a"), store, mtcache.Options{Engine: "x"}), en, other)
	raced := mtcache.New(stateful("b"), &blind{Store: store}, mtcache.Options{Engine: "x"})
	res := translate(t, raced, en, other)
	assert.Equal(t, "Index of the lessons (a)", res[0].Target.Plain(), "the translation the cache kept")
	assert.Equal(t, "a:fr-en", res[0].Engine)
	assert.Equal(t, mtcache.Usage{Calls: 1, Segments: 1}, raced.Usage(en), "it did ask the engine")
}

// blind is a store whose first read finds nothing: a run that read the
// cache just before another stored what it needed.
type blind struct {
	*sqlite.Store
	read bool
}

func (b *blind) GetDrafts(ctx context.Context, key memory.DraftKey, segs []string) (map[string]string, error) {
	if !b.read {
		b.read = true
		return map[string]string{}, nil
	}
	return b.Store.GetDrafts(ctx, key, segs)
}

// TestTermsGoWithTheirSegments: the terms of the segments sent to the
// engine go with them, in their places.
func TestTermsGoWithTheirSegments(t *testing.T) {
	f := fake()
	c := mtcache.New(f, openStore(t), mtcache.Options{Engine: "fake"})
	a, n := document.Text("Les maires se réunissent."), document.Text("Le décret est publié.")
	translate(t, c, es, a)
	ta, tn := []mt.Term{{Source: "maires", Target: "alcaldes"}}, []mt.Term{{Source: "décret", Target: "decreto"}}
	_, err := c.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{a, n}, Terms: [][]mt.Term{ta, tn}})
	require.NoError(t, err)
	calls := f.Calls()
	require.Len(t, calls, 2)
	assert.Equal(t, [][]mt.Term{tn}, calls[1].Terms, "the new segment's terms only")
}
