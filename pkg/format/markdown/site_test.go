package markdown

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/text"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// siteTypes are the code types of site syntax and the other constructs
// site.go and the footnote and task list extensions add.
var siteTypes = map[string]bool{"template": true, "shortcode": true, "attrs": true, "abbr": true, "footnote": true, "task": true}

// siteCodes renders the site codes of doc's blocks as "type kind data".
func siteCodes(doc *document.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		for _, c := range b.Content.Codes() {
			if siteTypes[c.Type] {
				out = append(out, fmt.Sprintf("%s %s %q", c.Type, c.Kind, c.Data))
			}
		}
	}
	return out
}

func TestMaskInline(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "typ key" of each piece, and its bytes
	}{
		{"liquid tag, output and comment", "a {% if x %} {{ page.title | upcase }} {# note #} {%- endif -%}",
			[]string{`template liquid:if "{% if x %}"`, `template  "{{ page.title | upcase }}"`, `template  "{# note #}"`, `template liquid:if/ "{%- endif -%}"`}},
		{"hugo shortcodes", "{{< notice info >}}a{{< /notice >}} {{% expand \"x\" %}} {{< figure src=\"a\" />}}",
			[]string{`shortcode hugo:notice "{{< notice info >}}"`, `shortcode hugo:notice/ "{{< /notice >}}"`,
				`shortcode hugo:expand "{{% expand \"x\" %}}"`, `shortcode  "{{< figure src=\"a\" />}}"`}},
		{"known bracket shortcodes", "[ui-tabs position=\"top\"]\n[ui-tab title=\"A ] b\"]\n[/ui-tab]\n[center]x[/center] [notice/]",
			[]string{`shortcode bracket:ui-tabs "[ui-tabs position=\"top\"]"`, `shortcode bracket:ui-tab "[ui-tab title=\"A ] b\"]"`,
				`shortcode bracket:ui-tab/ "[/ui-tab]"`, `shortcode bracket:center "[center]"`, `shortcode bracket:center/ "[/center]"`,
				`shortcode  "[notice/]"`}},
		{"unknown name closed later", "[mon-code a=1]texte[/mon-code]",
			[]string{`shortcode bracket:mon-code "[mon-code a=1]"`, `shortcode bracket:mon-code/ "[/mon-code]"`}},
		{"bracketed prose, links and images stay", "[Pour en savoir plus : voir ici] [voir ici] [center](u) ![center](i.png) [^1] [ ] [x]", nil},
		{"braces in prose stay", "Un ensemble {a, b} et {{ sans fin, {: ni} {%", []string{`attrs  "{: ni}"`}},
		{"attribute lists", "## Titre {#prerequis}\n\nTexte.\n{: .note .info }\n\n[B](u){ .md-button } ![i](p){ width=\"30\" }\n\n# T { #id .c key=\"v w\" }",
			[]string{`attrs  "{#prerequis}"`, `attrs  "{: .note .info }"`, `attrs  "{ .md-button }"`, `attrs  "{ width=\"30\" }"`, `attrs  "{ #id .c key=\"v w\" }"`}},
		{"not attribute lists", "{.x}y {a=b} {#}", nil},
		{"abbreviation line", "*[HTML]: HyperText Markup Language\n*[a]b", []string{`abbr  "*[HTML]: HyperText Markup Language"`}},
		{"no backtick, no blank line inside", "{{ a ` b }} {{ c\n\nd }}", nil},
		{"escaped brace", "\\{{ a }}", nil},
		{"emoji shortcodes", "Bravo :tada: (:+1:) :flag-fr:, :white_check_mark:.\n:rocket:",
			[]string{`emoji  ":tada:"`, `emoji  ":+1:"`, `emoji  ":flag-fr:"`, `emoji  ":white_check_mark:"`, `emoji  ":rocket:"`}},
		{"not emoji shortcodes", "À 10:30:00, std::vector::size, Note : voir, a:b:c, http://x:y:z, :Tada:, :12:, :a b:", nil},
	}
	names := New().shortcodes
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.in)
			parse := append([]byte(nil), src...)
			spans := maskInline(src, parse, names, DialectAuto.syntax())
			var got []string
			for _, s := range spans {
				key := s.key
				if s.closing {
					key += "/"
				}
				got = append(got, fmt.Sprintf("%s %s %q", s.typ, key, src[s.start:s.end]))
				view := parse[s.start:s.end]
				assert.Equal(t, byte('{'), view[0])
				assert.Equal(t, byte('}'), view[len(view)-1])
				assert.Empty(t, strings.Trim(string(view[1:len(view)-1]), "x\n> "), "masked: %q", view)
			}
			assert.Equal(t, tt.want, got)
			assert.Len(t, parse, len(src))
		})
	}
}

