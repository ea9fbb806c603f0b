package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/xliff"
)

// countingEngine counts the engine's calls per target language.
type countingEngine struct {
	mt.Translator
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingEngine) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	c.mu.Lock()
	c.calls[req.To.String()]++
	c.mu.Unlock()
	return c.Translator.Translate(ctx, req)
}

// TestRerunEngineCalls: re-running an unchanged batch makes no engine
// call; changing one sentence of one article makes exactly one per target
// language, for that sentence; every other draft stays as it was.
func TestRerunEngineCalls(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(src, 0o755))
	const articles = 20
	for i := range articles {
		text := fmt.Sprintf("# Les maires, numéro %d\n\nLes maires de la ville %d se réunissent. Ils parlent du budget.\n\n- Un point sur le logement.\n- Un point sur les transports %d.\n", i, i, i)
		require.NoError(t, os.WriteFile(filepath.Join(src, fmt.Sprintf("a%02d.md", i)), []byte(text), 0o644))
	}
	engine := &countingEngine{Translator: &mttest.Fake{Name: "fake", Dict: map[string]string{"maires": "mayors"}}, calls: map[string]int{}}
	run := func() *Result {
		p := newPipeline(t, nil)
		p.MT = engine
		engine.calls = map[string]int{}
		res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out, Settings: "s1"})
		require.NoError(t, err)
		return res
	}
	run()
	assert.Equal(t, map[string]int{"en": articles, "es": articles}, engine.calls, "first run: one call per article and language")
	before := readAll(t, out)

	res := run()
	assert.Empty(t, engine.calls, "nothing changed: no engine call")
	kept, updated, added, removed := res.Earlier()
	assert.Equal(t, [4]int{2 * articles * 5, 0, 0, 0}, [4]int{kept, updated, added, removed})
	assert.Equal(t, before, readAll(t, out), "and the same drafts and XLIFF files")

	path := filepath.Join(src, "a07.md")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), "Ils parlent du budget.", "Ils parlent du budget annuel.", 1)), 0o644))
	res = run()
	assert.Equal(t, map[string]int{"en": 1, "es": 1}, engine.calls, "one sentence changed: one call per language")
	kept, updated, added, removed = res.Earlier()
	assert.Equal(t, [4]int{2 * (articles*5 - 1), 2, 0, 0}, [4]int{kept, updated, added, removed}, "the changed sentence is an update of the old one")
	after := readAll(t, out)
	for name, data := range before {
		if !strings.Contains(name, "a07.md") {
			assert.Equal(t, data, after[name], "%s untouched", name)
		}
	}
	assert.Contains(t, after["en/a07.md"], "Ils parlent du budget annuel.", "the fake engine's draft of the changed sentence (it knows only 'maires')")

	// A sentence unlike the one it replaces is new, and the old one removed.
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), "Ils parlent du budget.", "La séance est levée à midi.", 1)), 0o644))
	res = run()
	assert.Equal(t, map[string]int{"en": 1, "es": 1}, engine.calls)
	kept, updated, added, removed = res.Earlier()
	assert.Equal(t, [4]int{2 * (articles*5 - 1), 0, 2, 2}, [4]int{kept, updated, added, removed})
}

// readAll returns the drafts and XLIFF files under out, by slash path.
func readAll(t *testing.T, out string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, lang := range []string{"en", "es"} {
		entries, err := os.ReadDir(filepath.Join(out, lang))
		require.NoError(t, err)
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(out, lang, e.Name()))
			require.NoError(t, err)
			files[lang+"/"+e.Name()] = string(data)
		}
	}
	return files
}

// suggests is a memory with one fuzzy match, below fuzzy.insert, for one
// source key.
type suggests struct {
	key          string
	source, text string
}

func (m suggests) Lookup(_ context.Context, q memory.Query) ([]memory.Match, error) {
	if q.Source.Key() != m.key {
		return nil, nil
	}
	u := memory.Unit{Source: document.Text(m.source), Target: document.Text(m.text), SrcLang: q.SrcLang, TgtLang: q.TgtLang}
	return []memory.Match{{Unit: u, Score: 78, Level: memory.Fuzzy, Target: u.Target}}, nil
}

