package glossary

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/internal/testenv"
)

var fr, en, es = language.French, language.English, language.Spanish

func loadShipped(t testing.TB) *Termbase {
	t.Helper()
	tb, err := LoadFS(shipped.FS, "glossary")
	require.NoError(t, err)
	return tb
}

func TestShippedTermbase(t *testing.T) {
	tb := loadShipped(t)
	assert.GreaterOrEqual(t, len(tb.Concepts), 120)
	assert.Empty(t, Validate(tb, fr, en, es), "the shipped termbase has no finding")
	for _, c := range tb.Concepts {
		assert.NotEmpty(t, c.Subject, "concept %s has a subject field", c.ID)
		assert.Equal(t, "glossary/institutional.tbx", c.Path)
		for _, l := range []language.Tag{fr, en, es} {
			for _, term := range c.Terms(l) {
				if term.Status == Admitted && term.Type != Variant && term.Type != ShortForm && term.Type != Acronym {
					// A full name we are not sure of says so (never invent an official name).
					if !strings.Contains(term.Note, "confirm") && !strings.Contains(term.Note, "seen") && !strings.Contains(term.Note, "used") && !strings.Contains(term.Note, "UCLG") {
						t.Errorf("%s: admitted full form %q (%s) has no note saying why", c.ID, term.Text, l)
					}
				}
			}
		}
	}
}

// TestShippedWritesItself pins the file format: the embedded file is what
// WriteTBX writes for it, byte for byte, so an export of the shipped
// termbase alone gives back the shipped file.
func TestShippedWritesItself(t *testing.T) {
	want, err := fs.ReadFile(shipped.FS, "institutional.tbx")
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, WriteTBX(&b, loadShipped(t)))
	assert.Equal(t, string(want), b.String())
}

// TestShippedAgreesWithSources checks the shipped termbase against the
// verified cells of the corpus's table of institutional names: every name
// and abbreviation a cited page confirmed for a language is an allowed
// term of the same concept.
func TestShippedAgreesWithSources(t *testing.T) {
	path := testenv.Shared(t, "corpus", "glossary", "institutional-terms.tsv")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	require.NoError(t, err)
	head := map[string]int{}
	for i, h := range rows[0] {
		head[h] = i
	}
	ids := map[string]string{ // the table's IDs → the shipped termbase's
		"uclg": "uclg", "iom": "iom", "un-habitat": "un-habitat", "icmpd": "icmpd",
		"gcm": "global-compact-for-migration", "new-urban-agenda": "new-urban-agenda", "habitat-iii": "habitat-iii",
		"agenda-2030": "2030-agenda", "sdg": "sdg", "un": "un", "undp": "undp", "unhcr": "unhcr",
		"ny-declaration": "new-york-declaration", "gfmd": "gfmd", "gtf": "global-taskforce",
	}
	tb := loadShipped(t)
	checked := 0
	for _, row := range rows[1:] {
		id, ok := ids[row[head["id"]]]
		if !ok {
			continue // not a concept of the shipped termbase (the IOM glossary, a publication)
		}
		c := tb.Concept(id)
		require.NotNil(t, c, id)
		for _, l := range strings.Split(row[head["verified_langs"]], ",") {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			for _, col := range []string{l, l + "_abbr"} {
				want := row[head[col]]
				if want == "" {
					continue
				}
				found := false
				for _, term := range c.Terms(language.Make(l)) {
					found = found || (term.Text == want && !term.Status.Forbidden())
				}
				assert.True(t, found, "%s: the verified %s %q is an allowed term of concept %s", row[head["id"]], col, want, id)
				checked++
			}
		}
	}
	assert.GreaterOrEqual(t, checked, 30, "cells checked")
}

