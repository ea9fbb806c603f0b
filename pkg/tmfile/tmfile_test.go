package tmfile

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/segment"
)

func TestDetect(t *testing.T) {
	for in, want := range map[string]Format{
		`<?xml version="1.0"?><tmx version="1.4">`:                            TMX,
		"\ufeff<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">":              XLIFF,
		`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0">`: XLIFF,
		"# Translators\nmsgid \"\"\nmsgstr \"\"\n":                            PO,
		"msgctxt \"menu\"\nmsgid \"Ouvrir\"\n":                                PO,
		"fr\ten\nBonjour\tHello\n":                                            TSV,
		"fr,en\nBonjour,Hello\n":                                              CSV,
		"fr;en\nBonjour;Hello\n":                                              CSV,
		"<html><body>":                                                        Unknown,
		"just a line":                                                         Unknown,
	} {
		assert.Equal(t, want, Detect([]byte(in)), "%q", in)
	}
}

// bold reads "**x**" into a bold pair, as the Markdown reader would.
func bold(text string) document.Content {
	if len(text) > 4 && text[:2] == "**" {
		b := &document.Code{ID: "1", Kind: document.Open, Type: "strong", Data: "**"}
		e := &document.Code{ID: "1", Kind: document.Close, Type: "strong", Data: "**"}
		return document.Content{{Code: b}, {Text: text[2 : len(text)-2]}, {Code: e}}
	}
	return document.Text(text)
}

func TestReadTable(t *testing.T) {
	res, err := Read("p.csv", []byte("fr,en\nBonjour,Hello\n\"Un, deux\",\"One, two\"\n**Gras**,**Bold**\nVide,\n"), CSV, Options{Inline: bold})
	require.NoError(t, err)
	require.Len(t, res.Units, 3)
	assert.Equal(t, 1, res.Skipped, "a row without a translation")
	assert.Equal(t, "Un, deux", res.Units[1].Source.Plain())
	assert.Equal(t, language.French, res.Units[0].SrcLang)
	assert.Equal(t, language.English, res.Units[0].TgtLang)
	assert.Len(t, res.Units[2].Source.Codes(), 2, "inline Markdown read into codes")

	res, err = Read("p.tsv", []byte("Bonjour\tHello\n"), TSV, Options{SrcLang: language.French, TgtLang: language.Spanish})
	require.NoError(t, err)
	require.Len(t, res.Units, 1, "no header: the languages are the options'")
	assert.Equal(t, language.Spanish, res.Units[0].TgtLang)
}

func TestReadPO(t *testing.T) {
	src := `# Weblate export
msgid ""
msgstr ""
"Language: es\n"
"X-Source-Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=n != 1;\n"

#: docs/install.md:12
msgid "Installer **YunoHost**"
msgstr "Instalar **YunoHost**"

#, fuzzy
msgid "Une phrase douteuse"
msgstr "Una frase dudosa"

msgctxt "menu"
msgid "Ouvrir"
msgstr "Abrir"

msgid "%d fichier"
msgid_plural "%d fichiers"
msgstr[0] "%d archivo"
msgstr[1] "%d archivos"

msgid "Pas encore traduit"
msgstr ""

#~ msgid "Ancienne"
#~ msgstr "Antigua"
`
	res, err := Read("es.po", []byte(src), PO, Options{Inline: bold})
	require.NoError(t, err)
	var pairs []string
	for _, u := range res.Units {
		pairs = append(pairs, u.Source.Plain()+" → "+u.Target.Plain())
		assert.Equal(t, language.French, u.SrcLang)
		assert.Equal(t, language.Spanish, u.TgtLang)
	}
	assert.Equal(t, []string{"Installer **YunoHost** → Instalar **YunoHost**", "Ouvrir → Abrir", "%d fichier → %d archivo", "%d fichiers → %d archivos"}, pairs)
	assert.Equal(t, 3, res.Skipped, "the fuzzy, the untranslated and the obsolete entries")
	assert.Equal(t, "docs/install.md", res.Units[0].Doc)
	assert.Equal(t, "menu", res.Units[1].Props[0].Value)

	res, err = Read("es.po", []byte(src), PO, Options{AcceptFuzzy: true})
	require.NoError(t, err)
	assert.Len(t, res.Units, 5, "--accept fuzzy")
}

