package mt

import (
	"html"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

func markupSegment() document.Content {
	b := &document.Code{ID: "1", Kind: document.Open, Type: "fmt:strong", Data: "**"}
	be := &document.Code{ID: "1", Kind: document.Close, Type: "fmt:strong", Data: "**"}
	x := &document.Code{ID: "2", Kind: document.Standalone, Type: "code", Data: "`x`"}
	half := &document.Code{ID: "3", Kind: document.Open, Type: "fmt:em", Data: "_"}
	return document.Content{{Text: "  Le "}, {Code: b}, {Text: "décret"}, {Code: be}, {Text: " & <b> "}, {Code: x}, {Text: " suit "}, {Code: half}, {Text: "ici\n"}}
}

func TestEncodeMarkup(t *testing.T) {
	assert.Equal(t, "Le <g1>décret</g1> &amp; &lt;b&gt; <x2/> suit <x3/>ici", EncodeMarkup(markupSegment()),
		"a pair inside the segment is an element, a half pair an empty element, text escaped, blanks around left out")
}

func TestDecodeMarkup(t *testing.T) {
	src := markupSegment()
	got, err := DecodeMarkup("The <g1>decree</g1> &amp; &lt;b&gt; <x2></x2> follows <x3/>here", src)
	require.NoError(t, err)
	assert.Equal(t, "  The decree & <b>  follows here\n", got.Plain(), "text unescaped, blanks back")
	assert.NoError(t, document.CheckCodes(src, got).Err())
	assert.Equal(t, "  ", got[0].Text[:2], "the source's leading blanks come back")

	for name, out := range map[string]string{
		"lost":     "The <g1>decree</g1> follows <x3/>here",
		"invented": "The <g1>decree</g1> <x2/> <x9/> follows <x3/>here",
		"repeated": "The <g1>decree</g1> <x2/><x2/> follows <x3/>here",
		"foreign":  "The <g1>decree</g1> <x2/> <b>follows</b> <x3/>here",
		"order":    "The </g1>decree<g1> <x2/> follows <x3/>here",
	} {
		_, err := DecodeMarkup(out, src)
		assert.Error(t, err, name)
	}
}

func FuzzDecodeMarkup(f *testing.F) {
	src := markupSegment()
	f.Add(EncodeMarkup(src))
	f.Add("The <g1>decree</g1> <x2/> follows <x3/>here")
	f.Add("<g1><g1></g1>&amp;&#x3C;<x2 />")
	f.Fuzz(func(t *testing.T, out string) {
		got, err := DecodeMarkup(out, src)
		if err != nil {
			return
		}
		assert.NoError(t, document.CheckCodes(src, got).Err(), "a decoded target always has the source's codes in a valid order")
		for _, r := range got {
			assert.False(t, r.Code == nil && tagRE.MatchString(r.Text) && !tagRE.MatchString(html.UnescapeString(out)), "no tag of the output is taken for text")
		}
	})
}
