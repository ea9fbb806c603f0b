package termguard_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
)

// shape writes the goldmark tree of a Markdown text without its words:
// every block node with its depth, and inside blocks the markup (emphasis
// and its level, links and images with their destinations (not their
// titles, which are translated), code spans with
// their text, raw HTML).
func shape(src string) string {
	doc := goldmark.New().Parser().Parse(text.NewReader([]byte(src)))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		depth := 0
		for p := n.Parent(); p != nil; p = p.Parent() {
			depth++
		}
		pad := strings.Repeat("  ", depth)
		switch n := n.(type) {
		case *ast.Text, *ast.String:
			return ast.WalkContinue, nil
		case *ast.Emphasis:
			fmt.Fprintf(&b, "%semphasis %d\n", pad, n.Level)
		case *ast.Link:
			fmt.Fprintf(&b, "%slink %s\n", pad, n.Destination) // the title is translated text
		case *ast.Image:
			fmt.Fprintf(&b, "%simage %s\n", pad, n.Destination)
		case *ast.CodeSpan:
			fmt.Fprintf(&b, "%scode %s\n", pad, n.Text([]byte(src))) //nolint:staticcheck // the span's text is what we compare
		case *ast.Heading:
			fmt.Fprintf(&b, "%sheading %d\n", pad, n.Level)
		default:
			fmt.Fprintf(&b, "%s%s\n", pad, n.Kind())
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func TestMarkdownStructureWithApertium(t *testing.T) {
	engine, pairs := localApertium(t)
	tr := stack(t, engine, pairs, termbase(t))
	root := testenv.ModuleRoot(t)
	var paths []string
	for _, dir := range []string{"testdata/articles", "testdata/articles-mt"} {
		m, err := filepath.Glob(filepath.Join(root, dir, "*.md"))
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	require.NotEmpty(t, paths)
	for _, path := range paths {
		for _, lang := range []language.Tag{en, es} {
			t.Run(filepath.Base(path)+"/"+lang.String(), func(t *testing.T) {
				d := translate(t, tr, path, lang)
				src := string(d.doc.Source)
				require.NotEqual(t, src, d.draft, "the draft is translated")
				want := shape(src)
				assert.Contains(t, want, "emphasis", "the article has inline markup to keep")
				assert.Equal(t, want, shape(d.draft), "the draft has the source's Markdown tree")
			})
		}
	}
}
