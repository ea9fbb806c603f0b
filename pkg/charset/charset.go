package charset

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/relais-tm/relais/pkg/document"
)

// Encoding is how a file's text is stored.
type Encoding int

// The encodings relais reads and writes.
const (
	UTF8        Encoding = iota // UTF-8 without a byte-order mark
	UTF8BOM                     // UTF-8 with a byte-order mark
	UTF16LE                     // UTF-16, little endian, with a byte-order mark
	UTF16BE                     // UTF-16, big endian, with a byte-order mark
	Windows1252                 // legacy Windows-1252 / ISO-8859-1
)

var names = [...]string{"utf-8", "utf-8 with BOM", "utf-16le", "utf-16be", "windows-1252"}

// String returns the encoding's name as messages show it.
func (e Encoding) String() string {
	if int(e) < len(names) {
		return names[e]
	}
	return fmt.Sprintf("encoding(%d)", int(e))
}

// Legacy reports whether e is a legacy 8-bit encoding, which relais converts
// with a warning.
func (e Encoding) Legacy() bool { return e == Windows1252 }

// ErrUnrepresentable is returned by Encode when the text has a character
// the encoding cannot store.
var ErrUnrepresentable = errors.New("charset: a character cannot be stored in this encoding")

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode returns the UTF-8 text of raw and the encoding it was stored in.
// For UTF-8 input the text shares raw's memory. path only names the file in
// errors, which are *document.PosError values.
func Decode(path string, raw []byte) ([]byte, Encoding, error) {
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		text := raw[len(bomUTF8):]
		if err := checkUTF8(path, text, len(bomUTF8)); err != nil {
			return nil, 0, err
		}
		return text, UTF8BOM, nil
	case bytes.HasPrefix(raw, bomUTF16LE):
		return decodeUTF16(path, raw, UTF16LE)
	case bytes.HasPrefix(raw, bomUTF16BE):
		return decodeUTF16(path, raw, UTF16BE)
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return nil, 0, posError(path, raw, i, "binary file: NUL byte at offset %d; relais reads UTF-8, UTF-16 with a BOM or Windows-1252 text", i)
	}
	if utf8.Valid(raw) {
		return raw, UTF8, nil
	}
	if text, ok := decodeWindows1252(raw); ok {
		return text, Windows1252, nil
	}
	return nil, 0, checkUTF8(path, raw, 0)
}

// Encode returns text (UTF-8) stored in e. It returns ErrUnrepresentable
// when e is a legacy encoding that lacks one of text's characters.
func Encode(text []byte, e Encoding) ([]byte, error) {
	switch e {
	case UTF8:
		return text, nil
	case UTF8BOM:
		return append(append([]byte{}, bomUTF8...), text...), nil
	case UTF16LE, UTF16BE:
		units := utf16.Encode([]rune(string(text)))
		out := make([]byte, 0, 2+2*len(units))
		if e == UTF16LE {
			out = append(out, bomUTF16LE...)
		} else {
			out = append(out, bomUTF16BE...)
		}
		for _, u := range units {
			if e == UTF16LE {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
		return out, nil
	case Windows1252:
		out := make([]byte, 0, len(text))
		for _, r := range string(text) {
			b, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				return nil, fmt.Errorf("%w: %q is not in windows-1252", ErrUnrepresentable, r)
			}
			out = append(out, b)
		}
		return out, nil
	}
	return nil, fmt.Errorf("charset: unknown encoding %d", int(e))
}

// checkUTF8 returns an error at the first invalid UTF-8 byte of text (which
// starts at byte base of the file), or nil.
func checkUTF8(path string, text []byte, base int) error {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return posError(path, text, i,
				"invalid UTF-8: byte 0x%02X at offset %d; save the file as UTF-8 (or as Windows-1252 throughout)", text[i], base+i)
		}
		i += size
	}
	return nil
}

func decodeUTF16(path string, raw []byte, e Encoding) ([]byte, Encoding, error) {
	body := raw[2:]
	if len(body)%2 != 0 {
		return nil, 0, &document.PosError{Path: path, Err: fmt.Errorf(
			"truncated UTF-16: %d bytes after the byte-order mark, an odd number; the file ends at offset %d in the middle of a character", len(body), len(raw)-1)}
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		if e == UTF16LE {
			units[i] = uint16(body[2*i]) | uint16(body[2*i+1])<<8
		} else {
			units[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
		}
	}
	var out []byte
	for i := 0; i < len(units); i++ {
		u := units[i]
		r := rune(u)
		switch {
		case utf16.IsSurrogate(r) && u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] < 0xE000:
			r = utf16.DecodeRune(r, rune(units[i+1]))
			i++
		case utf16.IsSurrogate(r):
			return nil, 0, posError(path, out, len(out),
				"invalid UTF-16: unpaired surrogate 0x%04X at offset %d", u, 2+2*i)
		case u == 0:
			return nil, 0, posError(path, out, len(out), "binary file: NUL character at offset %d", 2+2*i)
		}
		out = utf8.AppendRune(out, r)
	}
	return out, e, nil
}

// decodeWindows1252 decodes raw as Windows-1252 when that reading is the
// only sensible one: no valid UTF-8 multi-byte sequence in raw (a file that
// has some is UTF-8 with damage, not a legacy file) and no byte that
// Windows-1252 leaves undefined.
func decodeWindows1252(raw []byte) ([]byte, bool) {
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		if r, size := utf8.DecodeRune(raw[i:]); r != utf8.RuneError || size > 1 {
			return nil, false
		}
		switch raw[i] {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return nil, false
		}
		i++
	}
	out := make([]byte, 0, len(raw)+len(raw)/8)
	for _, b := range raw {
		out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(b))
	}
	return out, true
}

// posError builds an error with the line and column of the decoded text
// before the fault (text[:textOff]); the message gives the file offset.
func posError(path string, text []byte, textOff int, format string, args ...any) error {
	pos := document.NewLines(text[:textOff]).Position(textOff)
	return &document.PosError{Path: path, Pos: pos, Err: fmt.Errorf(format, args...)}
}
