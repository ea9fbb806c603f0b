package pipeline

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/relais-tm/relais/internal/fsutil"
)

// JournalName is the file, in the output folder, where a batch records
// each source file whose outputs it has staged (written in full to hidden
// temporary files, not yet in place). A batch that does not finish (killed,
// interrupted, out of time) leaves it behind with the staged files; the
// next batch with the same settings resumes from it: a source file
// recorded there, unchanged since, is not translated again, its staged
// XLIFF files being read as the earlier run's (see earlier). A batch that
// finishes removes the journal and every staged file it did not use.
const JournalName = ".relais-journal"

// journalEntry is one line of the journal: a source file's staged outputs.
type journalEntry struct {
	Source   string          `json:"source"`   // slash path inside the batch
	Hash     string          `json:"hash"`     // SHA-256 of the source file
	Settings string          `json:"settings"` // Inputs.Settings of the batch
	Outputs  []journalOutput `json:"outputs"`
}

// journalOutput is one staged output of a journal entry.
type journalOutput struct {
	Rel  string `json:"rel"`  // its place: slash path inside the output folder
	Temp string `json:"temp"` // the staged file: slash path inside the output folder
	Hash string `json:"hash"` // SHA-256 of its data
}

// journal is the output folder's journal: what an unfinished batch left
// (earlier, by source path) and this batch's own record. It is safe for
// concurrent use.
type journal struct {
	out     string
	earlier map[string]journalEntry
	mu      sync.Mutex
	f       *os.File
}

// openJournal reads the journal an unfinished batch left in out, if any,
// and opens it for this batch's records. A line cut short by a kill is
// ignored.
func openJournal(out string) (*journal, error) {
	j := &journal{out: out, earlier: map[string]journalEntry{}}
	path := filepath.Join(out, JournalName)
	if f, err := os.Open(path); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for sc.Scan() {
			var e journalEntry
			if json.Unmarshal(sc.Bytes(), &e) == nil && e.Source != "" {
				j.earlier[e.Source] = e
			}
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	j.f = f
	return j, nil
}

// record adds a source file's staged outputs to the journal. The line is
// written whole in one call, so that a kill leaves at most the last one
// cut short.
func (j *journal) record(source, hash, settings string, staged []*fsutil.Staged, outs []output) error {
	if j == nil {
		return nil
	}
	e := journalEntry{Source: source, Hash: hash, Settings: settings}
	for i, s := range staged {
		if s == nil {
			continue
		}
		tmp, err := filepath.Rel(j.out, s.Temp())
		if err != nil {
			return err
		}
		e.Outputs = append(e.Outputs, journalOutput{Rel: outs[i].rel, Temp: filepath.ToSlash(tmp), Hash: outs[i].hash})
	}
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	_, err = j.f.Write(append(line, '\n'))
	return err
}

// staged returns the staged file an unfinished batch left for the output
// rel of the source file source, when that batch had the same settings,
// the source is unchanged (hash) and the staged file still holds what was
// recorded.
func (j *journal) staged(source, hash, settings, rel string) (string, bool) {
	if j == nil {
		return "", false
	}
	e, ok := j.earlier[source]
	if !ok || e.Hash != hash || e.Settings != settings {
		return "", false
	}
	for _, o := range e.Outputs {
		if o.Rel != rel {
			continue
		}
		path := filepath.Join(j.out, filepath.FromSlash(o.Temp))
		data, err := os.ReadFile(path)
		if err != nil || fsutil.Hash(data) != o.Hash {
			return "", false
		}
		return path, true
	}
	return "", false
}

// finish closes the journal of a batch that put its files in place and
// removes it, with the files unfinished batches staged and nobody put in
// place: those the journal names, and any other temporary file of this
// batch's outputs (a kill while staging leaves one unnamed).
func (j *journal) finish(work []fileWork) error {
	if j == nil {
		return nil
	}
	err := j.f.Close()
	for _, e := range j.earlier {
		for _, o := range e.Outputs {
			os.Remove(filepath.Join(j.out, filepath.FromSlash(o.Temp)))
		}
	}
	bases := map[string]map[string]bool{} // output names by folder
	for _, w := range work {
		for _, o := range w.outs {
			dir, base := filepath.Split(o.path)
			if bases[dir] == nil {
				bases[dir] = map[string]bool{}
			}
			bases[dir][base] = true
		}
	}
	for dir, names := range bases {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			for base := range names {
				if fsutil.IsTemp(e.Name(), base) {
					os.Remove(filepath.Join(dir, e.Name()))
					break
				}
			}
		}
	}
	if rerr := os.Remove(filepath.Join(j.out, JournalName)); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		err = errors.Join(err, rerr)
	}
	return err
}
