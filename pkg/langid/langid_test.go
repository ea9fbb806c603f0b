package langid

import (
	"bufio"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
)

func TestIdentify(t *testing.T) {
	id := New()
	cases := []struct {
		text, want string
	}{
		{"Les villes membres de CGLU ont publié 42 rapports volontaires locaux.", "fr"},
		{"UCLG member cities have published 42 voluntary local reviews.", "en"},
		{"Las ciudades miembros de CGLU han publicado 42 informes locales voluntarios.", "es"},
		{"La conférence se tiendra du 16 au 17 novembre 2017, à Malines, en Belgique.", "fr"},
		{"The conference will be held from 16 to 17 November 2017 in Mechelen, Belgium.", "en"},
		{"La conferencia se celebrará del 16 al 17 de noviembre de 2017 en Malinas, Bélgica.", "es"},
		{"¿Es una oportunidad para la inclusión de los migrantes?", "es"},
		{"Est-ce une chance pour l’inclusion des migrants ?", "fr"},
		{"Is this an opportunity for the inclusion of migrants?", "en"},
	}
	for _, tc := range cases {
		t.Run(tc.want+" "+tc.text[:12], func(t *testing.T) {
			r := id.Identify(tc.text)
			assert.Equal(t, tc.want, r.Lang, "%+v", r)
			assert.Greater(t, r.Margin, 0.0)
		})
	}
	r := id.Identify("2017 — 42 % !")
	assert.Equal(t, "", r.Lang, "no word, no language")
	assert.Equal(t, 0, r.Words)
}

func TestTokens(t *testing.T) {
	assert.Equal(t, []string{"l'", "oim", "et", "qu'", "il", "don't", "it's"}, Tokens("l’OIM et qu'il — don't it's 12"))
	assert.Equal(t, []string{"a", "b"}, Tokens("'a' b'"))
}

// TestCorpusAccuracy measures the identifier on the French, English and
// Spanish sentences of ../shared/corpus (parallel sets, written by people
// outside the project and never used to build the profiles): at least 98 %
// of the sentences of five words or more must be classified right.
func TestCorpusAccuracy(t *testing.T) {
	dir := testenv.Shared(t, "corpus", "parallel")
	files := map[string][]string{
		"fr": {"flores200-devtest/fra_Latn.txt", "tico19-test/fra.txt"},
		"en": {"flores200-devtest/eng_Latn.txt", "tico19-test/eng.txt"},
		"es": {"flores200-devtest/spa_Latn.txt", "tico19-test/spa_LA.txt"},
	}
	id := New()
	total, right := 0, 0
	for lang, names := range files {
		n, ok := 0, 0
		for _, name := range names {
			f, err := os.Open(filepath.Join(dir, name))
			require.NoError(t, err)
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				line := sc.Text()
				if len(Tokens(line)) < 5 {
					continue
				}
				n++
				if r := id.Identify(line); r.Lang == lang {
					ok++
				} else if testing.Verbose() {
					t.Logf("%s taken for %s: %s", lang, r.Lang, line)
				}
			}
			require.NoError(t, sc.Err())
			f.Close()
		}
		t.Logf("%s: %d/%d = %.2f %%", lang, ok, n, 100*float64(ok)/float64(n))
		total += n
		right += ok
	}
	acc := 100 * float64(right) / float64(total)
	t.Logf("accuracy on %d sentences of 5 words or more: %.2f %%", total, acc)
	assert.GreaterOrEqual(t, acc, 98.0)
}
