package segment

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// A candidate is a place where a sentence may end: a run of terminators
// ("." "?!" "…" "..."), the closing punctuation attached to it, and the white
// space up to the next sentence's first character. In
// "« Est-ce clair ? » Il hésita.", text[s:t] is "?", text[t:p] is " »" and
// q is the offset of "Il". The break, if the rules decide for one, is at q.
type candidate struct {
	s, t  int // the terminator run is text[s:t]
	p     int // end of the closing punctuation: the sentence ends here
	q     int // first non-blank character after p: the next sentence starts here
	flags uint8
}

const (
	candKnown  uint8 = 1 << iota // a terminator our rules know: the language rules apply
	candForced                   // a blank line or paragraph separator: always a break
)

// boundaries appends to out the offsets where sentences start in text,
// other than 0, in increasing order.
func (r *Rules) boundaries(text string, out []int) []int {
	if len(text) == 0 {
		return out
	}
	start := len(out)
	var decided map[int]bool
	if len(r.srx) > 0 {
		decided = map[int]bool{}
		out = r.srxBreaks(text, decided, out)
	}
	if r.builtin {
		cands := r.candidates(text)
		for i := range cands {
			c := &cands[i]
			if decided != nil {
				if _, ok := decided[c.p]; ok {
					continue
				}
			}
			if r.decide(text, c) {
				out = append(out, c.q)
			}
		}
	}
	return clean(text, out, start)
}

// clean sorts out[start:], drops duplicates, offsets outside (0, len(text))
// and offsets that would leave a blank piece of text before them.
func clean(text string, out []int, start int) []int {
	bs := out[start:]
	if !sort.IntsAreSorted(bs) {
		sort.Ints(bs)
	}
	n := start
	last := 0
	for _, b := range bs {
		if b <= last || b >= len(text) {
			continue
		}
		if isBlank(text[last:b]) {
			continue
		}
		out[n] = b
		n++
		last = b
	}
	return out[:n]
}

// candidates finds every place where a sentence may end, ordered by
// position.
func (r *Rules) candidates(text string) []candidate {
	cands := scan(text, r.data.spaced, nil)
	n := len(cands)
	cands = appendParagraphs(text, cands)
	if len(cands) > n {
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].q < cands[j].q })
	}
	return cands
}

// scan appends to out the candidates in text: the terminators our rules
// know (flagged candKnown), and the other sentence terminators of UAX #29
// (Devanagari danda, Armenian full stop…), which UAX #29 alone judges.
func scan(text string, spaced bool, out []candidate) []candidate {
	for i := 0; i < len(text); {
		c := text[i]
		n := 1
		var flags uint8
		if c < utf8.RuneSelf {
			if c != '.' && c != '?' && c != '!' {
				i++
				continue
			}
			flags = candKnown
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(text[i:])
			switch {
			case isTerminator(r):
				flags = candKnown
			case !isOtherTerminator(r):
				i += n
				continue
			}
		}
		s := i
		j := i + n
		for j < len(text) {
			r, m := utf8.DecodeRuneInString(text[j:])
			if !isTerminator(r) && (flags&candKnown != 0 || !isOtherTerminator(r)) {
				break
			}
			j += m
		}
		t := j
		j = skipClosers(text, j, spaced && flags&candKnown != 0)
		// A candidate at the end of the text breaks nothing, but it keeps
		// the text from being judged again.
		out = append(out, candidate{s: s, t: t, p: j, q: skipSpace(text, j), flags: flags})
		i = j
	}
	return out
}

// uaxBreaks reports whether UAX #29 puts a sentence boundary in (s, q] of
// candidate c. It runs uniseg over a window only: from the start of the
// word before the terminator (maxToken bytes back at most) to the first
// letter after q, which is all the context the UAX #29 rules look at.
func uaxBreaks(text string, c *candidate) bool {
	if plainBreak(text, c) {
		return true
	}
	return uniBreaks(text, c)
}

