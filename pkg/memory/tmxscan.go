package memory

import (
	"encoding/xml"
	"unicode/utf8"
)

// The fast path of TMXReader. encoding/xml reads a byte at a time through
// several calls and was, at about 10 µs a <tu>, the largest cost of
// importing a large memory after the database's own. Between two <tu>
// elements of the body, when the decoder has consumed exactly up to the
// end of its last tag, the reader looks at the bytes ahead itself: if they
// hold blanks and then a whole <tu> element written in a plain subset of
// XML, tuScanner reads it into the tokens encoding/xml would have returned,
// with their offsets, and the bytes are taken from under the decoder, which
// never sees them (the element is balanced, so its stack is unchanged).
// Anything outside the subset — comments, CDATA, processing instructions,
// namespace prefixes other than xml:, entities other than the five of XML
// and character references, invalid UTF-8 or characters, a malformed or
// unbalanced tag, an element longer than the buffer — makes the scanner
// decline, and the decoder reads the element as before, errors included.

// tokenAt is a token and the input offset where it starts.
type tokenAt struct {
	tok xml.Token
	off int64
}

// xmlNS is the namespace encoding/xml gives the xml: prefix.
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// tuScanner reads one <tu> element in the subset; its buffers are reused
// from element to element.
type tuScanner struct {
	toks  []tokenAt
	attrs []xml.Attr // backing of the tokens' attributes
	text  []byte     // backing of the tokens' character data
	stack []string
	names map[string]string // element and attribute names, allocated once
}

// scan reads blanks then one <tu> element at the start of data, whose
// first byte is at input offset base. It returns the element's tokens and
// the number of bytes read, or ok false when data does not start with such
// an element in the subset, or holds only part of it. The tokens' character
// data and attribute slices live in s's buffers until the next scan.
func (s *tuScanner) scan(data []byte, base int64) (toks []tokenAt, n int, ok bool) {
	s.toks, s.attrs, s.text, s.stack = s.toks[:0], s.attrs[:0], s.text[:0], s.stack[:0]
	if s.names == nil {
		s.names = map[string]string{}
	}
	i := 0
	for i < len(data) && isXMLSpace(data[i]) {
		i++
	}
	if i+3 >= len(data) || data[i] != '<' || data[i+1] != 't' || data[i+2] != 'u' ||
		!(isXMLSpace(data[i+3]) || data[i+3] == '>' || data[i+3] == '/') {
		return nil, 0, false
	}
	for i < len(data) {
		if data[i] != '<' {
			from := len(s.text)
			j, ok := s.decode(data, i, 0)
			if !ok || j >= len(data) {
				return nil, 0, false
			}
			s.toks = append(s.toks, tokenAt{tok: xml.CharData(s.text[from:len(s.text):len(s.text)]), off: base + int64(i)})
			i = j
			continue
		}
		start := i
		i++
		if i >= len(data) {
			return nil, 0, false
		}
		if data[i] == '/' {
			name, j, ok := s.name(data, i+1)
			if !ok || len(s.stack) == 0 || s.stack[len(s.stack)-1] != name {
				return nil, 0, false
			}
			for j < len(data) && isXMLSpace(data[j]) {
				j++
			}
			if j >= len(data) || data[j] != '>' {
				return nil, 0, false
			}
			i = j + 1
			s.stack = s.stack[:len(s.stack)-1]
			s.toks = append(s.toks, tokenAt{tok: xml.EndElement{Name: xml.Name{Local: name}}, off: base + int64(start)})
			if len(s.stack) == 0 {
				return s.toks, i, true
			}
			continue
		}
		name, j, ok := s.name(data, i)
		if !ok {
			return nil, 0, false // <!-- -->, <![CDATA[, <?pi?>, a prefix
		}
		from := len(s.attrs)
		empty := false
		for {
			for j < len(data) && isXMLSpace(data[j]) {
				j++
			}
			if j >= len(data) {
				return nil, 0, false
			}
			if data[j] == '>' {
				j++
				break
			}
			if data[j] == '/' {
				if j+1 >= len(data) || data[j+1] != '>' {
					return nil, 0, false
				}
				j += 2
				empty = true
				break
			}
			var a xml.Attr
			if a.Name, j, ok = s.attrName(data, j); !ok {
				return nil, 0, false
			}
			for j < len(data) && isXMLSpace(data[j]) {
				j++
			}
			if j >= len(data) || data[j] != '=' {
				return nil, 0, false
			}
			j++
			for j < len(data) && isXMLSpace(data[j]) {
				j++
			}
			if j >= len(data) || (data[j] != '"' && data[j] != '\'') {
				return nil, 0, false
			}
			vfrom := len(s.text)
			k, ok := s.decode(data, j+1, data[j])
			if !ok {
				return nil, 0, false
			}
			a.Value = string(s.text[vfrom:])
			s.text = s.text[:vfrom]
			j = k + 1 // past the closing quote
			s.attrs = append(s.attrs, a)
		}
		s.toks = append(s.toks, tokenAt{tok: xml.StartElement{Name: xml.Name{Local: name}, Attr: s.attrs[from:len(s.attrs):len(s.attrs)]}, off: base + int64(start)})
		i = j
		if empty {
			s.toks = append(s.toks, tokenAt{tok: xml.EndElement{Name: xml.Name{Local: name}}, off: base + int64(i)})
			if len(s.stack) == 0 {
				return s.toks, i, true // <tu/>
			}
			continue
		}
		s.stack = append(s.stack, name)
	}
	return nil, 0, false // the element goes on past data
}

