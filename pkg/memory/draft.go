package memory

import "context"

// DraftKey says whose machine translation a cached draft is. The cache
// keeps drafts apart by every field: a draft is given back only under the
// key it was stored with.
type DraftKey struct {
	Engine   string // the engine: "apertium", "apy"
	Version  string // the engine's version for Route, as the engine reports it
	Route    string // the languages the translation went through: "fr-es-en"
	Termbase string // the revision of the termbase in use; "" for none
}

// Draft is one entry of a machine translation cache: a segment as the
// engine received it and what the engine answered, both in the form the
// caller chose (package mtcache writes them). Stores keep a hash of
// Segment, not the segment itself.
type Draft struct {
	Segment string
	Value   string
}

// DraftCount is the number of drafts cached for one engine, version and
// route, over all termbase revisions.
type DraftCount struct {
	Engine, Version, Route string
	Drafts                 int
}

// DraftStats describes a machine translation cache.
type DraftStats struct {
	Drafts int          // all drafts
	By     []DraftCount // by engine, route and version, in that order
}

// DraftCache is a machine translation cache that a store keeps beside its
// units, so that a segment translated once (in any file, by any run or
// process sharing the memory) is not sent to the engine again. Both SQL
// stores implement it, and memorytest.Run checks it.
//
// # Implementing a draft cache
//
//  1. Drafts are kept apart from units: Lookup and Each never return one,
//     Stats does not count them, and Put never reads them. A cached
//     engine output is never offered as a memory match.
//  2. GetDrafts returns the value of every segment of segments that has a
//     draft under key (all four fields equal), by segment; segments are
//     compared byte for byte. A segment without a draft is left out of the
//     map.
//  3. PutDrafts stores drafts under key in one transaction, except those
//     of segments already cached under key: the first draft stored of a
//     segment is kept, and of several drafts of one segment in drafts,
//     the first. An engine may translate one segment differently in two
//     batches (Apertium's transfer keeps state from one sentence to the
//     next), and this is what lets every run and process take the same
//     one (package mtcache reads it back after storing). It is seen by
//     every handle on the store (other processes included) once it has
//     returned.
//  4. ClearDrafts removes the drafts of engine ("" for every engine) and
//     returns how many it removed.
//  5. All methods are safe for concurrent use by several goroutines and
//     several processes, as Store's are.
type DraftCache interface {
	GetDrafts(ctx context.Context, key DraftKey, segments []string) (map[string]string, error)
	PutDrafts(ctx context.Context, key DraftKey, drafts []Draft) error
	DraftStats(ctx context.Context) (DraftStats, error)
	ClearDrafts(ctx context.Context, engine string) (int, error)
}
