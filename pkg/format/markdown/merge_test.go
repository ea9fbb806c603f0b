package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/relais-tm/relais/pkg/document"
)

// target builds a translation from a string in which "{1}", "{/1}" and
// "{1/}" stand for the codes of source with ID 1 (open, close,
// standalone).
func target(source document.Content, s string) document.Content {
	codes := map[string]*document.Code{}
	for _, c := range source.Codes() {
		codes[c.Kind.String()+c.ID] = c
	}
	var out document.Content
	re := regexp.MustCompile(`\{(/?)(\d+)(/?)\}`)
	at := 0
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > at {
			out = append(out, document.Run{Text: s[at:m[0]]})
		}
		kind := document.Open
		switch {
		case m[3] > m[2]:
			kind = document.Close
		case m[7] > m[6]:
			kind = document.Standalone
		}
		id := s[m[4]:m[5]]
		c, ok := codes[kind.String()+id]
		if !ok {
			c = &document.Code{ID: id, Kind: kind} // a code the source does not have
		}
		out = append(out, document.Run{Code: c})
		at = m[1]
	}
	if at < len(s) {
		out = append(out, document.Run{Text: s[at:]})
	}
	return out
}

// translate extracts src, gives its n-th segment (1-based) the target
// written as for target, and returns the draft.
func translate(t *testing.T, src string, n int, tgt string) string {
	t.Helper()
	c := New(WithFrontMatterKeys("title", "description", "summary", "notes"))
	doc := extractSegmented(t, c, "a.md", []byte(src))
	segs := doc.Segments()
	require.GreaterOrEqual(t, len(segs), n, "segments of %q", src)
	s := segs[n-1]
	return string(merged(t, c, doc, map[string]document.Content{s.ID: target(s.Source, tgt)}))
}

func TestIdentityMergeGivesTheSource(t *testing.T) {
	c := New()
	eachMarkdown(t, func(t *testing.T, p string) {
		src := readFile(t, p)
		doc, st, err := c.extract(p, src)
		require.NoError(t, err)
		assert.Zero(t, st.skipped, "blocks left out because their markup could not be mapped")
		segmentOne(doc)
		require.NoError(t, checkModel(doc))
		assert.Equal(t, string(src), string(merged(t, c, doc, targetsFrom(doc, func(c document.Content) document.Content { return c }))))
		// Targets built from strings (no spans, one text run per piece)
		// are the identity too.
		assert.Equal(t, string(src), string(merged(t, c, doc, targetsFrom(doc, restring))))
		assert.Equal(t, string(src), string(merged(t, c, doc, nil)))
	})
}

// restring rebuilds c as a translation would arrive: text runs joined and
// without spans, codes by ID and kind only.
func restring(c document.Content) document.Content {
	var out document.Content
	for _, r := range c {
		if r.Code != nil {
			out = append(out, document.Run{Code: &document.Code{ID: r.Code.ID, Kind: r.Code.Kind}})
		} else if n := len(out); n > 0 && out[n-1].Code == nil {
			out[n-1].Text += r.Text
		} else {
			out = append(out, document.Run{Text: r.Text})
		}
	}
	return out
}

// eachText returns a translation that applies f to every text run.
func eachText(f func(string) string) func(document.Content) document.Content {
	return func(c document.Content) document.Content {
		out := make(document.Content, len(c))
		for i, r := range c {
			out[i] = r
			if r.Code == nil {
				out[i] = document.Run{Text: f(r.Text)}
			}
		}
		return out
	}
}

// reverseWords reverses the order of the words of s that hold a letter or
// a digit, leaving punctuation and the blanks at its ends in place.
func reverseWords(s string) string {
	words := strings.Fields(s)
	var idx []int
	for i, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			idx = append(idx, i)
		}
	}
	for i, j := 0, len(idx)-1; i < j; i, j = i+1, j-1 {
		words[idx[i]], words[idx[j]] = words[idx[j]], words[idx[i]]
	}
	if len(words) == 0 {
		return s
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " \t\n"))]
	trail := s[len(strings.TrimRight(s, " \t\n")):]
	return lead + strings.Join(words, " ") + trail
}

