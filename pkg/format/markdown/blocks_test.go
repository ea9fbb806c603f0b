package markdown

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

// blockString shows a block as its kind, its name if any, and its text.
func blockString(b document.Block) string {
	k := b.Kind.String()
	if b.Name != "" {
		k += "/" + b.Name
	}
	return k + " " + b.Content.Plain()
}

// TestSiteBlocks checks each construct of site syntax: the blocks Extract
// finds, that the markers lie outside their text, that the identity merge
// gives the source back, and the upper-cased draft and its structure.
func TestSiteBlocks(t *testing.T) {
	tests := []struct {
		name, path, src string
		blocks          []string // every block, in order (blockString)
		markers         []string // bytes that lie outside every block and come back unchanged
		upper           string   // the draft with every segment upper-cased
	}{
		{
			name:    "docusaurus admonition between paragraphs",
			src:     "Avant.\n:::info[Titre]\nCorps de l'avis.\n:::\nAprès.\n",
			blocks:  []string{"paragraph Avant.", "heading/title Titre", "paragraph Corps de l'avis.", "paragraph Après."},
			markers: []string{":::info[", "]\n", "\n:::\n"},
			upper:   "AVANT.\n:::info[TITRE]\nCORPS DE L'AVIS.\n:::\nAPRÈS.\n",
		},
		{
			name:    "docusaurus nested, title after a blank",
			src:     "::::warning Attention\nDehors.\n\n:::tip\nDedans.\n:::\n\n::::\n",
			blocks:  []string{"heading/title Attention", "paragraph Dehors.", "paragraph Dedans."},
			markers: []string{"::::warning ", ":::tip\n", "\n:::\n", "\n::::\n"},
			upper:   "::::warning ATTENTION\nDEHORS.\n\n:::tip\nDEDANS.\n:::\n\n::::\n",
		},
		{
			name:    "docusaurus in a list item, code in the title, attributes",
			src:     "1. Ouvrez le fichier.\n\n   :::note[Le champ `url`]{#champ}\n   L'adresse du site.\n   :::\n",
			blocks:  []string{"list-item Ouvrez le fichier.", "heading/title Le champ ", "list-item L'adresse du site."},
			markers: []string{"   :::note[", "`url`]{#champ}\n", "   :::\n"},
			upper:   "1. OUVREZ LE FICHIER.\n\n   :::note[LE CHAMP `url`]{#champ}\n   L'ADRESSE DU SITE.\n   :::\n",
		},
		{
			name:    "links in titles",
			src:     ":::note[Voir [la doc](https://x.fr/a_(b))]\nCorps.\n:::\n\n!!! tip \"Une ![image](i.png) et [un lien](u 't')\"\n    Texte.\n",
			blocks:  []string{"heading/title Voir la doc", "paragraph Corps.", "heading/title Une image et un lien", "list-item Texte."},
			markers: []string{"](https://x.fr/a_(b))]\n", "![", "](i.png)", "](u 't')\"\n    "},
			upper:   ":::note[VOIR [LA DOC](https://x.fr/a_(b))]\nCORPS.\n:::\n\n!!! tip \"UNE ![IMAGE](i.png) ET [UN LIEN](u 't')\"\n    TEXTE.\n",
		},
		{
			name:   "docusaurus never closed stays prose",
			src:    ":::danger\nJamais fermé.\n",
			blocks: []string{"paragraph :::danger Jamais fermé."},
			upper:  ":::DANGER\nJAMAIS FERMÉ.\n", // the source's lines kept (lines.go)
		},
		{
			name:    "docusaurus closing line shorter than the opening one",
			src:     "::::note\nCorps.\n:::\n",
			blocks:  []string{"paragraph ::::note Corps. :::"},
			markers: nil,
			// The source's lines kept: ":::" starts its line in the
			// source, and as the same word of the segment it may in the
			// draft (markerLines in lines.go).
			upper: "::::NOTE\nCORPS.\n:::\n",
		},
		{
			name:    "docusaurus inside fenced code",
			src:     "```md\n:::note[Exemple]\nCode.\n:::\n```\n",
			markers: []string{":::note[Exemple]\nCode.\n:::\n"},
			upper:   "```md\n:::note[Exemple]\nCode.\n:::\n```\n",
		},
		{
			name:    "pandoc fenced divs",
			src:     "::: {.these}\nMa thèse.\n:::\n\n::::: exemple :::::\nUn exemple.\n:::::\n::: pas un div\n",
			blocks:  []string{"paragraph Ma thèse.", "paragraph Un exemple.", "paragraph ::: pas un div"},
			markers: []string{"::: {.these}\n", "\n:::\n", "::::: exemple :::::\n", "\n:::::\n"},
			upper:   "::: {.these}\nMA THÈSE.\n:::\n\n::::: exemple :::::\nUN EXEMPLE.\n:::::\n::: PAS UN DIV\n",
		},
		{
			name:    "mkdocs admonition with a title and a list",
			src:     "!!! note \"Titre de la note\"\n    Premier paragraphe.\n\n    - un\n    - deux\n\nAprès.\n",
			blocks:  []string{"heading/title Titre de la note", "list-item Premier paragraphe.", "list-item un", "list-item deux", "paragraph Après."},
			markers: []string{"!!! note \"", "\"\n    ", "\n    - ", "\n    - "},
			upper:   "!!! note \"TITRE DE LA NOTE\"\n    PREMIER PARAGRAPHE.\n\n    - UN\n    - DEUX\n\nAPRÈS.\n",
		},
		{
			name:    "mkdocs collapsible with fenced code holding a blank line",
			src:     "??? tip\n    Avant le code.\n\n    ```bash\n    echo un\n\n    echo deux\n    ```\n\nAprès.\n",
			blocks:  []string{"list-item Avant le code.", "paragraph Après."},
			markers: []string{"??? tip\n    ", "    ```bash\n    echo un\n\n    echo deux\n    ```\n"},
			upper:   "??? tip\n    AVANT LE CODE.\n\n    ```bash\n    echo un\n\n    echo deux\n    ```\n\nAPRÈS.\n",
		},
		{
			name: "mkdocs tabs with a nested admonition",
			src:  "=== \"Onglet un\"\n\n    Contenu un.\n\n    ???+ warning \"Attention\"\n        Imbriqué.\n\n=== \"Onglet deux\"\n    Contenu deux.\n",
			blocks: []string{"heading/title Onglet un", "list-item Contenu un.", "heading/title Attention", "list-item Imbriqué.",
				"heading/title Onglet deux", "list-item Contenu deux."},
			markers: []string{"=== \"", "\"\n\n    ", "    ???+ warning \"", "\"\n        ", "\"\n    "},
			upper:   "=== \"ONGLET UN\"\n\n    CONTENU UN.\n\n    ???+ warning \"ATTENTION\"\n        IMBRIQUÉ.\n\n=== \"ONGLET DEUX\"\n    CONTENU DEUX.\n",
		},
		{
			name:    "mkdocs admonition in a list item",
			src:     "1. Étape une.\n\n    !!! tip \"Astuce\"\n        Corps de l'astuce.\n\n2. Étape deux.\n",
			blocks:  []string{"list-item Étape une.", "heading/title Astuce", "list-item Corps de l'astuce.", "list-item Étape deux."},
			markers: []string{"    !!! tip \"", "\"\n        "},
			upper:   "1. ÉTAPE UNE.\n\n    !!! tip \"ASTUCE\"\n        CORPS DE L'ASTUCE.\n\n2. ÉTAPE DEUX.\n",
		},
		{
			name:    "mkdocs title with an emoji and code",
			src:     "=== \":penguin: Sous `Linux`\"\n    Texte.\n",
			blocks:  []string{"heading/title  Sous ", "list-item Texte."},
			markers: []string{"=== \":penguin:", "`Linux`\"\n    "},
			upper:   "=== \":penguin: SOUS `Linux`\"\n    TEXTE.\n",
		},
		{
			name:    "mkdocs empty title, body after a blank line",
			src:     "!!! info \"\"\n\n    Corps.\n",
			blocks:  []string{"list-item Corps."},
			markers: []string{"!!! info \"\"\n\n    "},
			upper:   "!!! info \"\"\n\n    CORPS.\n",
		},
		{
			name:   "mkdocs line that does not follow the syntax stays prose",
			src:    "!!! abstract Note Une phrase, avec ponctuation.\n",
			blocks: []string{"paragraph !!! abstract Note Une phrase, avec ponctuation."},
			upper:  "!!! ABSTRACT NOTE UNE PHRASE, AVEC PONCTUATION.\n",
		},
		{
			name:    "mkdocs inside fenced code",
			src:     "~~~\n!!! note \"Titre\"\n    code\n~~~\n",
			markers: []string{"!!! note \"Titre\"\n    code\n"},
			upper:   "~~~\n!!! note \"Titre\"\n    code\n~~~\n",
		},
		{
			name: "mdx imports, exports, comments and JSX",
			path: "a.mdx",
			src: "import Tabs from '@theme/Tabs';\nexport const meta = {\n  auteur: 'Camille',\n};\n\n{/* Pas traduit. */}\n\n" +
				"<Tabs groupId=\"os\">\n<TabItem\n  value=\"mac\"\n  label=\"macOS\"\n>\n\nInstallez avec **Homebrew**.\n\n</TabItem>\n</Tabs>\n\n" +
				"<Note type=\"info\">\nUn texte dans une note.\n</Note>\n\n<Image src=\"a.png\" alt={\"Une image\"} />\n",
			blocks: []string{"paragraph Installez avec Homebrew.", "paragraph Un texte dans une note."},
			markers: []string{"import Tabs from '@theme/Tabs';\n", "export const meta = {\n  auteur: 'Camille',\n};\n", "{/* Pas traduit. */}",
				"<Tabs groupId=\"os\">\n<TabItem\n  value=\"mac\"\n  label=\"macOS\"\n>\n", "</TabItem>\n</Tabs>\n", "<Note type=\"info\">\n", "\n</Note>\n",
				"<Image src=\"a.png\" alt={\"Une image\"} />\n"},
			upper: "import Tabs from '@theme/Tabs';\nexport const meta = {\n  auteur: 'Camille',\n};\n\n{/* Pas traduit. */}\n\n" +
				"<Tabs groupId=\"os\">\n<TabItem\n  value=\"mac\"\n  label=\"macOS\"\n>\n\nINSTALLEZ AVEC **HOMEBREW**.\n\n</TabItem>\n</Tabs>\n\n" +
				"<Note type=\"info\">\nUN TEXTE DANS UNE NOTE.\n</Note>\n\n<Image src=\"a.png\" alt={\"Une image\"} />\n",
		},
		{
			name:    "mdx children indented by a tab, inline JSX",
			path:    "a.mdx",
			src:     "<Tabs>\n\t<TabItem label=\"Étoiles\">Sirius, Véga</TabItem>\n</Tabs>\n\nUn <Badge text=\"nouveau\" /> badge.\n",
			blocks:  []string{"paragraph Sirius, Véga", "paragraph Un  badge."},
			markers: []string{"<Tabs>\n\t<TabItem label=\"Étoiles\">", "</TabItem>\n</Tabs>\n", "<Badge text=\"nouveau\" />"},
			upper:   "<Tabs>\n\t<TabItem label=\"Étoiles\">SIRIUS, VÉGA</TabItem>\n</Tabs>\n\nUN <Badge text=\"nouveau\" /> BADGE.\n",
		},
		{
			name:    "mdx children indented by four spaces",
			path:    "a.mdx",
			src:     "<Aside>\n    Un encart indenté.\n</Aside>\n",
			blocks:  []string{"list-item Un encart indenté."},
			markers: []string{"<Aside>\n    ", "\n</Aside>\n"},
			upper:   "<Aside>\n    UN ENCART INDENTÉ.\n</Aside>\n",
		},
		{
			name:    "mdx syntax inside fenced code",
			path:    "a.mdx",
			src:     "```js\nimport x from 'y';\n\n<Tabs>\nExemple.\n</Tabs>\n```\n",
			markers: []string{"import x from 'y';\n\n<Tabs>\nExemple.\n</Tabs>\n"},
			upper:   "```js\nimport x from 'y';\n\n<Tabs>\nExemple.\n</Tabs>\n```\n",
		},
		{
			name:    "mdx script element stays an HTML block",
			path:    "a.mdx",
			src:     "<script>\nconst x = 1;\n</script>\n",
			markers: []string{"<script>\nconst x = 1;\n</script>\n"},
			upper:   "<script>\nconst x = 1;\n</script>\n",
		},
		{
			name:    "CRLF line endings",
			src:     ":::tip[Astuce]\r\nCorps.\r\n:::\r\n\r\n!!! note \"Titre\"\r\n    Texte.\r\n",
			blocks:  []string{"heading/title Astuce", "paragraph Corps.", "heading/title Titre", "list-item Texte."},
			markers: []string{":::tip[", "]\r\n", "\r\n:::\r\n", "!!! note \"", "\"\r\n    "},
			upper:   ":::tip[ASTUCE]\r\nCORPS.\r\n:::\r\n\r\n!!! note \"TITRE\"\r\n    TEXTE.\r\n",
		},
		{
			name:   "plain markdown: import is prose, JSX is HTML",
			src:    "import x from 'y';\n\n<Tabs>\nTexte.\n</Tabs>\n",
			blocks: []string{"paragraph import x from 'y';"},
			upper:  "IMPORT X FROM 'Y';\n\n<Tabs>\nTexte.\n</Tabs>\n",
		},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "a.md"
			}
			doc, st, err := c.extract(path, []byte(tt.src))
			require.NoError(t, err)
			assert.Zero(t, st.skipped, "blocks left out")
			var got []string
			for _, b := range doc.Blocks {
				got = append(got, blockString(b))
			}
			assert.Equal(t, tt.blocks, got)
			for _, m := range tt.markers {
				require.Contains(t, tt.src, m)
				for at := 0; ; {
					k := strings.Index(tt.src[at:], m)
					if k < 0 {
						break
					}
					span := document.Span{Start: at + k, End: at + k + len(m)}
					for _, b := range doc.Blocks {
						for _, r := range b.Content {
							assert.False(t, r.Code == nil && r.Span.Start < span.End && span.Start < r.Span.End,
								"text of block %s %q overlaps marker %q", b.ID, blockString(b), m)
						}
					}
					at = span.End
				}
			}
			segmentOne(doc)
			require.NoError(t, checkModel(doc))
			assert.Equal(t, tt.src, string(merged(t, c, doc, targetsFrom(doc, restring))), "identity")
			upper := string(merged(t, c, doc, targetsFrom(doc, eachText(strings.ToUpper))))
			assert.Equal(t, tt.upper, upper)
			for _, m := range tt.markers {
				assert.Equal(t, strings.Count(tt.src, m), strings.Count(upper, m), "marker %q in the draft", m)
			}
			assert.Equal(t, treeOf(path, []byte(tt.src)), treeOf(path, []byte(upper)), "the draft's structure")
		})
	}
}