func TestReadXLIFF(t *testing.T) {
	src := `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
<file id="f1" original="a.md">
<unit id="u1"><segment state="final"><source>Bonjour.</source><target>Hello.</target></segment>
<segment state="initial"><source>Pas fait.</source></segment>
<segment state="translated"><source>Au revoir.</source><target>Goodbye.</target></segment></unit>
</file>
</xliff>`
	res, err := Read("a.xlf", []byte(src), XLIFF, Options{})
	require.NoError(t, err)
	require.Len(t, res.Units, 2)
	assert.Equal(t, 1, res.Skipped)
	assert.Equal(t, "a.md", res.Units[0].Doc)
	assert.Equal(t, document.FromHuman, res.Units[0].Origin.Kind)
	assert.NotZero(t, res.Units[0].Next, "the context the segment stood in")
}

func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		format     Format
		want       string
	}{
		{"three columns", "fr,en\nBonjour,Hello,Hola\n", CSV, "t:2:1: 3 columns: want two, the source and its translation"},
		{"no languages", "Bonjour,Hello\n", CSV, "t:1:1: no languages: write them in a first row (fr,en) or give --from and --lang"},
		{"empty source", "fr,en\n,Hello\n", CSV, "t:2:1: empty source: give each row a source and its translation"},
		{"not UTF-8", "fr,en\nbon\xffjour,Hello\n", CSV, "t:2:4: not UTF-8: save the file as UTF-8"},
		{"unterminated PO string", "msgid \"a\nmsgstr \"b\"\n", PO, "t:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read("t", []byte(tc.data), tc.format, Options{})
			require.Error(t, err)
			var pe *document.PosError
			assert.True(t, errors.As(err, &pe), "a position: %v", err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, res.Units, "nothing partial")
		})
	}
}

