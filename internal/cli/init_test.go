package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/config"
)

// TestInitWritesEveryKey: relais init writes every key of the
// configuration (set, or commented out where its default is empty), and
// the file it writes loads with the defaults.
func TestInitWritesEveryKey(t *testing.T) {
	for _, key := range config.Keys() {
		parts := strings.Split(key, ".")
		for depth, p := range parts {
			indent := strings.Repeat("  ", depth)
			assert.True(t, strings.Contains(sampleConfig, "\n"+indent+p+":") || strings.Contains(sampleConfig, "\n"+indent+"# "+p+":"),
				"relais init does not write %s", key)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, config.FileName)
	require.NoError(t, os.WriteFile(path, []byte(sampleConfig), 0o644))
	cfg, err := config.Load(config.LoadOptions{File: path})
	require.NoError(t, err)
	def := config.Default()
	assert.Equal(t, def.Fuzzy, cfg.Fuzzy)
	assert.Equal(t, def.MT.Engine, cfg.MT.Engine)
	assert.Equal(t, def.Check.FailOn, cfg.Check.FailOn)
	assert.Equal(t, def.Memory, cfg.Memory)
}
