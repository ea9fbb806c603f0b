package po

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

// readCase is a well-formed input and what it reads to, positions left out.
type readCase struct {
	name    string
	in      string
	header  *Header
	entries []Entry
}

const frHeader = `# French translation of Relais.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: relais 1.0\n"
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"
`

func readCases() []readCase {
	hello := Entry{ID: "Hello", Str: []string{"Bonjour"}}
	return []readCase{
		{
			name: "header",
			in:   frHeader + "\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n",
			header: &Header{
				Entry: Entry{
					Str:      []string{"Project-Id-Version: relais 1.0\nLanguage: fr\nContent-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n"},
					Fuzzy:    true,
					Flags:    []string{"fuzzy"},
					Comments: []string{"French translation of Relais."},
				},
				Fields: []Field{
					{"Project-Id-Version", "relais 1.0"},
					{"Language", "fr"},
					{"Content-Type", "text/plain; charset=UTF-8"},
					{"Plural-Forms", "nplurals=2; plural=(n > 1);"},
				},
				Language:    "fr",
				PluralForms: "nplurals=2; plural=(n > 1);",
				Charset:     "UTF-8",
			},
			entries: []Entry{hello},
		},
		{
			name: "header of a template, lines without a colon",
			in:   "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CHARSET\\nno colon here\\n\\nX-Empty:\\n\"\n",
			header: &Header{
				Entry:   Entry{Str: []string{"Content-Type: text/plain; charset=CHARSET\nno colon here\n\nX-Empty:\n"}},
				Fields:  []Field{{"Content-Type", "text/plain; charset=CHARSET"}, {"X-Empty", ""}},
				Charset: "CHARSET",
			},
		},
		{
			name: "header not first, ASCII",
			in:   "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"\"\nmsgstr \"Content-Type: text/plain; charset=US-ASCII\\n\"\n",
			header: &Header{
				Entry:   Entry{Str: []string{"Content-Type: text/plain; charset=US-ASCII\n"}},
				Fields:  []Field{{"Content-Type", "text/plain; charset=US-ASCII"}},
				Charset: "US-ASCII",
			},
			entries: []Entry{{ID: "a", Str: []string{"b"}}},
		},
		{name: "empty file", in: ""},
		{name: "comments only", in: "# nothing to translate yet\n#. really\n"},
		{
			name: "context",
			in: `msgctxt "menu"
msgid "File"
msgstr "Fichier"

msgctxt ""
msgid "File"
msgstr "Fichier (vide)"

msgid "File"
msgstr "Dossier"

msgctxt "menu"
msgid ""
msgstr "vide"
`,
			entries: []Entry{
				{Context: "menu", HasContext: true, ID: "File", Str: []string{"Fichier"}},
				{HasContext: true, ID: "File", Str: []string{"Fichier (vide)"}},
				{ID: "File", Str: []string{"Dossier"}},
				{Context: "menu", HasContext: true, Str: []string{"vide"}},
			},
		},
		{
			name: "plural with two forms",
			in: `msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d fichier"
msgstr[1] "%d fichiers"
`,
			entries: []Entry{{ID: "%d file", IDPlural: "%d files", HasPlural: true, Str: []string{"%d fichier", "%d fichiers"}}},
		},
		{
			name: "plural with three forms, context and continuation",
			in: `msgctxt "unit"
msgid "%d day"
msgid_plural "%d days"
msgstr[0] "%d dzień"
msgstr[1] ""
"%d dni"
msgstr[2] "%d dni"
`,
			entries: []Entry{{Context: "unit", HasContext: true, ID: "%d day", IDPlural: "%d days", HasPlural: true, Str: []string{"%d dzień", "%d dni", "%d dni"}}},
		},
		{
			name:    "empty msgid_plural",
			in:      "msgid \"a\"\nmsgid_plural \"\"\nmsgstr[0] \"\"\n",
			entries: []Entry{{ID: "a", HasPlural: true, Str: []string{""}}},
		},
		{
			name:    "fuzzy",
			in:      "#, fuzzy\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n",
			entries: []Entry{{ID: "Hello", Str: []string{"Bonjour"}, Fuzzy: true, Flags: []string{"fuzzy"}}},
		},
		{
			name: "other flags",
			in: `#, c-format, no-wrap
#,python-format fuzzy,,range: 0..10
#, range:, x range:	1..2
msgid "%s"
msgstr "%s"
`,
			entries: []Entry{{ID: "%s", Str: []string{"%s"}, Fuzzy: true,
				Flags: []string{"c-format", "no-wrap", "python-format", "fuzzy", "range: 0..10", "range:", "x", "range: 1..2"}}},
		},
		{
			name: "obsolete entries",
			in: `msgid "Live"
msgstr "Vivant"

#~ msgid "Old"
#~ msgstr "Vieux"

# kept for later
#, fuzzy
#~| msgid "Old text"
#~ msgctxt "c"
#~ msgid ""
#~ "Line one\n"
#~ "line two"
#~ msgstr ""
#~ "Ligne un\n"
#~ "ligne deux"

#~ msgid "Live"
#~ msgstr "Mort"

#~ msgid ""
#~ msgstr "Language: fr\n"

#~ msgid "n"
#~ msgid_plural "ns"
#~ msgstr[0] "x"
#~ msgstr[1] "y"
`,
			entries: []Entry{
				{ID: "Live", Str: []string{"Vivant"}},
				{ID: "Old", Str: []string{"Vieux"}, Obsolete: true},
				{Context: "c", HasContext: true, ID: "Line one\nline two", Str: []string{"Ligne un\nligne deux"}, Obsolete: true,
					Fuzzy: true, Flags: []string{"fuzzy"}, Previous: "Old text", Comments: []string{"kept for later"}},
				{ID: "Live", Str: []string{"Mort"}, Obsolete: true},
				{Str: []string{"Language: fr\n"}, Obsolete: true},
				{ID: "n", IDPlural: "ns", HasPlural: true, Str: []string{"x", "y"}, Obsolete: true},
			},
		},
		{
			name: "previous strings",
			in: `#, fuzzy
#| msgctxt "old"
#| msgid ""
#| "Open "
#| "file"
#| msgid_plural "Open files"
msgid "Open a file"
msgid_plural "Open files"
msgstr[0] "Ouvrir un fichier"
msgstr[1] "Ouvrir des fichiers"

#|msgid "Close"
msgid "Close it"
msgstr ""
`,
			entries: []Entry{
				{ID: "Open a file", IDPlural: "Open files", HasPlural: true, Str: []string{"Ouvrir un fichier", "Ouvrir des fichiers"},
					Fuzzy: true, Flags: []string{"fuzzy"}, Previous: "Open file", PreviousContext: "old", PreviousPlural: "Open files"},
				{ID: "Close it", Str: []string{""}, Previous: "Close"},
			},
		},
		{
			name: "multi-line strings",
			in: `msgid ""
"Your changes have not been saved. "
"Save them?"
msgstr ""
""
"Vos modifications n’ont pas été enregistrées. " "Les enregistrer ?"

msgid "a" "b"   "c"
msgstr "abc"
`,
			entries: []Entry{
				{ID: "Your changes have not been saved. Save them?", Str: []string{"Vos modifications n’ont pas été enregistrées. Les enregistrer ?"}},
				{ID: "abc", Str: []string{"abc"}},
			},
		},
		{
			name: "every escape",
			in: `msgid "\n\t\"\\\r\a\b\f\v"
msgstr "\101\x41\x4a\0\7\303\251\xc3\xA9\0101\x414\177"
`,
			entries: []Entry{{ID: "\n\t\"\\\r\a\b\f\v", Str: []string{"AAJ\x00\aéé\b1A4\x7f"}}},
		},
		{
			name: "comments and references",
			in: `# Translator comment
#  indented
#
#no space
#. Extracted comment
#.no space
#: src/a.c:12 src/b.c:7
#:	src/c.c:1
#: ` + "\u2068my file.c\u2069:4 x.c" + `
msgid "Hello"
msgstr "Bonjour"
`,
			entries: []Entry{{ID: "Hello", Str: []string{"Bonjour"},
				Comments:   []string{"Translator comment", " indented", "", "no space"},
				Extracted:  []string{"Extracted comment", "no space"},
				References: []string{"src/a.c:12", "src/b.c:7", "src/c.c:1", "\u2068my file.c\u2069:4", "x.c"}}},
		},
		{
			name:    "no newline at the end",
			in:      "msgid \"Hello\"\nmsgstr \"Bonjour\"",
			entries: []Entry{hello},
		},
		{
			name: "CRLF line ends",
			in:   "msgid \"\"\r\nmsgstr \"Language: fr\\n\"\r\n\r\n# c\r\nmsgid \"Hello\"\r\nmsgstr \"\"\r\n\"Bonjour\"\r\n",
			header: &Header{
				Entry:    Entry{Str: []string{"Language: fr\n"}},
				Fields:   []Field{{"Language", "fr"}},
				Language: "fr",
			},
			entries: []Entry{{ID: "Hello", Str: []string{"Bonjour"}, Comments: []string{"c"}}},
		},
		{
			name:    "byte-order mark",
			in:      "\ufeffmsgid \"Hello\"\nmsgstr \"Bonjour\"\n",
			entries: []Entry{hello},
		},
		{
			name: "white space is not significant",
			in: "\n\n  msgid   \"Hello\"\n\n\tmsgstr\t\"Bon\"  \n\n   \"jour\"\t\n#~\n#|\n" +
				"msgid\"a\"\nmsgstr\"b\"\n",
			entries: []Entry{hello, {ID: "a", Str: []string{"b"}}},
		},
		{
			name: "obsolete entry with the msgid of a live one",
			in:   "#~ msgid \"Hello\"\n#~ msgstr \"Salut\"\n\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n",
			entries: []Entry{
				{ID: "Hello", Str: []string{"Salut"}, Obsolete: true},
				hello,
			},
		},
	}
}

