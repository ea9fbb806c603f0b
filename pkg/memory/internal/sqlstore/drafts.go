package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relais-tm/relais/pkg/memory"
)

// The machine translation cache (memory.DraftCache) is the table mt_cache,
// which the dialects' schemas create (with IF NOT EXISTS, so that an older
// memory gets it when it is opened). Its key is the engine, its version,
// the route, the termbase revision and the SHA-256 of the segment in hex;
// the lookups of units never read it.

// draftChunk is the number of segments one query of GetDrafts asks for:
// well under SQLite's limit of bound parameters.
const draftChunk = 400

// segmentHash is how mt_cache keeps a segment.
func segmentHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// GetDrafts returns the cached drafts of segments under key (see
// memory.DraftCache).
func (s *Store) GetDrafts(ctx context.Context, key memory.DraftKey, segments []string) (map[string]string, error) {
	out := map[string]string{}
	bySum := make(map[string][]string, len(segments))
	sums := make([]string, 0, len(segments))
	for _, seg := range segments {
		h := segmentHash(seg)
		if _, ok := bySum[h]; !ok {
			sums = append(sums, h)
		}
		bySum[h] = append(bySum[h], seg)
	}
	for start := 0; start < len(sums); start += draftChunk {
		part := sums[start:min(start+draftChunk, len(sums))]
		args := []any{key.Engine, key.Version, key.Route, key.Termbase}
		marks := make([]string, len(part))
		for i, h := range part {
			args = append(args, h)
			marks[i] = "$" + strconv.Itoa(len(args))
		}
		err := func() error {
			rows, err := s.r.QueryContext(ctx, `SELECT segment, draft FROM mt_cache
WHERE engine = $1 AND version = $2 AND route = $3 AND termbase = $4 AND segment IN (`+strings.Join(marks, ", ")+`)`, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var h, v string
				if err := rows.Scan(&h, &v); err != nil {
					return err
				}
				for _, seg := range bySum[h] {
					out[seg] = v
				}
			}
			return rows.Err()
		}()
		if err != nil {
			return nil, fmt.Errorf("memory: %s: read the machine translation cache: %w", s.d.Where, err)
		}
	}
	return out, nil
}

// PutDrafts stores drafts under key in one transaction, keeping the draft
// of a segment already cached (see memory.DraftCache).
func (s *Store) PutDrafts(ctx context.Context, key memory.DraftKey, drafts []memory.Draft) error {
	if len(drafts) == 0 {
		return nil
	}
	now := time.Now().UnixMilli()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO mt_cache (engine, version, route, termbase, segment, draft, created)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (engine, version, route, termbase, segment) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, d := range drafts {
			if _, err := ins.ExecContext(ctx, key.Engine, key.Version, key.Route, key.Termbase, segmentHash(d.Segment), d.Value, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("memory: %s: store machine translations in the cache: %w", s.d.Where, err)
	}
	return nil
}

// DraftStats counts the cached drafts by engine, route and version.
func (s *Store) DraftStats(ctx context.Context) (memory.DraftStats, error) {
	var st memory.DraftStats
	rows, err := s.r.QueryContext(ctx, `SELECT engine, version, route, count(*) FROM mt_cache GROUP BY engine, version, route`)
	if err != nil {
		return st, fmt.Errorf("memory: %s: %w", s.d.Where, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c memory.DraftCount
		if err := rows.Scan(&c.Engine, &c.Version, &c.Route, &c.Drafts); err != nil {
			return st, fmt.Errorf("memory: %s: %w", s.d.Where, err)
		}
		st.Drafts += c.Drafts
		st.By = append(st.By, c)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("memory: %s: %w", s.d.Where, err)
	}
	sort.Slice(st.By, func(i, j int) bool {
		a, b := st.By[i], st.By[j]
		if a.Engine != b.Engine {
			return a.Engine < b.Engine
		}
		if a.Route != b.Route {
			return a.Route < b.Route
		}
		return a.Version < b.Version
	})
	return st, nil
}

// ClearDrafts removes the cached drafts of engine, or all of them when
// engine is "".
func (s *Store) ClearDrafts(ctx context.Context, engine string) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM mt_cache WHERE $1 = '' OR engine = $1`, engine)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("memory: %s: clear the machine translation cache: %w", s.d.Where, err)
	}
	return int(n), nil
}