// TestRerunOffersEarlierTranslations: when a re-run finds a segment's
// source changed, its XLIFF segment carries the earlier translation with
// its earlier source as an <mtc:match> (codes with their own data); a
// memory match only suggested is a candidate too; an unchanged re-run
// keeps the candidates, byte for byte; the files validate and read back.
func TestRerunOffersEarlierTranslations(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(src, 0o755))
	page := filepath.Join(src, "a.md")
	require.NoError(t, os.WriteFile(page, []byte("Les **maires** de la ville se réunissent ce matin.\n\nIls parlent du budget.\n"), 0o644))
	mem := suggests{key: "Un point sur le logement social.", source: "Un point sur le logement étudiant.", text: "A word on student housing."}
	run := func() *Result {
		p := newPipeline(t, nil)
		p.To = []language.Tag{language.English}
		p.MT = &mttest.Fake{Name: "fake", Dict: map[string]string{"maires": "mayors", "ville": "town"}}
		p.Memory = mem
		res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out, Settings: "s1"})
		require.NoError(t, err)
		return res
	}
	run()
	xlfPath := filepath.Join(out, "en", "a.md.xlf")
	first := readXLIFF(t, xlfPath)
	earlier := first.Units[0].Parts[0]
	require.Equal(t, "b1s1", earlier.ID)
	require.NotNil(t, earlier.Target)
	assert.Empty(t, earlier.Matches, "a first run has no earlier translation to offer")

	require.NoError(t, os.WriteFile(page, []byte("Les **maires** de la grande ville se réunissent ce matin.\n\nIls parlent du budget.\n\nUn point sur le logement social.\n"), 0o644))
	res := run()
	lr := res.Files[0].Langs[0]
	assert.Equal(t, "updated", lr.Drafts[0].Earlier)
	data, err := os.ReadFile(xlfPath)
	require.NoError(t, err)
	assert.Empty(t, xliff.Validate(xlfPath, bytes.NewReader(data)), "%s", data)
	assert.Contains(t, string(data), `<mtc:match ref="#b1s1" origin="relais:previous" type="tm" similarity="`)
	assert.Contains(t, string(data), `<mtc:match ref="#b3s1" origin="relais:memory" type="tm" similarity="78">`)
	x, err := xliff.Read(xlfPath, bytes.NewReader(data))
	require.NoError(t, err)
	changed := x.Units[0].Parts[0]
	require.Len(t, changed.Matches, 1)
	m := changed.Matches[0]
	assert.Equal(t, "relais:previous", m.Origin)
	assert.True(t, m.Source.Equal(earlier.Source), "the earlier source, codes and data included: %v", m.Source)
	assert.True(t, m.Target.Equal(earlier.Target), "the earlier translation: %v", m.Target)
	assert.Equal(t, lr.Drafts[0].Candidates[0].Similarity, m.Similarity)
	assert.Empty(t, x.Units[1].Parts[0].Matches, "an unchanged segment has none")
	require.Len(t, x.Units[2].Parts[0].Matches, 1)
	assert.Equal(t, xliff.Match{Origin: "relais:memory", Type: "tm", Similarity: 78,
		Source: document.Text(mem.source), Target: document.Text(mem.text)}, x.Units[2].Parts[0].Matches[0], "the memory's suggestion, its own source and target")

	res = run()
	kept, updated, added, removed := res.Earlier()
	assert.Equal(t, [4]int{3, 0, 0, 0}, [4]int{kept, updated, added, removed})
	again, err := os.ReadFile(xlfPath)
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again), "a kept segment keeps its candidates")
}

// readXLIFF reads the XLIFF file at path.
func readXLIFF(t *testing.T, path string) *xliff.File {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	x, err := xliff.Read(path, bytes.NewReader(data))
	require.NoError(t, err)
	return x
}

// scores is a memory holding units, scored against each query as the
// stores score them.
type scores []memory.Unit

func (m scores) Lookup(_ context.Context, q memory.Query) ([]memory.Match, error) {
	var out []memory.Match
	for _, u := range m {
		if r, ok := memory.Score(q, u, memory.Options{}); ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// TestRerunEarlierSuggestionOfferedOnce: an earlier translation that is
// only suggested (its number differs and cannot be carried over: the
// reviewer wrote it twice) is the segment's one candidate, offered once:
// not again as the memory's suggestion when the memory holds it too (as a
// review import of the earlier file puts it there).
func TestRerunEarlierSuggestionOfferedOnce(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(src, 0o755))
	page := filepath.Join(src, "a.md")
	const before = "La séance commence à 9 heures dans la grande salle du conseil."
	const reviewed = "The session starts at 9 (9 o'clock) in the council's main hall."
	require.NoError(t, os.WriteFile(page, []byte(before+"\n"), 0o644))
	var mem scores
	run := func() *Result {
		p := newPipeline(t, nil)
		p.To = []language.Tag{language.English}
		p.MT = &mttest.Fake{Name: "fake"}
		p.Memory = mem
		res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out, Settings: "s1"})
		require.NoError(t, err)
		return res
	}
	run()
	xlfPath := filepath.Join(out, "en", "a.md.xlf")
	data, err := os.ReadFile(xlfPath)
	require.NoError(t, err)
	edited := strings.Replace(string(data), `state="translated"`, `state="reviewed"`, 1)
	edited = strings.Replace(edited, "<target>"+before, "<target>"+reviewed, 1)
	require.NotEqual(t, string(data), edited)

	require.NoError(t, os.WriteFile(page, []byte(strings.Replace(before, "9", "10", 1)+"\n"), 0o644))
	for _, m := range []scores{nil, {{Source: document.Text(before), Target: document.Text(reviewed), SrcLang: language.French, TgtLang: language.English,
		Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}}} {
		mem = m
		require.NoError(t, os.WriteFile(xlfPath, []byte(edited), 0o644))
		d := run().Files[0].Langs[0].Drafts[0]
		assert.Equal(t, "updated", d.Earlier)
		require.True(t, d.Suggested, "the earlier translation (or the memory's copy of it) is only suggested")
		require.Len(t, d.Candidates, 1, "memory of %d unit(s)", len(m))
		assert.Equal(t, "relais:previous", d.Candidates[0].Origin)
		assert.Equal(t, reviewed, d.Candidates[0].Target.Plain())
		x := readXLIFF(t, xlfPath)
		require.Len(t, x.Units[0].Parts[0].Matches, 1)
		assert.Equal(t, d.Candidates[0], x.Units[0].Parts[0].Matches[0])
	}
}