// plainBreak reports whether c is the most common end of a sentence, one
// whose verdict UAX #29 gives without context: a single ".", "?" or "!",
// nothing attached, spaces, then a capital ("fin. Le", "où ? Dans"). The
// rules SB8, SB8a and SB11 break there, whatever comes before, and no rule
// keeps the sentence going before a capital.
func plainBreak(text string, c *candidate) bool {
	if c.t != c.s+1 || c.p != c.t || c.q == c.p || c.q >= len(text) {
		return false
	}
	switch text[c.s] {
	case '.', '?', '!':
	default:
		return false
	}
	for i := c.p; i < c.q; i++ {
		if text[i] != ' ' {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(text[c.q:])
	return unicode.IsUpper(r)
}

// uniBreaks is uaxBreaks asking uniseg.
func uniBreaks(text string, c *candidate) bool {
	start := tokenStart(text, c.s)
	if start < 0 {
		start = c.s - maxToken
		for start < c.s && !utf8.RuneStart(text[start]) {
			start++
		}
	}
	end := c.q
	for end < len(text) && end-c.q < 256 {
		r, n := utf8.DecodeRuneInString(text[end:])
		end += n
		if unicode.IsLetter(r) || isTerminator(r) || r == '\n' || r == '\r' {
			break
		}
	}
	// uniseg looks ahead at every terminator, closer and blank it meets: a
	// long run of them (thousands of ")" or spaces) reads as its first
	// character, or the work grows with the square of the run.
	const long = 8
	window, q := text[start:end], c.q-start
	if c.t-c.s > long || c.p-c.t > long || c.q-c.p > long {
		b := make([]byte, 0, c.s-start+3*utf8.UTFMax+end-c.q)
		b = append(b, text[start:c.s]...)
		for _, run := range [...][2]int{{c.s, c.t}, {c.t, c.p}, {c.p, c.q}} {
			piece := text[run[0]:run[1]]
			if len(piece) > long {
				_, n := utf8.DecodeRuneInString(piece)
				piece = piece[:n]
			}
			b = append(b, piece...)
		}
		q = len(b)
		b = append(b, text[c.q:end]...)
		window = string(b)
	}
	s := c.s - start
	off, state := 0, -1
	for len(window) > 0 {
		var sentence string
		sentence, window, state = uniseg.FirstSentenceInString(window, state)
		off += len(sentence)
		if len(window) == 0 || off > q {
			return false
		}
		if off > s {
			return true
		}
	}
	return false
}

// isOtherTerminator reports whether r ends a sentence in UAX #29 though
// our rules do not know it: a Sentence_Break STerm or ATerm beyond the
// Latin range, such as the Devanagari danda. It asks uniseg whether "aR B"
// breaks after R.
func isOtherTerminator(r rune) bool {
	if r < 0x0589 || !unicode.Is(unicode.Po, r) || isTerminator(r) {
		return false
	}
	var buf [8]byte
	buf[0] = 'a'
	n := 1 + utf8.EncodeRune(buf[1:], r)
	buf[n], buf[n+1] = ' ', 'B'
	sentence, _, _ := uniseg.FirstSentence(buf[:n+2], -1)
	return len(sentence) < n+2
}

// skipClosers returns the end of the closing punctuation (and further
// terminators) at text[j:]: `.”`, `?)`, `!».`. With spaced, a "»" or "›"
// separated from the terminator by one or two spaces (French spacing,
// "? »") closes the sentence too.
func skipClosers(text string, j int, spaced bool) int {
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if isCloser(r) || isTerminator(r) {
			j += n
			continue
		}
		if !spaced || !isInlineSpace(r) {
			break
		}
		k := j + n
		if k < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[k:])
			if isInlineSpace(r2) {
				k += n2
				r2, n2 = utf8.DecodeRuneInString(text[k:])
			}
			if r2 == '»' || r2 == '›' {
				j = k + n2
				continue
			}
		}
		break
	}
	return j
}

// appendParagraphs adds forced candidates at blank lines and paragraph
// separators, which always end a sentence.
func appendParagraphs(text string, out []candidate) []candidate {
	if strings.IndexByte(text, '\n') < 0 && !strings.ContainsRune(text, '\u2029') {
		return out
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		para := r == '\u2029'
		if r == '\n' {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\f' || text[j] == '\v') {
				j++
			}
			para = j < len(text) && text[j] == '\n'
		}
		if para {
			p := trimSpaceLeft(text, i)
			q := skipSpace(text, i)
			if p > 0 && q < len(text) {
				out = append(out, candidate{s: p, t: p, p: p, q: q, flags: candForced})
			}
			i = q
			continue
		}
		i += n
	}
	return out
}

