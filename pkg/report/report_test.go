package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/report"
)

func TestParseWeights(t *testing.T) {
	w, err := report.ParseWeights(report.DefaultWeights(), "100=0.2, 95-99=40%,rep=0,none=1")
	require.NoError(t, err)
	assert.Equal(t, 0.2, w[leverage.Exact])
	assert.Equal(t, 0.4, w[leverage.Fuzzy95])
	assert.Equal(t, 0.0, w[leverage.Repetition])
	assert.Equal(t, report.DefaultWeights()[leverage.Fuzzy85], w[leverage.Fuzzy85], "bands not named keep their weight")
	back, err := report.ParseWeights(report.Weights{}, w.String())
	require.NoError(t, err)
	assert.Equal(t, w, back, "String reads back")
	for _, bad := range []string{"100", "99=1", "100=x", "100=-1"} {
		_, err := report.ParseWeights(report.DefaultWeights(), bad)
		assert.Error(t, err, bad)
	}
}

func TestWordDiff(t *testing.T) {
	cases := []struct {
		old, new string
		want     []report.Piece
		distance int
		percent  float64
	}{
		{"", "", nil, 0, 0},
		{"Même texte.", "Même texte.", []report.Piece{{Op: report.Equal, Text: "Même texte."}}, 0, 0},
		{"Les maires de Lyon.", "Les maires de Paris.", []report.Piece{{Op: report.Equal, Text: "Les maires de "},
			{Op: report.Delete, Text: "Lyon"}, {Op: report.Insert, Text: "Paris"}, {Op: report.Equal, Text: "."}}, 1, 20},
		{"a b c", "a x y c", []report.Piece{{Op: report.Equal, Text: "a "}, {Op: report.Delete, Text: "b"},
			{Op: report.Insert, Text: "x y"}, {Op: report.Equal, Text: " c"}}, 2, 50},
		{"", "Tout est nouveau.", []report.Piece{{Op: report.Insert, Text: "Tout est nouveau."}}, 4, 100},
		{"Voir {1}ici{/1}.", "Voir {1}là{/1}.", []report.Piece{{Op: report.Equal, Text: "Voir {1}"}, {Op: report.Delete, Text: "ici"},
			{Op: report.Insert, Text: "là"}, {Op: report.Equal, Text: "{/1}."}}, 1, 33.3},
	}
	for _, tc := range cases {
		got := report.WordDiff(tc.old, tc.new)
		assert.Equal(t, tc.want, got, "%q → %q", tc.old, tc.new)
		assert.Equal(t, tc.old, report.OldText(got))
		assert.Equal(t, tc.new, report.NewText(got))
		assert.Equal(t, tc.distance, report.Distance(got), "%q → %q", tc.old, tc.new)
		assert.Equal(t, tc.percent, report.EditPercent(got), "%q → %q", tc.old, tc.new)
	}
}

// sample is a small batch with every kind of draft.
func sample() *report.Batch {
	src := func(s string) document.Content { return document.Text(s) }
	return &report.Batch{Generated: generated, From: "fr", Langs: []string{"en", "es"}, Previous: true, Files: []report.File{{
		Path: "a|b.md", Change: leverage.Changed,
		Segments: []report.Segment{
			{ID: "b1s1", Source: src("L'OIM salue les villes."), Words: 5, Change: leverage.Unchanged,
				Terms: []report.Term{{Span: document.Span{Start: 2, End: 5}, Hint: "en: IOM · es: OIM"}},
				Drafts: []report.Draft{
					{Lang: "en", Target: src("IOM welcomes the cities."), Origin: document.Origin{Kind: document.FromExact, Score: 100}, State: document.Reviewed, Band: leverage.Exact},
					{Lang: "es", Target: src("La OIM saluda a las ciudades."), Origin: document.Origin{Kind: document.FromInContext, Score: 101}, Band: leverage.InContext},
				}},
			{ID: "b2s1", Source: document.Content{{Text: "Les maires de "}, {Code: &document.Code{ID: "1", Kind: document.Open, Data: "**", Disp: "**"}},
				{Text: "Paris"}, {Code: &document.Code{ID: "1", Kind: document.Close, Data: "**", Disp: "**"}}, {Text: " votent *vite* | <b>."}},
				Words: 5, Change: leverage.Changed,
				Drafts: []report.Draft{
					{Lang: "en", Target: src("The mayors of Lyon vote."), Origin: document.Origin{Kind: document.FromFuzzy, Score: 88}, Band: leverage.Fuzzy85,
						Match: &report.Match{Score: 88, Source: src("Les maires de Lyon votent."), Diff: []report.Piece{{Op: report.Equal, Text: "Les maires de"},
							{Op: report.Delete, Text: " Lyon"}, {Op: report.Insert, Text: " {1}Paris{/1}"}, {Op: report.Equal, Text: " votent"}}},
						Findings: []finding.Finding{{Rule: "number", Severity: finding.Error, Message: "a number differs", Lang: "en", Segment: "b2s1"}}},
					{Lang: "es", Origin: document.Origin{}, Band: leverage.Fuzzy50, Suggested: true,
						Match: &report.Match{Score: 60, Target: src("Los alcaldes votan."), Diff: []report.Piece{{Op: report.Insert, Text: "Les maires"}}}},
				}},
			{ID: "b3s1", Source: src("Nouveau."), Words: 1, Change: leverage.New,
				Drafts: []report.Draft{
					{Lang: "en", Target: src("New."), Origin: document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}, Band: leverage.NoMatch},
					{Lang: "es", Origin: document.Origin{}, Band: leverage.Repetition},
				}},
		},
		Findings: []finding.Finding{{Rule: "mt-failed", Severity: finding.Warning, Message: "the engine failed", Lang: "es"}},
	}}}
}