func TestExtractSiteSyntax(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string // blockSummary of each block
		codes []string // the site codes of all blocks
	}{
		{"liquid in a link destination", "Voir [la migration]({% post_url 2017-03-17-x %}) ici.\n",
			[]string{"paragraph: Voir {1}la migration{/1} ici."}, nil},
		{"liquid output in text", "Bonjour {{ page.auteur }}, bienvenue.\n",
			[]string{"paragraph: Bonjour {1/}, bienvenue."}, []string{`template standalone "{{ page.auteur }}"`}},
		{"liquid pair in a line", "Texte {% if x %}conditionnel{% endif %} fin.\n",
			[]string{"paragraph: Texte {1}conditionnel{/1} fin."},
			[]string{`template open "{% if x %}"`, `template close "{% endif %}"`}},
		{"tag over two lines", "Texte {% include figure.html\nurl=\"a\" %} fin.\n",
			[]string{"paragraph: Texte {1/} fin."}, []string{"template standalone \"{% include figure.html\\nurl=\\\"a\\\" %}\""}},
		{"template-only block is no block", "{% assign x = 1 %}\n{% if x %}\n\nTexte.\n\n{% endif %}\n",
			[]string{"paragraph: Texte."}, nil},
		{"tag alone on its line splits the paragraph", "Un.\n{% if x %}\nDeux.\n",
			[]string{"paragraph: Un.", "paragraph: Deux."}, nil},
		{"hugo paired shortcode around prose", "{{% notice info %}}Texte à traduire.{{% /notice %}}\n",
			[]string{"paragraph: Texte à traduire."}, nil},
		{"hugo shortcode inside prose", "Voir {{< ref \"a.md\" >}} et {{< b >}}gras{{< /b >}}.\n",
			[]string{"paragraph: Voir {1/} et {2}gras{/2}."},
			[]string{`shortcode standalone "{{< ref \"a.md\" >}}"`, `shortcode open "{{< b >}}"`, `shortcode close "{{< /b >}}"`}},
		{"grav tabs", "[ui-tabs]\n[ui-tab title=\"Avant\"]\n\nTexte.\n\n[/ui-tab]\n[/ui-tabs]\n",
			[]string{"paragraph: Texte."}, nil},
		{"grav shortcodes around a paragraph's lines", "Fin du texte.\n[/ui-tab]\n[ui-tab title=\"B\"]\nAutre texte.\n",
			[]string{"paragraph: Fin du texte.", "paragraph: Autre texte."}, nil},
		{"grav figure inline", "[figure caption=\"Une figure\"]![](image://a.png)[/figure]\n", nil, nil},
		{"bracketed prose stays text", "[Pour en savoir plus : voir ici] et [voir ici].\n",
			[]string{"paragraph: [Pour en savoir plus : voir ici] et [voir ici]."}, nil},
		{"heading id", "## Prérequis {#prerequisites}\n",
			[]string{"heading: Prérequis"}, nil},
		{"kramdown attributes after emphasis", "_Texte important_{: .marker } suite.\n",
			[]string{"paragraph: {1}Texte important{/1}{2/} suite."}, []string{`attrs standalone "{: .marker }"`}},
		{"kramdown attributes on their own line", "Texte.\n{: .note .info }\n",
			[]string{"paragraph: Texte."}, nil},
		{"mkdocs button", "[Télécharger](u){ .md-button } ici.\n",
			[]string{"paragraph: {1}Télécharger{/1}{2/} ici."}, []string{`attrs standalone "{ .md-button }"`}},
		{"footnote reference and definition", "Texte[^1] suite.\n\n[^1]: La note.\n",
			[]string{"paragraph: Texte{1/} suite.", "paragraph: La note."}, []string{`footnote standalone "[^1]"`}},
		{"footnote without definition stays text", "Texte [^x].\n", []string{"paragraph: Texte [^x]."}, nil},
		{"task list markers", "- [ ] à faire\n- [x] fait\n", []string{"list-item: à faire", "list-item: fait"}, nil},
		{"abbreviations", "Du HTML.\n\n*[HTML]: HyperText Markup Language\n", []string{"paragraph: Du HTML."}, nil},
		{"toml front matter is no paragraph", "+++\ntitle = \"page 2\"\ndate = 2020-01-01\n+++\n\nTexte.\n",
			[]string{"paragraph: Texte."}, nil},
		{"code span keeps its braces", "Écrivez `{{ .Content }}` ici.\n",
			[]string{"paragraph: Écrivez {1/} ici."}, nil},
		{"fenced code is not site syntax", "```\n{{ .Content }}\n{% if %}\n```\n\nTexte.\n", []string{"paragraph: Texte."}, nil},
		{"indented code is not site syntax", "Texte.\n\n    {{ x }}\n", []string{"paragraph: Texte."}, nil},
		{"blockquote tag over two lines", "> Texte {{< x\n> y >}} fin.\n",
			[]string{"paragraph: Texte {1/} fin."}, []string{"shortcode standalone \"{{< x\\n> y >}}\""}},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, got := extractSummaries(t, c, tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.codes, siteCodes(doc))
		})
	}
}

