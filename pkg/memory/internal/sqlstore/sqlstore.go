// Package sqlstore is the memory.Store both SQL stores share: one table of
// units, the same DML text for SQLite and PostgreSQL ($n placeholders,
// ON CONFLICT), and the in-memory fuzzy index refreshed from the table.
// It is also their memory.DraftCache, on a table of its own (mt_cache)
// that no lookup of units reads. memory/sqlite and memory/postgres supply
// the connections and the DDL.
package sqlstore

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// Dialect is what differs between databases.
type Dialect struct {
	Name   string   // "sqlite" or "postgres", for errors
	Schema []string // DDL, run in one write transaction at Open
	// HasColumn counts the columns of the table units named $1 (0 or 1),
	// for the upgrade of memories written by earlier versions.
	HasColumn string
	// Integer is the type of a 64-bit integer column.
	Integer string
	// Reidentify moves the uniqueness of a unit in a memory written before
	// a source could have several targets from (src_base, tgt_base,
	// key_hash, prev, next) to those and alt, as Schema declares it. It
	// runs once the column alt is added.
	Reidentify []string
	// Lock, when set, is run first in every write transaction: PostgreSQL
	// takes an advisory lock so that writers commit in the order of their
	// ids, which lets readers refresh their index with "id > last".
	Lock  string
	Where string // the store, as Stats reports it
	// IndexFile, when set, is where the store keeps a copy of its fuzzy
	// index, so that the next process to open the memory reads it instead
	// of rebuilding it from every unit (see loadIndex). The schema must then
	// create the table meta with the row ('id', a random value) that tells
	// one database from another.
	IndexFile string
	// Positional says that the driver binds anonymous parameters (?)
	// faster than numbered ones ($n): the SQLite driver looks up the name
	// of every numbered parameter at every execution. The insert of Put
	// is then written with ? (see positional).
	Positional bool
}

// positional rewrites q, whose parameters are $1 to $n each used once in
// that order, with anonymous parameters (?) when the dialect prefers them.
func (d Dialect) positional(q string) string {
	if !d.Positional {
		return q
	}
	var b strings.Builder
	n := 1
	for {
		mark := "$" + strconv.Itoa(n)
		i := strings.Index(q, mark)
		if i < 0 {
			b.WriteString(q)
			break
		}
		if j := i + len(mark); j < len(q) && q[j] >= '0' && q[j] <= '9' {
			panic("sqlstore: positional: parameters not in order in " + q)
		}
		b.WriteString(q[:i])
		b.WriteByte('?')
		q = q[i+len(mark):]
		n++
	}
	out := b.String()
	for i := strings.IndexByte(out, '$'); i >= 0; i = strings.IndexByte(out, '$') {
		if i+1 < len(out) && out[i+1] >= '0' && out[i+1] <= '9' {
			panic("sqlstore: positional: parameters not in order in " + out)
		}
		out = out[i+1:]
	}
	return b.String()
}

// Store is a memory.Store over database/sql.
type Store struct {
	w, r *sql.DB // writer and reader pools (may be the same)
	d    Dialect
	opts memory.Options

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // the lookups' statements on r, prepared once, by SQL text

	idx    atomic.Pointer[memory.Index]
	idxMu  sync.Mutex  // one writer of the index at a time (adding units, reading the index file)
	loaded atomic.Bool // the index file was tried
	// refreshed is when the last refresh began (UnixNano); 0 makes the
	// next lookup refresh, whatever Options.RefreshEvery says.
	refreshed atomic.Int64
}

// Columns of a unit, in the order scan reads them.
const cols = `id, src_lang, tgt_lang, src_key, source, target, prev, next, doc, origin, state, created, changed, author, props, notes`

// identity selects the units of one source: its languages, key and
// context ($1 to $5).
const identity = `src_base = $1 AND tgt_base = $2 AND key_hash = $3 AND prev = $4 AND next = $5`

