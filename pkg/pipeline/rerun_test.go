package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
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
