package markdown

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/relais-tm/relais/pkg/document"
)

// An escape goes only where goldmark renders the block the same without
// it; the escapes that keep markup from forming stay.
func TestPruneKeepsTheEscapesThatMatter(t *testing.T) {
	tests := []struct {
		name, src string
		seg       int
		target    string
		want      string
	}{
		{"a star that would pair", "Texte.\n", 1, "a *b* c", "a *b\\* c\n"},
		{"a lone star", "Texte.\n", 1, "a *b c", "a *b c\n"},
		{"a bracket pair before a parenthesis", "Texte.\n", 1, "[b](c)", "[b\\](c)\n"},
		{"a reference that is defined", "Texte.\n\n[b]: u\n", 1, "see [b] here", "see [b\\] here\n\n[b]: u\n"},
		{"a reference that is not", "Texte.\n", 1, "see [b] here", "see [b] here\n"},
		{"an ordered list marker", "Texte.\n", 1, "1986. Born", "1986\\. Born\n"},
		{"a tag", "Texte.\n", 1, "a <b>c</b>", "a \\<b>c\\</b>\n"},
		// The star could pair with one in the other block of the same
		// paragraph, split by a shortcode's line.
		{"across a site line", "Un *mot\n[ui-tab]\nDeux.\n", 2, "Two* here.", "Un *mot\n[ui-tab]\nTwo\\* here.\n"},
		// Site syntax a "!" would hide from Extract keeps its escape.
		{"a bang before a shortcode", "Voir [fa=user /] ici.\n", 1, "See !{1/} here.", "See \\![fa=user /] here.\n"},
		// In a paragraph below its blockquote marker, the lines are read
		// without their prefixes.
		{"a pipe in a table cell", "| A |\n|---|\n| b |\n", 2, "x | y *z", "| A |\n|---|\n| x \\| y *z |\n"},
		{"a star in a table cell", "| A |\n|---|\n| b |\n", 2, "x *y* z", "| A |\n|---|\n| x *y\\* z |\n"},
		// The first line's indentation (a MkDocs body) is a container's.
		{"an indented body", "!!! note\n    Texte.\n", 1, "##9 machines", "!!! note\n    ##9 machines\n"},
		{"inside a blockquote", "> Un *mot\n> [ui-tab]\n> Deux.\n", 2, "Two* here.", "> Un *mot\n> [ui-tab]\n> Two\\* here.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, translate(t, tt.src, tt.seg, tt.target))
		})
	}
}

// A character the source wrote as a character reference is written so
// again where it needs an escape.
func TestMergeKeepsTheSourceCharacterReferences(t *testing.T) {
	got := translate(t, "Avec &lt;script setup&gt; ici.\n", 1, "With <script setup> here.")
	assert.Equal(t, "With &lt;script setup> here.\n", got)
}

// Consecutive footnote definitions are read one by one: an unreferenced
// definition renders nothing, which would let every escape go.
func TestPruneReadsFootnoteDefinitionsApart(t *testing.T) {
	src := "Un[^1] deux[^2].\n\n[^1]: Note un.\n[^2]: Note deux.\n"
	c := New()
	doc := extractSegmented(t, c, "a.md", []byte(src))
	targets := map[string]document.Content{}
	for _, s := range doc.Segments() {
		if strings.Contains(s.Source.Plain(), "Note deux") {
			targets[s.ID] = document.Text("Note *two* [x](y).")
		}
	}
	got := string(merged(t, c, doc, targets))
	assert.Contains(t, got, "[^2]: Note *two\\* [x\\](y).\n")
}

// The emphasis a site block's title writes bare stays bare: goldmark does
// not read the title here, and the author's "_mot_" is markup.
func TestTitleKeepsTheSourceEmphasis(t *testing.T) {
	got := translate(t, "!!! note \"Un _mot_ ici\"\n    Texte.\n", 1, "A _word_ here")
	assert.Equal(t, "!!! note \"A _word_ here\"\n    Texte.\n", got)
	got = translate(t, "!!! note \"Un mot ici\"\n    Texte.\n", 1, "A _word_ here")
	assert.Equal(t, "!!! note \"A \\_word\\_ here\"\n    Texte.\n", got)
}