// Open runs the schema and returns the store. w is used for writes, r for
// reads; the store closes both.
func Open(ctx context.Context, w, r *sql.DB, d Dialect, opts memory.Options) (*Store, error) {
	s := &Store{w: w, r: r, d: d, opts: opts}
	s.idx.Store(memory.NewIndex())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, stmt := range d.Schema {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return upgrade(ctx, tx, d)
	})
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("memory: %s: create the schema: %w", d.Where, err)
	}
	return s, nil
}

// upgrade brings a memory written by an earlier version to this one's
// schema. It looks first, so that opening an up-to-date memory never takes
// the table's exclusive lock.
//
//   - The loose_hash column and its index go: near-exact matches now come
//     from the fuzzy index.
//   - The column alt is added (0: each unit stored is its source's
//     first) and a unit's identity takes it in (Dialect.Reidentify), so
//     that a source keeps several targets.
//
// The machine translation cache (mt_cache, see drafts.go) needs nothing
// here: the schema creates it if it is missing.
func upgrade(ctx context.Context, tx *sql.Tx, d Dialect) error {
	var n int
	if err := tx.QueryRowContext(ctx, d.HasColumn, "loose_hash").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		for _, stmt := range []string{`DROP INDEX IF EXISTS units_loose`, `ALTER TABLE units DROP COLUMN loose_hash`} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("upgrade the memory: %w", err)
			}
		}
	}
	if err := tx.QueryRowContext(ctx, d.HasColumn, "alt").Scan(&n); err != nil || n > 0 {
		return err
	}
	stmts := append([]string{`ALTER TABLE units ADD COLUMN alt ` + d.Integer + ` NOT NULL DEFAULT 0`}, d.Reidentify...)
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("upgrade the memory (several targets per source): %w", err)
		}
	}
	return nil
}

// targetHash is the alt of a unit kept beside its source's first one: the
// hash of its target's key, so that two targets with the same key (the
// same text and codes, whatever their data) are one.
func targetHash(c document.Content) int64 { return int64(memory.Hash(c.Key())) }

