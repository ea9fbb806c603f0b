package typography

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// grammaticalRepeats are words an English or Spanish sentence may write
// twice in a row ("I had had", "that that is", "what it is is").
var grammaticalRepeats = map[string]bool{"had": true, "that": true, "is": true}

// dropRepeats returns out, an engine's draft of source, with the second of
// two same words in a row taken out (and the blank before it), in each
// text run: "En en casa" becomes "En casa", and "vous vous" made "you
// you" becomes "you". A word the source itself repeats stays repeated (the
// author's, in an English passage kept as it is), and so do numbers and
// grammatical repetitions (grammaticalRepeats).
func dropRepeats(source string, out document.Content) document.Content {
	keep := map[string]bool{}
	for s := source; ; {
		a, b, ok := firstRepeat(s, keep)
		if !ok {
			break
		}
		keep[strings.ToLower(strings.TrimSpace(s[a:b]))] = true
		s = s[b:]
	}
	var cloned bool
	for i, r := range out {
		if r.Code != nil {
			continue
		}
		t := r.Text
		for {
			a, b, ok := firstRepeat(t, keep)
			if !ok {
				break
			}
			t = t[:a] + t[b:]
		}
		if t != r.Text {
			if !cloned {
				out, cloned = slices.Clone(out), true
			}
			out[i].Text = t
		}
	}
	return out
}

// firstRepeat finds the first word of s that repeats the word before it,
// with only blanks between, and is not in keep (lower case), and returns
// the span to take out: the blanks before it and the word.
func firstRepeat(s string, keep map[string]bool) (int, int, bool) {
	prevStart, prevEnd := -1, -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && r != '\'' && r != '’' {
				break
			}
			j += n
		}
		// A word glued to a digit, a hyphen or an underscore before it is
		// part of a name ("x-x", "A4 A4"): not a word here.
		glued := i > 0 && strings.ContainsAny(s[i-1:i], "-_0123456789")
		if !glued && prevEnd >= 0 && strings.TrimFunc(s[prevEnd:i], unicode.IsSpace) == "" && prevEnd < i &&
			strings.EqualFold(s[prevStart:prevEnd], s[i:j]) && !grammaticalRepeats[strings.ToLower(s[i:j])] && !keep[strings.ToLower(s[i:j])] {
			return prevEnd, j, true
		}
		if glued {
			prevStart, prevEnd = -1, -1
		} else {
			prevStart, prevEnd = i, j
		}
		i = j
	}
	return 0, 0, false
}