// TestSiteBlocksTestdata checks the pages of testdata/blocks: every block
// is mapped, no block holds a marker line, the identity merge gives the
// page back, and an upper-cased draft keeps every closing line of colons,
// import, JSX and fence line.
func TestSiteBlocksTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "blocks", "*.md*"))
	require.NoError(t, err)
	require.Len(t, files, 3)
	c := New()
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src := readFile(t, p)
			doc, st, err := c.extract(p, src)
			require.NoError(t, err)
			assert.Zero(t, st.skipped)
			segmentOne(doc)
			require.NoError(t, checkModel(doc))
			assert.Equal(t, string(src), string(merged(t, c, doc, targetsFrom(doc, restring))))
			upper := string(merged(t, c, doc, targetsFrom(doc, eachText(strings.ToUpper))))
			count := func(s string) map[string]int {
				n := map[string]int{}
				for _, l := range strings.Split(s, "\n") {
					if k := strings.TrimLeft(l, " "); k != "" && strings.Trim(k, ":") == "" ||
						strings.HasPrefix(l, "import ") || strings.HasPrefix(l, "<") || strings.HasPrefix(k, "```") {
						n[l]++
					}
				}
				return n
			}
			assert.Equal(t, count(string(src)), count(upper), "marker lines of the draft")
			for _, b := range doc.Blocks {
				assert.NotRegexp(t, `^(:::|!!!|\?\?\?|===|import |export |<Tabs|<TabItem)`, b.Content.Plain(), "block %s", b.ID)
			}
		})
	}
}

