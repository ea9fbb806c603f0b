package document

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestPosition(t *testing.T) {
	doc := New("a.txt", "plaintext", language.French, []byte("é1\nàb\n\nxyz"))
	cases := []struct {
		off       int
		line, col int
	}{{0, 1, 1}, {2, 1, 2}, {3, 1, 3}, {4, 2, 1}, {6, 2, 2}, {8, 3, 1}, {9, 4, 1}, {11, 4, 3}, {99, 4, 4}}
	for _, tc := range cases {
		p := doc.Position(tc.off)
		assert.Equal(t, [2]int{tc.line, tc.col}, [2]int{p.Line, p.Col}, "offset %d", tc.off)
	}
	lit := &Document{Source: doc.Source}
	assert.Equal(t, doc.Position(6), lit.Position(6), "a literal document gives the same positions")
}

func TestLines(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		off       int
		line, col int
		offset    int // the offset the position keeps
	}{
		{"start", "abc", 0, 1, 1, 0},
		{"end", "abc", 3, 1, 4, 3},
		{"empty text", "", 0, 1, 1, 0},
		{"before the text", "abc", -5, 1, 1, 0},
		{"past the end", "a\nbc", 99, 2, 3, 4},
		{"on a line break", "ab\ncd", 2, 1, 3, 2},
		{"after a line break", "ab\ncd", 3, 2, 1, 3},
		{"after a final line break", "ab\n", 3, 2, 1, 3},
		{"blank lines", "a\n\n\nb", 4, 4, 1, 4},
		{"characters, not bytes", "é€x", 5, 1, 3, 5},
		{"inside a character", "é", 1, 1, 2, 1},
		{"a byte that is not UTF-8 is one character", "\xff\xfex", 2, 1, 3, 2},
		{"carriage return is a character", "a\r\nb\rc", 5, 2, 3, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := NewLines([]byte(tc.text)).Position(tc.off)
			assert.Equal(t, Position{Offset: tc.offset, Line: tc.line, Col: tc.col}, p)
		})
	}
}

// FuzzLines holds Lines to the plain count: the line breaks before the
// offset, and the characters since the last one.
func FuzzLines(f *testing.F) {
	f.Add("é1\nàb\n\nxyz", 6)
	f.Add("\n\xff\n", 2)
	f.Fuzz(func(t *testing.T, text string, off int) {
		l := NewLines([]byte(text))
		for _, o := range []int{off, len(text), 0, off % (len(text) + 1)} {
			p := l.Position(o)
			o = max(0, min(o, len(text)))
			head := text[:o]
			want := Position{Offset: o, Line: strings.Count(head, "\n") + 1,
				Col: utf8.RuneCountInString(head[strings.LastIndexByte(head, '\n')+1:]) + 1}
			if p != want {
				t.Fatalf("%q at %d: %+v, want %+v", text, o, p, want)
			}
		}
	})
}

func TestContentKey(t *testing.T) {
	strong := &Code{ID: "4", Kind: Open, Type: "fmt:strong", Data: "**"}
	strongEnd := &Code{ID: "4", Kind: Close, Type: "fmt:strong", Data: "**"}
	code := &Code{ID: "9", Kind: Standalone, Type: "code", Data: "`x`"}
	cases := []struct {
		name string
		c    Content
		want string
	}{
		{"folds blanks", Content{{Text: "  Les\u00a0maires \n se réunissent. "}}, "Les maires se réunissent."},
		{"NFC", Content{{Text: "e\u0301lus"}}, "élus"},
		{"codes numbered by order", Content{{Text: "Le "}, {Code: strong}, {Text: "décret"}, {Code: strongEnd}, {Text: " "}, {Code: code}}, "Le {1}décret{/1} {2/}"},
		{"close without open", Content{{Code: strongEnd}, {Text: " suite"}}, "{/1} suite"},
		{"empty", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.c.Key()) })
	}
	a := Content{{Text: "Le "}, {Code: strong}, {Text: "x"}, {Code: strongEnd}}
	b := Content{{Text: "Le "}, {Code: &Code{ID: "1", Kind: Open}}, {Text: "x"}, {Code: &Code{ID: "1", Kind: Close}}}
	assert.Equal(t, a.Key(), b.Key(), "the same sentence in another block has the same key")
}

func TestWords(t *testing.T) {
	cases := map[string]int{
		"":                          0,
		"Les maires se réunissent.": 4,
		"l’OIM et l'ONU":            5,
		"10 000 habitants, 1,5 %":   3,
		"ONU-Habitat\u00a0: 2017":   3,
		"« Tous migrants ! »":       2,
	}
	for s, want := range cases {
		assert.Equal(t, want, CountWords(s), "%q", s)
	}
}

func TestContentEqual(t *testing.T) {
	c1 := &Code{ID: "1", Kind: Open, Data: "**"}
	c1b := &Code{ID: "1", Kind: Open, Data: "__"}
	assert.True(t, Content{{Text: "a"}, {Text: "b"}, {Code: c1}}.Equal(Content{{Text: "ab"}, {Code: c1b}}), "adjacent texts and code identity")
	assert.False(t, Content{{Text: "ab"}}.Equal(Content{{Text: "ab "}}))
	assert.False(t, Content{{Code: c1}}.Equal(Content{{Code: &Code{ID: "1", Kind: Close}}}))
	assert.False(t, Content{{Text: "a"}, {Code: c1}}.Equal(Content{{Text: "a"}}))
	assert.True(t, Content{}.Equal(nil))
}

func TestOriginRoundTrip(t *testing.T) {
	for _, o := range []Origin{{}, {Kind: FromInContext, Score: 101}, {Kind: FromExact, Score: 100},
		{Kind: FromFuzzy, Score: 87}, {Kind: FromFuzzy, Score: 99, Repaired: true}, {Kind: FromMachine, Engine: "apertium:fr-es-en"}, {Kind: FromHuman}} {
		got, err := ParseOrigin(o.String())
		require.NoError(t, err)
		assert.Equal(t, o, got)
	}
	assert.Equal(t, "tm-repaired-99", Origin{Kind: FromFuzzy, Score: 99, Repaired: true}.String())
	for _, bad := range []string{"tm-fuzzy-x", "tm-fuzzy-101", "tm-repaired-", "tm-repaired-x", "mt-", "robot"} {
		_, err := ParseOrigin(bad)
		assert.Error(t, err, bad)
	}
	for s := Initial; s <= Final; s++ {
		got, err := ParseState(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	_, err := ParseState("signed-off")
	assert.Error(t, err)
}
