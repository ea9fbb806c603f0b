package po

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

// FuzzRead reads any input: never a panic; an error is a *document.PosError
// at its own offset; a file that reads has its entries' positions inside
// the input, and written back by write it reads to the same entries.
func FuzzRead(f *testing.F) {
	for _, tc := range readCases() {
		f.Add([]byte(tc.in))
	}
	for _, tc := range errCases() {
		f.Add([]byte(tc.in))
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "*.po"))
	require.NoError(f, err)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read("f.po", bytes.NewReader(data))
		lines := document.NewLines(data)
		if err != nil {
			require.Nil(t, file)
			var pe *document.PosError
			require.ErrorAs(t, err, &pe)
			require.LessOrEqual(t, pe.Pos.Offset, len(data))
			require.Equal(t, lines.Position(pe.Pos.Offset), pe.Pos)
			return
		}
		all := file.Entries
		if file.Header != nil {
			all = append([]Entry{file.Header.Entry}, all...)
		}
		for _, e := range all {
			require.Less(t, e.Pos.Offset, len(data))
			require.Equal(t, lines.Position(e.Pos.Offset), e.Pos)
			require.NotEmpty(t, e.Str)
		}
		var b bytes.Buffer
		write(&b, file)
		again, err := Read("f2.po", bytes.NewReader(b.Bytes()))
		require.NoError(t, err, "written back:\n%s", b.String())
		require.Equal(t, noPos(file), noPos(again), "written back:\n%s", b.String())
	})
}

// write writes f as a PO file: header first, then the entries, strings
// escaped and cut after each "\n" as msgmerge does.
func write(b *bytes.Buffer, f *File) {
	if f.Header != nil {
		writeEntry(b, &f.Header.Entry)
	}
	for i := range f.Entries {
		writeEntry(b, &f.Entries[i])
	}
}

func writeEntry(b *bytes.Buffer, e *Entry) {
	for _, c := range e.Comments {
		if c == "" {
			b.WriteString("#\n")
		} else {
			fmt.Fprintf(b, "# %s\n", c)
		}
	}
	for _, c := range e.Extracted {
		fmt.Fprintf(b, "#. %s\n", c)
	}
	for _, r := range e.References {
		fmt.Fprintf(b, "#: %s\n", r)
	}
	if len(e.Flags) > 0 {
		fmt.Fprintf(b, "#, %s\n", strings.Join(e.Flags, ", "))
	}
	mark, prev := "", "#| "
	if e.Obsolete {
		mark, prev = "#~ ", "#~| "
	}
	if e.PreviousContext != "" {
		writeString(b, prev, "msgctxt", e.PreviousContext)
	}
	if e.Previous != "" || e.PreviousPlural != "" {
		writeString(b, prev, "msgid", e.Previous)
	}
	if e.PreviousPlural != "" {
		writeString(b, prev, "msgid_plural", e.PreviousPlural)
	}
	if e.HasContext {
		writeString(b, mark, "msgctxt", e.Context)
	}
	writeString(b, mark, "msgid", e.ID)
	if e.HasPlural {
		writeString(b, mark, "msgid_plural", e.IDPlural)
		for i, s := range e.Str {
			writeString(b, mark, fmt.Sprintf("msgstr[%d]", i), s)
		}
	} else {
		writeString(b, mark, "msgstr", e.Str[0])
	}
	b.WriteString("\n")
}

// writeString writes a keyword and its string, on several lines when the
// string holds a line break before its end.
func writeString(b *bytes.Buffer, mark, kw, s string) {
	i := strings.IndexByte(s, '\n')
	if i < 0 || i == len(s)-1 {
		fmt.Fprintf(b, "%s%s \"%s\"\n", mark, kw, escape(s))
		return
	}
	fmt.Fprintf(b, "%s%s \"\"\n", mark, kw)
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line = s[:i+1]
		}
		fmt.Fprintf(b, "%s\"%s\"\n", mark, escape(line))
		s = s[len(line):]
	}
}

func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}
