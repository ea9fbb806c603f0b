package markdown

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// addSeeds seeds a fuzz target with every Markdown file of testdata/ and
// of ../shared/corpus (when it is there), the pages of this package's
// testdata/blocks, the tricky inputs, the site syntax inputs of both
// site_test.go and blocks_test.go, and extra.
func addSeeds(f *testing.F, extra ...string) {
	addSeedsTo(f, func(src []byte) { f.Add(src) }, extra...)
}

// addSeedsTo hands the seeds of addSeeds to add.
func addSeedsTo(f *testing.F, add func([]byte), extra ...string) {
	root := testenv.ModuleRoot(f)
	seeds := markdownFiles(f, filepath.Join(root, "testdata"))
	if corpus := filepath.Join(filepath.Dir(root), "shared", "corpus"); dirExists(corpus) {
		seeds = append(seeds, markdownFiles(f, corpus)...)
	}
	seeds = append(seeds, markdownFiles(f, filepath.Join("testdata", "blocks"))...)
	for _, p := range seeds {
		add(readFile(f, p))
	}
	for _, s := range slices.Concat(trickyInputs(), siteInputs(), blockInputs(), extra) {
		add([]byte(s))
	}
}

// FuzzMarkdownIdentity checks, on any input, that Extract does not panic,
// that it maps every block's markup, that the document it returns keeps
// the model's invariants, that the
// identity translation merges back into the input byte for byte, and that
// an upper-cased translation merges without error into a draft with the
// same Markdown structure (sameStructure); the input is read as a .md and
// as a .mdx page.
func FuzzMarkdownIdentity(f *testing.F) {
	addSeeds(f,
		"*a**b* _c__ ***d*** ~~e~ [f][] [g]: h\n\n[g]\n",
		"> a `b\n> c` <span\n> x=1>d</span>\n",
		"- a\n\n      code\n  b\\\n  c  \n  d\n",
		"| a | b |\n|---|---|\n| `x\\|y` | [z](u 't|u') |\n",
		"---\ntitle: \"a\\\n  b\"\nsummary: |\n  x\n\n   y\n---\n",
	)
	c := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		roundTrip(t, c, "f.md", src)
		roundTrip(t, c, "f.mdx", src)
	})
}

