// Package input builds the files package qa checks from what `relais
// check` is given: XLIFF files (2.0, 2.1 or 1.2, written by relais translate
// or by any CAT tool that keeps them), or pairs of a source document and its
// translation matched by relative path.
//
// For XLIFF input, a finding points at the <target> element of its
// segment in the XLIFF file (the <segment> or <trans-unit> when there is
// no target), and, when the source documents are at hand (Loader.SourceRoot
// joined with the file's original attribute), at the segment in the source
// document as well. Notes of a unit (and of its file) that read
// "relais-ignore: RULE, …" suppress those checks for the unit's segments.
//
// For pairs, both documents are read by the same package loader (the source
// segmented with the configured rules, the target with the built-in rules of
// its language), blocks are paired by structure and sentences aligned
// inside each block (package align); a finding points at the word at fault
// in the target document. The File keeps both documents, whose skeletons
// the markup check compares.
//
// The Loader reads files from the disk it is given paths on and does
// nothing else; it holds no state between calls.
package input
