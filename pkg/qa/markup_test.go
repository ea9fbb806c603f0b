package qa

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/markdown"
)

// markupOnly is a checker that runs the markup check alone.
func markupOnly() *Checker { return New(Options{Checks: []Check{markup{}}}) }

// wholeBlocks makes each block of doc one segment, so that a translation
// can be merged block by block without package segment.
func wholeBlocks(doc *document.Document) {
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		b.Segments = []document.Segment{{ID: document.SegmentID(b.ID, 1), Span: b.Span, Source: b.Content}}
	}
}

// upper translates a content by upper-casing its text: a reversible
// change of every letter that keeps codes where they are.
func upper(c document.Content) document.Content {
	out := make(document.Content, len(c))
	for i, r := range c {
		out[i] = document.Run{Code: r.Code}
		if r.Code == nil {
			out[i].Text = strings.ToUpper(r.Text)
		}
	}
	return out
}

// pairFile extracts src and tgt with the Markdown codec and returns the
// File the markup check sees for them.
func pairFile(t testing.TB, name string, src, tgt []byte) *File {
	c := markdown.New()
	sd, err := c.Extract(name, src)
	require.NoError(t, err)
	td, err := c.Extract(name, tgt)
	require.NoError(t, err)
	return &File{Path: "en/" + name, Source: name, SrcLang: language.French, Lang: language.English,
		Documents: &Documents{Source: sd, Target: td}}
}

// translate merges doc with every segment upper-cased. Site syntax is
// code now (the extractor carries template tags, shortcodes, attribute
// lists and footnote references as codes, and keeps admonition markers
// out of every block), so no segment needs to be left out.
func translate(t testing.TB, doc *document.Document) []byte {
	targets := map[string]document.Content{}
	for _, s := range doc.Segments() {
		targets[s.ID] = upper(s.Source)
	}
	var buf bytes.Buffer
	require.NoError(t, markdown.New().Merge(&buf, doc, targets))
	return buf.Bytes()
}

// corpusMarkdown returns the Markdown and MDX files of ../shared/corpus.
func corpusMarkdown(t *testing.T) []string { return corpusMarkdownB(t) }

func corpusMarkdownB(t testing.TB) []string {
	dir := testenv.Shared(t, "corpus")
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.EqualFold(filepath.Ext(p), ".md") || strings.EqualFold(filepath.Ext(p), ".mdx")) {
			out = append(out, p)
		}
		return nil
	}))
	require.NotEmpty(t, out)
	return out
}

// TestMarkupCorpus: every Markdown file of the corpus, as its own
// translation and upper-cased through Merge, gives no markup finding.
func TestMarkupCorpus(t *testing.T) {
	for _, p := range corpusMarkdown(t) {
		rel := filepath.ToSlash(p[strings.Index(p, "corpus"):])
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(p)
			require.NoError(t, err)
			rep := markupOnly().Run([]*File{pairFile(t, rel, src, src)})
			assert.Empty(t, rep.Findings, "identity")

			doc, err := markdown.New().Extract(rel, src)
			require.NoError(t, err)
			wholeBlocks(doc)
			tgt := translate(t, doc)
			require.NotEqual(t, string(src), string(tgt))
			rep = markupOnly().Run([]*File{pairFile(t, rel, src, tgt)})
			assert.Empty(t, rep.Findings, "upper-cased")
		})
	}
}

func TestMarkupSkeleton(t *testing.T) {
	src := "---\ntitle: Un titre\ntags: [a]\n---\n\n## Titre\n\nTexte [lien](https://a.fr \"Titre\") et `x`.\n\n| a | b |\n|---|---|\n| c | d |\n"
	cases := []struct {
		name, tgt string
		want      []string // "line:col message-part"
	}{
		{"correct", "---\ntitle: A title\ntags: [a]\n---\n\n## Title\n\nText [link](https://a.fr \"Title\") and `x`.\n\n| a  |  b |\n|----|----|\n| c | d |\n", nil},
		{"heading level", "---\ntitle: A title\ntags: [a]\n---\n\n### Title\n\nText [link](https://a.fr \"Title\") and `x`.\n\n| a | b |\n|---|---|\n| c | d |\n",
			[]string{"6:1 heading level 2 in the source, 3"}},
		{"front-matter key", "---\ntitle: A title\netiquettes: [a]\n---\n\n## Title\n\nText [link](https://a.fr \"Title\") and `x`.\n\n| a | b |\n|---|---|\n| c | d |\n",
			[]string{"3:1 markup differs"}},
		{"url", "---\ntitle: A title\ntags: [a]\n---\n\n## Title\n\nText [link](https://b.fr \"Title\") and `x`.\n\n| a | b |\n|---|---|\n| c | d |\n",
			[]string{"8:11 link URL differs"}},
		{"table row lost", "---\ntitle: A title\ntags: [a]\n---\n\n## Title\n\nText [link](https://a.fr \"Title\") and `x`.\n\n| a | b |\n|---|---|\n",
			[]string{"12:1 the target drops the markup"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := markupOnly().Run([]*File{pairFile(t, "a.md", []byte(src), []byte(tc.tgt))})
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.At.String()+" "+f.Message)
			}
			require.Len(t, got, len(tc.want), "%q", got)
			for i, w := range tc.want {
				assert.True(t, strings.HasPrefix(got[i], "en/a.md:"+w), "%q does not start with %q", got[i], w)
			}
		})
	}
}

