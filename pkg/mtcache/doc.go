// Package mtcache is the machine translation cache of relais: an
// mt.Translator that asks the memory's cache (memory.DraftCache) first,
// sends only the segments it lacks to the engine, in one request, and
// keeps what the engine answered, so that a sentence translated once costs
// no engine call in another file, another run or another process sharing
// the memory. It also counts, per target language, the engine calls made
// and the segments the cache answered, for the batch's summary.
//
// # Where it sits
//
// The cache wraps the engine's routes (mt.Chain: pivot, in-process batch
// cache, limit) and is wrapped by the term guard (package termguard):
//
//	termguard → mtcache → mt.Chain → engine
//
// so what it keys and keeps is exactly what the engine receives and
// returns. The term guard's output depends on the whole document (a short
// form is protected when the document names its concept in full, an
// ambiguous term by the segment's other terms) and on the finishing
// options (dates); all of that is in the protected text the engine gets,
// hence in the key, and the guard's restoring of terms and the
// typography after it run again on a cached answer as on a fresh one.
// Above the guard, the key would have had to hold the document itself,
// and a sentence would never have been shared between files.
//
// # The key
//
// A draft is kept under memory.DraftKey — the engine ("apertium"), its
// version for the route (Options.Version: for Apertium, the installed
// version and a fingerprint of each leg's mode and data files), the route
// ("fr-es-en") and the termbase revision (Options.Termbase: a hash of the
// termbase in use) — and the segment's Form: its text exactly as it is,
// with its codes written by kind, pairing and type, as the engines see
// them. Below the guard the termbase is already in the protected text; its
// revision is in the key as well, so that a termbase change never reuses
// a draft made under another one (an engine given the termbase itself
// would need it), at the cost of translating again after each change.
//
// # What is kept
//
// A segment's Result (its target with its codes given by their place in
// the source, the engine and route, the engine's notes and unknown words)
// is kept when the engine translated it without error; a segment whose
// result has an Err is not, nor anything of a call that failed. A cached
// target takes the codes of the segment asking for it. Reading or writing
// the cache never fails a batch: the Translator falls back to the engine
// and says so once through Options.Warn.
//
// # One translation per segment
//
// An engine's answer for a segment is not always a function of the
// segment alone. Measured with Apertium 3.8 and fr-es: Apertium's
// transfer keeps variables from one sentence to the next, so that "Index
// des leçons" alone is "Índice de las lecciones" and after "Index des
// leçons" in the same stream "Índices de las lecciones" (the number of an
// invariable noun is taken from the previous sentence's noun); APy's
// pipelines keep that state between requests too. No cache of segments
// can then give what a batch without it would, so the cache keeps the
// first translation made of each segment under its key (memory.DraftCache
// keeps the first stored) and the Translator reads the kept ones back
// after storing its own: a segment twice in a file, or in two files or
// two processes at once, gets one translation, and a run's drafts are
// those every later run gets, byte for byte. Without the cache
// (mt.cache: false) every segment is the engine's answer in its own batch.
package mtcache
