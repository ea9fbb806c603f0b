package qa

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// num is a number found in a text: as written, its value in a canonical
// form (digits, "." before decimals, no leading zeros) and where it is.
type num struct {
	text, value string
	off         int
}

// groupSeps and decimalSeps are how each language writes numbers. A group
// separator must be followed by exactly three digits.
func seps(lang language.Tag) (group string, decimal rune) {
	switch base(lang) {
	case "en":
		return ",", '.'
	case "es":
		return ". \u00a0\u202f", ','
	default: // fr and the rest
		return " \u00a0\u202f.", ','
	}
}

// ordinal suffixes that may follow a number's digits, singular and
// plural ("les 2es rencontres", "les 1res assises").
var ordinals = []string{"st", "nd", "rd", "th", "er", "re", "ère", "e", "ème", "eme", "de", "nde", "d",
	"ers", "res", "ères", "es", "èmes", "emes", "des", "ndes", "nds", "o", "a", "º", "ª", "h"}

// roman is a French ordinal in Roman numerals (XXIe siècle); bareRoman
// after "siglo" is the Spanish way (siglo XXI).
var (
	roman       = regexp.MustCompile(`^[IVXLC]{2,}(?:e|er|ème)$`)
	bareRoman   = regexp.MustCompile(`^[IVXLC]+$`)
	sigloBefore = regexp.MustCompile(`(?i)\bsiglos?\s+$`)
)

// numbers returns the numbers of text read in lang's format. Digits inside
// words (MC2CM, #Cities4Migration) are not numbers; French ordinals in
// Roman numerals (XXIe) are.
func numbers(text string, lang language.Tag) []num {
	group, dec := seps(lang)
	var out []num
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isDigit(r) && !(r >= 'I' && r <= 'X') {
			i += size
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if i > 0 && (unicode.IsLetter(prev) || isDigit(prev) || prev == '_' || prev == '#' || prev == '/') {
			i = skipWord(text, i)
			continue
		}
		if !isDigit(r) { // a Roman numeral ordinal?
			end := skipWord(text, i)
			switch w := text[i:end]; {
			case roman.MatchString(w):
				out = append(out, num{text: w, value: romanValue(strings.TrimRight(w, "erèm")), off: i})
			case base(lang) == "es" && bareRoman.MatchString(w) && sigloBefore.MatchString(text[:i]):
				out = append(out, num{text: w, value: romanValue(w), off: i})
			}
			i = end
			continue
		}
		start := i
		if k := dottedID(text, i); k > i {
			// An address or a version ("192.168.1.151", "1.2.3"),
			// compared as it is written.
			out = append(out, num{text: text[start:k], value: text[start:k], off: start})
			i = skipWord(text, k)
			continue
		}
		var digits strings.Builder
		j := i
		for j < len(text) {
			c, n := utf8.DecodeRuneInString(text[j:])
			switch {
			case isDigit(c):
				digits.WriteRune(c)
				j += n
				continue
			case strings.ContainsRune(group, c) && threeDigits(text[j+n:]) && groupOK(digits.String()):
				j += n
				continue
			case c == dec && j+n < len(text) && isDigitAt(text, j+n) && !strings.Contains(digits.String(), "."):
				digits.WriteByte('.')
				j += n
				continue
			}
			break
		}
		end := j
		// A "." this language does not read there, and digits after it
		// ("3.34" or "24.04" in French, "1.2.3" anywhere): a version or
		// an identifier, compared as it is written.
		if k := dottedEnd(text, j); k > j && digits.String() == text[start:j] {
			v := text[start:k]
			if strings.Count(v, ".") == 1 {
				v = canonical(v) // "2.0" is the English 2.0
			}
			out = append(out, num{text: text[start:k], value: v, off: start})
			i = skipWord(text, k)
			continue
		}
		// An ordinal suffix is part of the number; any other letter makes
		// it part of a word.
		if j < len(text) {
			c, _ := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(c) {
				w := skipWord(text, j)
				if suffix := text[j:w]; !hasString(ordinals, strings.ToLower(suffix)) || suffix != strings.ToLower(suffix) && len(suffix) > 1 {
					i = w
					continue
				}
				end = w
			}
		}
		out = append(out, num{text: text[start:end], value: canonical(digits.String()), off: start})
		i = end
	}
	return out
}

