package postgres

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/internal/sqlstore"
)

// lockKey is the advisory lock relais's write transactions take.
const lockKey = 7310727

var schema = []string{
	`CREATE TABLE IF NOT EXISTS units (
	id BIGSERIAL PRIMARY KEY,
	src_lang TEXT NOT NULL,
	tgt_lang TEXT NOT NULL,
	src_base TEXT NOT NULL,
	tgt_base TEXT NOT NULL,
	key_hash BIGINT NOT NULL,
	src_key TEXT NOT NULL,
	source TEXT NOT NULL,
	target TEXT NOT NULL,
	prev BIGINT NOT NULL,
	next BIGINT NOT NULL,
	doc TEXT NOT NULL,
	origin TEXT NOT NULL,
	state INTEGER NOT NULL,
	created BIGINT NOT NULL,
	changed BIGINT NOT NULL,
	author TEXT NOT NULL,
	props TEXT NOT NULL,
	notes TEXT NOT NULL,
	alt BIGINT NOT NULL, -- 0 for a source's first unit, else the hash of its target's key
	CONSTRAINT units_identity UNIQUE (src_base, tgt_base, key_hash, prev, next, alt)
)`,
	`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`INSERT INTO meta (key, value) VALUES ('id', md5(random()::text || clock_timestamp()::text)) ON CONFLICT (key) DO NOTHING`,
	// The machine translation cache, apart from the units (memory.DraftCache).
	`CREATE TABLE IF NOT EXISTS mt_cache (
	engine TEXT NOT NULL,
	version TEXT NOT NULL,
	route TEXT NOT NULL,
	termbase TEXT NOT NULL,
	segment TEXT NOT NULL, -- SHA-256 of the segment as the engine received it, in hex
	draft TEXT NOT NULL,
	created BIGINT NOT NULL,
	PRIMARY KEY (engine, version, route, termbase, segment)
)`,
}

// reidentify moves a unit's identity to include its target in a memory
// written before a source could have several targets (the constraint had
// the name PostgreSQL gives an unnamed one).
var reidentify = []string{
	`ALTER TABLE units DROP CONSTRAINT IF EXISTS units_src_base_tgt_base_key_hash_prev_next_key`,
	`ALTER TABLE units ADD CONSTRAINT units_identity UNIQUE (src_base, tgt_base, key_hash, prev, next, alt)`,
}

// Store is a memory in a PostgreSQL database.
type Store struct {
	*sqlstore.Store
}

var (
	_ memory.Store      = (*Store)(nil)
	_ memory.DraftCache = (*Store)(nil)
)

// IsDSN reports whether s names a PostgreSQL database rather than a file.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database dsn (postgres://user@host:port/db?…) and
// creates the table if it is missing.
func Open(ctx context.Context, dsn string, opts ...memory.Option) (*Store, error) {
	where := Redact(dsn)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("memory: %s: %w", where, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8) // reopening a connection costs more than a lookup
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("memory: %s: %w (is the server running, and the DSN right?)", where, err)
	}
	s, err := sqlstore.Open(ctx, db, db, sqlstore.Dialect{
		Name: "postgres", Schema: schema, Where: where,
		HasColumn: `SELECT count(*) FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'units' AND column_name = $1`,
		Integer:    "BIGINT",
		Reidentify: reidentify,
		Lock:       fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", lockKey),
		IndexFile:  indexFile(where),
	}, memory.NewOptions(opts...))
	if err != nil {
		return nil, err
	}
	return &Store{s}, nil
}

// indexFile returns where this user keeps a copy of the fuzzy index of the
// database where names (a DSN without its password): in the user's cache
// folder ($XDG_CACHE_HOME/relais, ~/.cache/relais), one file per database,
// or "" when there is no cache folder.
func indexFile(where string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(where))
	return filepath.Join(dir, "relais", "memory-"+hex.EncodeToString(sum[:8])+".index")
}

// Redact returns dsn without its password, for messages.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres database"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}
