package termguard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/mt/apy"
	"github.com/relais-tm/relais/pkg/mt/apy/apytest"
)

func TestSeedWithAPy(t *testing.T) {
	c, err := apy.New(apytest.Server(t), apy.Options{})
	require.NoError(t, err)
	pairs, err := c.Pairs(context.Background())
	require.NoError(t, err)
	tb := termbase(t)
	tr := stack(t, c, pairs, tb)
	for _, path := range articles(t) {
		for _, lang := range []language.Tag{en, es} {
			d := translate(t, tr, path, lang)
			checkDraft(t, tb, path, lang, d)
			if strings.Contains(path, "cities4migration") {
				for _, w := range seedWant[lang.String()] {
					assert.Contains(t, d.draft, w)
				}
				for _, w := range seedNot[lang.String()] {
					assert.NotContains(t, d.draft, w)
				}
				assert.NotContains(t, d.draft, "*")
				for _, r := range d.results {
					assert.Equal(t, map[string]string{"en": "apy:fr-es-en", "es": "apy:fr-es"}[lang.String()], r.Engine)
				}
			}
		}
	}
}
