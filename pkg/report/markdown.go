package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/leverage"
)

// mdEscaper escapes what Markdown would read as markup in a table cell;
// "<" and "&" become entities, so that no HTML from an article is ever
// rendered.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "~", `\~`, "[", `\[`, "]", `\]`, "|", `\|`,
	"#", `\#`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "\n", " ", "\r", " ", "\t", " ")

func md(s string) string { return mdEscaper.Replace(s) }

// mdContent writes c with codes as `{1}`-style placeholders and glossary
// terms in italics.
func mdContent(c document.Content, terms []Term) string {
	var b strings.Builder
	off := 0
	for _, r := range c {
		if r.Code != nil {
			b.WriteString(md(codeDisp(r.Code)))
			continue
		}
		text, start := r.Text, off
		off += len(text)
		at := 0
		for _, t := range terms {
			s, e := max(t.Span.Start-start, at), min(t.Span.End-start, len(text))
			if s >= e {
				continue
			}
			b.WriteString(md(text[at:s]))
			b.WriteString("_" + md(text[s:e]) + "_")
			at = e
		}
		b.WriteString(md(text[at:]))
	}
	return b.String()
}

// mdDiff writes a word diff: deletions struck through, insertions in bold.
func mdDiff(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		t := md(p.Text)
		lead := t[:len(t)-len(strings.TrimLeft(t, " "))]
		core := strings.TrimSpace(t)
		switch {
		case core == "" || p.Op == Equal:
			b.WriteString(t)
		case p.Op == Delete:
			b.WriteString(lead + "~~" + core + "~~")
		default:
			b.WriteString(lead + "**" + core + "**")
		}
		if p.Op != Equal && core != "" && strings.HasSuffix(t, " ") {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// WriteMarkdown writes the review report as Markdown: the same summary
// and, per file, one table row per segment with a column per language.
func WriteMarkdown(w io.Writer, b *Batch, opts ...Option) error {
	opt := newOptions(opts)
	sum := Summarize(b)
	var o strings.Builder
	fmt.Fprintf(&o, "# relais review report\n\n%s → %s · generated %s", b.From, strings.Join(b.Langs, ", "), stamp(b.Generated))
	if b.Shard != "" {
		fmt.Fprintf(&o, " · shard %s of the batch", b.Shard)
	}
	o.WriteString("\n\n")
	fmt.Fprintf(&o, "## Summary\n\n%d file(s), %d segment(s), %d word(s)", sum.Files, sum.Segments, sum.Words)
	if c := sum.Changes; c != nil {
		fmt.Fprintf(&o, "; since the previous batch: %d new, %d changed, %d unchanged segment(s)", c.New, c.Changed, c.Unchanged)
	}
	o.WriteString(".\n\n")
	header := func(title string) {
		o.WriteString("| " + title + " |")
		for _, t := range sum.Total {
			o.WriteString(" " + md(t.Lang) + " |")
		}
		o.WriteString("\n|---|" + strings.Repeat("---:|", len(sum.Total)) + "\n")
	}
	row := func(name string, f func(LangSummary) string) {
		o.WriteString("| " + name + " |")
		for _, t := range sum.Total {
			o.WriteString(" " + f(t) + " |")
		}
		o.WriteString("\n")
	}
	sw := func(c Counts) string { return fmt.Sprintf("%d / %d", c.Segments, c.Words) }
	header("Leverage (segments / words)")
	for _, band := range leverage.Bands() {
		row(band.Label(), func(t LangSummary) string { return sw(t.Bands.Get(band)) })
	}
	o.WriteString("\n")
	header("Drafts by origin (segments / words)")
	row("memory, in context", func(t LangSummary) string { return sw(t.Origins.InContext) })
	row("memory, exact", func(t LangSummary) string { return sw(t.Origins.Exact) })
	row("memory, fuzzy", func(t LangSummary) string { return sw(t.Origins.Fuzzy) })
	row("machine translation", func(t LangSummary) string { return sw(t.Origins.Machine) })
	row("human", func(t LangSummary) string { return sw(t.Origins.Human) })
	row("untranslated", func(t LangSummary) string { return sw(t.Untranslated) })
	row("needing review", func(t LangSummary) string { return sw(t.NeedsReview) })
	o.WriteString("\n")
	header("Findings")
	for _, s := range severities {
		row(s.String(), func(t LangSummary) string { return itoa(t.Findings.BySeverity(s)) })
	}
	rules := map[string]bool{}
	for _, t := range sum.Total {
		for r := range t.Findings.ByRule {
			rules[r] = true
		}
	}
	for _, r := range slices.Sorted(maps.Keys(rules)) {
		row("rule "+md(r), func(t LangSummary) string { return itoa(t.Findings.ByRule[r]) })
	}
	secs := sections(len(b.Files), opt.jobs, func(fi int, o *strings.Builder) {
		f := &b.Files[fi]
		fmt.Fprintf(o, "\n## %s\n\n%d segment(s)", md(f.Path), len(f.Segments))
		if f.Change != leverage.Unknown {
			o.WriteString(", " + f.Change.String() + " since the previous batch")
		}
		o.WriteString("\n\n")
		for _, fd := range f.Findings {
			fmt.Fprintf(o, "- %s %s [%s]: %s\n", fd.Severity, md(fd.Rule), md(fd.Lang), md(fd.Message))
		}
		if len(f.Findings) > 0 {
			o.WriteString("\n")
		}
		o.WriteString("| segment | " + md(b.From) + " |")
		for _, l := range b.Langs {
			o.WriteString(" " + md(l) + " |")
		}
		o.WriteString("\n|---|---|" + strings.Repeat("---|", len(b.Langs)) + "\n")
		for _, s := range f.Segments {
			o.WriteString("| " + md(s.ID))
			if s.Change != leverage.Unknown {
				o.WriteString(" (" + s.Change.String() + ")")
			}
			o.WriteString(" | " + mdContent(s.Source, s.Terms) + " |")
			for li := range b.Langs {
				o.WriteString(" ")
				if li < len(s.Drafts) {
					o.WriteString(mdDraft(&s.Drafts[li]))
				}
				o.WriteString(" |")
			}
			o.WriteString("\n")
		}
	})
	return writeAll(w, []byte(o.String()), secs, nil)
}

func mdDraft(d *Draft) string {
	var b strings.Builder
	b.WriteString("`" + badge(d.Origin) + "`")
	if !d.Untranslated() {
		b.WriteString(" " + mdContent(d.Target, d.Terms))
	}
	if m := d.Match; m != nil {
		if d.Suggested {
			b.WriteString("<br>suggestion " + itoa(m.Score) + " %: " + mdContent(m.Target, nil))
		}
		b.WriteString("<br>memory source: " + mdDiff(m.Diff))
		if m.Original != nil {
			b.WriteString("<br>memory target before repair: " + mdContent(m.Original, nil))
		}
	}
	for _, f := range d.Findings {
		b.WriteString("<br>" + f.Severity.String() + " " + md(f.Rule) + ": " + md(f.Message))
	}
	return b.String()
}