func TestScanSite(t *testing.T) {
	names := map[string]bool{"ui-tab": true}
	text := "{% if x %}\n:::info[Titre]\nTexte[^1] {{ page.title }} [ui-tab] [voir] [note title=\"Un\" id=2] {: .cls} {#id}\n:::\n\\[/ui-tab\\] [/ui-tab] {# note #}"
	var got []string
	for _, k := range scanSite(text, 0, names) {
		got = append(got, k.what+"|"+k.key)
	}
	assert.Equal(t, []string{
		"template tag|{% if x %}", "admonition marker|:::info …", "footnote reference|[^1]", "template expression|{{ page.title }}",
		"shortcode|[ui-tab]", "shortcode|[note title=… id=2]", "attribute list|{: .cls}", "attribute list|{#id}", "admonition marker|:::",
		"shortcode|[/ui-tab]", "template tag|{# note #}",
	}, got)
}

func TestCommonLines(t *testing.T) {
	a := []string{"a", "b", "c", "d", "e"}
	b := []string{"a", "x", "c", "e", "f"}
	assert.Equal(t, [][2]int{{0, 0}, {2, 2}, {4, 3}}, commonLines(a, b))
	assert.Empty(t, commonLines(nil, b))
	assert.Equal(t, [][2]int{{0, 1}}, commonLines([]string{"x"}, []string{"y", "x", "z"}))
}

// TestMarkupOutsideBlocks covers markers that a codec leaves outside its
// blocks (as the extractor will for admonitions and template tags): the
// blocks are set by hand over the text of each document.
func TestMarkupOutsideBlocks(t *testing.T) {
	doc := func(path, src string, texts ...string) *document.Document {
		d := document.New(path, "markdown", language.Und, []byte(src))
		at := 0
		for i, x := range texts {
			j := strings.Index(src[at:], x) + at
			require.GreaterOrEqual(t, j, at, x)
			d.Blocks = append(d.Blocks, document.Block{ID: "b" + itoa(i+1), Span: document.Span{Start: j, End: j + len(x)},
				Content: document.Content{{Text: x, Span: document.Span{Start: j, End: j + len(x)}}}})
			at = j + len(x)
		}
		return d
	}
	src := doc("a.md", ":::note[Titre]\nTexte.\n:::\n\n{% if x %}\nPlus.\n{% endif %}\n\nTitre\n=====\n", "Titre", "Texte.", "Plus.", "Titre")
	cases := []struct {
		name string
		tgt  *document.Document
		want string
	}{
		{"correct", doc("a.md", ":::note[Title]\nText.\n:::\n\n{% if x %}\nMore.\n{% endif %}\n\nTitle\n=====\n", "Title", "Text.", "More.", "Title"), ""},
		{"closing ::: dropped", doc("a.md", ":::note[Title]\nText.\n\n{% if x %}\nMore.\n{% endif %}\n\nTitle\n=====\n", "Title", "Text.", "More.", "Title"),
			"en/a.md:4:1 the target drops the closing `:::` of the admonition opened at 1:1 (the source closes it at 3:1)"},
		{"endif broken", doc("a.md", ":::note[Title]\nText.\n:::\n\n{% if x %}\nMore.\n{% end if %}\n\nTitle\n=====\n", "Title", "Text.", "More.", "Title"),
			"en/a.md:7:1 template tag `{% endif %}` of the source is `{% end if %}`"},
		{"setext level", doc("a.md", ":::note[Title]\nText.\n:::\n\n{% if x %}\nMore.\n{% endif %}\n\nTitle\n-----\n", "Title", "Text.", "More.", "Title"),
			"en/a.md:10:1 heading level 1 in the source, 2 in the target"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &File{Path: "en/a.md", Source: "a.md", Lang: language.English, Documents: &Documents{Source: src, Target: tc.tgt}}
			var got []string
			for _, fd := range markupOnly().Run([]*File{f}).Findings {
				got = append(got, fd.At.String()+" "+fd.Message)
			}
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1, "%q", got)
			assert.True(t, strings.HasPrefix(got[0], tc.want), "got %q, want %q…", got[0], tc.want)
		})
	}
}

