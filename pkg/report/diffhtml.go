package report

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
)

//go:embed diff.html.tmpl
var diffTemplate string

var diffPage = template.Must(template.New("diff").Funcs(template.FuncMap{
	"label": originLabel,
	"changed": func(rows []Row) bool {
		for _, r := range rows {
			if r.Change != RowUnchanged {
				return true
			}
		}
		return false
	},
	"diff": func(r Row) template.HTML {
		var b strings.Builder
		switch r.Change {
		case RowAdded:
			diffHTML(&b, []Piece{{Insert, r.New}})
		case RowRemoved:
			diffHTML(&b, []Piece{{Delete, r.Old}})
		default:
			diffHTML(&b, r.Diff)
		}
		return template.HTML(b.String()) // every text escaped by diffHTML
	},
}).Parse(diffTemplate))

// WriteHTML writes the comparison as one self-contained page without
// script: the summary with the post-edit distance by origin, then per file
// the segments that changed with their word diff.
func (c *Comparison) WriteHTML(w io.Writer) error {
	css := pageCSS + "tr.added td{background:#f3fff3}tr.removed td{background:#fff3f3}\n"
	return diffPage.Execute(w, map[string]any{
		"CSP":      "default-src 'none'; style-src '" + hash(css) + "'; script-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'",
		"CSS":      template.CSS(css),
		"C":        c,
		"ByOrigin": append(append([]OriginDistance(nil), c.Summary.ByOrigin...), c.Summary.Distance),
	})
}