// TestExtractSiteCodeSpans checks that site syntax inside a code span or a
// fenced code block is left to the code: the code span is one "code" code,
// and the pieces found there are dropped and unmasked.
func TestExtractSiteCodeSpans(t *testing.T) {
	src := []byte("Écrivez `{{ .Content }}` et {{ x }}.\n\n```\n{% raw %}\n```\n")
	x := extractor{src: src}
	c := New()
	doc, _, err := c.extract("a.md", src)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	assert.Equal(t, []string{"code standalone \"`{{ .Content }}`\"", `template standalone "{{ x }}"`}, codeSummary(doc.Blocks[0]))
	// The pieces inside the code span and the fence are given back.
	x.view = append([]byte(nil), src...)
	x.site = maskInline(src, x.view, c.shortcodes, c.syntax)
	require.Len(t, x.site, 3)
	x.walk(c.md.Parser().Parse(text.NewReader(x.view)))
	require.Len(t, x.site, 1)
	assert.Equal(t, "{{ x }}", string(src[x.site[0].start:x.site[0].end]))
	assert.Equal(t, string(src[:strings.Index(string(src), " et")]), string(x.view[:strings.Index(string(src), " et")]))
}

func TestWithShortcodes(t *testing.T) {
	src := []byte("[youtube id=\"x\"]\n\nTexte [spoiler] fin.\n")
	doc, err := New().Extract("a.md", src)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 2, "unknown names are prose")
	doc, err = New(WithShortcodes("youtube", "spoiler")).Extract("a.md", src)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	assert.Equal(t, "Texte {1/} fin.", doc.Blocks[0].Content.Key())
}

// TestSiteCodesSurviveTranslation merges an upper-cased translation of the
// site inputs and of the corpus's site pages: every site code of the
// source is in the draft with the same bytes, and the draft reads back
// with the same site codes.
func TestSiteCodesSurviveTranslation(t *testing.T) {
	c := New()
	check := func(t *testing.T, src []byte) {
		doc := extractSegmented(t, c, "a.md", src)
		out := merged(t, c, doc, targetsFrom(doc, eachText(strings.ToUpper)))
		for _, code := range siteCodes(doc) {
			var data string
			_, err := fmt.Sscanf(code[strings.Index(code, "\""):], "%q", &data)
			require.NoError(t, err)
			assert.Contains(t, string(out), data)
		}
		again, err := c.Extract("a.md", out)
		require.NoError(t, err)
		assert.Equal(t, siteCodes(doc), siteCodes(again))
	}
	for _, in := range siteInputs() {
		t.Run("", func(t *testing.T) { check(t, []byte(in)) })
	}
	t.Run("corpus", func(t *testing.T) {
		dir := testenv.Shared(t, "corpus")
		for _, p := range markdownFiles(t, filepath.Join(dir, "sites")) {
			t.Run(filepath.Base(p), func(t *testing.T) { check(t, readFile(t, p)) })
		}
	})
}

