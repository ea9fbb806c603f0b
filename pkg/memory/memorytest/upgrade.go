package memorytest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// Upgrade checks that an SQL store opens a memory written before
// near-exact matches came from the index, whose units table has a
// loose_hash column and an index on it, before a source could keep
// several targets, and before the machine translation cache: the old unit
// is found, new units go in, a new target of the old unit's source is kept
// beside it, and the cache works. db is the empty database to write that
// memory into, closed by Upgrade; id and integer are the dialect's column
// types of the id (with PRIMARY KEY) and of a 64-bit integer; open opens
// the store on db's database.
func Upgrade(t *testing.T, db *sql.DB, id, integer string, open Opener) {
	t.Helper()
	for _, stmt := range []string{
		fmt.Sprintf(`CREATE TABLE units (id %[1]s PRIMARY KEY, src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, src_base TEXT NOT NULL,
	tgt_base TEXT NOT NULL, key_hash %[2]s NOT NULL, loose_hash %[2]s NOT NULL, src_key TEXT NOT NULL, source TEXT NOT NULL,
	target TEXT NOT NULL, prev %[2]s NOT NULL, next %[2]s NOT NULL, doc TEXT NOT NULL, origin TEXT NOT NULL, state INTEGER NOT NULL,
	created %[2]s NOT NULL, changed %[2]s NOT NULL, author TEXT NOT NULL, props TEXT NOT NULL, notes TEXT NOT NULL,
	UNIQUE (src_base, tgt_base, key_hash, prev, next))`, id, integer),
		`CREATE INDEX units_loose ON units (src_base, tgt_base, loose_hash)`,
	} {
		_, err := db.Exec(stmt)
		require.NoError(t, err)
	}
	key := document.Text("Les maires se réunissent à Lyon.").Key()
	_, err := db.Exec(`INSERT INTO units (src_lang, tgt_lang, src_base, tgt_base, key_hash, loose_hash, src_key, source, target, prev, next, doc, origin, state, created, changed, author, props, notes)
VALUES ('fr', 'es', 'fr', 'es', $1, 7, $2, '', 'tLos alcaldes se reúnen en Lyon.', 0, 0, '', 'human', 2, 0, 0, '', '', '')`,
		int64(memory.Hash(key)), key)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s := opened(t, open)
	ms := lookup(t, s, memory.Query{Source: document.Text("Les maires se réunissent à Lyon !"), TgtLang: es})
	require.NotEmpty(t, ms, "the old unit is found")
	assert.Equal(t, "Los alcaldes se reúnen en Lyon.", ms[0].Target.Plain())
	_, err = s.Put(context.Background(), Numbered(3, "municipal"))
	require.NoError(t, err, "and new units go in")

	alt := memory.Unit{SrcLang: fr, TgtLang: es, Source: document.Text("Les maires se réunissent à Lyon."),
		Target: document.Text("Las alcaldesas y los alcaldes se reúnen en Lyon."), Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
	same := alt
	same.Target = document.Text("Los alcaldes se reúnen en Lyon.")
	res, err := s.Put(context.Background(), memory.Units(alt, same))
	require.NoError(t, err)
	assert.Equal(t, memory.PutResult{Alternative: 1, Unchanged: 1}, res, "the old unit's target hash was filled")
	ms = lookup(t, s, memory.Query{Source: alt.Source, TgtLang: es})
	require.Len(t, ms, 2)
	assert.Equal(t, alt.Target.Plain(), ms[0].Target.Plain(), "the newest first")

	// The memory has a machine translation cache now.
	c := drafts(t, s)
	putDrafts(t, c, apertiumKey, "Les maires se réunissent à Lyon.", "The mayors meet in Lyon.")
	assert.Equal(t, map[string]string{"Les maires se réunissent à Lyon.": "The mayors meet in Lyon."},
		getDrafts(t, c, apertiumKey, "Les maires se réunissent à Lyon."))
}