func TestSummarize(t *testing.T) {
	s := report.Summarize(sample())
	assert.Equal(t, 3, s.Segments)
	assert.Equal(t, 11, s.Words)
	assert.Equal(t, report.ChangeCounts{New: 1, Changed: 1, Unchanged: 1}, *s.Changes)
	en, es := s.Total[0], s.Total[1]
	assert.Equal(t, report.Counts{Segments: 1, Words: 5}, en.Origins.Fuzzy)
	assert.Equal(t, report.Counts{Segments: 1, Words: 1}, en.Origins.Machine)
	assert.Equal(t, report.Counts{Segments: 2, Words: 6}, es.Untranslated)
	assert.Equal(t, report.Counts{Segments: 1, Words: 5}, es.Bands.Fuzzy50)
	assert.Equal(t, report.Counts{Segments: 1, Words: 1}, es.Bands.Repetitions)
	assert.Equal(t, report.FindingCounts{Total: 1, Error: 1, ByRule: map[string]int{"number": 1}}, en.Findings)
	assert.Equal(t, report.FindingCounts{Total: 1, Warning: 1, ByRule: map[string]int{"mt-failed": 1}}, es.Findings)
	assert.Equal(t, report.Counts{Segments: 2, Words: 6}, en.NeedsReview, "fuzzy and machine")

	a := report.Analyze(sample(), report.DefaultWeights())
	assert.Equal(t, en.Bands, a.Total[0].Bands, "analyze counts as the summary")
	assert.Equal(t, 0.25*5+0.6*5+1*1, a.Total[0].Weighted)

	// Without an engine, no engine's usage; with one, in the totals only.
	assert.Nil(t, en.Engine)
	data, err := json.Marshal(s)
	require.NoError(t, err)
	assert.NotContains(t, string(data), `"engine"`)
	b := sample()
	b.Engine = map[string]report.EngineUsage{"en": {Calls: 1, Segments: 1, Cached: 4}, "es": {Cached: 2}}
	s = report.Summarize(b)
	assert.Equal(t, &report.EngineUsage{Calls: 1, Segments: 1, Cached: 4}, s.Total[0].Engine)
	assert.Equal(t, &report.EngineUsage{Cached: 2}, s.Total[1].Engine)
	for _, f := range s.PerFile {
		for _, l := range f.Langs {
			assert.Nil(t, l.Engine, "not per file")
		}
	}
	data, err = json.Marshal(s.Total[0])
	require.NoError(t, err)
	assert.Contains(t, string(data), `"engine":{"calls":1,"segments":1,"cache_hits":4}`)
}

func TestWriteMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&buf, sample()))
	md := buf.String()
	assert.Contains(t, md, "Les maires de {1}Paris{/1} votent \\*vite\\* \\| &lt;b&gt;.", "markup from the article is escaped")
	testenv.Golden(t, filepath.Join("testdata", "sample.md"), buf.Bytes())
}

func TestWriteHTML(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteHTML(&buf, sample()))
	html := buf.String()
	assert.Contains(t, html, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-`)
	assert.Contains(t, html, `votent *vite* | &lt;b&gt;.`)
	assert.Contains(t, html, `<mark class="t0">OIM</mark>`)
	assert.Contains(t, html, `mark.t0:hover::after{content:"en: IOM · es: OIM"}`, "the hint on hover")
	assert.Contains(t, html, `<b class="fuzzy">TM fuzzy 88</b>`)
	assert.Contains(t, html, `<i>memory source:</i> Les maires de<del> Lyon</del><ins> {1}Paris{/1}</ins> votent`)
	assert.Contains(t, html, `<i>suggestion 60 %:</i> Los alcaldes votan.`)
	assert.Contains(t, html, `<span class="chg new">new</span>`)
	assert.Equal(t, 1, strings.Count(html, "<script"), "one script: the page's own")
	testenv.Golden(t, filepath.Join("testdata", "sample.html"), buf.Bytes())
}

func TestHTMLHintsCannotLeaveTheStyle(t *testing.T) {
	b := sample()
	b.Files[0].Segments[0].Terms[0].Hint = `"}</style><script>alert(1)</script>\`
	var buf bytes.Buffer
	require.NoError(t, report.WriteHTML(&buf, b))
	html := buf.String()
	assert.Equal(t, 1, strings.Count(html, "</style>"), "the hint stays a CSS string")
	assert.Contains(t, html, `mark.t0:hover::after{content:"\22 }\3c /style\3e \3c script\3e alert(1)\3c /script\3e \5c "}`)
}