// noPos returns f with every position zeroed, for comparisons.
func noPos(f *File) *File {
	out := &File{Entries: make([]Entry, len(f.Entries))}
	for i, e := range f.Entries {
		e.Pos = document.Position{}
		out.Entries[i] = e
	}
	if len(f.Entries) == 0 {
		out.Entries = nil
	}
	if f.Header != nil {
		h := *f.Header
		h.Pos = document.Position{}
		out.Header = &h
	}
	return out
}

func TestRead(t *testing.T) {
	for _, tc := range readCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, err := Read("p.po", strings.NewReader(tc.in))
			require.NoError(t, err)
			assert.Equal(t, &File{Header: tc.header, Entries: tc.entries}, noPos(f))
		})
	}
}

func TestReadPositions(t *testing.T) {
	in := "\ufeff# c\r\nmsgid \"a\"\r\nmsgstr \"b\"\r\n\r\n  msgid \"é\"\nmsgstr \"\"\r\n\r\n#~ msgid \"o\"\n#~ msgstr \"\"\n#| msgid \"p\"\nmsgid \"x\"\nmsgstr \"y\""
	f, err := Read("p.po", strings.NewReader(in))
	require.NoError(t, err)
	var got []string
	for _, e := range f.Entries {
		got = append(got, fmt.Sprintf("%s@%d", e.Pos, e.Pos.Offset))
	}
	// Columns count characters from the start of the line, the
	// byte-order mark included, as document.Lines does.
	assert.Equal(t, []string{"1:2@3", "5:3@35", "8:1@59", "10:1@85"}, got)
	lines := document.NewLines([]byte(in))
	for _, e := range f.Entries {
		assert.Equal(t, lines.Position(e.Pos.Offset), e.Pos)
	}
}

