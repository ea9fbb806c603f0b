// Package glossary is the termbase of relais: a concept-oriented model of
// institutional terms, readers and writers for TBX and TSV/CSV, a matcher
// that finds terms in a segment's text in spite of French grammar, and the
// small functions the later stages call to enforce the termbase.
//
// # Model
//
// A Termbase holds Concepts, as TBX does: a concept has an ID, a subject
// field, a definition and a note, and one LangSec per language holding its
// Terms. A term has a type (full form, acronym, short form, variant…), a
// status (preferred, admitted, deprecated or superseded), an optional
// grammatical gender and number, optional explicit inflected Forms, and a
// case rule (case-sensitive by default for acronyms only). A concept or a
// single term can be marked ambiguous ("Vienne" is a French town and the
// Austrian capital; Spanish "Túnez" names a city and a country): ambiguous
// hits are reported, never enforced.
//
// Merge combines termbases for use, later ones winning (the shipped
// termbase, then the project's); Update merges an imported termbase into a
// project's file, keeping the file's order (merge.go says why the two
// place a replacing concept differently). Entries and EntriesIn list the
// terms of a termbase, one Entry per term.
//
// # Formats
//
// ReadTBX reads TBX v3 (ISO 30042:2019, DCA style: tbx, conceptEntry,
// langSec, termSec) and TBX 2008 (martif, termEntry, langSet, tig and
// ntig/termGrp); WriteTBX writes TBX v3 in the TBX-Basic dialect. The
// properties TBX-Basic has no data category for (grammatical number,
// inflected forms, case rule, ambiguity) travel in notes that start with
// "relais:", which other tools show as plain notes. ReadTSV and ReadCSV read
// a table whose header names a language per term column; WriteTSV and
// WriteCSV write it back (see ReadTSV for the columns). Language tags go
// through golang.org/x/text/language; a term tagged fr-FR serves fr.
// A file with an error loads nothing: the error is a *document.PosError
// ("path:line:col: message"), or several joined with errors.Join.
//
// # Matching
//
// A Matcher is built once per termbase and language: a trie over word
// tokens, so a segment costs a walk from each of its words, whatever the
// size of the termbase. Text is compared in NFC; a term never matches
// inside a longer word; acronyms are case-sensitive unless the termbase
// says otherwise; a capital written without its accent ("Etats") matches
// the accented term; full diacritic folding is an option. Apostrophes
// (' ’ ʼ) are one character, so elisions (l’OIM, d'ONU-Habitat, qu'…) are
// found; hyphens, spaces and no-break spaces are interchangeable between
// words ("ONU Habitat" finds ONU-Habitat); a term that starts with an
// article also matches its contractions (les Pays-Bas: des, aux Pays-Bas);
// regular plural and gender rules of French, English and Spanish, plus the
// termbase's explicit forms, find inflected terms ("gouvernements locaux et
// régionaux" finds "gouvernement local et régional"). Hits are the longest
// terms first, without overlap; MatchAll adds the hits nested inside longer
// ones. Positions are byte offsets into the text given to the matcher.
//
// # Enforcement
//
// Hit.Target gives the preferred term of a hit's concept in a target
// language, inflected as the source form was (a plural source gives a
// plural target). Matcher.Verify, on a matcher of the target language,
// says whether a target text renders a source hit: a preferred or admitted
// term of the concept is present and no deprecated one is. Validate checks
// a termbase for the faults a translator must fix and returns them as
// findings (package finding); FormatFinding prints one as relais glossary
// validate does, and ValidateRead takes a file as a reader returned it, its
// content errors as findings. Matcher.Lookup gives the hits of a text with
// their targets, as relais glossary lookup shows them; Matcher.ConceptIDs
// the concepts a text names, as the segment memory compares sources.
//
// The package does no I/O of its own beyond the readers and the fs.FS it
// is handed (LoadFS), and knows nothing of configuration or of where the
// shipped termbase lives (the module's glossary folder, embedded by the
// command).
package glossary
