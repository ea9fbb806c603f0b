package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/memorytest"
)

func TestConformance(t *testing.T) {
	memorytest.Run(t, func(t *testing.T) memorytest.Opener {
		path := filepath.Join(t.TempDir(), ".relais", "memory.db")
		return func(t *testing.T) memory.Store {
			s, err := Open(context.Background(), path)
			require.NoError(t, err)
			return s
		}
	})
}
