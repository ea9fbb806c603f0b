package fsutil

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// Staged is a file written in full to a temporary file beside its place,
// not yet in place: Commit makes it durable and puts it there, Discard
// removes it. A batch stages all its files (in parallel if it likes), makes
// them durable at once with SyncStaged, then puts them in place in its own
// order: one flush of the disk instead of one per file, and a reader of the
// folder still sees each file whole or not at all.
type Staged struct {
	path, tmp string
	synced    bool // the data is on disk (SyncStaged, or Commit's own fsync)
	done      bool // committed or discarded: nothing left to remove
}

// Stage writes data to a temporary file in path's folder (created if
// missing), with permissions perm. The temporary file's name starts with
// a dot, so that folder walks that skip hidden files skip it.
func Stage(path string, data []byte, perm os.FileMode) (*Staged, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return stage(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// StageStream is Stage for what write writes, through a buffer: a file
// too large to hold twice in memory goes to its temporary file as it is
// made. After an error from write, nothing is left staged.
func StageStream(path string, perm os.FileMode, write func(io.Writer) error) (*Staged, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return stage(path, perm, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// stage streams write into a temporary file in path's folder.
func stage(path string, perm os.FileMode, write func(io.Writer) error) (*Staged, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	err = write(f)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	return &Staged{path: path, tmp: f.Name()}, nil
}

// Path returns the place the file goes.
func (s *Staged) Path() string { return s.path }

// Temp returns the temporary file that holds the data until Commit.
func (s *Staged) Temp() string { return s.tmp }

// IsTemp reports whether name, a file name in a folder, is one Stage gives
// the temporary file of a file named base in that folder.
func IsTemp(name, base string) bool {
	prefix := "." + base + ".tmp-"
	return len(name) > len(prefix) && name[:len(prefix)] == prefix
}

// SyncStaged makes the data of every staged file durable, with one sync of
// the file system that holds them where the system has one (Linux); else
// each file is synced by its Commit.
func SyncStaged(staged []*Staged) error {
	if len(staged) == 0 {
		return nil
	}
	synced, err := syncFileSystem(staged[0].tmp)
	if err != nil || !synced {
		return err
	}
	for _, s := range staged {
		s.synced = true
	}
	return nil
}

// Commit renames the staged file over its place, after syncing it unless
// SyncStaged did. After an error the temporary file is removed.
func (s *Staged) Commit() error {
	err := error(nil)
	if !s.synced {
		err = syncFile(s.tmp)
	}
	if err == nil {
		err = os.Rename(s.tmp, s.path)
	}
	if err != nil {
		os.Remove(s.tmp)
	}
	s.done = true
	return err
}

// Discard removes the staged file, unless Commit or Discard already did;
// its place is left as it was.
func (s *Staged) Discard() error {
	if s.done {
		return nil
	}
	s.done = true
	err := os.Remove(s.tmp)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
