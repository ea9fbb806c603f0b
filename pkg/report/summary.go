package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/leverage"
)

// SchemaVersion is the version of the summary.json and analyze JSON
// schemas. Fields are only ever added within a version.
const SchemaVersion = 1

// Summary is summary.json: the batch in numbers, per file and per
// language. See the package documentation for the schema.
type Summary struct {
	Schema    int           `json:"schema"`          // SchemaVersion
	Generated string        `json:"generated"`       // RFC 3339, UTC
	From      string        `json:"from"`            // source language
	To        []string      `json:"to"`              // target languages
	Shard     string        `json:"shard,omitempty"` // "2/3" for one share of a batch split across runners
	Files     int           `json:"files"`
	Segments  int           `json:"segments"`
	Words     int           `json:"words"`
	Changes   *ChangeCounts `json:"changes,omitempty"` // segments by change since the previous batch, when there was one
	Total     []LangSummary `json:"total"`             // over all files, one per target language
	PerFile   []FileSummary `json:"per_file"`          // in path order
}

// FileSummary is one file's part of the summary.
type FileSummary struct {
	Path     string        `json:"path"`
	Change   string        `json:"change,omitempty"` // new, changed or unchanged since the previous batch
	Segments int           `json:"segments"`
	Words    int           `json:"words"`
	Changes  *ChangeCounts `json:"changes,omitempty"`
	Langs    []LangSummary `json:"langs"`
}

// LangSummary counts one file's (or the batch's) drafts in one language.
type LangSummary struct {
	Lang         string        `json:"lang"`
	Origins      OriginCounts  `json:"origins"`      // where the drafts came from
	Bands        BandCounts    `json:"bands"`        // the memory's leverage, as relais analyze reports it
	Untranslated Counts        `json:"untranslated"` // left in the source language
	NeedsReview  Counts        `json:"needs_review"` // untranslated, fuzzy, machine or with findings
	Findings     FindingCounts `json:"findings"`
	// Earlier counts segments against the earlier run's XLIFF files, when
	// the batch updated some (see relais translate).
	Earlier *EarlierCounts `json:"earlier,omitempty"`
	// Engine is what machine translation asked of the engine: in the
	// batch's totals, when an engine ran.
	Engine *EngineUsage `json:"engine,omitempty"`
}

// EarlierCounts counts what a re-run did with the segments of the earlier
// run's XLIFF files, in segments.
type EarlierCounts struct {
	Kept    int `json:"kept"`    // source unchanged: the earlier translation kept as it was
	Updated int `json:"updated"` // source changed: translated again, the earlier translation offered as a match
	New     int `json:"new"`     // no earlier translation: a new sentence, or one left untranslated
	Removed int `json:"removed"` // in the earlier file, source gone
}

func (e *EarlierCounts) plus(o *EarlierCounts) *EarlierCounts {
	if o == nil {
		return e
	}
	if e == nil {
		e = &EarlierCounts{}
	}
	e.Kept += o.Kept
	e.Updated += o.Updated
	e.New += o.New
	e.Removed += o.Removed
	return e
}

// OriginCounts counts drafts by origin.
type OriginCounts struct {
	InContext Counts `json:"in_context"` // memory, 101 %
	Exact     Counts `json:"exact"`      // memory, 100 %
	Fuzzy     Counts `json:"fuzzy"`      // memory, below 100 %, inserted for review
	Machine   Counts `json:"machine"`    // machine translation
	Human     Counts `json:"human"`      // written by a person
	None      Counts `json:"none"`       // untranslated
}

func (oc *OriginCounts) at(k document.OriginKind) *Counts {
	switch k {
	case document.FromInContext:
		return &oc.InContext
	case document.FromExact:
		return &oc.Exact
	case document.FromFuzzy:
		return &oc.Fuzzy
	case document.FromMachine:
		return &oc.Machine
	case document.FromHuman:
		return &oc.Human
	}
	return &oc.None
}

// FindingCounts counts findings by severity and by rule.
type FindingCounts struct {
	Total   int            `json:"total"`
	Error   int            `json:"error"`
	Warning int            `json:"warning"`
	Info    int            `json:"info"`
	ByRule  map[string]int `json:"by_rule"` // rule → count; keys sorted in JSON
}

func (fc *FindingCounts) add(f finding.Finding) {
	fc.Total++
	switch f.Severity {
	case finding.Error:
		fc.Error++
	case finding.Warning:
		fc.Warning++
	default:
		fc.Info++
	}
	if fc.ByRule == nil {
		fc.ByRule = map[string]int{}
	}
	fc.ByRule[f.Rule]++
}

