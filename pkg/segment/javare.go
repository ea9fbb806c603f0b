package segment

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Java character classes that RE2 lacks, as the inside of a bracket
// expression.
const (
	javaH = `\t \x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}` // \h
	javaV = `\n\x{0B}\f\r\x{85}\x{2028}\x{2029}`                                 // \v (Java 8)
)

// javaClass returns, as the inside of a bracket expression, Java's
// \p{name} classes that are ASCII-only (without UNICODE_CHARACTER_CLASS) or
// Java-specific.
func javaClass(name string) (string, bool) {
	switch name {
	case "Lower":
		return `a-z`, true
	case "Upper":
		return `A-Z`, true
	case "ASCII":
		return `\x00-\x7F`, true
	case "Alpha":
		return `a-zA-Z`, true
	case "Digit":
		return `0-9`, true
	case "Alnum":
		return `a-zA-Z0-9`, true
	case "Punct":
		return `!-/:-@\[-` + "`" + `{-~`, true
	case "Graph":
		return `!-~`, true
	case "Print":
		return ` -~`, true
	case "Blank":
		return ` \t`, true
	case "Cntrl":
		return `\x00-\x1F\x7F`, true
	case "XDigit":
		return `0-9a-fA-F`, true
	case "Space":
		return ` \t\n\x0B\f\r`, true
	case "javaLowerCase", "IsLowercase":
		return `\p{Ll}`, true
	case "javaUpperCase", "IsUppercase":
		return `\p{Lu}`, true
	case "javaWhitespace":
		return `\t-\r\x1C-\x1F\p{Z}`, true
	case "javaLetter", "IsLetter":
		return `\p{L}`, true
	case "javaDigit", "IsDigit":
		return `\p{Nd}`, true
	case "javaLetterOrDigit":
		return `\p{L}\p{Nd}`, true
	case "IsAlphabetic", "Alphabetic":
		return `\p{L}\p{Nl}`, true
	case "IsWhite_Space", "IsWhiteSpace":
		return `\s\x0B\x{85}\p{Z}`, true
	case "IsPunctuation":
		return `\p{P}`, true
	}
	return "", false
}

// javaRegexp translates a Java regular expression (the dialect of SRX
// files) into Go's RE2 syntax, or says why it cannot.
func javaRegexp(s string) (string, error) {
	var b strings.Builder
	inClass := false
	quantified := false // the last thing written was a quantifier
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' {
			if i+1 >= len(s) {
				return "", errors.New("trailing backslash")
			}
			n, err := javaEscape(&b, s[i:], inClass)
			if err != nil {
				return "", err
			}
			i += n
			quantified = false
			continue
		}
		if inClass {
			switch {
			case c == '[' && !strings.HasPrefix(s[i:], "[:"):
				return "", errors.New("nested character classes ([a[b]]) are not supported")
			case c == '&' && strings.HasPrefix(s[i:], "&&"):
				return "", errors.New("character class intersection (&&) is not supported")
			case c == ']':
				inClass = false
			}
			b.WriteByte(c)
			i++
			continue
		}
		wasQuant := quantified
		quantified = false
		switch c {
		case '[':
			inClass = true
			b.WriteByte(c)
			i++
			if i < len(s) && s[i] == '^' {
				b.WriteByte('^')
				i++
			}
			if i < len(s) && s[i] == ']' { // a leading ] is literal
				b.WriteString(`\]`)
				i++
			}
			continue
		case '(':
			if strings.HasPrefix(s[i:], "(?") {
				n, err := javaGroup(&b, s[i:])
				if err != nil {
					return "", err
				}
				i += n
				continue
			}
		case '+':
			if wasQuant {
				i++ // possessive: read as greedy
				continue
			}
			quantified = true
		case '?':
			if wasQuant {
				b.WriteByte(c) // lazy
				i++
				continue
			}
			quantified = true
		case '*':
			quantified = true
		case '{':
			if j := strings.IndexByte(s[i:], '}'); j > 0 && isRepeat(s[i+1:i+j]) {
				b.WriteString(s[i : i+j+1])
				i += j + 1
				quantified = true
				continue
			}
			b.WriteString(`\{`)
			i++
			continue
		}
		b.WriteByte(c)
		i++
	}
	if inClass {
		return "", errors.New("unclosed character class")
	}
	return b.String(), nil
}

// isRepeat reports whether s is the inside of a {n}, {n,} or {n,m}.
func isRepeat(s string) bool {
	lo, hi, _ := strings.Cut(s, ",")
	if _, err := strconv.Atoi(lo); err != nil {
		return false
	}
	if hi == "" {
		return true
	}
	_, err := strconv.Atoi(hi)
	return err == nil
}

