// Package xliff writes and reads the bilingual files reviewers work on:
// XLIFF 2.0 (OASIS Standard, 5 August 2014) out and in, XLIFF 1.2 in.
//
// A File is one source document in one target language. FromDocument builds
// it from a segmented document.Document and the translations found for its
// segments; Write serialises it; Read parses a file written by relais or by
// another tool; Translations gives the targets back keyed by segment ID;
// Validate checks an XLIFF 2.0 file against the structural rules of the core
// specification, for files relais did not write.
//
// # How relais uses XLIFF 2.0
//
// One <file id="f1" original="PATH"> per document, with
// xml:space="preserve" so that no tool folds the white space of the text.
// One <unit> per block: id is the block ID, type is "relais:" followed by the
// block kind ("relais:heading"), name is the block's name (a front-matter
// key) when it has one. One <segment> per segment, with the segment ID, and an
// <ignorable> for the blank text between segments (and before the first and
// after the last), so that the unit's source text is the block's text.
//
// Every segment carries state (initial, translated, reviewed, final). When a
// translation says where it came from, subState is "relais:" followed by
// document.Origin.String() with "%", ":" and control or space characters
// percent-encoded: "relais:tm-fuzzy-87", "relais:mt-apertium%3Afr-es-en".
// The core schema's user-defined values are prefix ":" value, with no second
// colon, which the encoding keeps.
//
// Inline codes become <ph> (standalone), <pc> (an open/close pair inside one
// segment, properly nested), or <sc>/<ec startRef> (a pair split across the
// segments of a unit, or overlapping another pair); a code whose partner is
// not in the unit is an isolated <sc>/<ec>. XLIFF ids of codes are the code
// IDs. The original bytes go to <originalData> (identical data share one
// <data>, referenced by dataRef, dataRefStart and dataRefEnd), the display
// form to disp, dispStart and dispEnd, and characters XML 1.0 cannot carry
// (control characters) to <cp hex="…"/>, in data and in text alike.
//
// document.Code.Type is kept in subType as "relais:" followed by the
// percent-encoded type ("fmt:strong" becomes type="fmt"
// subType="relais:fmt%3Astrong"); type gets the closest XLIFF category: the
// type's own prefix when it is one of fmt, ui, quote, link, image and other,
// fmt for "code" and "break", link for "xref", other for the rest. A Type
// that is itself an XLIFF category is written as type alone.
//
// A segment without a translation, or whose translation has no origin and is
// still initial, is written with state="initial" and no target: a target
// copied from the source would read as a translation to reviewers and to
// tools that import the file.
//
// In a target, a code whose ID the target uses a second time (or whose XLIFF
// element differs from the source's: a pair split in the target but not in
// the source) gets a fresh id and copyOf naming the source code, as the
// specification provides; reading it back gives the source code's ID.
//
// # Translation candidates
//
// A segment's candidates (Part.Matches, added with File.AddMatches) are
// written with the Translation Candidates module of XLIFF 2.0 (namespace
// urn:oasis:names:tc:xliff:matches:2.0, prefix mtc, declared on <xliff>
// when a file has some), which CAT tools show to translators beside the
// segment: one <mtc:matches> per unit holding candidates, as the unit's
// first child, since the core schema puts extension elements before
// <notes>, <originalData> and the segments. Each candidate is an
// <mtc:match ref="#SEGMENT-ID" origin="…" type="…" similarity="…"> with its
// own <source> and <target>. The module gives a match's inline codes a
// scope of their own: their ids follow the rules of a unit's (target codes
// reuse the ids of the match's source codes), and their original data go
// to an <originalData> inside the match, which their dataRef attributes
// name. relais writes "relais:previous" candidates (a segment's earlier
// source and translation, when a re-run finds the source changed, as
// msgmerge keeps #| msgid) and "relais:memory" ones (memory matches
// suggested but not inserted).
//
// # Reading
//
// Read accepts XLIFF 2.0 (and 2.1, which shares its namespace) and XLIFF 1.2
// (and 1.1, 1.0). It keeps what the model holds: languages, units (from any
// group depth) with their segments, ignorables, targets, states, origins,
// inline codes and translation candidates: the <mtc:match> elements of a
// unit whose ref names one of its segments, into that segment's Matches.
// A candidate the model cannot hold (one pointing to an annotation, a
// reference-language one, one whose codes do not resolve) is dropped, not
// an error. Notes, annotations (<mrk>, <sm>, <em>, whose text is kept),
// other modules and extensions, and the <alt-trans> of XLIFF 1.2 are
// dropped. Text is kept as written: Read
// folds no white space, whatever xml:space says. Several <file> elements are
// read into one File (Unit.File tells them apart). Read checks what it needs
// to build a File that writes back to the same File and fails with a
// *document.PosError otherwise; Validate is the full structural check.
//
// FromDocument, Write, Read and Validate hold no state: they are safe for
// concurrent use. The package knows nothing of source formats, segmentation
// or memories: it only maps the document model to XLIFF and back.
package xliff
