package po

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/relais-tm/relais/pkg/document"
)

// corpusDir holds the PO files of the shared test corpus: the two PO
// files of the LISA TMX compliance kit as OmegaT keeps it.
const corpusDir = "../../../shared/corpus/formats/tmx/omegat-tmx-compliance-kit"

// TestReadCorpus reads the real PO files of the corpus. They are
// ISO-8859-1 without a header (file(1) says "ISO-8859 text"), so they are
// refused at their first accented byte; converted to UTF-8 they read. The
// counts were checked by hand: grep -c '^msgid' and grep -c '^msgstr' give
// 4 for each file, and the lines were read with iconv -f latin1.
func TestReadCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("the shared corpus is not there (%v): it lives in /work/shared/corpus", err)
	}
	last := "é=eacute, \u00a0=nbsp, ¤=curr, ÿ=yumlaut, ©=copy, §=para"
	for _, tc := range []struct {
		file string
		strs []string
	}{
		{"ExportTest1D.po", []string{"Text with 3 spaces [   ] and 2 [  ]", "Text with 1 tab [\t] and 2 [\t\t]", "<=lt, >=gt, &=amp, {=obrace, }=cbrace", last}},
		{"ExportTest1D_fr.po", []string{"Texte avec 3 espaces [   ] et 2 [  ]", "Texte avec 1 tab [\t] et 2 [\t\t]", "<=lt, >=gt, &=amp, {=obrace, }=cbrace", last}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(corpusDir, tc.file)
			data, err := os.ReadFile(path)
			require.NoError(t, err)

			f, err := Read(tc.file, bytes.NewReader(data))
			assert.Nil(t, f)
			require.Error(t, err)
			assert.Equal(t, tc.file+":11:9: po: invalid UTF-8 (byte 0xe9): the file must be UTF-8; convert it with msgconv --to-code=UTF-8 or iconv", err.Error())

			utf, err := charmap.ISO8859_1.NewDecoder().Bytes(data)
			require.NoError(t, err)
			f, err = Read(tc.file, bytes.NewReader(utf))
			require.NoError(t, err)
			assert.Nil(t, f.Header)
			require.Len(t, f.Entries, 4)
			var ids, strs []string
			for _, e := range f.Entries {
				ids = append(ids, e.ID)
				require.Len(t, e.Str, 1)
				strs = append(strs, e.Str[0])
			}
			assert.Equal(t, []string{"id100", "id101", "id102", "103"}, ids)
			assert.Equal(t, tc.strs, strs)
			assert.Equal(t, document.Position{Offset: bytes.Index(utf, []byte(`msgid "103"`)), Line: 10, Col: 1}, f.Entries[3].Pos)
		})
	}
}

// TestReadWeblate reads a French catalogue as Weblate writes it after
// msgmerge. The counts were checked by hand with grep: 21 '^msgid ' (the
// header and 20 entries), 2 '^#~ msgid ' (obsolete), 3 '^msgid_plural',
// 2 '^msgctxt', 3 '^#, fuzzy', 2 '^#| msgid ' and 1 '^#~| msgid ', 20
// '^#:' lines holding 21 references, 2 '^#\.', 6 '^# ' (5 of the header),
// 4 '^msgstr ""$' of which the header and two multi-line strings: one
// entry left untranslated.
func TestReadWeblate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "weblate-fr.po"))
	require.NoError(t, err)
	f, err := Read("weblate-fr.po", bytes.NewReader(data))
	require.NoError(t, err)

	h := f.Header
	require.NotNil(t, h)
	assert.Equal(t, "fr", h.Language)
	assert.Equal(t, "nplurals=2; plural=n > 1;", h.PluralForms)
	assert.Equal(t, "UTF-8", h.Charset)
	assert.Len(t, h.Fields, 12)
	team, _ := h.Get("Language-Team")
	assert.Equal(t, "French <https://hosted.weblate.org/projects/tasklet/app/fr/>", team, "a field split over two strings")
	gen, _ := h.Get("X-Generator")
	assert.Equal(t, "Weblate 5.4.3", gen)
	assert.Len(t, h.Comments, 5)
	assert.Equal(t, document.Position{Offset: 0, Line: 1, Col: 1}, h.Pos)

	require.Len(t, f.Entries, 22)
	var obsolete, plural, ctxt, fuzzy, prev, refs, extracted, comments, untranslated, pyFormat int
	for _, e := range f.Entries {
		count := func(n *int, b bool) {
			if b {
				*n++
			}
		}
		count(&obsolete, e.Obsolete)
		count(&plural, e.HasPlural)
		count(&ctxt, e.HasContext)
		count(&fuzzy, e.Fuzzy)
		count(&prev, e.Previous != "")
		count(&untranslated, e.Str[0] == "")
		for _, fl := range e.Flags {
			count(&pyFormat, fl == "python-format")
		}
		refs += len(e.References)
		extracted += len(e.Extracted)
		comments += len(e.Comments)
	}
	assert.Equal(t, 2, obsolete)
	assert.Equal(t, 3, plural)
	assert.Equal(t, 2, ctxt)
	assert.Equal(t, 3, fuzzy)
	assert.Equal(t, 3, prev)
	assert.Equal(t, 21, refs)
	assert.Equal(t, 2, extracted)
	assert.Equal(t, 1, comments)
	assert.Equal(t, 1, untranslated)
	assert.Equal(t, 4, pyFormat)

	byID := map[string]Entry{}
	for _, e := range f.Entries {
		if !e.HasContext {
			byID[e.ID] = e
		}
	}
	overdue := byID["%d task is overdue"]
	assert.Equal(t, "%d overdue task", overdue.Previous)
	assert.Equal(t, "%d overdue tasks", overdue.PreviousPlural)
	assert.Equal(t, []string{"fuzzy", "python-format"}, overdue.Flags)
	assert.Equal(t, []string{"%d tâche en retard", "%d tâches en retard"}, overdue.Str)
	assert.Equal(t, []string{"Quitter\tCtrl+Q"}, byID["Quit\tCtrl+Q"].Str)
	assert.Equal(t, `Quotes "like this" are escaped`, f.Entries[19].ID)
	about := byID["Tasklet is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License.\n\nSee “LICENSE” for details."]
	assert.Equal(t, "Tasklet est un logiciel libre : vous pouvez le redistribuer et/ou le modifier selon les termes de la Licence publique générale GNU.\n\nVoir « LICENSE » pour les détails.", about.Str[0])
	assert.Equal(t, []string{"tasklet/cli.py:57", "tasklet/gui/menu.py:12"}, f.Entries[1].References)
	assert.Equal(t, "menu", f.Entries[1].Context)
	assert.Equal(t, "Dossier", f.Entries[2].Str[0])
	imp := f.Entries[21]
	assert.True(t, imp.Obsolete && imp.Fuzzy)
	assert.Equal(t, "Import from a file", imp.Previous)
	assert.Equal(t, "Import tasks from a file. Tasklet reads CSV and iCalendar files exported by other applications.", imp.ID)
	assert.Equal(t, document.Position{Offset: len(data) - len(bytesFrom(data, "#, fuzzy\n#~|")), Line: 137, Col: 1}, imp.Pos)
}

// bytesFrom returns data from the last occurrence of sub.
func bytesFrom(data []byte, sub string) []byte {
	return data[bytes.LastIndex(data, []byte(sub)):]
}
