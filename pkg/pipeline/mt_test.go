package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/langid"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/report"
)

// breaksOn fails every call whose segments mention word, as an engine that
// dies on one file would.
type breaksOn struct {
	word string
	next mt.Translator
}

func (b breaksOn) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	for _, s := range req.Segments {
		if strings.Contains(s.Plain(), b.word) {
			return nil, errors.New("engine killed")
		}
	}
	return b.next.Translate(ctx, req)
}

// notesOn adds a note to every segment that mentions word, graded sev, as
// termguard does for an ambiguous term.
type notesOn struct {
	word string
	sev  finding.Severity
	next mt.Translator
}

func (n notesOn) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	res, err := n.next.Translate(ctx, req)
	for i, s := range req.Segments {
		if err == nil && strings.Contains(s.Plain(), n.word) {
			res[i].Notes = append(res[i].Notes, finding.Finding{Rule: "ambiguous-term", Severity: n.sev, Message: "check " + n.word})
		}
	}
	return res, err
}

// oneMatch is a memory that knows one sentence.
type oneMatch struct{ key, target string }

func (m oneMatch) Lookup(_ context.Context, q memory.Query) ([]memory.Match, error) {
	if q.Source.Key() != m.key {
		return nil, nil
	}
	return []memory.Match{{Score: 100, Level: memory.Exact, Target: document.Text(m.target)}}, nil
}

func TestRunMachineTranslation(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.txt"), []byte("Les maires se réunissent.\n\nCet article a été publié.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b.txt"), []byte("Une PANNE arrive.\n"), 0o644))
	fake := &mttest.Fake{Name: "fake", Dict: map[string]string{"maires": "mayors", "Une": "A"}}

	p := newPipeline(t, nil)
	p.To = []language.Tag{language.English}
	p.MT = breaksOn{word: "PANNE", next: fake}
	p.Memory = oneMatch{key: "Cet article a été publié.", target: "This article was published."}
	out := filepath.Join(dir, "out")
	res, err := p.Run(context.Background(), Inputs{Paths: []string{in}, Out: out})
	require.NoError(t, err, "one file's engine failure does not stop the batch")
	require.Len(t, res.Files, 2)

	a, b := res.Files[0].Langs[0], res.Files[1].Langs[0]
	assert.Equal(t, 1, a.Machine)
	assert.Equal(t, 1, a.Memory.Exact)
	assert.Zero(t, a.Untranslated)
	assert.Empty(t, a.Findings)
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.txt"))
	require.NoError(t, err)
	assert.Equal(t, "Les mayors se réunissent.\n\nThis article was published.\n", string(draft))
	xlf, err := os.ReadFile(filepath.Join(out, "en", "a.txt.xlf"))
	require.NoError(t, err)
	assert.Contains(t, string(xlf), `subState="relais:mt-fake`)
	assert.Contains(t, string(xlf), `subState="relais:tm-exact"`)

	for _, call := range fake.Calls() {
		for _, s := range call.Segments {
			assert.NotEqual(t, "Cet article a été publié.", s.Plain(), "a segment filled from memory is never sent to the engine")
		}
	}

	assert.Equal(t, 1, b.Untranslated, "the failed file's segments stay untranslated")
	require.Len(t, b.Findings, 1)
	assert.Equal(t, "mt-failed", b.Findings[0].Rule)
	assert.Contains(t, b.Findings[0].Message, "engine killed")
	assert.Equal(t, finding.Warning, b.Findings[0].Severity, "an engine failure is a warning")
	assert.Equal(t, "en", b.Findings[0].Lang)
	assert.Equal(t, finding.Location{Path: "b.txt"}, b.Findings[0].At, "about the whole file")
	draft, err = os.ReadFile(filepath.Join(out, "en", "b.txt"))
	require.NoError(t, err)
	assert.Equal(t, "Une PANNE arrive.\n", string(draft))
}

func TestRunMachineTranslationUnsupportedPair(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(src, []byte("Bonjour."), 0o644))
	p := newPipeline(t, nil)
	p.MT = &mttest.Fake{Pairs: []mt.Pair{{From: language.French, To: language.Spanish}}, Dict: map[string]string{"Bonjour": "Hola"}}
	res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: filepath.Join(dir, "out")})
	require.NoError(t, err)
	en, es := res.Files[0].Langs[0], res.Files[0].Langs[1]
	assert.Equal(t, 1, en.Untranslated, "no route into English: left untranslated")
	assert.Empty(t, en.Findings, "a language without a route is not a finding")
	assert.Equal(t, 1, es.Machine)
}

