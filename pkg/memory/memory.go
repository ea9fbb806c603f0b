package memory

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Default thresholds, in percent.
const (
	DefaultMin   = 75 // the lowest fuzzy score a lookup returns
	DefaultLimit = 5  // the number of matches a lookup returns
)

// OriginText returns the form the stores and TMX files keep a unit's origin
// in, the same since the first memories: "human" (written or approved by a
// person), "machine:ENGINE" (a machine translation engine and its route),
// or "memory" (copied from a memory, not reviewed, whatever the match's
// score). It returns "" for an origin a unit cannot have (FromNone, or a
// machine without its engine).
func OriginText(o document.Origin) string {
	switch o.Kind {
	case document.FromHuman:
		return "human"
	case document.FromMachine:
		if o.Engine == "" {
			return ""
		}
		return "machine:" + o.Engine
	case document.FromInContext, document.FromExact, document.FromFuzzy, document.FromMemory:
		return "memory"
	}
	return ""
}

// ParseOriginText reads the forms of OriginText; "memory" reads as
// document.FromMemory.
func ParseOriginText(s string) (document.Origin, error) {
	switch {
	case s == "human":
		return document.Origin{Kind: document.FromHuman}, nil
	case s == "memory":
		return document.Origin{Kind: document.FromMemory}, nil
	case strings.HasPrefix(s, "machine:") && len(s) > len("machine:"):
		return document.Origin{Kind: document.FromMachine, Engine: s[len("machine:"):]}, nil
	}
	return document.Origin{}, fmt.Errorf("unknown origin %q (want human, memory or machine:ENGINE)", s)
}

// Prop is a property of a unit as TMX carries them: a type and a value.
type Prop struct {
	Type, Value string
}

// Unit is one entry of the memory: a source segment and its translation.
//
// A source is identified in a store by its languages (compared by base
// language: fr-FR and fr are the same source language), its key and its
// context (Prev, Next); a unit, by its source and the key of its target. A
// source may have several human units, one per distinct target: real
// memories hold several valid translations of one sentence (see Store).
type Unit struct {
	ID      int64        // assigned by the store; zero in a unit not yet stored
	SrcLang language.Tag // language of Source (region subtags kept)
	TgtLang language.Tag // language of Target
	Source  document.Content
	Target  document.Content
	Prev    uint64          // ContextHash of the previous segment's key; 0 for none
	Next    uint64          // ContextHash of the next segment's key; 0 for none
	Doc     string          // the document the segment came from, if known
	Origin  document.Origin // who wrote Target: a person, an engine, or a memory (see OriginText)
	State   document.State  // Translated, Reviewed or Final
	Created time.Time
	Changed time.Time
	Author  string
	Props   []Prop   // kept from TMX, written back on export
	Notes   []string // kept from TMX, written back on export
}

// Check reports what makes u unfit for a store: no language, an empty
// source or target, an unknown origin, the state Initial.
func (u *Unit) Check() error {
	switch {
	case u.SrcLang == language.Und:
		return errors.New("no source language")
	case u.TgtLang == language.Und:
		return errors.New("no target language")
	case blank(u.Source):
		return errors.New("empty source")
	case u.Target == nil || blank(u.Target):
		return errors.New("empty target")
	case OriginText(u.Origin) == "":
		return fmt.Errorf("unknown origin %q (want human, memory or machine:ENGINE)", u.Origin)
	case u.State < document.Translated || u.State > document.Final:
		return fmt.Errorf("state %s cannot be stored (want translated, reviewed or final)", u.State)
	}
	return nil
}

// blank reports whether c has no code and no text but blanks.
func blank(c document.Content) bool {
	for _, r := range c {
		if r.Code != nil || strings.TrimSpace(r.Text) != "" {
			return false
		}
	}
	return true
}

// Query is one lookup: a source segment in its context.
type Query struct {
	Source document.Content
	// Key is Source.Key() when the caller has it already (a batch keys
	// every segment once); left empty, the store computes it.
	Key     string
	SrcLang language.Tag
	TgtLang language.Tag
	Prev    uint64 // ContextHash of the previous segment's key; 0 for none
	Next    uint64 // ContextHash of the next segment's key; 0 for none
	Min     int    // lowest score returned; 0 means DefaultMin
	Limit   int    // most matches returned; 0 means DefaultLimit
	// Floor, when set below Min, is how low the lookup goes when no unit
	// reaches Min: the matches down to Floor are returned instead (a
	// leverage analysis counts them in its 50–74 band). The candidates
	// below Min are read only then.
	Floor int
}

// SourceKey returns the key of the query's source: Key, or Source.Key()
// when Key is empty.
func (q Query) SourceKey() string {
	if q.Key != "" {
		return q.Key
	}
	return q.Source.Key()
}

func (q Query) min() int {
	if q.Min <= 0 {
		return DefaultMin
	}
	return min(q.Min, 101)
}

func (q Query) limit() int {
	if q.Limit <= 0 {
		return DefaultLimit
	}
	return q.Limit
}

