// Package finding is the one shape of what relais reports about a text: a
// Finding names a rule, says how much it matters (a Severity), what is
// wrong and what to do, and where (a Location: path, line, column).
//
// Every stage that notices something speaks it: the checks of package qa,
// the notes a machine translation engine leaves on a segment (package mt,
// package termguard), the batch's own findings (package pipeline), the
// faults of a termbase (package glossary), and the reports that show them
// (package report). Each sets the severity where the finding is made;
// nothing downstream grades findings again.
//
// The package holds types and their text forms only: no check, no writer.
// It imports the standard library and package document, and every other
// package of relais may import it.
package finding
