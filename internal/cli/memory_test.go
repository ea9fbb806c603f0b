package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
)

// TestMain lets the test binary stand in for relais in tests that need
// several processes (RELAIS_CLI_HELPER=1: run the arguments after "--").
func TestMain(m *testing.M) {
	if os.Getenv("RELAIS_CLI_HELPER") == "1" {
		args := os.Args
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		code, _, stderr := relais(context.Background(), os.Environ(), args...)
		fmt.Fprint(os.Stderr, stderr)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// relais runs the memory, review and translate commands as the root command
// would, and returns the exit code and the two streams.
func relais(ctx context.Context, environ []string, args ...string) (int, string, string) {
	ios, _, stdout, stderr := iostreams.Test()
	d := &deps{ios: ios, environ: environ}
	root := &cobra.Command{Use: "relais", SilenceErrors: true, SilenceUsage: true}
	root.PersistentFlags().String("config", "", "")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newMemoryCmd(d), newReviewCmd(d), newTranslateCmd(d, nil))
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	return exitCode(err, ios), stdout.String(), stderr.String()
}

func run(t *testing.T, args ...string) (string, string) {
	t.Helper()
	code, out, errOut := relais(context.Background(), nil, args...)
	require.Equal(t, ExitOK, code, "relais %s\n%s", strings.Join(args, " "), errOut)
	return out, errOut
}

const sampleTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR" datatype="plaintext"/>
<body>
<tu><note>boilerplate</note><prop type="x-domain">cglu</prop>
<tuv xml:lang="fr-FR"><seg>Cet article a été initialement publié sur le site de <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>CGLU<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
<tuv xml:lang="en-GB"><seg>This article was first published on the <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>UCLG<ept i="1">&lt;/b&gt;</ept> website.</seg></tuv>
<tuv xml:lang="es-ES"><seg>Este artículo se publicó inicialmente en el sitio de <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>CGLU<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
</tu>
<tu>
<tuv xml:lang="fr-FR"><seg>La conférence a lieu du 7 au 8 novembre.</seg></tuv>
<tuv xml:lang="en-GB"><seg>The conference takes place from 7 to 8 November.</seg></tuv>
</tu>
</body>
</tmx>
`

func TestMemoryCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	tmx := filepath.Join(dir, "in.tmx")
	require.NoError(t, os.WriteFile(tmx, []byte(sampleTMX), 0o644))

	_, errOut := run(t, "memory", "import", tmx, "--memory", db)
	assert.Contains(t, errOut, "3 unit(s): 3 added, 0 kept as alternative translations, 0 updated, 0 already known")
	_, errOut = run(t, "memory", "import", tmx, "--memory", db)
	assert.Contains(t, errOut, "3 unit(s): 0 added, 0 kept as alternative translations, 0 updated, 3 already known", "importing twice adds nothing")

	// Another team's translation of the same sentence is kept beside the
	// first; lookups offer both, the newest first.
	other := filepath.Join(dir, "other.tsv")
	require.NoError(t, os.WriteFile(other, []byte("fr\ten\nLa conférence a lieu du 7 au 8 novembre.\tThe conference is held from 7 to 8 November.\n"), 0o644))
	_, errOut = run(t, "memory", "import", other, "--memory", db)
	assert.Contains(t, errOut, "1 unit(s): 0 added, 1 kept as alternative translations, 0 updated, 0 already known")
	out, _ := run(t, "memory", "lookup", "La conférence a lieu du 7 au 8 novembre.", "--lang", "en", "--memory", db)
	first, second := strings.Index(out, "The conference is held"), strings.Index(out, "The conference takes place")
	assert.True(t, first >= 0 && second > first, "both targets, the newest first:\n%s", out)

	out, _ = run(t, "memory", "stats", "--memory", db)
	assert.Contains(t, out, "units: 4")
	assert.Regexp(t, `languages\s+fr→en\s+3`, out)
	assert.Regexp(t, `languages\s+fr→es\s+1`, out)

	out, _ = run(t, "memory", "lookup", "La conférence a lieu du 16 au 17 novembre.", "--lang", "en", "--memory", db)
	assert.Contains(t, out, "98%  fuzzy, repaired")
	assert.Contains(t, out, "target: The conference takes place from 16 to 17 November.")
	assert.Contains(t, out, "diff:   La conférence a lieu du [-7-] {+16+} au [-8-] {+17+} novembre.")
	out, _ = run(t, "memory", "lookup", "La conférence a lieu du 16 au 17 novembre.", "--lang", "es", "--memory", db)
	assert.Empty(t, out, "no Spanish unit for this sentence")

	// With its markup, as translate reads a page, the sentence with the
	// bold name matches as a whole; as plain text it lacks the pair.
	phrase := "Cet article a été initialement publié sur le site de **CGLU**."
	out, _ = run(t, "memory", "lookup", phrase, "--format", "md", "--lang", "en", "--memory", db, "--no-default-glossary")
	assert.Regexp(t, `(?m)^ *(100|99)%`, out, "the Markdown pair is the TMX pair")
	out, _ = run(t, "memory", "lookup", "Cet article a été initialement publié sur le site de CGLU.", "--lang", "en", "--memory", db, "--no-default-glossary")
	assert.NotRegexp(t, `(?m)^ *(100|99)%`, out, "without the pair, a code is missing: it costs a word")
	out, _ = run(t, "memory", "lookup", `Cet article a été initialement publié sur le site de <pc id="1" type="fmt">CGLU</pc>.`, "--format", "xliff", "--lang", "en", "--memory", db, "--no-default-glossary")
	assert.Regexp(t, `(?m)^ *(100|99)%`, out, "XLIFF inline markup")
	code, _, errOut := relais(context.Background(), nil, "memory", "lookup", "Deux phrases. En une.", "--format", "md", "--memory", db)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "holds 2 sentences")

	// A Weblate PO export of Markdown pages: its inline Markdown becomes
	// codes, so the page's sentence matches it exactly.
	poFile := filepath.Join(dir, "docs-en.po")
	require.NoError(t, os.WriteFile(poFile, []byte("msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n"+
		"msgid \"Lisez le [guide](/guide) avant d'installer.\"\nmsgstr \"Read the [guide](/guide) before installing.\"\n\n"+
		"#, fuzzy\nmsgid \"Douteux\"\nmsgstr \"Doubtful\"\n"), 0o644))
	_, errOut = run(t, "memory", "import", poFile, "--memory", db)
	assert.Contains(t, errOut, "1 unit(s): 1 added, 0 kept as alternative translations, 0 updated, 0 already known; 1 entries with nothing to take left out")
	out, _ = run(t, "memory", "lookup", "Lisez le [guide](/guide) avant d'installer.", "--format", "md", "--lang", "en", "--memory", db, "--no-default-glossary")
	assert.Contains(t, out, "target: Read the {1}guide{/1} before installing.")
	assert.Regexp(t, `(?m)^ *100%`, out)

	exp := filepath.Join(dir, "out.tmx")
	_, errOut = run(t, "memory", "export", "--lang", "en", "-o", exp, "--memory", db)
	assert.Contains(t, errOut, "4 unit(s) written", "the two TMX units in English, the other translation from the TSV and the PO unit")
	data, err := os.ReadFile(exp)
	require.NoError(t, err)
	assert.Contains(t, string(data), `<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>UCLG<ept i="1">&lt;/b&gt;</ept>`)
	assert.Contains(t, string(data), `<prop type="x-domain">cglu</prop>`)
	assert.Contains(t, string(data), `<note>boilerplate</note>`)
	assert.NotContains(t, string(data), "es-ES")
	fi, err := os.Stat(exp)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm(), "an export is a file to share, readable as any other")

	db2 := filepath.Join(dir, "m2.db")
	_, errOut = run(t, "memory", "import", exp, "--memory", db2)
	assert.Contains(t, errOut, "4 unit(s): 3 added, 1 kept as alternative translations", "an export imports back, alternatives too")
}

func TestMemoryImportMalformed(t *testing.T) {
	head := "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"fr\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"t\" creationtool=\"t\" creationtoolversion=\"1\"/>\n<body>\n" +
		"<tu><tuv xml:lang=\"fr\"><seg>Bonne unité.</seg></tuv><tuv xml:lang=\"en\"><seg>Good unit.</seg></tuv></tu>\n"
	cases := []struct {
		name, data, want string
	}{
		{"broken XML", head + "<tu><tuv xml:lang=\"fr\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</tuv></tu>\n</body></tmx>", "bad.tmx:6:73: tmx: element <seg> closed by </tuv>"},
		{"no source variant", head + "<tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n</body></tmx>", "bad.tmx:6:1: tmx: <tu> has no <tuv> in the source language fr"},
		{"unknown srclang", strings.Replace(head, `srclang="fr"`, `srclang="zz-Latn-XX-qqq!"`, 1) + "</body></tmx>", `bad.tmx:3:1: tmx: srclang "zz-Latn-XX-qqq!" is not a known language tag`},
		{"invalid UTF-8", head + "<tu><tuv xml:lang=\"fr\"><seg>Déjà \xff</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n</body></tmx>", "bad.tmx:6:"},
		// The other formats, detected by content whatever the name.
		{"PO, unterminated string", "msgid \"Bonne\"\nmsgstr \"Good\"\n\nmsgid \"a\nmsgstr \"b\"\n", "bad.tmx:4:"},
		{"CSV, three columns", "fr,en\nBonne,Good\nBonjour,Hello,Hola\n", "bad.tmx:3:1: 3 columns"},
		{"XLIFF, broken", "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"fr\" trgLang=\"en\"><file id=\"f\"><unit id=\"u\"><segment><source>a</target>", "bad.tmx:2:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "m.db")
			bad := filepath.Join(dir, "bad.tmx")
			require.NoError(t, os.WriteFile(bad, []byte(tc.data), 0o644))
			code, _, errOut := relais(context.Background(), nil, "memory", "import", bad, "--memory", db)
			assert.Equal(t, ExitInput, code)
			assert.Contains(t, errOut, "relais: "+filepath.Join(dir, tc.want))
			assert.Contains(t, errOut, "nothing was imported")
			out, _ := run(t, "memory", "stats", "--memory", db)
			assert.Contains(t, out, "units: 0", "the good unit before the error is not imported either")
		})
	}
}

func TestMemoryUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	for _, args := range [][]string{
		{"memory", "lookup", "x", "--min", "300", "--memory", db},
		{"memory", "lookup", "x", "--lang", "??", "--memory", db},
		{"memory", "import", "--memory", db},
		{"memory", "import", "missing.tmx", "--memory", db},
		{"review", "import", "--accept", "initial", "x.xlf", "--memory", db},
	} {
		code, _, errOut := relais(context.Background(), nil, args...)
		assert.Equal(t, ExitInput, code, "%v: %s", args, errOut)
	}
}

// helper starts the test binary as relais with args.
func helper(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "RELAIS_CLI_HELPER=1")
	cmd.Dir = dir
	return cmd
}

// TestMemoryImportSplits: a paragraph unit is kept and also cut into
// sentence units, so that a page's sentence finds its translation; with
// --split=false it is kept whole.
func TestMemoryImportSplits(t *testing.T) {
	dir := t.TempDir()
	po := filepath.Join(dir, "para.po")
	require.NoError(t, os.WriteFile(po, []byte("msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n"+
		"msgid \"Installez le paquet. Puis lancez **YunoHost** sur le serveur.\"\n"+
		"msgstr \"Install the package. Then run **YunoHost** on the server.\"\n"), 0o644))
	db := filepath.Join(dir, "m.db")
	_, errOut := run(t, "memory", "import", po, "--memory", db)
	assert.Contains(t, errOut, "3 unit(s): 3 added, 0 kept as alternative translations, 0 updated, 0 already known; 1 paragraph unit(s) also cut into 2 sentence unit(s), counted above")
	out, _ := run(t, "memory", "lookup", "Puis lancez **YunoHost** sur le serveur.", "--format", "md", "--lang", "en", "--memory", db, "--no-default-glossary")
	assert.Regexp(t, `(?m)^ *10[01]%`, out)
	assert.Contains(t, out, "target: Then run {1}YunoHost{/1} on the server.")

	whole := filepath.Join(dir, "whole.db")
	_, errOut = run(t, "memory", "import", po, "--split=false", "--memory", whole)
	assert.Contains(t, errOut, "1 unit(s): 1 added")
	out, _ = run(t, "memory", "lookup", "Puis lancez **YunoHost** sur le serveur.", "--format", "md", "--lang", "en", "--memory", whole, "--no-default-glossary")
	assert.NotRegexp(t, `(?m)^ *10[01]%`, out, "a paragraph does not match one of its sentences")
}

// TestRepairedMatchInDraft: a fuzzy match repaired from the new source (a
// term for a term) fills the draft with its origin tm-repaired-NN in the
// XLIFF and "TM repaired" in the report.
func TestRepairedMatchInDraft(t *testing.T) {
	dir := t.TempDir()
	po := filepath.Join(dir, "m.po")
	require.NoError(t, os.WriteFile(po, []byte("msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n"+
		"msgid \"Les maires se réunissent à Lyon pour la conférence.\"\nmsgstr \"Mayors meet in Lyon for the conference.\"\n"), 0o644))
	db := filepath.Join(dir, "m.db")
	run(t, "memory", "import", po, "--memory", db)
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.md"), []byte("Les maires se réunissent à Madrid pour la conférence.\n"), 0o644))
	out := filepath.Join(dir, "out")
	run(t, "translate", src, "--to", "en", "--mt", "none", "--memory", db, "--out", out, "--progress", "never")
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, "Mayors meet in Madrid for the conference.\n", string(draft))
	xlf, err := os.ReadFile(filepath.Join(out, "en", "a.md.xlf"))
	require.NoError(t, err)
	assert.Contains(t, string(xlf), `subState="relais:tm-repaired-99"`)
	report, err := os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(report), "TM repaired 99")
	assert.Contains(t, string(report), "memory target before repair:</i> Mayors meet in Lyon for the conference.", "the original match beside the repair")
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "memory target before repair: Mayors meet in Lyon for the conference.")
}

// TestSpanRepairedInDraft: with Apertium, a fuzzy match that differs by a
// few words has them translated by the engine and put in place, and the
// draft uses it though its score before repair was below fuzzy.insert.
func TestSpanRepairedInDraft(t *testing.T) {
	testenv.RequireTool(t, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	dir := t.TempDir()
	tsv := filepath.Join(dir, "m.tsv")
	require.NoError(t, os.WriteFile(tsv, []byte("fr\ten\n"+
		"Les participants ont visité le nouveau centre culturel de la ville.\tThe participants visited the new cultural centre of the city.\n"), 0o644))
	db := filepath.Join(dir, "m.db")
	run(t, "memory", "import", tsv, "--memory", db)
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.md"), []byte("Les participants ont visité le nouveau musée de la ville.\n"), 0o644))
	out := filepath.Join(dir, "out")
	run(t, "translate", src, "--to", "en", "--mt", "apertium", "--memory", db, "--out", out, "--progress", "never")
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, "The participants visited the new museum of the city.\n", string(draft))
	xlf, err := os.ReadFile(filepath.Join(out, "en", "a.md.xlf"))
	require.NoError(t, err)
	assert.Regexp(t, `subState="relais:tm-repaired-(7[5-9]|8\d|9\d)"`, string(xlf), "repaired, and at fuzzy.insert or more")
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "memory target before repair: The participants visited the new cultural centre of the city.")
}

// TestMangledMemoryNeverBreaksADraft: real memories hold units whose
// targets lost or broke their codes. Such a unit never stops the batch and
// never reaches a draft: each segment it would fill goes to the engine (or
// stays in French without one), with a memory-codes warning, and the
// drafts pass relais check's markup rules.
func TestMangledMemoryNeverBreaksADraft(t *testing.T) {
	dir := t.TempDir()
	po := filepath.Join(dir, "weblate.po")
	require.NoError(t, os.WriteFile(po, []byte("msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n"+
		// a command span missing from the target
		"msgid \"Allez dans `Paramètres > Système` pour changer le nom.\"\nmsgstr \"Go to : to change the name.\"\n\n"+
		// a link replaced by plain text
		"msgid \"Lisez le [guide d'installation](/install) avant de commencer.\"\nmsgstr \"Read the installation guide before starting.\"\n"), 0o644))
	tmx := filepath.Join(dir, "old.tmx")
	require.NoError(t, os.WriteFile(tmx, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/>
<body><tu>
<tuv xml:lang="fr"><seg>Le <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>maire<ept i="1">&lt;/b&gt;</ept> parle aux habitants.</seg></tuv>
<tuv xml:lang="en"><seg>The <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>mayor speaks to the residents.</seg></tuv>
</tu></body></tmx>
`), 0o644)) // half a pair: the closing code is lost
	db := filepath.Join(dir, "m.db")
	run(t, "memory", "import", po, "--memory", db)
	run(t, "memory", "import", tmx, "--memory", db)

	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	page := "# Installer\n\nAllez dans `Paramètres > Système` pour changer le nom.\n\n" +
		"Lisez le [guide d'installation](/install) avant de commencer.\n\nLe **maire** parle aux habitants.\n"
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.md"), []byte(page), 0o644))
	out := filepath.Join(dir, "out")
	_, errOut := run(t, "translate", src, "--to", "en", "--mt", "none", "--memory", db, "--out", out, "--progress", "never")
	assert.Equal(t, 3, strings.Count(errOut, "memory-codes"), "one warning per unusable unit:\n%s", errOut)
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, page, string(draft), "no engine: the three segments stay in French, codes and all")
	code, checkOut, checkErr := runRelais(t, dir, nil, "check", filepath.Join(out, "en"), "--format", "json")
	require.Equal(t, ExitFindings, code, "untranslated segments: %s", checkErr)
	assert.NotContains(t, checkOut, `"markup"`, "no draft with a missing or unbalanced code (exit %d)", code)
	assert.NotContains(t, checkOut, `"rule": "code"`)
	assert.Contains(t, checkOut, `"untranslated"`, "the check did run on the drafts")

	testenv.RequireTool(t, "apertium", "apt-get install apertium apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	out = filepath.Join(dir, "out-mt")
	run(t, "translate", src, "--to", "en", "--mt", "apertium", "--memory", db, "--out", out, "--progress", "never")
	draft, err = os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	for _, markup := range []string{"`Paramètres > Système`", "](/install)", "**"} {
		assert.Contains(t, string(draft), markup, "the engine's draft keeps the code")
	}
	code, checkOut, checkErr = runRelais(t, dir, nil, "check", filepath.Join(out, "en"), "--format", "json")
	assert.NotContains(t, checkOut, `"rule": "markup"`, "exit %d: %s", code, checkErr)
	assert.NotContains(t, checkOut, `"rule": "code"`)
}