// Close closes the database handles.
func (s *Store) Close() error {
	var err error
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		err = errors.Join(err, st.Close())
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	err = errors.Join(err, s.w.Close())
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// tx runs fn in a write transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if s.d.Lock != "" {
		if _, err := tx.ExecContext(ctx, s.d.Lock); err != nil {
			return errors.Join(err, tx.Rollback())
		}
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// row is a unit ready for the database, prepared off the writer's goroutine.
type row struct {
	n        int // place in the sequence, from 1
	err      error
	sl, tl   string
	sb, tb   string
	kh       int64
	key, src string
	tgt      string
	prev     int64
	next     int64
	doc      string
	origin   string
	state    int
	created  int64
	changed  int64
	author   string
	props    string
	notes    string
}

// batchSize is the number of units that travel together between the
// stages of Put.
const batchSize = 256

// read sends the units of seq in batches, until the sequence ends, yields
// an error (sent as the last batch, with the units before it) or ctx is
// done.
func read(ctx context.Context, seq iter.Seq2[memory.Unit, error], out chan<- unitBatch) {
	defer close(out)
	b := unitBatch{units: make([]memory.Unit, 0, batchSize)}
	send := func() bool {
		select {
		case out <- b:
			b = unitBatch{units: make([]memory.Unit, 0, batchSize)}
			return true
		case <-ctx.Done():
			return false
		}
	}
	for u, err := range seq {
		if err != nil {
			b.err = err
			send()
			return
		}
		b.units = append(b.units, u)
		if len(b.units) == batchSize && !send() {
			return
		}
	}
	if len(b.units) > 0 {
		send()
	}
}

// unitBatch is a run of units from the sequence, and the error that ended
// it, if any.
type unitBatch struct {
	units []memory.Unit
	err   error
}

// prepare turns batches of units into rows (checked, keyed, hashed and
// encoded), numbering them from 1 in sequence order. A unit that fails its
// check, or the sequence's error, ends the rows with a row carrying the
// error.
func prepare(ctx context.Context, in <-chan unitBatch, out chan<- []row) {
	defer close(out)
	n := 0
	now := time.Now()
	for b := range in {
		rows := make([]row, 0, len(b.units)+1)
		failed := false
		for _, u := range b.units {
			n++
			if err := u.Check(); err != nil {
				rows = append(rows, row{n: n, err: fmt.Errorf("unit %d: %w", n, err)})
				failed = true
				break
			}
			rows = append(rows, newRow(n, u, now))
		}
		if !failed && b.err != nil {
			rows = append(rows, row{n: n + 1, err: b.err})
			failed = true
		}
		select {
		case out <- rows:
		case <-ctx.Done():
			return
		}
		if failed {
			return
		}
	}
}

// newRow makes the row of unit u, the nth of its sequence.
func newRow(n int, u memory.Unit, now time.Time) row {
	if u.Created.IsZero() {
		u.Created = now
	}
	if u.Changed.IsZero() {
		u.Changed = u.Created
	}
	key := u.Source.Key()
	return row{n: n, sl: u.SrcLang.String(), tl: u.TgtLang.String(),
		sb: memory.Base(u.SrcLang), tb: memory.Base(u.TgtLang),
		kh:  int64(memory.Hash(key)),
		key: key, src: encodeSource(u.Source, key), tgt: encode(u.Target),
		prev: int64(u.Prev), next: int64(u.Next), doc: u.Doc, origin: memory.OriginText(u.Origin), state: int(u.State),
		created: u.Created.UnixMilli(), changed: u.Changed.UnixMilli(), author: u.Author,
		props: encodeProps(u.Props), notes: encodeNotes(u.Notes)}
}

// Put stores units in one transaction (see memory.Store). Three
// goroutines share the work: one reads the sequence (parsing a TMX file,
// say), one checks and encodes the units, and this one writes them.
func (s *Store) Put(ctx context.Context, units iter.Seq2[memory.Unit, error]) (memory.PutResult, error) {
	var res memory.PutResult
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan unitBatch, 4)
	rows := make(chan []row, 4)
	var wg sync.WaitGroup
	wg.Go(func() { read(ctx, units, batches) })
	wg.Go(func() { prepare(ctx, batches, rows) })
	defer s.refreshed.Store(0) // this handle's lookups see its own units at once
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// A unit of a source not stored yet goes in at once, as its
		// source's first (alt 0); the others are decided by putOther.
		ins, err := tx.PrepareContext(ctx, s.d.positional(`INSERT INTO units (src_lang, tgt_lang, src_base, tgt_base, key_hash, src_key, source, target, prev, next, doc, origin, state, created, changed, author, props, notes, alt)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 0)
ON CONFLICT (src_base, tgt_base, key_hash, prev, next, alt) DO NOTHING`))
		if err != nil {
			return err
		}
		defer ins.Close()
		for batch := range rows {
			if err := ctx.Err(); err != nil {
				return err
			}
			for _, r := range batch {
				if r.err != nil {
					return r.err
				}
				if err := s.putRow(ctx, tx, ins, r, &res); err != nil {
					return fmt.Errorf("unit %d: %w", r.n, err)
				}
			}
		}
		return ctx.Err()
	})
	cancel()
	for range rows { // let the stages finish
	}
	wg.Wait()
	if err != nil {
		return memory.PutResult{}, fmt.Errorf("memory: put (nothing stored): %w", err)
	}
	return res, nil
}

// putRow stores r as memory.Store says: inserted when its source is new,
// else decided by putOther.
//
// The insert runs without ctx's cancellation: with it, the SQLite driver
// starts a goroutine and a progress handler for every statement, which
// costs a fifth of an import's time; Put checks ctx between batches.
func (s *Store) putRow(ctx context.Context, tx *sql.Tx, ins *sql.Stmt, r row, res *memory.PutResult) error {
	out, err := ins.ExecContext(context.WithoutCancel(ctx), r.sl, r.tl, r.sb, r.tb, r.kh, r.key, r.src, r.tgt, r.prev, r.next, r.doc,
		r.origin, r.state, r.created, r.changed, r.author, r.props, r.notes)
	if err != nil {
		return err
	}
	if k, err := out.RowsAffected(); err != nil {
		return err
	} else if k == 1 {
		res.Added++
		return nil
	}
	return s.putOther(ctx, tx, r, res)
}

