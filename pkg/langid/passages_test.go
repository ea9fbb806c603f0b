package langid

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// An English passage of a French page: its sentences told on their own,
// and the short cells of a table among them that Identify could not tell
// on their own (the rows of Rocky Linux's French page on file systems,
// left in English upstream); a short English-looking cell among French
// sentences stays French, and so does a word that both languages write.
// (pkg/pipeline's TestOtherLanguageNeverTakesFrench holds it to the
// corpus's French sentences and their fragments.)
func TestPassages(t *testing.T) {
	texts := []string{
		"Le système de fichiers est organisé en arborescence.",                                   // 1 fr
		"Linux meets the FHS (see man hier) which defines the names of folders and their roles.", // 2 en, told on its own
		"Contains special directories",                                                           // 3 not told (fr by a hair): English on both sides
		"Files related to system startup",                                                        // 4 en
		"Administrator's login directory",                                                        // 5 not told: English on both sides
		"Commands necessary for system startup and repair",                                       // 6 en
		"The octal method;",                                                                      // 7 leaning en: English before it
		"Installation",                                                                           // 8 one word: not told
		"Les répertoires sont décrits ci-dessous.",                                               // 9 fr: ends the run
		"Contains special directories",                                                           // 10 no English sentence around it
		"Les utilisateurs ont leur propre répertoire.",                                           // 11 fr
		"Please submit a pull request to include your templates.",                                // 12 en
		"Contains special directories",                                                           // 13 English on one side only
	}
	got := New().Passages(texts, "fr")
	var en []int
	for i, l := range got {
		switch l {
		case "en":
			en = append(en, i+1)
		case "":
		default:
			t.Errorf("segment %d: %s", i+1, l)
		}
	}
	assert.Equal(t, []int{2, 3, 4, 5, 6, 7, 12}, en)
	assert.Equal(t, []string{"", ""}, New().Passages([]string{"Contains special directories", "Les villes"}, "fr"))
}
