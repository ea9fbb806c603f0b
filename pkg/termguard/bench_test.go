package termguard_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/apertium"
	"github.com/relais-tm/relais/pkg/typography"
)

// BenchmarkBatch100 translates 100 articles (the seed and the articles of
// testdata, each copy made distinct by a numbered first line) into English
// and Spanish, file by file, and compares relais's Apertium path (extract,
// segment, protect terms and dates, fr-es, es-en through the pivot and
// cache, restore, typography, merge) with raw Apertium on the same files
// (apertium -u fr-es, then apertium -u spa-eng on its output). The two are
// interleaved file by file so that the load of a shared machine hits both
// alike. Metrics: relais-s and raw-s (seconds for the batch) and
// overhead-% (relais's own work over raw Apertium).
//
//	go test ./pkg/termguard -run '^$' -bench Batch100 -benchtime 1x
func BenchmarkBatch100(b *testing.B) {
	testenv.RequireTool(b, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa")
	engine, err := apertium.New(apertium.Options{})
	require.NoError(b, err)
	pairs, err := engine.Pairs(context.Background())
	require.NoError(b, err)
	tb := termbase(b)
	var sources []string
	sources = append(sources, testenv.Shared(b, "seeds", "cities4migration-fr.txt"))
	root := testenv.ModuleRoot(b)
	for _, dir := range []string{"testdata/articles", "testdata/articles-mt"} {
		m, _ := filepath.Glob(filepath.Join(root, dir, "*.txt"))
		sources = append(sources, m...)
		m, _ = filepath.Glob(filepath.Join(root, dir, "*.md"))
		sources = append(sources, m...)
	}
	dir := b.TempDir()
	var files []string
	words := 0
	for i := range 100 {
		src, err := os.ReadFile(sources[i%len(sources)])
		require.NoError(b, err)
		ext := filepath.Ext(sources[i%len(sources)])
		body := string(src)
		if ext == ".md" && strings.HasPrefix(body, "---") {
			body = strings.Replace(body, "\n---\n", fmt.Sprintf("\n---\n\nArticle numéro %d de la série.\n", i+1), 1)
		} else {
			body = fmt.Sprintf("Article numéro %d de la série.\n\n", i+1) + body
		}
		p := filepath.Join(dir, fmt.Sprintf("a%03d%s", i, ext))
		require.NoError(b, os.WriteFile(p, []byte(body), 0o644))
		files = append(files, p)
		words += document.CountWords(body)
	}
	raw := func(path string) {
		var es, en bytes.Buffer
		src, _ := os.Open(path)
		cmd := exec.Command("apertium", "-u", "fr-es")
		cmd.Stdin, cmd.Stdout = src, &es
		require.NoError(b, cmd.Run())
		src.Close()
		cmd = exec.Command("apertium", "-u", "spa-eng")
		cmd.Stdin, cmd.Stdout = bytes.NewReader(es.Bytes()), &en
		require.NoError(b, cmd.Run())
	}
	b.ResetTimer()
	var relaisT, rawT time.Duration
	for range b.N {
		tr := stack(b, engine, pairs, tb) // a fresh cache for each run
		for _, f := range files {
			start := time.Now()
			raw(f)
			rawT += time.Since(start)
			start = time.Now()
			for _, lang := range []language.Tag{en, es} {
				translateBench(b, tr, f, lang)
			}
			relaisT += time.Since(start)
		}
	}
	n := float64(b.N)
	b.ReportMetric(relaisT.Seconds()/n, "relais-s")
	b.ReportMetric(rawT.Seconds()/n, "raw-s")
	b.ReportMetric(100*(relaisT.Seconds()-rawT.Seconds())/rawT.Seconds(), "overhead-%")
	b.ReportMetric(float64(words), "words")
}

// translateBench is translate without the test assertions' cost.
func translateBench(b *testing.B, tr mt.Translator, path string, lang language.Tag) {
	doc, codec := load(b, path)
	segs := doc.Segments()
	res, err := tr.Translate(context.Background(), request(segs, lang))
	if err != nil {
		b.Fatal(err)
	}
	targets := make(map[string]document.Content, len(segs))
	for i, r := range res {
		if r.Err == nil {
			targets[segs[i].ID] = typography.Apply(r.Target, lang, typography.Options{})
		}
	}
	var out bytes.Buffer
	if err := codec.Merge(&out, doc, targets); err != nil {
		b.Fatal(err)
	}
}