// TestUnrepairedMatchesOnlySuggested: a fuzzy match whose number differs
// and cannot be repaired (the target writes it twice) scores above
// fuzzy.insert but does not fill the draft, which relais check would
// reject; it is suggested. With fuzzy.repair off, even a match the repair
// would have fixed is only suggested.
func TestUnrepairedMatchesOnlySuggested(t *testing.T) {
	dir := t.TempDir()
	tsv := filepath.Join(dir, "m.tsv")
	require.NoError(t, os.WriteFile(tsv, []byte("fr\ten\n"+
		"La salle du conseil municipal peut accueillir 40 personnes assises pendant les séances publiques.\tThe council chamber seats 40 people: 40 seats for public sessions.\n"+
		"La conférence a lieu du 7 au 8 novembre au centre des congrès de la ville.\tThe conference takes place from 7 to 8 November at the city's convention centre.\n"), 0o644))
	db := filepath.Join(dir, "m.db")
	run(t, "memory", "import", tsv, "--memory", db)
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	page := "La salle du conseil municipal peut accueillir 60 personnes assises pendant les séances publiques.\n\n" +
		"La conférence a lieu du 16 au 17 novembre au centre des congrès de la ville.\n"
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.md"), []byte(page), 0o644))

	out := filepath.Join(dir, "out")
	run(t, "translate", src, "--to", "en", "--mt", "none", "--memory", db, "--out", out, "--progress", "never")
	draft, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, "La salle du conseil municipal peut accueillir 60 personnes assises pendant les séances publiques.\n\n"+
		"The conference takes place from 16 to 17 November at the city's convention centre.\n", string(draft),
		"the first match is not inserted with its 40; the second is repaired")
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "The council chamber seats 40 people", "the unrepaired match is suggested")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "relais.yaml"), []byte("fuzzy:\n  repair: false\n"), 0o644))
	out = filepath.Join(dir, "out-norepair")
	code, _, errOut := runRelais(t, dir, nil, "translate", src, "--to", "en", "--mt", "none", "--memory", db, "--out", out, "--progress", "never")
	require.Equal(t, ExitOK, code, errOut)
	draft, err = os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, page, string(draft), "no repair: neither match fills the draft")
	lookupOut, _ := run(t, "memory", "lookup", "La conférence a lieu du 16 au 17 novembre au centre des congrès de la ville.", "--lang", "en", "--memory", db)
	assert.Contains(t, lookupOut, "repaired", "lookup repairs by default")
	code, lookupOut, errOut = runRelais(t, dir, nil, "memory", "lookup", "La conférence a lieu du 16 au 17 novembre au centre des congrès de la ville.", "--lang", "en", "--memory", db)
	require.Equal(t, ExitOK, code, errOut)
	assert.NotContains(t, lookupOut, "repaired", "and not with fuzzy.repair off")
	assert.Contains(t, lookupOut, "target: The conference takes place from 7 to 8 November")
}
