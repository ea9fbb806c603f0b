package report_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/report"
)

var generated = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func newPipeline(t testing.TB, mem memory.Store) *pipeline.Pipeline {
	docs, err := loader.New(loader.Options{From: language.French})
	require.NoError(t, err)
	p := &pipeline.Pipeline{Loader: docs, To: []language.Tag{language.English, language.Spanish}, Jobs: 2,
		Now: func() time.Time { return generated }}
	if mem != nil {
		p.Memory = mem
	}
	return p
}

// seededMemory returns a memory holding, for the seed article, exact
// units for some segments and, for others, units whose source differs by a
// word: fuzzy matches with a diff to show.
func seededMemory(t *testing.T, seed string) (memory.Store, int) {
	t.Helper()
	mem, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "mem.db"))
	require.NoError(t, err)
	t.Cleanup(func() { mem.Close() })
	p := newPipeline(t, nil)
	res, err := p.Run(context.Background(), pipeline.Inputs{Paths: []string{seed}, Out: t.TempDir(), Analyze: true})
	require.NoError(t, err)
	var units []memory.Unit
	fuzzy := 0
	for i, it := range res.Files[0].Items {
		key := it.Source.Key()
		words := strings.Fields(key)
		if len(it.Source.Codes()) > 0 {
			continue
		}
		for _, lang := range []language.Tag{language.English, language.Spanish} {
			u := memory.Unit{SrcLang: language.French, TgtLang: lang, Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed,
				Target: document.Text("[" + lang.String() + "] " + it.Source.Plain())}
			switch {
			case i%3 == 0 && len(words) > 3:
				u.Source = it.Source
			case i%3 == 1 && len(words) >= 10:
				words[len(words)/2] = "autrefois"
				u.Source = document.Text(strings.Join(words, " "))
				if lang == language.English {
					fuzzy++
				}
			default:
				continue
			}
			units = append(units, u)
		}
	}
	_, err = mem.Put(context.Background(), memory.Units(units...))
	require.NoError(t, err)
	return mem, fuzzy
}

func markTerms(t *testing.T, b *report.Batch) {
	tb, err := glossary.LoadFS(shipped.FS, ".")
	require.NoError(t, err)
	report.MarkTerms(b, glossary.NewMatcher(tb, language.French), map[string]*glossary.Matcher{
		"en": glossary.NewMatcher(tb, language.English), "es": glossary.NewMatcher(tb, language.Spanish)})
}

// TestHTMLInChromium renders the report of the seed article and the
// project's articles, with memory matches, in a real Chromium.
func TestHTMLInChromium(t *testing.T) {
	br := startBrowser(t)
	seed := testenv.Shared(t, "seeds", "cities4migration-fr.txt")
	root := testenv.ModuleRoot(t)
	mem, _ := seededMemory(t, seed)
	p := newPipeline(t, mem)
	res, err := p.Run(context.Background(), pipeline.Inputs{Paths: []string{seed, filepath.Join(root, "testdata", "articles")}, Out: t.TempDir()})
	require.NoError(t, err)
	b := res.Report
	markTerms(t, b)
	page, _ := reportPage(t, b)

	br.open(t, page)
	assert.Empty(t, br.problems(), "no console error, exception, CSP violation or dialog")

	var dom struct {
		Files []struct {
			Path    string
			Rows    int
			Badges  []string
			Del     int
			Ins     int
			Marks   int
			Fuzzy   int
			Scripts int
		}
		Shown   string
		Filters bool
	}
	br.eval(t, `(() => ({
		files: [...document.querySelectorAll("section.file")].map(s => ({
			path: s.querySelector("h2").textContent,
			rows: s.querySelectorAll("tbody tr").length,
			badges: [...s.querySelectorAll("td > b")].map(b => b.textContent),
			del: s.querySelectorAll(".tm del").length,
			ins: s.querySelectorAll(".tm ins").length,
			marks: s.querySelectorAll("mark").length,
		})),
		shown: document.getElementById("shown").textContent,
		filters: !document.getElementById("filters").hidden,
	}))()`, &dom)

	require.Len(t, dom.Files, len(b.Files))
	fuzzyDiffs, marks := 0, 0
	for i, f := range dom.Files {
		bf := b.Files[i]
		assert.Equal(t, bf.Path, f.Path)
		assert.Equal(t, len(bf.Segments), f.Rows, "%s: one row per segment", f.Path)
		assert.Len(t, f.Badges, len(bf.Segments)*len(b.Langs), "%s: an origin badge per draft", f.Path)
		var want []string
		for _, s := range bf.Segments {
			for _, d := range s.Drafts {
				switch d.Origin.Kind {
				case document.FromFuzzy:
					want = append(want, fmt.Sprintf("TM fuzzy %d", d.Origin.Score))
				case document.FromExact:
					want = append(want, "TM 100")
				case document.FromInContext:
					want = append(want, "TM 101")
				default:
					want = append(want, "untranslated")
				}
			}
		}
		assert.Equal(t, want, f.Badges, "%s: origins and scores shown in order", f.Path)
		fuzzyDiffs += f.Del + f.Ins
		marks += f.Marks
	}
	assert.Positive(t, fuzzyDiffs, "the fuzzy matches' differences are marked")
	assert.Positive(t, marks, "glossary terms are highlighted")
	assert.True(t, dom.Filters, "the script showed the filters")
	total := 0
	for _, f := range b.Files {
		total += len(f.Segments)
	}
	assert.Equal(t, fmt.Sprintf("%d / %d segments shown", total, total), dom.Shown)

	// The origin filter keeps the rows with a fuzzy draft.
	withFuzzy := 0
	for _, f := range b.Files {
		for _, s := range f.Segments {
			for _, d := range s.Drafts {
				if d.Origin.Kind == document.FromFuzzy {
					withFuzzy++
					break
				}
			}
		}
	}
	require.Positive(t, withFuzzy)
	var shown int
	br.eval(t, `(() => { const f = document.getElementById("filters"); f.elements.origin.value = "fuzzy";
		f.dispatchEvent(new Event("change")); return document.querySelectorAll("tr[data-o]:not([hidden])").length; })()`, &shown)
	assert.Equal(t, withFuzzy, shown, "the origin filter")
	br.eval(t, `(() => { const f = document.getElementById("filters"); f.elements.origin.value = "";
		f.dispatchEvent(new Event("change")); return 0; })()`, &shown)
	assert.Empty(t, br.problems())
	t.Logf("screenshot: %s", br.screenshot(t, "report.png"))
}