// tree renders the goldmark tree of src (its front matter hidden as
// Extract hides it) as node kinds and nesting, without text.
func tree(src []byte) string { return treeOf("a.md", src) }

// treeOf is tree for the document at path: goldmark reads src as Extract
// has it read, with the site syntax masked (see maskBlocks), but inline
// site syntax left as it is, as raw goldmark reads it.
func treeOf(path string, src []byte) string { return treeView(path, src, false) }

// maskedTreeOf is treeOf with inline site syntax masked too (maskInline),
// as relais and relais check read a page.
func maskedTreeOf(path string, src []byte) string { return treeView(path, src, true) }

// sameStructure reports whether draft has the Markdown structure of src:
// as raw goldmark reads them, or, where src's own inline site syntax
// holds a delimiter character ("{% a*b %}", which raw goldmark may pair
// with one outside it and a site generator never shows it), as relais
// reads them.
func sameStructure(path string, src, draft []byte) bool {
	if treeOf(path, src) == treeOf(path, draft) {
		return true
	}
	parse := append([]byte(nil), src...)
	delims := false
	for _, sp := range maskInline(src, parse, New().shortcodes, DialectAuto.syntax()) {
		delims = delims || bytes.ContainsAny(src[sp.start:sp.end], "*_~`[]")
	}
	return delims && maskedTreeOf(path, src) == maskedTreeOf(path, draft)
}

func treeView(path string, src []byte, inline bool) string {
	parse := append([]byte(nil), src...)
	if fm, ok := findFrontMatter(src); ok {
		for i := range fm.end {
			if parse[i] != '\n' {
				parse[i] = ' '
			}
		}
	}
	maskBlocks(src, parse, isMDX(path), DialectAuto.syntax())
	if inline {
		maskInline(src, parse, New().shortcodes, DialectAuto.syntax())
	}
	root := New().md.Parser().Parse(text.NewReader(parse))
	var b strings.Builder
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindText, ast.KindString:
			return ast.WalkContinue, nil
		}
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		b.WriteString(n.Kind().String())
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&b, "%d", n.Level)
		case *ast.Emphasis:
			fmt.Fprintf(&b, "%d", n.Level)
		case *ast.List:
			fmt.Fprintf(&b, "%c", n.Marker)
		}
		b.WriteString("(")
		return ast.WalkContinue, nil
	})
	return b.String()
}

func TestTranslationKeepsStructure(t *testing.T) {
	translations := map[string]func(string) string{
		"upper":    strings.ToUpper,
		"reversed": reverseWords,
		"marked":   func(s string) string { return "*_[x](y) <b> `c` | # 1. &amp; ~~z~~ www.x.org\n- " + s + " !" },
	}
	c := New()
	eachMarkdown(t, func(t *testing.T, p string) {
		src := readFile(t, p)
		want := treeOf(p, src)
		for name, f := range translations {
			t.Run(name, func(t *testing.T) {
				doc := extractSegmented(t, c, p, src)
				out := merged(t, c, doc, targetsFrom(doc, eachText(f)))
				assert.NotEqual(t, string(src), string(out))
				assert.Equal(t, want, treeOf(p, out), "the draft's Markdown structure differs from the source's")
				again, err := c.Extract(p, out)
				require.NoError(t, err)
				require.Equal(t, len(doc.Blocks), len(again.Blocks), "blocks of the draft")
				for i, b := range again.Blocks {
					assert.Equal(t, doc.Blocks[i].Kind, b.Kind)
					assert.Equal(t, len(doc.Blocks[i].Content.Codes()), len(b.Content.Codes()), "codes of %s", b.ID)
					if name == "upper" {
						assert.Equal(t, strings.TrimSpace(strings.ToUpper(doc.Blocks[i].Content.Plain())),
							strings.TrimSpace(b.Content.Plain()), "text of block %s", b.ID)
					}
				}
				if bytes.HasPrefix(src, []byte("---")) {
					assertFrontMatterMatchesYAML(t, again)
				}
			})
		}
	})
}