// decide applies the built-in rules, in order, to a candidate: the first
// rule that applies decides; when none does, UAX #29 does.
func (r *Rules) decide(text string, c *candidate) bool {
	if c.flags&candForced != 0 {
		return true
	}
	// What UAX #29 says is the default verdict; it costs a run of uniseg,
	// so it is asked only when no rule decides first.
	uax := func() bool { return uaxBreaks(text, c) }
	if c.flags&candKnown == 0 {
		return uax()
	}
	term := text[c.s:c.t]
	// 1. No space after the punctuation: a URL ("media.html",
	// "?id=2"), an e-mail address, a number ("1.5"), a missing space.
	// Ideographic full stops take no space and still end a sentence.
	if c.q == c.p && !isWide(term) {
		return false
	}
	nx := nextWord(text, c.q)
	// 2. An inverted question or exclamation mark opens a sentence
	// ("… Sí. ¿Vienes?").
	if nx.inverted {
		return true
	}
	// 3. A lower-case word continues the sentence: "« Est-ce clair ? »
	// demanda-t-il.", "etc. et", "“Is it?” he said", "hésita… puis".
	if unicode.IsLower(nx.r) {
		return false
	}
	// 4. A dash of dialogue before a capital opens a reply ("? — Oui"),
	// which UAX #29 would glue to the question.
	if nx.dash && isUpper(nx.r) {
		return true
	}
	// 5. Ellipses: "(…)" and "[…]" mark a cut in a quotation; otherwise an
	// ellipsis before a capital ends the sentence.
	if isEllipsis(term) {
		if c.p == c.t+1 && (text[c.t] == ')' || text[c.t] == ']') && c.s > 0 &&
			(text[c.s-1] == '(' || text[c.s-1] == '[') {
			return false
		}
		return isUpper(nx.r) || uax()
	}
	// 6. Abbreviations, initials, acronyms and list numbers end in a single
	// period with nothing attached to it.
	if term == "." && c.p == c.t {
		tokStart := tokenStart(text, c.s)
		if tokStart < 0 {
			return uax()
		}
		tok := text[tokStart : c.s+1]
		if r.data.continues(tok, text[c.q:]) {
			return false // "a. C.", "EE. UU.", "p. ex."
		}
		switch r.data.lookup(prevToken(text, tokStart), tok) {
		case abbrTitle:
			return false // "M. Dupont", "cf. supra", "p. 12", "Mr. Smith", "Sr. López"
		case abbrNumber:
			if unicode.IsDigit(nx.r) {
				return false // "nov. 2017", "No. 5", "núm. 3"
			}
			return uax()
		case abbrFinal:
			return uax() // "etc. Fin." breaks, "etc. et" does not (rule 3)
		case abbrAmbiguous:
			return r.data.starts(nx) // "av. J.-C. La ville" breaks, "EE. UU. Obama" does not
		}
		switch {
		case isInitials(tok):
			if strings.IndexByte(tok, '-') >= 0 {
				return false // "J.-P. Sartre"
			}
			return r.data.starts(nx) // "J. Dupont" does not break, "l'annexe B. Les" does
		case isAcronym(tok):
			return r.data.starts(nx) // "l'O.N.U. Elle" breaks, "U.S. Army" does not
		case isEnumerator(tok) && isBlank(text[:tokStart]):
			return false // "1. Introduction", "IV. Résultats"
		}
	}
	return uax()
}

// next describes the start of the text after a candidate.
type next struct {
	r        rune   // first letter or digit after opening punctuation (or the first rune)
	word     string // the letters from r on
	apos     bool   // the word is followed by an apostrophe ("L'", "Qu’")
	inverted bool   // an inverted mark (¿ ¡) comes first
	dash     bool   // a dash comes first ("— Oui")
}

func nextWord(text string, q int) next {
	var nx next
	i := q
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '¿' || r == '¡':
			nx.inverted = true
		case r == '—' || r == '–' || r == '-':
			nx.dash = true
		case isOpener(r) || (i > q && unicode.IsSpace(r)):
		default:
			nx.r = r
			j := i
			for j < len(text) {
				r2, m := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += m
			}
			nx.word = text[i:j]
			if j < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[j:])
				nx.apos = r2 == '\'' || r2 == '’'
			}
			return nx
		}
		i += n
	}
	return nx
}

// maxToken is the longest word the rules look at: longer "words" (URLs,
// runs of dots) are no abbreviation, and scanning them again at every period
// would make the work quadratic.
const maxToken = 64

// tokenStart returns where the word that ends at offset end starts: after
// the last blank, opening bracket or quotation mark, and elided article
// ("(cf.", "l'art.", "«M.", "J.-P."). It looks back maxToken bytes at most
// and returns -1 for a longer word.
func tokenStart(text string, end int) int {
	i := end
	for i > 0 {
		if end-i > maxToken {
			return -1
		}
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if isSpace(r) || r == '\'' || r == '’' || r == '"' || r == '(' || r == '[' || r == '{' ||
			r == '¿' || r == '¡' || r == '—' || unicode.In(r, unicode.Ps, unicode.Pi) {
			break
		}
		i -= n
	}
	return i
}

