package pipeline

import (
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
	"github.com/relais-tm/relais/pkg/xliff"
)

// Result is what a batch did, file by file in path order.
type Result struct {
	Files []FileResult
	// Shard is the share of the batch that ran (Inputs.Shard), and
	// Sources the number of source files in the whole batch: as many as
	// Files unless the batch is split.
	Shard   Shard
	Sources int
	// Previous says the output folder's manifest recorded the sources of
	// an earlier batch, so that Item.Change and FileResult.Change are known.
	Previous bool
	// Checks holds the findings of Pipeline.Checks on the drafts (nil
	// when no check ran).
	Checks *qa.Report
	// Report is what the review report shows of the batch: for a
	// translation it is also written as report.html, report.md and
	// summary.json; for an analysis, it is what report.Analyze reads.
	Report *report.Batch
}

// FileResult is what a batch did with one source file.
type FileResult struct {
	Path     string           // slash path inside the batch: out/<lang>/<Path>
	Source   string           // the file as found on disk
	Encoding charset.Encoding // how the source was stored
	Segments int              // segments in the source
	Words    int              // source words
	Langs    []LangResult     // one per target language, in the order of Pipeline.To
	// Hash is the SHA-256 of the source file's bytes, as the manifest
	// records it.
	Hash string
	// Change says whether the file is new, changed or unchanged since the
	// batch the manifest recorded (leverage.Unknown without a record).
	Change leverage.Change
	// Items are the source segments, in order: LangResult.Drafts follow
	// the same order.
	Items []Item
}

// Item is one source segment of a file.
type Item struct {
	ID     string
	Source document.Content
	Words  int
	Change leverage.Change // since the batch the manifest recorded
}

// Draft is one segment's outcome in one language.
type Draft struct {
	document.Translation               // the target (nil when untranslated), its state and origin
	Band                 leverage.Band // the leverage band of the best memory match
	// Match is the best memory match when it filled the draft with a
	// fuzzy score or was only suggested (Suggested); nil otherwise.
	Match     *memory.Match
	Suggested bool
	// Earlier is what became of the segment against the earlier run's
	// XLIFF file: "kept", "updated" or "new"; "" without one.
	Earlier string
	// Candidates are the translation candidates the segment carries in its
	// XLIFF file (as <mtc:match>), best first: the earlier translation of
	// an updated segment with its earlier source (origin
	// "relais:previous"), the memory match only suggested (origin
	// "relais:memory"), or, for a kept segment, those it carried in the
	// earlier file.
	Candidates []xliff.Match
}

// LangResult is one file's outcome in one target language.
type LangResult struct {
	Lang         language.Tag
	Draft, XLIFF string // paths written (or kept, when Kept is set)
	Untranslated int    // segments left in the source language
	// Against the earlier run's XLIFF file, when there was one: Reused
	// counts the segments whose translation was kept as it was (same
	// source), Updated those whose source changed (the earlier
	// translation was offered as a match), New the others (a new sentence,
	// or one the earlier run left untranslated); Removed, the earlier
	// segments whose source is gone.
	Reused, Updated, New, Removed int
	Kept                          bool // the draft was edited by a person and left as it was
	Memory                        Leverage
	Machine                       int               // segments filled by machine translation
	Findings                      []finding.Finding // what a reviewer should look at, with their Lang, Segment and At
	// Suggestions are the memory matches below FuzzyInsert, not inserted:
	// for the report.
	Suggestions []Suggestion
	// Drafts are the segments' outcomes, in the order of FileResult.Items.
	Drafts []Draft
}

// Leverage counts what the memory gave one file in one language. A
// segment whose key already came earlier in the batch (in any file) counts
// once, as a repetition, and not again in the other counts.
type Leverage struct {
	InContext   int // filled by a 101 % match
	Exact       int // filled by a 100 % match
	Fuzzy       int // filled by a fuzzy match at or above FuzzyInsert, marked for review
	Suggested   int // a match below FuzzyInsert, reported, not inserted
	Repetitions int // segments repeated inside the batch
}

func (l *Leverage) add(o Leverage) {
	l.InContext += o.InContext
	l.Exact += o.Exact
	l.Fuzzy += o.Fuzzy
	l.Suggested += o.Suggested
	l.Repetitions += o.Repetitions
}

// Suggestion is a memory match too weak to fill a draft.
type Suggestion struct {
	Segment string           // segment ID
	Score   int              // the match's score
	Source  document.Content // the unit's source
	Target  document.Content // the match's target
	Diff    []memory.Diff    // from the unit's source to the segment's
}

// Untranslated returns the number of untranslated segments over all files
// and languages.
func (r *Result) Untranslated() int {
	return r.sum(func(l *LangResult) int { return l.Untranslated })
}

// Machine returns the number of segments machine translation filled, over
// all files and languages.
func (r *Result) Machine() int { return r.sum(func(l *LangResult) int { return l.Machine }) }

// Earlier returns, over all files and languages, what became of the
// segments of the earlier run's XLIFF files (see LangResult): kept,
// updated, new and removed.
func (r *Result) Earlier() (kept, updated, added, removed int) {
	return r.sum(func(l *LangResult) int { return l.Reused }), r.sum(func(l *LangResult) int { return l.Updated }),
		r.sum(func(l *LangResult) int { return l.New }), r.sum(func(l *LangResult) int { return l.Removed })
}

// Kept returns the number of drafts left as a person edited them.
func (r *Result) Kept() int {
	return r.sum(func(l *LangResult) int {
		if l.Kept {
			return 1
		}
		return 0
	})
}

// Leverage returns what the memory gave the whole batch.
func (r *Result) Leverage() Leverage {
	var lev Leverage
	for fi := range r.Files {
		for li := range r.Files[fi].Langs {
			lev.add(r.Files[fi].Langs[li].Memory)
		}
	}
	return lev
}

// Segments returns the number of source segments over all files.
func (r *Result) Segments() int {
	n := 0
	for _, f := range r.Files {
		n += f.Segments
	}
	return n
}

func (r *Result) sum(f func(*LangResult) int) int {
	n := 0
	for fi := range r.Files {
		for li := range r.Files[fi].Langs {
			n += f(&r.Files[fi].Langs[li])
		}
	}
	return n
}