func TestMergeRefusesBadCodes(t *testing.T) {
	src := "# Titre\n\nUn **texte** avec [un lien](u).\n"
	tests := []struct{ name, target, want string }{
		{"dropped code", "A {1}text{/1} with a link.", "a.md:3:1: markdown: segment b2s1: target drops code(s)"},
		{"invented code", "A {1}text{/1} with {2}a link{/2}{3/}.", "a.md:3:1: markdown: segment b2s1: target has a code the source does not: standalone 3"},
		{"close before open", "A {/1}text{1} with {2}a link{/2}.", "a.md:3:1: markdown: segment b2s1: target closes code 1 before it opens it"},
		// "A **text [with** a link](u)." would read back with literal asterisks.
		{"overlapping pairs", "A {1}text {2}with{/1} a link{/2}.", "a.md:3:1: markdown: segment b2s1: target closes code 1 inside code 2: the pairs overlap"},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractSegmented(t, c, "a.md", []byte(src))
			s := doc.Blocks[1].Segments[0]
			var buf bytes.Buffer
			err := c.Merge(&buf, doc, map[string]document.Content{
				doc.Blocks[0].Segments[0].ID: document.Text("Title"),
				s.ID:                         target(s.Source, tt.target),
			})
			require.Error(t, err)
			var pe *document.PosError
			assert.True(t, errors.As(err, &pe))
			assert.Contains(t, err.Error(), tt.want)
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
}

func TestMergeEscapes(t *testing.T) {
	tests := []struct {
		name, src string
		seg       int
		target    string
		want      string
	}{
		{"inline markup characters", "Texte.\n", 1, "a*b_c`d[e]f<g>h\\i~j|k\\*", "a*b_c`d[e]f\\<g>h\\i~j|k\\\\\\*\n"},
		{"fence at the start of a line", "Texte.\n", 1, "```a", "\\```a\n"},
		{"backticks that could pair", "Texte.\n", 1, "a `b` c ``d", "a \\`b` c ``d\n"},
		{"backtick beside a code span", "Voir `x` ici.\n", 1, "See ` and{1/}", "See \\` and`x`\n"},
		// Only what could make markup where it lands is escaped.
		{"blanks around a star or an underscore", "Texte.\n", 1, "a * b _ c ~ d", "a * b _ c ~ d\n"},
		{"underscore inside a word", "Texte.\n", 1, "snake_case and _em", "snake_case and _em\n"},
		{"brackets with no link reference defined", "Texte.\n", 1, "a [b and c] d", "a [b and c] d\n"},
		{"brackets where a link reference is defined", "Texte.\n\n[x]: u\n", 1, "a [x] d", "a [x\\] d\n\n[x]: u\n"},
		{"brackets before a parenthesis", "Texte.\n", 1, "a [b](c)", "a [b\\](c)\n"},
		{"bracket before an address", "Texte.\n", 1, "[see a@b.org", "[see a@b.org\n"},
		{"lone brackets", "Texte.\n", 1, "a [b", "a [b\n"},
		{"closing bracket after an earlier one in the block", "Voir [a](u) puis b.\n", 1, "See{1}a{/1} then b](x)", "See[a](u) then b](x)\n"},
		{"address in a link's text", "Voir [ici](u).\n", 1, "See{1}https://x.org{/1}", "See[https://x.org](u)\n"},
		{"less-than before a blank", "Texte.\n", 1, "x < y <b", "x < y <b\n"},
		{"backslash before a letter", "Texte.\n", 1, "C:\\dir", "C:\\dir\n"},
		{"closing hashes in a heading", "# Titre\n", 1, "Titre #", "# Titre \\#\n"},
		{"tilde before a strikethrough", "Un ~~texte~~.\n", 1, "a~{1}text{/1}~", "a&#126;~~text~~&#126;\n"},
		{"heading marker at the start", "Texte.\n", 1, "# pas un titre", "\\# pas un titre\n"},
		{"list markers at the start", "Texte.\n", 1, "- un", "\\- un\n"},
		{"plus at the start", "Texte.\n", 1, "+ un", "\\+ un\n"},
		{"quote at the start", "Texte.\n", 1, "> un", "\\> un\n"},
		{"ordered marker at the start", "Texte.\n", 1, "1. un", "1\\. un\n"},
		{"ordered marker with a parenthesis", "Texte.\n", 1, "12) un", "12\\) un\n"},
		{"a line of \"=\" alone is a paragraph", "Texte.\n", 1, "===", "===\n"},
		{"numbers elsewhere stay", "Texte.\n", 1, "En 2017. Puis", "En 2017. Puis\n"},
		{"entity-like ampersand", "Texte.\n", 1, "AT&T &amp; &#233; &x", "AT&T \\&amp; \\&#233; &x\n"},
		{"line breaks become spaces", "Texte.\n", 1, "un\ndeux\r\ntrois", "un deux trois\n"},
		{"urls and e-mail addresses", "Texte.\n", 1, "voir https://x.org, www.x.org, a@b.org", "voir https\\://x.org, www\\.x.org, a\\@b.org\n"},
		// A line right below a link reference definition would be its title.
		{"parenthesis below a link reference definition", "[a]: u\nTexte.\n", 1, "(Text)", "[a]: u\n\\(Text)\n"},
		{"quote below a link reference definition", "[a]: u\nTexte.\n", 1, "\"Text\"", "[a]: u\n\\\"Text\"\n"},
		{"parenthesis after a blank line", "[a]: u\n\nTexte.\n", 1, "(Text)", "[a]: u\n\n(Text)\n"},
		{"parenthesis below a definition over two lines", "[a]:\n  u\nTexte.\n", 1, "(Text)", "[a]:\n  u\n\\(Text)\n"},
		{"parenthesis below a heading", "# Titre\nTexte.\n", 2, "(Text)", "# Titre\n(Text)\n"},
		// linkify would read "to`a@b.org" as one e-mail address.
		{"letter touching a code span with an address", "Écrire à `a@b.org` ici.\n", 1, "Write to{1/} here.", "Write t&#111;`a@b.org` here.\n"},
		{"punctuation touching a code span with an address", "Écrire à `a@b.org` ici.\n", 1, "See etc.{1/} here.", "See etc\\.`a@b.org` here.\n"},
		{"code span without an address", "Lancer `make` ici.\n", 1, "Run{1/}here.", "Run`make`here.\n"},
		{"code span with a blank before the address", "Lancer `git a@b.org` ici.\n", 1, "Run{1/}here.", "Run`git a@b.org`here.\n"},
		{"e-mail address after punctuation", "Texte.\n", 1, "b!@x.org", "b!\\@x.org\n"},
		{"hash in a heading", "# Titre\n", 1, "C# et F#", "# C# et F#\n"},
		{"number at the start of an ATX heading", "### Titre\n", 1, "1. Diagnose", "### 1. Diagnose\n"},
		{"dash at the start of a table cell", "| A |\n|---|\n| b |\n", 2, "-G flag", "| A |\n|---|\n| -G flag |\n"},
		{"number at the start of a setext heading", "Titre\n=====\n", 1, "1. Diagnose", "1\\. Diagnose\n=====\n"},
		{"hash in a setext heading", "Titre\n=====\n", 1, "C#", "C#\n=====\n"},
		{"pipe in a table cell", "| A |\n|---|\n| b |\n", 2, "x | y", "| A |\n|---|\n| x \\| y |\n"},
		{"parenthesis after a bracket shortcode", "Texte [center]centré[/center] fin.\n", 1, "Text {1}(centred){/1} end.", "Text [center]\\(centred)[/center] end.\n"},
		{"blanks at the ends dropped", "Un *texte*.\n", 1, "  A {1}text{/1}.  ", "A *text*.\n"},
		{"blanks inside emphasis moved out", "Un **texte** ici.\n", 1, "One{1} text {/1}here.", "One **text** here.\n"},
		{"blanks inside strikethrough moved out", "Un ~~texte~~ ici.\n", 1, "One {1}text {/1}here.", "One ~~text~~ here.\n"},
		// An engine may move the only word out of an emphasis.
		{"emptied emphasis takes the next word", "Ne *pas* le faire ?\n", 1, "Reason no {1}{/1} car-house?", "Reason no *car-house*?\n"},
		{"emptied emphasis takes the word before", "Ne *pas* le faire.\n", 1, "Do not do it{1} {/1}", "Do not do *it*\n"},
		{"emptied emphasis before punctuation takes the word before", "Je n'exagère *pas*.\n", 1, "I do not exaggerate {1}{/1}.", "I do not *exaggerate*.\n"},
		{"exclamation before a link", "Voir [ici](u).\n", 1, "See!{1}here{/1}", "See\\![here](u)\n"},
		{"exclamation elsewhere stays", "Attention\u202f!\n", 1, "Careful!", "Careful!\n"},
		{"blanks after a hard break dropped", "un  \ndeux\n", 1, "one{1/}   - two", "one  \n\\- two\n"},
		{"link title in double quotes", "[a](u \"Titre\")\n", 2, `Say "hi" \ ok`, "[a](u \"Say \\\"hi\\\" \\\\ ok\")\n"},
		{"link title in single quotes", "[a](u 'Titre')\n", 2, "l'OIM &amp;", "[a](u 'l\\'OIM \\&amp;')\n"},
		{"link title in parentheses", "[a](u (Titre))\n", 2, "a (b)", "[a](u (a \\(b\\)))\n"},
		{"link title in a table cell", "| [a](u \"Titre\") |\n|---|\n", 2, "x | y", "| [a](u \"x \\| y\") |\n|---|\n"},
		{"title translated alone", "Voir [a](u \"Titre\").\n", 2, "Title", "Voir [a](u \"Title\").\n"},
		{"front matter plain", "---\ntitle: Titre\n---\n", 1, "A title", "---\ntitle: A title\n---\n"},
		{"front matter plain that needs quotes", "---\ntitle: Titre\n---\n", 1, "Note: a #1 \"title\"", "---\ntitle: \"Note: a #1 \\\"title\\\"\"\n---\n"},
		{"front matter plain starting with an indicator", "---\ntitle: Titre\n---\n", 1, "[Draft] title", "---\ntitle: \"[Draft] title\"\n---\n"},
		{"front matter plain that reads as a boolean", "---\ntitle: Titre\n---\n", 1, "Yes", "---\ntitle: \"Yes\"\n---\n"},
		{"front matter plain that reads as a number", "---\ntitle: Titre\n---\n", 1, "2030", "---\ntitle: \"2030\"\n---\n"},
		{"front matter plain over two lines", "---\ntitle: Un\n  titre\n---\n", 1, "A title", "---\ntitle: \"A title\"\n---\n"},
		{"front matter single-quoted", "---\ntitle: 'Titre'\n---\n", 1, "IOM's\ntitle", "---\ntitle: 'IOM''s title'\n---\n"},
		{"front matter double-quoted", "---\ntitle: \"Titre\"\n---\n", 1, "Say \"hi\" \\ \x01", "---\ntitle: \"Say \\\"hi\\\" \\\\ \\x01\"\n---\n"},
		{"front matter literal block", "---\nnotes: |\n  ligne un\n  ligne deux\n---\n", 1, "line one\nline two\nline three", "---\nnotes: |\n  line one\n  line two\n  line three\n---\n"},
		{"front matter folded block", "---\nsummary: >\n  un\n  deux\n---\n", 1, "one\ntwo", "---\nsummary: >\n  one two\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, translate(t, tt.src, tt.seg, tt.target))
		})
	}
}

