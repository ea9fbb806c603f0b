package termguard_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/apertium"
	"github.com/relais-tm/relais/pkg/typography"
)

// The terms the issue lists for the seed article, in each draft.
var seedWant = map[string][]string{
	"en": {"UCLG", "IOM", "UN-Habitat", "ICMPD", "MC2CM", "United Nations", "New Urban Agenda", "New York Declaration",
		"Global Compact", "Beirut", "Mechelen", "Tangier", "Turin", "Tunis", "Vienna", "Lisbon", "Amman", "Lebanon", "Belgium",
		"6 November 2017"},
	"es": {"CGLU", "OIM", "ONU-Habitat", "Malinas", "Tánger", "Turín", "Túnez", "Viena", "Lisboa", "Amán", "Líbano", "Bélgica",
		"6 de noviembre de 2017"},
}

// What raw Apertium writes on the seed and a draft must not.
var seedNot = map[string][]string{
	"en": {"CGLU", "Malinas", "Tunisia", "UN-HABITAT", "ONU", "Líbano", "Viena", "Toronto", "Chicago"},
	"es": {"ONU-HÁBITAT", "ejecutivos locales", "Tunisia", "Toronto", "Chicago"},
}

func localApertium(t *testing.T) (*apertium.Engine, []mt.Pair) {
	t.Helper()
	testenv.RequireTool(t, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	e, err := apertium.New(apertium.Options{})
	require.NoError(t, err)
	pairs, err := e.Pairs(context.Background())
	require.NoError(t, err)
	if _, err := mt.FindRoute(pairs, fr, en, nil); err != nil {
		testenv.Missing(t, err.Error())
	}
	return e, pairs
}

// articles returns the seed and the French articles of testdata.
func articles(t *testing.T) []string {
	t.Helper()
	paths := []string{testenv.Shared(t, "seeds", "cities4migration-fr.txt")}
	root := testenv.ModuleRoot(t)
	for _, dir := range []string{"testdata/articles", "testdata/articles-mt"} {
		m, err := filepath.Glob(filepath.Join(root, dir, "*"))
		require.NoError(t, err)
		for _, p := range m {
			if strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt") {
				paths = append(paths, p)
			}
		}
	}
	return paths
}

var unknownMark = regexp.MustCompile(`(^|[\s(«“])\*\p{L}`)

// checkDraft asserts what every draft must hold: each unambiguous glossary
// term of the source rendered by an allowed target term and no forbidden
// one, no unknown-word mark, no French typography.
func checkDraft(t *testing.T, tb *glossary.Termbase, path string, lang language.Tag, d translated) {
	t.Helper()
	src := glossary.NewMatcher(tb, fr)
	tgt := glossary.NewMatcher(tb, lang)
	for _, seg := range d.doc.Segments() {
		hits := src.Match(seg.Source.Plain())
		for _, v := range tgt.Verify(hits, d.targets[seg.ID].Plain()) {
			if v.Outcome == glossary.NoTarget || v.Outcome == glossary.NotEnforced {
				continue
			}
			assert.Equal(t, glossary.Rendered, v.Outcome, "%s %s: %s: “%s” should be “%s” in %q",
				filepath.Base(path), lang, seg.ID, v.Hit.Text, v.Want, d.targets[seg.ID].Plain())
			// In the form the termbase prefers, short forms included.
			assert.Contains(t, strings.ToLower(d.targets[seg.ID].Plain()), strings.ToLower(v.Want), "%s %s: %s: “%s”",
				filepath.Base(path), lang, seg.ID, v.Hit.Text)
		}
		assert.False(t, typography.French(d.targets[seg.ID].Plain()), "%s %s: French typography left in %q", filepath.Base(path), lang, d.targets[seg.ID].Plain())
		if !strings.HasSuffix(path, ".md") {
			assert.NotRegexp(t, unknownMark, d.targets[seg.ID].Plain(), "unknown-word mark")
		}
	}
}

func TestSeedWithApertium(t *testing.T) {
	engine, pairs := localApertium(t)
	tb := termbase(t)
	tr := stack(t, engine, pairs, tb)
	seed := testenv.Shared(t, "seeds", "cities4migration-fr.txt")
	for _, lang := range []language.Tag{en, es} {
		t.Run(lang.String(), func(t *testing.T) {
			d := translate(t, tr, seed, lang)
			for _, w := range seedWant[lang.String()] {
				assert.Contains(t, d.draft, w)
			}
			for _, w := range seedNot[lang.String()] {
				assert.NotContains(t, d.draft, w)
			}
			assert.NotContains(t, d.draft, "*", "no unknown-word mark")
			checkDraft(t, tb, seed, lang, d)
			for _, r := range d.results {
				assert.Equal(t, map[string]string{"en": "apertium:fr-es-en", "es": "apertium:fr-es"}[lang.String()], r.Engine)
			}
			var vienne []finding.Finding
			for _, r := range d.results {
				for _, n := range r.Notes {
					if strings.HasPrefix(n.Message, "“Vienne”") {
						vienne = append(vienne, n)
					}
				}
			}
			require.Len(t, vienne, 1, "the ambiguous Vienne is flagged once")
			assert.Equal(t, "ambiguous-term", vienne[0].Rule)
			t.Logf("%s draft:\n%s", lang, d.draft)
		})
	}
}

// A city protected from Apertium takes the preposition Apertium gives
// the city's own name: "à Beyrouth" is where something takes place, and
// "va à Beyrouth" where one goes.
func TestCityPrepositionsWithApertium(t *testing.T) {
	engine, pairs := localApertium(t)
	tr := stack(t, engine, pairs, termbase(t))
	segs := []document.Content{
		document.Text("La conférence aura lieu à Beyrouth."),
		document.Text("Le maire ira à Malines."),
	}
	want := map[string][]string{
		"es": {"La conferencia tendrá lugar en Beirut.", "El alcalde irá a Malinas."},
		"en": {"The conference will take place in Beirut.", "The mayor will go to Mechelen."},
	}
	for _, lang := range []language.Tag{es, en} {
		res, err := tr.Translate(context.Background(), mt.Request{From: fr, To: lang, Segments: segs})
		require.NoError(t, err)
		for i := range segs {
			require.NoError(t, res[i].Err)
			assert.Equal(t, want[lang.String()][i], res[i].Target.Plain(), "%s", lang)
		}
	}
}

func TestArticlesWithApertium(t *testing.T) {
	engine, pairs := localApertium(t)
	tb := termbase(t)
	tr := stack(t, engine, pairs, tb)
	for _, path := range articles(t)[1:] {
		for _, lang := range []language.Tag{en, es} {
			t.Run(filepath.Base(path)+"/"+lang.String(), func(t *testing.T) {
				d := translate(t, tr, path, lang)
				checkDraft(t, tb, path, lang, d)
			})
		}
	}
}