func TestRunMachineTranslationNotes(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(src, []byte("Bonjour.\n\nLes maires de Vienne.\n"), 0o644))
	p := newPipeline(t, nil)
	p.To = []language.Tag{language.English}
	p.MT = notesOn{word: "Vienne", sev: finding.Info, next: &mttest.Fake{Name: "fake", Dict: map[string]string{"maires": "mayors"}}}
	res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: filepath.Join(dir, "out")})
	require.NoError(t, err)
	fr := res.Files[0]
	en := fr.Langs[0]
	require.Len(t, en.Findings, 1)
	f := en.Findings[0]
	assert.Equal(t, finding.Info, f.Severity, "the engine's grade is kept")
	assert.Equal(t, "en", f.Lang)
	assert.Equal(t, fr.Items[1].ID, f.Segment)
	assert.Equal(t, finding.Location{Path: "a.txt", Line: 3, Col: 1}, f.At, "the source segment")

	b := res.Report
	assert.Equal(t, []finding.Finding{f}, b.Files[0].Segments[1].Drafts[0].Findings, "the report shows it on the draft")
	assert.Empty(t, b.Files[0].Findings)

	p.MT = notesOn{word: "Vienne", next: &mttest.Fake{Name: "fake"}}
	res, err = p.Run(context.Background(), Inputs{Paths: []string{src}, Out: filepath.Join(dir, "out2")})
	require.NoError(t, err)
	require.Len(t, res.Files[0].Langs[0].Findings, 1)
	assert.Equal(t, finding.Warning, res.Files[0].Langs[0].Findings[0].Severity, "a note the engine did not grade is a warning")
}

// TestRunEngineUsage: what the engine was asked, by target language, is in
// the batch report and summary.json, asked once every file is translated.
func TestRunEngineUsage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(src, []byte("Bonjour.\n\nAu revoir.\n"), 0o644))
	fake := &mttest.Fake{}
	p := newPipeline(t, nil)
	p.MT = fake
	p.EngineUsage = func(lang language.Tag) report.EngineUsage {
		calls := 0
		for _, c := range fake.Calls() {
			if mt.Same(c.To, lang) {
				calls++
			}
		}
		return report.EngineUsage{Calls: calls, Segments: 2 * calls, Cached: 7}
	}
	out := filepath.Join(dir, "out")
	res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out})
	require.NoError(t, err)
	assert.Equal(t, map[string]report.EngineUsage{"en": {Calls: 1, Segments: 2, Cached: 7}, "es": {Calls: 1, Segments: 2, Cached: 7}}, res.Report.Engine)
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(string(data), `"engine": {`), "in the totals of both languages")

	p.MT = nil
	res, err = p.Run(context.Background(), Inputs{Paths: []string{src}, Out: filepath.Join(dir, "out2")})
	require.NoError(t, err)
	assert.Nil(t, res.Report.Engine, "no engine, no usage")
}

// A French page that keeps English sentences (documentation often does):
// in the English draft they stay as they are, in the Spanish one they are
// translated from English, where the engine has the pair, and from French
// where it has not; a French sentence is never taken for English.
func TestRunOtherLanguageSegments(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	english := "Please submit a pull request to include your templates."
	french := "Les maires des villes se réunissent à Lyon."
	require.NoError(t, os.WriteFile(src, []byte(french+"\n\n"+english+"\n"), 0o644))

	for _, tt := range []struct {
		name  string
		pairs []mt.Pair
		from  language.Tag // the language the English sentence is translated from into Spanish
	}{
		{"the engine has en-es", nil, language.English},
		{"the engine has no en-es", []mt.Pair{{From: language.French, To: language.English}, {From: language.French, To: language.Spanish}}, language.French},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := &mttest.Fake{Name: "fake", Pairs: tt.pairs, Dict: map[string]string{"maires": "mayors", "submit": "enviar"}}
			p := newPipeline(t, nil)
			p.MT = fake
			p.Languages = langid.New()
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tt.name, " ", "-"))
			res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: out})
			require.NoError(t, err)

			en, err := os.ReadFile(filepath.Join(out, "en", "a.txt"))
			require.NoError(t, err)
			assert.Equal(t, "Les mayors des villes se réunissent à Lyon.\n\n"+english+"\n", string(en))
			es, err := os.ReadFile(filepath.Join(out, "es", "a.txt"))
			require.NoError(t, err)
			assert.Contains(t, string(es), "Please enviar a pull request")
			var asked []string
			for _, call := range fake.Calls() {
				for _, s := range call.Segments {
					if s.Plain() == english {
						asked = append(asked, call.From.String()+">"+call.To.String())
					}
				}
			}
			want := []string{"en>es"}
			if tt.from == language.French {
				want = []string{"en>es", "fr>es"} // refused, then asked from French
			}
			assert.Equal(t, want, asked, "the English sentence never goes to the English engine")
			var notes []string
			for _, l := range res.Files[0].Langs {
				for _, f := range l.Findings {
					if f.Rule == "other-language" {
						notes = append(notes, f.Lang+": "+f.Message)
					}
				}
			}
			wantNotes := []string{"en: the source segment is in English already: kept as it is"}
			if tt.from == language.English {
				wantNotes = append(wantNotes, "es: the source segment is in English: translated from English")
			}
			assert.Equal(t, wantNotes, notes)
		})
	}
}