// roundTrip checks src, read as the page at path, as FuzzMarkdownIdentity
// does.
func roundTrip(t *testing.T, c *Codec, path string, src []byte) {
	t.Helper()
	doc, st, err := c.extract(path, src)
	if err != nil {
		var pe *document.PosError
		if utf8.Valid(src) || !errors.As(err, &pe) {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if st.skipped > 0 {
		t.Fatalf("%d block(s) left out: their markup could not be mapped", st.skipped)
	}
	if !bytes.Equal(doc.Source, src) {
		t.Fatal("Source is not the input")
	}
	segmentOne(doc)
	if err := checkModel(doc); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := c.Merge(&out, doc, targetsFrom(doc, restring)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), src) {
		t.Fatalf("identity merge differs:\n%q\n%q", src, out.Bytes())
	}
	out.Reset()
	if err := c.Merge(&out, doc, targetsFrom(doc, eachText(strings.ToUpper))); err != nil {
		t.Fatal(err)
	}
	again, err := c.Extract(path, out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := checkModel(again); err != nil {
		t.Fatal(err)
	}
	if want, got := treeOf(path, src), treeOf(path, out.Bytes()); !sameStructure(path, src, out.Bytes()) {
		t.Fatalf("the upper-cased draft's structure differs:\n%q\n%q\n%s\n%s", src, out.Bytes(), want, got)
	}
}

// TestRoundTripTrickyInputs runs the fuzz checks on inputs that exercise
// goldmark's corners: tabs, markup over several lines, delimiter runs,
// references, raw HTML, entities.
func TestRoundTripTrickyInputs(t *testing.T) {
	c := New()
	for _, in := range trickyInputs() {
		t.Run("", func(t *testing.T) { roundTrip(t, c, "f.md", []byte(in)) })
	}
}

// TestRoundTripBlockInputs runs the fuzz checks on the site block inputs,
// as .md and as .mdx pages.
func TestRoundTripBlockInputs(t *testing.T) {
	c := New()
	for _, in := range blockInputs() {
		t.Run("", func(t *testing.T) {
			roundTrip(t, c, "f.md", []byte(in))
			roundTrip(t, c, "f.mdx", []byte(in))
		})
	}
}

// blockInputs are inputs with the block-level syntax of site generators:
// admonitions, tabs, MDX (see maskBlocks).
func blockInputs() []string {
	return []string{
		"a\n:::info[T *x*]\nb\n:::\nc\n",
		"::::note T\n- a\n\n:::tip{#i}\n> b\n:::\n::::\n",
		"1. a\n\n   :::note\n   b\n   :::\n",
		":::note\nb\n::\n::::\n",
		"!!! note \"T \\\" `c`\"\n    a\n    b\n\n    ```\n    x\n\n    y\n    ```\n\n        code\nc\n",
		"??? tip\n    - a\n\n        - b\n???+ x y \"\"\n\n\n    c\n",
		"=== \":a: T\"\n\n    # h\n\n    !!! x\n        !!! y\n            z\n=== \"U\"\n    | a |\n    |---|\n    | b |\n",
		"!!! x\n\ttab\n    ---\n    a\n    ===\n",
		"import a from 'b'\nexport const c = {\n  d: 1,\n}\n\n{/* e\nf */}\n<A\n  b=\"c>\"\n  d={<E />}\n>\n\n    g\n\t<F>h</F>\n</A>\n<script>\ni\n</script>\n",
		"a\n<B/>\n<>\nc\n</>\n{/* x */} y\n",
		"a\r\n:::note[T]\r\nb\r\n:::\r\n!!! x \"T\"\r\n    c\r\n\r\n    d\r\nimport e\r\n\r\n<F\r\n  g=\"h\">\r\ni\r\n",
		"<A b=\"c\n\nd\">\n\ne\n\n{/* f\n",
		"::: {.a #b}\nc\n::::: d :::\ne\n:::::\n:::\n::: {x\n",
		":::a[![b](c) [d [e]](f) [g](h (i]\nj\n:::\n!!! k \"[l](m) ![](n) \\[o](p)\"\n    q\n",
	}
}

func trickyInputs() []string {
	return []string{
		"-\t# Titre\n-\tfoo\n\tbar\n",
		"1.\tun\n\t\tdeux `code\n\t\tsuite`\n",
		"> -\t[a](u\n>\t\"t\n>\tt\")\n",
		"![a ![b](c) d](e 'f')\n",
		"[a <http://x> b](u)\n",
		"[a  \nb\\\nc](u)\n",
		"| a `\\|` b | <b>x</b> |\n|--|--|\n| *c* | <x@y.org> |\n",
		"<span title=\"a\nb\">x</span> y\n",
		"[^1] et [ ] tâche\n",
		"**a [b** c](u)\n",
		"*a `*` b*\n",
		"a\n===\nb\n---\n",
		"  Titre  \n  ===\n",
		"# Titre #\n## #\n### a \\#\n",
		"[a]\n\n[a]: <u> 'T'\n",
		"[a][b]\n[b]: u\n",
		"[a](<u> \"t\"\n",
		"\ttab code\n\nText\twith tab.\n",
		"- a\n\n\n- b\n",
		"&#0; &#x110000; &#99999999; &AMP; &amp\n",
		"www.x.org/path?a=b&c=d. http://x.org) (https://y.org)\n",
		"a <!-- b\nc --> d\n",
		"a <?php x ?> b <![CDATA[x]]> c <!DOCTYPE x> d\n",
		"***a*** **b***c*\n",
		"~a~~ ~~b~ ~~~c~~~\n",
		"\\\n",
		"a\\\n",
		"a  \n",
		"[\n]: u\n",
		"> a\n> ```\n> b\n",
		"<div>\n*a*\n</div>\n\n*b*\n",
		"a\r\n> b\r\n> c  \r\n> d\r\n",
		"[a](u \"t\" ) x\n",
		"[a](   u   'T'   )\n",
		"[a](u\n\"t\")\n",
		"`a\n\nb`\n",
		"a ``\n",
		"0 0\n    |-\n--\na",
		"a b\n    |-\n--\nc d\n",
		"[https://x.org](u) [a@b.org](v) [www.x.org](w)\n",
		"a [b] c\n\n[b]: u\n",
		"* a * b _ c ~ d snake_case [e] f\n",
		"# C# et F# #\n",
	}
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// FuzzMarkdownTranslatedMerge checks, on any input read as a .md page,
// that a translation merges into a draft with the source's skeleton: the
// same Markdown structure (treeOf), the same blocks with the same number
// of codes when the draft is read again. The translation is one of two,
// chosen by mode: ROT13 on the letters of every text run, a reversible
// change (the draft's text, turned back, must give the source's, blanks
// and delimiter characters aside),
// or a text full of Markdown punctuation around every run, which the
// merge must escape where it could make markup and prune where it
// cannot.
func FuzzMarkdownTranslatedMerge(f *testing.F) {
	c := New()
	var seeds [][]byte
	addSeedsTo(f, func(src []byte) { seeds = append(seeds, src) })
	for _, s := range seeds {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, src []byte, mode uint8) {
		doc, st, err := c.extract("f.md", src)
		if err != nil || st.skipped > 0 {
			return // FuzzMarkdownIdentity's concern
		}
		segmentOne(doc)
		tr := rot13
		if mode%2 == 1 {
			tr = marked
		}
		var out bytes.Buffer
		if err := c.Merge(&out, doc, targetsFrom(doc, eachText(tr))); err != nil {
			t.Fatal(err)
		}
		if want, got := treeOf("f.md", src), treeOf("f.md", out.Bytes()); !sameStructure("f.md", src, out.Bytes()) {
			t.Fatalf("the draft's structure differs:\n%q\n%q\n%s\n%s", src, out.Bytes(), want, got)
		}
		again, err := c.Extract("f.md", out.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Blocks) != len(doc.Blocks) {
			t.Fatalf("%d blocks in the source, %d in the draft:\n%q\n%q", len(doc.Blocks), len(again.Blocks), src, out.Bytes())
		}
		for i, b := range again.Blocks {
			a := doc.Blocks[i]
			if a.Kind != b.Kind || len(a.Content.Codes()) != len(b.Content.Codes()) {
				t.Fatalf("block %s: %s with %d codes in the source, %s with %d in the draft:\n%q\n%q",
					a.ID, a.Kind, len(a.Content.Codes()), b.Kind, len(b.Content.Codes()), src, out.Bytes())
			}
			if mode%2 == 0 && a.Kind != document.FrontMatter {
				// Blanks aside (the merge may add one between a bare URL
				// and the text after it: tidy), and the delimiter
				// characters "*", "_", "~" (a literal one goldmark leaves
				// beside an emphasis's run is code in the source, and text
				// once the merge writes it apart, "\*": see fixDelims).
				plainOf := func(s string) string {
					return strings.Map(func(r rune) rune {
						if unicode.IsSpace(r) || r == '*' || r == '_' || r == '~' {
							return -1
						}
						return r
					}, s)
				}
				want, got := plainOf(a.Content.Plain()), plainOf(rot13(b.Content.Plain()))
				if want != got {
					t.Fatalf("block %s: the draft's text turned back differs:\n%q\n%q", a.ID, want, got)
				}
			}
		}
	})
}

// rot13 turns every ASCII letter of s 13 places; twice gives s back.
func rot13(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+13)%26
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+13)%26
		}
		return r
	}, s)
}

// marked surrounds s with Markdown punctuation that must stay text.
func marked(s string) string {
	return "*_[x](y) <b> `c` | # 1. &amp; ~~z~~ www.x.org\n- " + s + " !"
}
