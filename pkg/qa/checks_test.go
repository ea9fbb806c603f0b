package qa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

func TestChecks(t *testing.T) {
	strong := &document.Code{ID: "1", Kind: document.Open, Type: "fmt:strong", Data: "**"}
	strongEnd := &document.Code{ID: "1", Kind: document.Close, Type: "fmt:strong", Data: "**"}
	ph := &document.Code{ID: "2", Kind: document.Standalone, Type: "code", Data: "`x`"}
	cases := []struct {
		name string
		lang string
		p    Pair
		want []string
	}{
		{"no target", "en", pair("Les maires se réunissent.", "<nil>"), []string{"untranslated"}},
		{"empty target", "en", pair("Les maires se réunissent.", ""), []string{"untranslated"}},
		{"source copied", "en", pair("Lire la suite sur le site.", "Lire la suite sur le site."), []string{"untranslated"}},
		{"names and terms alike in both languages", "en", pair("Amman, Lyon, Madrid, MC2CM, 2015.", "Amman, Lyon, Madrid, MC2CM, 2015."), nil},
		{"a heading alike in both", "en", pair("Consultation", "Consultation"), nil},
		{"an English sentence of the French page, left in English", "en", pair("The first step is to install packages:", "The first step is to install packages:"), nil},
		{"an English list item of the French page, left in English", "en", pair("Several internal servers that need only local access", "Several internal servers that need only local access"), nil},
		{"the same English sentence in the Spanish draft", "es", pair("The first step is to install packages:", "The first step is to install packages:"), []string{"untranslated"}},
		{"a French sentence of three words, left", "en", pair("Gérer les partitions.", "Gérer les partitions."), []string{"untranslated"}},
		{"a command in a table, left", "en", pair("init", "init"), nil},
		{"an option, left", "es", pair("-l", "-l"), nil},
		{"an English word in the English draft", "en", pair("Installation", "Installation"), nil},
		{"two French words, left", "en", pair("Les villes", "Les villes"), []string{"untranslated"}},
		{"a DNS record's name, left", "en", pair("_xmpp-client._tcp", "_xmpp-client._tcp"), nil},
		{"a file name, left", "es", pair("config.yaml et mail._domainkey", "config.yaml y mail._domainkey"), nil},
		{"two French words, left (es)", "es", pair("Les villes", "Les villes"), []string{"untranslated"}},
		{"correct", "en", pair("Les maires de CGLU se réunissent à Malines.", "UCLG mayors meet in Mechelen."), nil},
		{"glossary pair is no acronym error (en)", "en", pair("CGLU et l'OIM.", "UCLG and IOM."), nil},
		{"glossary pair is no acronym error (es)", "es", pair("CGLU et l'OIM se réunissent.", "CGLU y la OIM se reúnen."), nil},
		{"deprecated term", "en", pair("Les maires se réunissent à Malines.", "Mayors meet in Malinas."), []string{"term-forbidden"}},
		{"Malinas is right in Spanish", "es", pair("Les maires se réunissent à Malines.", "Los alcaldes se reúnen en Malinas."), nil},
		{"CGLU in English", "en", pair("Les maires de CGLU se réunissent.", "CGLU mayors meet."), []string{"term-forbidden"}},
		{"source acronym left", "en", pair("Les ODD sont importants pour nous.", "The Sustainable Development Goals (ODD) matter to us."), []string{"term-forbidden"}},
		{"term missing", "en", pair("Les maires se réunissent à Malines.", "Mayors meet in the Belgian town."), []string{"term-missing"}},
		{"article agrees", "es", pair("Le directeur de l'OIM et de la Syrie.", "El director de la OIM y de Siria."), nil},
		{"article of a feminine term", "es", pair("Le directeur de l'OIM.", "El director del OIM."), []string{"grammar"}},
		{"article before a country without one", "es", pair("Les réfugiés de Syrie.", "Los refugiados de la Siria."), []string{"grammar"}},
		{"plural article", "es", pair("Les États-Unis et le Royaume-Uni.", "Las Estados Unidos y el Reino Unido."), []string{"grammar"}},
		{"French sentence left", "en", pair("Les maires se réunissent.", "Les maires de la ville se sont réunis hier."), []string{"source-language"}},
		{"number formats", "en", pair("Il y a 1 250 visites et 3,6 % de hausse.", "There were 1,250 visits and a 3.6% rise."), nil},
		{"number formats es", "es", pair("Il y a 1 250 visites et 3,6 % de hausse.", "Hubo 1.250 visitas y un 3,6 % de aumento."), nil},
		{"number changed", "en", pair("Il y a 1 250 visites.", "There were 1,520 visits."), []string{"number"}},
		{"number spelled out", "en", pair("Il y a 3 centres.", "There are three centres."), nil},
		{"decimal comma in English", "en", pair("Il faut 1,5 million.", "It takes 1,5 million."), []string{"number", "number"}},
		{"the source's own double space", "en", pair("Les distributions  de la famille.", "The distributions  of the family."), nil},
		{"a double space more than the source", "en", pair("Les distributions  de la famille.", "The  distributions  of the family."), []string{"double-space", "double-space"}},
		{"a version as it is", "en", pair("Avec QGIS 3.34 et Ubuntu 24.04, version 1.2.3, CC BY-SA 4.0.", "With QGIS 3.34 and Ubuntu 24.04, version 1.2.3, CC BY-SA 4.0."), nil},
		{"a version changed", "en", pair("Avec QGIS 3.34.", "With QGIS 3.36."), []string{"number"}},
		{"a version as it is (es)", "es", pair("Avec QGIS 3.34 et Ubuntu 24.04.", "Con QGIS 3.34 y Ubuntu 24.04."), nil},
		{"roman ordinal", "en", pair("Le XXIe siècle sera urbain.", "The 21st century will be urban."), nil},
		{"siglo XXI", "es", pair("Le XXIe siècle sera urbain.", "El siglo XXI será urbano."), nil},
		{"plural ordinals", "en", pair("Les 2es rencontres et les 1res assises.", "The 2nd meetings and the 1st conferences."), nil},
		{"plural ordinals es", "es", pair("Les 2es rencontres et les 1res assises.", "Los 2.os encuentros y las 1.as conferencias."), nil},
		{"plural ordinal changed", "es", pair("Les 2es rencontres.", "Los 3.os encuentros."), []string{"number"}},
		{"an IP address as it is", "en", pair("L'adresse IP est 192.168.1.151, et 10.0.0.1 aussi.", "The IP address is 192.168.1.151, and 10.0.0.1 too."), nil},
		{"an IP address changed", "en", pair("L'adresse IP est 192.168.1.151.", "The IP address is 192.168.1.15."), []string{"number"}},
		{"a number grouped by dots", "en", pair("Il y a 1.234.567 habitants.", "There are 1,234,567 inhabitants."), nil},
		{"an acronym after digits is no ordinal", "en", pair("Les algorithmes 3DES et MD5.", "The 3DES and MD5 algorithms."), nil},
		{"digits in words are no numbers", "en", pair("Le projet MC2CM et #Cities4Migration.", "The MC2CM project and #Cities4Migration."), nil},
		{"url changed", "en", pair("Voir https://www.uclg.org/fr/media.html ici.", "See https://www.uclg.org/en/media.html here."), []string{"url-email"}},
		{"email kept", "en", pair("Écrire à contact@uclg.org.", "Write to contact@uclg.org."), nil},
		{"French spacing", "en", pair("Est-ce une chance ?", "Is it a chance ?"), []string{"punctuation"}},
		{"guillemets in English", "en", pair("« Tous migrants »", "« All migrants »"), []string{"punctuation"}},
		{"Spanish question", "es", pair("Est-ce une chance ?", "Es una oportunidad?"), []string{"punctuation"}},
		{"Spanish question right", "es", pair("Est-ce une chance ? Oui !", "¿Es una oportunidad? ¡Sí!"), nil},
		{"Spanish marks in a run", "es", pair("Bravo !!!", "¡¡¡Bravo!!!"), nil},
		{"a question mark in an address", "es", pair("Voir https://a.org/?db=1 ici.", "Ver https://a.org/?db=1 aquí."), nil},
		{"a run of marks that is markup", "es", pair("!!! note Le serveur.", "!!! nota El servidor."), nil},
		{"Spanish exclamation unopened", "es", pair("Bravo !", "Bravo!"), []string{"punctuation"}},
		{"Spanish guillemets right", "es", pair("« Tous migrants »", "«Todos migrantes»"), nil},
		{"Spanish guillemets spaced", "es", pair("« Tous migrants »", "« Todos migrantes »"), []string{"punctuation"}},
		{"double space", "en", pair("Les maires se réunissent.", "Mayors  meet."), []string{"double-space"}},
		{"repeated word", "en", pair("Les maires se réunissent.", "The the mayors meet."), []string{"repeated-word"}},
		{"a repetition the source has", "en", pair("Generate a a project, then open it.", "Generate a a project, then open it."), nil},
		{"a repetition the source has, and one of the draft's", "es", pair("Generate a a project to to test.", "Genera a a proyecto para para probar."), []string{"repeated-word"}},
		{"too long", "en", pair("Les maires se réunissent à Genève demain.", "Mayors meet in Geneva tomorrow, and they will also talk about many other things that nobody asked them to discuss at all."), []string{"length"}},
		{"too short", "en", pair("Les maires de toutes les villes du monde se réunissent à Genève demain matin.", "Mayors meet in Geneva."), []string{"length"}},
		{"code dropped", "en", Pair{Source: document.Content{{Text: "La "}, {Code: strong}, {Text: "conférence"}, {Code: strongEnd}, {Text: " commence."}},
			Target: document.Content{{Text: "The conference begins."}}}, []string{"code", "code"}},
		{"code extra", "en", Pair{Source: document.Text("La conférence commence."),
			Target: document.Content{{Text: "The conference begins "}, {Code: ph}, {Text: "."}}}, []string{"code"}},
		{"code out of order", "en", Pair{Source: document.Content{{Text: "La "}, {Code: strong}, {Text: "conférence"}, {Code: strongEnd}, {Text: " commence."}},
			Target: document.Content{{Text: "The "}, {Code: strongEnd}, {Text: "conference"}, {Code: strong}, {Text: " begins."}}}, []string{"markup"}},
		{"code data changed", "en", Pair{Source: document.Content{{Text: "Voir "}, {Code: ph}, {Text: "."}},
			Target: document.Content{{Text: "See "}, {Code: &document.Code{ID: "2", Kind: document.Standalone, Type: "code", Data: "`y`"}}, {Text: "."}}}, []string{"markup"}},
		{"codes kept", "en", Pair{Source: document.Content{{Text: "La "}, {Code: strong}, {Text: "conférence"}, {Code: strongEnd}, {Text: " commence."}},
			Target: document.Content{{Text: "The "}, {Code: strong}, {Text: "conference"}, {Code: strongEnd}, {Text: " begins."}}}, nil},
	}
	c := New(Options{Termbase: termbase(t)})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.Run([]*File{file(tc.lang, tc.p)})
			assert.Equal(t, tc.want, rules(rep), "%v", rep.Findings)
			for _, f := range rep.Findings {
				assert.NotEmpty(t, f.Message)
				assert.Equal(t, 1, f.At.Line)
				assert.NotEmpty(t, f.Fingerprint)
			}
		})
	}
}

