// Package report writes what people read about a batch: the review report
// (report.html, report.md), the batch in numbers (summary.json), the
// leverage analysis (relais analyze) and the diff of two versions of a
// draft, an XLIFF file, an output folder or a source article (relais diff).
//
// It reads its own input types — a Batch of files, segments and drafts;
// two Versions to compare — which the pipeline and the command line build:
// report sits below the pipeline and never imports it.
//
// # Leverage bands
//
// Package leverage decides a segment's band from its best memory match
// (leverage.BandOf): 101 (in context), 100, 95–99, 85–94, 75–84, 50–74, no
// match, and repetitions (the same source earlier in the batch), and
// whether a file or segment changed since the previous batch. This package
// counts them (BandCounts, ChangeCounts) and weighs the bands (Weights):
// the translate summary and relais analyze both count Draft.Band.
//
// # The HTML page
//
// WriteHTML writes one self-contained page: the style and the script are
// inline, and a Content-Security-Policy meta tag allows those two by hash
// and nothing else (no network, no inline handler, no other script). Every
// text from an article goes through one escaping function. The page reads
// without JavaScript; the script adds filters (language, origin, finding,
// segments needing review, edited in this session) and a search box, and
// makes the page the reviewer's editor.
//
// # The editor
//
// A draft cell becomes editable when clicked; its inline codes are chips
// (<kbd data-c="o1">: kind and ID; the source's also carry data-x, their
// XLIFF type and subType, and their original markup in title) that move
// within the segment and are deleted only on a second press. Edits and
// confirmations are kept in localStorage under "relais:review:" and the
// batch's id (BatchID: the languages and file paths), with the page's
// generation time: edits from the page of another batch are offered behind
// a banner, and applied only where the source is the same. Export writes
// one XLIFF 2.0 file per target language, one <file> per article (id the
// section's, original its path), one <unit> per block with its segments
// in order (every segment, so that relais review import computes the
// contexts the batch computes): confirmed ones at state reviewed, edited
// ones at translated, the rest at initial, with the reviewer's name and
// the time in notes; it is downloaded through a blob: link, which the
// policy does not need to allow.
//
// # summary.json (schema 1)
//
//	{
//	  "schema": 1, "generated": "2026-11-01T09:00:00Z", "from": "fr", "to": ["en", "es"],
//	  "shard": "2/3",                                           // only for one share of a split batch
//	  "files": 2, "segments": 40, "words": 812,
//	  "changes": {"new": 3, "changed": 1, "unchanged": 36},   // only after a previous batch
//	  "total": [LANG...],                                       // one per target language
//	  "per_file": [{"path": "a/b.md", "change": "changed", "segments": 20, "words": 400,
//	                "changes": {...}, "langs": [LANG...]}]
//	}
//	LANG = {"lang": "en",
//	  "origins": {"in_context", "exact", "fuzzy", "machine", "human", "none": COUNTS},
//	  "bands": {"in_context", "repetitions", "exact", "fuzzy_95_99", "fuzzy_85_94",
//	            "fuzzy_75_84", "fuzzy_50_74", "no_match": COUNTS},
//	  "untranslated": COUNTS, "needs_review": COUNTS,
//	  "findings": {"total": 2, "error": 0, "warning": 1, "info": 1, "by_rule": {"mt-failed": 1, …}},
//	  "earlier": {"kept": 30, "updated": 2, "new": 1, "removed": 1}, // only when the batch updated an earlier run's XLIFF files, in segments
//	  "engine": {"calls": 2, "segments": 5, "cache_hits": 37}}       // in "total", when an engine ran
//	COUNTS = {"segments": 3, "words": 41}
//
// "engine" counts the requests sent to the machine translation engine (one
// per file with segments that neither the memory, the earlier run's XLIFF
// nor the machine translation cache held; a pivot route runs its legs for
// each), the segments in them, and the segments the cache answered.
//
// # report.json (schema 1)
//
// A shard of a batch split across runners (relais translate --shard I/N)
// also writes report.json, a Part: which share of which batch it is (the
// count and a hash of every source path of the batch, the settings that
// shape the drafts), its Batch whole, and the checks' findings apart from
// the drafts. It is the model the report pages are rendered from, in Go's
// JSON form of these types, for relais report merge of the same version:
// not an interface for other programs, which read summary.json.
//
// # relais analyze --format json (schema 1)
//
//	{"schema": 1, "from": "fr", "to": ["en", "es"],
//	 "weights": {"in_context": 0.1, …},          // by band name, as bands above
//	 "files": [{"path": "a/b.md", "segments": 20, "words": 400,
//	            "langs": [{"lang": "en", "bands": {...}, "weighted_words": 312.5}]}],
//	 "total": [{"lang": "en", "bands": {...}, "weighted_words": 612.3}],
//	 "segments": 40, "words": 812}
//
// # relais diff --format json (schema 1)
//
//	{"schema": 1, "old": "out-2026-11-01", "new": "out", "generated": "…",
//	 "summary": {"unchanged": 30, "edited": 8, "added": 1, "removed": 1,
//	             "distance": DIST, "by_origin": [DIST...]},
//	 "files": [{"path": "en/a.md.xlf", "change": "edited",
//	            "rows": [{"id": "b2s1", "old_id": "", "change": "edited", "source": "…",
//	                      "old": "…", "new": "…", "origin": "mt",
//	                      "diff": [{"op": "equal|insert|delete", "text": "…"}],
//	                      "distance": 2, "distance_percent": 12.5}]}]}
//	DIST = {"origin": "mt", "segments": 20, "edited": 6, "words": 300, "distance": 41, "distance_percent": 13.7}
//
// Origins are written ice, exact, fuzzy, mt, human, none. Edit distances
// are counted in words (a punctuation mark is a word) over the longer
// side.
package report
