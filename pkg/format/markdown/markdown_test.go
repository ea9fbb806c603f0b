package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format"
)

var _ format.Codec = (*Codec)(nil)

// blockSummary renders a block as "kind[name]: key", the key showing codes
// as {1}…{/1} placeholders.
func blockSummary(b document.Block) string {
	name := ""
	if b.Name != "" {
		name = "[" + b.Name + "]"
	}
	return fmt.Sprintf("%s%s: %s", b.Kind, name, b.Content.Key())
}

// codeSummary renders the codes of a block as "type kind data".
func codeSummary(b document.Block) []string {
	var out []string
	for _, c := range b.Content.Codes() {
		out = append(out, fmt.Sprintf("%s %s %q", c.Type, c.Kind, c.Data))
	}
	return out
}

// runSummary renders the text runs of a block, an atomic run as
// text<-source.
func runSummary(src []byte, b document.Block) []string {
	var out []string
	for _, r := range b.Content {
		if r.Code != nil {
			continue
		}
		s := fmt.Sprintf("%q", r.Text)
		if data := string(src[r.Span.Start:r.Span.End]); data != r.Text {
			s += fmt.Sprintf("<-%q", data)
		}
		out = append(out, s)
	}
	return out
}

func TestExtractBlocks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"atx heading without its hashes", "## Le titre ##\n", []string{"heading: Le titre"}},
		{"setext heading over two lines", "Le titre\nsur deux lignes\n===\n", []string{"heading: Le titre sur deux lignes"}},
		{"setext level 2", "Sous-titre\n---\n\nTexte.\n", []string{"heading: Sous-titre", "paragraph: Texte."}},
		{"paragraphs", "Un.\n\nDeux\ntrois.\n", []string{"paragraph: Un.", "paragraph: Deux trois."}},
		{"tight list", "- un\n- deux\n", []string{"list-item: un", "list-item: deux"}},
		{"loose ordered list", "1. un\n\n2. deux\n\n   suite\n", []string{"list-item: un", "list-item: deux", "list-item: suite"}},
		{"nested lists", "- un\n  1) a\n  2) b\n- deux\n", []string{"list-item: un", "list-item: a", "list-item: b", "list-item: deux"}},
		{"blockquote paragraphs", "> un\n> deux\n>\n> > trois\n", []string{"paragraph: un deux", "paragraph: trois"}},
		{"list inside blockquote", "> - un\n> - deux\n", []string{"list-item: un", "list-item: deux"}},
		{"lazy continuation", "> un\ndeux\n", []string{"paragraph: un deux"}},
		{"table cells, header too", "| A | B |\n|:--|--:|\n| un | deux |\n|  | trois |\n",
			[]string{"table-cell: A", "table-cell: B", "table-cell: un", "table-cell: deux", "table-cell: trois"}},
		{"table after a paragraph", "Avant.\n| A | B |\n| - | - |\n| c | d |\n",
			[]string{"paragraph: Avant.", "table-cell: A", "table-cell: B", "table-cell: c", "table-cell: d"}},
		{"code blocks and html blocks are left out",
			"```go\nx := 1\n```\n\n    indenté\n\n<div>\nbloc\n</div>\n\nTexte.\n", []string{"paragraph: Texte."}},
		{"reference definitions are left out", "[a]: http://x.org \"Titre\"\n\nTexte.\n", []string{"paragraph: Texte."}},
		{"blocks without a letter or digit are left out", "***\n\n- ...\n\n| - |\n|---|\n| — |\n", nil},
		{"thematic break between paragraphs", "Un.\n\n---\n\nDeux.\n", []string{"paragraph: Un.", "paragraph: Deux."}},
		{"link title is an attribute block", "Voir [le site](http://x.org \"Le titre\").\n",
			[]string{"paragraph: Voir {1}le site{/1}.", "attribute[title]: Le titre"}},
		{"image alt inline, title apart", "![Une carte](c.png 'Carte')\n",
			[]string{"paragraph: {1}Une carte{/1}", "attribute[title]: Carte"}},
		{"image without alt: only its title", "![](c.png \"Carte des villes\")\n", []string{"attribute[title]: Carte des villes"}},
		{"title in parentheses", "[a](u (Le titre))\n", []string{"paragraph: {1}a{/1}", "attribute[title]: Le titre"}},
		{"full reference link", "[Le texte][ref]\n\n[ref]: http://x.org\n", []string{"paragraph: {1}Le texte{/1}"}},
		{"collapsed and shortcut references stay whole", "Le [CGLU][] et [OIM].\n\n[cglu]: http://a\n[oim]: http://b\n",
			[]string{"paragraph: Le {1/} et {2/}."}},
		{"not a link without definition", "Le [texte] reste.\n", []string{"paragraph: Le [texte] reste."}},
		{"front matter defaults", "---\ntitle: Le titre\ndescription: La description\nsummary: Le résumé\ndate: 2017-11-06\nslug: le-titre\n---\n\nTexte.\n",
			[]string{"front-matter[title]: Le titre", "front-matter[description]: La description", "front-matter[summary]: Le résumé", "paragraph: Texte."}},
		{"no closing delimiter: not front matter", "---\ntitle: Le titre\n", []string{"paragraph: title: Le titre"}},
		{"front matter ending with dots", "---\ntitle: Le titre\n...\nTexte.\n", []string{"front-matter[title]: Le titre", "paragraph: Texte."}},
		{"nested keys are not top-level keys", "---\nmenu:\n  title: Menu\ntitle: Vrai titre\n---\n", []string{"front-matter[title]: Vrai titre"}},
		{"sequences, flow collections, aliases are left out", "---\ntitle:\n  - un\ndescription: [a, b]\nsummary: *ref\n---\n", nil},
		{"plain scalar with a colon is not a scalar", "---\ntitle: a: b\n---\n", nil},
		{"plain scalar on the next lines", "---\ntitle:\n  Un titre\n  sur deux lignes\n---\n", []string{"front-matter[title]: Un titre sur deux lignes"}},
		{"comment after a value", "---\ntitle: Le titre # commentaire\ndescription: \"Citée\" # commentaire\n---\n",
			[]string{"front-matter[title]: Le titre", "front-matter[description]: Citée"}},
		{"the lines of a value are not keys", "---\ndescription: \"a\ntitle: b\"\n---\n", []string{"front-matter[description]: a title: b"}},
		{"hash inside a word is not a comment", "---\ntitle: C#, le langage\n---\n", []string{"front-matter[title]: C#, le langage"}},
		{"byte order mark", "\uFEFF# Titre\n", []string{"heading: Titre"}},
		{"byte order mark before front matter", "\uFEFF---\ntitle: Titre\n---\nTexte.\n", []string{"front-matter[title]: Titre", "paragraph: Texte."}},
		{"crlf front matter", "---\r\ntitle: Le titre\r\nsummary: >\r\n  Un\r\n  deux\r\n---\r\n\r\nTexte.\r\n",
			[]string{"front-matter[title]: Le titre", "front-matter[summary]: Un deux", "paragraph: Texte."}},
		{"crlf line endings", "# Titre\r\n\r\nUn\r\ndeux.\r\n", []string{"heading: Titre", "paragraph: Un deux."}},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := extractSummaries(t, c, tt.in)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExtractCodes(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		key   string
		codes []string
	}{
		{"emphasis of every kind", "*a* _b_ **c** __d__ ~~e~~ ~f~", "{1}a{/1} {2}b{/2} {3}c{/3} {4}d{/4} {5}e{/5} {6}f{/6}",
			[]string{`fmt:em open "*"`, `fmt:em close "*"`, `fmt:em open "_"`, `fmt:em close "_"`,
				`fmt:strong open "**"`, `fmt:strong close "**"`, `fmt:strong open "__"`, `fmt:strong close "__"`,
				`fmt:del open "~~"`, `fmt:del close "~~"`, `fmt:del open "~"`, `fmt:del close "~"`}},
		{"nested emphasis", "***a*** b", "{1}{2}a{/2}{/1} b",
			[]string{`fmt:em open "*"`, `fmt:strong open "**"`, `fmt:strong close "**"`, `fmt:em close "*"`}},
		{"unused opening star joins the code", "x **a* b", "x {1}a{/1} b", []string{`fmt:em open "**"`, `fmt:em close "*"`}},
		{"unused closing star joins the code", "*a** b", "{1}a{/1} b", []string{`fmt:em open "*"`, `fmt:em close "**"`}},
		{"nested strikethrough", "x ~~a~ b~", "x {1}{2}a{/2} b{/1}", []string{`fmt:del open "~"`, `fmt:del open "~"`, `fmt:del close "~"`, `fmt:del close "~"`}},
		{"unused tilde joins the code", "~~a~ b", "{1}a{/1} b", []string{`fmt:del open "~~"`, `fmt:del close "~"`}},
		{"escaped star stays text", "\\**a* b", "*{1}a{/1} b", []string{`fmt:em open "*"`, `fmt:em close "*"`}},
		{"strong then emphasis, touching", "**e***f*", "{1}e{/1}{2}f{/2}",
			[]string{`fmt:strong open "**"`, `fmt:strong close "**"`, `fmt:em open "*"`, `fmt:em close "*"`}},
		{"link with a title", `Voir [le site](http://x.org "Titre") ici.`, "Voir {1}le site{/1} ici.",
			[]string{`link open "["`, `link close "](http://x.org \"Titre\")"`}},
		{"link with an angle destination and parentheses", "[a](<u v> 'T') [b](u(1)) [c]()", "{1}a{/1} {2}b{/2} {3}c{/3}",
			[]string{`link open "["`, `link close "](<u v> 'T')"`, `link open "["`, `link close "](u(1))"`, `link open "["`, `link close "]()"`}},
		{"link with blanks and line breaks in its tail", "[a](\n  u\n  \"T\" )", "{1}a{/1}",
			[]string{`link open "["`, "link close \"](\\n  u\\n  \\\"T\\\" )\""}},
		{"image inside a link", "[![logo](l.png)](http://x.org)", "{1}{2}logo{/2}{/1}",
			[]string{`link open "["`, `image open "!["`, `image close "](l.png)"`, `link close "](http://x.org)"`}},
		{"full reference", "[texte][ref]\n\n[ref]: http://x", "{1}texte{/1}", []string{`link open "["`, `link close "][ref]"`}},
		{"emphasis inside a link", "[un *beau* site](u)", "{1}un {2}beau{/2} site{/1}",
			[]string{`link open "["`, `fmt:em open "*"`, `fmt:em close "*"`, `link close "](u)"`}},
		{"inline code", "Lancez `relais check` puis ``a ` b``.", "Lancez {1/} puis {2/}.",
			[]string{"code standalone \"`relais check`\"", "code standalone \"``a ` b``\""}},
		{"inline html pair and void tags", "Un <b>gras</b><br/> et <span>seul et <br> fin", "Un {1}gras{/1}{2/} et {3/}seul et {4/} fin",
			[]string{`html open "<b>"`, `html close "</b>"`, `html standalone "<br/>"`, `html standalone "<span>"`, `html standalone "<br>"`}},
		{"html comment", "a <!-- note --> b", "a {1/} b", []string{`html standalone "<!-- note -->"`}},
		{"autolinks", "Voir <https://x.org>, <a@b.org>, www.iom.int et https://un.org/fr.", "Voir {1/}, {2/}, {3/} et {4/}.",
			[]string{`autolink standalone "<https://x.org>"`, `autolink standalone "<a@b.org>"`,
				`autolink standalone "www.iom.int"`, `autolink standalone "https://un.org/fr"`}},
		{"hard breaks", "un  \ndeux\\\ntrois", "un{1/}deux{2/}trois",
			[]string{`break standalone "  \n"`, `break standalone "\\\n"`}},
		{"hard break in a blockquote keeps the prefix", "> un  \n> deux", "un{1/}deux", []string{`break standalone "  \n> "`}},
		{"code span over two lines of a blockquote", "> a `b\n> c` d", "a {1/} d", []string{"code standalone \"`b\\n> c`\""}},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, st, err := c.extract("a.md", []byte(tt.in))
			require.NoError(t, err)
			require.NoError(t, checkModel(doc))
			require.Zero(t, st.skipped)
			require.NotEmpty(t, doc.Blocks)
			assert.Equal(t, tt.key, doc.Blocks[0].Content.Key())
			assert.Equal(t, tt.codes, codeSummary(doc.Blocks[0]))
		})
	}
}

