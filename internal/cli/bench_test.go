package cli

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
)

// frenchPages copies the French pages of ../shared/corpus (markdown/ and
// sites/, as sites/PROVENANCE.tsv marks them) and the project's articles
// into a folder of their own, and returns it.
func frenchPages(b *testing.B) string {
	corpus := testenv.Shared(b, "corpus")
	src := filepath.Join(b.TempDir(), "pages")
	copyTo := func(from, rel string) {
		data, err := os.ReadFile(from)
		require.NoError(b, err)
		p := filepath.Join(src, rel)
		require.NoError(b, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(b, os.WriteFile(p, data, 0o644))
	}
	md := filepath.Join(corpus, "markdown")
	require.NoError(b, filepath.WalkDir(md, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(md, p)
		if strings.HasSuffix(p, ".fr.md") || strings.Contains(filepath.ToSlash(rel), "/fr/") && strings.HasSuffix(p, ".md") {
			copyTo(p, filepath.Join("markdown", rel))
		}
		return nil
	}))
	f, err := os.Open(filepath.Join(corpus, "sites", "PROVENANCE.tsv"))
	require.NoError(b, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) > 7 && cols[7] == "fr" {
			copyTo(filepath.Join(corpus, "sites", cols[0]), filepath.Join("sites", cols[0]))
		}
	}
	require.NoError(b, sc.Err())
	require.NoError(b, os.CopyFS(filepath.Join(src, "articles"), os.DirFS(filepath.Join(testenv.ModuleRoot(b), "testdata", "articles"))))
	return src
}

// BenchmarkRerunApertium is issue 15's measure of the machine translation
// cache: a batch of real pages translated with Apertium into a new memory,
// then again, unchanged, in the same process, into another output folder
// (another runner, a CI checkout without the earlier --out): the earlier
// XLIFF files are not there, so only the cache spares the engine. It
// reports both runs' times and the second's share of the first (rerun-%);
// the second must make no engine call.
//
//	go test -run '^$' -bench RerunApertium -benchtime 1x ./internal/cli
func BenchmarkRerunApertium(b *testing.B) {
	testenv.RequireTool(b, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	src := frenchPages(b)
	var first, rerun time.Duration
	for b.Loop() {
		dir := b.TempDir()
		translate := func(out string) (time.Duration, string) {
			args := []string{"translate", src, "--to", "en,es", "--mt", "apertium", "--progress", "never",
				"--memory", filepath.Join(dir, "memory.db"), "--out", filepath.Join(dir, out)}
			ios, _, _, stderr := iostreams.Test()
			start := time.Now()
			code := Run(context.Background(), args, ios, nil)
			took := time.Since(start)
			require.Equal(b, ExitOK, code, stderr.String())
			return took, stderr.String()
		}
		t1, _ := translate("out1")
		t2, errOut := translate("out2")
		require.Contains(b, errOut, "relais: engine: 0 call(s)", "an unchanged batch makes no engine call")
		first += t1
		rerun += t2
	}
	n := float64(b.N)
	b.ReportMetric(first.Seconds()/n, "first-s")
	b.ReportMetric(rerun.Seconds()/n, "rerun-s")
	b.ReportMetric(100*rerun.Seconds()/first.Seconds(), "rerun-%")
}
