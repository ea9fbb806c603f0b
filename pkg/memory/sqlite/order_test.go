package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// A memory created before key_hash came first in the table's uniqueness
// constraint keeps its order (SQLite cannot change a table's constraint),
// and stores units as a new one does: the statements name the conflict's
// columns as a set.
func TestOlderConstraintOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memory.db")
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	older := strings.Replace(unitsTable("units"), "UNIQUE (key_hash, src_base, tgt_base, prev, next, alt)",
		"UNIQUE (src_base, tgt_base, key_hash, prev, next, alt)", 1)
	require.NotEqual(t, unitsTable("units"), older, "the test builds the older table")
	_, err = db.Exec(older)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	ctx := context.Background()
	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	unit := func(src, tgt string) memory.Unit {
		return memory.Unit{SrcLang: language.French, TgtLang: language.English, Source: document.Text(src),
			Target: document.Text(tgt), Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
	}
	first := unit("Les maires se réunissent à Lyon.", "The mayors meet in Lyon.")
	res, err := s.Put(ctx, memory.Units(first, unit("Le budget est voté.", "The budget is adopted.")))
	require.NoError(t, err)
	assert.Equal(t, memory.PutResult{Added: 2}, res)
	res, err = s.Put(ctx, memory.Units(first, unit("Les maires se réunissent à Lyon.", "Mayors are meeting in Lyon.")))
	require.NoError(t, err)
	assert.Equal(t, memory.PutResult{Unchanged: 1, Alternative: 1}, res)
}
