// Package pipeline runs a batch: it finds the source files, reads each one
// (encoding, format, segmentation), builds the translations of every
// segment for every target language, runs the checks, and writes the
// drafts, their XLIFF files, the review reports and the manifest
// atomically under the output folder (Run). It also reads reviewed XLIFF
// for the memory (ReadReviews) and the two sides of a diff (Versions).
//
// It wires the stages and owns no stage's logic. Input errors (an unreadable
// file, a bad encoding, a path that would escape the output folder) stop
// the batch before anything is written. A draft that a person edited since
// relais wrote it is never overwritten: relais keeps a manifest of what it
// wrote, with hashes, in the output folder.
//
// A batch can be split across runners (Inputs.Shard): each translates the
// share of the sources a hash of their path gives it, into an output
// folder of its own, and Merge renders the review report of the whole
// batch from the shards' report.json. What a batch decides across files
// is decided per shard: repetitions are counted, and the inconsistent
// check compares translations, among the shard's files only; Merge counts
// and checks them again over every shard. Each shard's manifest records
// the files it wrote.
package pipeline
