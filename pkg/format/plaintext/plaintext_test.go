package plaintext

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

// wholeBlocks gives every block one segment covering it: enough to test
// extraction and merge without package segment.
func wholeBlocks(doc *document.Document) {
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		b.Segments = []document.Segment{{ID: document.SegmentID(b.ID, 1), Span: b.Span, Source: b.Content}}
	}
}

func TestExtractBlocks(t *testing.T) {
	src := "Titre de l’article\n\n6 novembre 2017\r\n\r\n  Première ligne\n  suite\u00a0; fin.  \n \t\n[Pour en savoir plus\u00a0: CGLU]\n\nAppel à l’action"
	doc, err := New().Extract("a.txt", []byte(src))
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 5)
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, doc.Text(b.Span))
		assert.Equal(t, document.Paragraph, b.Kind)
		// Runs tile the block.
		at := b.Span.Start
		for _, r := range b.Content {
			assert.Equal(t, at, r.Span.Start)
			at = r.Span.End
		}
		assert.Equal(t, b.Span.End, at)
	}
	assert.Equal(t, []string{"Titre de l’article", "6 novembre 2017", "Première ligne\n  suite\u00a0; fin.",
		"[Pour en savoir plus\u00a0: CGLU]", "Appel à l’action"}, texts)
	assert.Equal(t, "Première ligne suite\u00a0; fin.", doc.Blocks[2].Content.Plain(), "a line break reads as a space")
	assert.Equal(t, "{1}Pour en savoir plus : CGLU{/1}", doc.Blocks[3].Content.Key(), "brackets of a cross-reference are codes")
	assert.Equal(t, []string{"b1", "b2", "b3", "b4", "b5"}, []string{doc.Blocks[0].ID, doc.Blocks[1].ID, doc.Blocks[2].ID, doc.Blocks[3].ID, doc.Blocks[4].ID})
	assert.Equal(t, document.Position{Offset: doc.Blocks[2].Span.Start, Line: 5, Col: 3}, doc.Position(doc.Blocks[2].Span.Start))
}

func TestExtractEdgeCases(t *testing.T) {
	for _, src := range []string{"", "\n\n", "   ", "[]", "[", "x", "\r\n"} {
		doc, err := New().Extract("e.txt", []byte(src))
		require.NoError(t, err, "%q", src)
		for _, b := range doc.Blocks {
			assert.NotEmpty(t, strings.TrimSpace(doc.Text(b.Span)), "%q: no blank block", src)
		}
	}
}

func TestMergeIdentityAndTranslation(t *testing.T) {
	src := "Titre\n\nLigne un\nligne deux.\n\n[Pour en savoir plus : CGLU]\n\nFin sans retour"
	c := New()
	doc, err := c.Extract("a.txt", []byte(src))
	require.NoError(t, err)
	wholeBlocks(doc)

	identity := map[string]document.Content{}
	for _, s := range doc.Segments() {
		identity[s.ID] = s.Source
	}
	var out bytes.Buffer
	require.NoError(t, c.Merge(&out, doc, identity))
	assert.Equal(t, src, out.String())

	xref := doc.Blocks[2].Content
	targets := map[string]document.Content{
		"b1s1": document.Text("Title"),
		"b2s1": document.Text("Line one line two."),
		"b3s1": {xref[0], {Text: "Read more: UCLG"}, xref[len(xref)-1]},
	}
	out.Reset()
	require.NoError(t, c.Merge(&out, doc, targets))
	assert.Equal(t, "Title\n\nLine one line two.\n\n[Read more: UCLG]\n\nFin sans retour", out.String())

	out.Reset()
	err = c.Merge(&out, doc, map[string]document.Content{"b3s1": document.Text("Read more: UCLG")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a.txt:6:1: segment b3s1: target drops code(s) open 1 \"[\", close 1 \"]\"")
	assert.Zero(t, out.Len(), "nothing written on error")
}
