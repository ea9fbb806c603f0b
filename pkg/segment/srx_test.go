package segment

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
)

func readOmegaT(t *testing.T) *SRX {
	t.Helper()
	path := testenv.Shared(t, "corpus", "formats", "srx", "omegat", "defaultRules.srx")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	srx, err := ReadSRX(path, f)
	require.NoError(t, err)
	return srx
}

func TestReadSRXOmegaT(t *testing.T) {
	srx := readOmegaT(t)
	assert.True(t, srx.Cascade())
	var names []string
	for _, l := range srx.langs {
		names = append(names, l.name)
	}
	assert.Equal(t, []string{"Catalan", "Czech", "German", "English", "Spanish", "Finnish", "French", "Italian",
		"Japanese", "Dutch", "Polish", "Russian", "Swedish", "Slovak", "Chinese", "Default", "Text", "HTML"}, names)
	assert.Len(t, srx.maps, 18)
	french := srx.langs[srx.byName["French"]]
	assert.Len(t, french.rules, 28)
	assert.False(t, french.rules[0].brk)
	assert.Equal(t, 4157, french.rules[0].pos.Line, "rules keep their place in the file")

	// cascade="yes": French, then Default, Text and HTML (".*").
	rules, ok := srx.rulesFor(language.MustParse("fr-CA"))
	require.True(t, ok)
	assert.Len(t, rules, 28+3+1+1)
	rules, ok = srx.rulesFor(language.Swahili)
	require.True(t, ok)
	assert.Len(t, rules, 3+1+1)
}

func TestSegmentWithOmegaTRules(t *testing.T) {
	r, err := New(language.French, WithSRX(readOmegaT(t)))
	require.NoError(t, err)
	for _, c := range []sentenceCase{
		{"M. then sentence", "M. Dupont est arrivé à Beyrouth. Il a ouvert la conférence.",
			[]string{"M. Dupont est arrivé à Beyrouth.", "Il a ouvert la conférence."}},
		{"p. and etc.", "Voir p. 12 du rapport, les villes, etc. et les régions. La suite est en annexe.",
			[]string{"Voir p. 12 du rapport, les villes, etc. et les régions.", "La suite est en annexe."}},
		{"etc. then capital", "Le projet regroupe Amman, Beyrouth, etc. La prochaine phase commence en 2018.",
			[]string{"Le projet regroupe Amman, Beyrouth, etc.", "La prochaine phase commence en 2018."}},
		{"Mme. and cf.", "Mme. Martin (cf. annexe 2) a signé. Elle a remercié l’OIM.",
			[]string{"Mme. Martin (cf. annexe 2) a signé.", "Elle a remercié l’OIM."}},
		{"art. with digits", "L’art. 3 du décret s’applique. Il remplace le précédent.",
			[]string{"L’art. 3 du décret s’applique.", "Il remplace le précédent."}},
		{"questions", "Est-ce clair ? Oui ! Tout à fait.", []string{"Est-ce clair ?", "Oui !", "Tout à fait."}},
		{"period before guillemets", "Il a déclaré : « La ville est ouverte. » Puis il est parti.",
			[]string{"Il a déclaré : « La ville est ouverte. » Puis il est parti."}},
		// The SRX decides first: its acronym exception keeps "O.N.U. Elle"
		// together where the built-in rules would break.
		{"acronym (SRX decides)", "Il travaille pour l’O.N.U. Elle l’a recruté en 2015.",
			[]string{"Il travaille pour l’O.N.U. Elle l’a recruté en 2015."}},
		// Where no SRX rule applies (an ellipsis), the built-in rules decide.
		{"ellipsis (built-ins decide)", "Il hésita… Puis il signa l’accord.", []string{"Il hésita…", "Puis il signa l’accord."}},
		{"URL and decimals", "Voir https://www.uclg.org/fr/media.html et le taux de 1.5 %. Merci.",
			[]string{"Voir https://www.uclg.org/fr/media.html et le taux de 1.5 %.", "Merci."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, sentences(r, c.in), "in: %q", c.in)
			requireBoundaries(t, c.in, r.Boundaries(c.in))
		})
	}
}

const smallSRX = `<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="%s"><formathandle type="start" include="no"/></header>
  <body>
    <languagerules>
      <languagerule languagerulename="French">
        <rule break="no"><beforebreak>\bM\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s\p{Lu}</afterbreak></rule>
        <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Any">
        <rule break="yes"><beforebreak>,</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="FR.*" languagerulename="French"/>
      <languagemap languagepattern=".*" languagerulename="Any"/>
    </maprules>
  </body>
</srx>`

func readSmall(t *testing.T, cascade string) *SRX {
	t.Helper()
	srx, err := ReadSRX("small.srx", strings.NewReader(strings.Replace(smallSRX, "%s", cascade, 1)))
	require.NoError(t, err)
	return srx
}