// TestMarkupGrouped: the same code dropped several times from a block is
// one finding that says how many times.
func TestMarkupGrouped(t *testing.T) {
	f := pairFile(t, "a.md", []byte("Un **a** et **b** et `c`.\n"), []byte("One a and b and `c`.\n"))
	var got []string
	for _, fd := range markupOnly().Run([]*File{f}).Findings {
		got = append(got, fd.At.String()+" "+fd.Message)
	}
	assert.Equal(t, []string{"en/a.md:1:1 the target drops the strong markup `**` (2 times): restore it"}, got)
}

// BenchmarkMarkup checks a 1 MB document (the corpus's Markdown
// concatenated) against its upper-cased translation.
func BenchmarkMarkup(b *testing.B) {
	var src []byte
	for _, p := range corpusMarkdownB(b) {
		data, err := os.ReadFile(p)
		require.NoError(b, err)
		src = append(append(src, data...), '\n')
		if len(src) > 1<<20 {
			break
		}
	}
	doc, err := markdown.New().Extract("a.md", src)
	require.NoError(b, err)
	wholeBlocks(doc)
	f := pairFile(b, "a.md", src, translate(b, doc))
	c := markupOnly()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		c.Run([]*File{f})
	}
}

// TestMarkupBlockLines: a paragraph dropped or added is reported as such.
// Among paragraphs with no markup around them, which one is missing cannot
// be told from the skeleton: the last of the run is named.
func TestMarkupBlockLines(t *testing.T) {
	src := []byte("Un.\n\nDeux.\n\nTrois.\n")
	for _, tc := range []struct{ tgt, want string }{
		{"One.\n\nThree.\n", "en/a.md:4:1 the target drops the paragraph of the source's line 5: translate it"},
		{"One.\n\nTwo.\n\nTwo and a half.\n\nThree.\n", "en/a.md:7:1 the target adds a paragraph the source does not have"},
	} {
		var got []string
		for _, fd := range markupOnly().Run([]*File{pairFile(t, "a.md", src, []byte(tc.tgt))}).Findings {
			got = append(got, fd.At.String()+" "+fd.Message)
		}
		require.Len(t, got, 1, "%q", got)
		assert.True(t, strings.HasPrefix(got[0], tc.want), "got %q, want %q…", got[0], tc.want)
	}
}

// TestMarkupCorpusInjected breaks each Markdown file of the corpus in a
// few ways, at the first place each applies, and wants a markup finding
// for every break: a changed link URL, a dropped footnote reference, a
// broken template tag or expression, a heading marker lost, a closing
// admonition marker dropped, a shortcode renamed, an attribute list
// changed.
func TestMarkupCorpusInjected(t *testing.T) {
	breaks := []struct {
		name string
		re   *regexp.Regexp
		repl string
	}{
		{"link URL", regexp.MustCompile(`\]\(https?://`), "](https://changed.example/"},
		{"footnote reference", regexp.MustCompile(`\[\^[^\]\s]+\]([^:]|$)`), "$1"},
		{"template tag", regexp.MustCompile(`\{%-?\s*end(if|for|raw|capture)`), "{% end $1"},
		{"heading", regexp.MustCompile(`(?m)^#{2,6} (\S)`), "$1"},
		{"admonition close", regexp.MustCompile(`(?m)^:::\s*\n`), ""},
		{"shortcode", regexp.MustCompile(`\[/([a-z][a-z0-9_-]*)\]`), "[/$1-x]"},
		{"template expression", regexp.MustCompile(`\{\{(<|%)?\s*([A-Za-z.]+)`), "{{$1 x$2"},
		{"attribute list", regexp.MustCompile(`\{:?\s*([.#][A-Za-z][\w-]*)`), "{ $1-x"},
	}
	n := map[string]int{}
	for _, p := range corpusMarkdown(t) {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		rel := filepath.ToSlash(p[strings.Index(p, "corpus"):])
		for _, b := range breaks {
			loc := b.re.FindSubmatchIndex(src)
			if loc == nil {
				continue
			}
			var tgt []byte
			tgt = append(tgt, src[:loc[0]]...)
			tgt = b.re.Expand(tgt, []byte(b.repl), src, loc)
			tgt = append(tgt, src[loc[1]:]...)
			n[b.name]++
			rep := markupOnly().Run([]*File{pairFile(t, rel, src, tgt)})
			assert.NotEmpty(t, rep.Findings, "%s: %s broken at byte %d: %q → %q", rel, b.name, loc[0], src[loc[0]:loc[1]], tgt[loc[0]:loc[0]+min(len(tgt)-loc[0], loc[1]-loc[0]+10)])
		}
	}
	t.Logf("breaks injected: %v", n)
}