// unknownOn is an engine that, like Apertium, says which words of each
// segment it did not know: those of words the segment holds.
type unknownOn struct {
	words []string
	next  mt.Translator
}

func (u unknownOn) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	res, err := u.next.Translate(ctx, req)
	for i, s := range req.Segments {
		for _, w := range u.words {
			if err == nil && strings.Contains(s.Plain(), w) {
				res[i].Unknown = append(res[i].Unknown, w)
			}
		}
	}
	return res, err
}

// A word of the source the engine did not know and left in the draft is
// an info finding for the reviewer; names, acronyms, short words and words
// the source holds only inside a longer one are not.
func TestRunUnknownWords(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(src, []byte("Cet événement explorera Mechelen avec le PNUD et les villes explorerait.\n"), 0o644))
	p := newPipeline(t, nil)
	p.To = []language.Tag{language.English}
	p.MT = unknownOn{words: []string{"explorera", "Mechelen", "PNUD", "le", "explorer"}, next: &mttest.Fake{Name: "fake"}}
	res, err := p.Run(context.Background(), Inputs{Paths: []string{src}, Out: filepath.Join(dir, "out")})
	require.NoError(t, err)
	var got []string
	for _, f := range res.Files[0].Langs[0].Findings {
		if f.Rule == "unknown-word" {
			assert.Equal(t, finding.Info, f.Severity)
			got = append(got, f.Message)
		}
	}
	assert.Equal(t, []string{"the engine did not know “explorera” and left it as it is: check it"}, got)
}

// segmentsOf returns texts as the segments of one document, in order.
func segmentsOf(texts ...string) []*document.Segment {
	out := make([]*document.Segment, len(texts))
	for i, t := range texts {
		out[i] = &document.Segment{ID: fmt.Sprintf("s%d", i+1), Source: document.Text(t)}
	}
	return out
}

// No French sentence of FLORES-200 (lines 1–300) or TICO-19 (1–500) is
// taken for another language, on its own or as a page's sentences, nor
// are their first two and three words set among them as segments of
// their own (headings, table cells): a page's own sentences always go to
// the engine from French.
func TestOtherLanguageNeverTakesFrench(t *testing.T) {
	p := &Pipeline{Loader: newPipeline(t, nil).Loader, Languages: langid.New()}
	for _, f := range []string{testenv.Shared(t, "corpus", "parallel", "flores200-devtest", "fra_Latn.txt"), testenv.Shared(t, "corpus", "parallel", "tico19-test", "fra.txt")} {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		require.Greater(t, len(lines), 250)
		var page []string
		for _, l := range lines {
			if l := p.otherLanguages(segmentsOf(l))[0]; l != (language.Tag{}) {
				t.Errorf("%s: taken for %s on its own", filepath.Base(f), l)
			}
			w := strings.Fields(l)
			page = append(page, l, strings.Join(w[:min(2, len(w))], " "), strings.Join(w[:min(3, len(w))], " "))
		}
		for i, l := range p.otherLanguages(segmentsOf(page...)) {
			if l != (language.Tag{}) {
				t.Errorf("%s: taken for %s in a page: %s", filepath.Base(f), l, page[i])
			}
		}
	}
}
