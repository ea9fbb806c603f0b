package xliff

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
)

// TestWriteGolden writes the every-code article and compares it with the
// reviewed golden file; the output must also validate and read back.
func TestWriteGolden(t *testing.T) {
	f := everyCodeFile(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, f))
	testenv.Golden(t, filepath.Join("testdata", "every-code.golden"), b.Bytes())

	assert.Empty(t, Validate("every-code.xlf", bytes.NewReader(b.Bytes())))
	g, err := Read("every-code.xlf", bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, f, g)
}

// TestWriteGoldenMatches writes the every-code article with translation
// candidates (<mtc:matches> first in their units, each match with its own
// <originalData>) and compares it with the reviewed golden file; the output
// must also validate and read back, matches included.
func TestWriteGoldenMatches(t *testing.T) {
	f := everyCodeFileWithMatches(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, f))
	testenv.Golden(t, filepath.Join("testdata", "every-code-matches.golden"), b.Bytes())

	assert.Empty(t, Validate("every-code-matches.xlf", bytes.NewReader(b.Bytes())))
	g, err := Read("every-code-matches.xlf", bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, f, g)
}