func TestStateAndInconsistent(t *testing.T) {
	f := file("en", pair("Les maires se réunissent.", "Mayors meet."), pair("Les maires se réunissent.", "The mayors gather."), pair("Une autre phrase.", "Another sentence."))
	f.Pairs[0].State = document.Reviewed
	f.Pairs[2].State = document.Final
	rep := New(Options{}).Run([]*File{f})
	assert.Equal(t, []string{"inconsistent"}, rules(rep))
	assert.Equal(t, 2, rep.Findings[0].At.Line)
	assert.Contains(t, rep.Findings[0].Message, `"Mayors meet."`)

	rep = New(Options{RequireState: document.Reviewed, RequireStateSet: true}).Run([]*File{f})
	assert.Equal(t, []string{"inconsistent", "state"}, rules(rep))
	assert.Equal(t, 2, rep.Findings[1].At.Line)

	pairs := *f
	pairs.States = false
	rep = New(Options{RequireState: document.Reviewed, RequireStateSet: true}).Run([]*File{&pairs})
	assert.Equal(t, []string{"inconsistent"}, rules(rep), "documents have no states to check")
}

// A cell of an English table in a French page, left as it is in the
// English draft, is not untranslated, as relais translate keeps it
// (langid.Identifier.Passages): the identifier cannot tell it on its own,
// the sentences around it can. In the Spanish draft it is untranslated,
// and so it is in English among French sentences.
func TestUntranslatedInAPassage(t *testing.T) {
	const cell = "Contains special directories"
	same := func(s string) Pair { return pair(s, s) }
	english := []Pair{
		pair("Le système de fichiers est organisé en arborescence.", "The file system is organised as a tree."),
		same("Linux meets the FHS (see man hier) which defines the names of folders and their roles."),
		same(cell),
		same("Files related to system startup"),
	}
	rep := New(Options{}).Run([]*File{file("en", english...)})
	assert.Empty(t, rules(rep))

	rep = New(Options{}).Run([]*File{file("es", english...)})
	assert.Equal(t, []string{"untranslated", "untranslated", "untranslated"}, rules(rep), "Spanish drafts translate English too")

	french := []Pair{
		pair("Le système de fichiers est organisé en arborescence.", "The file system is organised as a tree."),
		same(cell),
		pair("Les répertoires sont décrits ci-dessous.", "The directories are described below."),
	}
	rep = New(Options{}).Run([]*File{file("en", french...)})
	assert.Equal(t, []string{"untranslated"}, rules(rep))
}