// TestMarkupLostHeading: a heading marker lost is one finding, wherever
// the heading is and whatever markup the blocks after it hold; the blocks
// after it still pair with their sources.
func TestMarkupLostHeading(t *testing.T) {
	for _, tc := range []struct{ name, src, tgt, want string }{
		{"first", "## Titre\n\nUn `a`.\n\nDeux `b`.\n\nTrois.\n", "Title\n\nOne `a`.\n\nTwo `b`.\n\nThree.\n",
			"en/a.md:1:1 the source's level-2 heading is not a heading in the target"},
		{"merged into the next paragraph", "## Titre\nTexte `a`.\n\nDeux `b`.\n\nTrois.\n", "Title\nText `a`.\n\nTwo `b`.\n\nThree.\n",
			"en/a.md:1:1 the target drops the level-2 heading `## …` of the source's line 1"},
		{"between paragraphs", "Intro.\n\n## Titre\n\nUn.\n\nDeux [x](http://a).\n\n- Trois `c`.\n", "Intro.\n\nTitle\n\nOne.\n\nTwo [x](http://a).\n\n- Three `c`.\n",
			"en/a.md:3:1 the source's level-2 heading is not a heading in the target"},
		{"plain paragraphs", "Un.\n\n## Titre\n\nDeux.\n\nTrois.\n", "One.\n\nTitle\n\nTwo.\n\nThree.\n",
			"en/a.md:3:1 the source's level-2 heading is not a heading in the target"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, fd := range markupOnly().Run([]*File{pairFile(t, "a.md", []byte(tc.src), []byte(tc.tgt))}).Findings {
				got = append(got, fd.At.String()+" "+fd.Message)
			}
			require.Len(t, got, 1, "%q", got)
			assert.True(t, strings.HasPrefix(got[0], tc.want), "got %q, want %q…", got[0], tc.want)
		})
	}
}

// TestMarkupSiteCodes: a shortcode's translated title is no difference, a
// template expression changed in a link URL is one.
func TestMarkupSiteCodes(t *testing.T) {
	src := "Voir [ui-tab title=\"Onglet\" id=\"a\"]ici[/ui-tab] et ![Photo]({{ page.image }} \"Photo\").\n"
	for _, tc := range []struct{ name, tgt, want string }{
		{"correct", "See [ui-tab title=\"Tab\" id=\"a\"]here[/ui-tab] and ![Photo]({{ page.image }} \"Photo\").\n", ""},
		{"shortcode id", "See [ui-tab title=\"Tab\" id=\"b\"]here[/ui-tab] and ![Photo]({{ page.image }} \"Photo\").\n", "shortcode markup differs"},
		{"template in URL", "See [ui-tab title=\"Tab\" id=\"a\"]here[/ui-tab] and ![Photo]({{ xpage.image }} \"Photo\").\n", "image URL differs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, fd := range markupOnly().Run([]*File{pairFile(t, "a.md", []byte(src), []byte(tc.tgt))}).Findings {
				got = append(got, fd.Message)
			}
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1, "%q", got)
			assert.True(t, strings.HasPrefix(got[0], tc.want), "got %q, want %q…", got[0], tc.want)
		})
	}
}

// A Grav notice ("!!!" before prose) keeps its marker whatever the first
// word becomes: Spanish opens an exclamation with "¡".
func TestMarkupGravNotice(t *testing.T) {
	src := "!!! Même si l'image est ancienne, mettez-la à jour !\n"
	for _, tc := range []struct {
		name, tgt string
		findings  int
	}{
		{"translated", "!!! Even if the image is old, update it!\n", 0},
		{"opening mark", "!!! ¡Aunque la imagen sea antigua, actualizadla!\n", 0},
		{"marker dropped", "¡Aunque la imagen sea antigua, actualizadla!\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := markupOnly().Run([]*File{pairFile(t, "a.md", []byte(src), []byte(tc.tgt))})
			assert.Len(t, res.Findings, tc.findings, "%v", res.Findings)
		})
	}
}