func TestExtractAtomicText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		runs []string
	}{
		{"entities", "ONU&nbsp;Habitat &amp; 5&#8239;% &#x2019; &bogus; &#;",
			[]string{`"ONU"`, `"\u00a0"<-"&nbsp;"`, `"Habitat "`, `"&"<-"&amp;"`, `" 5"`, `"\u202f"<-"&#8239;"`,
				`"% "`, `"’"<-"&#x2019;"`, `" &bogus; &#;"`}},
		{"backslash escapes", `\*a\* \_ \# \\ \a`,
			[]string{`"*"<-"\\*"`, `"a"`, `"*"<-"\\*"`, `" "`, `"_"<-"\\_"`, `" "`, `"#"<-"\\#"`, `" "`, `"\\"<-"\\\\"`, `" \\a"`}},
		{"soft break takes the next line's indentation", "- un\n  deux", []string{`"un"`, `" "<-"\n  "`, `"deux"`}},
		{"soft break in a blockquote takes the prefix", "> un \n>  deux", []string{`"un"`, `" "<-" \n>  "`, `"deux"`}},
		{"escaped pipe in a table cell", "| a \\| b |\n|---|", []string{`"a "`, `"|"<-"\\|"`, `" b"`}},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Extract("a.md", []byte(tt.in))
			require.NoError(t, err)
			require.NoError(t, checkModel(doc))
			require.NotEmpty(t, doc.Blocks)
			assert.Equal(t, tt.runs, runSummary(doc.Source, doc.Blocks[0]))
		})
	}
}

