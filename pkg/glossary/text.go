package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is a word (letters, digits and marks) or a single punctuation
// character of a text, as a byte span. Blanks and hyphens separate tokens
// and are not tokens themselves, so "ONU-Habitat", "ONU Habitat" and
// "ONU\u00a0Habitat" are the same two tokens.
type token struct {
	start, end int
	punct      bool
}

const softHyphen = '\u00ad'

// tokenize appends the tokens of s to out.
func tokenize(s string, out []token) []token {
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		switch {
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, sz := decodeRune(s, j)
				if !isWordRune(r2) && r2 != softHyphen {
					break
				}
				j += sz
			}
			out = append(out, token{start: i, end: j})
			i = j
		case isSeparator(r):
			i += size
		default:
			out = append(out, token{start: i, end: i + size, punct: true})
			i += size
		}
	}
	return out
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark (so that text in NFD stays one word); apostrophes that
// Unicode counts as letters (U+02BC) are not.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !isApostrophe(r)
}

// isSeparator reports whether r only separates words: white space
// (no-break spaces included), hyphens, en and em dashes, and the soft
// hyphen.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '-', '\u2010', '\u2011', '\u2013', '\u2014', softHyphen:
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// isApostrophe reports whether r is written for an apostrophe: the
// typewriter one, the typographic one (U+2019) and their look-alikes.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02bc', '\u2018', '\u00b4', '\uff07':
		return true
	}
	return false
}

// ligature returns the letters a ligature stands for, or "".
func ligature(r rune) string {
	switch r {
	case 'œ':
		return "oe"
	case 'Œ':
		return "OE"
	case 'æ':
		return "ae"
	case 'Æ':
		return "AE"
	case 'ß':
		return "ss"
	case '\ufb00':
		return "ff"
	case '\ufb01':
		return "fi"
	case '\ufb02':
		return "fl"
	case '\ufb03':
		return "ffi"
	case '\ufb04':
		return "ffl"
	}
	return ""
}

// nfc returns s in Unicode normalization form C.
func nfc(s string) string {
	if isASCII(s) {
		return s
	}
	return norm.NFC.String(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normToken returns a token's text as tokens are compared: NFC,
// ligatures spelt out, every apostrophe as "'", soft hyphens dropped.
func normToken(s string) string {
	if isASCII(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == softHyphen:
		case isApostrophe(r):
			b.WriteByte('\'')
		case ligature(r) != "":
			b.WriteString(ligature(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// appendKey appends the skeleton of a token to buf: lower case, without
// diacritics, ligatures spelt out, apostrophes as "'". The index is keyed
// by skeletons; the exact comparison comes after (sameToken).
func appendKey(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == softHyphen || unicode.IsMark(r):
		case isApostrophe(r):
			buf = append(buf, '\'')
		case ligature(r) != "":
			buf = append(buf, strings.ToLower(ligature(r))...)
		default:
			buf = utf8.AppendRune(buf, baseRune(unicode.ToLower(r)))
		}
	}
	return buf
}

// baseRune returns r without its diacritics ("é" → "e", "É" → "E").
func baseRune(r rune) rune {
	if r < 0xc0 {
		return r
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition()
	if len(d) == 0 {
		return r
	}
	b, _ := utf8.DecodeRune(d)
	return b
}

// sameToken compares a term's token with a text's token, both in the form
// normToken gives. Letter case counts only when caseSensitive; a capital
// written without its accent matches the accented letter ("Etats" is
// "États"); other diacritics count unless fold, and folded reports whether
// folding was needed.
func sameToken(term, text string, caseSensitive, fold bool) (ok, folded bool) {
	if term == text {
		return true, false
	}
	tr, xr := []rune(term), []rune(text)
	if len(tr) != len(xr) {
		return false, false
	}
	for i, a := range tr {
		b := xr[i]
		switch {
		case a == b:
		case !caseSensitive && unicode.ToLower(a) == unicode.ToLower(b):
		case unicode.IsUpper(b) && (unicode.IsUpper(a) || !caseSensitive) && baseRune(unicode.ToUpper(a)) == b:
		case fold && caseSensitive && baseRune(a) == baseRune(b):
			folded = true
		case fold && !caseSensitive && baseRune(unicode.ToLower(a)) == baseRune(unicode.ToLower(b)):
			folded = true
		default:
			return false, false
		}
	}
	return true, folded
}
