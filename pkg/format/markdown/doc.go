// Package markdown reads and writes Markdown articles: CommonMark with the
// GFM tables, strikethrough, autolink (linkify) and task list extensions
// and footnotes, parsed with goldmark, a YAML front matter (or a Hugo TOML
// one, kept whole), and the site syntax of static site generators.
//
// What Extract leaves untranslated for want of a mapping is listed in the
// document's Skipped, with why: an HTML block that holds text, a leaf
// block whose inline markup could not be mapped. A batch warns of each.
//
// Extract finds the translatable text: headings (their text, not the "#"
// nor the setext underline), paragraphs, list items, blockquotes, table
// cells (header cells too), the titles of links and images, and the
// front-matter values of the configured keys (title, description and
// summary by default). Code blocks, HTML blocks, link reference
// definitions, and every other front-matter key keep their bytes and are
// never part of a block.
//
// Inline markup inside a block becomes codes that carry their original
// bytes: emphasis, strong emphasis and strikethrough as open/close pairs
// ("fmt:em", "fmt:strong", "fmt:del"), a link as "[" … "](url "title")" or
// "[" … "][label]" ("link", the same for "image" with "!["), inline code,
// inline HTML (a tag and its closing tag in the same block as a pair),
// autolinks and hard line breaks as standalone codes ("code", "html",
// "autolink", "break"). A collapsed or shortcut reference link ("[CGLU][]",
// "[CGLU]") is one standalone code: its text is the label that finds the
// link's definition, and a translation would lose the link.
// Entities, backslash escapes and soft line breaks (with the next line's
// indentation or "> " prefix) are atomic text runs holding the text they
// stand for. A link title is an Attribute block of its own, whose span lies
// inside the closing code of its link; format.Merge writes its translation
// inside that code.
//
// Site syntax is code, never text (see site.go). Before goldmark parses the
// article, the extractor finds Liquid, Jinja and Twig tags, outputs and
// comments ("{% … %}", "{%- … -%}", "{{ … }}", "{# … #}"), Hugo shortcodes
// ("{{< … >}}", "{{% … %}}"), bracket shortcodes as Grav and WordPress use
// them ("[name attr="…"]", "[/name]", "[name/]": a known name, see
// WithShortcodes, or an opening tag whose "[/name]" follows, so that
// bracketed prose stays prose), kramdown attribute lists ("{: .note}"),
// Pandoc and MkDocs attribute lists ("{ .md-button }", "{#id}" after a
// heading) and abbreviation lines ("*[HTML]: …"). It hides each from
// goldmark, and the text that covers it becomes a code of its exact bytes
// ("template", "shortcode", "attrs", "abbr"). An opening tag and its
// closing tag in the same line of a block ("{% if %}…{% endif %}",
// "{{< b >}}…{{< /b >}}", "[center]…[/center]") are an open/close pair;
// a tag alone on its lines splits its block in two, and site codes at the
// ends of a block are left out of it, so that a block made only of site
// syntax is no block. Site syntax inside code spans and code blocks stays
// code content. A footnote reference ("[^1]") is a standalone "footnote"
// code, a footnote definition's paragraphs are blocks (its "[^1]: " marker
// is not), and a task list marker ("[ ] ") stays out of its list item.
//
// Site generators add block syntax that CommonMark does not know; Extract
// reads it as the generator does (see blocks.go), keeping its bytes out of
// every block. Docusaurus admonitions (":::info[Titre]" … ":::", with more
// colons for an outer one, and the older ":::info Titre") and MkDocs
// admonitions and content tabs ("!!! note "Titre"", "??? tip", "===
// "Onglet"" over a body indented by four spaces) have their title as a
// Heading block named "title" and their body as blocks of its own (the
// paragraphs of an MkDocs body are ListItem blocks: goldmark reads the body
// as the content of a list item); markers, type names, quotes and
// indentation stay bytes. The marker lines of Pandoc fenced divs (":::
// {.classe}" … ":::") are kept out of the text the same way. A page whose
// path ends in ".mdx" is read as MDX: import and export statements, "{/* …
// */}" comments and JSX tags on lines of their own are not text, the text
// between JSX tags is, and indentation does not make code. A JSX tag inside
// a paragraph is a code, attributes and all, as inline HTML is; a "{…}"
// expression or comment inside a paragraph is still read as text. Nothing
// inside fenced code is read as site syntax; a marker that does not match
// the syntax exactly, or is never closed, is prose; an MkDocs body indented
// by tabs stays indented code.
//
// goldmark positions text but not the markup around it; this package
// rebuilds the markup's spans by walking each block's nodes over its lines
// (see inline.go), and reads the front matter itself (see frontmatter.go).
//
// Merge writes a draft by replacing the translated byte ranges of the
// source (format.Merge), escaping translated text so that it cannot create
// markup, and only where it could: a character is escaped where, left
// alone beside what surrounds it in the draft, it could start or end
// markup (a construct the source did not escape is not escaped in the
// draft unless it could). Codes keep their source bytes, except emphasis and
// strikethrough delimiters that would no longer pair beside the translated
// text: Merge checks each segment against a model of goldmark's delimiter
// processing and then writes "*" for "_", or a character reference for the
// letter beside the delimiter (see delim.go). A translated paragraph keeps
// its source's line structure (see lines.go): one sentence or clause per
// line stays so, a hard-wrapped paragraph is wrapped again at its width,
// a paragraph on one line stays on one line. A translation equal to the
// source gives back the source byte for byte.
package markdown