func TestExtractTitleBlocks(t *testing.T) {
	src := "> [lien](u \"Un titre\n> sur deux &amp; \\\"lignes\\\"\")\n"
	doc, err := New().Extract("a.md", []byte(src))
	require.NoError(t, err)
	require.NoError(t, checkModel(doc))
	require.Len(t, doc.Blocks, 2)
	title := doc.Blocks[1]
	assert.Equal(t, document.Attribute, title.Kind)
	assert.Equal(t, `Un titre sur deux & "lignes"`, title.Content.Plain())
	assert.Equal(t, []string{`"Un titre"`, `" "<-"\n> "`, `"sur deux "`, `"&"<-"&amp;"`, `" "`, `"\""<-"\\\""`, `"lignes"`, `"\""<-"\\\""`},
		runSummary(doc.Source, title))
	closing := doc.Blocks[0].Content[len(doc.Blocks[0].Content)-1]
	require.True(t, closing.IsCode())
	assert.True(t, closing.Span.Contains(title.Span), "the title lies inside the closing code")
}

func TestExtractFrontMatterScalars(t *testing.T) {
	src := "---\n" +
		"title: \"Le \\\"titre\\\" \\u00e9t\\xE9\n  suite\"\n" +
		"description: 'L''OIM\n\n  et CGLU'\n" +
		"summary: >-\n  Un résumé\n  plié\n\n  en deux\n" +
		"notes: |\n  ligne un\n  ligne deux\n" +
		"other: |\n  non\n" +
		"---\n"
	c := New(WithFrontMatterKeys("title", "description", "summary", "notes"))
	doc, err := c.Extract("a.md", []byte(src))
	require.NoError(t, err)
	require.NoError(t, checkModel(doc))
	got := map[string]string{}
	for _, b := range doc.Blocks {
		require.Equal(t, document.FrontMatter, b.Kind)
		got[b.Name] = b.Content.Plain()
	}
	assert.Equal(t, map[string]string{
		"title":       `Le "titre" été suite`,
		"description": "L'OIM\net CGLU",
		"summary":     "Un résumé plié\nen deux",
		"notes":       "ligne un\nligne deux",
	}, got)
	assertFrontMatterMatchesYAML(t, doc)
}

