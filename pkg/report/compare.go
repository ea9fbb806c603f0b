package report

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/relais-tm/relais/pkg/document"
)

// Version is one side of a comparison: an article's segments, an XLIFF
// file's, or every XLIFF file of an output folder.
type Version struct {
	Name  string        // as the user named it: a path
	Files []VersionFile // in path order
}

// VersionFile is one file of a version.
type VersionFile struct {
	Path  string // the path inside the version (the base name for a single file)
	Items []Item // in file order
}

// Item is one segment of a version.
type Item struct {
	ID     string          // the segment ID, "" when unknown
	Source string          // the source text, one line (document.Content.Key)
	Text   string          // what is compared: the target of a draft, the source of an article
	Origin document.Origin // where the old draft came from
	State  document.State
}

// Align says how the segments of two versions are paired.
type Align int

// The alignments.
const (
	AlignAuto   Align = iota // by ID when the IDs pair segments with the same source, else by source
	AlignID                  // by segment ID
	AlignSource              // by source text, in order (for an updated article)
)

// ParseAlign reads "auto", "id" or "source".
func ParseAlign(s string) (Align, error) {
	switch s {
	case "auto", "":
		return AlignAuto, nil
	case "id":
		return AlignID, nil
	case "source":
		return AlignSource, nil
	}
	return 0, fmt.Errorf("unknown alignment %q (want auto, id or source)", s)
}

// The changes of a row.
const (
	RowUnchanged = "unchanged"
	RowEdited    = "edited"
	RowAdded     = "added"
	RowRemoved   = "removed"
)

// Comparison is what changed between two versions. Its JSON form is the
// output of relais diff --format json.
type Comparison struct {
	Schema    int              `json:"schema"` // SchemaVersion
	Old       string           `json:"old"`
	New       string           `json:"new"`
	Generated string           `json:"generated"`
	Summary   CompareSummary   `json:"summary"`
	Files     []FileComparison `json:"files"`
}

// FileComparison is one file's rows.
type FileComparison struct {
	Path   string `json:"path"`
	Change string `json:"change"` // unchanged, edited, added or removed
	Rows   []Row  `json:"rows"`
}

// Row is one segment compared.
type Row struct {
	ID       string  `json:"id"`               // the new segment's ID (the old one's when removed)
	OldID    string  `json:"old_id,omitempty"` // the old ID when it differs
	Change   string  `json:"change"`           // unchanged, edited, added or removed
	Source   string  `json:"source"`           // the (new) source
	Old      string  `json:"old"`              // the old text
	New      string  `json:"new"`              // the new text
	Origin   string  `json:"origin"`           // the old draft's origin: ice, exact, fuzzy, mt, human, none
	Diff     []Piece `json:"diff,omitempty"`   // word diff from old to new, for an edited row
	Distance int     `json:"distance"`         // word edit distance
	Percent  float64 `json:"distance_percent"` // Distance in percent of the longer text's words
}

// CompareSummary counts the rows, and the post-edit distance by origin.
type CompareSummary struct {
	Unchanged int              `json:"unchanged"`
	Edited    int              `json:"edited"`
	Added     int              `json:"added"`
	Removed   int              `json:"removed"`
	Distance  OriginDistance   `json:"distance"`  // over every segment present in both versions
	ByOrigin  []OriginDistance `json:"by_origin"` // by the old draft's origin, in a fixed order
}

// OriginDistance is the post-edit distance of the segments of one origin:
// how much reviewers changed them.
type OriginDistance struct {
	Origin   string  `json:"origin"`
	Segments int     `json:"segments"`         // in both versions
	Edited   int     `json:"edited"`           // of which edited
	Words    int     `json:"words"`            // the longer side's words, summed
	Distance int     `json:"distance"`         // word edits, summed
	Percent  float64 `json:"distance_percent"` // Distance in percent of Words
}

