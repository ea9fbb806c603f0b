package pipeline

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/segment"
	"github.com/relais-tm/relais/pkg/xliff"
)

// megabyteMarkdown builds a Markdown document of about 1 MB from the
// project's articles (front matter only once, at the top).
func megabyteMarkdown(b *testing.B) []byte {
	paths, err := filepath.Glob(filepath.Join(testenv.ModuleRoot(b), "testdata", "articles", "*.md"))
	require.NoError(b, err)
	require.NotEmpty(b, paths)
	var bodies [][]byte
	var head []byte
	for i, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(b, err)
		if bytes.HasPrefix(data, []byte("---\n")) {
			end := bytes.Index(data[4:], []byte("\n---\n"))
			if i == 0 {
				head = data[:end+9]
			}
			data = data[end+9:]
		}
		bodies = append(bodies, data)
	}
	doc := append([]byte{}, head...)
	for len(doc) < 1<<20 {
		for _, body := range bodies {
			doc = append(doc, body...)
			doc = append(doc, '\n')
		}
	}
	return doc
}

// BenchmarkExtractSegmentMerge measures the document stages on a 1 MB
// Markdown document: extraction, French segmentation and merge, with the
// identity and with every segment translated (upper-cased text, same
// codes). "goldmark-parse" is the baseline of the same run: goldmark alone
// parsing the same bytes; report the others as ratios to it.
func BenchmarkExtractSegmentMerge(b *testing.B) {
	src := megabyteMarkdown(b)
	codec := markdown.New()
	seg, err := segment.New(language.French)
	require.NoError(b, err)

	b.Run("goldmark-parse", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM))
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			md.Parser().Parse(text.NewReader(src))
		}
	})
	run := func(b *testing.B, translate bool) {
		b.SetBytes(int64(len(src)))
		segments := 0
		for b.Loop() {
			doc, err := codec.Extract("bench.md", src)
			require.NoError(b, err)
			seg.Document(doc)
			targets := map[string]document.Content{}
			for _, s := range doc.Segments() {
				t := s.Source
				if translate {
					t = make(document.Content, len(s.Source))
					for i, r := range s.Source {
						if r.Code == nil {
							r = document.Run{Text: strings.ToUpper(r.Text)}
						}
						t[i] = r
					}
				}
				targets[s.ID] = t
			}
			segments = len(targets)
			require.NoError(b, codec.Merge(io.Discard, doc, targets))
		}
		b.ReportMetric(float64(segments), "segments/doc")
	}
	b.Run("identity", func(b *testing.B) { run(b, false) })
	b.Run("translated", func(b *testing.B) { run(b, true) })
}

// BenchmarkWriteXLIFF measures writing the XLIFF of a 1 MB Markdown
// document, every segment translated (upper-cased text, same codes), with
// goldmark parsing the same bytes as the baseline of the run.
func BenchmarkWriteXLIFF(b *testing.B) {
	src := megabyteMarkdown(b)
	doc, err := markdown.New().Extract("bench.md", src)
	require.NoError(b, err)
	seg, err := segment.New(language.French)
	require.NoError(b, err)
	seg.Document(doc)
	translations := map[string]document.Translation{}
	for _, s := range doc.Segments() {
		t := make(document.Content, len(s.Source))
		for i, r := range s.Source {
			if r.Code == nil {
				r = document.Run{Text: strings.ToUpper(r.Text)}
			}
			t[i] = r
		}
		translations[s.ID] = document.Translation{Target: t, State: document.Translated,
			Origin: document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-en"}}
	}
	b.Run("goldmark-parse", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM))
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			md.Parser().Parse(text.NewReader(src))
		}
	})
	b.Run("write", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			f := xliff.FromDocument(doc, language.English, translations)
			require.NoError(b, xliff.Write(io.Discard, f))
		}
	})
}