// javaGroup writes the group opener at the start of s ("(?…") and returns
// its length.
func javaGroup(b *strings.Builder, s string) (int, error) {
	switch {
	case strings.HasPrefix(s, "(?="), strings.HasPrefix(s, "(?!"):
		return 0, errors.New("lookahead ((?= (?!) is not supported by Go's regexp (RE2)")
	case strings.HasPrefix(s, "(?<="), strings.HasPrefix(s, "(?<!"):
		return 0, errors.New("lookbehind ((?<= (?<!) is not supported by Go's regexp (RE2)")
	case strings.HasPrefix(s, "(?>"):
		return 0, errors.New("atomic groups ((?>) are not supported by Go's regexp (RE2)")
	case strings.HasPrefix(s, "(?<"), strings.HasPrefix(s, "(?P<"), strings.HasPrefix(s, "(?:"):
		b.WriteString("(?")
		return 2, nil
	}
	// Flags: (?idmsuxU-idmsuxU) or (?flags:
	j := 2
	var on, off strings.Builder
	neg := false
	for ; j < len(s) && s[j] != ')' && s[j] != ':'; j++ {
		f := s[j]
		switch f {
		case '-':
			neg = true
			continue
		case 'i', 'm', 's':
		case 'u', 'U', 'd':
			continue // Unicode case folding and classes, Unix lines: no RE2 equivalent needed
		case 'x':
			return 0, errors.New("the comments flag (?x) is not supported")
		default:
			return 0, fmt.Errorf("unknown flag %q in %q", f, s[:j+1])
		}
		if neg {
			off.WriteByte(f)
		} else {
			on.WriteByte(f)
		}
	}
	if j == len(s) {
		return 0, errors.New("unclosed group")
	}
	flags := on.String()
	if off.Len() > 0 {
		flags += "-" + off.String()
	}
	if s[j] == ')' {
		if flags != "" {
			b.WriteString("(?" + flags + ")")
		}
		return j + 1, nil
	}
	if flags == "" {
		b.WriteString("(?:")
	} else {
		b.WriteString("(?" + flags + ":")
	}
	return j + 1, nil
}

// javaEscape writes the translation of the escape at the start of s and
// returns its length.
func javaEscape(b *strings.Builder, s string, inClass bool) (int, error) {
	c := s[1]
	class := func(inside string, negate bool) (int, error) {
		switch {
		case inClass && negate:
			return 0, fmt.Errorf(`negated class \%c inside [...] is not supported`, c)
		case inClass:
			b.WriteString(inside)
		case negate:
			b.WriteString("[^" + inside + "]")
		default:
			b.WriteString("[" + inside + "]")
		}
		return 2, nil
	}
	switch c {
	case 'u':
		if len(s) < 6 || !isHex(s[2:6]) {
			return 0, errors.New(`\u needs four hexadecimal digits`)
		}
		b.WriteString(`\x{` + s[2:6] + `}`)
		return 6, nil
	case '0':
		j := 2
		for j < len(s) && j < 5 && s[j] >= '0' && s[j] <= '7' {
			j++
		}
		v, err := strconv.ParseUint(s[2:j], 8, 32)
		if err != nil || j == 2 {
			return 0, errors.New(`\0 needs octal digits`)
		}
		fmt.Fprintf(b, `\x{%X}`, v)
		return j, nil
	case 'e':
		b.WriteString(`\x{1B}`)
		return 2, nil
	case 'h':
		return class(javaH, false)
	case 'H':
		return class(javaH, true)
	case 'v':
		return class(javaV, false)
	case 'V':
		return class(javaV, true)
	case 'R':
		if inClass {
			return 0, errors.New(`\R inside [...] is not allowed`)
		}
		b.WriteString(`(?:\r\n|[` + javaV + `])`)
		return 2, nil
	case 'Z':
		if inClass {
			return 0, errors.New(`\Z inside [...] is not allowed`)
		}
		b.WriteString(`(?:\n?\z)`)
		return 2, nil
	case 'G':
		return 0, errors.New(`\G is not supported by Go's regexp (RE2)`)
	case 'k':
		return 0, errors.New(`backreferences (\k<name>) are not supported by Go's regexp (RE2)`)
	case 'c':
		return 0, errors.New(`control escapes (\cX) are not supported`)
	case 'p', 'P':
		if len(s) > 2 && s[2] == '{' {
			j := strings.IndexByte(s, '}')
			if j < 0 {
				return 0, errors.New(`unclosed \p{`)
			}
			name := s[3:j]
			negate := c == 'P'
			if inside, ok := javaClass(name); ok {
				if _, err := class(inside, negate); err != nil {
					return 0, err
				}
				return j + 1, nil
			}
			if strings.HasPrefix(name, "In") && len(name) > 2 {
				return 0, fmt.Errorf(`Unicode block \p{%s} is not supported (use a script: \p{Is%s}?)`, name, name[2:])
			}
			for _, prefix := range []string{"Is", "general_category=", "gc=", "script=", "sc="} {
				name = strings.TrimPrefix(name, prefix)
			}
			fmt.Fprintf(b, `\%c{%s}`, c, name)
			return j + 1, nil
		}
	}
	if c >= '1' && c <= '9' {
		return 0, errors.New(`backreferences (\1) are not supported by Go's regexp (RE2)`)
	}
	if c == 'Q' {
		j := strings.Index(s, `\E`)
		if j < 0 {
			b.WriteString(s)
			return len(s), nil
		}
		b.WriteString(s[:j+2])
		return j + 2, nil
	}
	b.WriteString(s[:2])
	return 2, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
