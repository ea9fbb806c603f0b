package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/mt/apy/apytest"
)

// TestTranslateWithAPy runs `relais translate --mt apy` on the seed against
// a real APy server: the same drafts as with the local engine, glossary
// terms in their preferred target form.
func TestTranslateWithAPy(t *testing.T) {
	seed := testenv.Shared(t, "seeds", "cities4migration-fr.txt")
	url := apytest.Server(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	ios, _, _, stderr := iostreams.Test()
	code := Run(context.Background(), []string{"translate", seed, "--to", "en,es", "--mt", "apy", "--apy-url", url,
		"--out", out, "--memory", filepath.Join(dir, "memory.db")}, ios, nil)
	require.Equal(t, ExitOK, code, stderr.String())
	assert.Contains(t, stderr.String(), "machine translation: apy, route(s) fr-es-en, fr-es")
	assert.NotContains(t, stderr.String(), "untranslated (kept")

	want := map[string][]string{
		"en": {"UCLG", "IOM", "UN-Habitat", "ICMPD", "MC2CM", "United Nations", "New Urban Agenda", "New York Declaration",
			"Global Compact", "Beirut", "Mechelen", "Tangier", "Turin", "Tunis", "Vienna", "Lisbon", "Amman", "Lebanon", "Belgium"},
		"es": {"CGLU", "OIM", "ONU-Habitat", "Malinas", "Tánger", "Turín", "Túnez", "Viena", "Lisboa", "Amán", "Líbano", "Bélgica"},
	}
	for lang, terms := range want {
		draft, err := os.ReadFile(filepath.Join(out, lang, "cities4migration-fr.txt"))
		require.NoError(t, err)
		for _, term := range terms {
			assert.Contains(t, string(draft), term, "%s draft", lang)
		}
		assert.NotContains(t, string(draft), "*", "%s: no unknown-word marks", lang)
		xlf, err := os.ReadFile(filepath.Join(out, lang, "cities4migration-fr.txt.xlf"))
		require.NoError(t, err)
		assert.Contains(t, string(xlf), `subState="relais:mt-apy%3A`, "%s: the route is named", lang)
	}
}
