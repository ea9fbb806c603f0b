// Package mttest holds what tests of machine translation share: Fake, a
// deterministic Translator that goes through the same stream form as the
// Apertium engines, and Run, the conformance suite every mt.Translator
// passes (codes intact and in order or a per-segment error, one result per
// segment, blanks kept, special characters kept, cancellation honoured,
// unsupported pairs reported with mt.ErrUnsupportedPair).
package mttest