// dottedID returns where a run of three groups of digits or more joined by
// "." that starts text at i ends ("192.168.1.151", "1.2.3"), or i: not
// when every group after the first has three digits, a number grouped by
// dots ("1.234.567").
func dottedID(text string, i int) int {
	groups, threes, k := 0, true, i
	for {
		n := k
		for n < len(text) && isDigitAt(text, n) {
			n++
		}
		if n == k {
			return i
		}
		if groups > 0 && n-k != 3 {
			threes = false
		}
		groups++
		k = n
		if k+1 < len(text) && text[k] == '.' && isDigitAt(text, k+1) {
			k++
			continue
		}
		break
	}
	if groups < 3 || threes {
		return i
	}
	return k
}

// dottedEnd returns where a run of digits joined by "." that continues
// text at j ends: j when text[j] is not a "." with a digit after it.
func dottedEnd(text string, j int) int {
	k := j
	for k+1 < len(text) && text[k] == '.' && isDigitAt(text, k+1) {
		k++
		for k < len(text) && isDigitAt(text, k) {
			k++
		}
	}
	return k
}

// groupOK reports whether the digits so far can be followed by a group:
// one to three digits before the first separator, and never after a
// decimal point.
func groupOK(sofar string) bool {
	return len(sofar) > 0 && !strings.Contains(sofar, ".")
}

func threeDigits(s string) bool {
	n := 0
	for _, r := range s {
		if !isDigit(r) {
			break
		}
		n++
	}
	return n == 3
}

func isDigitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isDigit(r)
}

func skipWord(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsLetter(r) || isDigit(r) || unicode.Is(unicode.Mn, r)) {
			return i
		}
		i += n
	}
	return i
}

// isDigit reports whether r is an ASCII digit: numbers are compared as
// ASCII digit strings.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// canonical strips leading zeros and a decimal part of zeros.
func canonical(d string) string {
	intPart, frac, hasFrac := strings.Cut(d, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if hasFrac && frac != "" {
		return intPart + "." + frac
	}
	return intPart
}

func romanValue(s string) string {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	total := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return canonical(strings.TrimSpace(itoa(total)))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// formatNumber writes a canonical value as lang writes numbers.
func formatNumber(v string, lang language.Tag) string {
	intPart, frac, hasFrac := strings.Cut(v, ".")
	var groupSep, decSep string
	switch base(lang) {
	case "en":
		groupSep, decSep = ",", "."
	case "es":
		groupSep, decSep = ".", ","
	default:
		groupSep, decSep = "\u00a0", ","
	}
	if len(intPart) > 4 || (len(intPart) == 4 && base(lang) == "en") {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(groupSep)
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if hasFrac {
		return intPart + decSep + frac
	}
	return intPart
}

// numberWords are the numbers up to twelve written out, by language.
var numberWords = map[string][]string{
	"en": {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"},
	"es": {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"},
	"fr": {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"},
}

// spelled reports whether the number v is written out in words (a word of
// ws, lower case) in lang.
func spelled(v string, lang language.Tag, ws map[string]bool) bool {
	list := numberWords[base(lang)]
	for i, w := range list {
		if itoa(i) != v {
			continue
		}
		if ws[w] {
			return true
		}
		switch {
		case base(lang) == "es" && i == 1:
			return ws["un"] || ws["una"]
		case base(lang) == "fr" && i == 1:
			return ws["une"]
		case base(lang) == "en" && i == 1:
			return ws["a"] || ws["an"]
		}
	}
	return false
}

// addresses returns the URLs and e-mail addresses of text.
func addresses(text string) []word {
	var out []word
	for _, a := range document.Addresses(text) {
		out = append(out, word{text: text[a.Start:a.End], start: a.Start, end: a.End})
	}
	return out
}

// maskURLs overwrites the URLs and e-mail addresses of text with "_",
// keeping offsets.
func maskURLs(text string) string {
	ms := document.Addresses(text)
	if ms == nil {
		return text
	}
	b := []byte(text)
	for _, m := range ms {
		for k := m.Start; k < m.End; k++ {
			b[k] = '_'
		}
	}
	return string(b)
}
