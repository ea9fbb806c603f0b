package format

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// linkDoc builds by hand what the Markdown codec makes of
// `Voir [le site](https://x.fr "Le titre") ici.`: a link as a code pair and
// its title as a block nested inside the closing code.
func linkDoc() *document.Document {
	src := `Voir [le site](https://x.fr "Le titre") ici.`
	doc := document.New("a.md", "test", language.French, []byte(src))
	open := &document.Code{ID: "1", Kind: document.Open, Type: "link", Data: "["}
	closing := &document.Code{ID: "1", Kind: document.Close, Type: "link", Data: `](https://x.fr "Le titre")`}
	para := document.Content{
		{Text: "Voir ", Span: document.Span{Start: 0, End: 5}},
		{Code: open, Span: document.Span{Start: 5, End: 6}},
		{Text: "le site", Span: document.Span{Start: 6, End: 13}},
		{Code: closing, Span: document.Span{Start: 13, End: 39}},
		{Text: " ici.", Span: document.Span{Start: 39, End: 44}},
	}
	title := document.Content{{Text: "Le titre", Span: document.Span{Start: 29, End: 37}}}
	doc.Blocks = []document.Block{
		{ID: "b1", Kind: document.Paragraph, Span: document.Span{Start: 0, End: 44}, Content: para,
			Segments: []document.Segment{{ID: "b1s1", Span: document.Span{Start: 0, End: 44}, Source: para}}},
		{ID: "b2", Kind: document.Attribute, Span: document.Span{Start: 29, End: 37}, Content: title,
			Segments: []document.Segment{{ID: "b2s1", Span: document.Span{Start: 29, End: 37}, Source: title}}},
	}
	return doc
}

func merge(t *testing.T, doc *document.Document, targets map[string]document.Content) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Merge(&out, doc, targets, func(_ *document.Block, s string) string { return strings.ReplaceAll(s, "*", `\*`) })
	return out.String(), err
}

func TestMergeNested(t *testing.T) {
	doc := linkDoc()
	para := doc.Blocks[0].Content
	tr := document.Content{{Text: "See "}, {Code: para[1].Code}, {Text: "the *site*"}, {Code: para[3].Code}, {Text: " here."}}
	cases := []struct {
		name    string
		targets map[string]document.Content
		want    string
	}{
		{"nothing", nil, doc.Text(document.Span{Start: 0, End: 44})},
		{"identity", map[string]document.Content{"b1s1": para, "b2s1": doc.Blocks[1].Content}, string(doc.Source)},
		{"title only", map[string]document.Content{"b2s1": document.Text("The title")}, `Voir [le site](https://x.fr "The title") ici.`},
		{"sentence only", map[string]document.Content{"b1s1": tr}, `See [the \*site\*](https://x.fr "Le titre") here.`},
		{"both", map[string]document.Content{"b1s1": tr, "b2s1": document.Text("The title")}, `See [the \*site\*](https://x.fr "The title") here.`},
		{"codes moved", map[string]document.Content{"b1s1": {{Code: para[1].Code}, {Text: "Here"}, {Code: para[3].Code}, {Text: " it is."}}}, `[Here](https://x.fr "Le titre") it is.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := merge(t, doc, tc.targets)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestMergeRefusesBadCodes(t *testing.T) {
	doc := linkDoc()
	para := doc.Blocks[0].Content
	open, closing := para[1].Code, para[3].Code
	cases := []struct {
		name   string
		target document.Content
		want   string
	}{
		{"dropped", document.Content{{Text: "See the site here."}}, `a.md:1:1: segment b1s1: target drops code(s) open 1 "[", close 1 "](https://x.fr \"Le titre\")"`},
		{"dropped close", document.Content{{Code: open}, {Text: "See"}}, `drops code(s) close 1`},
		{"invented", document.Content{{Code: open}, {Text: "a"}, {Code: closing}, {Code: &document.Code{ID: "7", Kind: document.Standalone}}}, "target has a code the source does not: standalone 7"},
		{"repeated", document.Content{{Code: open}, {Code: open}, {Code: closing}}, "target repeats code open 1"},
		{"reversed", document.Content{{Code: closing}, {Text: "a"}, {Code: open}}, "target closes code 1 before it opens it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := merge(t, doc, map[string]document.Content{"b1s1": tc.target})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, got, "nothing written")
		})
	}
}

func TestRegistry(t *testing.T) {
	var r Registry
	_, ok := r.ForPath("a.md")
	assert.False(t, ok, "an empty registry knows nothing")
	c := fakeCodec{}
	r.Add(c, ".md", ".Markdown")
	got, ok := r.ForPath("dir/A.MARKDOWN")
	assert.True(t, ok)
	assert.Equal(t, "fake", got.Name())
	_, ok = r.ForPath("a.txt")
	assert.False(t, ok)
	assert.Equal(t, []string{".markdown", ".md"}, r.Extensions())
}

type fakeCodec struct{ Codec }

func (fakeCodec) Name() string { return "fake" }
