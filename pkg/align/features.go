package align

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// feature is what the scores read of one sentence, or of one block: its
// length in characters and three sorted lists of hashes held in the
// aligner's arena, [g0,g1) its character trigrams (of its machine
// translation, on the source side, when there is one), [n0,n1) its
// numbers, URLs and codes, [t0,t1) its termbase concepts.
// [u2, u3) are the trigrams of the item and the next one together, and
// [u3, u4) of the item and the next two (empty at the end of the text), so
// that a bead of several sentences is compared as one text.
type feature struct {
	runes          int
	g0, g1         int32
	u2, u3, u4     int32
	n0, n1, t0, t1 int32
}

// mergeSorted appends to dst the sorted union (with repeats) of the
// sorted lists a and b.
func mergeSorted(dst, a, b []uint32) []uint32 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			dst = append(dst, a[i])
			i++
		} else {
			dst = append(dst, b[j])
			j++
		}
	}
	dst = append(dst, a[i:]...)
	return append(dst, b[j:]...)
}

// addGrams appends to dst the hashes of the character trigrams of s, as
// chrF counts them: letters and digits lower-cased and stripped of their
// diacritics, every other run of characters one blank.
func addGrams(dst []uint32, s string) []uint32 {
	r0, r1 := rune(' '), rune(' ')
	blank := true
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			default:
				r = ' '
			}
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = fold(unicode.ToLower(r))
		} else {
			r = ' '
		}
		if r == ' ' {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		dst = append(dst, gramHash(r0, r1, r))
		r0, r1 = r1, r
	}
	if !blank {
		dst = append(dst, gramHash(r0, r1, ' '))
	}
	return dst
}

func gramHash(a, b, c rune) uint32 {
	h := uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D
	h ^= h >> 15
	h *= 0x2C1B3C6D
	return h ^ h>>13
}

// fold takes the diacritic off the Latin letters of French, English and
// Spanish, so that "diabète" and "diabetes" share their trigrams.
func fold(r rune) rune {
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'å':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'ö', 'õ':
		return 'o'
	case 'ú', 'ù', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	}
	return r
}

// addMarks appends to dst the hashes of what a translation keeps as it is:
// numbers (their digits only, so that "1,000", "1 000" and "1000" are one)
// and URLs and e-mail addresses.
func addMarks(dst []uint32, s string) []uint32 {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			var h uint32 = 2166136261
			j := i
			for j < len(s) {
				d := s[j]
				if d >= '0' && d <= '9' {
					h = (h ^ uint32(d)) * 16777619
				} else if !((d == ',' || d == '.' || d == ' ') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' && j > i) {
					break
				}
				j++
			}
			dst = append(dst, h|1)
			i = j
		case c == 'h' && (strings.HasPrefix(s[i:], "http://") || strings.HasPrefix(s[i:], "https://")), c == 'w' && strings.HasPrefix(s[i:], "www."):
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != ')' && s[j] != '>' && s[j] != '"' {
				j++
			}
			dst = append(dst, hashString(s[i:j])&^1)
			i = j
		default:
			i++
		}
	}
	return dst
}

// hashString is FNV-1a over the bytes of s.
func hashString(s string) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// common counts the hashes a and b, two sorted lists, have in common, each
// as many times as it is in both.
func common(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// sortRange sorts the arena between from and its end and returns the
// range's bounds.
func sortRange(arena []uint32, from int) (int32, int32) {
	slices.Sort(arena[from:])
	return int32(from), int32(len(arena))
}