func TestWithFrontMatterKeys(t *testing.T) {
	src := []byte("---\ntitle: Titre\nsubtitle: Sous-titre\n---\n")
	doc, err := New(WithFrontMatterKeys("subtitle")).Extract("a.md", src)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	assert.Equal(t, "subtitle", doc.Blocks[0].Name)
	doc, err = New(WithFrontMatterKeys()).Extract("a.md", src)
	require.NoError(t, err)
	assert.Empty(t, doc.Blocks)
}

func TestExtractRefusesInvalidUTF8(t *testing.T) {
	_, err := New().Extract("dir/a.md", []byte("# Titre\n\nCaf\xe9 cr\xe8me\n"))
	require.Error(t, err)
	var pe *document.PosError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 3, pe.Pos.Line)
	assert.Equal(t, 4, pe.Pos.Col)
	assert.True(t, strings.HasPrefix(err.Error(), "dir/a.md:3:4: markdown: invalid UTF-8"), err.Error())
}

func TestName(t *testing.T) {
	assert.Equal(t, "markdown", New().Name())
	doc, err := New().Extract("a.md", []byte("Texte."))
	require.NoError(t, err)
	assert.Equal(t, "markdown", doc.Format)
	assert.Equal(t, "a.md", doc.Path)
}

// TestSkippedSaysWhat checks that what Extract leaves untranslated for
// want of a mapping is listed, with where it is: an HTML block with text,
// not one with only tags and comments.
func TestSkippedSaysWhat(t *testing.T) {
	src := "Un paragraphe.\n\n<div class=\"note\">\n  Du texte en <b>HTML</b>.\n</div>\n\n" +
		"<div align=\"center\">\n<img src=\"a.png\" alt=\"x\">\n<!-- un commentaire en français -->\n</div>\n"
	doc, err := New().Extract("a.md", []byte(src))
	require.NoError(t, err)
	require.Len(t, doc.Skipped, 1)
	pos := doc.Position(doc.Skipped[0].Span.Start)
	assert.Equal(t, 3, pos.Line)
	assert.Contains(t, doc.Skipped[0].Why, "HTML block holds text")
	assert.Contains(t, doc.Text(doc.Skipped[0].Span), "Du texte")
}

// TestUnreferencedFootnote checks that a footnote definition nothing
// refers to, which goldmark leaves out, is listed in Skipped, and that one
// referred to, or one inside code, is not.
func TestUnreferencedFootnote(t *testing.T) {
	src := "Texte[^a].\n\n[^a]: Note citée.\n[^b]: Note non citée.\n\n```\n[^c]: dans du code\n```\n"
	doc, err := New().Extract("a.md", []byte(src))
	require.NoError(t, err)
	require.Len(t, doc.Skipped, 1, "%+v", doc.Skipped)
	assert.Equal(t, 4, doc.Position(doc.Skipped[0].Span.Start).Line)
	assert.Contains(t, doc.Skipped[0].Why, "footnote definition that nothing refers to")
}
