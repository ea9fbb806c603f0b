package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/memorytest"
)

func lookup(t *testing.T, s memory.Store, src string) []memory.Match {
	t.Helper()
	ms, err := s.Lookup(context.Background(), memory.Query{Source: document.Text(src), SrcLang: language.French, TgtLang: language.Spanish})
	require.NoError(t, err)
	return ms
}

func TestIndexFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "memory.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	_, err = s.Put(ctx, memorytest.Numbered(25000, "municipal"))
	require.NoError(t, err)
	query := "Le conseil municipal 1234 examine le budget de la commune 70 !"
	before := lookup(t, s, query)
	require.NotEmpty(t, before)
	require.NoError(t, s.Close())
	require.FileExists(t, path+"-index", "a large memory keeps its index beside it")

	// Reopened, the memory answers the same, and sees units added since.
	s, err = Open(ctx, path)
	require.NoError(t, err)
	assert.Equal(t, before[0].Unit.ID, lookup(t, s, query)[0].Unit.ID)
	_, err = s.Put(ctx, memory.Units(memory.Unit{SrcLang: language.French, TgtLang: language.Spanish,
		Source: document.Text("Une phrase toute nouvelle sur la mobilité urbaine."), Target: document.Text("Una frase nueva."),
		Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated}))
	require.NoError(t, err)
	assert.NotEmpty(t, lookup(t, s, "Une phrase toute nouvelle sur la mobilité urbaine durable."))
	require.NoError(t, s.Close())

	// Another database under the same name: the old index is not used.
	index, err := os.ReadFile(path + "-index")
	require.NoError(t, err)
	for _, suffix := range []string{"", "-wal", "-shm", "-index"} {
		os.Remove(path + suffix)
	}
	s, err = Open(ctx, path)
	require.NoError(t, err)
	_, err = s.Put(ctx, memorytest.Numbered(10, "régional"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path+"-index", index, 0o644))
	ms := lookup(t, s, "Le conseil régional 4 examine le budget de la commune 4.")
	require.NotEmpty(t, ms)
	assert.Contains(t, ms[0].Unit.Source.Plain(), "régional")
	assert.Empty(t, lookup(t, s, query), "nothing from the other database's index")
	require.NoError(t, s.Close())

	// A damaged index file is ignored.
	damaged := append([]byte(nil), index...)
	damaged[len(damaged)/2] ^= 1
	require.NoError(t, os.WriteFile(path+"-index", damaged, 0o644))
	s, err = Open(ctx, path)
	require.NoError(t, err)
	assert.NotEmpty(t, lookup(t, s, "Le conseil régional 4 examine le budget de la commune 4."))
	require.NoError(t, s.Close())
}

// A memory written before near-exact matches came from the index has a
// loose_hash column and index: opening it drops them and keeps the units.
func TestUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memory.db")
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	memorytest.Upgrade(t, db, "INTEGER", "INTEGER", func(t *testing.T) memory.Store {
		s, err := Open(context.Background(), path)
		require.NoError(t, err)
		return s
	})
}
