package charset

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

func utf16le(s string, bom bool) []byte {
	b, _ := Encode([]byte(s), UTF16LE)
	if !bom {
		return b[2:]
	}
	return b
}

func TestDecodeRoundTrip(t *testing.T) {
	const french = "Élue à Malines\u00a0: « Tous migrants, tous citoyens ! »\r\nFin…"
	cases := []struct {
		name string
		raw  []byte
		enc  Encoding
		text string
	}{
		{"utf-8", []byte(french), UTF8, french},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, french...), UTF8BOM, french},
		{"empty", []byte{}, UTF8, ""},
		{"utf-16le", utf16le(french+" 𝄞", true), UTF16LE, french + " 𝄞"},
		{"utf-16be", func() []byte { b, _ := Encode([]byte(french), UTF16BE); return b }(), UTF16BE, french},
		{"windows-1252", []byte("R\xe9union \xe0 Gen\xe8ve \x96 \x93citoyens\x94 \x80\n"), Windows1252, "Réunion à Genève – “citoyens” €\n"},
		{"iso-8859-1", []byte("ann\xe9e, c\xe9l\xe8bre, \xab\xa0oui\xa0\xbb"), Windows1252, "année, célèbre, «\u00a0oui\u00a0»"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := Decode("a.txt", tc.raw)
			require.NoError(t, err)
			assert.Equal(t, tc.enc, enc)
			assert.Equal(t, tc.text, string(text))
			back, err := Encode(text, enc)
			require.NoError(t, err)
			assert.Equal(t, tc.raw, back, "encoding the decoded text gives back the file")
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name string
		raw  []byte
		want string
	}{
		{"binary", []byte("PK\x03\x04\x00\x00rest"), "a.md:1:5: binary file: NUL byte at offset 4"},
		{"utf-16 without BOM", utf16le("Bonjour", false), "a.md:1:2: binary file: NUL byte at offset 1"},
		{"truncated utf-16", utf16le("Bonjour", true)[:9], "a.md: truncated UTF-16: 7 bytes after the byte-order mark"},
		{"unpaired surrogate", append(utf16le("ab", true), 0x00, 0xD8, 'c', 0), "a.md:1:3: invalid UTF-16: unpaired surrogate 0xD800 at offset 6"},
		{"invalid utf-8 in the middle", []byte("# Titre\n\nLes élus ont \xff voté."), "a.md:3:14: invalid UTF-8: byte 0xFF at offset 23"},
		{"invalid utf-8 after BOM", []byte("\xEF\xBB\xBFabc\xc3"), "a.md:1:4: invalid UTF-8: byte 0xC3 at offset 6"},
		{"undefined windows-1252 byte", []byte("caf\xe9 \x81"), "a.md:1:4: invalid UTF-8: byte 0xE9 at offset 3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Decode("a.md", tc.raw)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var pe *document.PosError
			assert.True(t, errors.As(err, &pe), "errors carry the path")
		})
	}
}

func TestEncodeUnrepresentable(t *testing.T) {
	_, err := Encode([]byte("10\u202f000 habitants"), Windows1252)
	assert.ErrorIs(t, err, ErrUnrepresentable)
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("Bonjour « à tous »"))
	f.Add([]byte("caf\xe9"))
	f.Add(utf16le("é𝄞", true))
	f.Add([]byte("\xEF\xBB\xBFé"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, err := Decode("f", raw)
		if err != nil {
			return
		}
		back, err := Encode(text, enc)
		require.NoError(t, err)
		require.Equal(t, raw, back, "decode then encode gives back the bytes (%s)", enc)
	})
}
