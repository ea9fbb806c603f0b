package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
)

// runGlossary runs `relais glossary ARGS` in the working folder with the
// given environment and standard input.
func runGlossary(t *testing.T, env []string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	cmd := newGlossaryCmd(&deps{ios: ios, environ: env})
	cmd.SetArgs(args)
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

// seedSentences cuts the seed article into sentences, roughly.
func seedSentences(t *testing.T) []string {
	data, err := os.ReadFile(testenv.Shared(t, "seeds", "cities4migration-fr.txt"))
	require.NoError(t, err)
	return testenv.Sentences(string(data))
}

// TestGlossaryLookupSeed is the measure: lookup on each sentence
// of the seed article finds every institution, framework and place it
// names. The list below is pinned: term as written → hits.
func TestGlossaryLookupSeed(t *testing.T) {
	sentences := seedSentences(t)
	t.Chdir(t.TempDir())
	found := map[string]int{}
	var all strings.Builder
	for _, s := range sentences {
		out, _, err := runGlossary(t, nil, "", "lookup", s)
		require.NoError(t, err)
		all.WriteString(out)
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			f := strings.Split(line, "\t")
			if len(f) < 4 {
				continue
			}
			found[f[1]]++
			// The offsets are byte offsets into the sentence.
			var start, end int
			_, err := fmtSscanf(f[0], &start, &end)
			require.NoError(t, err, line)
			assert.Equal(t, f[1], s[start:end], line)
			if f[1] == "OIM" && start >= len("l’") && s[start-len("l’"):start] == "l’" {
				found["l’OIM"]++
			}
		}
	}
	want := map[string]int{
		"CGLU": 12, "OIM": 2, "l’OIM": 1, "Organisation internationale pour les migrations": 1,
		"ONU-Habitat": 1, "ONU Habitat": 1, "ICMPD": 2, "Centre international pour le développement des politiques migratoires": 1,
		"MC2CM": 4, "Migration Ville à Ville en Méditerranée": 3, "Nations Unies": 3,
		"Nouvel agenda urbain": 1, "Nouvel Agenda Urbain": 1, "Déclaration de New York": 1,
		"Pacte Mondial des Nations Unies pour des migrations sûres, ordonnées et régulières": 1,
		"Agenda de développement durable à l’horizon 2030":                                   1,
		"Beyrouth": 4, "Malines": 2, "Liban": 1, "Belgique": 2,
		"Amman": 1, "Lisbonne": 1, "Lyon": 1, "Madrid": 1, "Tanger": 1, "Turin": 1, "Tunis": 1, "Vienne": 1,
		"gouvernements locaux et régionaux": 1, "gouvernements locaux": 4,
	}
	for term, n := range want {
		assert.Equal(t, n, found[term], "hits of %q", term)
	}
	out := all.String()
	assert.Contains(t, out, "\tVienne\t→ en: Vienna · es: Viena\t(concept vienna) [ambiguous]\n")
	assert.Contains(t, out, "\tOIM\t→ en: IOM · es: OIM\t(concept iom)\n")
	assert.Contains(t, out, "\tNations Unies\t→ en: United Nations · es: Naciones Unidas\t(concept un) [nested]\n", "inside the Pacte mondial's name")
	assert.Contains(t, out, "\tgouvernements locaux et régionaux\t→ en: local and regional governments · es: gobiernos locales y regionales\t(concept local-regional-government) [plural]\n")
	assert.Contains(t, out, "\tMalines\t→ en: Mechelen · es: Malinas\t(concept mechelen)\n")
}

func fmtSscanf(s string, start, end *int) (int, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, errors.New("no range in " + s)
	}
	var err error
	if *start, err = atoi(a); err != nil {
		return 0, err
	}
	*end, err = atoi(b)
	return 2, err
}

func atoi(s string) (int, error) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, errors.New("not a number: " + s)
		}
		n = n*10 + int(r-'0')
	}
	return n, nil
}

