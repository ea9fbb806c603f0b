package input

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/qa"
)

// markupChecker runs the markup check alone.
func markupChecker() *qa.Checker {
	for _, c := range qa.Checks() {
		if c.ID() == "markup" {
			return qa.New(qa.Options{Checks: []qa.Check{c}})
		}
	}
	panic("no markup check")
}

// TestMarkupInjected runs the markup check on the injected set of
// ../testdata/markup: page.en.md, a correct translation of page.fr.md,
// gives no finding; each draft of bad/ (page.en.md with one breakage)
// gives the one finding key.txt names, at its line and column.
func TestMarkupInjected(t *testing.T) {
	dir := filepath.Join("..", "testdata", "markup")
	l := newLoader(t)
	src := filepath.Join(dir, "page.fr.md")
	check := func(t *testing.T, tgt string) []string {
		files, err := l.Pairs(src, tgt, language.English)
		require.NoError(t, err)
		var got []string
		for _, f := range markupChecker().Run(files).Findings {
			got = append(got, f.At.String()[len(filepath.ToSlash(tgt))+1:]+" "+f.Message)
		}
		return got
	}
	assert.Empty(t, check(t, filepath.Join(dir, "page.en.md")), "correct translation")

	key, err := os.Open(filepath.Join(dir, "key.txt"))
	require.NoError(t, err)
	defer key.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(key)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		require.GreaterOrEqual(t, len(f), 3, "key line %q: want NAME LINE:COL MESSAGE-START", sc.Text())
		name, at, msg := f[0], f[1], strings.Join(f[2:], " ")
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			got := check(t, filepath.Join(dir, "bad", name+".md"))
			require.Len(t, got, 1, "%q", got)
			assert.True(t, strings.HasPrefix(got[0], at+" "+msg), "got %q, want %s %s…", got[0], at, msg)
		})
	}
	require.NoError(t, sc.Err())
	drafts, err := filepath.Glob(filepath.Join(dir, "bad", "*.md"))
	require.NoError(t, err)
	for _, d := range drafts {
		assert.True(t, seen[strings.TrimSuffix(filepath.Base(d), ".md")], "%s is not in key.txt", d)
	}
}

// TestMarkupCorpusPairs: every Markdown or MDX file of ../shared/corpus paired
// with itself through Pairs, as relais check --source F --target F reads
// it, gives no markup finding.
func TestMarkupCorpusPairs(t *testing.T) {
	dir := testenv.Shared(t, "corpus")
	l := newLoader(t)
	n := 0
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		ext := strings.ToLower(filepath.Ext(p))
		if err != nil || d.IsDir() || (ext != ".md" && ext != ".mdx") {
			return err
		}
		n++
		files, err := l.Pairs(p, p, language.English)
		require.NoError(t, err)
		assert.Empty(t, markupChecker().Run(files).Findings, p)
		return nil
	}))
	assert.Positive(t, n)
}
