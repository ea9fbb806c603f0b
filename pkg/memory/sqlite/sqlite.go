package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/internal/sqlstore"
)

// BusyTimeout is how long, in milliseconds, a process waits for another
// one's write transaction before failing.
const BusyTimeout = 60000

// unitsTable creates the table of units under name.
func unitsTable(name string) string {
	return `CREATE TABLE ` + name + ` (
	id INTEGER PRIMARY KEY,
	src_lang TEXT NOT NULL,
	tgt_lang TEXT NOT NULL,
	src_base TEXT NOT NULL,
	tgt_base TEXT NOT NULL,
	key_hash INTEGER NOT NULL,
	src_key TEXT NOT NULL,
	source TEXT NOT NULL,
	target TEXT NOT NULL,
	prev INTEGER NOT NULL,
	next INTEGER NOT NULL,
	doc TEXT NOT NULL,
	origin TEXT NOT NULL,
	state INTEGER NOT NULL,
	created INTEGER NOT NULL,
	changed INTEGER NOT NULL,
	author TEXT NOT NULL,
	props TEXT NOT NULL,
	notes TEXT NOT NULL,
	alt INTEGER NOT NULL, -- 0 for a source's first unit, else the hash of its target's key
	-- key_hash first: two keys of the index then differ at their first
	-- column, an integer, and an import compares no text (the statements
	-- name the columns as a set, so memories with the older order work too)
	UNIQUE (key_hash, src_base, tgt_base, prev, next, alt)
)`
}

var schema = []string{
	strings.Replace(unitsTable("units"), "CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1),
	`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`INSERT INTO meta (key, value) VALUES ('id', lower(hex(randomblob(16)))) ON CONFLICT (key) DO NOTHING`,
	// The machine translation cache, apart from the units (memory.DraftCache).
	`CREATE TABLE IF NOT EXISTS mt_cache (
	engine TEXT NOT NULL,
	version TEXT NOT NULL,
	route TEXT NOT NULL,
	termbase TEXT NOT NULL,
	segment TEXT NOT NULL, -- SHA-256 of the segment as the engine received it, in hex
	draft TEXT NOT NULL,
	created INTEGER NOT NULL,
	PRIMARY KEY (engine, version, route, termbase, segment)
) WITHOUT ROWID`,
}

// reidentify rebuilds the table of a memory written before a source could
// have several targets: SQLite cannot drop a table's UNIQUE constraint.
// Ids are kept, and with them the index file.
var reidentify = []string{
	unitsTable("units_new"),
	`INSERT INTO units_new (id, src_lang, tgt_lang, src_base, tgt_base, key_hash, src_key, source, target, prev, next, doc, origin, state, created, changed, author, props, notes, alt)
SELECT id, src_lang, tgt_lang, src_base, tgt_base, key_hash, src_key, source, target, prev, next, doc, origin, state, created, changed, author, props, notes, alt FROM units`,
	`DROP TABLE units`,
	`ALTER TABLE units_new RENAME TO units`,
}

// Store is a memory in a SQLite file.
type Store struct {
	*sqlstore.Store
}

var (
	_ memory.Store      = (*Store)(nil)
	_ memory.DraftCache = (*Store)(nil)
)

// Open opens (creating it and its folder if needed) the memory in the
// SQLite file at path.
func Open(ctx context.Context, path string, opts ...memory.Option) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("memory: %w", err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(OFF)")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	// The writer gets a 256 MiB page cache: the index of a large import
	// (a million units and their sentences) then stays in it instead of
	// being written to the log and read back many times; readers keep
	// SQLite's default.
	w, err := sql.Open("sqlite", dsn+"&_pragma=cache_size(-262144)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	w.SetMaxOpenConns(1) // one writer per process; SQLite has one per file
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4) // reopening a connection costs more than a lookup
	s, err := sqlstore.Open(ctx, w, r, sqlstore.Dialect{Name: "sqlite", Schema: schema, Where: path, IndexFile: path + "-index",
		HasColumn: `SELECT count(*) FROM pragma_table_info('units') WHERE name = $1`,
		Integer:   "INTEGER", Reidentify: reidentify, Positional: true}, memory.NewOptions(opts...))
	if err != nil {
		return nil, err
	}
	return &Store{s}, nil
}
