package po

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// generated returns a PO file of n entries shaped like a large catalogue:
// references and flags on every entry, a context, a plural, a multi-line
// string, an escape, a fuzzy entry with its previous msgid and an obsolete
// entry every few entries.
func generated(n int) []byte {
	var b bytes.Buffer
	b.WriteString(frHeader)
	for i := range n {
		b.WriteString("\n")
		if i%9 == 0 {
			b.WriteString("# Translators: keep the placeholder.\n#. Shown in the status bar.\n")
		}
		fmt.Fprintf(&b, "#: src/module%d/file.c:%d src/module%d/other.c:%d\n", i%97, i, i%89, i+7)
		switch {
		case i%50 == 0:
			fmt.Fprintf(&b, "#~ msgid \"Removed message number %d\"\n#~ msgstr \"Message supprimé numéro %d\"\n", i, i)
			continue
		case i%13 == 0:
			fmt.Fprintf(&b, "#, fuzzy, c-format\n#| msgid \"Old message %d: %%s\"\n", i)
		default:
			b.WriteString("#, c-format\n")
		}
		if i%5 == 0 {
			fmt.Fprintf(&b, "msgctxt \"context %d\"\n", i%7)
		}
		switch {
		case i%10 == 3:
			fmt.Fprintf(&b, "msgid \"%%d file in folder %d\"\nmsgid_plural \"%%d files in folder %d\"\n", i, i)
			fmt.Fprintf(&b, "msgstr[0] \"%%d fichier dans le dossier %d\"\nmsgstr[1] \"%%d fichiers dans le dossier %d\"\n", i, i)
		case i%7 == 1:
			fmt.Fprintf(&b, "msgid \"\"\n\"The operation %d could not be completed because the file is locked \"\n\"by another process.\\n\"\n\"Try again later.\"\n", i)
			fmt.Fprintf(&b, "msgstr \"\"\n\"L’opération %d n’a pas pu aboutir, car le fichier est verrouillé \"\n\"par un autre processus.\\n\"\n\"Réessayez plus tard.\"\n", i)
		default:
			fmt.Fprintf(&b, "msgid \"Message number %d: %%s\"\nmsgstr \"Message numéro %d : %%s\"\n", i, i)
		}
	}
	return b.Bytes()
}

// BenchmarkRead reads a generated file of 100,000 entries.
func BenchmarkRead(b *testing.B) {
	data := generated(100_000)
	f, err := Read("big.po", bytes.NewReader(data))
	require.NoError(b, err)
	require.Len(b, f.Entries, 100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("big.po", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
