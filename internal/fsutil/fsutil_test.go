package fsutil

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSafeJoin(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "en"), 0o755))
	require.NoError(t, os.Symlink(outside, filepath.Join(root, "es")))
	require.NoError(t, os.Symlink(filepath.Join(root, "en"), filepath.Join(root, "fr")))

	ok := []string{"en/a.md", "en/new/b.md", "de/c.txt", "fr/d.md", "./en/../en/e.md"}
	for _, rel := range ok {
		p, err := SafeJoin(root, rel)
		require.NoError(t, err, rel)
		assert.True(t, within(root, p), p)
	}
	bad := []string{"../x.md", "en/../../x.md", "/etc/passwd", "es/a.md", "es/sub/a.md"}
	for _, rel := range bad {
		_, err := SafeJoin(root, rel)
		assert.ErrorIs(t, err, ErrOutside, rel)
	}
	_, err := SafeJoin(filepath.Join(root, "missing"), "en/a.md")
	assert.NoError(t, err, "a root that does not exist yet is fine")
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a", "b.md")
	require.NoError(t, WriteFileAtomic(p, []byte("un"), 0o644))
	require.NoError(t, WriteFileAtomic(p, []byte("deux"), 0o644))
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "deux", string(got))
	entries, err := os.ReadDir(filepath.Dir(p))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.tmx")
	require.NoError(t, WriteAtomic(p, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, "un")
		return err
	}))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())

	boom := errors.New("database is locked")
	err = WriteAtomic(p, 0o644, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return boom
	})
	assert.ErrorIs(t, err, boom)
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "un", string(got), "a failed write leaves the file as it was")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")

	err = WriteAtomic(filepath.Join(dir, "missing", "b.tmx"), 0o644, func(io.Writer) error { return nil })
	assert.ErrorIs(t, err, fs.ErrNotExist, "the folder must exist")
}

func TestPathErr(t *testing.T) {
	dir := t.TempDir()
	_, openErr := os.Open(filepath.Join(dir, "absent.md"))
	require.Error(t, openErr)
	other := errors.New("binary file")
	cases := []struct {
		name string
		err  error
		want string
	}{
		{name: "path error", err: openErr, want: "a.md: no such file or directory"},
		{name: "wrapped path error", err: fmt.Errorf("read: %w", openErr), want: "a.md: no such file or directory"},
		{name: "other error", err: other, want: "a.md: binary file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := PathErr("a.md", tc.err)
			assert.EqualError(t, err, tc.want)
			assert.True(t, errors.Is(err, fs.ErrNotExist) == errors.Is(tc.err, fs.ErrNotExist), "the cause is kept")
		})
	}
	assert.NoError(t, PathErr("a.md", nil))
}

func TestStageStream(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out", "report.html")
	big := make([]byte, 600<<10) // more than the buffer holds
	for i := range big {
		big[i] = 'a' + byte(i%26)
	}
	s, err := StageStream(p, 0o644, func(w io.Writer) error {
		_, err := w.Write(big)
		return err
	})
	require.NoError(t, err)
	require.NoError(t, SyncStaged([]*Staged{s}))
	require.NoError(t, s.Commit())
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, big, got, "written whole, the buffer flushed")

	boom := errors.New("template failed")
	_, err = StageStream(p, 0o644, func(w io.Writer) error {
		_, _ = w.Write(big) // past the buffer: on disk already
		return boom
	})
	assert.ErrorIs(t, err, boom)
	entries, err := os.ReadDir(filepath.Dir(p))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing left staged after a failed write")
}
