package markdown

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// TestGolden compares the extraction of each project article with
// testdata/NAME.golden (go test -run TestGolden -update rewrites them; read
// the diff before committing).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testenv.ModuleRoot(t), "testdata", "articles", "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	c := New()
	for _, p := range files {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			doc, err := c.Extract("articles/"+name, readFile(t, p))
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, document.Dump(&buf, doc))
			testenv.Golden(t, filepath.Join("testdata", strings.TrimSuffix(name, ".md")+".golden"), buf.Bytes())
		})
	}
}
