package tmfile

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/segment"
)

// textCases are texts of one run whose cutting must not depend on the path
// taken.
var textCases = []string{
	"",
	"   ",
	"Une phrase.",
	"  Une phrase.  ",
	"Première phrase. Deuxième phrase ! Troisième ?",
	"M. Dupont a signé l'art. 3 du décret n° 2021-45. « Est-ce clair ? » demanda-t-il. Oui ! Voir p. 12, etc. Fin.",
	"\u00a0Début.\u00a0\u202fSuite.\u00a0",
	"Un paragraphe.\n\nUn autre.\n \nEt un troisième",
	"Fin.\u2029Début.",
	"Ligne un.\nLigne deux.\r\nLigne trois.",
	"Hola. ¿Vienes? ¡Sí!",
	"1. Introduction 2. Méthode",
	"Fin…   Début.    ",
}

// The text path of sentences cuts a run of text as the block path does.
func TestTextSentences(t *testing.T) {
	for _, lang := range []language.Tag{language.French, language.Spanish, language.English} {
		r, err := segment.New(lang)
		require.NoError(t, err)
		for _, text := range textCases {
			want := blockSentences(document.Text(text), r)
			got := textSentences(text, r)
			if len(want) == 0 {
				assert.Empty(t, got, "%s %q", lang, text)
				continue
			}
			assert.Equal(t, want, got, "%s %q", lang, text)
		}
	}
	r, err := segment.New(language.French)
	require.NoError(t, err)
	got := textSentences(" Une phrase. Une autre. ", r)
	assert.Equal(t, []document.Content{
		{{Text: "Une phrase.", Span: document.Span{Start: 1, End: 12}}},
		{{Text: "Une autre.", Span: document.Span{Start: 13, End: 23}}},
	}, got)
}

func FuzzTextSentences(f *testing.F) {
	for _, text := range textCases {
		f.Add(text)
	}
	r, err := segment.New(language.French)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		want := blockSentences(document.Text(text), r)
		got := textSentences(text, r)
		if len(want) == 0 && len(got) == 0 {
			return
		}
		assert.Equal(t, want, got)
	})
}
