package pipeline

import (
	"context"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/langid"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
)

// Pipeline is one configured batch run. Its fields are set before Run and
// not changed during it.
type Pipeline struct {
	// Loader finds, reads and segments the sources; its language is the
	// batch's source language.
	Loader *loader.Loader
	To     []language.Tag // target languages
	// Jobs is the number of files read, looked up, translated and merged
	// at once; 0 means 1. Outputs do not depend on it.
	Jobs int

	// Memory, when set, fills translations from the segment memory:
	// in-context and exact matches, and fuzzy matches scoring at least
	// FuzzyInsert; matches between FuzzyMin and FuzzyInsert are only
	// reported (LangResult.Suggestions). A match whose target does not
	// keep the segment's inline codes is not used: it is a finding, and
	// the segment goes on to machine translation. It must be safe for
	// concurrent use.
	Memory      memoryLookup
	FuzzyMin    int // lowest score looked up; 0 means memory.DefaultMin
	FuzzyInsert int // lowest fuzzy score inserted; 0 means 85
	// NoRepair turns off the repair of fuzzy matches with the engine
	// (repairSpans); the memory's own repairs are its Options'.
	NoRepair bool

	// MT, when set, translates the segments the memory did not fill: one
	// call per file and target language. A language it has no route for
	// (mt.ErrUnsupportedPair) is left untranslated without a finding; any
	// other failure leaves that file's segments untranslated, with a
	// finding, and the batch goes on. It must be safe for concurrent use.
	MT mt.Translator
	// Languages, when set, finds the segments of a source written in
	// another language than the batch's (an English sentence left in a
	// French page, see otherLanguage): one in the target language is kept
	// as it is, one in a third language is translated from its own
	// language where MT has that pair.
	Languages *langid.Identifier
	// Typography, when set, adapts the machine translation target of
	// source to the target language (spacing, quotes); see package
	// typography.
	Typography func(source, target document.Content, lang language.Tag) document.Content
	// EngineUsage, when set, says what MT asked of its engine in a target
	// language (calls, segments, cache hits: package mtcache counts them),
	// for the summary; it is asked once every file is translated.
	EngineUsage func(lang language.Tag) report.EngineUsage

	// Checks, when set, runs the checks of package qa on every draft of
	// the batch before anything is written: their findings are in
	// Result.Checks and in the report.
	Checks *qa.Checker
	// Terms, when set, is the termbase whose terms the report marks.
	Terms *glossary.Termbase
	// Now is the time the reports state; time.Now when nil.
	Now func() time.Time

	// Warn receives messages for the user (a legacy encoding converted, a
	// human edit kept), in path order. Run calls it from one goroutine at
	// a time.
	Warn func(msg string)
	// Progress receives an event each time a file is read, translated or
	// written. Run calls it from one goroutine at a time.
	Progress func(Event)
}

// memoryLookup is what the batch needs from a memory.Store.
type memoryLookup interface {
	Lookup(ctx context.Context, q memory.Query) ([]memory.Match, error)
}

// Inputs says what a batch reads and where it writes.
type Inputs struct {
	Paths []string // files and folders; folders are walked for known extensions
	Out   string   // output folder
	// Shard, when set, is the share of the sources this run translates,
	// one of several runners sharing the batch; the zero Shard is the
	// whole batch. A shard writes, besides its report pages, report.json
	// (PartName), which Merge reads.
	Shard Shard
	// ShardSettings are what shapes the drafts besides the sources and
	// languages, by name, as the caller sees them ("mt.engine":
	// "apertium", "fuzzy.insert": "75"), leaving out what may differ from
	// runner to runner: a shard records them in its report.json, and Merge
	// refuses shards whose settings differ. Unused for a whole batch.
	ShardSettings map[string]string
	// Analyze runs the batch for its leverage analysis only: the memory is
	// looked up as for a translation, but no machine translation is asked
	// for, no check is run and nothing is written. The manifest of Out, if
	// any, is read to tell new and changed segments.
	Analyze bool
	// Settings stands for everything besides the sources that shapes the
	// outputs (target languages, engine and route, termbase, thresholds:
	// the caller's choice, a hash say). A batch resumes what an unfinished
	// one staged only when their Settings are equal (see JournalName), and
	// the manifest records them per source file.
	Settings string
}

// Event reports progress: Done of Total files, the last one being Path.
type Event struct {
	Stage       string // "read", "translate" or "write"
	Done, Total int
	Path        string
}
