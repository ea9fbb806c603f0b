package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/leverage"
)

// ManifestName is the file, in the output folder, where relais records the
// hash of every file it wrote.
const ManifestName = ".relais-manifest.json"

// manifest maps a slash path inside the output folder to the SHA-256 of the
// bytes relais wrote there, and records the sources it translated: by
// slash path inside the batch, the SHA-256 of the file and a hash of each
// segment's source, so that the next batch can tell new, changed and
// unchanged segments. Manifests written before Sources existed have none.
type manifest struct {
	Version int                     `json:"version"`
	Files   map[string]string       `json:"files"`
	Sources map[string]sourceRecord `json:"sources,omitempty"`
}

// sourceRecord is what the manifest keeps of one source file.
type sourceRecord struct {
	Hash     string   `json:"hash"`     // SHA-256 of the file's bytes
	Segments []string `json:"segments"` // per segment, in order: the first 16 hex digits of the SHA-256 of its key
}

// segmentHash is the hash a sourceRecord keeps of a segment's source.
func segmentHash(c document.Content) string { return fsutil.Hash([]byte(c.Key()))[:16] }

// markChanges sets the Change of fr and of its items from what m recorded
// of the previous batch.
func markChanges(fr *FileResult, m manifest) {
	if m.Sources == nil {
		return
	}
	rec, ok := m.Sources[fr.Path]
	cur := make([]string, len(fr.Items))
	for i, it := range fr.Items {
		cur[i] = segmentHash(it.Source)
	}
	switch {
	case !ok:
		fr.Change = leverage.New
	case rec.Hash == fr.Hash:
		fr.Change = leverage.Unchanged
	default:
		fr.Change = leverage.Changed
	}
	for i, c := range leverage.SegmentChanges(rec.Segments, cur) {
		fr.Items[i].Change = c
	}
}

// record returns what the manifest keeps of fr.
func record(fr FileResult) sourceRecord {
	r := sourceRecord{Hash: fr.Hash, Segments: make([]string, len(fr.Items))}
	for i, it := range fr.Items {
		r.Segments[i] = segmentHash(it.Source)
	}
	return r
}

func readManifest(out string) (manifest, error) {
	m := manifest{Version: 1, Files: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("%s: %w (delete it to start afresh: relais will then keep every existing draft)", filepath.Join(out, ManifestName), err)
	}
	if m.Files == nil {
		m.Files = map[string]string{}
	}
	return m, nil
}

// write writes the batch: each file's drafts and XLIFF files, except those
// a person changed since relais wrote them (or that relais never wrote),
// which it keeps and reports; then the reports; then the manifest.
//
// The files are first staged, Jobs source files at a time: written in
// full beside their places, where nobody reads them. A batch stopped then
// (ctx done, a write failing) removes them and writes nothing. One sync of
// the disk makes them all durable; then each is renamed into place, source
// file by source file in path order. A stop during the renames starts no
// other source file, and the manifest is saved whatever stops the loop,
// with every file put in place, so that the next run takes them for
// relais's own.
func (p *Pipeline) write(ctx context.Context, out string, m manifest, res *Result, work []fileWork) (err error) {
	if m.Sources == nil {
		m.Sources = map[string]sourceRecord{}
	}
	staged, kept, err := p.stage(ctx, m, work)
	defer func() {
		for _, st := range staged {
			for _, s := range st {
				if s != nil {
					s.Discard() // nothing to do once committed
				}
			}
		}
	}()
	if err != nil {
		return err
	}
	var all []*fsutil.Staged
	for _, st := range staged {
		for _, s := range st {
			if s != nil {
				all = append(all, s)
			}
		}
	}
	if err := fsutil.SyncStaged(all); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	dirty := false
	defer func() {
		if dirty {
			err = errors.Join(err, saveManifest(out, m))
		}
	}()
	total := 0
	for _, w := range work {
		total += len(w.outs)
	}
	tick := p.ticker("write", total)
	for fi, w := range work {
		if err := ctx.Err(); err != nil {
			return err
		}
		fr := &res.Files[fi]
		for oi, o := range w.outs {
			if s := staged[fi][oi]; s != nil {
				if err := s.Commit(); err != nil {
					return fmt.Errorf("write %s: %w", o.path, err)
				}
				m.Files[o.rel], dirty = fsutil.Hash(o.data), true
			}
			tick(o.rel)
		}
		m.Sources[fr.Path], dirty = record(*fr), true
		for li := range fr.Langs {
			fr.Langs[li].Kept = slices.Contains(kept[fi], fr.Langs[li].Draft)
		}
	}
	for _, paths := range kept {
		for _, path := range paths {
			p.warn(fmt.Sprintf("%s: changed since relais wrote it (or not written by relais): kept as it is; move it away to get a fresh draft", path))
		}
	}
	res.Report = p.batch(res, p.now())
	return p.writeReports(out, res.Report)
}

