package glossary

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestValidate(t *testing.T) {
	in := strings.Join([]string{
		"concept\tambiguous\tfr\tstatus\tcase\tfr\tstatus\ten\tstatus\tterm-ambiguous\tes",
		"oim\t\tOIM\t\t\t\t\tIOM\t\t\tOIM",                                          // 2
		"oim\t\tOrganisation internationale pour les migrations\t\t\t\t\tIOM\t\t\t", // 3: duplicate ID; missing es; IOM twice
		"cglu\t\tCGLU\t\t\t\t\tUCLG\tpreferred\t\tCGLU",                             // 4
		"cglu-en\t\tCités\t\t\t\t\tCGLU\t\t\tCGLU",                                  // 5
		"x\t\tCGLU\tdeprecated\t\t\t\tX\t\t\tX",                                     // 6: preferred-forbidden? no: CGLU has no status in 4
		"pf\t\tmigrant illégal\tpreferred\t\t\t\tm\t\t\tm",                          // 7
		"pf2\t\tmigrant illégal\tdeprecated\t\t\t\tn\t\t\tn",                        // 8: preferred-forbidden
		"twice\t\tville\t\t\tVille\t\tcity\t\t\tciudad",                             // 9: twice in one concept
		"vienne\tyes\tVienne\t\tsensitive\t\t\tVienna\t\t\tViena",                   // 10
		"vienne-fr\tyes\tVienne\t\tsensitive\t\t\tVienne\t\t\tVienne",               // 11: homonym, both ambiguous: fine
		"tunis\t\tTunis\t\t\t\t\tTunis\t\tyes\tTúnez",                               // 12
		"tunisie\t\tTunisie\t\t\t\t\tTunisia\t\tyes\tTúnez",                         // 13: es Túnez shared, terms not ambiguous
		"case\t\tONU\t\tsensitive\t\t\tUN\t\t\tONU",                                 // 14
		"case2\t\tOnu\t\tsensitive\t\t\tUnited\t\t\tUnidas",                         // 15: different case, both sensitive: fine
		"dep\t\tpays\t\t\t\t\tcountry\tdeprecated\t\tpaís",                          // 16: only deprecated in en
	}, "\n")
	tb, err := ReadTSV("v.tsv", strings.NewReader(in))
	require.NoError(t, err)
	var got []string
	for _, f := range Validate(tb, language.French, language.English, language.Spanish) {
		got = append(got, FormatFinding(f))
	}
	rules := map[string]int{}
	for _, f := range Validate(tb, language.French, language.English, language.Spanish) {
		rules[f.Rule]++
	}
	joined := strings.Join(got, "\n")
	for _, w := range []string{
		`v.tsv:3:1: concept ID "oim" is already used at v.tsv:2:1 [duplicate-id]`,
		`v.tsv:3:1: concept "oim" has no term in es [missing-language]`,
		`v.tsv:3:58: en term "IOM" is also a term of concept "oim" (v.tsv:2:14); if both meanings are real, mark the terms or the concepts ambiguous [duplicate-term]`,
		`v.tsv:6:4: fr term "CGLU" is also a term of concept "cglu" (v.tsv:4:7)`,
		`v.tsv:6:1: concept "x" has only deprecated terms in fr [missing-language]`,
		`v.tsv:8:6: fr term "migrant illégal" is preferred in concept "pf" (v.tsv:7:5) and deprecated in concept "pf2" (v.tsv:8:6) [preferred-forbidden]`,
		`v.tsv:9:16: fr term "Ville" comes twice in concept "twice" (first at v.tsv:9:8) [duplicate-term]`,
		`v.tsv:13:35: es term "Túnez" is also a term of concept "tunis" (v.tsv:12:29)`,
		`v.tsv:16:1: concept "dep" has only deprecated terms in en [missing-language]`,
	} {
		assert.Contains(t, joined, w)
	}
	assert.NotContains(t, joined, `"Vienne"`, "a homonym both sides mark ambiguous is no fault")
	assert.NotContains(t, joined, `"Onu"`, "case-sensitive terms in different cases do not clash")
	assert.Equal(t, map[string]int{RuleDuplicateID: 1, RuleMissingLanguage: 4, RuleDuplicateTerm: 5, RulePreferredForbidden: 1}, rules, joined)
}

func TestValidateNoTerm(t *testing.T) {
	tb, err := ReadTSV("n.tsv", strings.NewReader("concept\tsubject\tfr\na\tcities\t\n"))
	require.NoError(t, err)
	f := Validate(tb)
	require.Len(t, f, 1)
	assert.Equal(t, "n.tsv:2:1: concept \"a\" has no term [no-term]", FormatFinding(f[0]))
	tb, err = ReadTSV("n.tsv", strings.NewReader("concept\tnote\nb\tonly a note\n"))
	require.NoError(t, err, "a table without language columns reads; its concepts have no term")
	assert.Equal(t, RuleNoTerm, Validate(tb)[0].Rule)
}