func TestReadHeaderGet(t *testing.T) {
	f, err := Read("p.po", strings.NewReader(frHeader))
	require.NoError(t, err)
	require.NotNil(t, f.Header)
	v, ok := f.Header.Get("plural-forms")
	assert.True(t, ok)
	assert.Equal(t, "nplurals=2; plural=(n > 1);", v)
	_, ok = f.Header.Get("X-Generator")
	assert.False(t, ok)
	assert.Empty(t, f.Entries)
}

// errCase is a malformed input and its error, "line:col: message".
type errCase struct {
	name, in, want string
}

func errCases() []errCase {
	return []errCase{
		{"unterminated string", "msgid \"abc\nmsgstr \"\"\n", `1:7: po: unterminated string: close it with "`},
		{"unterminated by an escaped quote", "msgid \"a\"\nmsgstr \"b\\\"\n", `2:8: po: unterminated string: close it with "`},
		{"msgstr[1] before msgstr[0]", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"b\"\n", "3:1: po: msgstr[1] before msgstr[0]: number the forms 0, 1, 2… in order"},
		{"msgstr[2] after msgstr[0]", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\nmsgstr[2] \"c\"\n", "4:1: po: msgstr[2] before msgstr[1]: number the forms 0, 1, 2… in order"},
		{"msgstr[0] twice", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\nmsgstr[0] \"c\"\n", "4:1: po: msgstr[0] twice: number the forms 0, 1, 2… in order"},
		{"msgid_plural without msgstr[N] at the end", "msgid \"a\"\nmsgid_plural \"as\"\n", "2:1: po: msgid_plural without msgstr[N]: add msgstr[0], msgstr[1]… after it"},
		{"msgid_plural without msgstr[N] before an entry", "msgid \"a\"\nmsgid_plural \"as\"\n\nmsgid \"b\"\nmsgstr \"\"\n", "2:1: po: msgid_plural without msgstr[N]: add msgstr[0], msgstr[1]… after it"},
		{"msgid without msgstr", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", `1:1: po: msgid without msgstr: add msgstr "" after it`},
		{"comment between msgid and msgstr", "msgid \"a\"\n# c\nmsgstr \"\"\n", `1:1: po: msgid without msgstr: add msgstr "" after it`},
		{"msgctxt without msgid", "msgctxt \"a\"\n", `1:1: po: msgctxt without msgid: add msgid "…" and msgstr after it`},
		{"msgctxt twice", "msgctxt \"a\"\nmsgctxt \"b\"\n", "2:1: po: msgctxt twice: an entry has one msgctxt, before its msgid"},
		{"unknown keyword near a known one", "msgtxt \"a\"\n", `1:1: po: unknown keyword "msgtxt": did you mean msgctxt?`},
		{"unknown keyword", "# c\n  fuzzy \"a\"\n", `2:3: po: unknown keyword "fuzzy": a line starts with msgctxt, msgid, msgid_plural, msgstr, a quoted string or #`},
		{"domain", "domain \"messages\"\n", "1:1: po: domain is not supported: keep one domain per file"},
		{"unexpected character", "msgid \"a\"\nmsgstr \"b\"\n{\n", `3:1: po: unexpected '{': a line holds a comment (#…), a keyword (msgid, msgstr…) or a quoted string`},
		{"keyword without a string", "msgid abc\n", `1:7: po: msgid needs a quoted string: msgid "…"`},
		{"msgstr[N] without a string", "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0]\n", `3:10: po: msgstr[0] needs a quoted string: msgstr[0] "…"`},
		{"malformed msgstr[N]", "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[x] \"\"\n", "3:7: po: malformed msgstr[N]: write the number of the form between brackets, as in msgstr[0]"},
		{"text after the string", "msgid \"say \"hi\"\"\n", `1:13: po: unexpected 'h' after the closing quote: write a quote inside a string as \"`},
		{"string at the start", "\"a\"\n", "1:1: po: string without a keyword: start the line with msgid, msgstr… or put the string on the lines of one"},
		{"string after a comment", "msgid \"a\"\nmsgstr \"b\"\n# c\n\"d\"\n", "4:1: po: string without a keyword: start the line with msgid, msgstr… or put the string on the lines of one"},
		{"plain string after a previous string", "#| msgid \"a\"\n\"b\"\n", "2:1: po: string without a keyword: start the line with msgid, msgstr… or put the string on the lines of one"},
		{"msgstr without msgid", "# c\nmsgstr \"b\"\n", `2:1: po: msgstr without msgid: put msgid "…" before it`},
		{"msgstr twice", "msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", "3:1: po: msgstr twice: an entry without msgid_plural has one msgstr"},
		{"msgstr after msgid_plural", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n", "3:1: po: msgstr in an entry with msgid_plural: write msgstr[0], msgstr[1]… for its forms"},
		{"msgstr[0] without msgid_plural", "msgid \"a\"\nmsgstr[0] \"b\"\n", "2:1: po: msgstr[0] without msgid_plural: write msgstr, or add msgid_plural before it"},
		{"msgstr[0] after msgstr", "msgid \"a\"\nmsgstr \"b\"\nmsgstr[0] \"b\"\n", "3:1: po: msgstr[0] after msgstr: an entry without msgid_plural has one msgstr"},
		{"msgstr[0] without msgid", "msgstr[0] \"b\"\n", `1:1: po: msgstr[0] without msgid: put msgid "…" and msgid_plural "…" before it`},
		{"msgid_plural twice", "msgid \"a\"\nmsgid_plural \"b\"\nmsgid_plural \"c\"\n", "3:1: po: msgid_plural twice: an entry has one msgid_plural"},
		{"msgid_plural after msgstr", "msgid \"a\"\nmsgstr \"b\"\nmsgid_plural \"c\"\n", "3:1: po: msgid_plural after msgstr: put it right after msgid"},
		{"msgid_plural without msgid", "msgid_plural \"c\"\n", `1:1: po: msgid_plural without msgid: put msgid "…" before it`},
		{"duplicate msgid", "msgid \"a\"\nmsgstr \"\"\n\n# again\nmsgid \"a\"\nmsgstr \"b\"\n", `5:1: po: duplicate msgid "a" (first at line 1): remove one of the entries, or give one a msgctxt`},
		{"duplicate msgid in a context", "msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"\"\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"\"\n", `5:1: po: duplicate msgid "a" in msgctxt "c" (first at line 2): remove one of the entries, or give them different msgctxt`},
		{"duplicate long msgid", "msgid \"" + strings.Repeat("é", 50) + "\"\nmsgstr \"\"\nmsgid \"" + strings.Repeat("é", 50) + "\"\nmsgstr \"\"\n", `3:1: po: duplicate msgid "` + strings.Repeat("é", 39) + `…" (first at line 1): remove one of the entries, or give one a msgctxt`},
		{"two headers", "msgid \"\"\nmsgstr \"\"\n\nmsgid \"\"\nmsgstr \"Language: fr\\n\"\n", `4:1: po: second header entry (msgid "", first at line 1): keep one header`},
		{"header with msgid_plural", "msgid \"\"\nmsgid_plural \"\"\nmsgstr[0] \"\"\n", `2:1: po: msgid_plural in the header entry (msgid ""): remove it`},
		{"unknown escape", "msgid \"a\\qb\"\nmsgstr \"\"\n", `1:9: po: unknown escape \q: write \\ for a backslash`},
		{"unknown escape of a letter with an accent", "msgid \"\\é\"\nmsgstr \"\"\n", `1:8: po: unknown escape \é: write \\ for a backslash`},
		{"hex escape without digits", "msgid \"\\xg\"\nmsgstr \"\"\n", `1:8: po: \x without hexadecimal digits: write \x and one or two digits, as in \x41`},
		{"octal escape above 377", "msgid \"a\"\nmsgstr \"\\400\"\n", `2:9: po: octal escape \400 is above \377: write the character itself`},
		{"escapes that are not UTF-8", "msgid \"a\"\nmsgstr \"\"\n\"ok \\xe9t\\xe9\"\n", "3:5: po: escaped bytes that do not make UTF-8: write the character itself"},
		{"charset ISO-8859-1", "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\nmsgid \"caf\xe9\"\nmsgstr \"\"\n",
			`4:36: po: charset "ISO-8859-1" is not supported: convert the file to UTF-8 (msgconv --to-code=UTF-8) and declare charset=UTF-8`},
		{"charset ISO-8859-1 after bytes that are not UTF-8", "# Fran\xe7ois\nmsgid \"\"\nmsgstr \"Last-Translator: Fran\xe7ois\\n\"\n\"Content-Type: text/plain; charset=iso-8859-1\\n\"\n",
			`4:36: po: charset "iso-8859-1" is not supported: convert the file to UTF-8 (msgconv --to-code=UTF-8) and declare charset=UTF-8`},
		{"charset without Content-Type in the source", "msgid \"\"\nmsgstr \"Content\\x2dType: text/plain; charset=latin1\\n\"\n",
			`2:1: po: charset "latin1" is not supported: convert the file to UTF-8 (msgconv --to-code=UTF-8) and declare charset=UTF-8`},
		{"not UTF-8 without a header", "msgid \"id100\"\nmsgstr \"caf\xe9\"\n",
			"2:12: po: invalid UTF-8 (byte 0xe9): the file must be UTF-8; convert it with msgconv --to-code=UTF-8 or iconv"},
		{"not UTF-8 in the header of a UTF-8 file", "# Fran\xe7ois\nmsgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n",
			"1:7: po: invalid UTF-8 (byte 0xe7): the file must be UTF-8; convert it with msgconv --to-code=UTF-8 or iconv"},
		{"not UTF-8 after a UTF-8 header", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"a\"\nmsgstr \"\xff\"\n",
			"5:9: po: invalid UTF-8 (byte 0xff): the file must be UTF-8; convert it with msgconv --to-code=UTF-8 or iconv"},
		{"syntax error before bytes that are not UTF-8", "msgtxt \"a\"\n# \xe9\n", `1:1: po: unknown keyword "msgtxt": did you mean msgctxt?`},
		{"syntax error after bytes that are not UTF-8", "# \xe9\nmsgtxt \"a\"\n", "1:3: po: invalid UTF-8 (byte 0xe9): the file must be UTF-8; convert it with msgconv --to-code=UTF-8 or iconv"},
		{"obsolete msgid, live msgstr", "#~ msgid \"a\"\nmsgstr \"b\"\n", "2:1: po: inconsistent use of #~: mark every keyword and string line of an obsolete entry with #~, or none"},
		{"live msgctxt, obsolete msgid", "msgctxt \"c\"\n#~ msgid \"a\"\n#~ msgstr \"b\"\n", "2:4: po: inconsistent use of #~: mark every keyword and string line of an obsolete entry with #~, or none"},
		{"obsolete entry, live continuation", "#~ msgid \"a\"\n#~ msgstr \"\"\n\"b\"\n", "3:1: po: inconsistent use of #~: mark every keyword and string line of an obsolete entry with #~, or none"},
		{"obsolete comment", "#~ # c\n", `1:4: po: unexpected '#': a line holds a comment (#…), a keyword (msgid, msgstr…) or a quoted string`},
		{"msgstr in a previous line", "#| msgid \"a\"\n#| msgstr \"b\"\nmsgid \"a\"\nmsgstr \"\"\n", "2:4: po: msgstr in a #| line: previous strings are msgctxt, msgid and msgid_plural"},
		{"previous msgid_plural without msgid", "#| msgid_plural \"a\"\n", `1:4: po: #| msgid_plural without #| msgid: put #| msgid "…" before it`},
		{"previous msgctxt after msgid", "#| msgid \"a\"\n#| msgctxt \"b\"\n", "2:4: po: #| msgctxt after #| msgid: put it first"},
		{"previous msgid twice", "#| msgid \"a\"\n#~| msgid \"b\"\n", "2:5: po: #| msgid twice: an entry has one previous msgid"},
		{"previous line inside an entry", "msgid \"a\"\n#| msgid \"b\"\nmsgstr \"\"\n", `1:1: po: msgid without msgstr: add msgstr "" after it`},
		{"error on a CRLF line", "msgid \"a\"\r\nmsgstr \"b\r\n", `2:8: po: unterminated string: close it with "`},
		{"error after a byte-order mark", "\ufeffmsgtxt \"a\"\n", `1:2: po: unknown keyword "msgtxt": did you mean msgctxt?`},
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range errCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, err := Read("p.po", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Nil(t, f, "nothing partial")
			var pe *document.PosError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "p.po", pe.Path)
			assert.Equal(t, tc.want, fmt.Sprintf("%s: %v", pe.Pos, pe.Err))
			assert.Equal(t, document.NewLines([]byte(tc.in)).Position(pe.Pos.Offset), pe.Pos, "the position is that of its offset")
		})
	}
}

func TestReadIOError(t *testing.T) {
	boom := errors.New("boom")
	f, err := Read("p.po", iotest.ErrReader(boom))
	assert.Nil(t, f)
	require.ErrorIs(t, err, boom)
	assert.Equal(t, "p.po: po: read: boom", err.Error())
}

func TestReadSharesNothingMutable(t *testing.T) {
	// Strings cut from the arena stay the same when later entries are
	// decoded into it.
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "msgid \"\"\n\"id %d\\n\"\nmsgstr \"a\\tb %d\"\n\n", i, i)
	}
	f, err := Read("p.po", strings.NewReader(b.String()))
	require.NoError(t, err)
	require.Len(t, f.Entries, 3000)
	for i, e := range f.Entries {
		require.Equal(t, fmt.Sprintf("id %d\n", i), e.ID)
		require.Equal(t, []string{fmt.Sprintf("a\tb %d", i)}, e.Str)
	}
}
