// Package memory is the segment memory of relais: units of reviewed
// translation (a source sentence, its target, their languages and the
// context the sentence stood in), the Store contract that the embedded
// SQLite store and the shared PostgreSQL store both implement, the scoring
// of matches, the in-memory fuzzy index the stores use to find candidates,
// and the TMX 1.4b codec.
//
// # Matching
//
// A lookup compares the key of a new source (document.Content.Key: NFC,
// folded blanks, codes as numbered placeholders) with the keys of the units
// in the memory, by levels:
//
//   - in-context exact: the same key and the same neighbours (the hashes of
//     the previous and next segments): score 101;
//   - exact: the same key: score 100;
//   - near exact: the same words, numbers and codes, but the codes' types,
//     letter case, diacritics ("A propos", "À propos"), inclusive writing
//     ("élu·e·s", "élus"), punctuation (typographic apostrophes included)
//     or blanks differ: 100 less a point for each kind of difference
//     (PenaltyCode per changed code, PenaltyCase, PenaltyDiacritic,
//     PenaltyInclusive, PenaltyPunctuation, PenaltyBlank);
//   - fuzzy: word-level similarity of the keys, codes counted as words
//     (a pair once, at its opening: a code missing or extra costs a word),
//     words compared in lower case without diacritics,
//     100 × (1 − edit distance / longer length), where replacing a word by
//     another inflection of it (the same stem: "règle" and "règles") costs
//     only the share of its letters that changed, less penalties: PenaltyNumber
//     for each number that differs, PenaltyTerm for each glossary term found
//     in one source and not the other (see WithTerms), PenaltyCode for each
//     code missing or extra, PenaltyCase and PenaltyPunctuation.
//
// A heading or list number a source starts with ("2. ", "2.3 ", "IV. ",
// "3) ", "a) ", followed by the text it numbers) is compared apart. When it
// differs, or one source only has one ("Installer le serveur", "3.
// Installer le serveur"), the rest of the sources is scored as if both had
// the same one, and the target takes the new source's: its leading number
// is replaced (the target's mark after it kept), removed, or added as the
// new source writes it. That costs PenaltyHeadingNumber, one point, and
// the match is Repaired. Where the number cannot be placed with confidence (the target
// does not start with the unit's number as written, or starts with a
// number of its own where one is to be added), nothing is repaired and it
// costs as any number that differs: a word and PenaltyNumber.
//
// A key that differs from the unit's is never scored 100. When the only
// differences are numbers and each old number appears once in the unit's
// target (a heading number of the target aside), the target is repaired
// (the numbers replaced) and the match is marked Repaired, with
// PenaltyRepair for each number replaced. An old number is looked for as
// written, then with its commas and points swapped, since the target may
// write decimals its own way: French "3,5 %" is "3.5%" in English, and
// the new "4,2" is then written "4.2"; a new number with a decimal comma
// for an old one without ("3" to "3,5") is not repaired, as the target's
// way cannot be seen. With Options.TermSwap, a match whose source differs
// by one termbase concept for another has that concept's target term
// swapped, with PenaltyRepair. The target's codes always take the data of
// the new source's codes they correspond to: a link's address, an image's
// source, a code span, a template tag or shortcode. Nothing is repaired in
// a target that lacks one of the new source's codes or has them out of
// order (document.CheckCodes): such a match keeps its penalties, and the
// batch does not use it as a draft.
//
// Candidates for fuzzy matches come from Index, an inverted index of the
// stems of the units' words kept by the store, so that a lookup never scans
// the memory: only units that share enough of the query's rarest stems to
// reach the threshold are scored, and the scoring of those is exact. (At a
// threshold so low that a unit starting with a heading number could reach
// it sharing no other term, those units are looked over too.)
//
// ExportTMX writes what a store holds as a TMX document; FormatDiff writes
// a match's word diff as one line for people ([-removed-] {+added+}).
//
// # Machine translation cache
//
// The SQL stores also keep what the engine answered for each segment
// (DraftCache), so that a sentence translated once costs no engine call
// in another file, run or process. The cache is a table of its own, never
// read by Lookup or Each: an engine's draft is never offered as a match,
// and only reviewed or imported translations are units.
package memory
