package document

import "fmt"

// PosError is an input error at a known place of a file. It prints as
// "path:line:col: message", the form editors and CI annotations understand.
// Line and column are left out when they are zero.
type PosError struct {
	Path string
	Pos  Position
	Err  error
}

// Error formats the error as "path:line:col: message".
func (e *PosError) Error() string {
	switch {
	case e.Pos.Line > 0 && e.Pos.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Pos.Line, e.Pos.Col, e.Err)
	case e.Pos.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Pos.Line, e.Err)
	default:
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
}

// Unwrap returns the underlying error.
func (e *PosError) Unwrap() error { return e.Err }
