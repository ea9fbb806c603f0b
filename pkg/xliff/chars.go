package xliff

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isXMLChar reports whether XML 1.0 can carry r as a character (production
// [2] Char); the others are written as <cp hex="…"/>.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// isNameStart and isNameChar follow XML 1.0 productions [4] and [4a].
func isNameStart(r rune) bool {
	return r == ':' || r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' ||
		r >= 0xC0 && r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
		r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF || r >= 0x200C && r <= 0x200D ||
		r >= 0x2070 && r <= 0x218F || r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
		r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD || r >= 0x10000 && r <= 0xEFFFF
}

func isNameChar(r rune) bool {
	return isNameStart(r) || r == '-' || r == '.' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// isNMTOKEN reports whether s is an XML NMTOKEN, the type of every XLIFF id.
func isNMTOKEN(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !isNameChar(r) {
			return false
		}
	}
	return true
}

// isXMLSpace reports whether r is white space in the XML sense (production [3]).
func isXMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// collapse trims XML white space around s, as a schema does for tokens.
func collapse(s string) string { return strings.TrimFunc(s, isXMLSpace) }

// checkChars returns an error when s is not valid UTF-8, or, with attr set,
// holds a character XML cannot carry (text and data write those as <cp>).
// The error reads after the name of what s is: "… is not valid UTF-8".
func checkChars(s string, attr bool) error {
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8")
	}
	if attr {
		for _, r := range s {
			if !isXMLChar(r) {
				return fmt.Errorf("holds %U, which an XML attribute cannot carry", r)
			}
		}
	}
	return nil
}

// escapeValue percent-encodes what a user-defined value ("prefix:value")
// cannot hold after its prefix: "%", ":", white space, control characters,
// characters XML cannot carry and bytes of invalid UTF-8.
func escapeValue(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = c > ' ' && c < utf8.RuneSelf && c != '%' && c != ':' && c != 0x7f
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		bad := r == '%' || r == ':' || unicode.IsSpace(r) || unicode.IsControl(r) ||
			!isXMLChar(r) || r == utf8.RuneError && n == 1
		if bad {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unescapeValue reverses escapeValue; it reports false on a malformed escape.
func unescapeValue(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		hi, ok1 := unhex(s[i+1])
		lo, ok2 := unhex(s[i+2])
		if !ok1 || !ok2 {
			return "", false
		}
		b = append(b, hi<<4|lo)
		i += 2
	}
	return string(b), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// userValue splits a user-defined value "prefix:value" as the core schema
// defines it (pattern [^\s:]+:[^\s:]+).
func userValue(s string) (prefix, value string, ok bool) {
	prefix, value, ok = strings.Cut(s, ":")
	if !ok || prefix == "" || value == "" || strings.ContainsFunc(prefix, isXMLSpace) ||
		strings.ContainsFunc(value, func(r rune) bool { return r == ':' || isXMLSpace(r) }) {
		return "", "", false
	}
	return prefix, value, true
}

// relaisPrefix is the prefix of relais's user-defined values.
const relaisPrefix = "relais"

// isXLIFFType reports whether s is a value of the type attribute of codes.
func isXLIFFType(s string) bool {
	switch s {
	case "fmt", "ui", "quote", "link", "image", "other":
		return true
	}
	return false
}

// CodeType returns the type and subType attributes relais writes for an
// inline code of type t ("fmt:strong" gives "fmt" and
// "relais:fmt%3Astrong"), for writers of XLIFF outside this package (the
// review page's export) to write codes as Read reads them back.
func CodeType(t string) (typ, subType string) {
	if t == "" {
		return "", ""
	}
	if isXLIFFType(t) {
		return t, ""
	}
	head, _, _ := strings.Cut(t, ":")
	switch {
	case isXLIFFType(head):
		typ = head
	case head == "code" || head == "break":
		typ = "fmt"
	case head == "xref":
		typ = "link"
	default:
		typ = "other"
	}
	return typ, relaisPrefix + ":" + escapeValue(t)
}

// decodeType returns the code type for type and subType attributes: the
// encoded type of a relais subType, another tool's subType as it is, or the
// type.
func decodeType(typ, subType string) string {
	if v, ok := strings.CutPrefix(subType, relaisPrefix+":"); ok && v != "" {
		if t, ok := unescapeValue(v); ok && t != "" && utf8.ValidString(t) {
			return t
		}
	}
	if subType != "" {
		return subType
	}
	return typ
}
