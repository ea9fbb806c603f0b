package glossary

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// seeds adds the files of testdata with the given extension to the corpus.
func seeds(f *testing.F, ext string) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
	require.NoError(f, err)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
}

// FuzzTBX reads any input as TBX: never a panic, and what reads is
// written and read back to the same termbase, which writes the same bytes.
func FuzzTBX(f *testing.F) {
	seeds(f, ".tbx")
	var shippedTBX bytes.Buffer
	require.NoError(f, WriteTBX(&shippedTBX, rulesTermbase(f)))
	f.Add(shippedTBX.Bytes())
	f.Add([]byte(`<tbx><text><body><conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>a&amp;b</term></termSec></langSec></conceptEntry></body></text></tbx>`))
	f.Add([]byte(`<martif><text><body><termEntry><langSet xml:lang="x-klingon"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadTBX("f.tbx", bytes.NewReader(data))
		if err != nil {
			return
		}
		tb2 := stable(t, tb, TBX)
		NewMatcher(tb2, fr).MatchAll(string(data)) // never a panic on any text
	})
}

// FuzzTSV reads any input as TSV: never a panic; read → write → read is
// stable.
func FuzzTSV(f *testing.F) {
	seeds(f, ".tsv")
	f.Add([]byte("fr\ten\tstatus\nOIM\tIOM\tpreferred\n"))
	f.Add([]byte("concept\tfr\tforms\tfr:note\nc\t\"a\"\"b\"\tx [pl] | y [f]\tn\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadTSV("f.tsv", bytes.NewReader(data))
		if err != nil {
			return
		}
		tb2 := stable(t, tb, TSV)
		require.Equal(t, dump(tb2), dump(through(t, tb2, TBX)), "and through TBX")
	})
}

// FuzzMatch matches any text with the test termbase: never a panic, spans
// inside the text and in order.
func FuzzMatch(f *testing.F) {
	f.Add("l’OIM et ONU Habitat aux Pays-Bas")
	f.Add("gouver\u00adnements locaux et régionaux")
	m := NewMatcher(rulesTermbase(f), fr, WithDiacriticFolding())
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, h := range m.Match(text) {
			require.True(t, h.Span.Start >= last && h.Span.End <= len(text) && h.Span.Start < h.Span.End)
			require.LessOrEqual(t, h.Lead, h.Span.Len())
			last = h.Span.End
		}
	})
}