// stage writes every output that is to be replaced to a temporary file
// beside its place, Jobs source files at a time. staged[i][j] is output j
// of file i, nil when the file there is kept; kept[i] lists the paths of
// file i that a person edited. It returns the first error in path order,
// or ctx's, having removed what it staged.
func (p *Pipeline) stage(ctx context.Context, m manifest, work []fileWork) (staged [][]*fsutil.Staged, kept [][]string, err error) {
	staged, kept = make([][]*fsutil.Staged, len(work)), make([][]string, len(work))
	errs := make([]error, len(work))
	var failed atomic.Bool
	slots := make(chan struct{}, p.jobs())
	var wg sync.WaitGroup
	var dirs listings
	for fi, w := range work {
		slots <- struct{}{}
		if ctx.Err() != nil || failed.Load() {
			<-slots
			break
		}
		wg.Go(func() {
			defer func() { <-slots }()
			staged[fi] = make([]*fsutil.Staged, len(w.outs))
			for oi, o := range w.outs {
				if edited(m, &dirs, o) {
					kept[fi] = append(kept[fi], o.path)
					continue
				}
				s, err := fsutil.Stage(o.path, o.data, 0o644)
				if err != nil {
					errs[fi] = fmt.Errorf("write %s: %w", o.path, err)
					failed.Store(true)
					return
				}
				staged[fi][oi] = s
			}
		})
	}
	wg.Wait()
	err = ctx.Err()
	for _, e := range errs {
		if e != nil {
			err = e // the first in path order
			break
		}
	}
	return staged, kept, err
}

// edited reports whether the file at o's place is not what relais last
// wrote there (m records it): a person's edit, or a file relais never
// wrote. dirs tells whether the file exists without opening it.
func edited(m manifest, dirs *listings, o output) bool {
	if !dirs.has(o.path) {
		return false
	}
	old, err := os.ReadFile(o.path)
	if err != nil {
		return false
	}
	h, ok := m.Files[o.rel]
	return !ok || h != fsutil.Hash(old)
}

// listings holds the names in the output folders, each folder read once:
// on a first batch none of its thousands of outputs exists yet, and
// asking the disk for each costs more than listing its folder. It is safe
// for concurrent use.
type listings struct {
	mu    sync.Mutex
	names map[string]map[string]bool // by folder; nil: the folder does not exist
}

// has reports whether path's folder held path's name when first listed.
func (l *listings) has(path string) bool {
	dir, name := filepath.Split(path)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.names == nil {
		l.names = map[string]map[string]bool{}
	}
	names, ok := l.names[dir]
	if !ok {
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return true // cannot tell: let the caller read the file
		}
		if err == nil {
			names = make(map[string]bool, len(entries))
			for _, e := range entries {
				names[e.Name()] = true
			}
		}
		l.names[dir] = names
	}
	return names[name]
}

// saveManifest writes m into the output folder, atomically.
func saveManifest(out string, m manifest) error {
	data, err := json.MarshalIndent(m, "", "  ") // map keys come out sorted
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(filepath.Join(out, ManifestName), append(data, '\n'), 0o644)
}