// TestCorpusSiteBlocks checks that the admonition and tab titles and
// bodies, and the MDX children, of pages of the shared corpus are blocks.
func TestCorpusSiteBlocks(t *testing.T) {
	dir := testenv.Shared(t, "corpus")
	tests := []struct {
		file   string
		titles []string // title blocks
		texts  []string // the start of body blocks
	}{
		{"sites/mkdocs/geotribu-website/content__articles__2023__2023-01-05_installer-qgis-sur-ubuntu.md",
			[]string{"Disponibilité des versions", " QGIS LTR"},
			[]string{"Notez que la version de votre distribution est également importante"}},
		{"sites/mkdocs/rocky-linux-documentation/docs__guides__dns__private_dns_server_using_bind.fr.md",
			[]string{"Noms de Profil Stupides", "9", "8"},
			[]string{"9 Utilisation de IPv4 pour votre LAN", "Pour utiliser UNIQUEMENT IPv4 sur votre LAN"}},
		{"sites/docusaurus/wailsapp-wails/website__i18n__fr__docusaurus-plugin-content-docs__current__howdoesitwork.mdx",
			[]string{"Note"},
			[]string{"Wails exige que vous passiez dans une"}},
		{"sites/docusaurus/wailsapp-wails/website__i18n__fr__docusaurus-plugin-content-docs__current__community__templates.mdx",
			[]string{"Attention"},
			[]string{"Si vous n'êtes pas sûr d'un modèle"}},
		{"sites/starlight/withastro-starlight/docs__src__content__docs__fr__components__tabs.mdx",
			nil,
			[]string{"Sirius, Véga, Bételgeuse"}},
		{"sites/starlight/withastro-starlight/docs__src__content__docs__fr__components__asides.mdx",
			nil,
			[]string{"Incluez des informations supplémentaires non essentielles"}},
	}
	c := New()
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			p := filepath.Join(dir, filepath.FromSlash(tt.file))
			doc, err := c.Extract(p, readFile(t, p))
			require.NoError(t, err)
			titles := map[string]bool{}
			var texts []string
			for _, b := range doc.Blocks {
				if b.Name == "title" {
					titles[b.Content.Plain()] = true
				} else {
					texts = append(texts, b.Content.Plain())
				}
			}
			for _, want := range tt.titles {
				assert.True(t, titles[want], "title %q among %v", want, titles)
			}
			for _, want := range tt.texts {
				found := false
				for _, s := range texts {
					found = found || strings.HasPrefix(s, want)
				}
				assert.True(t, found, "no block starts with %q", want)
			}
		})
	}
}

