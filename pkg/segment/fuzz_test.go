package segment

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/plaintext"
)

// FuzzSegment checks the invariants of segmentation on any text: the
// plain-text codec builds the blocks (with atomic line breaks and bracket
// codes), the French rules cut them, and the segments must lie in order
// inside their block, read as white space between them, hold every code,
// and carry runs that tile their spans with the source's bytes. Boundaries
// must keep its contract for every language and with SRX rules.
func FuzzSegment(f *testing.F) {
	for _, cases := range [][]sentenceCase{frenchCases, englishCases, spanishCases} {
		for _, c := range cases {
			f.Add(c.in)
		}
	}
	for _, p := range seedParagraphs(f) {
		f.Add(p)
	}
	f.Add("Un.\n\nDeux.\r\n  Trois ?\n[Quatre. Cinq]\n\n[]\n\n\u00a0\u202f. ! ?\n« » … (…) [...]")
	var all []*Rules
	for _, tag := range []language.Tag{language.French, language.English, language.Spanish, language.German} {
		r, err := New(tag)
		require.NoError(f, err)
		all = append(all, r)
	}
	srx, err := ReadSRX("small.srx", strings.NewReader(strings.Replace(smallSRX, "%s", "yes", 1)))
	require.NoError(f, err)
	withSRX, err := New(language.French, WithSRX(srx))
	require.NoError(f, err)
	all = append(all, withSRX)
	codec := plaintext.New()
	f.Fuzz(func(t *testing.T, text string) {
		for _, r := range all {
			doc, err := codec.Extract("fuzz.txt", []byte(text))
			require.NoError(t, err)
			r.Document(doc)
			requireSegments(t, doc)
			requireBoundaries(t, text, r.Boundaries(text))
		}
	})
}

// FuzzReadSRX checks that ReadSRX never panics, fails only with a
// *document.PosError, and that what it accepts segments text.
func FuzzReadSRX(f *testing.F) {
	f.Add(strings.Replace(smallSRX, "%s", "yes", 1))
	f.Add(strings.Replace(smallSRX, "%s", "no", 1))
	f.Add(`<srx version="2.0"><header cascade="no"/><body><languagerules><languagerule languagerulename="x">` +
		`<rule break="no"><beforebreak>[\u00A0\h]\p{Lu}+?\Z</beforebreak><afterbreak>(?i)\s+\P{javaLowerCase}</afterbreak></rule>` +
		`<rule><beforebreak>(?&lt;=a)</beforebreak></rule></languagerule></languagerules>` +
		`<maprules><languagemap languagepattern="FR.*" languagerulename="x"/></maprules></body></srx>`)
	f.Add(`<srx><body><maprules><languagemap languagepattern="(" languagerulename="x"/></maprules></body></srx>`)
	f.Fuzz(func(t *testing.T, src string) {
		srx, err := ReadSRX("fuzz.srx", strings.NewReader(src))
		if err != nil {
			var pe *document.PosError
			require.True(t, errors.As(err, &pe), "%T %v", err, err)
			require.True(t, strings.HasPrefix(pe.Err.Error(), "srx: "), "%v", err)
			return
		}
		r, err := New(language.French, WithSRX(srx))
		require.NoError(t, err)
		text := "M. Dupont arrive. Il parle ; « Oui ? » Non… Fin."
		requireBoundaries(t, text, r.Boundaries(text))
	})
}

// FuzzBlock checks the block invariants on hand-built blocks mixing
// verbatim text with codes and atomic runs, which the plain-text codec
// alone does not produce. Control bytes of the input stand for runs:
// 1 opens a code, 2 closes the last open one, 3 is a standalone code, 4 a
// line-break code, 5 to 8 atomic runs ("&amp;", "\n> ", "&#46;",
// "&#x2E; Suite").
func FuzzBlock(f *testing.F) {
	for _, c := range frenchCases[:40] {
		f.Add(c.in)
	}
	f.Add("\x01Phrase.\x02 Suite.")
	f.Add("Phrase. \x01Suite.\x02\x03 \x04Fin\x07 Un\x05deux.\x06Trois\x08 encore.")
	f.Add("\x03\x01\x02 \x04")
	fr, err := New(language.French)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, in string) {
		var parts []part
		var open []string
		text := ""
		flush := func() {
			if text != "" {
				parts = append(parts, T(text))
				text = ""
			}
		}
		for i := 0; i < len(in); i++ {
			c := in[i]
			if c > 8 || c == 0 {
				text += string(c)
				continue
			}
			flush()
			id := strconv.Itoa(i + 1)
			switch c {
			case 1:
				open = append(open, id)
				parts = append(parts, O(id, "<b>"))
			case 2:
				if len(open) == 0 {
					parts = append(parts, S(id, "</b>"))
					continue
				}
				parts = append(parts, C(open[len(open)-1], "</b>"))
				open = open[:len(open)-1]
			case 3:
				parts = append(parts, S(id, "<img/>"))
			case 4:
				parts = append(parts, B(id, "  \n"))
			case 5:
				parts = append(parts, A("&amp;", "&"))
			case 6:
				parts = append(parts, A("\n> ", " "))
			case 7:
				parts = append(parts, A("&#46;", "."))
			case 8:
				parts = append(parts, A("&#x2E; Suite", ". Suite"))
			}
		}
		flush()
		doc := build(parts...)
		fr.Document(doc)
		requireSegments(t, doc)
	})
}

// FuzzPlainBreak checks that the shortcut of uaxBreaks agrees with uniseg
// on every candidate where it answers.
func FuzzPlainBreak(f *testing.F) {
	for _, cases := range [][]sentenceCase{frenchCases, englishCases, spanishCases} {
		for _, c := range cases {
			f.Add(c.in)
		}
	}
	for _, p := range seedParagraphs(f) {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, c := range scan(text, true, nil) {
			if plainBreak(text, &c) && !uniBreaks(text, &c) {
				t.Fatalf("%q: a break at %d for the shortcut, none for uniseg", text, c.q)
			}
		}
	})
}