func TestGlossaryLookupFormats(t *testing.T) {
	t.Chdir(t.TempDir())
	out, _, err := runGlossary(t, nil, "", "lookup", "--format", "json", "--to", "es", "À", "l'OIM")
	require.NoError(t, err)
	var hits []lookupHit
	require.NoError(t, json.Unmarshal([]byte(out), &hits))
	require.Len(t, hits, 1)
	assert.Equal(t, lookupHit{Start: 5, End: 8, Text: "OIM", Concept: "iom", Term: "OIM", Targets: map[string]string{"es": "OIM"}}, hits[0])

	out, _, err = runGlossary(t, nil, "les réfugiées\nrien\nà Geneve\n", "lookup", "--fold", "-")
	require.NoError(t, err)
	assert.Equal(t, "1:4-15\tréfugiées\t→ en: refugees · es: refugiadas\t(concept refugee) [plural] [feminine]\n"+
		"3:3-9\tGeneve\t→ en: Geneva · es: Ginebra\t(concept geneva) [folded]\n", out)

	_, errOut, err := runGlossary(t, nil, "", "lookup", "rien du tout")
	require.NoError(t, err)
	assert.Contains(t, errOut, "no term of the termbase found")

	_, _, err = runGlossary(t, nil, "", "lookup", "--format", "xml", "x")
	var ue *usageError
	require.ErrorAs(t, err, &ue)
}

func TestGlossaryValidate(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out, errOut, err := runGlossary(t, nil, "", "validate")
	require.NoError(t, err, out)
	assert.Empty(t, out, "the shipped termbase has no finding")
	assert.Contains(t, errOut, "0 finding(s)")

	require.NoError(t, os.WriteFile("bad.tsv", []byte("concept\tfr\ten\tstatus\tes\na\tOIM\tIOM\t\tOIM\nb\tOIM\tUN\tpreferred\t\n"), 0o644))
	require.NoError(t, os.WriteFile("broken.tbx", []byte("<tbx><text><body><conceptEntry><langSec xml:lang=\"f!r\"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>"), 0o644))
	out, _, err = runGlossary(t, nil, "", "validate", "bad.tsv", "broken.tbx")
	var fe *FindingsError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, 3, fe.Count)
	quiet, _, _, _ := iostreams.Test()
	assert.Equal(t, ExitFindings, exitCode(err, quiet), "findings exit 1")
	assert.Equal(t, "bad.tsv:3:1: concept \"b\" has no term in es [missing-language]\n"+
		"bad.tsv:3:3: fr term \"OIM\" is also a term of concept \"a\" (bad.tsv:2:3); if both meanings are real, mark the terms or the concepts ambiguous [duplicate-term]\n"+
		"broken.tbx:1:32: tbx: malformed language tag \"f!r\" in xml:lang (want BCP 47, like fr or es-419) [malformed]\n", out)

	_, _, err = runGlossary(t, nil, "", "validate", "missing.tbx")
	require.Error(t, err)
	assert.NotErrorAs(t, err, &fe, "a file that cannot be opened is an error, not a finding")
	_, _, err = runGlossary(t, nil, "", "validate", "--no-default-glossary")
	require.Error(t, err)
}

