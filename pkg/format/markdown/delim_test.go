package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

// modelExplains reports the first segment of doc whose emphasis and
// strikethrough codes the delimiter model does not pair as goldmark did,
// or "".
func modelExplains(doc *document.Document) string {
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		for si := range b.Segments {
			s := &b.Segments[si]
			ps := sourcePieces(doc, s)
			before, after := segmentBounds(doc, b, s)
			if ok, bad := pairsHold(ps, delimMatches(ps, before, after)); !ok {
				return fmt.Sprintf("%s: block %s %q: pairs opened by pieces %v", doc.Path, b.ID, doc.Text(b.Span), bad)
			}
		}
	}
	return ""
}

func TestDelimiterModelExplainsSources(t *testing.T) {
	c := New()
	eachMarkdown(t, func(t *testing.T, p string) {
		assert.Empty(t, modelExplains(extractSegmented(t, c, p, readFile(t, p))))
	})
	for _, in := range trickyInputs() {
		assert.Empty(t, modelExplains(extractSegmented(t, c, "tricky.md", []byte(in))))
	}
}

// TestMergeDelimiters holds translations that put text beside emphasis,
// strong emphasis and strikethrough delimiters where the source's own
// delimiters would not pair any more (CommonMark's flanking rules and rule
// of 3, as goldmark applies them), and what Merge writes instead.
func TestMergeDelimiters(t *testing.T) {
	tests := []struct {
		name, src, target, want string
	}{
		// "_" between two letters neither opens nor closes: "*" does.
		{"underscore after a letter", "# Quand QGIS nous régale d'_Easter eggs_\n",
			"d' régale nous QGIS Quand{1}eggs Easter{/1}", "# d' régale nous QGIS Quand*eggs Easter*\n"},
		{"underscore before a letter", "Le _mot_ ici.\n", "The {1}word{/1}s here.", "The *word*s here.\n"},
		{"underscores inside a word", "Un _mot_ ici.\n", "A{1}word{/1}here.", "A*word*here.\n"},
		{"underscore after punctuation kept", "Un _mot_ ici.\n", "l'{1}API{/1} here.", "l'_API_ here.\n"},
		{"underscore beside blanks kept", "Un _mot_ ici.\n", "A {1}word{/1} here.", "A _word_ here.\n"},
		{"asterisks inside a word kept", "Un **mot** ici.\n", "A{1}word{/1}here.", "A**word**here.\n"},
		// A run after a letter and before punctuation cannot open, with
		// either character: the letter is written as a character
		// reference, so that punctuation (";") precedes the run.
		{"opening run between a letter and punctuation", "Voir **(important)** ici.\n",
			"See{1}(important){/1} here.", "Se&#101;**(important)** here.\n"},
		{"closing run between punctuation and a letter", "Les **«mots»** ici.\n",
			"The {1}«word»{/1}s here.", "The **«word»**&#115; here.\n"},
		{"strikethrough between a letter and punctuation", "Un ~~(mot)~~ ici.\n",
			"A{1}(word){/1}here.", "&#65;~~(word)~~&#104;ere.\n"},
		{"non-ASCII letter", "Voir **(important)** ici.\n", "参见{1}(重要){/1}。", "参&#35265;**(重要)**。\n"},
		// "*one**two*": the middle run can open and close, and 1+2 is a
		// multiple of 3: it closes nothing, and the first "*" pairs with
		// the last. One pair takes "_".
		{"rule of 3 between two emphases", "*un* et *deux*\n", "{1}one{/1}{2}two{/2}", "_one_*two*\n"},
		// "***y***" reads as emphasis around strong emphasis, the other
		// way round from "**_y_**".
		{"no swap that turns the nesting", "**a _b_ c**\n", "w{1}{2}y{/2}{/1}v", "&#119;**_y_**&#118;\n"},
		{"swap that keeps the nesting", "_a **b** c_\n", "w{1}{2}y{/2}{/1}v", "w***y***v\n"},
		// goldmark left a literal "*" beside the emphasis of "**mot*" (the
		// extractor keeps it in the code): written apart, escaped, when
		// the run's length would make it pair otherwise.
		{"literal delimiter written apart", "Un **mot* ici.\n", "A{1}(word){/1}here.", "A*_(word)_&#104;ere.\n"},
		{"literal delimiter kept", "Un **mot* ici.\n", "A {1}word{/1} here.", "A **word* here.\n"},
		{"literal tilde written apart", "Un ~mot~~ ici.\n", "A{1}(word){/1}here.", "&#65;~(word)~&#126;here.\n"},
		{"delimiters inside a link", "[un _mot_](u) ici\n", "{1}a{2}word{/2}s{/1} here", "[a*word*s](u) here\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := translate(t, tt.src, 1, tt.target)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tree([]byte(tt.src)), tree([]byte(got)), "the draft's structure")
			again, err := New().Extract("a.md", []byte(got))
			require.NoError(t, err)
			require.NotEmpty(t, again.Blocks)
			assert.Equal(t, strings.Join(strings.Fields(target(nil, tt.target).Plain()), " "),
				strings.Join(strings.Fields(strings.NewReplacer("*", "", "~", "").Replace(again.Blocks[0].Content.Plain())), " "),
				"the draft's text")
		})
	}
}

