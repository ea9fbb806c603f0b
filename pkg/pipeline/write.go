package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/report"
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
	Hash     string   `json:"hash"`               // SHA-256 of the file's bytes
	Settings string   `json:"settings,omitempty"` // Inputs.Settings of the batch that wrote it
	Segments []string `json:"segments"`           // per segment, in order: the first 16 hex digits of the SHA-256 of its key
}

// segmentHashes returns the hashes a sourceRecord keeps of segments'
// sources, from their keys.
func segmentHashes(keys []string) []string {
	hs := make([]string, len(keys))
	for i, k := range keys {
		hs[i] = fsutil.Hash([]byte(k))[:16]
	}
	return hs
}

// markChanges sets the Change of fr and of its items from what m recorded
// of the previous batch; hashes are those of fr's segments.
func markChanges(fr *FileResult, m manifest, hashes []string) {
	if m.Sources == nil {
		return
	}
	rec, ok := m.Sources[fr.Path]
	switch {
	case !ok:
		fr.Change = leverage.New
	case rec.Hash == fr.Hash:
		fr.Change = leverage.Unchanged
	default:
		fr.Change = leverage.Changed
	}
	for i, c := range leverage.SegmentChanges(rec.Segments, hashes) {
		fr.Items[i].Change = c
	}
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

// write puts the batch in place: each file's drafts and XLIFF files,
// staged while the file was translated (see stager), then the reports,
// rendered and staged while those are renamed, then the manifest. Files a person changed since relais wrote them (or
// that relais never wrote) were not staged: they are kept and reported.
//
// One sync of the disk makes every staged file durable; then each is
// renamed into place, source file by source file in path order. A stop
// during the renames starts no other source file, and the manifest is
// saved whatever stops the loop, with every file put in place, so that the
// next run takes them for relais's own. What is staged and not put in
// place is removed.
func (p *Pipeline) write(ctx context.Context, out string, m manifest, res *Result, work []fileWork, part *report.Part) (err error) {
	defer discard(work)
	if m.Sources == nil {
		m.Sources = map[string]sourceRecord{}
	}
	var all []*fsutil.Staged
	for _, w := range work {
		for _, s := range w.staged {
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

	// The reports are rendered and staged while the files are put in
	// place; they go in place after them.
	files, now := reportFiles(work), p.now()
	var partData []byte
	if part != nil {
		// Before the checks' findings join the drafts: the part keeps
		// them apart.
		if partData, err = p.marshalPart(part, res, files, now); err != nil {
			return err
		}
	}
	res.Report = p.batch(res, files, now)
	reportPages := pages(res.Report, p.jobs())
	if part != nil {
		reportPages = append(reportPages, page{PartName, func(w io.Writer) error {
			_, err := w.Write(partData)
			return err
		}})
	}
	var reports []*fsutil.Staged
	var reportsErr error
	rendered := make(chan struct{})
	go func() {
		defer close(rendered)
		reports, reportsErr = stageReports(out, reportPages, p.jobs())
	}()
	defer func() {
		<-rendered
		discardStaged(reports) // those not put in place
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
			if s := w.staged[oi]; s != nil {
				if err := s.Commit(); err != nil {
					return fmt.Errorf("write %s: %w", o.path, err)
				}
				m.Files[o.rel], dirty = o.hash, true
			}
			tick(o.rel)
		}
		m.Sources[fr.Path], dirty = w.record, true
		for li := range fr.Langs {
			fr.Langs[li].Kept = slices.Contains(w.kept, fr.Langs[li].Draft)
		}
	}
	for _, w := range work {
		for _, path := range w.kept {
			p.warn(fmt.Sprintf("%s: changed since relais wrote it (or not written by relais): kept as it is; move it away to get a fresh draft", path))
		}
	}
	<-rendered
	if reportsErr != nil {
		return reportsErr
	}
	return commitReports(out, reports)
}

// discard removes what work staged and did not put in place.
func discard(work []fileWork) {
	for _, w := range work {
		for _, s := range w.staged {
			if s != nil {
				s.Discard()
			}
		}
	}
}

// stager writes a batch's outputs to temporary files beside their places
// as soon as each source file is translated, so that the disk works while
// the next files are: temporary files are hidden, and nobody reads them
// until write renames them. It is safe for concurrent use.
type stager struct {
	m    manifest // of the output folder, as the batch found it
	dirs listings
}

// stage stages outs, except those a person edited (kept lists their
// paths). staged[i] is output i, nil when kept. After an error nothing of
// outs is left staged.
func (st *stager) stage(outs []output) (staged []*fsutil.Staged, kept []string, err error) {
	staged = make([]*fsutil.Staged, len(outs))
	for i, o := range outs {
		if !o.merged && edited(st.m, &st.dirs, o) {
			kept = append(kept, o.path)
			continue
		}
		if staged[i], err = fsutil.Stage(o.path, o.data, 0o644); err != nil {
			discard([]fileWork{{staged: staged}})
			return nil, nil, fmt.Errorf("write %s: %w", o.path, err)
		}
	}
	return staged, kept, nil
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
