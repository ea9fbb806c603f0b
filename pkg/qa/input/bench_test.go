package input

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/qa"
)

// BenchmarkCheck1000 checks a batch of 1,000 articles (the five articles of
// testdata, 200 times each, against their correct English translations):
// reading, extraction, segmentation, alignment and every check, as
// `relais check --source --target` does. One op is the whole batch.
func BenchmarkCheck1000(b *testing.B) {
	root := testenv.ModuleRoot(b)
	src, tgt := b.TempDir(), b.TempDir()
	names := []string{"agenda-urbain-bilan-fr.txt", "conference-malines.md", "forum-maires-geneve-fr.txt", "vague-action-cglu.md", "villes-et-migrations-2017.md"}
	for i := range 200 {
		for _, n := range names {
			s, err := os.ReadFile(filepath.Join(root, "testdata", "articles", n))
			require.NoError(b, err)
			t, err := os.ReadFile(filepath.Join(root, "testdata", "check", "good", "en", n))
			require.NoError(b, err)
			name := fmt.Sprintf("%03d-%s", i, n)
			require.NoError(b, os.WriteFile(filepath.Join(src, name), s, 0o644))
			require.NoError(b, os.WriteFile(filepath.Join(tgt, name), t, 0o644))
		}
	}
	l, tb := newLoader(b), termbase(b)
	b.ResetTimer()
	for range b.N {
		files, err := l.Pairs(src, tgt, language.English)
		require.NoError(b, err)
		rep := qa.New(qa.Options{Termbase: tb, Jobs: 2}).Run(files)
		if len(rep.Files) != 1000 || len(rep.Findings) != 0 {
			b.Fatalf("%d files, %d findings", len(rep.Files), len(rep.Findings))
		}
	}
}