func TestConfigAndSuppression(t *testing.T) {
	mk := func() *File {
		return file("es", pair("Les maires se réunissent.", "Los  alcaldes se reúnen."), pair("Est-ce une chance ?", "Es una oportunidad?"))
	}
	rep := New(Options{}).Run([]*File{mk()})
	assert.Equal(t, []string{"double-space", "punctuation"}, rules(rep))

	cfg, err := ParseConfig(map[string]string{"double-space": "off", "punctuation": "error"}, map[string]map[string]string{"es": {"punctuation": "info"}})
	require.NoError(t, err)
	rep = New(Options{Config: cfg}).Run([]*File{mk()})
	require.Equal(t, []string{"punctuation"}, rules(rep))
	assert.Equal(t, finding.Info, rep.Findings[0].Severity, "the language's setting wins")
	en := mk()
	en.Lang = en.Lang.Parent()
	assert.Equal(t, finding.Error, cfg.Severity("punctuation", mustTag("en-GB"), finding.Warning))
	assert.Equal(t, finding.Info, cfg.Severity("punctuation", mustTag("es-419"), finding.Warning), "es-419 takes es's setting")
	assert.Equal(t, finding.Warning, cfg.Severity("length", mustTag("es"), finding.Warning))

	f := mk()
	rs, ok := ParseSuppression("relais-ignore: punctuation, double-space — reviewed by the editor")
	require.True(t, ok)
	f.Pairs[1].Ignore = rs
	rep = New(Options{}).Run([]*File{f})
	assert.Equal(t, []string{"double-space"}, rules(rep))
	assert.Equal(t, 1, rep.Suppressed)

	_, err = ParseConfig(map[string]string{"dobule-space": "off"}, nil)
	assert.EqualError(t, err, `check.rules.dobule-space: unknown check "dobule-space" (did you mean "double-space"?)`)
	_, err = ParseConfig(map[string]string{"length": "loud"}, nil)
	assert.ErrorContains(t, err, `unknown severity "loud"`)
	_, err = ParseConfig(nil, map[string]map[string]string{"e s": {"length": "off"}})
	assert.ErrorContains(t, err, "not a language tag")
}