func (fc *FindingCounts) plus(o FindingCounts) {
	fc.Total += o.Total
	fc.Error += o.Error
	fc.Warning += o.Warning
	fc.Info += o.Info
	for r, n := range o.ByRule {
		if fc.ByRule == nil {
			fc.ByRule = map[string]int{}
		}
		fc.ByRule[r] += n
	}
}

// BySeverity returns the count of severity s.
func (fc FindingCounts) BySeverity(s finding.Severity) int {
	switch s {
	case finding.Error:
		return fc.Error
	case finding.Warning:
		return fc.Warning
	}
	return fc.Info
}

// ChangeCounts counts segments by change since the previous batch.
type ChangeCounts struct {
	New       int `json:"new"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

func (cc *ChangeCounts) add(c leverage.Change) {
	switch c {
	case leverage.New:
		cc.New++
	case leverage.Changed:
		cc.Changed++
	case leverage.Unchanged:
		cc.Unchanged++
	}
}

// Summarize counts the batch.
func Summarize(b *Batch) *Summary {
	s := &Summary{Schema: SchemaVersion, Generated: stamp(b.Generated), From: b.From, To: b.Langs, Shard: b.Shard,
		Files: len(b.Files), Total: make([]LangSummary, len(b.Langs))}
	if s.To == nil {
		s.To = []string{}
	}
	for li, l := range b.Langs {
		s.Total[li].Lang = l
		if u, ok := b.Engine[l]; ok {
			s.Total[li].Engine = &u
		}
	}
	if b.Previous {
		s.Changes = &ChangeCounts{}
	}
	for fi := range b.Files {
		f := &b.Files[fi]
		fs := FileSummary{Path: f.Path, Change: f.Change.String(), Langs: make([]LangSummary, len(b.Langs))}
		if b.Previous {
			fs.Changes = &ChangeCounts{}
		}
		for li, l := range b.Langs {
			fs.Langs[li] = summarizeLang(f, li, l)
			s.Total[li].plus(fs.Langs[li])
		}
		for _, sg := range f.Segments {
			fs.Segments++
			fs.Words += sg.Words
			if fs.Changes != nil {
				fs.Changes.add(sg.Change)
				s.Changes.add(sg.Change)
			}
		}
		s.Segments += fs.Segments
		s.Words += fs.Words
		s.PerFile = append(s.PerFile, fs)
	}
	if s.PerFile == nil {
		s.PerFile = []FileSummary{}
	}
	return s
}

// summarizeLang counts file f's drafts in the li-th language.
func summarizeLang(f *File, li int, lang string) LangSummary {
	ls := LangSummary{Lang: lang, Bands: bandsOf(f, li)}
	for _, sg := range f.Segments {
		if li >= len(sg.Drafts) {
			continue
		}
		d := sg.Drafts[li]
		ls.Origins.at(d.Origin.Kind).add(sg.Words)
		if d.Untranslated() {
			ls.Untranslated.add(sg.Words)
		}
		if d.NeedsReview() {
			ls.NeedsReview.add(sg.Words)
		}
		for _, fd := range d.Findings {
			ls.Findings.add(fd)
		}
		if d.Earlier != "" && ls.Earlier == nil {
			ls.Earlier = &EarlierCounts{}
		}
		switch d.Earlier {
		case "kept":
			ls.Earlier.Kept++
		case "updated":
			ls.Earlier.Updated++
		case "new":
			ls.Earlier.New++
		}
	}
	for _, fd := range f.Findings {
		if fd.Lang == lang {
			ls.Findings.add(fd)
		}
	}
	if n := f.Removed[lang]; n > 0 {
		ls.Earlier = ls.Earlier.plus(&EarlierCounts{Removed: n})
	}
	return ls
}

// bandsOf counts file f's segments by the band of their li-th draft: the
// one count that both the translate summary and relais analyze report.
func bandsOf(f *File, li int) BandCounts {
	var bc BandCounts
	for _, sg := range f.Segments {
		band := leverage.NoMatch
		if li < len(sg.Drafts) {
			band = sg.Drafts[li].Band
		}
		bc.At(band).add(sg.Words)
	}
	return bc
}

func (ls *LangSummary) plus(o LangSummary) {
	for _, k := range []document.OriginKind{document.FromInContext, document.FromExact, document.FromFuzzy, document.FromMachine, document.FromHuman, document.FromNone} {
		ls.Origins.at(k).plus(*o.Origins.at(k))
	}
	ls.Bands.plus(o.Bands)
	ls.Untranslated.plus(o.Untranslated)
	ls.NeedsReview.plus(o.NeedsReview)
	ls.Findings.plus(o.Findings)
	ls.Earlier = ls.Earlier.plus(o.Earlier)
}

// WriteJSON writes the summary as indented JSON, keys in schema order.
func (s *Summary) WriteJSON(w io.Writer) error {
	return writeJSON(w, s)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// stamp formats a generation time, or "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