// TestRenderSameForAnyJobs renders a batch of many files, whose terms
// carry hints shared across files, with one and with several sections at
// once: the pages are the same bytes, and hints are numbered in the order
// the page first shows them.
func TestRenderSameForAnyJobs(t *testing.T) {
	b := sample()
	one := b.Files[0]
	b.Files = nil
	for i := range 40 {
		f := one
		f.Path = fmt.Sprintf("f%02d.md", i)
		f.Segments = slices.Clone(one.Segments)
		f.Segments[0].Terms = []report.Term{{Span: document.Span{Start: 2, End: 5}, Hint: fmt.Sprintf("hint %d", (40-i)%7)}}
		b.Files = append(b.Files, f)
	}
	render := func(write func(io.Writer, *report.Batch, ...report.Option) error, jobs int) string {
		var buf bytes.Buffer
		require.NoError(t, write(&buf, b, report.WithJobs(jobs)))
		return buf.String()
	}
	for name, write := range map[string]func(io.Writer, *report.Batch, ...report.Option) error{
		"html": report.WriteHTML, "markdown": report.WriteMarkdown,
	} {
		want := render(write, 1)
		for _, jobs := range []int{2, 8} {
			assert.Equal(t, want, render(write, jobs), "%s with %d jobs", name, jobs)
		}
	}
	html := render(report.WriteHTML, 4)
	assert.Contains(t, html, `mark.t0:hover::after{content:"hint 5"}`, "the first file's hint comes first")
	assert.Contains(t, html, `mark.t1:hover::after{content:"hint 4"}`)
	assert.Less(t, strings.Index(html, `id="f1"`), strings.Index(html, `id="f40"`), "the sections in file order")
}

// TestShardPages checks that one share of a split batch says so in every
// page, and a whole batch does not.
func TestShardPages(t *testing.T) {
	b := sample()
	b.Shard = "2/3"
	var md, html bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&md, b))
	require.NoError(t, report.WriteHTML(&html, b))
	assert.Contains(t, md.String(), "fr → en, es · generated 2026-11-01T09:00:00Z · shard 2/3 of the batch\n")
	assert.Contains(t, html.String(), "</time> by relais · shard 2/3 of the batch")
	assert.Equal(t, "2/3", report.Summarize(b).Shard)
	var js bytes.Buffer
	require.NoError(t, report.Summarize(sample()).WriteJSON(&js))
	assert.NotContains(t, js.String(), `"shard"`, "a whole batch's summary.json has no shard")
}

// TestPartRoundTrip writes a shard's report.json and reads it back: the
// same model, every kind of draft included.
func TestPartRoundTrip(t *testing.T) {
	b := sample()
	b.Shard = "1/2"
	b.Files[0].Segments[0].At = finding.Location{Path: "a|b.md", Line: 3, Col: 1}
	p := &report.Part{Schema: report.PartSchema, Shard: 1, Shards: 2, Sources: 3, SourcesHash: "5e0f",
		Settings:     map[string]string{"mt": "apertium"},
		Inconsistent: map[string]finding.Severity{"en": finding.Warning, "es": finding.Off},
		Batch:        b, Checks: []finding.Finding{{Rule: "number", Severity: finding.Error, Lang: "en", Fingerprint: "f00"}}}
	var buf bytes.Buffer
	require.NoError(t, p.WriteJSON(&buf))
	assert.Equal(t, 1, strings.Count(buf.String(), "\n"), "one line")
	back, err := report.ReadPart(&buf)
	require.NoError(t, err)
	assert.True(t, b.Generated.Equal(back.Batch.Generated))
	back.Batch.Generated = b.Generated
	assert.Equal(t, p, back)

	for in, want := range map[string]string{
		`{"schema": 2}`: "report.json of schema 2, this relais reads schema 1: merge with the relais version the shards ran",
		`{"shard": 1}`:  "not a shard's report.json: no schema",
		`{"schema": 1}`: "report.json: no batch",
		`[1]`:           "not a shard's report.json: not a JSON object",
		`{"schema": 1, "batch": {"Files": [{"Change": "moved"}]}}`: `report.json: unknown change "moved" (want new, changed, unchanged or nothing)`,
	} {
		_, err := report.ReadPart(strings.NewReader(in))
		assert.EqualError(t, err, want, in)
	}
}

func TestBatchID(t *testing.T) {
	b := &report.Batch{From: "fr", Langs: []string{"en", "es"}, Files: []report.File{{Path: "a.md"}, {Path: "b.md"}}}
	later := *b
	later.Generated = b.Generated.Add(24 * time.Hour)
	assert.Equal(t, report.BatchID(b), report.BatchID(&later), "a later batch of the same articles finds the stored edits")
	for _, other := range []report.Batch{
		{From: "fr", Langs: []string{"en"}, Files: b.Files},
		{From: "fr", Langs: b.Langs, Files: []report.File{{Path: "a.md"}}},
		{From: "es", Langs: b.Langs, Files: b.Files},
	} {
		assert.NotEqual(t, report.BatchID(b), report.BatchID(&other))
	}
}
