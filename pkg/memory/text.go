package memory

import (
	"golang.org/x/text/unicode/norm"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// tokKind is what a token of a key is.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokNumber
	tokCode
	tokPunct
)

// token is a piece of a key: a word (letters, marks and digits), a number
// (digits, with one of the separators of numberJoiner between digits: 1,5,
// 10.000, the date 1947-06-08, the time 02:30, 3/4), a code placeholder ("{1}",
// "{/1}", "{2/}") or one punctuation mark. Blanks are not tokens.
type token struct {
	text  string // as in the key
	fold  string // compared form: lower case for words, "#" for numbers
	kind  tokKind
	space bool // a blank precedes the token in the key
}

// tokenize cuts a key into tokens.
func tokenize(key string) []token {
	var out []token
	scanKey(key, func(kind tokKind, i, j int, space bool) {
		t := token{text: key[i:j], kind: kind, space: space}
		switch kind {
		case tokNumber:
			t.fold = "#"
		case tokWord:
			t.fold = fold(t.text)
		default:
			t.fold = t.text
		}
		out = append(out, t)
	})
	return out
}

// scanKey calls fn with the kind and byte range of each token of key, and
// whether a blank precedes it. It allocates nothing; ASCII takes a fast path.
func scanKey(key string, fn func(kind tokKind, start, end int, space bool)) {
	space := false
	for i := 0; i < len(key); {
		r, n := rune(key[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(key[i:])
		}
		switch {
		case isSpace(r):
			space = true
			i += n
			continue
		case r == '{':
			if _, _, n := document.ParsePlaceholder(key[i:]); n > 0 {
				fn(tokCode, i, i+n, space)
				i, space = i+n, false
				continue
			}
		case isWordRune(r):
			j := i + n
			number := isDigit(r)
			for j < len(key) {
				r2, n2 := rune(key[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, n2 = utf8.DecodeRuneInString(key[j:])
				}
				if isWordRune(r2) {
					number = number && isDigit(r2)
					j += n2
					continue
				}
				if numberJoiner(r2) && j > i && isDigitByte(key[j-1]) && j+1 < len(key) && isDigitByte(key[j+1]) && number {
					j += n2
					continue
				}
				if inclusiveDot(r2) && !number && j+n2 < len(key) {
					// Inclusive writing: "élu·e·s" is one word.
					if r3, _ := utf8.DecodeRuneInString(key[j+n2:]); unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			kind := tokWord
			if number {
				kind = tokNumber
			}
			fn(kind, i, j, space)
			i, space = j, false
			continue
		}
		fn(tokPunct, i, i+n, space)
		i, space = i+n, false
	}
}

// fold returns word folded as appendFold folds it, without allocating
// for a word of ASCII letters already in lower case.
func fold(word string) string {
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			return string(appendFold(nil, word))
		}
	}
	return strings.ToLower(word)
}

// inclusiveDot reports whether r is a middle dot of inclusive writing
// ("élu·e·s", "citoyen⋅ne⋅s").
func inclusiveDot(r rune) bool { return r == '·' || r == '⋅' }

// inclusiveBase returns word without its inclusive-writing endings: the
// part before the first middle dot, and the plural mark that ends the last
// part ("élu·e·s" is "élus", "citoyen·ne" is "citoyen"). A word without a
// middle dot is returned as it is.
func inclusiveBase(word string) string {
	i := strings.IndexFunc(word, inclusiveDot)
	if i < 0 {
		return word
	}
	base := word[:i]
	if last := word[strings.LastIndexFunc(word, inclusiveDot):]; strings.HasSuffix(last, "s") || strings.HasSuffix(last, "x") {
		base += last[len(last)-1:]
	}
	return base
}

// appendFold appends word to buf folded for matching: in lower case,
// its letters without their diacritics ("À" is "a", as Unicode decomposes
// it; "œ" stays), a typographic apostrophe as a straight one, and without
// its inclusive-writing endings (inclusiveBase). A
// difference these hide costs a near-exact match one point (see
// wordDiff).
func appendFold(buf []byte, word string) []byte {
	word = inclusiveBase(word)
	var one [utf8.UTFMax]byte
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		i += n
		if b, ok := latinFold(r); ok {
			buf = append(buf, b)
			continue
		}
		switch {
		case r == '’' || r == 'ʼ':
			buf = append(buf, '\'')
			continue
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark, as the decomposed letters' below
		}
		lower := one[:utf8.EncodeRune(one[:], unicode.ToLower(r))]
		d := norm.NFD.Properties(lower).Decomposition()
		if !hasMark(d) {
			buf = append(buf, lower...) // nothing to drop: a Hangul syllable stays whole
			continue
		}
		for len(d) > 0 {
			dr, dn := utf8.DecodeRune(d)
			if !unicode.Is(unicode.Mn, dr) {
				buf = utf8.AppendRune(buf, dr)
			}
			d = d[dn:]
		}
	}
	return buf
}

// latinFold returns the folded letter of r (see appendFold) for the
// letters with diacritics of French and Spanish, the most of the
// non-ASCII letters a memory holds, without decomposing them; false for
// any other rune.
func latinFold(r rune) (byte, bool) {
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'À', 'Â', 'Ä', 'Á', 'Ã':
		return 'a', true
	case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë':
		return 'e', true
	case 'î', 'ï', 'í', 'ì', 'Î', 'Ï', 'Í', 'Ì':
		return 'i', true
	case 'ô', 'ö', 'ó', 'ò', 'õ', 'Ô', 'Ö', 'Ó', 'Ò', 'Õ':
		return 'o', true
	case 'ù', 'û', 'ü', 'ú', 'Ù', 'Û', 'Ü', 'Ú':
		return 'u', true
	case 'ç', 'Ç':
		return 'c', true
	case 'ñ', 'Ñ':
		return 'n', true
	case 'ÿ', 'ý', 'Ý':
		return 'y', true
	}
	return 0, false
}

