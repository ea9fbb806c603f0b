package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/segment"
)

// longer makes a translation about half again as long as its source: the
// first word of every pair is said twice.
func longer(s string) string {
	words := strings.Fields(s)
	var out []string
	for i, w := range words {
		out = append(out, w)
		if i%2 == 0 {
			out = append(out, strings.ToUpper(w))
		}
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	trail := s[len(strings.TrimRight(s, " ")):]
	if len(out) == 0 {
		return s
	}
	return lead + strings.Join(out, " ") + trail
}

// draftOf merges src with every segment's text through f, sentence by
// sentence (the French rules cut the blocks, as a batch does).
func draftOf(t *testing.T, src string, f func(string) string) string {
	t.Helper()
	c := New()
	doc, err := c.Extract("a.md", []byte(src))
	require.NoError(t, err)
	seg, err := segment.New(language.French)
	require.NoError(t, err)
	seg.Document(doc)
	return string(merged(t, c, doc, targetsFrom(doc, eachText(f))))
}

func TestLineStructure(t *testing.T) {
	t.Run("semantic line breaks keep the source's lines", func(t *testing.T) {
		src := "La ville accueille les migrants,\nles familles et les enfants.\nElle organise une conférence.\n\n" +
			"> Les maires se réunissent,\n> puis ils discutent longuement de la politique locale.\n\n" +
			"- Un point de liste,\n  sur deux lignes.\n"
		for name, f := range map[string]func(string) string{"upper": strings.ToUpper, "longer": longer, "reversed": reverseWords} {
			out := draftOf(t, src, f)
			assert.Equal(t, strings.Count(src, "\n"), strings.Count(out, "\n"), "%s:\n%s", name, out)
			assert.Equal(t, tree([]byte(src)), tree([]byte(out)), name)
			assert.Contains(t, out, "\n> ", "the quote's prefix on its continuation line")
			assert.Contains(t, out, "\n  ", "the list item's indentation on its continuation line")
		}
	})
	t.Run("hard-wrapped paragraphs are wrapped at the source's width", func(t *testing.T) {
		src := "Un paragraphe coupé à une largeur fixe pour que les lignes ne\n" +
			"dépassent pas soixante caractères, comme le font beaucoup\n" +
			"d'auteurs de documentation technique depuis [très\nlongtemps](https://exemple.org/une/adresse/longue) déjà. Une\n" +
			"phrase courte.\nPuis une autre phrase, qui tient toute sur sa ligne du paragraphe.\n" +
			"Et une dernière phrase qui finit le paragraphe.\n"
		width := 0
		for _, l := range strings.Split(src, "\n") {
			width = max(width, utf8.RuneCountInString(l))
		}
		out := draftOf(t, src, longer)
		// A link's text breaks as the source's does; its tail
		// ("longtemps](https://…)") is a word like any other.
		longest := 0
		for _, w := range strings.Fields(out) {
			longest = max(longest, utf8.RuneCountInString(w))
		}
		for _, l := range strings.Split(out, "\n") {
			assert.LessOrEqual(t, utf8.RuneCountInString(l), width+1+longest, "line %q", l)
		}
		assert.Greater(t, strings.Count(out, "\n"), strings.Count(src, "\n"), "the longer text takes more lines:\n%s", out)
		assert.Contains(t, out, "(https://exemple.org/une/adresse/longue)", "the link's address whole")
		assert.Equal(t, tree([]byte(src)), tree([]byte(out)))
	})
	t.Run("a sentence left as it is after a translated one is wrapped again", func(t *testing.T) {
		src := "Une première phrase assez longue qui\npasse sur deux lignes. The second one\nstays as it is.\n"
		c := New()
		doc, err := c.Extract("a.md", []byte(src))
		require.NoError(t, err)
		seg, err := segment.New(language.French)
		require.NoError(t, err)
		seg.Document(doc)
		segs := doc.Segments()
		require.Len(t, segs, 2)
		targets := map[string]document.Content{
			segs[0].ID: document.Text("Aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn."),
			segs[1].ID: segs[1].Source,
		}
		out := string(merged(t, c, doc, targets))
		for _, l := range strings.Split(out, "\n") {
			assert.LessOrEqual(t, utf8.RuneCountInString(l), 37+1+len("second"), "line %q in\n%s", l, out)
		}
		assert.Contains(t, strings.Join(strings.Fields(out), " "), "The second one stays as it is.")
	})
	t.Run("a paragraph on one line stays on one line", func(t *testing.T) {
		src := "Un paragraphe écrit sur une seule ligne avec deux phrases. Voici la seconde phrase, bien plus longue que la première.\n"
		out := draftOf(t, src, longer)
		assert.Equal(t, 1, strings.Count(out, "\n"), out)
	})
	t.Run("no line starts a block", func(t *testing.T) {
		src := "Une phrase assez longue qui passe\nsur deux lignes.\n"
		out := draftOf(t, src, func(string) string { return "one two three four five - six 1. seven # eight > nine" })
		for _, l := range strings.Split(out, "\n")[1:] {
			if l != "" {
				assert.NotContains(t, "-#>", l[:1], "line %q", l)
			}
		}
		assert.Equal(t, tree([]byte(src)), tree([]byte(out)))
	})
	t.Run("a code that ends or starts a line keeps its place", func(t *testing.T) {
		src := "Un texte assez long pour la ligne `code`\n`autre` suite du texte\nici même.\n"
		out := draftOf(t, src, strings.ToUpper)
		// The rest is wrapped again at the width: its words fit on one line.
		assert.Equal(t, "UN TEXTE ASSEZ LONG POUR LA LIGNE `code`\n`autre` SUITE DU TEXTE ICI MÊME.\n", out)
	})
	t.Run("a word like a site marker keeps its line start", func(t *testing.T) {
		// Unclosed (the last line has fewer colons than the innermost
		// opener), neither colon line is a marker. Joined, ":::N é ::::N"
		// would be one, with a title, and ":::" would close it.
		src := ":::A é\n::::A\n\n:::\n"
		assert.Equal(t, ":::N é\n::::N\n\n:::\n", draftOf(t, src, rot13))
		// Where the draft has another number of such words, which is
		// which is unknown: no break is kept for them, and none starts a
		// line.
		out := draftOf(t, src, func(s string) string { return strings.ReplaceAll(rot13(s), "::::", "::: :::") })
		for _, l := range strings.Split(out, "\n")[1:] {
			assert.False(t, strings.HasPrefix(l, ":::") && l != ":::", "line %q", l)
		}
	})
	t.Run("identity is byte for byte", func(t *testing.T) {
		src := "Une ligne,\net une autre.\n\nUn texte coupé\nà largeur fixe sans ponctuation\nau bout des lignes.\n"
		c := New()
		doc := extractSegmented(t, c, "a.md", []byte(src))
		require.Equal(t, src, string(merged(t, c, doc, targetsFrom(doc, eachText(func(s string) string { return s })))))
	})
}
