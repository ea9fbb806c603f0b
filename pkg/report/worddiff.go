package report

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// Op says how a piece of a diff differs.
type Op int

// The operations, seen from the new text.
const (
	Equal  Op = iota // in both texts
	Insert           // in the new text only
	Delete           // in the old text only
)

var opNames = [...]string{"equal", "insert", "delete"}

// String returns "equal", "insert" or "delete".
func (o Op) String() string {
	if o >= 0 && int(o) < len(opNames) {
		return opNames[o]
	}
	return "op"
}

// MarshalText writes the operation's name.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an operation's name.
func (o *Op) UnmarshalText(b []byte) error {
	for i, n := range opNames {
		if n == string(b) {
			*o = Op(i)
			return nil
		}
	}
	return fmt.Errorf("unknown diff operation %q (want equal, insert or delete)", b)
}

// Piece is one run of a word-level diff: words, the blanks and the
// punctuation between them, all with the same operation.
type Piece struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// FromMemory converts the diff of a memory match (memory.Match.Diff, from
// the unit's source to the new source) into pieces.
func FromMemory(ds []memory.Diff) []Piece {
	out := make([]Piece, 0, len(ds))
	for _, d := range ds {
		op := Equal
		switch d.Op {
		case memory.DiffInsert:
			op = Insert
		case memory.DiffDelete:
			op = Delete
		}
		out = append(out, Piece{Op: op, Text: d.Text})
	}
	return out
}

// tokens cuts s into words (letters, digits and marks), runs of blanks,
// code placeholders, and single other characters (punctuation, symbols).
// A byte that is not UTF-8 is the token "\uFFFD".
func tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case r == utf8.RuneError && n == 1:
			out = append(out, string(utf8.RuneError))
			i = j
			continue
		case isWord(r):
			j = skip(s, j, isWord)
		case unicode.IsSpace(r):
			j = skip(s, j, unicode.IsSpace)
		case r == '{':
			if _, _, m := document.ParsePlaceholder(s[i:]); m > 0 {
				j = i + m
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// skip returns the end of the run of characters of s, from i on, for which
// in holds (never for a byte that is not UTF-8).
func skip(s string, i int, in func(rune) bool) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !in(r) {
			break
		}
		i += n
	}
	return i
}

func isPlaceholder(t string) bool {
	_, _, n := document.ParsePlaceholder(t)
	return n > 0 && n == len(t)
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// WordDiff returns the word-level diff from old to new: each word,
// blank run and punctuation mark is compared as a whole (go-diff over
// tokens), and neighbouring tokens with the same operation are joined.
// The result is deterministic: there is no time limit.
func WordDiff(old, new string) []Piece {
	if old == new {
		if old == "" {
			return nil
		}
		return []Piece{{Equal, old}}
	}
	vocab := map[string]rune{}
	var words []string
	encode := func(toks []string) []rune {
		rs := make([]rune, len(toks))
		for i, t := range toks {
			r, ok := vocab[t]
			if !ok {
				r = rune(0x10000 + len(words)) // planes 1–16: valid, never a surrogate
				vocab[t] = r
				words = append(words, t)
			}
			rs[i] = r
		}
		return rs
	}
	a, b := encode(tokens(old)), encode(tokens(new))
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ds := dmp.DiffMainRunes(a, b, false)
	var out []Piece
	for _, d := range ds {
		op := Equal
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = Insert
		case diffmatchpatch.DiffDelete:
			op = Delete
		}
		var text []byte
		for _, r := range d.Text {
			text = append(text, words[r-0x10000]...)
		}
		out = appendPiece(out, Piece{op, string(text)})
	}
	return tidy(out)
}

func appendPiece(ps []Piece, p Piece) []Piece {
	if p.Text == "" {
		return ps
	}
	if n := len(ps); n > 0 && ps[n-1].Op == p.Op {
		ps[n-1].Text += p.Text
		return ps
	}
	return append(ps, p)
}

// tidy moves a blank that is all an Equal piece holds between two changes
// into them, so "a b" → "c d" reads as one replacement, not two; deletions
// come before insertions in each change.
func tidy(ps []Piece) []Piece {
	var out []Piece
	var del, ins string
	flush := func() {
		out = appendPiece(out, Piece{Delete, del})
		out = appendPiece(out, Piece{Insert, ins})
		del, ins = "", ""
	}
	for i, p := range ps {
		switch {
		case p.Op == Delete:
			del += p.Text
		case p.Op == Insert:
			ins += p.Text
		case (del != "" || ins != "") && i+1 < len(ps) && isBlank(p.Text):
			del += p.Text
			ins += p.Text
		default:
			flush()
			out = appendPiece(out, p)
		}
	}
	flush()
	return out
}

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// wordCount counts the words in s as WordDiff cuts it: blanks and code
// placeholders do not count; punctuation marks do, as edit distances
// count them.
func wordCount(s string) int {
	n := 0
	for _, t := range tokens(s) {
		if !isBlank(t) && !isPlaceholder(t) {
			n++
		}
	}
	return n
}

// Distance returns the word-level edit distance of a diff: for each change,
// the larger of the words deleted and the words inserted (a replaced word
// counts once), blanks not counted.
func Distance(ps []Piece) int {
	d := 0
	del, ins := 0, 0
	for _, p := range ps {
		switch p.Op {
		case Delete:
			del += wordCount(p.Text)
		case Insert:
			ins += wordCount(p.Text)
		default:
			d += max(del, ins)
			del, ins = 0, 0
		}
	}
	return d + max(del, ins)
}

// OldText and NewText rebuild the two texts a diff was made from.
func OldText(ps []Piece) string { return side(ps, Insert) }

// NewText rebuilds the new text of a diff.
func NewText(ps []Piece) string { return side(ps, Delete) }

func side(ps []Piece, skip Op) string {
	var b []byte
	for _, p := range ps {
		if p.Op != skip {
			b = append(b, p.Text...)
		}
	}
	return string(b)
}

// EditPercent returns the edit distance from old to new in percent of the
// longer text's words (0 when both are empty), rounded to one decimal.
func EditPercent(ps []Piece) float64 {
	n := max(wordCount(OldText(ps)), wordCount(NewText(ps)))
	if n == 0 {
		return 0
	}
	return round1(100 * float64(Distance(ps)) / float64(n))
}

func round1(f float64) float64 {
	return float64(int(f*10+0.5)) / 10
}