func TestSRXCascadeNo(t *testing.T) {
	srx := readSmall(t, "no")
	assert.False(t, srx.Cascade())
	r, err := New(language.MustParse("fr-BE"), WithSRX(srx))
	require.NoError(t, err)
	// Only the first matching languagemap applies, and it replaces the
	// built-in rules: "Mme." and "etc." now break, an ellipsis does not,
	// a semicolon before a capital does, the comma rule of "Any" is not
	// used.
	assert.Equal(t, []string{"M. Dupont et Mme.", "Martin, etc.", "Fin… Puis rien ;", "Non."},
		sentences(r, "M. Dupont et Mme. Martin, etc. Fin… Puis rien ; Non."))
	assert.Equal(t, []string{"Un ;", "Deux."}, sentences(r, "Un ; Deux."))
	// Another language falls to the "Any" rule alone.
	en, err := New(language.English, WithSRX(srx))
	require.NoError(t, err)
	assert.Equal(t, []string{"One,", "two. Three."}, sentences(en, "One, two. Three."))
}

func TestSRXCascadeYes(t *testing.T) {
	r, err := New(language.French, WithSRX(readSmall(t, "yes")))
	require.NoError(t, err)
	// The SRX rules (French then Any) run first and decide where they
	// match: "Mme." breaks (the SRX period rule) and so does the comma rule
	// of "Any". The built-in rules judge the rest: the ellipsis breaks.
	assert.Equal(t, []string{"M. Dupont et Mme.", "Martin,", "etc.", "Fin…", "Puis rien ;", "Non."},
		sentences(r, "M. Dupont et Mme. Martin, etc. Fin… Puis rien ; Non."))
}

func TestSRXNoMatchingLanguage(t *testing.T) {
	srx, err := ReadSRX("de.srx", strings.NewReader(`<srx version="2.0"><header cascade="no"/><body><languagerules>
<languagerule languagerulename="de"><rule><beforebreak>,</beforebreak></rule></languagerule>
</languagerules><maprules><languagemap languagepattern="de.*" languagerulename="de"/></maprules></body></srx>`))
	require.NoError(t, err)
	r, err := New(language.French, WithSRX(srx))
	require.NoError(t, err)
	assert.Equal(t, []string{"M. Dupont, maire.", "Il parle."}, sentences(r, "M. Dupont, maire. Il parle."),
		"no languagemap for fr: the built-in rules apply")
	de, err := New(language.German, WithSRX(srx))
	require.NoError(t, err)
	assert.Equal(t, []string{"Ja,", "nein. Doch."}, sentences(de, "Ja, nein. Doch."),
		"a rule with no afterbreak matches before anything")
}

func TestReadSRXErrors(t *testing.T) {
	rule := func(before, after string) string {
		return `<srx version="2.0"><header cascade="no"/><body><languagerules>
<languagerule languagerulename="fr">
  <rule break="no"><beforebreak>` + before + `</beforebreak><afterbreak>` + after + `</afterbreak></rule>
</languagerule></languagerules><maprules><languagemap languagepattern="fr.*" languagerulename="fr"/></maprules></body></srx>`
	}
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"not XML", "hello", 1, 1, "no <srx> element"},
		{"mismatched tags", "<srx>\n<body></languagerules>", 2, 23, "malformed XML"},
		{"unclosed", "<srx version=\"2.0\">\n<header>", 2, 9, "malformed XML"},
		{"wrong root", "<?xml version=\"1.0\"?>\n<tmx/>", 2, 1, "root element is <tmx>"},
		{"empty", "", 1, 1, "no <srx> element"},
		{"version", `<srx version="3.1"/>`, 1, 1, `version "3.1"`},
		{"cascade", `<srx version="2.0"><header cascade="maybe"/></srx>`, 1, 20, `cascade="maybe"`},
		{"break", strings.Replace(rule(`\.`, `\s`), `break="no"`, `break="sometimes"`, 1), 3, 3, `break="sometimes"`},
		{"no name", `<srx><body><languagerules><languagerule/></languagerules></body></srx>`, 1, 27, "without a languagerulename"},
		{"duplicate name", `<srx><body><languagerules><languagerule languagerulename="a"/>` + "\n" +
			`<languagerule languagerulename="a"/></languagerules></body></srx>`, 2, 1, `"a" is defined twice`},
		{"unknown rule in map", `<srx><body><maprules>` + "\n" + `  <languagemap languagepattern="fr.*" languagerulename="French"/></maprules></body></srx>`,
			2, 3, `languagerule "French", which the file does not define`},
		{"map without pattern", `<srx><body><maprules><languagemap languagerulename="x"/></maprules></body></srx>`, 1, 22, "needs a languagepattern"},
		{"bad pattern", `<srx><body><maprules><languagemap languagepattern="fr(" languagerulename="x"/></maprules></body></srx>`, 1, 22, `languagepattern "fr("`},
		{"empty rule", rule("", ""), 3, 3, "neither a beforebreak nor an afterbreak"},
		{"misplaced element", "<srx><languagerule><rule></rule></languagerule></srx>", 1, 6,
			"<languagerule> inside <srx>, want it inside <languagerules>"},
		{"lookbehind", rule(`(?&lt;=\s)M\.`, `\s`), 3, 20, "lookbehind"},
		{"lookahead in afterbreak", rule(`\.`, `(?=\s)`), 3, 49, "lookahead"},
		{"backreference", rule(`(a)\1`, `\s`), 3, 20, "backreference"},
		{"intersection", rule(`[a-z&amp;&amp;[^aeiou]]`, `\s`), 3, 20, "intersection"},
		{"bad regexp", rule(`a{2`, `(`), 3, 50, `afterbreak "("`},
		{"unicode block", rule(`\p{InGreek}`, `\s`), 3, 20, "block"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadSRX("rules.srx", strings.NewReader(c.src))
			require.Error(t, err)
			var pe *document.PosError
			require.True(t, errors.As(err, &pe), "%T: %v", err, err)
			assert.Equal(t, "rules.srx", pe.Path)
			assert.Equal(t, c.line, pe.Pos.Line, "line: %v", err)
			assert.Equal(t, c.col, pe.Pos.Col, "col: %v", err)
			assert.True(t, strings.HasPrefix(pe.Err.Error(), "srx: "), "%v", err)
			assert.Contains(t, err.Error(), c.msg)
		})
	}
	_, err := ReadSRX("broken.srx", iotest.ErrReader(errors.New("disk on fire")))
	require.ErrorContains(t, err, "disk on fire")
}