// TestMergeDelimitersNoWayOut: where no change of delimiters keeps a pair
// (the closing "*" between ")" and a bare URL, which is a code), Merge
// writes the source's delimiters and counts the pair.
func TestMergeDelimitersNoWayOut(t *testing.T) {
	c := New()
	doc := extractSegmented(t, c, "a.md", []byte("*a*http://x.org\n"))
	s := doc.Segments()[0]
	var out bytes.Buffer
	st, err := c.merge(&out, doc, map[string]document.Content{s.ID: target(s.Source, "{1}(a){/1}{2/}")})
	require.NoError(t, err)
	assert.Equal(t, "*(a)*http://x.org\n", out.String())
	assert.Equal(t, 1, st.unpaired)
}

// glued returns translations whose text touches the codes around it: a
// letter at both ends of every text run, or punctuation, or one of each.
// They put every kind of character beside the delimiters of emphasis,
// strong emphasis and strikethrough.
func glued() map[string]func(string) string {
	trim := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return map[string]func(string) string{
		"letters":     func(s string) string { return "b" + trim(s) + "é" },
		"punctuation": func(s string) string { return "(" + trim(s) + ")" },
		"mixed":       func(s string) string { return "«b" + trim(s) + "中" },
		"reversed":    func(s string) string { return "b" + trim(s) + "." },
	}
}

// FuzzMergeDelimiters checks, on any input Extract maps, that the
// delimiter model pairs its emphasis as goldmark does, and that glued
// translations merge into a draft with the input's Markdown structure, but
// where Merge knows that no change of delimiters keeps a pair ("*a*" before
// a bare URL, translated "*(a)*": the closing "*" between ")" and "h"
// closes nothing, and neither would "_").
func FuzzMergeDelimiters(f *testing.F) {
	addSeeds(f,
		"*a* _b_ **c** __d__ ~e~ ~~f~~\n",
		"**a _b_ c** _a **b** c_ *a **b***\n",
		"**a* *b** ~a~~ ~~b~ ***c***\n",
		"[_a_](u) *[b](u)* **`c`** _<b>d</b>_\n",
		"# _a_ b\n\n| *a* | _b_ |\n|---|---|\n\n> - __c__\n",
	)
	c := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, st, err := c.extract("f.md", src)
		if err != nil || st.skipped > 0 {
			return
		}
		segmentOne(doc)
		if bad := modelExplains(doc); bad != "" {
			t.Fatalf("the delimiter model does not pair the input as goldmark: %s", bad)
		}
		want := tree(src)
		for name, g := range glued() {
			var out bytes.Buffer
			st, err := c.merge(&out, doc, targetsFrom(doc, eachText(g)))
			if err != nil {
				t.Fatal(err)
			}
			if got := tree(out.Bytes()); got != want && st.unpaired == 0 {
				t.Fatalf("%s: the draft's structure differs: %s", name, firstDifference(t, c, doc, out.Bytes()))
			}
		}
	})
}

// firstDifference describes the first block of doc whose draft in out
// reads back with other codes, or the two documents when none does.
func firstDifference(t *testing.T, c *Codec, doc *document.Document, out []byte) string {
	again, err := c.Extract(doc.Path, out)
	if err != nil {
		return err.Error()
	}
	for i, b := range doc.Blocks {
		if i >= len(again.Blocks) {
			break
		}
		a := again.Blocks[i]
		if a.Kind != b.Kind || len(a.Content.Codes()) != len(b.Content.Codes()) {
			return fmt.Sprintf("block %s\n%q\n%q", b.ID, doc.Text(b.Span), again.Text(a.Span))
		}
	}
	return fmt.Sprintf("\n%q\n%q", doc.Source, out)
}
