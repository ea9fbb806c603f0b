package memory

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// Span repair is the fuzzy-match repair of the machine-translation
// literature (Ortega, Sánchez-Martínez and Forcada, "Fuzzy-match repair
// using black-box machine translation systems", 2016): where the match's
// source and the new one differ by a few words, the engine translates both
// versions of those words; where the translation of the old ones occurs
// once in the match's target, it is replaced by the translation of the
// new ones. The engine is the caller's: Spans gives what to translate and
// RepairSpans applies the translations.

// MaxSpanWords is the longest differing span, in words on either side,
// that span repair handles; MaxSpans is the most spans a match may have.
const (
	MaxSpanWords = 5
	MaxSpans     = 3
)

// MinSpanScore is the lowest score of a match that span repair tries.
const MinSpanScore = 60

// Span is one region where a fuzzy match's source and the query's differ.
// Old and New are its words in the match's source and in the query's, as
// the key writes them (one of the two may be empty: words added or
// dropped). WideOld and WideNew are the same region with the equal word on
// each side of it, when there is one, for a placement the narrow span does
// not find; they are empty when there is none to add.
type Span struct {
	Old, New         string
	WideOld, WideNew string
}

// SpanTranslation is the engine's translation of a Span's four texts ("" for
// a text that is empty or was not translated).
type SpanTranslation struct {
	Old, New         string
	WideOld, WideNew string
}

// Spans returns the regions where m's source and the query's differ, for
// span repair, and false when m is not a candidate: not a fuzzy match, a
// score below MinSpanScore, already repaired, more than MaxSpans regions,
// a region longer than MaxSpanWords words or holding a code.
func (m Match) Spans() ([]Span, bool) {
	if m.Level != Fuzzy || m.Repaired || m.Score < MinSpanScore || m.Score >= 100 || len(m.Diff) == 0 {
		return nil, false
	}
	var out []Span
	for i := 0; i < len(m.Diff); {
		if m.Diff[i].Op == DiffEqual {
			i++
			continue
		}
		var old, new strings.Builder
		j := i
		for ; j < len(m.Diff) && m.Diff[j].Op != DiffEqual; j++ {
			if m.Diff[j].Op == DiffDelete {
				old.WriteString(m.Diff[j].Text)
			} else {
				new.WriteString(m.Diff[j].Text)
			}
		}
		sp := Span{Old: strings.TrimSpace(old.String()), New: strings.TrimSpace(new.String())}
		if strings.ContainsRune(sp.Old+sp.New, '{') || words(sp.Old) > MaxSpanWords || words(sp.New) > MaxSpanWords {
			return nil, false
		}
		before, after := "", ""
		if i > 0 {
			before = lastWord(m.Diff[i-1].Text)
		}
		if j < len(m.Diff) {
			after = firstWord(m.Diff[j].Text)
		}
		if before != "" || after != "" {
			sp.WideOld, sp.WideNew = join(before, sp.Old, after), join(before, sp.New, after)
		}
		if (sp.Old == "" || sp.New == "") && sp.WideOld == "" {
			return nil, false // words added or dropped with nothing to anchor them
		}
		out = append(out, sp)
		i = j
	}
	if len(out) == 0 || len(out) > MaxSpans {
		return nil, false
	}
	return out, true
}

// RepairSpans returns m with each span of m.Spans() repaired in its target
// from the engine's translations tr (one per span, in order): the
// translation of the old words, found once in the target's text as a run
// of whole words (ignoring case), is replaced by the translation of the
// new ones; the narrow span is tried first, then the wide one. It reports
// false, and m, when any span cannot be placed so: a repair that would
// leave some difference unrepaired is no repair.
//
// The repaired match's score is halfway between its score and 100, less
// a point per span: the repaired words are the engine's, the rest a
// person's. Each span adds a "repair" penalty saying what changed, and
// the number and term penalties go: those differences were in the spans.
func (m Match) RepairSpans(tr []SpanTranslation) (Match, bool) {
	spans, ok := m.Spans()
	if !ok || len(tr) != len(spans) {
		return m, false
	}
	target := m.Target
	var pens []Penalty
	for i, sp := range spans {
		t := tr[i]
		var done bool
		if sp.Old != "" && sp.New != "" {
			target, done = replaceWords(target, t.Old, t.New)
		}
		if !done && sp.WideOld != "" {
			target, done = replaceWords(target, t.WideOld, t.WideNew)
		}
		if !done {
			return m, false
		}
		pens = append(pens, penalty(PenaltyRepair, sp.Old+" → "+sp.New))
	}
	out := m
	out.Target, out.Repaired = target, true
	// Every difference is in a span now rendered by the engine: a number
	// or a term that differed is no longer left unrepaired.
	var kept []Penalty
	for _, p := range m.Penalties {
		if p.Kind != PenaltyNumber && p.Kind != PenaltyTerm {
			kept = append(kept, p)
		}
	}
	out.Penalties = append(kept, pens...)
	out.Score = min(99, (m.Score+100)/2-len(spans)*points[PenaltyRepair])
	return out, true
}

// replaceWords returns c with from, found once in its text runs as whole
// words ignoring case, replaced by to (its first letter upper-cased where
// the found text's is). It reports false, and c, otherwise, or when from or
// to is empty of words.
func replaceWords(c document.Content, from, to string) (document.Content, bool) {
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if words(from) == 0 || words(to) == 0 {
		return c, false
	}
	at, pos, n := -1, -1, 0
	for i, r := range c {
		if r.Code != nil {
			continue
		}
		for _, p := range wordMatches(r.Text, from) {
			at, pos = i, p
			n++
		}
	}
	if n != 1 {
		return c, false
	}
	text := c[at].Text
	found := text[pos : pos+len(from)]
	if f, _ := utf8.DecodeRuneInString(found); unicode.IsUpper(f) {
		if r, size := utf8.DecodeRuneInString(to); unicode.IsLower(r) {
			to = string(unicode.ToUpper(r)) + to[size:]
		}
	}
	out := append(document.Content(nil), c...)
	out[at].Text = text[:pos] + to + text[pos+len(from):]
	return out, true
}

// wordMatches returns the byte offsets in text where from occurs as whole
// words, ignoring case. Case is compared rune by rune, so that the offsets
// are the text's own.
func wordMatches(text, from string) []int {
	var out []int
	for i := 0; i+len(from) <= len(text); {
		if strings.EqualFold(text[i:i+len(from)], from) && boundary(text, i, i+len(from)) {
			out = append(out, i)
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// boundary reports whether text[i:j] is not part of a longer word.
func boundary(text string, i, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isWordRune(r) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && isWordRune(r) {
		return false
	}
	return true
}

// words counts the words and numbers of s.
func words(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }))
}

// lastWord and firstWord return the last and first blank-separated word
// of an equal run of a diff, or "" when it is punctuation or a code.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return wordOnly(f[len(f)-1])
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return wordOnly(f[0])
}

func wordOnly(w string) string {
	if strings.ContainsRune(w, '{') || words(w) == 0 || strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) && r != '\'' && r != '’' && r != '-' }) >= 0 {
		return ""
	}
	return w
}

// join joins the non-empty parts with a blank.
func join(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " ")
}
