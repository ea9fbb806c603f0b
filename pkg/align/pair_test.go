package align

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPairFiles(t *testing.T) {
	cases := []struct {
		name             string
		sources, targets []string
		same             bool
		pattern          string
		want             []FilePair
		unpaired, unused []string
	}{
		{name: "same relative paths", sources: []string{"a.md", "news/b.md", "c.md"}, targets: []string{"a.md", "news/b.md", "d.md"},
			want: []FilePair{{"a.md", "a.md"}, {"news/b.md", "news/b.md"}}, unpaired: []string{"c.md"}, unused: []string{"d.md"}},
		{name: "language in the name, one folder", same: true,
			sources: []string{"p/install.fr.md", "p/install.md", "p/install.es.md", "p/faq.fr.md", "p/faq.en.md", "p/only.fr.md", "p/lonely.md"},
			targets: []string{"p/install.fr.md", "p/install.md", "p/install.es.md", "p/faq.fr.md", "p/faq.en.md", "p/only.fr.md", "p/lonely.md"},
			want:    []FilePair{{"p/faq.fr.md", "p/faq.en.md"}, {"p/install.fr.md", "p/install.md"}}, unpaired: []string{"p/only.fr.md"}, unused: []string{"p/lonely.md"}},
		{name: "language folders, one tree", same: true,
			sources: []string{"content/fr/a.md", "content/en/a.md", "content/fr/b/c.md", "content/en/b/c.md"},
			targets: []string{"content/fr/a.md", "content/en/a.md", "content/fr/b/c.md", "content/en/b/c.md"},
			want:    []FilePair{{"content/fr/a.md", "content/en/a.md"}, {"content/fr/b/c.md", "content/en/b/c.md"}}},
		{name: "Docusaurus", same: true,
			sources: []string{"docs/intro.md", "blog/2024-01-01-news.md"},
			targets: []string{"docs/intro.md", "i18n/en/docusaurus-plugin-content-docs/current/intro.md", "i18n/en/docusaurus-plugin-content-blog/2024-01-01-news.md"},
			want: []FilePair{{"blog/2024-01-01-news.md", "i18n/en/docusaurus-plugin-content-blog/2024-01-01-news.md"},
				{"docs/intro.md", "i18n/en/docusaurus-plugin-content-docs/current/intro.md"}}},
		{name: "unmarked source, marked target", sources: []string{"a.md"}, targets: []string{"a.en.md"}, want: []FilePair{{"a.md", "a.en.md"}}},
		{name: "a pattern", sources: []string{"x/a.md"}, targets: []string{"out/en/x/a-en.md", "x/a.md"}, pattern: "out/{to}/{dir}{name}-{to}{ext}",
			want: []FilePair{{"x/a.md", "out/en/x/a-en.md"}}, unused: []string{"x/a.md"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := PairOptions{From: "fr", To: "en", SameFolder: tc.same}
			if tc.pattern != "" {
				p, err := ParsePattern(tc.pattern)
				require.NoError(t, err)
				o.Pattern = p
			}
			got := PairFiles(tc.sources, tc.targets, o)
			assert.Equal(t, tc.want, got.Pairs)
			assert.Equal(t, tc.unpaired, got.Unpaired)
			assert.Equal(t, tc.unused, got.Unused)
		})
	}
}

func TestParsePatternErrors(t *testing.T) {
	for _, bad := range []string{"{name", "name}", "{nom}.md", "fixed.md", "../{path}", "/abs/{path}"} {
		_, err := ParsePattern(bad)
		assert.Error(t, err, bad)
	}
}

func FuzzParsePattern(f *testing.F) {
	f.Add("{dir}{name}.{to}{ext}")
	f.Add("{to}/{path}")
	f.Add("a{b}c")
	f.Add("{}")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePattern(s)
		if err != nil {
			return
		}
		got := p.Target("dir/page.fr.md", "fr", "en")
		if strings.HasPrefix(got, "/") || got == ".." || strings.HasPrefix(got, "../") {
			t.Fatalf("pattern %q leaves the folder: %q", s, got)
		}
	})
}
