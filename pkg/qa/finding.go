package qa

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Location is a place in a file: a slash path and a 1-based line and
// column (in characters). A zero Line means the file as a whole; an empty
// Path means unknown.
type Location struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
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

// Finding is one problem found in one pair.
type Finding struct {
	Rule     string   `json:"rule"`     // the check's ID
	Severity Severity `json:"severity"` // after configuration
	Message  string   `json:"message"`  // what is wrong and what to do
	At       Location `json:"location"` // on the target: the XLIFF file or the target document
	Source   Location `json:"source"`   // on the source document, when known
	Lang     string   `json:"lang"`     // the target language
	Segment  string   `json:"segment"`  // the segment (or block) ID
	// Fingerprint identifies the finding across edits elsewhere in the
	// file: a hash of the rule, the file, the segment's source text and
	// target text, and what the finding is about. Baselines store it.
	Fingerprint string `json:"fingerprint"`
}

// String returns the finding as the text format prints it.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s: %s", f.At, f.Severity, f.Rule, f.Message)
}

// fingerprint hashes what identifies a finding.
func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// MarshalText writes the severity's name (in JSON output).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// quote writes s for a message: in double quotes, blanks folded, long
// texts cut.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return `"` + s + `"`
}
