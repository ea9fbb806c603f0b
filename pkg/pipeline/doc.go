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
package pipeline
