package glossary

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

func entryNames(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		s := e.Concept.ID + "/" + e.Term.Lang.String() + "/" + e.Term.Text
		if e.Ambiguous() {
			s += "?"
		}
		out = append(out, s)
	}
	return out
}

func TestEntries(t *testing.T) {
	tb := &Termbase{}
	a := &Concept{ID: "a"}
	a.Add(fr, &Term{Text: "un"})
	a.Add(language.BritishEnglish, &Term{Text: "one-gb"})
	a.Add(en, &Term{Text: "one"})
	a.Add(fr, &Term{Text: "une", Ambiguous: true})
	b := &Concept{ID: "b", Ambiguous: true}
	b.Add(es, &Term{Text: "dos"})
	tb.Concepts = append(tb.Concepts, a, b)

	assert.Equal(t, []string{"a/fr/un", "a/fr/une?", "a/en-GB/one-gb", "a/en/one", "b/es/dos?"}, entryNames(tb.Entries()),
		"concept by concept, section by section")
	assert.Equal(t, []string{"a/en-GB/one-gb", "a/en/one"}, entryNames(tb.EntriesIn(en)), "en serves en-GB terms")
	assert.Equal(t, []string{"a/en-GB/one-gb", "a/en/one"}, entryNames(tb.EntriesIn(language.BritishEnglish)), "a bare term serves every region")
	assert.Equal(t, []string{"a/en/one"}, entryNames(tb.EntriesIn(language.AmericanEnglish)), "en-GB does not serve en-US")
	assert.Equal(t, []string{"b/es/dos?"}, entryNames(tb.EntriesIn(es)))
	assert.Empty(t, tb.EntriesIn(language.German))
	assert.Empty(t, (&Termbase{}).Entries())
}

func TestLookup(t *testing.T) {
	m := NewMatcher(rulesTermbase(t), fr)
	got := []string{}
	for _, h := range m.Lookup("Les réfugiées de l'ONU à Vienne", en, es, language.German) {
		s := fmt.Sprintf("%d-%d %s=%s", h.Span.Start, h.Span.End, h.Text, h.Concept.ID)
		if h.InflectedPlural() {
			s += " [plural]"
		}
		if h.InflectedFeminine() {
			s += " [feminine]"
		}
		if h.Nested {
			s += " [nested]"
		}
		_, de := h.Targets[language.German]
		assert.False(t, de, "no target without a term in the language")
		s += " → en: " + h.Targets[en] + " · es: " + h.Targets[es]
		got = append(got, s)
	}
	assert.Equal(t, []string{
		"4-15 réfugiées=refugee [plural] [feminine] → en: refugees · es: refugiadas",
		"21-24 ONU=un → en: UN · es: ONU",
		"28-34 Vienne=vienna → en: Vienna · es: Viena",
	}, got)
	assert.Empty(t, m.Lookup("rien", en))
}

func TestInflectedMarks(t *testing.T) {
	m := NewMatcher(rulesTermbase(t), fr)
	cases := []struct {
		text             string
		plural, feminine bool
	}{
		{"réfugié", false, false},
		{"réfugiés", true, false},
		{"réfugiée", false, true},
		{"réfugiées", true, true},
		{"Nations Unies", false, false}, // plural in the termbase
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			hits := m.Match(tc.text)
			require.Len(t, hits, 1)
			assert.Equal(t, tc.plural, hits[0].InflectedPlural())
			assert.Equal(t, tc.feminine, hits[0].InflectedFeminine())
			assert.Equal(t, tc.plural || tc.feminine, hits[0].Inflected())
		})
	}
}

func TestConceptIDs(t *testing.T) {
	m := NewMatcher(rulesTermbase(t), fr)
	assert.Equal(t, []string{"oim", "glr"}, m.ConceptIDs("l'OIM et les gouvernements locaux et régionaux"))
	assert.Nil(t, m.ConceptIDs("rien"))
}

func TestValidateRead(t *testing.T) {
	tb, err := ReadTSV("bad.tsv", strings.NewReader("fr\tstatus\nx\tbest\n"))
	require.Error(t, err)
	fs, err := ValidateRead(tb, err, fr)
	require.NoError(t, err, "a fault of the content is a finding")
	require.Len(t, fs, 1)
	assert.Equal(t, "bad.tsv:2:3: unknown status \"best\" (want preferred, admitted, deprecated or superseded) [malformed]", FormatFinding(fs[0]))

	open := fmt.Errorf("glossary: %w", errors.New("open x.tsv: permission denied"))
	_, err = ValidateRead(nil, open, fr)
	assert.Same(t, open, err, "a file that could not be read is an error")

	joined := errors.Join(&document.PosError{Path: "a.tbx", Pos: document.Position{Line: 1, Col: 2}, Err: errors.New("one")},
		&document.PosError{Path: "a.tbx", Pos: document.Position{Line: 3, Col: 4}, Err: errors.New("two")})
	fs, err = ValidateRead(nil, joined)
	require.NoError(t, err)
	assert.Len(t, fs, 2)

	good := termbaseOf("a")
	fs, err = ValidateRead(good, nil, fr, en)
	require.NoError(t, err)
	assert.Equal(t, Validate(good, fr, en), fs)
}