func TestParseSuppression(t *testing.T) {
	cases := []struct {
		note string
		want []string
		ok   bool
	}{
		{"relais-ignore: number", []string{"number"}, true},
		{"Relais-Ignore: Number,length -- a date range", []string{"number", "length"}, true},
		{"relais-ignore", []string{"*"}, true},
		{"relais-ignored: number", nil, false},
		{"Please check the number", nil, false},
	}
	for _, tc := range cases {
		got, ok := ParseSuppression(tc.note)
		assert.Equal(t, tc.ok, ok, tc.note)
		assert.Equal(t, tc.want, got, tc.note)
	}
}

func TestMissingTarget(t *testing.T) {
	f := &File{Path: "site/en/a.md", Source: "articles/a.md", SrcLang: mustTag("fr"), Lang: mustTag("en"), Missing: true}
	rep := New(Options{}).Run([]*File{f})
	require.Equal(t, []string{"untranslated"}, rules(rep))
	assert.Equal(t, "no en translation of articles/a.md: translate the document", rep.Findings[0].Message)
}

func TestFromDocument(t *testing.T) {
	doc := document.New("a.txt", "plaintext", mustTag("fr"), []byte("Bonjour.\nLes maires."))
	doc.Blocks = []document.Block{{ID: "b1", Segments: []document.Segment{
		{ID: "b1s1", Span: document.Span{Start: 0, End: 8}, Source: document.Text("Bonjour.")},
		{ID: "b1s2", Span: document.Span{Start: 9, End: 20}, Source: document.Text("Les maires.")}}}}
	tr := map[string]document.Translation{"b1s1": {Target: document.Text("Hello."), State: document.Translated, Origin: document.Origin{Kind: document.FromExact}}}
	rep := New(Options{Termbase: termbase(t)}).Document(doc, mustTag("en"), tr)
	require.Equal(t, []string{"untranslated"}, rules(rep))
	assert.Equal(t, finding.Location{Path: "a.txt", Line: 2, Col: 1}, rep.Findings[0].At)
}