// name reads an element name at data[i:]: ASCII, no prefix. It returns the
// name and the offset after it.
func (s *tuScanner) name(data []byte, i int) (string, int, bool) {
	j := i
	for j < len(data) && isNameASCII(data[j], j == i) {
		j++
	}
	if j == i || j >= len(data) || data[j] >= utf8.RuneSelf || data[j] == ':' {
		return "", 0, false
	}
	return s.intern(data[i:j]), j, true
}

// attrName reads an attribute name at data[i:]: ASCII, with no prefix or
// the prefix xml:, and not a namespace declaration.
func (s *tuScanner) attrName(data []byte, i int) (xml.Name, int, bool) {
	space := ""
	if len(data)-i > 4 && string(data[i:i+4]) == "xml:" {
		space = xmlNS
		i += 4
	}
	local, j, ok := s.name(data, i)
	if !ok || (space == "" && local == "xmlns") {
		return xml.Name{}, 0, false
	}
	return xml.Name{Space: space, Local: local}, j, true
}

// intern returns b as a string, allocated once per distinct name.
func (s *tuScanner) intern(b []byte) string {
	if n, ok := s.names[string(b)]; ok {
		return n
	}
	n := string(b)
	if len(s.names) < 256 {
		s.names[n] = n
	}
	return n
}

// decode appends to s.text the character data at data[i:] as encoding/xml
// reads it: up to '<' (quote 0) or up to the quote, the five entities of
// XML and character references replaced, "\r\n" and "\r" read as "\n". It
// returns the offset of the '<' or of the quote, and false for anything
// encoding/xml would reject or read otherwise, and at the end of data.
func (s *tuScanner) decode(data []byte, i int, quote byte) (int, bool) {
	from := len(s.text)
	for {
		j := i
		for j < len(data) {
			c := data[j]
			if c == '<' || c == '&' || c == '\r' || c == ']' || c == quote {
				break
			}
			j++
		}
		s.text = append(s.text, data[i:j]...)
		if j >= len(data) {
			return 0, false
		}
		switch c := data[j]; {
		case quote != 0 && c == quote:
			return j, validText(s.text[from:])
		case c == '<':
			if quote != 0 {
				return 0, false
			}
			return j, validText(s.text[from:])
		case c == 0:
			return 0, false // not an XML character
		case c == '\r':
			s.text = append(s.text, '\n')
			j++
			if j < len(data) && data[j] == '\n' {
				j++
			}
		case c == ']':
			if quote == 0 && j+2 < len(data) && data[j+1] == ']' && data[j+2] == '>' {
				return 0, false // an error for encoding/xml
			}
			s.text = append(s.text, ']')
			j++
		default: // '&'
			k, ok := s.entity(data, j+1)
			if !ok {
				return 0, false
			}
			j = k
		}
		i = j
	}
}

// entity appends the character of the reference whose name starts at
// data[i:] (after the '&') and returns the offset after its ';'.
func (s *tuScanner) entity(data []byte, i int) (int, bool) {
	if i < len(data) && data[i] == '#' {
		i++
		base := rune(10)
		if i < len(data) && data[i] == 'x' {
			base = 16
			i++
		}
		var r rune
		digits := 0
		for ; i < len(data); i++ {
			c, d := data[i], rune(-1)
			switch {
			case '0' <= c && c <= '9':
				d = rune(c - '0')
			case base == 16 && 'a' <= c && c <= 'f':
				d = rune(c-'a') + 10
			case base == 16 && 'A' <= c && c <= 'F':
				d = rune(c-'A') + 10
			}
			if d < 0 {
				break
			}
			r = r*base + d
			digits++
			if r > utf8.MaxRune {
				return 0, false
			}
		}
		if digits == 0 || i >= len(data) || data[i] != ';' {
			return 0, false
		}
		s.text = utf8.AppendRune(s.text, r)
		return i + 1, true
	}
	for _, e := range [...]struct {
		name string
		c    byte
	}{{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"apos;", '\''}, {"quot;", '"'}} {
		if len(data)-i >= len(e.name) && string(data[i:i+len(e.name)]) == e.name {
			s.text = append(s.text, e.c)
			return i + len(e.name), true
		}
	}
	return 0, false
}

// validText reports whether encoding/xml accepts b as decoded character
// data: valid UTF-8 of characters in the XML range.
func validText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if !(r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
		i += n
	}
	return true
}

// isXMLSpace reports whether c is white space between XML markup.
func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNameASCII reports whether the ASCII byte c may be in a name, first
// says it is the name's first byte.
func isNameASCII(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		return true
	case '0' <= c && c <= '9', c == '.', c == '-':
		return !first
	}
	return false
}
