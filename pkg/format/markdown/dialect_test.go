package markdown

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

func TestParseDialect(t *testing.T) {
	for _, d := range Dialects() {
		got, err := ParseDialect(strings.ToUpper(string(d)))
		require.NoError(t, err)
		assert.Equal(t, d, got)
	}
	got, err := ParseDialect("")
	require.NoError(t, err)
	assert.Equal(t, DialectAuto, got)
	_, err = ParseDialect("wordpress")
	assert.ErrorContains(t, err, "use one of auto, commonmark, hugo")
}

// TestDialects reads one page holding the site syntax of every generator
// in each dialect: each reads its own generator's syntax as code (or as
// markers outside the text) and leaves the others' as text.
func TestDialects(t *testing.T) {
	const page = "Texte {{< note >}}avec{{< /note >}} un code.\n\n" +
		"Un tag {% if x %}conditionnel{% endif %} ici.\n\n" +
		"Un [center]bloc[/center] centré.\n\n" +
		"## Titre {#ancre}\n\n" +
		":::info\nCorps de l'encadré.\n:::\n\n" +
		"!!! note \"Titre de note\"\n    Corps de la note.\n"
	marks := map[string]string{ // what each syntax leaves in the text when not read
		"hugo":     "{{<",
		"template": "{%",
		"bracket":  "[center]",
		"attrs":    "{#ancre}",
		"colons":   ":::info",
		"mkdocs":   "!!! note",
	}
	reads := map[Dialect][]string{
		DialectAuto:       {"hugo", "template", "bracket", "attrs", "colons", "mkdocs"},
		DialectCommonMark: {},
		DialectHugo:       {"hugo", "attrs"},
		DialectJekyll:     {"template", "attrs"},
		DialectMkDocs:     {"template", "attrs", "mkdocs"},
		DialectDocusaurus: {"attrs", "colons"},
		DialectGrav:       {"template", "bracket", "attrs"},
	}
	for d, read := range reads {
		t.Run(string(d), func(t *testing.T) {
			doc, err := New(WithDialect(d)).Extract("a.md", []byte(page))
			require.NoError(t, err)
			var text strings.Builder
			for _, b := range doc.Blocks {
				for _, r := range b.Content {
					if r.Code == nil {
						text.WriteString(r.Text)
					}
				}
				text.WriteString("\n")
			}
			for name, mark := range marks {
				if slices.Contains(read, name) {
					assert.NotContains(t, text.String(), mark, "%s is read as site syntax", name)
				} else {
					assert.Contains(t, text.String(), mark, "%s stays text", name)
				}
			}
			var out strings.Builder
			require.NoError(t, New(WithDialect(d)).Merge(&out, doc, map[string]document.Content{}))
			assert.Equal(t, page, out.String(), "identity")
		})
	}
}