// Level is the kind of a match.
type Level int

// The levels of a match, best first.
const (
	InContext Level = iota // same key, same neighbours: 101
	Exact                  // same key: 100
	NearExact              // same words and numbers; codes, case, punctuation or blanks differ
	Fuzzy                  // similar words
)

var levelNames = [...]string{"in-context", "exact", "near-exact", "fuzzy"}

// String returns "in-context", "exact", "near-exact" or "fuzzy".
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// PenaltyKind names what a penalty is for.
type PenaltyKind string

// The penalties and their points (see the package documentation).
const (
	PenaltyCase        PenaltyKind = "case"        // letter case differs
	PenaltyDiacritic   PenaltyKind = "diacritic"   // a diacritic differs ("A propos", "À propos")
	PenaltyInclusive   PenaltyKind = "inclusive"   // inclusive writing differs ("les élu·e·s", "les élus")
	PenaltyPunctuation PenaltyKind = "punctuation" // punctuation differs
	PenaltyBlank       PenaltyKind = "blank"       // blanks differ
	PenaltyCode        PenaltyKind = "code"        // a code missing or extra, per code
	PenaltyNumber      PenaltyKind = "number"      // a number differs and was not repaired, per number
	PenaltyRepair      PenaltyKind = "repair"      // a number differs and was repaired, per number
	PenaltyTerm        PenaltyKind = "term"        // a glossary term in one source only, per term
	// PenaltyHeadingNumber: a heading or list number differs, or one
	// source only has one ("2. Installer", "3. Installer", "Installer"),
	// and the target's was repaired.
	PenaltyHeadingNumber PenaltyKind = "heading-number"
)

// Points are what each penalty costs, in score points.
var points = map[PenaltyKind]int{
	PenaltyCase: 1, PenaltyDiacritic: 1, PenaltyInclusive: 1, PenaltyPunctuation: 1, PenaltyBlank: 1, PenaltyCode: 1,
	PenaltyNumber: 3, PenaltyRepair: 1, PenaltyTerm: 3, PenaltyHeadingNumber: 1,
}

// Points returns the score points a penalty of kind k costs.
func Points(k PenaltyKind) int { return points[k] }

// Penalty is one reason a match scores less than its similarity.
type Penalty struct {
	Kind   PenaltyKind
	Points int    // score points taken off
	Detail string // what differs: "7 → 16", "Lyon", "{1}"
}

// DiffOp says how a piece of the source differs.
type DiffOp int

// The diff operations, seen from the new source.
const (
	DiffEqual  DiffOp = iota // in both
	DiffInsert               // in the new source only
	DiffDelete               // in the unit's source only
)

// Diff is one piece of a word-level diff from the unit's source to the new
// source, for the reviewer. Text is a word, a number, a punctuation mark or
// a code placeholder ("{1}") as the key writes it.
type Diff struct {
	Op   DiffOp
	Text string
}

// FormatDiff writes a diff as one line of text for people: removed words
// in [-…-], added ones in {+…+}, equal ones as they are. A piece's leading
// space stays outside its marks ("le [-Lyon-]"), so that the line reads
// as the sources do.
func FormatDiff(ds []Diff) string {
	var b strings.Builder
	for _, d := range ds {
		text := d.Text
		lead := ""
		if strings.HasPrefix(text, " ") {
			lead, text = " ", text[1:]
		}
		switch d.Op {
		case DiffInsert:
			b.WriteString(lead + "{+" + text + "+}")
		case DiffDelete:
			b.WriteString(lead + "[-" + text + "-]")
		default:
			b.WriteString(lead + text)
		}
	}
	return b.String()
}

// Match is a unit found for a query, with its score and what differs.
type Match struct {
	Unit      Unit
	Score     int   // 101, 100, or less
	Level     Level // what kind of match
	Penalties []Penalty
	// Target is the unit's target made ready for the query: its codes are
	// the query's codes where the sources' codes correspond (codes of the
	// unit without a counterpart are dropped) and, when Repaired, its
	// numbers are the query's.
	Target   document.Content
	Repaired bool
	// Diff is the word-level difference from the unit's source to the
	// query's, empty for exact matches.
	Diff []Diff
}

// Unrepaired reports whether m's target still differs from the query's
// source in what relais check rejects in a draft: a number, or a
// termbase term, that is in one source only and was not carried over
// (PenaltyNumber, PenaltyTerm). Such a match is worth showing to a
// reviewer, not inserting into a draft.
func (m Match) Unrepaired() bool {
	for _, p := range m.Penalties {
		if p.Kind == PenaltyNumber || p.Kind == PenaltyTerm {
			return true
		}
	}
	return false
}

// PutResult counts what a Put did.
type PutResult struct {
	Added       int // units of a source the store did not have
	Alternative int // human units with another target for a source already stored, kept beside the others
	Updated     int // units whose target, state or origin changed
	Unchanged   int // units already known as they are, or not replaced (see Store)
}

// Total returns the number of units a Put read.
func (r PutResult) Total() int { return r.Added + r.Alternative + r.Updated + r.Unchanged }