// TestRoundTripSiteInputs runs the fuzz checks on the site inputs.
func TestRoundTripSiteInputs(t *testing.T) {
	c := New()
	for _, in := range siteInputs() {
		t.Run("", func(t *testing.T) { roundTrip(t, c, "f.md", []byte(in)) })
	}
}

// TestSiteFiles runs the fuzz checks on the pages of testdata/site and
// compares their extraction with NAME.golden (go test -run TestSiteFiles
// -update rewrites them).
func TestSiteFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "site", "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	c := New()
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src := readFile(t, p)
			roundTrip(t, c, p, src)
			doc, err := c.Extract(p, src)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, document.Dump(&buf, doc))
			testenv.Golden(t, strings.TrimSuffix(p, ".md")+".golden", buf.Bytes())
		})
	}
}

// siteInputs are small pages of site syntax, seeds of the fuzz targets.
func siteInputs() []string {
	return []string{
		"Voir [la migration de Wordpress à Hugo]({% post_url 2017-03-17-smashing-mag %}).\n",
		"Texte[^1] et [^2].\n\n[^1]: Une note.\n[^2]: Une autre\n    sur deux lignes.\n",
		"## Prérequis {#prerequisites}\n\nTexte.\n{: .note .info }\n",
		"+++\ntitle = \"page 2\"\n+++\n\nTexte.\n",
		"[ui-tabs]\n[ui-tab title=\"Un\"]\nTexte un.\n[/ui-tab]\n[ui-tab title=\"Deux\"]\nTexte *deux*.\n[/ui-tab]\n[/ui-tabs]\n",
		"{{< notice info >}}\nUn **avis**.\n{{< /notice >}}\n\nEt {{% b %}}gras{{% /b %}} {{< x />}}.\n",
		"{% if a %}\n- un {{ b | c }}\n- deux\n{% endif %}\n",
		"_Texte_{: .marker } `{{ code }}` {# c #}\n\n```\n{% raw %}\n```\n",
		"- [ ] tâche {{ x }}\n- [x] faite\n\n*[HTML]: Hyper Text\n",
		"> Citation {{< x\n> y >}} fin.\n>\n> [center]\n> Centré\n> [/center]\n",
		"| a {{ b | c }} | d |\n|---|---|\n| {{< x >}}e{{< /x >}} | {% f %} |\n",
		"# Bravo :tada:\n\nMerci à toutes les villes :+1: (:flag-fr:) à 10:30:00, `:code:` et **:rocket:**.\n",
		"*{{ a }}* **{% b %}c{% endb %}** [l]({{ u }} \"{{ t }}\")\n",
	}
}

// TestSiteLinesSurviveTranslation: site syntax alone on its line inside a
// paragraph stays on its own line in a translated draft, and a tag inside
// a line stays where it is.
func TestSiteLinesSurviveTranslation(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Un texte.\n{% if x %}\nDeux textes.\n{% endif %}\n", "UN TEXTE.\n{% if x %}\nDEUX TEXTES.\n{% endif %}\n"},
		{"> Fin.\n> [/ui-tab]\n> [ui-tab title=\"B\"]\n> Suite.\n", "> FIN.\n> [/ui-tab]\n> [ui-tab title=\"B\"]\n> SUITE.\n"},
		{"- Un {{< b >}}mot{{< /b >}}\n  {{< x >}}\n  suite.\n", "- UN {{< b >}}MOT{{< /b >}}\n  {{< x >}}\n  SUITE.\n"},
	}
	c := New()
	for _, tt := range tests {
		t.Run("", func(t *testing.T) {
			doc := extractSegmented(t, c, "a.md", []byte(tt.in))
			assert.Equal(t, tt.want, string(merged(t, c, doc, targetsFrom(doc, eachText(strings.ToUpper)))))
		})
	}
}
