package qa

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadBaseline(t *testing.T) {
	dir := t.TempDir()

	b, err := LoadBaseline(filepath.Join(dir, "absent.json"))
	require.NoError(t, err, "no baseline yet is not an error")
	assert.Nil(t, b)

	rep := sample(t)
	var buf bytes.Buffer
	require.NoError(t, WriteBaseline(&buf, rep.Findings))
	p := filepath.Join(dir, "baseline.json")
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	b, err = LoadBaseline(p)
	require.NoError(t, err)
	assert.Equal(t, len(rep.Findings), b.Len())
	b.Filter(rep)
	assert.Empty(t, rep.Findings)

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"version": 9, "findings": []}`), 0o644))
	_, err = LoadBaseline(bad)
	assert.EqualError(t, err, bad+": baseline version 9, want 1 (write it again with relais check --write-baseline)")

	_, err = LoadBaseline(dir)
	assert.ErrorContains(t, err, "baseline: read "+dir+": is a directory", "an unreadable file is an error")
}