// Compare pairs the segments of old and new, file by file (by path), and
// diffs every pair.
func Compare(old, new Version, by Align, generated time.Time) *Comparison {
	c := &Comparison{Schema: SchemaVersion, Old: old.Name, New: new.Name, Generated: stamp(generated), Files: []FileComparison{}}
	olds := map[string]VersionFile{}
	for _, f := range old.Files {
		olds[f.Path] = f
	}
	news := map[string]VersionFile{}
	for _, f := range new.Files {
		news[f.Path] = f
	}
	paths := map[string]bool{}
	for p := range olds {
		paths[p] = true
	}
	for p := range news {
		paths[p] = true
	}
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		of, inOld := olds[p]
		nf, inNew := news[p]
		fc := FileComparison{Path: p, Rows: compareItems(of.Items, nf.Items, by)}
		switch {
		case !inOld:
			fc.Change = RowAdded
		case !inNew:
			fc.Change = RowRemoved
		default:
			fc.Change = RowUnchanged
			for _, r := range fc.Rows {
				if r.Change != RowUnchanged {
					fc.Change = RowEdited
					break
				}
			}
		}
		c.Files = append(c.Files, fc)
	}
	c.summarize()
	return c
}

var originOrder = []string{"ice", "exact", "fuzzy", "mt", "human", "none"}

func (c *Comparison) summarize() {
	by := map[string]*OriginDistance{}
	all := OriginDistance{Origin: "all"}
	for _, f := range c.Files {
		for _, r := range f.Rows {
			switch r.Change {
			case RowAdded:
				c.Summary.Added++
				continue
			case RowRemoved:
				c.Summary.Removed++
				continue
			case RowEdited:
				c.Summary.Edited++
			default:
				c.Summary.Unchanged++
			}
			od := by[r.Origin]
			if od == nil {
				od = &OriginDistance{Origin: r.Origin}
				by[r.Origin] = od
			}
			for _, d := range []*OriginDistance{od, &all} {
				d.Segments++
				if r.Change == RowEdited {
					d.Edited++
				}
				d.Words += max(wordCount(r.Old), wordCount(r.New))
				d.Distance += r.Distance
			}
		}
	}
	pct := func(d *OriginDistance) {
		if d.Words > 0 {
			d.Percent = round1(100 * float64(d.Distance) / float64(d.Words))
		}
	}
	pct(&all)
	c.Summary.Distance = all
	c.Summary.ByOrigin = []OriginDistance{}
	for _, o := range originOrder {
		if d := by[o]; d != nil {
			pct(d)
			c.Summary.ByOrigin = append(c.Summary.ByOrigin, *d)
		}
	}
}

// compareItems pairs two files' segments and diffs the pairs.
func compareItems(old, new []Item, by Align) []Row {
	if by == AlignAuto {
		by = AlignSource
		if idsAgree(old, new) {
			by = AlignID
		}
	}
	var rows []Row
	if by == AlignID {
		byID := map[string]int{}
		for i, it := range old {
			if it.ID != "" {
				byID[it.ID] = i
			}
		}
		used := make([]bool, len(old))
		for _, n := range new {
			if i, ok := byID[n.ID]; ok && n.ID != "" && !used[i] {
				used[i] = true
				rows = append(rows, pair(old[i], n))
				continue
			}
			rows = append(rows, added(n))
		}
		for i, o := range old {
			if !used[i] {
				rows = append(rows, removed(o))
			}
		}
		return rows
	}
	return alignBySource(old, new)
}

// idsAgree reports whether the IDs of two files pair segments with the
// same source wherever both files have the ID, and pair at least one: the
// files are versions of one segmentation (a draft and its review).
func idsAgree(old, new []Item) bool {
	src := map[string]string{}
	for _, o := range old {
		if o.ID != "" {
			src[o.ID] = o.Source
		}
	}
	same := 0
	for _, n := range new {
		s, ok := src[n.ID]
		switch {
		case !ok || n.ID == "":
		case s != n.Source:
			return false
		default:
			same++
		}
	}
	return same > 0
}

