package markdown

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/relais-tm/relais/pkg/document"
)

// yamlFrontMatter decodes the front matter of src with a YAML library.
func yamlFrontMatter(t testing.TB, src []byte) map[string]any {
	t.Helper()
	fm, ok := findFrontMatter(src)
	require.True(t, ok, "no front matter")
	var m map[string]any
	require.NoError(t, yaml.Unmarshal(src[fm.body.Start:fm.body.End], &m))
	return m
}

// assertFrontMatterMatchesYAML checks that each front-matter block reads
// as the YAML library reads the value (up to blanks at the ends).
func assertFrontMatterMatchesYAML(t testing.TB, doc *document.Document) {
	t.Helper()
	var m map[string]any
	for _, b := range doc.Blocks {
		if b.Kind != document.FrontMatter {
			continue
		}
		if m == nil {
			m = yamlFrontMatter(t, doc.Source)
		}
		v, ok := m[b.Name].(string)
		if assert.True(t, ok, "%s: YAML has no string %q", doc.Path, b.Name) {
			assert.Equal(t, strings.TrimSpace(v), strings.TrimSpace(b.Content.Plain()), "%s: value of %q", doc.Path, b.Name)
		}
	}
}

func TestFrontMatterMatchesYAMLInFiles(t *testing.T) {
	c := New()
	n := 0
	eachMarkdown(t, func(t *testing.T, p string) {
		doc, err := c.Extract(p, readFile(t, p))
		require.NoError(t, err)
		assertFrontMatterMatchesYAML(t, doc)
		for _, b := range doc.Blocks {
			if b.Kind == document.FrontMatter {
				n++
			}
		}
	})
	assert.GreaterOrEqual(t, n, 8, "front-matter values read")
}

func TestFrontMatterStylesReadBack(t *testing.T) {
	values := []string{
		`Plain`, `"dq \t \u00e9 \x41 \\ \""`, `'sq '' x'`, "\"multi\n  line\n\n  para\"", "'multi\n  line'",
		"|\n  a\n   b\n\n  c", ">\n  a\n  b\n\n  c\n   d\n  e", "|-\n  x", ">+\n  x\n\n", "|2\n   x\n  y",
		"plain\n  cont\n\n  para", "\n  next line plain", "x # comment", `"x" # c`, "\"\\\n  joined\"",
		"a#b", "café:x", "\n  \"next line double\"", "\n  'next line single'", "\n\n  \"after a blank,\n  two lines\" # c",
		"\n  plain on two\n  lines after the key",
	}
	for _, v := range values {
		t.Run(v, func(t *testing.T) {
			src := "---\ntitle: " + v + "\nother: z\n---\n"
			doc, err := New().Extract("a.md", []byte(src))
			require.NoError(t, err)
			require.NoError(t, checkModel(doc))
			require.Len(t, doc.Blocks, 1)
			assertFrontMatterMatchesYAML(t, doc)
			for _, tr := range []string{"New: value #1", "l'OIM \"x\"", "*_[x](y) <b> `c` | # 1. &amp; ~~z~~ - x !"} {
				out := translate(t, src, 1, tr)
				m := yamlFrontMatter(t, []byte(out))
				got, _ := m["title"].(string)
				assert.Equal(t, tr, strings.TrimSpace(got), out)
				assert.Equal(t, "z", m["other"], out)
				// The draft reads back: Merge quotes a plain value that
				// needs it where the value stands, on the line after its
				// key too.
				again, err := New().Extract("a.md", []byte(out))
				require.NoError(t, err)
				if assert.Len(t, again.Blocks, 1, "blocks of the draft\n%s", out) {
					assert.Equal(t, tr, again.Blocks[0].Content.Plain())
				}
			}
		})
	}
}
