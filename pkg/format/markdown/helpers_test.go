package markdown

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// segmentOne gives every block of doc one segment: the block's content
// without the blanks at its ends, as package segment would for a block of
// one sentence.
func segmentOne(doc *document.Document) {
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		runs := trimBlankRuns(doc.Source, b.Content)
		if len(runs) == 0 {
			continue
		}
		b.Segments = []document.Segment{{ID: document.SegmentID(b.ID, 1), Span: runs.Span(), Source: runs}}
	}
}

// extractSegmented extracts src and segments it with segmentOne.
func extractSegmented(t testing.TB, c *Codec, path string, src []byte) *document.Document {
	t.Helper()
	doc, err := c.Extract(path, src)
	require.NoError(t, err)
	segmentOne(doc)
	return doc
}

// targetsFrom builds a target for every segment of doc with f.
func targetsFrom(doc *document.Document, f func(document.Content) document.Content) map[string]document.Content {
	out := map[string]document.Content{}
	for _, s := range doc.Segments() {
		out[s.ID] = f(s.Source)
	}
	return out
}

// merged merges targets into doc and returns the draft.
func merged(t testing.TB, c *Codec, doc *document.Document, targets map[string]document.Content) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, c.Merge(&buf, doc, targets))
	return buf.Bytes()
}

// checkModel reports the first broken invariant of the document model in
// doc, or nil: blocks sorted, inside the source, not overlapping (an
// Attribute block may lie inside a code of another block), contents tiling
// their spans, text runs verbatim or atomic, codes holding their source
// bytes with IDs unique in the block and each close after its open,
// segments inside their block in order with blanks between them.
func checkModel(doc *document.Document) error {
	src := doc.Source
	var prose []document.Block
	for i, b := range doc.Blocks {
		if b.ID != fmt.Sprintf("b%d", i+1) {
			return fmt.Errorf("block %d has ID %q", i, b.ID)
		}
		if b.Span.Start < 0 || b.Span.End > len(src) || b.Span.Start >= b.Span.End {
			return fmt.Errorf("block %s: bad span %v", b.ID, b.Span)
		}
		if i > 0 && doc.Blocks[i-1].Span.Start > b.Span.Start {
			return fmt.Errorf("block %s starts before block %s", b.ID, doc.Blocks[i-1].ID)
		}
		if err := checkContent(src, b); err != nil {
			return err
		}
		if b.Kind != document.Attribute {
			if n := len(prose); n > 0 && prose[n-1].Span.End > b.Span.Start {
				return fmt.Errorf("block %s overlaps block %s", b.ID, prose[n-1].ID)
			}
			prose = append(prose, b)
		}
	}
	for _, a := range doc.Blocks {
		if a.Kind != document.Attribute {
			continue
		}
		for _, b := range doc.Blocks {
			if b.ID == a.ID || b.Span.End <= a.Span.Start || a.Span.End <= b.Span.Start {
				continue
			}
			inCode := false
			for _, r := range b.Content {
				if r.Code != nil && r.Span.Contains(a.Span) {
					inCode = true
				}
			}
			if !inCode {
				return fmt.Errorf("attribute block %s overlaps block %s outside its codes", a.ID, b.ID)
			}
		}
	}
	return nil
}

func checkContent(src []byte, b document.Block) error {
	at := b.Span.Start
	ids := map[string]bool{}
	open := map[string]bool{}
	for i, r := range b.Content {
		if r.Span.Start != at || r.Span.End < r.Span.Start || r.Span.End > b.Span.End {
			return fmt.Errorf("block %s run %d: span %v does not follow %d", b.ID, i, r.Span, at)
		}
		at = r.Span.End
		data := string(src[r.Span.Start:r.Span.End])
		if r.Span.Len() == 0 {
			return fmt.Errorf("block %s run %d: empty run", b.ID, i)
		}
		if r.Code == nil {
			continue // verbatim (Text == data) or atomic: both hold
		}
		c := r.Code
		if c.Data != data {
			return fmt.Errorf("block %s code %s: data %q, source %q", b.ID, c.ID, c.Data, data)
		}
		if c.ID == "" {
			return fmt.Errorf("block %s run %d: code without ID", b.ID, i)
		}
		switch c.Kind {
		case document.Open, document.Standalone:
			if ids[c.ID] {
				return fmt.Errorf("block %s: code ID %s used twice", b.ID, c.ID)
			}
			ids[c.ID] = true
			open[c.ID] = c.Kind == document.Open
		case document.Close:
			if !open[c.ID] {
				return fmt.Errorf("block %s: close code %s without its open", b.ID, c.ID)
			}
			open[c.ID] = false
		}
	}
	if at != b.Span.End {
		return fmt.Errorf("block %s: runs end at %d, span at %d", b.ID, at, b.Span.End)
	}
	for id, o := range open {
		if o {
			return fmt.Errorf("block %s: open code %s never closed", b.ID, id)
		}
	}
	prev := b.Span.Start
	for _, s := range b.Segments {
		if s.Span.Start < prev || s.Span.End > b.Span.End {
			return fmt.Errorf("segment %s: span %v out of order or outside block %v", s.ID, s.Span, b.Span)
		}
		if strings.TrimSpace(string(src[prev:s.Span.Start])) != "" {
			return fmt.Errorf("segment %s: non-blank bytes before it", s.ID)
		}
		prev = s.Span.End
	}
	return nil
}

// markdownFiles returns the .md and .mdx files under dir, sorted.
func markdownFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".mdx")) {
			out = append(out, p)
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(out)
	return out
}

// projectMarkdown returns the .md and .mdx files under the repository's
// testdata.
func projectMarkdown(t testing.TB) []string {
	t.Helper()
	files := markdownFiles(t, filepath.Join(testenv.ModuleRoot(t), "testdata"))
	require.NotEmpty(t, files, "no .md file in testdata")
	return files
}

// eachMarkdown runs f in a subtest for every project Markdown file, then
// for every Markdown file of the shared corpus (a subtest "corpus" that
// skips, or fails in CI, when the corpus is absent).
func eachMarkdown(t *testing.T, f func(t *testing.T, path string)) {
	t.Helper()
	for _, p := range projectMarkdown(t) {
		t.Run(filepath.Base(p), func(t *testing.T) { f(t, p) })
	}
	t.Run("corpus", func(t *testing.T) {
		dir := testenv.Shared(t, "corpus")
		files := markdownFiles(t, dir)
		require.NotEmpty(t, files, "no .md file in %s", dir)
		for _, p := range files {
			rel, err := filepath.Rel(dir, p)
			require.NoError(t, err)
			t.Run(rel, func(t *testing.T) { f(t, p) })
		}
	})
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return b
}

// extractSummaries extracts in as a.md with c, checks the model's
// invariants and that no block was left out, and returns its blocks'
// summaries (blockSummary).
func extractSummaries(t *testing.T, c *Codec, in string) (*document.Document, []string) {
	t.Helper()
	doc, st, err := c.extract("a.md", []byte(in))
	require.NoError(t, err)
	require.NoError(t, checkModel(doc))
	assert.Zero(t, st.skipped)
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, blockSummary(b))
	}
	return doc, got
}
