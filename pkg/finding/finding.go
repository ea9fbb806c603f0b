package finding

import (
	"fmt"

	"github.com/relais-tm/relais/pkg/document"
)

// Location is a place in a file: a slash path and a 1-based line and
// column (in characters). A zero Line means the file as a whole; an empty
// Path means unknown.
type Location struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
}

// At returns the location of pos in the file at path.
func At(path string, pos document.Position) Location {
	return Location{Path: path, Line: pos.Line, Col: pos.Col}
}

// String returns "path:line:col", "path:line" or "path".
func (l Location) String() string {
	switch {
	case l.Line > 0 && l.Col > 0:
		return fmt.Sprintf("%s:%d:%d", l.Path, l.Line, l.Col)
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.Path, l.Line)
	}
	return l.Path
}

// Known reports whether the location names a file.
func (l Location) Known() bool { return l.Path != "" }

// Finding is one problem found in a text: a translation, a draft, a
// segment's machine translation or a termbase. Its JSON form is that of
// relais check --format json.
type Finding struct {
	Rule     string   `json:"rule"`     // the rule's ID: "number", "mt-failed", "duplicate-term"
	Severity Severity `json:"severity"` // set where the finding is made (for checks, after configuration)
	Message  string   `json:"message"`  // what is wrong and what to do
	// At is where the finding points: for a check, on the target (the
	// XLIFF file or the target document); for the batch's own findings,
	// the source segment; for a termbase, the concept or term.
	At     Location `json:"location"`
	Source Location `json:"source"` // on the source document, when known
	Lang   string   `json:"lang"`   // the target language, when there is one
	// Segment is the segment (or block) ID, "" for a finding about a
	// whole file; for a termbase finding, the ID of the concept concerned.
	Segment string `json:"segment"`
	// Fingerprint identifies the finding across edits elsewhere in the
	// file: a hash of the rule, the file, the segment's source text and
	// target text, and what the finding is about. Baselines store it;
	// package qa sets it, others leave it empty.
	Fingerprint string `json:"fingerprint"`
}

// String returns the finding as relais check's text format prints it:
// "path:line:col: severity rule: message".
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s: %s", f.At, f.Severity, f.Rule, f.Message)
}
