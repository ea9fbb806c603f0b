// Package align pairs an existing translation with its source, sentence
// by sentence: the beads of sentences that translate each other, with a
// confidence each.
//
// Structure comes first. The sentences given carry the block (paragraph,
// heading, list item, table cell…) they belong to and its kind; blocks of
// the same kind are paired whole by a dynamic programme over block beads
// (one with one, a block on one side only, two merged into one, two
// neighbours swapped), then the sentences of each pair are aligned inside
// it, and those of blocks left unpaired on both sides between two pairs
// together, as one text: where the skeletons differ, the whole text.
//
// Sentences are aligned by a dynamic programme over beads 1-1, 1-0, 0-1,
// 2-1, 1-2, 2-2, 1-3 and 3-1. A bead costs its shape's own cost plus the
// evidence against the pairing, in proportion to the text it holds: the
// F-score of the character trigrams (chrF's measure, with β = 1) of the
// source's machine translation, when one is given, and of the target
// (without one, of the source itself: names, numbers and cognates), below
// the score that tells a translation from an unrelated text; Gale and
// Church's length cost; numbers and URLs on one side only, less those on
// both; less the termbase concepts named on both sides. A sentence left
// alone costs in proportion to its text too. The programme keeps to a band
// around the diagonal, twice as wide as the difference of the two lengths
// plus a margin, so that its cost grows with the length of the text, not
// its square. The confidence of a bead is a logistic function of its
// evidence per sentence, 0.5 where, on the gold set of bench/align, the
// beads chosen are as often wrong as right. The weights were read on that
// set (FLORES-200 and TICO-19, fr-en and fr-es).
//
// PairFiles pairs the files of an archive by the conventions of sites
// (NAME.fr.md and NAME.en.md, fr/ and en/ trees, Docusaurus's i18n
// folders) or by a pattern (ParsePattern).
//
// The package calls no engine: the caller translates the source sentences
// first (or not) and gives the translations with them. An Aligner keeps
// its working memory between calls, for the many short alignments of a
// memory import, and is not safe for concurrent use.
package align