// hasMark reports whether the UTF-8 bytes d hold a combining mark.
func hasMark(d []byte) bool {
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		if unicode.Is(unicode.Mn, r) {
			return true
		}
		d = d[n:]
	}
	return false
}

// numberJoiner reports whether r, between two digits, keeps them in one
// number: a decimal or thousands separator, or the separator of a date,
// time or fraction. A date or a time is one number to the reviewer: one
// change, one penalty, one repair.
func numberJoiner(r rune) bool {
	return r == ',' || r == '.' || r == '-' || r == ':' || r == '/'
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// content returns the tokens that count in similarity: words, numbers and
// codes (punctuation is a penalty, not a word).
func contentTokens(ts []token) []token {
	out := make([]token, 0, len(ts))
	for _, t := range ts {
		if t.kind != tokPunct {
			out = append(out, t)
		}
	}
	return out
}

// IndexTerms returns the terms of key that the fuzzy index holds: the stem
// of each word (see stem), numbers as "#", code placeholders but for the
// closing code of a pair (a pair is one piece of markup, counted once at
// its opening, as the score counts it: see gapCost). A heading or list
// number the key starts with ("2. ", "IV. ") is no term: the index notes
// that the unit has one instead (see Index).
func IndexTerms(key string) []string {
	var out []string
	var buf []byte
	key = stripHeading(key)
	scanKey(key, func(kind tokKind, i, j int, _ bool) {
		var ok bool
		if buf, ok = appendTerm(buf[:0], key, kind, i, j); ok {
			out = append(out, string(buf))
		}
	})
	return out
}

// HasIndexTerms reports whether key has at least one index term: whether
// the index can tell which units share terms with it.
func HasIndexTerms(key string) bool {
	found := false
	scanKey(key, func(kind tokKind, i, j int, _ bool) {
		found = found || isTerm(kind, key[i:j])
	})
	return found
}

// appendTerm appends to buf the index term of the token key[i:j] of the
// given kind, as IndexTerms describes, and reports false for punctuation
// and a pair's closing code, which are no terms. The index calls it to look
// terms up without allocating.
func appendTerm(buf []byte, key string, kind tokKind, i, j int) ([]byte, bool) {
	if !isTerm(kind, key[i:j]) {
		return buf, false
	}
	switch kind {
	case tokWord:
		buf = appendFold(buf, key[i:j])
		return buf[:len(stem(string(buf)))], true
	case tokNumber:
		return append(buf, '#'), true
	}
	return append(buf, key[i:j]...), true
}

// isTerm reports whether the token text of the given kind is an index
// term: a word, a number, or a code but a pair's closing one. The closing
// code weighs nothing in the score (gapCost); counted by the index, it
// would lengthen both keys and let a missing pair cost the index two terms
// where the score takes one word, and the index's similarity would no
// longer bound the score from above.
func isTerm(kind tokKind, text string) bool {
	switch kind {
	case tokWord, tokNumber:
		return true
	case tokCode:
		return !strings.HasPrefix(text, "{/")
	}
	return false
}

// stem returns a folded word without its inflectional ending, so that two
// inflections of one word share it ("règle" and "règles" give "règl",
// "présente" and "présentent" give "présent"): the index finds units whose
// words differ by an ending, and the score counts such a change as part of
// a word (see wordCost). The rule is light and the same for every
// language: a final s or x, then the nt of a verb's -ent, then a final e,
// each only while 4 letters are left. Two unrelated words rarely share a
// stem, so the index keeps telling words apart.
func stem(fold string) string {
	cut := func(suffix string) {
		if strings.HasSuffix(fold, suffix) && utf8.RuneCountInString(fold)-len(suffix) >= 4 {
			fold = fold[:len(fold)-len(suffix)]
		}
	}
	if strings.HasSuffix(fold, "s") {
		cut("s")
	} else {
		cut("x")
	}
	if strings.HasSuffix(fold, "ent") {
		cut("nt")
	}
	cut("e")
	return fold
}

// LooseKey returns the key with codes, punctuation and blanks left out and
// letters in lower case, numbers kept: two sources with the same loose key
// are at least a near-exact match.
func LooseKey(key string) string {
	b := make([]byte, 0, len(key))
	scanKey(key, func(kind tokKind, i, j int, _ bool) {
		switch kind {
		case tokWord:
			b = appendFold(b, key[i:j])
			b = append(b, ' ')
		case tokNumber:
			b = append(b, key[i:j]...)
			b = append(b, ' ')
		}
	})
	return string(b)
}

// Hash returns a 64-bit hash of s (FNV-1a), never 0 for a non-empty s.
func Hash(s string) uint64 {
	if s == "" {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(s))
	v := h.Sum64()
	if v == 0 {
		v = 1
	}
	return v
}

// ContextHash returns the context hash of a neighbouring segment's key, for
// Unit.Prev, Unit.Next and the same fields of Query; 0 when there is no
// neighbour (key is empty).
func ContextHash(key string) uint64 { return Hash(key) }

// Neighbours returns the context of the i-th of a run of consecutive
// segments whose keys (document.Content.Key) are keys: the ContextHash of
// the previous and of the next segment's key, 0 at either end of the run.
// It is the one definition of a segment's context: the batch computes a
// Query's Prev and Next with it over a document's segments, and review
// import a Unit's over an XLIFF file's, so that a unit learnt from a file
// is found in context when the same document is translated again.
func Neighbours(keys []string, i int) (prev, next uint64) {
	if i > 0 {
		prev = ContextHash(keys[i-1])
	}
	if i+1 < len(keys) {
		next = ContextHash(keys[i+1])
	}
	return prev, next
}

// heading is the heading or list number a key starts with, as headingOf
// finds it.
type heading struct {
	num  string // the number as written: "2", "2.3", "IV", "a"
	mark string // the number and its closing mark as written: "2.", "2.3", "IV.", "a)"
	end  int    // where the text it numbers starts: after mark and the blanks that follow
	toks int    // the tokens of the key it spans (see tokenize): the number, and its mark if any
}

// headingOf returns the heading or list number s (a key or a text) starts
// with, and reports whether there is one: "2. ", "3) ", "2.3 ", "2.3.1. ",
// "IV. ", "a) ", followed by the text it numbers (a word or a code). A
// number is one to three digits, or up to four such groups joined by dots;
// a single group needs its mark ("." or ")"), so that "3 serveurs" and "12
// mars" are counts and dates, not headings, nor is "2021. " (four digits).
// A Roman number (I, V and X only: "M. Dupont" is a person) needs "." or
// ")", a lower-case letter needs ")".
func headingOf(s string) (heading, bool) {
	h, ok := parseHeading(s)
	if !ok {
		return heading{}, false
	}
	return h, true
}

// parseHeading is headingOf, but for what it returns with false.
func parseHeading(s string) (heading, bool) {
	var h heading
	i := 0
	switch {
	case i < len(s) && isDigitByte(s[i]):
		groups := 0
		for {
			j := i
			for j < len(s) && isDigitByte(s[j]) {
				j++
			}
			if j == i || j-i > 3 {
				return h, false
			}
			groups++
			i = j
			if groups < 4 && i+1 < len(s) && s[i] == '.' && isDigitByte(s[i+1]) {
				i++
				continue
			}
			break
		}
		if i < len(s) && (isDigitByte(s[i]) || (numberJoiner(rune(s[i])) && i+1 < len(s) && isDigitByte(s[i+1]))) {
			return h, false // a longer number, or a date or a time
		}
		h.num = s[:i]
		if groups == 1 && (i == len(s) || (s[i] != '.' && s[i] != ')')) {
			return h, false
		}
	case i < len(s) && strings.IndexByte("IVX", s[i]) >= 0:
		for i < len(s) && strings.IndexByte("IVX", s[i]) >= 0 {
			i++
		}
		h.num = s[:i]
		if i == len(s) || (s[i] != '.' && s[i] != ')') {
			return h, false
		}
	case i < len(s) && 'a' <= s[i] && s[i] <= 'z':
		i++
		h.num = s[:i]
		if i == len(s) || s[i] != ')' {
			return h, false
		}
	default:
		return h, false
	}
	if i == len(s) {
		return h, false
	}
	h.toks = 1
	if s[i] == '.' || s[i] == ')' {
		i++
		h.toks = 2
	}
	h.mark = s[:i]
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isSpace(r) {
			break
		}
		j += n
	}
	if j == i || j == len(s) {
		return h, false // a blank, then the text it numbers
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if kind, _, n := document.ParsePlaceholder(s[j:]); !isWordRune(r) && (n == 0 || kind == document.Close) {
		return h, false
	}
	h.end = j
	return h, true
}

// stripHeading returns s without the heading or list number it starts with
// (see headingOf), or s when it has none.
func stripHeading(s string) string {
	if h, ok := headingOf(s); ok {
		return s[h.end:]
	}
	return s
}