// stored is a unit of r's source already in the store.
type stored struct {
	id     int64
	th     int64 // targetHash of tgt
	tgt    string
	origin string
	state  int
}

// putOther stores r, a unit of a source the store has: it updates the
// unit with r's target, or replaces a machine or memory unit, or is kept
// beside the human ones as an alternative, or is dropped (memory.Store).
func (s *Store) putOther(ctx context.Context, tx *sql.Tx, r row, res *memory.PutResult) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, target, origin, state FROM units WHERE `+identity+` ORDER BY id`,
		r.sb, r.tb, r.kh, r.prev, r.next)
	if err != nil {
		return err
	}
	var have []stored
	for rows.Next() {
		var u stored
		if err := rows.Scan(&u.id, &u.tgt, &u.origin, &u.state); err != nil {
			rows.Close()
			return err
		}
		c, err := decode(u.tgt)
		if err != nil {
			rows.Close()
			return fmt.Errorf("unit %d: %w", u.id, err)
		}
		u.th = targetHash(c)
		have = append(have, u)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	tgt, err := decode(r.tgt)
	if err != nil {
		return err
	}
	th := targetHash(tgt)
	human := r.origin == "human"
	var same, machine *stored
	anyHuman := false
	for i := range have {
		u := &have[i]
		switch {
		case u.th == th:
			same = u
		case u.origin == "human":
			anyHuman = true
		default:
			machine = u // the newest, when there are several
		}
	}
	switch {
	case same != nil:
		if same.origin == "human" && !human || same.tgt == r.tgt && same.origin == r.origin && same.state == r.state {
			res.Unchanged++
			return nil
		}
		return s.update(ctx, tx, same.id, r, res)
	case !human && anyHuman:
		res.Unchanged++ // a person's translation is not replaced by a machine's
		return nil
	case machine != nil:
		return s.update(ctx, tx, machine.id, r, res)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO units (src_lang, tgt_lang, src_base, tgt_base, key_hash, src_key, source, target, prev, next, doc, origin, state, created, changed, author, props, notes, alt)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
		r.sl, r.tl, r.sb, r.tb, r.kh, r.key, r.src, r.tgt, r.prev, r.next, r.doc, r.origin, r.state, r.created, r.changed, r.author, r.props, r.notes, th)
	if err != nil {
		return err
	}
	res.Alternative++
	return nil
}

// update writes r over the unit id. Its alt stays: only a source's first
// unit (alt 0) may be a machine or memory one and change its target, and
// the others keep their target's key.
func (s *Store) update(ctx context.Context, tx *sql.Tx, id int64, r row, res *memory.PutResult) error {
	_, err := tx.ExecContext(ctx, `UPDATE units SET tgt_lang = $1, target = $2, origin = $3, state = $4, changed = $5, author = $6, doc = $7, props = $8, notes = $9 WHERE id = $10`,
		r.tl, r.tgt, r.origin, r.state, max(r.changed, time.Now().UnixMilli()), r.author, r.doc, r.props, r.notes, id)
	if err != nil {
		return err
	}
	res.Updated++
	return nil
}

// refresh adds to the index the units stored since it was last refreshed.
// The first refresh reads the index file, if any; a refresh that added
// many units writes it.
//
// Lookups call it concurrently. The query runs without a lock: two
// refreshes may read the same new rows, and the one that comes second
// adds only the ids the index does not hold yet (ids come in increasing
// order). Only the first refresh of the store, which reads the index
// file, holds idxMu across its queries, once.
func (s *Store) refresh(ctx context.Context) error {
	if s.d.IndexFile != "" && !s.loaded.Load() {
		s.loadIndexOnce(ctx)
	}
	now := time.Now().UnixNano()
	if last := s.refreshed.Load(); last != 0 && now-last < int64(s.opts.RefreshEvery) {
		return nil
	}
	idx := s.idx.Load()
	rows, err := s.queryRows(ctx, `SELECT id, src_base, tgt_base, src_key FROM units WHERE id > $1 ORDER BY id`, idx.Last())
	if err != nil {
		return err
	}
	defer rows.Close()
	type row struct {
		id   int64
		pair string
		key  string
	}
	var fresh []row
	var sb, tb string
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &sb, &tb, &r.key); err != nil {
			return err
		}
		r.pair = memory.PairKey(sb, tb)
		fresh = append(fresh, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(fresh) == 0 {
		s.refreshed.Store(now)
		return nil
	}
	s.idxMu.Lock()
	added := 0
	for _, r := range fresh {
		if r.id > idx.Last() {
			idx.Add(r.id, r.pair, r.key)
			added++
		}
	}
	s.idxMu.Unlock()
	if s.d.IndexFile != "" && added >= indexFileMin && 4*added >= idx.Len() {
		s.saveIndex(ctx, idx)
	}
	s.refreshed.Store(now)
	return nil
}

// loadIndexOnce reads the index file the first time the store needs its
// index; lookups that come meanwhile wait for it.
func (s *Store) loadIndexOnce(ctx context.Context) {
	s.idxMu.Lock()
	defer s.idxMu.Unlock()
	if s.loaded.Load() {
		return
	}
	if x := s.loadIndex(ctx); x != nil {
		s.idx.Store(x)
	}
	s.loaded.Store(true)
}

// indexFileMin is the number of units a refresh must add for the store to
// write its index file: below it, rebuilding costs less than a second.
const indexFileMin = 20000

// identity returns the random value that tells this database from another.
func (s *Store) identity(ctx context.Context) (string, error) {
	var id string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'id'`).Scan(&id)
	return id, err
}

