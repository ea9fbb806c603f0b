package report

import (
	"time"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/leverage"
)

// Batch is everything a review report shows about one batch: the files,
// their segments, and for each segment a draft per target language. The
// pipeline (or a test) builds it; the writers of this package only read it.
type Batch struct {
	Generated time.Time // when the batch ran, from the caller's clock: the one part of the outputs that varies between runs
	From      string    // the source language: "fr"
	Langs     []string  // the target languages, in column order
	// Previous says a previous batch of the same output folder is on
	// record, so that files and segments carry a Change.
	Previous bool
	// Shard, when the batch is one share of a batch split across runners
	// (relais translate --shard), says which: "2/3". Empty for a whole
	// batch, merged ones included.
	Shard string
	Files []File // in path order
	// Engine is what machine translation asked of the engine, by target
	// language (as in Langs); nil when no engine ran. A merged batch adds
	// up its shards'.
	Engine map[string]EngineUsage `json:",omitempty"`
}

// EngineUsage is what machine translation asked of the engine in one
// target language during the batch.
type EngineUsage struct {
	Name     string `json:"name,omitempty"` // the engine: "apertium", "deepl"
	Calls    int    `json:"calls"`          // requests sent to the engine: one per file with segments the cache did not hold
	Segments int    `json:"segments"`       // segments in those requests
	Cached   int    `json:"cache_hits"`     // segments the machine translation cache answered instead
	// Requests and Characters are what a remote engine (deepl,
	// libretranslate, openai) was sent: HTTP requests, retries included,
	// and characters of text, what the services bill.
	Requests   int `json:"requests,omitempty"`
	Characters int `json:"characters,omitempty"`
}

// Plus returns the sum of u and o (the shards of one batch).
func (u EngineUsage) Plus(o EngineUsage) EngineUsage {
	if u.Name == "" {
		u.Name = o.Name
	}
	u.Calls += o.Calls
	u.Segments += o.Segments
	u.Cached += o.Cached
	u.Requests += o.Requests
	u.Characters += o.Characters
	return u
}

// File is one source article of the batch.
type File struct {
	Path     string          // slash path inside the batch
	Change   leverage.Change // since the previous batch
	Segments []Segment       // in source order
	// Findings are about the whole file in one language (Segment == "").
	Findings []finding.Finding
	// Removed counts, by target language, the segments of the earlier
	// run's XLIFF file whose source is gone.
	Removed map[string]int `json:",omitempty"`
}

// Segment is one source sentence and its drafts.
type Segment struct {
	ID     string           // unique in the file: "b3s2"
	Source document.Content // the source sentence
	Words  int              // source words (document.Content.Words)
	Change leverage.Change  // since the previous batch
	Terms  []Term           // glossary terms found in the source
	Drafts []Draft          // one per Batch.Langs, in that order
	// At is where the segment starts in the source file: where the
	// checks' findings about its drafts point. The zero Location when
	// unknown.
	At finding.Location
}

// Draft is one segment's translation into one language, with where it came
// from and what the batch noticed about it.
type Draft struct {
	Lang   string           // the target language: "en"
	Target document.Content // nil when nothing translated the segment
	Origin document.Origin  // memory (with score), machine, or none
	State  document.State   // as written in the XLIFF file
	Band   leverage.Band    // the leverage band of the segment's best memory match
	// Match is the memory match that filled the draft (a fuzzy one: the
	// reviewer needs its differences) or, when Suggested, a match too weak
	// to fill it, shown as a suggestion.
	Match     *Match
	Suggested bool
	Terms     []Term            // glossary terms found in the target
	Findings  []finding.Finding // what the checks and the batch found in this draft
	// Earlier is what became of the segment against the earlier run's
	// XLIFF file: "kept" (its translation kept as it was), "updated" (its
	// source changed), "new"; "" when there was no earlier file.
	Earlier string `json:",omitempty"`
}

// Untranslated reports whether nothing translated the segment.
func (d Draft) Untranslated() bool { return d.Origin.Kind == document.FromNone }

// NeedsReview reports whether a reviewer must look at the draft: it is
// untranslated, a fuzzy or machine translation, or has findings.
func (d Draft) NeedsReview() bool {
	switch d.Origin.Kind {
	case document.FromNone, document.FromFuzzy, document.FromMachine:
		return true
	}
	return len(d.Findings) > 0
}

// Match is a memory match as the reviewer sees it.
type Match struct {
	Score  int              // 0 to 101
	Source document.Content // the memory unit's source
	Target document.Content // the memory unit's target, adapted to the new source
	// Original is the memory unit's target as stored, when the match was
	// repaired from the new source (its numbers or a term): the reviewer
	// sees it beside the repair. Nil otherwise.
	Original document.Content
	// Diff goes from the unit's source to the new source, word by word
	// (memory.Match.Diff): Delete pieces are in the memory's source only,
	// Insert pieces in the new source only.
	Diff []Piece
}

// Term is a glossary term found in a text. Span holds byte offsets into the
// text's Plain form (glossary.Hit.Span).
type Term struct {
	Span document.Span
	// Hint is what a reviewer sees on hover: for a source term its
	// preferred terms in the target languages, for a target term its
	// status.
	Hint string
	// Forbidden marks a deprecated or superseded term found in a target.
	Forbidden bool
}

// severities lists the severities findings carry, the most serious
// first: the order the reports show them in.
var severities = []finding.Severity{finding.Error, finding.Warning, finding.Info}
