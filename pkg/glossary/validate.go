package glossary

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// The rules of Validate, as they name their findings.
const (
	RuleMalformed          = "malformed"           // the file could not be read (bad XML, language tag, value)
	RuleDuplicateID        = "duplicate-id"        // two concepts with one ID
	RuleDuplicateTerm      = "duplicate-term"      // one term in two concepts (or twice in one)
	RulePreferredForbidden = "preferred-forbidden" // a term preferred in one place and deprecated in another
	RuleMissingLanguage    = "missing-language"    // a concept with no allowed term in a required language
	RuleNoTerm             = "no-term"             // a concept with no term at all
)

// FormatFinding returns a finding of Validate or ErrorFindings as relais
// glossary validate prints it: "path:line:col: message [rule]".
func FormatFinding(f finding.Finding) string {
	return f.At.String() + ": " + f.Message + " [" + f.Rule + "]"
}

// Validate returns the faults of tb, in file order, as findings of
// severity Error whose Segment is the concept's ID: concepts sharing an
// ID; terms shared by several concepts in one language (unless the
// concepts or the terms are marked ambiguous, which says the homonymy is
// known); terms that are preferred somewhere and deprecated or superseded
// elsewhere; concepts without an allowed term in one of langs; concepts
// without any term. Terms are compared in NFC, apostrophes unified, and
// without regard to case unless both are case-sensitive.
func Validate(tb *Termbase, langs ...language.Tag) []finding.Finding {
	var out []finding.Finding
	ids := map[string]*Concept{}
	for _, c := range tb.Concepts {
		if o, ok := ids[c.ID]; ok && c.ID != "" {
			out = append(out, finding.Finding{Rule: RuleDuplicateID, Severity: finding.Error, At: finding.At(c.Path, c.Pos), Segment: c.ID,
				Message: fmt.Sprintf("concept ID %q is already used at %s", c.ID, where(o.Path, o.Pos))})
		}
		ids[c.ID] = c
	}
	type seen struct {
		c *Concept
		t *Term
	}
	byKey := map[string][]seen{}
	for _, c := range tb.Concepts {
		n := 0
		for _, ls := range c.Langs {
			b, _ := ls.Lang.Base()
			for _, t := range ls.Terms {
				n++
				k := b.String() + "\x00" + compareKey(t.Text)
				for _, o := range byKey[k] {
					if !sameCase(o.t, t) {
						continue
					}
					switch {
					case o.t.Status.Forbidden() != t.Status.Forbidden() && (o.t.Status == Preferred || t.Status == Preferred):
						pref, forb := o, seen{c, t}
						if o.t.Status.Forbidden() {
							pref, forb = forb, o
						}
						f := finding.Finding{Rule: RulePreferredForbidden, Severity: finding.Error, At: finding.At(c.Path, t.Pos), Segment: c.ID,
							Message: fmt.Sprintf("%s term %q is preferred in concept %q (%s) and %s in concept %q (%s)",
								ls.Lang, t.Text, pref.c.ID, where(pref.c.Path, pref.t.Pos), forb.t.Status, forb.c.ID, where(forb.c.Path, forb.t.Pos))}
						out = append(out, f)
					case o.c == c:
						out = append(out, finding.Finding{Rule: RuleDuplicateTerm, Severity: finding.Error, At: finding.At(c.Path, t.Pos), Segment: c.ID,
							Message: fmt.Sprintf("%s term %q comes twice in concept %q (first at %s)", ls.Lang, t.Text, c.ID, where(c.Path, o.t.Pos))})
					case !(o.c.Ambiguous || o.t.Ambiguous) || !(c.Ambiguous || t.Ambiguous):
						out = append(out, finding.Finding{Rule: RuleDuplicateTerm, Severity: finding.Error, At: finding.At(c.Path, t.Pos), Segment: c.ID,
							Message: fmt.Sprintf("%s term %q is also a term of concept %q (%s); if both meanings are real, mark the terms or the concepts ambiguous",
								ls.Lang, t.Text, o.c.ID, where(o.c.Path, o.t.Pos))})
					}
				}
				byKey[k] = append(byKey[k], seen{c, t})
			}
		}
		if n == 0 {
			out = append(out, finding.Finding{Rule: RuleNoTerm, Severity: finding.Error, At: finding.At(c.Path, c.Pos), Segment: c.ID,
				Message: fmt.Sprintf("concept %q has no term", c.ID)})
			continue
		}
		for _, l := range langs {
			allowed, any := false, false
			for _, t := range c.Terms(l) {
				any = true
				allowed = allowed || !t.Status.Forbidden()
			}
			switch {
			case !any:
				out = append(out, finding.Finding{Rule: RuleMissingLanguage, Severity: finding.Error, At: finding.At(c.Path, c.Pos), Segment: c.ID,
					Message: fmt.Sprintf("concept %q has no term in %s", c.ID, l)})
			case !allowed:
				out = append(out, finding.Finding{Rule: RuleMissingLanguage, Severity: finding.Error, At: finding.At(c.Path, c.Pos), Segment: c.ID,
					Message: fmt.Sprintf("concept %q has only deprecated terms in %s", c.ID, l)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].At.Path != out[j].At.Path {
			return out[i].At.Path < out[j].At.Path
		}
		if out[i].At.Line != out[j].At.Line {
			return out[i].At.Line < out[j].At.Line
		}
		return out[i].At.Col < out[j].At.Col
	})
	return out
}

// sameCase reports whether two terms with the same key (compared without
// case) clash: always, unless both are case-sensitive and written in
// different cases.
func sameCase(a, b *Term) bool {
	if a.IsCaseSensitive() && b.IsCaseSensitive() {
		return normToken(a.Text) == normToken(b.Text)
	}
	return true
}

func compareKey(text string) string {
	return strings.ToLower(normToken(cleanText(text)))
}

func where(path string, p document.Position) string {
	if p.Line == 0 {
		return path
	}
	return fmt.Sprintf("%s:%d:%d", path, p.Line, p.Col)
}

// ValidateRead returns the findings for a termbase file as a reader
// returned it (tb, err): Validate's when it read; when the reader failed on
// the file's content (a *document.PosError, alone or joined), that error
// as findings (ErrorFindings). Any other error, such as a file that could
// not be opened, is no fault of the file's content: it is returned.
func ValidateRead(tb *Termbase, err error, langs ...language.Tag) ([]finding.Finding, error) {
	if err != nil {
		var pe *document.PosError
		if !errors.As(err, &pe) {
			return nil, err
		}
		return ErrorFindings(err), nil
	}
	return Validate(tb, langs...), nil
}

// ErrorFindings turns the error of a reader into findings of rule
// RuleMalformed, one per position: a reader reports every fault of a file
// at once, joined.
func ErrorFindings(err error) []finding.Finding {
	if err == nil {
		return nil
	}
	var out []finding.Finding
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var pe *document.PosError
		if errors.As(e, &pe) {
			out = append(out, finding.Finding{Rule: RuleMalformed, Severity: finding.Error, At: finding.At(pe.Path, pe.Pos), Message: pe.Err.Error()})
			return
		}
		out = append(out, finding.Finding{Rule: RuleMalformed, Severity: finding.Error, Message: e.Error()})
	}
	walk(err)
	return out
}
