package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/leverage"
)

//go:embed report.html.tmpl
var pageTemplate string

//go:embed report.css
var pageCSS string

//go:embed report.js
var pageJS string

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{"join": strings.Join}).Parse(pageTemplate))

// csp returns the Content-Security-Policy of a page whose only style and
// script are css and js: nothing else loads or runs, not even an inline
// handler or a style attribute.
func csp(css, js string) string {
	return "default-src 'none'; style-src '" + hash(css) + "'; script-src '" + hash(js) +
		"'; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}

// BatchID names the batch b stands for in the review page's local
// storage: a hash of its source language, target languages and file
// paths, so that a later batch of the same articles finds the edits a
// reviewer made on the page of an earlier one (and the page says so).
func BatchID(b *Batch) string {
	h := sha256.New()
	io.WriteString(h, b.From+"\x00"+strings.Join(b.Langs, ",")+"\x00")
	for _, f := range b.Files {
		io.WriteString(h, f.Path+"\x00")
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
}

// fileLink is a file in the page's table of contents.
type fileLink struct {
	Path, Anchor string
	Segments     int
}

// WriteHTML writes the review report: one self-contained page (no
// network access, nothing external), with the summary and, per file, a
// table with one row per source segment and one column per target
// language. Everything from the articles is escaped.
func WriteHTML(w io.Writer, b *Batch, opts ...Option) error {
	o := newOptions(opts)
	sum := Summarize(b)
	links := make([]fileLink, len(b.Files))
	hs := pageHints(b)
	engines := map[string]bool{}
	for i := range b.Files {
		links[i] = fileLink{Path: b.Files[i].Path, Anchor: "f" + strconv.Itoa(i+1), Segments: len(b.Files[i].Segments)}
		for _, s := range b.Files[i].Segments {
			for _, d := range s.Drafts {
				if d.Origin.Kind == document.FromMachine {
					engines[d.Origin.Engine] = true
				}
			}
		}
	}
	body := sections(len(b.Files), o.jobs, func(i int, sb *strings.Builder) {
		writeFile(sb, hs, b, i)
	})
	css := pageCSS + langCSS(len(b.Langs)) + hs.css()
	rules := map[string]bool{}
	for _, t := range sum.Total {
		for r := range t.Findings.ByRule {
			rules[r] = true
		}
	}
	var page bytes.Buffer
	err := reportPage.Execute(&page, map[string]any{
		"CSP":        csp(css, pageJS),
		"CSS":        template.CSS(css),
		"JS":         template.JS(pageJS),
		"Title":      "relais review report",
		"From":       b.From,
		"Langs":      b.Langs,
		"Generated":  stamp(b.Generated),
		"Shard":      b.Shard,
		"Summary":    sum,
		"Bands":      leverage.Bands(),
		"Severities": severities,
		"Rules":      slices.Sorted(maps.Keys(rules)),
		"Files":      links,
		"Engines":    slices.Sorted(maps.Keys(engines)),
		"Body":       template.HTML(bodyMark),
		"BatchID":    BatchID(b),
		"Stamp":      b.Generated.UTC().Format(time.RFC3339),
	})
	if err != nil {
		return err
	}
	// The sections (built by writeFile, every text escaped by esc) go
	// where the mark is, straight to w.
	head, tail, _ := bytes.Cut(page.Bytes(), []byte(bodyMark))
	return writeAll(w, head, body, tail)
}

// bodyMark stands for the files' sections in the executed page template:
// nothing else in the page can hold it, since every text from a batch is
// escaped there.
const bodyMark = "<!--relais:sections-->"

// writeAll writes head, each of parts, then tail to w.
func writeAll(w io.Writer, head []byte, parts []string, tail []byte) error {
	if _, err := w.Write(head); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := io.WriteString(w, p); err != nil {
			return err
		}
	}
	_, err := w.Write(tail)
	return err
}

// langCSS hides the other languages' columns when the language filter
// picks one.
func langCSS(n int) string {
	var b strings.Builder
	for i := range n {
		var sel []string
		for j := range n {
			if j != i {
				sel = append(sel, `body[data-show="l`+strconv.Itoa(i)+`"] .l`+strconv.Itoa(j))
			}
		}
		if len(sel) > 0 {
			b.WriteString(strings.Join(sel, ",") + "{display:none}\n")
		}
	}
	return b.String()
}

// writeFile writes the i-th file's section.
func writeFile(b *strings.Builder, hs *hints, batch *Batch, i int) {
	f := &batch.Files[i]
	anchor := "f" + strconv.Itoa(i+1)
	words := 0
	for _, s := range f.Segments {
		words += s.Words
	}
	b.WriteString(`<section class="file" id="` + anchor + `" data-n="` + itoa(len(f.Segments)) + `"><h2>`)
	esc(b, f.Path)
	b.WriteString("</h2>\n<p class=\"meta\">" + itoa(len(f.Segments)) + " segment(s), " + itoa(words) + " word(s)")
	if f.Change != leverage.Unknown {
		b.WriteString(" · " + f.Change.String() + " since the previous batch")
	}
	b.WriteString("</p>\n")
	if len(f.Findings) > 0 {
		writeFindings(b, f.Findings)
	}
	b.WriteString(`<table class="s"><thead><tr><th>segment<th>`)
	esc(b, batch.From)
	for li, l := range batch.Langs {
		b.WriteString(`<th class="l` + itoa(li) + `">`)
		esc(b, l)
	}
	b.WriteString("</thead><tbody>\n")
	for si := range f.Segments {
		writeRow(b, hs, batch, anchor, &f.Segments[si])
	}
	b.WriteString("</tbody></table></section>\n")
}

// writeRow writes one segment's row. data-o lists "lI:origin" per draft
// for the filters; class rv marks a row, and each draft cell, needing
// review.
func writeRow(b *strings.Builder, hs *hints, batch *Batch, anchor string, s *Segment) {
	changed := s.Change == leverage.New || s.Change == leverage.Changed
	review := changed
	var origins []string
	needs := make([]bool, len(s.Drafts))
	for li, d := range s.Drafts {
		origins = append(origins, "l"+itoa(li)+":"+originCode(d.Origin.Kind))
		needs[li] = d.NeedsReview()
		review = review || needs[li]
	}
	b.WriteString(`<tr id="` + anchor + ".")
	esc(b, s.ID)
	b.WriteString(`"`)
	if review {
		b.WriteString(` class="rv"`)
	}
	b.WriteString(` data-o="` + strings.Join(origins, " ") + `"><td>`)
	esc(b, s.ID)
	if s.Change != leverage.Unknown {
		b.WriteString(`<span class="chg ` + s.Change.String() + `">` + s.Change.String() + `</span>`)
	}
	b.WriteString(`<td class="src">`)
	contentHTML(b, hs, s.Source, s.Terms, true)
	b.WriteString("</td>") // the source's text ends here, for the page's export
	for li := range batch.Langs {
		b.WriteString("\n<td class=\"l" + itoa(li))
		if li < len(s.Drafts) && (needs[li] || changed) {
			b.WriteString(" rv")
		}
		b.WriteString(`">`)
		if li < len(s.Drafts) {
			writeDraft(b, hs, &s.Drafts[li])
		}
	}
	b.WriteString("\n")
}

func writeDraft(b *strings.Builder, hs *hints, d *Draft) {
	code := originCode(d.Origin.Kind)
	b.WriteString(`<b class="` + code + `">` + badge(d.Origin) + `</b>`)
	if !d.Untranslated() {
		contentHTML(b, hs, d.Target, d.Terms, false)
	}
	if m := d.Match; m != nil {
		if d.Suggested {
			b.WriteString(`<div class="tm"><i>suggestion ` + itoa(m.Score) + ` %:</i> `)
			contentHTML(b, hs, m.Target, nil, false)
			b.WriteString(`<br><i>memory source:</i> `)
		} else {
			b.WriteString(`<div class="tm"><i>memory source:</i> `)
		}
		diffHTML(b, m.Diff)
		if m.Original != nil {
			b.WriteString(`<br><i>memory target before repair:</i> `)
			contentHTML(b, hs, m.Original, nil, false)
		}
		b.WriteString(`</div>`)
	}
	if len(d.Findings) > 0 {
		writeFindings(b, d.Findings)
	}
}

func writeFindings(b *strings.Builder, fs []finding.Finding) {
	fs = append([]finding.Finding(nil), fs...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity > fs[j].Severity })
	b.WriteString(`<ul class="f">`)
	for _, f := range fs {
		b.WriteString(`<li class="` + f.Severity.String() + `" data-rule="`)
		esc(b, f.Rule)
		b.WriteString(`">` + f.Severity.String() + ` `)
		esc(b, f.Rule)
		if f.Segment == "" && f.Lang != "" {
			b.WriteString(` [`)
			esc(b, f.Lang)
			b.WriteString(`]`)
		}
		b.WriteString(`: `)
		esc(b, f.Message)
	}
	b.WriteString(`</ul>`)
}
