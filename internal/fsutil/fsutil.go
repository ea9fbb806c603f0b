package fsutil

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutside is returned by SafeJoin when a path would land outside its root.
var ErrOutside = errors.New("path escapes the output folder")

// SafeJoin joins the slash path rel to root and returns the result, or an
// error wrapping ErrOutside when rel is absolute, climbs out with "..", or
// when an existing folder on the way (root itself excepted) is a symbolic
// link that leads outside root.
func SafeJoin(root, rel string) (string, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) || filepath.VolumeName(clean) != "" {
		return "", fmt.Errorf("%s: %w %s", rel, ErrOutside, root)
	}
	joined := filepath.Join(root, clean)
	realRoot, err := filepath.EvalSymlinks(root)
	if errors.Is(err, os.ErrNotExist) {
		return joined, nil // nothing exists yet, nothing can lead elsewhere
	}
	if err != nil {
		return "", err
	}
	// Resolve the deepest folder on the way that exists.
	dir := filepath.Dir(joined)
	for {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			if !within(realRoot, real) {
				return "", fmt.Errorf("%s: %w %s (%s leads to %s)", rel, ErrOutside, root, dir, real)
			}
			break
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		dir = filepath.Dir(dir)
	}
	if fi, err := os.Lstat(joined); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return "", fmt.Errorf("%s: %w %s (the file is a symbolic link)", rel, ErrOutside, root)
	}
	return joined, nil
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder, synced and renamed over path, so that a reader sees the old file
// or the new one and never a part. Missing folders are created.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	st, err := Stage(path, data, perm)
	if err != nil {
		return err
	}
	return st.Commit()
}

// WriteAtomic writes path as WriteFileAtomic does, for content too large
// to hold in memory: write is handed the temporary file and streams the
// content into it. When write or any later step fails, the temporary file
// is removed and path is left as it was. The folder must exist.
func WriteAtomic(path string, perm os.FileMode, write func(io.Writer) error) error {
	st, err := stage(path, perm, write)
	if err != nil {
		return err
	}
	return st.Commit()
}

// Hash returns the hex SHA-256 of data: how relais recognizes a file it
// wrote.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// PathErr returns err as "path: cause", where cause is the error inside
// err's *fs.PathError (so that the operation and the path it repeats are
// left out: "a.md: no such file or directory"), or err itself when it holds
// none. The result wraps cause, so errors.Is(err, fs.ErrNotExist) still
// holds. It returns nil for a nil err.
func PathErr(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}