// alignBySource pairs segments with the same source in order (a longest
// common subsequence, go-diff over whole sources), then pairs the
// segments removed and added at the same place as edited ones.
func alignBySource(old, new []Item) []Row {
	vocab := map[string]rune{}
	encode := func(items []Item) []rune {
		rs := make([]rune, len(items))
		for i, it := range items {
			r, ok := vocab[it.Source]
			if !ok {
				r = rune(0x10000 + len(vocab))
				vocab[it.Source] = r
			}
			rs[i] = r
		}
		return rs
	}
	a, b := encode(old), encode(new)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	var rows []Row
	i, j := 0, 0
	var dels, adds []Item
	flush := func() {
		k := 0
		for ; k < len(dels) && k < len(adds); k++ {
			rows = append(rows, pair(dels[k], adds[k]))
		}
		for _, d := range dels[k:] {
			rows = append(rows, removed(d))
		}
		for _, n := range adds[k:] {
			rows = append(rows, added(n))
		}
		dels, adds = nil, nil
	}
	for _, d := range dmp.DiffMainRunes(a, b, false) {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			dels = append(dels, old[i:i+n]...)
			i += n
		case diffmatchpatch.DiffInsert:
			adds = append(adds, new[j:j+n]...)
			j += n
		default:
			flush()
			for k := 0; k < n; k++ {
				rows = append(rows, pair(old[i+k], new[j+k]))
			}
			i += n
			j += n
		}
	}
	flush()
	return rows
}

func pair(o, n Item) Row {
	r := Row{ID: n.ID, Source: n.Source, Old: o.Text, New: n.Text, Origin: originCode(o.Origin.Kind), Change: RowUnchanged}
	if o.ID != n.ID {
		r.OldID = o.ID
	}
	if o.Text != n.Text {
		r.Change = RowEdited
		r.Diff = WordDiff(o.Text, n.Text)
		r.Distance = Distance(r.Diff)
		r.Percent = EditPercent(r.Diff)
	}
	return r
}

func added(n Item) Row {
	return Row{ID: n.ID, Source: n.Source, New: n.Text, Change: RowAdded, Origin: originCode(n.Origin.Kind)}
}

func removed(o Item) Row {
	return Row{ID: o.ID, Source: o.Source, Old: o.Text, Change: RowRemoved, Origin: originCode(o.Origin.Kind)}
}

// WriteJSON writes the comparison as indented JSON.
func (c *Comparison) WriteJSON(w io.Writer) error { return writeJSON(w, c) }

// WriteMarkdown writes the summary, then per file a table of the segments
// that changed with their word diff.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	var o strings.Builder
	fmt.Fprintf(&o, "# relais diff\n\n`%s` → `%s` · generated %s\n\n", strings.ReplaceAll(c.Old, "`", "'"), strings.ReplaceAll(c.New, "`", "'"), c.Generated)
	s := c.Summary
	fmt.Fprintf(&o, "## Summary\n\n%d unchanged, %d edited, %d added, %d removed segment(s).\n\n", s.Unchanged, s.Edited, s.Added, s.Removed)
	o.WriteString("| origin | segments | edited | words | edits | post-edit distance |\n|---|---:|---:|---:|---:|---:|\n")
	for _, d := range append(append([]OriginDistance(nil), s.ByOrigin...), s.Distance) {
		fmt.Fprintf(&o, "| %s | %d | %d | %d | %d | %.1f %% |\n", originLabel(d.Origin), d.Segments, d.Edited, d.Words, d.Distance, d.Percent)
	}
	for _, f := range c.Files {
		fmt.Fprintf(&o, "\n## %s (%s)\n\n", md(f.Path), f.Change)
		changed := false
		for _, r := range f.Rows {
			if r.Change == RowUnchanged {
				continue
			}
			if !changed {
				o.WriteString("| segment | change | origin | diff | distance |\n|---|---|---|---|---:|\n")
				changed = true
			}
			text := mdDiff(r.Diff)
			switch r.Change {
			case RowAdded:
				text = "**" + md(r.New) + "**"
			case RowRemoved:
				text = "~~" + md(r.Old) + "~~"
			}
			fmt.Fprintf(&o, "| %s | %s | %s | %s | %d (%.1f %%) |\n", md(rowID(r)), r.Change, originLabel(r.Origin), text, r.Distance, r.Percent)
		}
		if !changed {
			o.WriteString("No segment changed.\n")
		}
	}
	_, err := io.WriteString(w, o.String())
	return err
}

func rowID(r Row) string {
	if r.OldID != "" {
		return r.OldID + " → " + r.ID
	}
	return r.ID
}

func originLabel(o string) string {
	switch o {
	case "ice":
		return "memory, in context"
	case "exact":
		return "memory, exact"
	case "fuzzy":
		return "memory, fuzzy"
	case "mt":
		return "machine translation"
	case "none":
		return "untranslated"
	}
	return o
}
