package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/report"
)

// TestScaleReport measures the report of 1,000 articles of 30 segments
// (the project's articles, repeated), drafts from memory and machine
// translation as a real batch has them. It only runs with
// RELAIS_REPORT_SCALE=1; it logs the size and the first paint in headless
// Chromium and fails only when the page reaches 20 MB. Not a timed test.
func TestScaleReport(t *testing.T) {
	if os.Getenv("RELAIS_REPORT_SCALE") != "1" {
		t.Skip("set RELAIS_REPORT_SCALE=1 to measure the report of 1,000 articles")
	}
	seed := testenv.Shared(t, "seeds", "cities4migration-fr.txt")
	root := testenv.ModuleRoot(t)
	p := newPipeline(t, nil)
	res, err := p.Run(context.Background(), pipeline.Inputs{Paths: []string{seed, filepath.Join(root, "testdata", "articles")}, Out: t.TempDir(), Analyze: true})
	require.NoError(t, err)
	var pool []report.Segment
	for _, f := range res.Report.Files {
		pool = append(pool, f.Segments...)
	}
	b := &report.Batch{Generated: generated, From: "fr", Langs: []string{"en", "es"}}
	n := 0
	for i := range 1000 {
		f := report.File{Path: fmt.Sprintf("articles/%03d/article-%04d.md", i/100, i)}
		for j := range 30 {
			s := pool[n%len(pool)]
			n++
			s.ID = fmt.Sprintf("b%ds%d", j/2+1, j%2+1)
			s.Drafts = make([]report.Draft, 2)
			for li, l := range b.Langs {
				d := report.Draft{Lang: l, Target: s.Source, State: document.Translated}
				switch (n + li) % 5 {
				case 0:
					d.Origin, d.Band = document.Origin{Kind: document.FromExact, Score: 100}, leverage.Exact
				case 1:
					d.Origin, d.Band = document.Origin{Kind: document.FromFuzzy, Score: 88}, leverage.Fuzzy85
					key := s.Source.Key()
					d.Match = &report.Match{Score: 88, Diff: report.WordDiff(key[:len(key)/2]+" autrefois", key)}
				default:
					d.Origin = document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}
				}
				s.Drafts[li] = d
			}
			f.Segments = append(f.Segments, s)
		}
		b.Files = append(b.Files, f)
	}
	markTerms(t, b)
	page, html := reportPage(t, b)
	if dir := os.Getenv("RELAIS_REPORT_KEEP"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "report.html"), html, 0o644))
	}
	t.Logf("report of %d files, %d segments: %.1f MB", len(b.Files), n, float64(len(html))/1e6)
	require.Less(t, len(html), 20_000_000, "the report stays under 20 MB")

	br := startBrowser(t)
	br.open(t, page)
	var timing struct {
		FirstPaint, FirstContentfulPaint, DOMContentLoaded, Load float64
		Rows                                                     int
	}
	br.eval(t, `(() => {
		const p = {}; performance.getEntriesByType("paint").forEach(e => p[e.name] = e.startTime);
		const nav = performance.getEntriesByType("navigation")[0];
		return {firstPaint: p["first-paint"] || -1, firstContentfulPaint: p["first-contentful-paint"] || -1,
			dOMContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
			rows: document.querySelectorAll("tr[data-o]").length};
	})()`, &timing)
	require.Equal(t, n, timing.Rows)
	t.Logf("first paint %.0f ms, first contentful paint %.0f ms, DOMContentLoaded %.0f ms, load %.0f ms",
		timing.FirstPaint, timing.FirstContentfulPaint, timing.DOMContentLoaded, timing.Load)

	// Moving to the next segment needing review, from the first one, by
	// the key the reviewer uses: the time the page takes to handle it,
	// and until the next frame is painted.
	br.click(t, `tr[data-o] td.l0`)
	var moves []struct{ Handler, Frame float64 }
	br.eval(t, `(async () => {
		const out = [];
		for (let i = 0; i < 20; i++) {
			const t0 = performance.now();
			document.dispatchEvent(new KeyboardEvent("keydown", {key: "n", code: "KeyN", altKey: true, bubbles: true}));
			const t1 = performance.now();
			await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
			out.push({handler: t1 - t0, frame: performance.now() - t0});
		}
		return out; })()`, &moves)
	require.Len(t, moves, 20)
	var sumH, maxH, sumF, maxF float64
	for _, m := range moves {
		sumH, maxH, sumF, maxF = sumH+m.Handler, max(maxH, m.Handler), sumF+m.Frame, max(maxF, m.Frame)
	}
	var at string
	br.eval(t, `document.activeElement.closest("tr").id`, &at)
	require.NotEqual(t, "f1.b1s1", at, "the key moved")
	t.Logf("next needing review (Alt+N, 20 times): handler mean %.1f ms, max %.1f ms; to the next painted frame mean %.1f ms, max %.1f ms",
		sumH/20, maxH, sumF/20, maxF)
	t.Logf("each (handler / frame, ms): %v", moves)

	// Exporting the review: every segment of the batch goes into the file.
	br.downloadTo(t, t.TempDir())
	var export struct {
		MS     float64
		Status string
	}
	br.eval(t, `(() => {
		document.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", ctrlKey: true, bubbles: true}));
		const t0 = performance.now();
		document.querySelector("#review button[name=export]").click();
		return {mS: performance.now() - t0, status: document.getElementById("status").textContent}; })()`, &export)
	require.Contains(t, export.Status, "reviewed-en.xlf (1 segment(s))")
	t.Logf("export of the %d segments of the one language with a confirmed segment: %.0f ms", n, export.MS)
	if len(br.problems()) > 0 {
		t.Errorf("problems: %v", br.problems())
	}
}
