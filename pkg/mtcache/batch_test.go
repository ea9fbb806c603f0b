package mtcache_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/mtcache"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/termguard"
	"github.com/relais-tm/relais/pkg/typography"
)

// batch is the project's articles in a folder of their own, translated as
// relais translate does (term guard, cache, routes, engine, typography)
// with a counting engine, into a memory that outlives each run.
type batch struct {
	src    string
	memory string
	tb     *glossary.Termbase
	routes []mt.Route
}

func newBatch(t *testing.T, routes ...mt.Route) *batch {
	root := testenv.ModuleRoot(t)
	src := filepath.Join(t.TempDir(), "articles")
	require.NoError(t, os.CopyFS(src, os.DirFS(filepath.Join(root, "testdata", "articles"))))
	tb, err := glossary.LoadFS(shipped.FS, "glossary")
	require.NoError(t, err)
	return &batch{src: src, memory: filepath.Join(t.TempDir(), "memory.db"), tb: tb, routes: routes}
}

// run translates the batch into out, as a new process would: a new memory
// handle and a new engine, and returns the engine and the cache.
func (b *batch) run(t *testing.T, out string) (*mttest.Fake, *mtcache.Translator) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, b.memory)
	require.NoError(t, err)
	defer store.Close()
	docs, err := loader.New(loader.Options{From: language.French})
	require.NoError(t, err)
	engine := &mttest.Fake{Name: "fake", Dict: map[string]string{"villes": "cities", "maires": "mayors", "Les": "The"}}
	chain := mt.Chain(engine, b.routes, 2)
	cache := mtcache.New(chain, store, mtcache.Options{Engine: "fake", Route: chain.Route, Termbase: "t1",
		Warn: func(m string) { t.Error(m) }})
	p := &pipeline.Pipeline{Loader: docs, To: []language.Tag{language.English, language.Spanish}, Jobs: 2, Memory: store,
		MT: termguard.New(cache, b.tb, termguard.Options{Fixed: typography.DateSpans}),
		Typography: func(source, target document.Content, lang language.Tag) document.Content {
			return typography.Finish(source, target, lang, typography.Options{})
		}}
	_, err = p.Run(ctx, pipeline.Inputs{Paths: []string{b.src}, Out: out})
	require.NoError(t, err)
	return engine, cache
}

// drafts returns the drafts and XLIFF files under out, by path.
func drafts(t *testing.T, out string) map[string][]byte {
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(p, filepath.Join(out, "en")) && !strings.HasPrefix(p, filepath.Join(out, "es")) {
			return err
		}
		data, err := os.ReadFile(p)
		files[strings.TrimPrefix(p, out)] = data
		return err
	}))
	return files
}

// TestBatchAgainNoEngineCall is issue 15's promise, counted at the engine:
// an unchanged batch run again makes no engine call and writes the same
// drafts; one changed sentence makes exactly one call per target
// language, with that sentence alone.
func TestBatchAgainNoEngineCall(t *testing.T) {
	b := newBatch(t)
	out1 := filepath.Join(t.TempDir(), "out")
	engine, cache := b.run(t, out1)
	first := len(engine.Calls())
	require.Positive(t, first)
	assert.Equal(t, first, cache.Usage(language.English).Calls+cache.Usage(language.Spanish).Calls)

	out2 := filepath.Join(t.TempDir(), "out")
	engine, cache = b.run(t, out2)
	assert.Empty(t, engine.Calls(), "an unchanged batch: no engine call")
	en := cache.Usage(language.English)
	assert.Zero(t, en.Calls)
	assert.Positive(t, en.Cached)
	d1, d2 := drafts(t, out1), drafts(t, out2)
	require.Equal(t, len(d1), len(d2))
	require.NotEmpty(t, d1)
	for name, data := range d1 {
		assert.True(t, bytes.Equal(data, d2[name]), "%s: the same draft from the cache", name)
	}

	page := filepath.Join(b.src, "forum-maires-geneve-fr.txt")
	text, err := os.ReadFile(page)
	require.NoError(t, err)
	changed := strings.Replace(string(text), "Les prochaines étapes", "Les étapes suivantes", 1)
	require.NotEqual(t, string(text), changed)
	require.NoError(t, os.WriteFile(page, []byte(changed), 0o644))
	engine, cache = b.run(t, out2)
	calls := engine.Calls()
	require.Len(t, calls, 2, "one call per target language")
	for _, c := range calls {
		require.Len(t, c.Segments, 1)
		assert.Equal(t, "Les étapes suivantes", c.Segments[0].Plain())
	}
	for _, lang := range []language.Tag{language.English, language.Spanish} {
		u := cache.Usage(lang)
		assert.Equal(t, 1, u.Calls, "%s", lang)
		assert.Equal(t, 1, u.Segments, "%s", lang)
	}
	draft, err := os.ReadFile(filepath.Join(out2, "en", "forum-maires-geneve-fr.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "The étapes suivantes")
}

// TestBatchAgainThroughPivot: with English through Spanish, a changed
// sentence is still one request per target language to the engine's
// routes (the pivot then runs its two legs).
func TestBatchAgainThroughPivot(t *testing.T) {
	b := newBatch(t, mt.Route{language.French, language.Spanish, language.English})
	out := filepath.Join(t.TempDir(), "out")
	b.run(t, out)
	engine, _ := b.run(t, out)
	assert.Empty(t, engine.Calls())
	page := filepath.Join(b.src, "conference-malines.md")
	text, err := os.ReadFile(page)
	require.NoError(t, err)
	changed := strings.Replace(string(text), "\n\n", "\n\nUne phrase toute neuve.\n\n", 1)
	require.NoError(t, os.WriteFile(page, []byte(changed), 0o644))
	engine, cache := b.run(t, out)
	for _, lang := range []language.Tag{language.English, language.Spanish} {
		assert.Equal(t, mtcache.Usage{Calls: 1, Segments: 1, Cached: cache.Usage(lang).Cached}, cache.Usage(lang), "%s", lang)
	}
	for _, c := range engine.Calls() {
		require.Len(t, c.Segments, 1)
		assert.Contains(t, []string{"fr-es", "es-en"}, mt.Code(c.From)+"-"+mt.Code(c.To))
	}
}
