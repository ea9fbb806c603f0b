// Package pipeline runs a batch: it finds the source files, reads each one
// (encoding, format, segmentation), builds the translations of every
// segment for every target language, and writes the drafts and their XLIFF
// files atomically under the output folder.
//
// It wires the stages and owns no stage's logic. Input errors (an unreadable
// file, a bad encoding, a path that would escape the output folder) stop
// the batch before anything is written. A draft that a person edited since
// relais wrote it is never overwritten: relais keeps a manifest of what it
// wrote, with hashes, in the output folder.
package pipeline
