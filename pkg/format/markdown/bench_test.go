package markdown

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// benchDocument returns about size bytes of Markdown: the project's
// articles repeated, the front matter kept only at the top.
func benchDocument(b *testing.B, size int) []byte {
	files, err := filepath.Glob(filepath.Join(testenv.ModuleRoot(b), "testdata", "articles", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no article in testdata/articles: %v", err)
	}
	var out bytes.Buffer
	for i := 0; out.Len() < size; i++ {
		src := readFile(b, files[i%len(files)])
		if fm, ok := findFrontMatter(src); ok && out.Len() > 0 {
			src = src[fm.end:]
		}
		out.Write(src)
		out.WriteString("\n\n")
	}
	return out.Bytes()
}

// BenchmarkMarkdownExtractMerge measures extraction and the identity merge
// of a 1 MB Markdown document.
func BenchmarkMarkdownExtractMerge(b *testing.B) {
	src := benchDocument(b, 1<<20)
	c := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var out bytes.Buffer
	for b.Loop() {
		doc, err := c.Extract("bench.md", src)
		if err != nil {
			b.Fatal(err)
		}
		segmentOne(doc)
		targets := targetsFrom(doc, func(c document.Content) document.Content { return c })
		out.Reset()
		if err := c.Merge(&out, doc, targets); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Equal(out.Bytes(), src) {
		b.Fatal("identity merge differs from the source")
	}
}