func TestJavaRegexp(t *testing.T) {
	ok := []struct{ java, goRE string }{
		{`\.`, `\.`},
		{`[\u00A0\s]»`, `[\x{00A0}\s]»`},
		{`\p{Lu}\P{Lu}\pL`, `\p{Lu}\P{Lu}\pL`},
		{`\p{IsLatin}\p{IsLu}`, `\p{Latin}\p{Lu}`},
		{`\p{Lower}\P{Upper}`, `[a-z][^A-Z]`},
		{`[\p{javaLowerCase}0-9]`, `[\p{Ll}0-9]`},
		{`a\hb`, `a[` + javaH + `]b`},
		{`[\h,]`, `[` + javaH + `,]`},
		{`x\R`, `x(?:\r\n|[` + javaV + `])`},
		{`end\Z`, `end(?:\n?\z)`},
		{`a*+b++c?+d{2,3}+`, `a*b+c?d{2,3}`},
		{`a+?b*?`, `a+?b*?`},
		{`[+*?]`, `[+*?]`},
		{`\b(?i)úč\.`, `\b(?i)úč\.`},
		{`(?iu)abc(?-i:d)`, `(?i)abc(?-i:d)`},
		{`(?u)x`, `x`},
		{`(?<name>a)`, `(?<name>a)`},
		{`\Qa.b\E.`, `\Qa.b\E.`},
		{`\0101\e`, `\x{41}\x{1B}`},
		{`a{b`, `a\{b`},
		{`[]a]`, `[\]a]`},
	}
	for _, c := range ok {
		got, err := javaRegexp(c.java)
		require.NoError(t, err, c.java)
		assert.Equal(t, c.goRE, got, c.java)
		_, err = regexp.Compile(got)
		assert.NoError(t, err, "%s -> %s", c.java, got)
	}
	bad := []struct{ java, msg string }{
		{`(?=a)`, "lookahead"}, {`(?!a)`, "lookahead"}, {`(?<=a)`, "lookbehind"}, {`(?<!a)`, "lookbehind"},
		{`(?>a)`, "atomic"}, {`(a)\1`, "backreference"}, {`\k<x>`, "backreference"}, {`[a[b]]`, "nested"},
		{`[a&&b]`, "intersection"}, {`\G`, `\G`}, {`[\H]`, "negated"}, {`(?x)a`, "comments"},
		{`\u12`, "four hexadecimal"}, {`[abc`, "unclosed"}, {`abc\`, "trailing backslash"}, {`\p{InGreek}`, "block"},
		{`(?q)`, "unknown flag"}, {`\cA`, "control"},
	}
	for _, c := range bad {
		_, err := javaRegexp(c.java)
		assert.ErrorContains(t, err, c.msg, c.java)
	}
}

func TestWithAbbreviations(t *testing.T) {
	r, err := New(language.French, WithAbbreviations("Cons.", "rapp. gén."))
	require.NoError(t, err)
	assert.Equal(t, []string{"Le Cons. Dupont et le rapp. gén. Martin ont parlé."},
		sentences(r, "Le Cons. Dupont et le rapp. gén. Martin ont parlé."))
	plain, err := New(language.French)
	require.NoError(t, err)
	assert.Len(t, sentences(plain, "Le Cons. Dupont et le rapp. gén. Martin ont parlé."), 3)
	for _, bad := range []string{"", "Cons", "a b c."} {
		_, err := New(language.French, WithAbbreviations(bad))
		assert.ErrorContains(t, err, "segment: abbreviation", bad)
	}
	assert.Equal(t, language.French, r.Language())
}