func TestGlossaryImportExport(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.WriteFile("client.tsv", []byte("concept\tfr\ten\tes\nforum\tForum des maires\tMayors Forum\tForo de Alcaldes\nonly-fr\tVague d'action\t\t\n"), 0o644))
	_, errOut, err := runGlossary(t, nil, "", "import", "client.tsv")
	require.NoError(t, err)
	assert.Contains(t, errOut, "warning: client.tsv:3:1: concept \"only-fr\" has no term in en [missing-language]")
	assert.Contains(t, errOut, "imported 2 concept(s) from client.tsv into glossary.tbx (2 new, 0 replaced)")
	assert.Contains(t, errOut, `add "glossary: [glossary.tbx]" to relais.yaml`)
	data, err := os.ReadFile("glossary.tbx")
	require.NoError(t, err)
	assert.Contains(t, string(data), "<term>Mayors Forum</term>")

	// Again, with a change: the concept is replaced, not added.
	require.NoError(t, os.WriteFile("client2.csv", []byte("concept,fr,en,es\nforum,Forum des maires,Mayoral Forum,Foro de Alcaldes\n"), 0o644))
	_, errOut, err = runGlossary(t, nil, "", "import", "client2.csv")
	require.NoError(t, err)
	assert.Contains(t, errOut, "(0 new, 1 replaced); it now has 2")

	// The project termbase wins over the shipped one; export shows both.
	require.NoError(t, os.WriteFile("relais.yaml", []byte("glossary: [glossary.tbx]\n"), 0o644))
	out, _, err := runGlossary(t, nil, "", "lookup", "--to", "en", "le Forum des maires")
	require.NoError(t, err)
	assert.Equal(t, "3-19\tForum des maires\t→ en: Mayoral Forum\t(concept forum) (also mayors-forum)\n"+
		"3-8\tForum\t→ en: International Migration Review Forum\t(concept international-migration-review-forum) [ambiguous] [nested] (also mayors-forum, world-urban-forum, gfmd)\n"+
		"13-19\tmaires\t→ en: mayors\t(concept mayor) [nested] [plural]\n", out, "the short form alone, an anaphora, is shown as ambiguous")
	out, _, err = runGlossary(t, nil, "", "export", "--format", "tsv")
	require.NoError(t, err)
	assert.Contains(t, out, "forum\t")
	assert.Contains(t, out, "uclg\t")
	out, _, err = runGlossary(t, []string{"RELAIS_NO_DEFAULT_GLOSSARY=true"}, "", "export", "--format", "tsv")
	require.NoError(t, err)
	assert.NotContains(t, out, "uclg\t", "--no-default-glossary through the environment")
	assert.Equal(t, 3, strings.Count(out, "\n"), "header and two concepts")

	_, _, err = runGlossary(t, nil, "", "export", "--no-default-glossary", "--format", "csv", "-o", filepath.Join("out", "project.csv"))
	require.NoError(t, err)
	data, err = os.ReadFile(filepath.Join("out", "project.csv"))
	require.NoError(t, err)
	assert.Equal(t, "concept,fr,en,es\nforum,Forum des maires,Mayoral Forum,Foro de Alcaldes\nonly-fr,Vague d'action,,\n", string(data))
	_, errOut, err = runGlossary(t, nil, "", "export", "-o", "all.tbx")
	require.NoError(t, err)
	assert.Contains(t, errOut, "written to all.tbx")
	out, _, err = runGlossary(t, nil, "", "validate", "all.tbx")
	var fe *FindingsError
	require.ErrorAs(t, err, &fe, "the merged termbase repeats Forum des maires in two concepts")
	assert.Contains(t, out, "[duplicate-term]")

	// A bad file changes nothing.
	before, err := os.ReadFile("glossary.tbx")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("bad.tsv", []byte("fr\tstatus\nx\tbest\n"), 0o644))
	_, _, err = runGlossary(t, nil, "", "import", "bad.tsv")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.tsv:2:3: unknown status")
	after, err := os.ReadFile("glossary.tbx")
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))

	// -o writes elsewhere, in the format of its extension.
	_, _, err = runGlossary(t, nil, "", "import", "client.tsv", "-o", "team.tsv")
	require.NoError(t, err)
	data, err = os.ReadFile("team.tsv")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "concept\tfr\ten\tes\n"), string(data))
}

func TestGlossaryList(t *testing.T) {
	t.Chdir(t.TempDir())
	out, _, err := runGlossary(t, nil, "", "list", "--lang", "en", "--format", "json")
	require.NoError(t, err)
	var rows []listedTerm
	require.NoError(t, json.Unmarshal([]byte(out), &rows))
	assert.Contains(t, rows, listedTerm{Concept: "uclg", Lang: "en", Term: "UCLG", Type: "acronym", Status: "preferred"})
	assert.Contains(t, rows, listedTerm{Concept: "uclg", Lang: "en", Term: "CGLU", Type: "acronym", Status: "deprecated"})
	for _, r := range rows {
		assert.Equal(t, "en", r.Lang)
	}
	out, _, err = runGlossary(t, nil, "", "list")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "concept\tlang\tterm\ttype\tstatus\nuclg\tfr\tCGLU\tacronym\tpreferred\n"), out[:200])
	assert.Contains(t, out, "vienna\tfr\tVienne\tfullForm\tpreferred\n")
	_, _, err = runGlossary(t, nil, "", "list", "--lang", "x!")
	var ue *usageError
	require.ErrorAs(t, err, &ue)
}