// Filter selects units for Each. Empty fields select everything.
type Filter struct {
	SrcLang language.Tag // by base language
	TgtLang language.Tag // by base language
}

// Stats describes a store's content.
type Stats struct {
	Units   int            // all units
	Pairs   map[string]int // units by "src→tgt" base languages: "fr→es"
	Origins map[string]int // units by origin: "human", "memory", "machine:…"
	States  map[string]int // units by state: "translated", "reviewed", "final"
	Where   string         // the store: a file path or a database without password
}

// Store is a segment memory. Implementations live in memory/sqlite and
// memory/postgres; both pass memorytest.Run.
//
// # Implementing a store
//
//  1. Lookup returns at most q.Limit matches with a score of at least
//     q.Min, best first, as Ranking orders them. Exact and in-context matches
//     are found by key; fuzzy candidates come from an Index, never from a scan
//     of the memory; every match is scored with Score.
//  2. Put stores the units of seq in one transaction: if seq yields an error
//     or a unit fails Unit.Check, nothing is stored and the error is returned
//     (wrapped with the unit's place in seq when it is the unit's fault).
//     A unit of a source the store has (see Unit):
//     - with the target of a stored unit, updates that unit's state, origin
//     and fields, unless the stored one is human and the new one is not;
//     - a human unit with another target is kept beside the stored ones (an
//     alternative), but replaces a machine or memory unit of that source;
//     - a machine or memory unit with another target replaces the stored
//     machine or memory unit, and is dropped when a human one is stored: a
//     human translation is never replaced by a machine or memory one.
//  3. Units put by one process are seen by the lookups of every other
//     process using the same store, once Put has returned (or, for a store
//     opened with WithRefreshEvery, at most that long after).
//  4. Each calls fn for every unit the filter selects, in the order they
//     were first stored, without holding them all in memory.
//  5. All methods are safe for concurrent use by several goroutines and
//     several processes (a busy database waits, it does not fail).
//  6. Add a test that calls memorytest.Run with a fresh store per test.
type Store interface {
	Lookup(ctx context.Context, q Query) ([]Match, error)
	Put(ctx context.Context, units iter.Seq2[Unit, error]) (PutResult, error)
	Each(ctx context.Context, f Filter, fn func(Unit) error) error
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Units returns a sequence of the given units, for Put.
func Units(us ...Unit) iter.Seq2[Unit, error] {
	return func(yield func(Unit, error) bool) {
		for _, u := range us {
			if !yield(u, nil) {
				return
			}
		}
	}
}

// Options are the settings a store passes to Score.
type Options struct {
	// Terms returns the glossary terms found in a source text (in any form
	// that compares equal between two sources); nil means no term penalty.
	Terms func(text string) []string
	// TermSwap, when set, repairs a fuzzy match whose source differs from
	// the new one by one glossary concept for another ("à Lyon", "à
	// Madrid"): given the unit's source, the new source, the unit's
	// target and the target language, it returns the term to find in the
	// target and the one to write instead (glossary.TermSwap).
	TermSwap func(old, new, target string, lang language.Tag) (from, to string, ok bool)
	// NoRepair turns off the repair of fuzzy matches from the new source
	// (numbers, heading numbers, terms): what differs costs its points and
	// the match's target is left as the memory has it, but for its codes,
	// which take the new source's data.
	NoRepair bool
	// RefreshEvery, when set, lets a store's lookups use what it knows of
	// the units put by other handles for that long before it asks the
	// database again: a batch that looks up thousands of segments in a
	// memory nobody changes meanwhile need not ask before each one. Units
	// put through the same handle are always seen at once. Zero keeps rule
	// 3 of Store to the letter: every lookup asks.
	RefreshEvery time.Duration
}

// Option sets an Options field.
type Option func(*Options)

// WithTerms sets the function that finds glossary terms in a source, for
// the term penalty.
func WithTerms(f func(text string) []string) Option {
	return func(o *Options) { o.Terms = f }
}

// WithoutRepair sets Options.NoRepair.
func WithoutRepair() Option {
	return func(o *Options) { o.NoRepair = true }
}

// WithTermSwap sets Options.TermSwap.
func WithTermSwap(f func(old, new, target string, lang language.Tag) (from, to string, ok bool)) Option {
	return func(o *Options) { o.TermSwap = f }
}

// WithRefreshEvery sets Options.RefreshEvery.
func WithRefreshEvery(d time.Duration) Option {
	return func(o *Options) { o.RefreshEvery = d }
}

// NewOptions applies opts over the zero Options.
func NewOptions(opts ...Option) Options {
	var o Options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// SameBase reports whether two tags have the same base language (fr-FR and
// fr do; an undetermined tag matches any).
func SameBase(a, b language.Tag) bool {
	if a == language.Und || b == language.Und {
		return true
	}
	return Base(a) == Base(b)
}

// Base returns the base language of t as a string ("fr" for fr-FR).
func Base(t language.Tag) string {
	b, _ := t.Base()
	return b.String()
}
