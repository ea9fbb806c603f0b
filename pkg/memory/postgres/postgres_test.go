package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/memorytest"
	"github.com/relais-tm/relais/pkg/memory/postgres/pgtest"
)

// The server the tests share: RELAIS_TEST_POSTGRES, or one started by
// .ci/postgres.sh in a temporary folder and stopped by TestMain.
var (
	serverOnce sync.Once
	serverDSN  string
	serverErr  string
	serverDir  string
	schemas    atomic.Int64
)

func TestMain(m *testing.M) {
	code := m.Run()
	if serverDir != "" {
		cmd := exec.Command("bash", filepath.Join(moduleRoot(), ".ci", "postgres.sh"), "stop", serverDir)
		cmd.Stderr = os.Stderr
		_ = cmd.Run()
	}
	os.Exit(code)
}

func moduleRoot() string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		dir = filepath.Dir(dir)
	}
}

// server returns the DSN of a running server, or skips (fails in CI).
func server(t *testing.T) string {
	t.Helper()
	serverOnce.Do(func() {
		if dsn := os.Getenv("RELAIS_TEST_POSTGRES"); dsn != "" {
			serverDSN = dsn
			return
		}
		bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
		if len(bins) == 0 {
			serverErr = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and RELAIS_TEST_POSTGRES is not set: apt-get install postgresql, or run .ci/postgres.sh start"
			return
		}
		dir, err := os.MkdirTemp("", "relais-pg-")
		if err != nil {
			serverErr = err.Error()
			return
		}
		out, err := exec.Command("bash", filepath.Join(moduleRoot(), ".ci", "postgres.sh"), "start", dir).CombinedOutput()
		serverDir = dir
		for _, line := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(line, "RELAIS_TEST_POSTGRES="); ok {
				serverDSN = v
			}
		}
		if err != nil || serverDSN == "" {
			serverErr = fmt.Sprintf("could not start PostgreSQL with .ci/postgres.sh: %v\n%s", err, out)
		}
	})
	if serverDSN == "" {
		testenv.Missing(t, serverErr)
	}
	return serverDSN
}

// freshSchema creates an empty schema and returns a DSN that uses it.
func freshSchema(t *testing.T) string {
	t.Helper()
	return pgtest.Schema(t, server(t), fmt.Sprintf("relais_test_%d_%d", os.Getpid(), schemas.Add(1)))
}

func TestConformance(t *testing.T) {
	memorytest.Run(t, func(t *testing.T) memorytest.Opener {
		dsn := freshSchema(t)
		return func(t *testing.T) memory.Store {
			s, err := Open(context.Background(), dsn)
			require.NoError(t, err)
			return s
		}
	})
}

func TestRedact(t *testing.T) {
	assert.Equal(t, "postgres://relais:xxxxx@db:5432/tm", Redact("postgres://relais:secret@db:5432/tm"))
	assert.Equal(t, "postgres://relais@db/tm", Redact("postgres://relais@db/tm"))
	assert.True(t, IsDSN("postgresql://x/y"))
	assert.False(t, IsDSN(".relais/memory.db"))
}

func TestOpenUnreachable(t *testing.T) {
	_, err := Open(context.Background(), "postgres://nobody:pw@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "xxxxx")
	assert.NotContains(t, err.Error(), ":pw@")
}

// A memory written before near-exact matches came from the index has a
// loose_hash column and index: opening it drops them and keeps the units.
func TestUpgrade(t *testing.T) {
	dsn := freshSchema(t)
	db, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	memorytest.Upgrade(t, db, "BIGSERIAL", "BIGINT", func(t *testing.T) memory.Store {
		s, err := Open(context.Background(), dsn)
		require.NoError(t, err)
		return s
	})
}

// A large memory's index is kept in the user's cache folder, and a copy
// that belongs to another database under the same name is not used.
func TestIndexFile(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	dsn := freshSchema(t)
	lookup := func(s memory.Store, src string) []memory.Match {
		ms, err := s.Lookup(ctx, memory.Query{Source: document.Text(src), SrcLang: language.French, TgtLang: language.Spanish})
		require.NoError(t, err)
		return ms
	}
	s, err := Open(ctx, dsn)
	require.NoError(t, err)
	_, err = s.Put(ctx, memorytest.Numbered(21000, "municipal"))
	require.NoError(t, err)
	query := "Le conseil municipal 1234 examine le budget de la commune 70 !"
	before := lookup(s, query)
	require.NotEmpty(t, before)
	require.NoError(t, s.Close())
	files, err := filepath.Glob(filepath.Join(cache, "relais", "memory-*.index"))
	require.NoError(t, err)
	require.Len(t, files, 1, "the index is kept in the cache folder")

	s, err = Open(ctx, dsn)
	require.NoError(t, err)
	assert.Equal(t, before[0].Unit.ID, lookup(s, query)[0].Unit.ID)
	require.NoError(t, s.Close())

	// The same name, another database: the units are not those of the copy.
	db, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	_, err = db.Exec(`DROP TABLE units; DROP TABLE meta`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	s, err = Open(ctx, dsn)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Put(ctx, memorytest.Numbered(10, "régional"))
	require.NoError(t, err)
	ms := lookup(s, "Le conseil régional 4 examine le budget de la commune 4.")
	require.NotEmpty(t, ms)
	assert.Contains(t, ms[0].Unit.Source.Plain(), "régional")
	assert.Empty(t, lookup(s, query), "nothing from the other database's index")
}
