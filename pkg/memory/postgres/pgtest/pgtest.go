// Package pgtest gives a test a PostgreSQL schema of its own on a shared
// server, so that tests running at once, or one after the other, do not
// see each other's tables. Finding the server is left to the caller.
package pgtest

import (
	"database/sql"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/stretchr/testify/require"
)

// Schema creates the empty schema name on the server dsn (dropping one of
// that name an earlier run left), drops it when the test ends, and returns
// a DSN whose connections use it.
func Schema(t testing.TB, dsn, name string) string {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec("DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name)
	require.NoError(t, err)
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err == nil {
			_, _ = db.Exec("DROP SCHEMA " + name + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + name
}
