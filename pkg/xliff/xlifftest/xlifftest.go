// Package xlifftest edits XLIFF files as a reviewer would, for the tests
// of what reads reviewed files back (review import, the pipeline's
// review stage).
package xlifftest

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/xliff"
)

// EditSegments reads the XLIFF file at path, calls edit on each of its
// segments in document order (i counts them from 0; f is the whole file,
// for its languages), writes the file back in place and returns the
// number of segments. Ignorables are left as they are.
func EditSegments(t testing.TB, path string, edit func(i int, f *xliff.File, p *xliff.Part)) int {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	f, err := xliff.Read(path, bytes.NewReader(data))
	require.NoError(t, err)
	n := 0
	for ui := range f.Units {
		for pi := range f.Units[ui].Parts {
			p := &f.Units[ui].Parts[pi]
			if p.Kind != xliff.Segment {
				continue
			}
			edit(n, f, p)
			n++
		}
	}
	var buf bytes.Buffer
	require.NoError(t, xliff.Write(&buf, f))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return n
}