// TestSeedLookup runs the matcher on each sentence of the seed article and
// pins what it finds: every institution, place and framework the article
// names, "l’OIM" with U+2019 included.
func TestSeedLookup(t *testing.T) {
	data, err := os.ReadFile(testenv.Shared(t, "seeds", "cities4migration-fr.txt"))
	require.NoError(t, err)
	m := NewMatcher(loadShipped(t), fr)
	found := map[string]int{} // concept → hits that are not ambiguous (nested ones included)
	var b strings.Builder
	for i, s := range testenv.Sentences(string(data)) {
		for _, h := range m.MatchAll(s) {
			if !h.Ambiguous {
				found[h.Concept.ID]++
			}
			enT, _ := h.Target(en)
			esT, _ := h.Target(es)
			fmt.Fprintf(&b, "%d\t%d-%d\t%s\t%s\t%s | %s", i+1, h.Span.Start, h.Span.End, h.Text, h.Concept.ID, enT, esT)
			if h.Ambiguous {
				b.WriteString("\t[ambiguous]")
			}
			if h.Nested {
				b.WriteString("\t[nested]")
			}
			b.WriteString("\n")
		}
	}
	testenv.Golden(t, "testdata/seed-hits.golden", []byte(b.String()))
	want := map[string]int{
		"uclg": 12, "iom": 3, "un-habitat": 2, "icmpd": 3, "mc2cm": 7, "un": 5,
		"new-urban-agenda": 2, "new-york-declaration": 1, "global-compact-for-migration": 1,
		"beirut": 4, "mechelen": 2, "lebanon": 1, "belgium": 2,
		"amman": 1, "lisbon": 1, "lyon": 1, "madrid": 1, "tangier": 1, "turin": 1, "tunis": 1,
		"local-government": 4, "local-regional-government": 1,
	}
	for id, n := range want {
		assert.Equal(t, n, found[id], "hits of %s", id)
	}
	// Vienne is found, as an ambiguous hit; so are the short forms read
	// only as anaphoras ("déclarations", "Conférence": termguard).
	assert.Contains(t, b.String(), "Vienne\tvienna\tVienna | Viena\t[ambiguous]")
	assert.Contains(t, b.String(), "\tOIM\tiom\tIOM | OIM\n", "l’OIM with U+2019")
	assert.Contains(t, b.String(), "\tONU Habitat\tun-habitat\tUN-Habitat | ONU-Habitat\n")
	assert.Contains(t, b.String(), "\tgouvernements locaux et régionaux\tlocal-regional-government\tlocal and regional governments | gobiernos locales y regionales\n")
}

func BenchmarkLoadShipped(b *testing.B) {
	for b.Loop() {
		if _, err := LoadFS(shipped.FS, "glossary"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadShippedAndIndex(b *testing.B) {
	for b.Loop() {
		tb, err := LoadFS(shipped.FS, "glossary")
		if err != nil {
			b.Fatal(err)
		}
		NewMatcher(tb, fr)
	}
}

// BenchmarkMatch100k matches the shipped termbase against 100,000
// segments: the sentences of the seed article and of the FLORES-200
// French devtest (general news), over and over.
func BenchmarkMatch100k(b *testing.B) {
	var segs []string
	if data, err := os.ReadFile(testenv.Shared(b, "seeds", "cities4migration-fr.txt")); err == nil {
		segs = append(segs, testenv.Sentences(string(data))...)
	}
	if data, err := os.ReadFile(testenv.Shared(b, "corpus", "parallel", "flores200-devtest", "fra_Latn.txt")); err == nil {
		segs = append(segs, strings.Split(strings.TrimSpace(string(data)), "\n")...)
	}
	require.NotEmpty(b, segs)
	m := NewMatcher(loadShipped(b), fr)
	const n = 100_000
	b.ResetTimer()
	hits := 0
	for b.Loop() {
		hits = 0
		for i := range n {
			hits += len(m.Match(segs[i%len(segs)]))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
	b.ReportMetric(float64(hits), "hits/100k")
}

// TestShippedSpanishGrammar: every Spanish term of the shipped termbase
// says what an article before it agrees with (a gender, "other" for a
// noun of common gender) or that it takes none, so that relais can settle
// the article the engine guessed before it.
func TestShippedSpanishGrammar(t *testing.T) {
	for _, c := range loadShipped(t).Concepts {
		for _, term := range c.Terms(es) {
			assert.True(t, term.Gender != "" || term.Article == ArticleNone, "%s: %q has no gender", c.ID, term.Text)
		}
	}
}
