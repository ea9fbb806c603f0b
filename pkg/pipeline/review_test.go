package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/xliff"
	"github.com/relais-tm/relais/pkg/xliff/xlifftest"
)

// queries is a memory that knows nothing and records the context of
// every lookup.
type queries struct {
	mu   sync.Mutex
	seen map[string]bool // lang, key, prev, next
}

func contextOf(lang language.Tag, key string, prev, next uint64) string {
	return fmt.Sprintf("%s|%s|%x|%x", lang, key, prev, next)
}

func (q *queries) Lookup(_ context.Context, mq memory.Query) ([]memory.Match, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.seen[contextOf(mq.TgtLang, mq.Source.Key(), mq.Prev, mq.Next)] = true
	return nil, nil
}

// reviewAs rewrites the XLIFF file at path as a reviewer would: segment i
// gets a target and the state and origin edit(i) returns, or no target
// when edit returns false.
func reviewAs(t *testing.T, path string, edit func(i int) (document.State, document.Origin, bool)) int {
	t.Helper()
	return xlifftest.EditSegments(t, path, func(i int, _ *xliff.File, p *xliff.Part) {
		p.Target, p.State, p.Origin = nil, document.Initial, document.Origin{}
		if st, o, ok := edit(i); ok {
			p.Target = append(document.Content{{Text: "[en] "}}, p.Source...)
			p.State, p.Origin = st, o
		}
	})
}

// Units learnt in review carry the context the batch looks up for the same
// segments: translating the document again finds them in context.
func TestReviewUnitsContextIsTheBatchs(t *testing.T) {
	src := filepath.Join(testenv.ModuleRoot(t), "testdata", "articles", "conference-malines.md")
	out := t.TempDir()
	mem := &queries{seen: map[string]bool{}}
	p := newPipeline(t, nil)
	p.To = []language.Tag{language.English}
	p.Memory = mem
	_, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out})
	require.NoError(t, err)

	xlf := filepath.Join(out, "en", "conference-malines.md.xlf")
	n := reviewAs(t, xlf, func(int) (document.State, document.Origin, bool) { return document.Reviewed, document.Origin{}, true })
	rf, err := ReviewUnits(xlf, []document.State{document.Reviewed, document.Final}, "ana")
	require.NoError(t, err)
	require.Len(t, rf.Units, n)
	assert.Equal(t, xlf, rf.Path)
	assert.Zero(t, rf.Skipped)
	inContext := 0
	for _, u := range rf.Units {
		assert.Equal(t, "ana", u.Author)
		assert.Equal(t, language.French, u.SrcLang)
		assert.Equal(t, language.English, u.TgtLang)
		assert.Equal(t, "conference-malines.md", u.Doc)
		if assert.True(t, mem.seen[contextOf(u.TgtLang, u.Source.Key(), u.Prev, u.Next)], "the batch looked up %q in this context", u.Source.Key()) {
			inContext++
		}
	}
	assert.Equal(t, n, inContext)
	assert.Zero(t, rf.Units[0].Prev, "the first segment has no previous one")
	assert.Zero(t, rf.Units[n-1].Next, "the last has no next one")
}

func TestReviewUnitsStates(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Un. Deux. Trois. Quatre. Cinq."), 0o644))
	out := filepath.Join(dir, "out")
	p := newPipeline(t, nil)
	p.To = []language.Tag{language.English}
	_, err := p.Run(context.Background(), Inputs{Paths: []string{filepath.Join(dir, "a.txt")}, Out: out})
	require.NoError(t, err)
	xlf := filepath.Join(out, "en", "a.txt.xlf")
	machine := document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}
	fuzzy := document.Origin{Kind: document.FromFuzzy, Score: 90}
	edits := []struct {
		state  document.State
		origin document.Origin
		target bool
	}{
		{document.Reviewed, machine, true},   // Un.
		{document.Final, fuzzy, true},        // Deux.
		{document.Translated, machine, true}, // Trois.
		{document.Translated, fuzzy, true},   // Quatre.
		{document.Reviewed, machine, false},  // Cinq.: no target
	}
	reviewAs(t, xlf, func(i int) (document.State, document.Origin, bool) {
		e := edits[i]
		return e.state, e.origin, e.target
	})
	cases := []struct {
		name    string
		accept  []document.State
		origins []string // of the units taken, in order, as the memory stores them
		skipped int
	}{
		{name: "reviewed and final", accept: []document.State{document.Reviewed, document.Final},
			origins: []string{"human", "human"}, skipped: 3},
		{name: "translated too: origins kept", accept: []document.State{document.Reviewed, document.Final, document.Translated},
			origins: []string{"human", "human", "machine:apertium:fr-es-en", "memory"}, skipped: 1},
		{name: "nothing accepted", skipped: 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rf, err := ReviewUnits(xlf, tc.accept, "")
			require.NoError(t, err)
			var origins []string
			for _, u := range rf.Units {
				origins = append(origins, memory.OriginText(u.Origin))
			}
			assert.Equal(t, tc.origins, origins)
			assert.Equal(t, tc.skipped, rf.Skipped)
		})
	}
}

func TestReviewUnitsErrors(t *testing.T) {
	dir := t.TempDir()
	noTarget := filepath.Join(dir, "no-target.xlf")
	require.NoError(t, os.WriteFile(noTarget, []byte(`<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr">
<file id="f1"><unit id="u1"><segment><source>Un.</source></segment></unit></file></xliff>
`), 0o644))
	notXLIFF := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(notXLIFF, []byte("Un.\n"), 0o644))
	cases := []struct{ name, path, want string }{
		{name: "missing", path: filepath.Join(dir, "absent.xlf"), want: filepath.Join(dir, "absent.xlf") + ": no such file or directory"},
		{name: "no target language", path: noTarget, want: noTarget + ": the file has no target language (trgLang)"},
		{name: "not XLIFF", path: notXLIFF, want: notXLIFF + ":1:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReviewUnits(tc.path, []document.State{document.Reviewed}, "")
			assert.ErrorContains(t, err, tc.want)
		})
	}
}
