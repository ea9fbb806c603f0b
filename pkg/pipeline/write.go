package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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
// manifest. It stops before the next file when ctx is done or a write
// fails, and saves the manifest whatever stops it, with every file
// written so far, so that the next run takes them for relais's own.
func (p *Pipeline) write(ctx context.Context, out string, m manifest, res *Result, work []fileWork) (err error) {
	if m.Sources == nil {
		m.Sources = map[string]sourceRecord{}
	}
	dirty := false
	defer func() {
		if !dirty {
			return
		}
		if serr := saveManifest(out, m); serr != nil {
			err = errors.Join(err, serr)
		}
	}()
	total := 0
	for _, w := range work {
		total += len(w.outs)
	}
	tick := p.ticker("write", total)
	kept := map[string]bool{}
	for fi, w := range work {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, o := range w.outs {
			if old, err := os.ReadFile(o.path); err == nil {
				if h, ok := m.Files[o.rel]; !ok || h != fsutil.Hash(old) {
					kept[o.path] = true
					p.warn(fmt.Sprintf("%s: changed since relais wrote it (or not written by relais): kept as it is; move it away to get a fresh draft", o.path))
					tick(o.rel)
					continue
				}
			}
			if err := fsutil.WriteFileAtomic(o.path, o.data, 0o644); err != nil {
				return fmt.Errorf("write %s: %w", o.path, err)
			}
			m.Files[o.rel] = fsutil.Hash(o.data)
			dirty = true
			tick(o.rel)
		}
		fr := &res.Files[fi]
		m.Sources[fr.Path] = record(*fr)
		dirty = true
		for li := range fr.Langs {
			fr.Langs[li].Kept = kept[fr.Langs[li].Draft]
		}
	}
	res.Report = p.batch(res, p.now())
	return p.writeReports(out, res.Report)
}

// saveManifest writes m into the output folder, atomically.
func saveManifest(out string, m manifest) error {
	data, err := json.MarshalIndent(m, "", "  ") // map keys come out sorted
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(filepath.Join(out, ManifestName), append(data, '\n'), 0o644)
}