// TestSiteMarkersSurviveTranslation checks, on every project and corpus
// page, that each line maskBlocks hides from goldmark (a marker, an
// import, a JSX tag, a comment) and that holds no text to translate comes
// back byte for byte in an upper-cased draft, as often as in the source.
func TestSiteMarkersSurviveTranslation(t *testing.T) {
	c := New()
	eachMarkdown(t, func(t *testing.T, p string) {
		src := readFile(t, p)
		doc := extractSegmented(t, c, p, src)
		parse := append([]byte(nil), src...)
		if fm, ok := findFrontMatter(src); ok {
			for i := range fm.end {
				if parse[i] != '\n' {
					parse[i] = ' '
				}
			}
		}
		maskBlocks(src, parse, isMDX(p), DialectAuto.syntax())
		hidden := map[string]int{}
		at := 0
		for _, l := range strings.SplitAfter(string(src), "\n") {
			span := document.Span{Start: at, End: at + len(l)}
			at = span.End
			if strings.TrimSpace(l) == "" || strings.TrimSpace(string(parse[span.Start:span.End])) != "" {
				continue
			}
			overlaps := false
			for _, b := range doc.Blocks {
				overlaps = overlaps || b.Span.Start < span.End && span.Start < b.Span.End
			}
			if !overlaps {
				hidden[strings.TrimRight(l, "\r\n")]++
			}
		}
		if len(hidden) == 0 {
			return
		}
		out := merged(t, c, doc, targetsFrom(doc, eachText(strings.ToUpper)))
		lines := map[string]int{}
		for _, l := range strings.Split(string(out), "\n") {
			lines[strings.TrimRight(l, "\r")]++
		}
		for l, n := range hidden {
			assert.GreaterOrEqual(t, lines[l], n, "hidden line %q in the draft", l)
		}
	})
}
