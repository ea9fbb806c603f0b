package segment

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/format/plaintext"
)

// seedMB returns the seed article repeated to about 1 MB.
func seedMB(b *testing.B) []byte {
	src, err := os.ReadFile(testenv.Shared(b, "seeds", "cities4migration-fr.txt"))
	require.NoError(b, err)
	return bytes.Repeat(append(src, "\n\n"...), 1<<20/(len(src)+2)+1)
}

// BenchmarkSegmentFrench segments a 1 MB French document (the seed article
// repeated) block by block, as the pipeline does.
func BenchmarkSegmentFrench(b *testing.B) {
	src := seedMB(b)
	doc, err := plaintext.New().Extract("big.txt", src)
	require.NoError(b, err)
	r, err := New(language.French)
	require.NoError(b, err)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Document(doc)
	}
	b.ReportMetric(float64(len(doc.Segments())), "segments/op")
}

// BenchmarkBoundariesFrench cuts the same megabyte as one string.
func BenchmarkBoundariesFrench(b *testing.B) {
	text := string(seedMB(b))
	r, err := New(language.French)
	require.NoError(b, err)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		r.Boundaries(text)
	}
}

// BenchmarkSegmentFrenchOmegaT segments the megabyte with OmegaT's SRX
// rules cascading into the built-in ones.
func BenchmarkSegmentFrenchOmegaT(b *testing.B) {
	src := seedMB(b)
	doc, err := plaintext.New().Extract("big.txt", src)
	require.NoError(b, err)
	f, err := os.Open(testenv.Shared(b, "corpus", "formats", "srx", "omegat", "defaultRules.srx"))
	require.NoError(b, err)
	defer f.Close()
	srx, err := ReadSRX("defaultRules.srx", f)
	require.NoError(b, err)
	r, err := New(language.French, WithSRX(srx))
	require.NoError(b, err)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Document(doc)
	}
}

// BenchmarkBoundariesPathological measures inputs that would make a naive
// segmenter quadratic: a 100 kB word full of periods, long runs of spaces
// and punctuation. Each must stay in the milliseconds.
func BenchmarkBoundariesPathological(b *testing.B) {
	r, err := New(language.French)
	require.NoError(b, err)
	for name, text := range map[string]string{
		"dotted-word": strings.Repeat("a.", 50000),
		"abbrevs":     strings.Repeat("M. ", 33000),
		"spaces":      "Fin." + strings.Repeat(" ", 100000) + "Début.",
		"guillemets":  strings.Repeat("? » ", 25000),
		"ellipses":    strings.Repeat("… ", 25000),
		"paragraphs":  strings.Repeat("a.\n\n", 25000),
		"closers":     "Fin." + strings.Repeat(")", 100000) + " Début.",
		"lookahead":   "Fin. " + strings.Repeat("1 ", 50000) + "x.",
		"openers":     "Fin. " + strings.Repeat("« ", 50000) + "x.",
		"blank-lines": "Fin." + strings.Repeat("\n \n", 30000) + "x.",
		"terminators": "Fin" + strings.Repeat("?!", 50000) + " Début.",
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r.Boundaries(text)
			}
		})
	}
}