func TestMergeLinkAndTitleTogether(t *testing.T) {
	c := New()
	doc := extractSegmented(t, c, "a.md", []byte("> Voir [le site](http://x.org \"Le titre\") ici.\n"))
	require.Len(t, doc.Blocks, 2)
	p, title := doc.Blocks[0].Segments[0], doc.Blocks[1].Segments[0]
	out := merged(t, c, doc, map[string]document.Content{
		p.ID:     target(p.Source, "See {1}the site{/1} here."),
		title.ID: target(title.Source, "The title"),
		"b9s9":   document.Text("a segment the document does not have"),
	})
	assert.Equal(t, "> See [the site](http://x.org \"The title\") here.\n", string(out))
}

func TestPlainSafe(t *testing.T) {
	tests := map[string]bool{
		"A title": true, "L'auto-hébergement": true, "C#, F#": true, "Ratio 3:1": true, "Migration - ville": true,
		"": false, " lead": false, "trail ": false, "- item": false, "? q": false, ": x": false, "[x]": false,
		"{x}": false, "#x": false, "&a": false, "*a": false, "!t": false, "|x": false, ">x": false, "'q'": false,
		"\"q\"": false, "%x": false, "@x": false, "`x`": false, "a: b": false, "a #b": false, "end:": false,
		"yes": false, "No": false, "true": false, "null": false, "~": false, "2030": false, "1.5": false,
		"2017-11-06": false, ".5": false, "+1": false, "tab\there": true, "bell\a": false,
	}
	for v, want := range tests {
		assert.Equal(t, want, plainSafe(v), "%q", v)
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		kind      document.CodeKind
		typ, data string
		want      string
	}{
		{document.Open, "fmt:strong", "**", "**"},
		{document.Close, "link", "](https://example.org/a/very/long/path \"Title\")", "](…)"},
		{document.Close, "link", "][ref]", "][…]"},
		{document.Close, "link", "]", "]"},
		{document.Standalone, "break", "  \n> ", "↵"},
		{document.Standalone, "code", "`relais check`", "`relais check`"},
		{document.Standalone, "html", "<abbr\n  title=\"Organisation internationale pour les migrations\">", "<abbr title=\"Organis…>"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, display(tt.kind, tt.typ, tt.data), tt.data)
	}
}