// FuzzRead: on any bytes, Detect and Read never panic; a file read gives
// units with both languages, a source and a target, or an error and no
// unit.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"fr,en\nBonjour,Hello\n", "fr\ten\nBonjour\tHello\n", "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\nmsgid \"a\"\nmsgstr \"b\"\n",
		`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en"><file id="f"><unit id="u"><segment state="final"><source>a</source><target>b</target></segment></unit></file></xliff>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		format := Detect(data)
		res, err := Read("f", data, format, Options{SrcLang: language.French, TgtLang: language.English})
		if err != nil {
			if len(res.Units) > 0 {
				t.Fatal("units and an error")
			}
			return
		}
		for _, u := range res.Units {
			if u.SrcLang == language.Und || u.TgtLang == language.Und || len(u.Source) == 0 || len(u.Target) == 0 {
				t.Fatalf("unfit unit %+v", u)
			}
		}
	})
}

func TestSentences(t *testing.T) {
	fr, err := segment.New(language.French)
	require.NoError(t, err)
	en, err := segment.New(language.English)
	require.NoError(t, err)
	b := &document.Code{ID: "1", Kind: document.Open, Type: "strong", Data: "**"}
	e := &document.Code{ID: "1", Kind: document.Close, Type: "strong", Data: "**"}
	para := memory.Unit{SrcLang: language.French, TgtLang: language.English, Doc: "install.md",
		Source: document.Content{{Text: "Installez le paquet. Puis lancez "}, {Code: b}, {Text: "YunoHost"}, {Code: e}, {Text: " sur le serveur. C'est fini !"}},
		Target: document.Content{{Text: "Install the package. Then run "}, {Code: b}, {Text: "YunoHost"}, {Code: e}, {Text: " on the server. That's it!"}},
		Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated, Prev: 7, Next: 9}
	sp := NewSplitter()
	got := sp.Sentences(para, fr, en)
	require.Len(t, got, 3)
	var pairs []string
	for _, u := range got {
		pairs = append(pairs, strings.TrimSpace(u.Source.Plain())+" → "+strings.TrimSpace(u.Target.Plain()))
		assert.Equal(t, "install.md", u.Doc)
	}
	assert.Equal(t, []string{"Installez le paquet. → Install the package.", "Puis lancez YunoHost sur le serveur. → Then run YunoHost on the server.", "C'est fini ! → That's it!"}, pairs)
	assert.Len(t, got[1].Source.Codes(), 2, "the pair stays with its sentence")
	assert.Equal(t, uint64(7), got[0].Prev, "the first sentence has the paragraph's previous neighbour")
	assert.Equal(t, memory.ContextHash(got[1].Source.Key()), got[0].Next, "and its next sentence as the next")
	assert.Equal(t, uint64(9), got[2].Next)

	// Not confident: other counts, a code that moves, lengths far apart.
	for name, tgt := range map[string]document.Content{
		"two sentences for three":      document.Text("Install the package and run YunoHost on the server. That's it!"),
		"the code in another sentence": {{Text: "Install the "}, {Code: b}, {Text: "package"}, {Code: e}, {Text: ". Then run YunoHost on the server. That's it!"}},
		"lengths apart":                document.Text("Install. Then run YunoHost on the server, the one you bought last year from the shop, with its long name. That's it!"),
	} {
		u := para
		u.Target = tgt
		assert.Empty(t, sp.Sentences(u, fr, en), name)
	}
	one := para
	one.Source, one.Target = document.Text("Une phrase."), document.Text("One sentence.")
	assert.Empty(t, sp.Sentences(one, fr, en), "a sentence unit is not cut")
}

// With other counts on the two sides, the aligner pairs the sentences it
// is sure of: a sentence the translator left out, or two merged into one,
// leaves the others paired, each with its own neighbours as context.
func TestSentencesOtherCounts(t *testing.T) {
	fr, err := segment.New(language.French)
	require.NoError(t, err)
	en, err := segment.New(language.English)
	require.NoError(t, err)
	unit := func(src, tgt string) memory.Unit {
		return memory.Unit{SrcLang: language.French, TgtLang: language.English,
			Source: document.Text(src), Target: document.Text(tgt), Origin: document.Origin{Kind: document.FromHuman}}
	}
	pairs := func(us []memory.Unit) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.Source.Plain()+" → "+u.Target.Plain())
		}
		return out
	}
	sp := NewSplitter()
	dropped := unit("YunoHost 12 est sorti le 3 mars 2025 avec Debian 12. Cette version corrige 45 bogues. Merci à toutes les personnes qui ont contribué au projet YunoHost depuis 2015 !",
		"YunoHost 12 was released on 3 March 2025 with Debian 12. Thanks to everyone who has contributed to the YunoHost project since 2015!")
	assert.Equal(t, []string{
		"YunoHost 12 est sorti le 3 mars 2025 avec Debian 12. → YunoHost 12 was released on 3 March 2025 with Debian 12.",
		"Merci à toutes les personnes qui ont contribué au projet YunoHost depuis 2015 ! → Thanks to everyone who has contributed to the YunoHost project since 2015!",
	}, pairs(sp.Sentences(dropped, fr, en)), "a sentence left out")
	got := sp.Sentences(dropped, fr, en)
	require.Len(t, got, 2)
	assert.Equal(t, memory.ContextHash(document.Text("Cette version corrige 45 bogues.").Key()), got[0].Next, "the next sentence of the source is the context")

	merged := unit("Le serveur utilise le port 443. Il accepte HTTPS. La configuration est dans /etc/nginx/conf.d depuis la version 4.2 de YunoHost.",
		"The server uses port 443 and accepts HTTPS. The configuration has been in /etc/nginx/conf.d since version 4.2 of YunoHost.")
	assert.Equal(t, []string{
		"La configuration est dans /etc/nginx/conf.d depuis la version 4.2 de YunoHost. → The configuration has been in /etc/nginx/conf.d since version 4.2 of YunoHost.",
	}, pairs(sp.Sentences(merged, fr, en)), "two sentences merged: only the one-to-one pair")

	unrelated := unit("Les maires se réunissent. Ils adoptent un plan. Le budget est voté.", "Something else entirely, with no sentence of the source in it.")
	assert.Empty(t, sp.Sentences(unrelated, fr, en), "nothing confident")
}