// loadIndex reads the index file, or returns nil when there is none or it
// cannot be trusted: written for another database (the file was replaced),
// damaged, or holding a different number of units than the database has up
// to its last id (units were deleted by hand). The file is only a cache.
func (s *Store) loadIndex(ctx context.Context) *memory.Index {
	f, err := os.Open(s.d.IndexFile)
	if err != nil {
		return nil
	}
	defer f.Close()
	want, err := s.identity(ctx)
	if err != nil {
		return nil
	}
	br := bufio.NewReader(f)
	n, err := binary.ReadUvarint(br)
	if err != nil || n != uint64(len(want)) {
		return nil
	}
	got := make([]byte, n)
	if _, err := io.ReadFull(br, got); err != nil || string(got) != want {
		return nil
	}
	x := memory.NewIndex()
	if _, err := x.ReadFrom(br); err != nil {
		return nil
	}
	var count int
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE id <= $1`, x.Last()).Scan(&count)
	if err != nil || count != x.Len() {
		return nil
	}
	return x
}

// saveIndex writes the index file: a new file renamed over the old one, so
// that a reader never sees half of it. Failing to write it costs the next
// process a rebuild, nothing else, so errors are dropped.
func (s *Store) saveIndex(ctx context.Context, x *memory.Index) {
	id, err := s.identity(ctx)
	if err != nil {
		return
	}
	dir, base := filepath.Split(s.d.IndexFile)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(dir, base+".*.tmp")
	if err != nil {
		return
	}
	bw := bufio.NewWriter(f)
	bw.Write(binary.AppendUvarint(nil, uint64(len(id))))
	bw.WriteString(id)
	_, err = x.WriteTo(bw)
	err = errors.Join(err, bw.Flush(), f.Close())
	if fi, statErr := os.Stat(s.d.Where); err == nil && statErr == nil {
		err = os.Chmod(f.Name(), fi.Mode().Perm()) // readable by whoever reads the memory
	}
	if err == nil {
		err = os.Rename(f.Name(), s.d.IndexFile)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// Lookup returns the best matches for q (see memory.Store). The index is
// refreshed first; when the key has index terms and the index has no unit
// sharing enough of them to reach Min (nor Floor), no unit can match, not
// even one of the same key, and the database is not asked at all.
func (s *Store) Lookup(ctx context.Context, q memory.Query) ([]memory.Match, error) {
	key := q.SourceKey()
	if key == "" {
		return nil, nil
	}
	minScore := q.Min
	if minScore <= 0 {
		minScore = memory.DefaultMin
	}
	floor := minScore
	if q.Floor > 0 && q.Floor < minScore {
		floor = q.Floor
	}
	if err := s.refresh(ctx); err != nil {
		return nil, s.lookupErr(err)
	}
	sb, tb := memory.Base(q.SrcLang), memory.Base(q.TgtLang)
	idx, pair := s.idx.Load(), memory.PairKey(sb, tb)
	var cands []memory.Candidate
	if minScore <= 99 {
		cands = idx.Candidates(pair, key, minScore, 0)
	}
	if len(cands) == 0 && memory.HasIndexTerms(key) {
		if idx.Candidates(pair, key, floor, 1) == nil {
			return nil, nil
		}
	}
	sc := memory.NewScorer(q, s.opts) // only now: most lookups of a new batch end above
	exact, err := s.query(ctx, `SELECT `+cols+` FROM units WHERE src_base = $1 AND tgt_base = $2 AND key_hash = $3`,
		sb, tb, int64(memory.Hash(key)))
	if err != nil {
		return nil, s.lookupErr(err)
	}
	ms, err := s.lookupFrom(ctx, sc, q, exact, cands, minScore)
	if err != nil || len(ms) > 0 || floor == minScore {
		return ms, err
	}
	// Nothing reaches Min: the same units, and the index's candidates
	// down to Floor.
	return s.lookupFrom(ctx, sc.WithMin(floor), q, exact, idx.Candidates(pair, key, floor, 0), floor)
}

// lookupFrom scores the units of the query's key (exact) with sc, then, for
// a threshold below 100, the index's candidates at minScore (cands),
// fetched a few at a time, best bound first.
func (s *Store) lookupFrom(ctx context.Context, sc *memory.Scorer, q memory.Query, exact []memory.Unit, cands []memory.Candidate, minScore int) ([]memory.Match, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = memory.DefaultLimit
	}
	found := map[int64]memory.Match{}
	add := func(us []memory.Unit) {
		for _, u := range us {
			if _, ok := found[u.ID]; ok {
				continue
			}
			if m, ok := sc.Score(u); ok {
				found[u.ID] = m
			}
		}
	}
	add(exact)
	rank := memory.NewRanking(q)
	best := func() []memory.Match { return sorted(found, rank, limit) }
	if ms := best(); len(ms) >= limit && ms[len(ms)-1].Score >= 100 {
		return ms, nil
	}
	// Near-exact matches (the same words, other codes, case or punctuation)
	// score below 100 and have the query's index terms: the index finds them.
	if minScore > 99 {
		return best(), nil
	}
	// Candidates are fetched a few at a time, best bound first, until no
	// bound left can beat the matches found: most lookups read limit+2 rows.
	batch := limit + 2
	for i := 0; i < len(cands); i += batch {
		ms := best()
		if len(ms) >= limit && cands[i].Score <= ms[len(ms)-1].Score {
			break // no candidate left can enter the list
		}
		part := cands[i:min(i+batch, len(cands))]
		ids := make([]any, 0, len(part))
		marks := make([]string, 0, len(part))
		for _, c := range part {
			if _, ok := found[c.ID]; ok {
				continue
			}
			ids = append(ids, c.ID)
			marks = append(marks, "$"+strconv.Itoa(len(ids)))
		}
		if len(ids) == 0 {
			continue
		}
		us, err := s.query(ctx, `SELECT `+cols+` FROM units WHERE id IN (`+strings.Join(marks, ", ")+`)`, ids...)
		if err != nil {
			return nil, s.lookupErr(err)
		}
		add(us)
	}
	return best(), nil
}

func (s *Store) lookupErr(err error) error {
	return fmt.Errorf("memory: lookup in %s: %w", s.d.Where, err)
}

// sorted returns the best matches, best first.
func sorted(found map[int64]memory.Match, rank memory.Ranking, limit int) []memory.Match {
	out := make([]memory.Match, 0, len(found))
	for _, m := range found {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return rank.Better(out[i], out[j]) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]memory.Unit, error) {
	rows, err := s.queryRows(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []memory.Unit
	for rows.Next() {
		u, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// queryRows runs one of the lookups' queries on the reader pool through a
// statement prepared the first time: lookups run the same few queries
// again and again, and parsing them cost more than running them.
func (s *Store) queryRows(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	s.stmtMu.Lock()
	st, ok := s.stmts[q]
	if !ok {
		var err error
		if st, err = s.r.PrepareContext(ctx, q); err != nil {
			s.stmtMu.Unlock()
			return nil, err
		}
		if s.stmts == nil {
			s.stmts = map[string]*sql.Stmt{}
		}
		s.stmts[q] = st
	}
	s.stmtMu.Unlock()
	return st.QueryContext(ctx, args...)
}

func scan(rows *sql.Rows) (memory.Unit, error) {
	var u memory.Unit
	var sl, tl, key, src, tgt, origin, props, notes string
	var prev, next, created, changed int64
	var state int
	err := rows.Scan(&u.ID, &sl, &tl, &key, &src, &tgt, &prev, &next, &u.Doc, &origin, &state, &created, &changed, &u.Author, &props, &notes)
	if err != nil {
		return u, err
	}
	u.SrcLang, _ = language.Parse(sl)
	u.TgtLang, _ = language.Parse(tl)
	if u.Source, err = decodeSource(src, key); err != nil {
		return u, err
	}
	if u.Target, err = decode(tgt); err != nil {
		return u, err
	}
	u.Prev, u.Next = uint64(prev), uint64(next)
	u.State = document.State(state)
	if u.Origin, err = memory.ParseOriginText(origin); err != nil {
		return u, err
	}
	u.Created, u.Changed = time.UnixMilli(created).UTC(), time.UnixMilli(changed).UTC()
	if props != "" {
		var ps [][2]string
		if err := json.Unmarshal([]byte(props), &ps); err != nil {
			return u, err
		}
		for _, p := range ps {
			u.Props = append(u.Props, memory.Prop{Type: p[0], Value: p[1]})
		}
	}
	if notes != "" {
		if err := json.Unmarshal([]byte(notes), &u.Notes); err != nil {
			return u, err
		}
	}
	return u, nil
}

// Each calls fn for each unit f selects, in id order.
func (s *Store) Each(ctx context.Context, f memory.Filter, fn func(memory.Unit) error) error {
	sb, tb := "", ""
	if f.SrcLang != language.Und {
		sb = memory.Base(f.SrcLang)
	}
	if f.TgtLang != language.Und {
		tb = memory.Base(f.TgtLang)
	}
	// Pages by id keep no transaction open across fn.
	var last int64
	for {
		rows, err := s.r.QueryContext(ctx, `SELECT `+cols+` FROM units WHERE id > $1 AND ($2 = '' OR src_base = $2) AND ($3 = '' OR tgt_base = $3) ORDER BY id LIMIT 1000`, last, sb, tb)
		if err != nil {
			return fmt.Errorf("memory: %s: %w", s.d.Where, err)
		}
		var page []memory.Unit
		for rows.Next() {
			u, err := scan(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("memory: %s: %w", s.d.Where, err)
			}
			page = append(page, u)
		}
		err = errors.Join(rows.Err(), rows.Close())
		if err != nil {
			return fmt.Errorf("memory: %s: %w", s.d.Where, err)
		}
		if len(page) == 0 {
			return nil
		}
		for _, u := range page {
			if err := fn(u); err != nil {
				return err
			}
		}
		last = page[len(page)-1].ID
	}
}

// Stats counts the units.
func (s *Store) Stats(ctx context.Context) (memory.Stats, error) {
	st := memory.Stats{Pairs: map[string]int{}, Origins: map[string]int{}, States: map[string]int{}, Where: s.d.Where}
	rows, err := s.r.QueryContext(ctx, `SELECT src_base, tgt_base, origin, state, count(*) FROM units GROUP BY src_base, tgt_base, origin, state`)
	if err != nil {
		return st, fmt.Errorf("memory: %s: %w", s.d.Where, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sb, tb, origin string
		var state, n int
		if err := rows.Scan(&sb, &tb, &origin, &state, &n); err != nil {
			return st, err
		}
		st.Units += n
		st.Pairs[sb+"→"+tb] += n
		st.Origins[origin] += n
		st.States[document.State(state).String()] += n
	}
	return st, rows.Err()
}

// Content is stored as "t" + text when it has no code, "j" + JSON
// otherwise; a source equal to its key is stored as "".

type codeJSON struct {
	ID   string `json:"i"`
	Kind int    `json:"k"`
	Type string `json:"y,omitempty"`
	Data string `json:"d,omitempty"`
	Disp string `json:"s,omitempty"`
}

type runJSON struct {
	Text string    `json:"t,omitempty"`
	Code *codeJSON `json:"c,omitempty"`
}

func encodeSource(c document.Content, key string) string {
	s := encode(c)
	if s == "t"+key {
		return ""
	}
	return s
}

func decodeSource(s, key string) (document.Content, error) {
	if s == "" {
		return document.Content{{Text: key}}, nil
	}
	return decode(s)
}

func encode(c document.Content) string {
	plain := true
	for _, r := range c {
		if r.Code != nil {
			plain = false
			break
		}
	}
	if plain {
		return "t" + c.Plain()
	}
	rs := make([]runJSON, 0, len(c))
	for _, r := range c {
		if r.Code == nil {
			if r.Text != "" {
				rs = append(rs, runJSON{Text: r.Text})
			}
			continue
		}
		rs = append(rs, runJSON{Code: &codeJSON{ID: r.Code.ID, Kind: int(r.Code.Kind), Type: r.Code.Type, Data: r.Code.Data, Disp: r.Code.Disp}})
	}
	b, _ := json.Marshal(rs)
	return "j" + string(b)
}

func decode(s string) (document.Content, error) {
	if s == "" {
		return document.Content{}, nil
	}
	switch s[0] {
	case 't':
		if len(s) == 1 {
			return document.Content{}, nil
		}
		return document.Content{{Text: s[1:]}}, nil
	case 'j':
		var rs []runJSON
		if err := json.Unmarshal([]byte(s[1:]), &rs); err != nil {
			return nil, fmt.Errorf("stored content: %w", err)
		}
		out := make(document.Content, 0, len(rs))
		for _, r := range rs {
			if r.Code == nil {
				out = append(out, document.Run{Text: r.Text})
				continue
			}
			out = append(out, document.Run{Code: &document.Code{ID: r.Code.ID, Kind: document.CodeKind(r.Code.Kind), Type: r.Code.Type, Data: r.Code.Data, Disp: r.Code.Disp}})
		}
		return out, nil
	}
	return nil, fmt.Errorf("stored content: unknown form %q", s[:1])
}

func encodeProps(ps []memory.Prop) string {
	if len(ps) == 0 {
		return ""
	}
	out := make([][2]string, len(ps))
	for i, p := range ps {
		out[i] = [2]string{p.Type, p.Value}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func encodeNotes(ns []string) string {
	if len(ns) == 0 {
		return ""
	}
	b, _ := json.Marshal(ns)
	return string(b)
}
