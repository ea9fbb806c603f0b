// Package align pairs an existing translation with its source: the blocks
// of two documents by their structure, and the sentences of two paired
// blocks by their lengths.
//
// Blocks pairs blocks of the same kind (and, for front matter and
// attributes, the same name) in order, as the longest common subsequence
// of the two documents' block kinds: a block one side lacks is paired with
// nothing. Sentences aligns the segments of two blocks with the dynamic
// programme of Gale and Church (1993) over character lengths, with beads of
// one or two sentences on each side and one-to-none beads for a sentence
// left out or added. The aligner is deliberately simple; `relais check`
// uses it to pair a source article with its published translation, and it
// will grow with the alignment work (`relais align`).
//
// The functions are pure and safe for concurrent use.
package align
