package finding

import (
	"fmt"
	"strings"
)

// Severity is how much a finding matters. The zero value is Off: a check
// configured off reports nothing.
type Severity int

// The severities, from off to error.
const (
	Off     Severity = iota // the check does not run
	Info                    // shown, never fails a build on its own
	Warning                 // worth a look
	Error                   // must be fixed before publication
)

var severityNames = [...]string{"off", "info", "warning", "error"}

// String returns "off", "info", "warning" or "error".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the severity's name (in JSON output).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name, as ParseSeverity does.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a severity name; "note" is read as info and
// "false"/"none" as off, so that the words of other tools work too.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "none", "false", "disable", "disabled":
		return Off, nil
	case "info", "note", "notice":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// ParseFailOn reads the --fail-on level: a severity, or "never" (and
// "none", "off") for a run that never fails on findings, returned as Off.
func ParseFailOn(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "never":
		return Off, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return Off, fmt.Errorf("unknown --fail-on level %q (want error, warning, info or never)", s)
	}
	return sev, nil
}
