package markdown

import (
	"fmt"
	"strings"
)

// Dialect names the site generator whose Markdown a page is written for:
// which site syntax Extract reads as such (see doc.go). DialectAuto reads
// every kind, which is what a page of any generator needs, since one
// kind never means something else in another; a pinned dialect reads only
// its generator's, so that, say, "[center]" in a Hugo page stays prose.
type Dialect string

// The dialects.
const (
	DialectAuto       Dialect = "auto"       // every kind below
	DialectCommonMark Dialect = "commonmark" // none: CommonMark and GFM only
	DialectHugo       Dialect = "hugo"       // Hugo shortcodes, attribute lists and heading ids
	DialectJekyll     Dialect = "jekyll"     // Liquid tags, kramdown attribute lists, abbreviations
	DialectMkDocs     Dialect = "mkdocs"     // admonitions, tabs, attribute lists, abbreviations, Jinja (macros)
	DialectDocusaurus Dialect = "docusaurus" // ":::" admonitions, heading ids
	DialectGrav       Dialect = "grav"       // bracket shortcodes, Twig tags, attribute lists, abbreviations
)

// Dialects returns every dialect, DialectAuto first.
func Dialects() []Dialect {
	return []Dialect{DialectAuto, DialectCommonMark, DialectHugo, DialectJekyll, DialectMkDocs, DialectDocusaurus, DialectGrav}
}

// ParseDialect returns the dialect named s ("" is DialectAuto).
func ParseDialect(s string) (Dialect, error) {
	if s == "" {
		return DialectAuto, nil
	}
	for _, d := range Dialects() {
		if strings.EqualFold(s, string(d)) {
			return d, nil
		}
	}
	names := make([]string, len(Dialects()))
	for i, d := range Dialects() {
		names[i] = string(d)
	}
	return "", fmt.Errorf("unknown Markdown dialect %q: use one of %s", s, strings.Join(names, ", "))
}

// WithDialect pins the dialect pages are read in; DialectAuto by default.
func WithDialect(d Dialect) Option { return func(c *Codec) { c.syntax = d.syntax() } }

// siteSyntax is the site syntax a dialect reads.
type siteSyntax struct {
	templates      bool // Liquid, Jinja, Twig: "{% … %}", "{{ … }}", "{# … #}"
	hugoShortcodes bool // "{{< … >}}", "{{% … %}}"
	brackets       bool // "[name …]", "[/name]"
	attrs          bool // attribute lists and heading ids
	abbrs          bool // "*[HTML]: …"
	colonFences    bool // Docusaurus admonitions, Pandoc fenced divs (":::")
	mkdocs         bool // "!!!", "???", "===" with an indented body
	emoji          bool // ":tada:"
}

// syntax returns what dialect d reads.
func (d Dialect) syntax() siteSyntax {
	switch d {
	case DialectCommonMark:
		return siteSyntax{}
	case DialectHugo:
		return siteSyntax{hugoShortcodes: true, attrs: true, emoji: true}
	case DialectJekyll:
		return siteSyntax{templates: true, attrs: true, abbrs: true, emoji: true}
	case DialectMkDocs:
		return siteSyntax{templates: true, attrs: true, abbrs: true, mkdocs: true, emoji: true}
	case DialectDocusaurus:
		return siteSyntax{attrs: true, colonFences: true, emoji: true}
	case DialectGrav:
		return siteSyntax{templates: true, brackets: true, attrs: true, abbrs: true, emoji: true}
	}
	return siteSyntax{templates: true, hugoShortcodes: true, brackets: true, attrs: true, abbrs: true, colonFences: true, mkdocs: true, emoji: true}
}

// allows reports whether the syntax reads span s of parse.
func (syn siteSyntax) allows(parse []byte, s siteSpan) bool {
	switch s.typ {
	case "template":
		return syn.templates
	case "shortcode":
		if parse[s.start] == '[' {
			return syn.brackets
		}
		return syn.hugoShortcodes
	case "attrs":
		return syn.attrs
	case "abbr":
		return syn.abbrs
	case "emoji":
		return syn.emoji
	}
	return true
}