func TestMergeFrontMatterReadsBack(t *testing.T) {
	values := []string{"A title", "Note: a #1 \"title\"", "[Draft]", "yes", "-1", "- item", "l'OIM", "a\\b", "{x}", "@home", "100 %", "Tab\there", "#hash", "trailing:"}
	for _, quote := range []string{"", "'", "\""} {
		for _, v := range values {
			t.Run(quote+v, func(t *testing.T) {
				src := "---\ntitle: " + quote + "Titre" + quote + "\n---\n"
				out := translate(t, src, 1, v)
				m := yamlFrontMatter(t, []byte(out))
				assert.Equal(t, strings.TrimSpace(v), m["title"], out)
			})
		}
	}
}

func TestMergeSegmentAtTheStartOfALine(t *testing.T) {
	c := New()
	src := []byte("Phrase un.\nPhrase deux.\n")
	doc, err := c.Extract("a.md", src)
	require.NoError(t, err)
	b := &doc.Blocks[0]
	require.Len(t, b.Content, 3)
	b.Segments = []document.Segment{
		{ID: "b1s1", Span: b.Content[0].Span, Source: b.Content[:1]},
		{ID: "b1s2", Span: b.Content[2].Span, Source: b.Content[2:]},
	}
	out := merged(t, c, doc, map[string]document.Content{"b1s2": document.Text("    - Sentence two.")})
	assert.Equal(t, "Phrase un.\n\\- Sentence two.\n", string(out))
	assert.Equal(t, tree(src), tree(out))
}

func TestConcurrentUse(t *testing.T) {
	c := New()
	files := projectMarkdown(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j, p := range files {
				if (i+j)%2 == 0 {
					continue
				}
				src := readFile(t, p)
				doc := extractSegmented(t, c, p, src)
				out := merged(t, c, doc, targetsFrom(doc, eachText(strings.ToUpper)))
				assert.NotEmpty(t, out)
			}
		}()
	}
	wg.Wait()
}
