// Package plaintext reads and writes plain-text articles: a title line, a
// date line, paragraphs separated by blank lines, bracketed cross-reference
// lines such as "[Pour en savoir plus : …]", and whatever white space and
// no-break spaces the author typed, all of which a draft keeps.
//
// A block is a run of non-blank lines. A line break inside a block reads as
// a space (an atomic run, so a translated sentence may reflow); a line that
// is wholly in brackets keeps its brackets as a pair of codes, so that no
// later stage can lose them.
package plaintext
