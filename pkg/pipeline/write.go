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

// write writes the batch: each file's drafts and XLIFF files, atomically,
// except those a person changed since relais wrote them (or that relais
// never wrote), which it keeps and reports; then the reports; then the
// manifest. Jobs files are written at once. When ctx is done or a write
// fails it starts no other file, lets the files under way finish, and
// saves the manifest whatever stopped it, with every file written, so
// that the next run takes them for relais's own.
func (p *Pipeline) write(ctx context.Context, out string, m manifest, res *Result, work []fileWork) (err error) {
	if m.Sources == nil {
		m.Sources = map[string]sourceRecord{}
	}
	total := 0
	for _, w := range work {
		total += len(w.outs)
	}
	wr := &writer{m: m, tick: p.ticker("write", total)}
	defer func() {
		if !wr.dirty {
			return
		}
		if serr := saveManifest(out, m); serr != nil {
			err = errors.Join(err, serr)
		}
	}()
	kept := make([][]string, len(work)) // per file: the outputs kept as a person left them
	errs := make([]error, len(work))
	var failed atomic.Bool
	slots := make(chan struct{}, p.jobs())
	var wg sync.WaitGroup
	for fi := range work {
		slots <- struct{}{}
		if ctx.Err() != nil || failed.Load() {
			<-slots
			break
		}
		wg.Go(func() {
			defer func() { <-slots }()
			kept[fi], errs[fi] = wr.file(&res.Files[fi], work[fi].outs)
			if errs[fi] != nil {
				failed.Store(true)
			}
		})
	}
	wg.Wait()
	for _, paths := range kept {
		for _, path := range paths {
			p.warn(fmt.Sprintf("%s: changed since relais wrote it (or not written by relais): kept as it is; move it away to get a fresh draft", path))
		}
	}
	if err := errors.Join(errs...); err != nil {
		for _, err := range errs {
			if err != nil {
				return err // the first in path order
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res.Report = p.batch(res, p.now())
	return p.writeReports(out, res.Report)
}

// writer writes the files of a batch and keeps its manifest up to date. It
// is safe for concurrent use.
type writer struct {
	tick func(rel string)

	mu    sync.Mutex
	m     manifest
	dirty bool // m holds something to save
}

// file writes one source file's outputs, then records the source in the
// manifest and which drafts were kept in fr. It returns the paths of the
// outputs it kept, and stops at the first write that fails.
func (w *writer) file(fr *FileResult, outs []output) (kept []string, err error) {
	for _, o := range outs {
		if w.edited(o) {
			kept = append(kept, o.path)
			w.tick(o.rel)
			continue
		}
		if err := fsutil.WriteFileAtomic(o.path, o.data, 0o644); err != nil {
			return kept, fmt.Errorf("write %s: %w", o.path, err)
		}
		w.mu.Lock()
		w.m.Files[o.rel], w.dirty = fsutil.Hash(o.data), true
		w.mu.Unlock()
		w.tick(o.rel)
	}
	w.mu.Lock()
	w.m.Sources[fr.Path], w.dirty = record(*fr), true
	w.mu.Unlock()
	for li := range fr.Langs {
		fr.Langs[li].Kept = slices.Contains(kept, fr.Langs[li].Draft)
	}
	return kept, nil
}

// edited reports whether the file at o's place is not what relais last
// wrote there: a person's edit, or a file relais never wrote.
func (w *writer) edited(o output) bool {
	old, err := os.ReadFile(o.path)
	if err != nil {
		return false
	}
	w.mu.Lock()
	h, ok := w.m.Files[o.rel]
	w.mu.Unlock()
	return !ok || h != fsutil.Hash(old)
}

// saveManifest writes m into the output folder, atomically.
func saveManifest(out string, m manifest) error {
	data, err := json.MarshalIndent(m, "", "  ") // map keys come out sorted
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(filepath.Join(out, ManifestName), append(data, '\n'), 0o644)
}
