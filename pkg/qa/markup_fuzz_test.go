package qa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/format/markdown"
)

// FuzzScanSite: the site-syntax scanner never panics, and its tokens are
// the input's bytes at their offsets, in order, without overlap.
func FuzzScanSite(f *testing.F) {
	for _, s := range []string{
		"{% if x %}\n:::info[Titre]\nTexte[^1] {{ page.title }}\n:::\n",
		"[ui-tab title=\"Un\"] [/ui-tab] [x/] \\[/ui-tab\\] {: .a #b} {#id} {.c}",
		"!!! note \"Titre\"\n??? tip\n=== \"Onglet\"\n{{< ref \"a.md\" >}} {{% x %}} {# c #}",
		"[^] [^ 1] [/] [ ] {{ }}} {%", ":::", "[a b=c d=]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		names := map[string]bool{}
		closedShortcodes(s, names)
		end := 0
		for _, k := range scanSite(s, 0, names) {
			if k.off < end || k.off+len(k.text) > len(s) || s[k.off:k.off+len(k.text)] != k.text {
				t.Fatalf("%q: token %+v out of place (previous end %d)", s, k, end)
			}
			if k.key == "" || k.what == "" {
				t.Fatalf("%q: token %+v has no key or kind", s, k)
			}
			end = k.off + len(k.text)
		}
	})
}

// FuzzMarkupIdentity: a Markdown document is its own correct translation
// (no markup finding), and any pair of documents is checked without a
// panic, with findings inside the target.
func FuzzMarkupIdentity(f *testing.F) {
	for _, name := range []string{"page.fr.md", "page.en.md", "bad/admonition-close.md", "bad/heading.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", "markup", filepath.FromSlash(name)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte("## Titre\n\n:::note\nTexte\n:::\n"))
	}
	f.Add([]byte("---\ntitle: a\n---\n| a | b |\n|---|---|\n"), []byte("| a |\n|---|\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		if !utf8.Valid(a) || !utf8.Valid(b) {
			return
		}
		if rep := markupOnly().Run([]*File{pairFile(t, "a.md", a, a)}); len(rep.Findings) > 0 {
			t.Fatalf("%q against itself: %v", a, rep.Findings)
		}
		lines := strings.Count(string(b), "\n") + 1
		for _, fd := range markupOnly().Run([]*File{pairFile(t, "a.md", a, b)}).Findings {
			if fd.At.Line < 1 || fd.At.Line > lines || fd.Message == "" {
				t.Fatalf("%q → %q: finding %v out of the target", a, b, fd)
			}
		}
	})
}

// FuzzMarkupTranslated: a document merged with its segments upper-cased
// (translate) has the skeleton of the source: the markup check finds
// nothing. Seeded with the injected set's page; a failure is a merge that
// changed markup, or a false positive of the check.
func FuzzMarkupTranslated(f *testing.F) {
	for _, name := range []string{"page.fr.md", "page.en.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", "markup", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("# Titre\n\nUn *texte* avec [un lien](u \"t\") et `code`.\n\n> Citation\n> suite\n\n1. un\n2. deux\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return
		}
		doc, err := markdown.New().Extract("a.md", src)
		if err != nil {
			return
		}
		wholeBlocks(doc)
		tgt := translate(t, doc)
		if rep := markupOnly().Run([]*File{pairFile(t, "a.md", src, tgt)}); len(rep.Findings) > 0 {
			t.Fatalf("%q → %q: %v", src, tgt, rep.Findings)
		}
	})
}
