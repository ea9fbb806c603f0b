// Package segment cuts the blocks of a document into sentences (segments),
// the units that memory, machine translation, checks and reviewers work on.
//
// Sentence boundaries start from Unicode's default rules (UAX #29, through
// github.com/rivo/uniseg) and are then judged, at every place where a
// sentence could end, by an ordered list of language rules in the manner of
// SRX: break and no-break exceptions, the first that applies decides.
// Built-in rules cover French (the source language relais is made for),
// English and Spanish: abbreviations (M., Mme., p., cf., etc., Mr., e.g.,
// Sr., p. ej.), initials (J.-P. Sartre), dotted acronyms (O.N.U., U.S.,
// EE. UU.), French spacing before ? ! and inside « », closing quotes after
// the terminator, ellipses, lower-case continuations, Spanish inverted marks,
// URLs, e-mail addresses and numbers. Other languages get the UAX #29
// boundaries plus the rules common to all.
//
// An SRX 2.0 file (ReadSRX, WithSRX) either replaces the built-in rules or
// runs before them, as its header's cascade attribute says.
//
// Rules.Block fills a block's Segments so that the invariants of package
// document hold: segments lie inside the block in order, the bytes between
// them read as white space, codes always belong to a segment (an opening
// code to the sentence it opens, a closing code to the sentence it closes),
// and atomic text runs (entities, escapes, line breaks that read as a
// space) are never split.
//
// A Rules value is immutable once built and safe for concurrent use.
package segment
