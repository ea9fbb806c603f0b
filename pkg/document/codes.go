package document

import (
	"fmt"
	"strconv"
	"strings"
)

// CodeProblemKind says what is wrong with the codes of a translation.
type CodeProblemKind int

// The problems CheckCodes finds.
const (
	CodeExtra    CodeProblemKind = iota // the target has a code the source does not
	CodeRepeated                        // the target has a code of the source more than once
	CodeMissing                         // the target lacks a code of the source
	CodeReversed                        // the target closes a pair before it opens it
	CodeOverlap                         // the target closes a pair inside another pair: the pairs overlap
)

var codeProblemNames = [...]string{"extra", "repeated", "missing", "reversed", "overlap"}

// String returns "extra", "repeated", "missing", "reversed" or "overlap".
func (k CodeProblemKind) String() string {
	if k >= 0 && int(k) < len(codeProblemNames) {
		return codeProblemNames[k]
	}
	return "code-problem(" + strconv.Itoa(int(k)) + ")"
}

// CodeProblem is one fault in the codes of a translation, as CheckCodes
// finds it.
type CodeProblem struct {
	Kind CodeProblemKind
	// Code is the code at fault: the target's for every kind but
	// CodeMissing, where it is the source's (with the source's Data and
	// Disp); for CodeReversed and CodeOverlap it is the closing code.
	Code *Code
	// Inside is, for CodeOverlap, the open code of the pair that Code
	// closes inside of; nil otherwise.
	Inside *Code
}

// CodeProblems are the faults in the codes of a translation, in the order
// CheckCodes gives them.
type CodeProblems []CodeProblem

// CheckCodes compares the codes of a translation with those of its source,
// codes being told apart by ID and kind, and returns every problem: in the
// target's order, each code the source does not have (CodeExtra) and each
// repetition of one it has (CodeRepeated); then, in the source's order,
// each code of the source the target lacks (CodeMissing); then, in the
// target's order, each close that comes before the target opens its pair
// (CodeReversed) and each close inside a pair opened after its own
// (CodeOverlap). A close whose open is in neither content (a pair split
// across segments) is no problem. The result is nil when the target keeps
// every code of the source once, in a valid order.
//
// The order is deterministic, so that a caller reporting one problem, or
// all of them, gives the same output on every run.
func CheckCodes(source, target Content) CodeProblems {
	type ref struct {
		id   string
		kind CodeKind
	}
	var out CodeProblems
	want := map[ref]bool{}
	for _, r := range source {
		if r.Code != nil {
			want[ref{r.Code.ID, r.Code.Kind}] = true
		}
	}
	seen := map[ref]bool{}
	opens := map[string]bool{} // IDs the target opens somewhere
	for _, r := range target {
		c := r.Code
		if c == nil {
			continue
		}
		k := ref{c.ID, c.Kind}
		switch {
		case !want[k]:
			out = append(out, CodeProblem{Kind: CodeExtra, Code: c})
		case seen[k]:
			out = append(out, CodeProblem{Kind: CodeRepeated, Code: c})
		default:
			seen[k] = true
		}
		if c.Kind == Open {
			opens[c.ID] = true
		}
	}
	for _, r := range source {
		if c := r.Code; c != nil && !seen[ref{c.ID, c.Kind}] {
			out = append(out, CodeProblem{Kind: CodeMissing, Code: c})
		}
	}
	// Order: a stack of the pairs open at each point of the target.
	var stack []*Code
	open := map[string]bool{}
	for _, r := range target {
		c := r.Code
		if c == nil {
			continue
		}
		switch c.Kind {
		case Open:
			stack = append(stack, c)
			open[c.ID] = true
		case Close:
			if !open[c.ID] {
				if opens[c.ID] {
					out = append(out, CodeProblem{Kind: CodeReversed, Code: c})
				}
				continue
			}
			if top := stack[len(stack)-1]; top.ID != c.ID {
				out = append(out, CodeProblem{Kind: CodeOverlap, Code: c, Inside: top})
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].ID == c.ID {
					stack = append(stack[:i], stack[i+1:]...)
					break
				}
			}
			delete(open, c.ID)
		}
	}
	return out
}

// Err returns nil when there is no problem, and otherwise one error that
// describes the first problem, naming every missing code at once when the
// first problem is a missing code. Merge and machine translation refuse a
// target with this error: "target drops code(s) open 1 "[", close 1 "](u)":
// keep every code of the source".
func (ps CodeProblems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	p := ps[0]
	switch p.Kind {
	case CodeExtra:
		return fmt.Errorf("target has a code the source does not: %s %s", p.Code.Kind, p.Code.ID)
	case CodeRepeated:
		return fmt.Errorf("target repeats code %s %s", p.Code.Kind, p.Code.ID)
	case CodeMissing:
		var missing []string
		for _, p := range ps {
			if p.Kind == CodeMissing {
				missing = append(missing, fmt.Sprintf("%s %s %q", p.Code.Kind, p.Code.ID, p.Code.Data))
			}
		}
		return fmt.Errorf("target drops code(s) %s: keep every code of the source", strings.Join(missing, ", "))
	case CodeReversed:
		return fmt.Errorf("target closes code %s before it opens it", p.Code.ID)
	case CodeOverlap:
		return fmt.Errorf("target closes code %s inside code %s: the pairs overlap, close code %s first", p.Code.ID, p.Inside.ID, p.Inside.ID)
	}
	return fmt.Errorf("target codes: %s", p.Kind)
}