// prevToken returns the word before the one starting at start, if only
// blanks separate them: "av." before "J.-C.".
func prevToken(text string, start int) string {
	end := trimSpaceLeft(text, start)
	if end == start || end == 0 {
		return ""
	}
	if i := tokenStart(text, end); i >= 0 {
		return text[i:end]
	}
	return ""
}

// isInitials reports whether tok is one or more capital initials joined by
// hyphens: "J.", "J.-P.", "J.-M.-G.".
func isInitials(tok string) bool {
	for {
		r, n := utf8.DecodeRuneInString(tok)
		if !isUpper(r) || len(tok) < n+1 || tok[n] != '.' {
			return false
		}
		tok = tok[n+1:]
		if tok == "" {
			return true
		}
		if tok[0] != '-' {
			return false
		}
		tok = tok[1:]
	}
}

// isAcronym reports whether tok is a dotted acronym: two or more groups of
// letters each followed by a period, where every group is one letter
// ("O.N.U.", "U.S.", "a.m.") or all are capitals of up to three letters
// ("EE.UU.", "S.A.").
func isAcronym(tok string) bool {
	groups, single, caps := 0, true, true
	for tok != "" {
		i, letters := 0, 0
		for i < len(tok) {
			r, n := utf8.DecodeRuneInString(tok[i:])
			if !unicode.IsLetter(r) {
				break
			}
			if !isUpper(r) {
				caps = false
			}
			letters++
			i += n
		}
		if letters == 0 || i >= len(tok) || tok[i] != '.' {
			return false
		}
		if letters > 1 {
			single = false
		}
		if letters > 3 {
			caps = false
		}
		groups++
		tok = tok[i+1:]
	}
	return groups >= 2 && (single || caps)
}

// isEnumerator reports whether tok is a list number: "1.", "2.1.", "IV.",
// "a.".
func isEnumerator(tok string) bool {
	body := strings.TrimSuffix(tok, ".")
	if body == "" {
		return false
	}
	digits, roman := true, true
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !(c >= '0' && c <= '9') && !(c == '.' && i > 0) {
			digits = false
		}
		if !strings.ContainsRune("IVXLCDM", rune(c)) {
			roman = false
		}
	}
	if digits || (roman && len(body) <= 6) {
		return true
	}
	r, n := utf8.DecodeRuneInString(body)
	return n == len(body) && unicode.IsLetter(r)
}

// isEllipsis reports whether the terminator run is an ellipsis: "…" or
// two or more periods.
func isEllipsis(term string) bool {
	return strings.ContainsRune(term, '…') || strings.Count(term, ".") >= 2
}

// isWide reports whether the terminator run ends in an ideographic or
// full-width terminator, which takes no space after it.
func isWide(term string) bool {
	r, _ := utf8.DecodeLastRuneInString(term)
	switch r {
	case '。', '．', '！', '？', '｡':
		return true
	}
	return false
}

// isTerminator reports whether r ends a sentence for our rules.
func isTerminator(r rune) bool {
	switch r {
	case '.', '?', '!', '…', '‼', '⁇', '⁈', '⁉', '‽', '。', '．', '！', '？', '｡':
		return true
	}
	return false
}

// isCloser reports whether r closes a quotation or parenthesis when it
// comes straight after a terminator: `.)`, `?”`, `!»`, `."`, and the
// German `.“`.
func isCloser(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ')' || r == ']' || r == '}' || r == '"' || r == '\''
	}
	return unicode.In(r, unicode.Pe, unicode.Pf, unicode.Pi)
}

// isOpener reports whether r may come before the first word of a sentence:
// opening brackets and quotation marks, dashes of dialogue.
func isOpener(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '(' || r == '[' || r == '{' || r == '"' || r == '\'' || r == '-'
	}
	return r == '—' || r == '–' || unicode.In(r, unicode.Ps, unicode.Pi, unicode.Pf)
}

// isInlineSpace reports whether r is a space that may stand between a
// terminator and a French closing guillemet.
func isInlineSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\t'
}

func isUpper(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) }

// isSpace is the white space that separates sentences and is trimmed from
// segment edges: Unicode White_Space, no-break spaces included.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// skipSpace returns the offset of the first non-blank rune at or after i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			return i
		}
		i += n
	}
	return i
}

// trimSpaceLeft returns the offset just after the last non-blank rune
// before i (0 if there is none).
func trimSpaceLeft(text string, i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !isSpace(r) {
			return i
		}
		i -= n
	}
	return 0
}

// isBlank reports whether s is empty or only white space.
func isBlank(s string) bool { return skipSpace(s, 0) == len(s) }
