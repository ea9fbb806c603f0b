package linecheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const source = "---\ntitle: Un titre\n---\n\nUne phrase sur une ligne.\n\n" +
	"Une phrase,\nune autre.\n\n" +
	"Un paragraphe coupé à une largeur\nfixe, comme le font certains auteurs.\n\n" +
	"!!! note\n    Un corps sur une ligne.\n"

func TestKeptStructurePasses(t *testing.T) {
	draft := "---\ntitle: \"A title: long\"\n---\n\nA sentence on one line.\n\n" +
		"A sentence,\nanother one.\n\n" +
		"A paragraph wrapped at a fixed\nwidth, as some authors do it.\n\n" +
		"!!! note\n    A body on one line.\n"
	tl := New()
	tl.Page("a.md", []byte(source), []byte(draft))
	assert.True(t, tl.OK(), tl.Problems)
	assert.Equal(t, 2, tl.OneLine, "the paragraph and the admonition's body")
	assert.Equal(t, 1, tl.Semantic)
	assert.Equal(t, 1, tl.Hard)
}

func TestBrokenStructureIsFound(t *testing.T) {
	draft := "---\ntitle: Un titre\n---\n\nA sentence\non two lines.\n\n" +
		"A sentence, another one.\n\n" +
		"A paragraph wrapped at a fixed width, as some authors do it, far too long.\nX.\n\n" +
		"!!! note\n    A body on one line.\n"
	tl := New()
	tl.Page("a.md", []byte(source), []byte(draft))
	assert.False(t, tl.OK())
	assert.Equal(t, 1, tl.OneLineBroken)
	assert.Equal(t, 1, tl.SemanticBroken)
	assert.Equal(t, 1, tl.HardBroken)
	assert.Len(t, tl.Problems, 3)
}

func TestOneWordPastTheWidthIsAllowed(t *testing.T) {
	assert.False(t, over("abc defgh", 4), "one word past")
	assert.True(t, over("abc def ghi", 4), "two words past")
	assert.False(t, over("a [b c](https://x.org \"d e\")", 3), "a link's address and title are one word")
}