// TestHTMLEscapesArticles checks that markup in articles shows as text and
// runs nothing.
func TestHTMLEscapesArticles(t *testing.T) {
	br := startBrowser(t)
	root := testenv.ModuleRoot(t)
	p := newPipeline(t, nil)
	res, err := p.Run(context.Background(), pipeline.Inputs{Paths: []string{
		filepath.Join(root, "testdata", "report", "injection-fr.md"),
		filepath.Join(root, "testdata", "report", "injection-fr.txt")}, Out: t.TempDir(), Analyze: true})
	require.NoError(t, err)
	b := res.Report
	// A draft and a finding with markup too.
	d := &b.Files[0].Segments[1].Drafts[0]
	d.Origin, d.Target = document.Origin{Kind: document.FromMachine, Engine: `"><script>alert(2)</script>`}, document.Text(`<img src=x onerror=alert(3)>`)
	d.Findings = []finding.Finding{{Rule: "<b>rule</b>", Severity: finding.Error, Message: `<a href="javascript:alert(4)">x</a>`, Lang: "en", Segment: "b2s1"}}
	page, _ := reportPage(t, b)

	br.open(t, page)
	assert.Empty(t, br.problems(), "nothing from the articles ran: no dialog, no CSP violation")
	var dom struct {
		Scripts, Images, Handlers, JSLinks, Links int
		Title, Text                               string
	}
	br.eval(t, `(() => ({
		scripts: document.scripts.length,
		images: document.images.length,
		handlers: [...document.querySelectorAll("*")].filter(e => [...e.attributes].some(a => a.name.startsWith("on"))).length,
		jSLinks: document.querySelectorAll('[href^="javascript:"], [src^="javascript:"]').length,
		links: document.querySelectorAll("main a").length,
		title: document.title,
		text: document.querySelector("main").textContent,
	}))()`, &dom)
	assert.Equal(t, 1, dom.Scripts, "only the page's own script")
	assert.Zero(t, dom.Images)
	assert.Zero(t, dom.Handlers, "no element with an on* attribute")
	assert.Zero(t, dom.JSLinks)
	assert.Zero(t, dom.Links, "no link in the segment tables")
	assert.Equal(t, "relais review report", dom.Title)
	assert.Contains(t, dom.Text, "<script>alert(1)</script>", "the plain-text article's markup shows as text")
	assert.Contains(t, dom.Text, "<img src=x onerror=alert(3)>")
	assert.Contains(t, dom.Text, `<a href="javascript:alert(4)">x</a>`)
	assert.Contains(t, dom.Text, "javascript:alert(1)")
	var titles []string
	br.eval(t, `[...document.querySelectorAll("kbd")].map(k => k.title)`, &titles)
	assert.Contains(t, titles, "<script>", "the Markdown article's inline HTML is a code, its markup shown on hover")
	assert.Contains(t, titles, "](javascript:alert(1))")
	t.Logf("screenshot: %s", br.screenshot(t, "injection.png"))
}

// TestHTMLPolicyIsEnforced checks the check: a script the policy does not
// allow is reported as a problem.
func TestHTMLPolicyIsEnforced(t *testing.T) {
	br := startBrowser(t)
	_, html := reportPage(t, &report.Batch{From: "fr", Langs: []string{"en"}})
	br.open(t, writePage(t, bytes.Replace(html, []byte("</main>"), []byte("</main><script>alert(1)</script>"), 1)))
	problems := strings.Join(br.problems(), "\n")
	assert.Contains(t, problems, "Content Security Policy", "the injected script was refused and reported")
	assert.NotContains(t, problems, "javascriptDialogOpening")
}
