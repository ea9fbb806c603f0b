package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
)

// TestRefreshEvery: a handle opened with WithRefreshEvery keeps what it
// knows of other handles' units for that long, and always sees its own.
func TestRefreshEvery(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mem.db")
	writer, err := Open(ctx, path)
	require.NoError(t, err)
	defer writer.Close()
	batch, err := Open(ctx, path, memory.WithRefreshEvery(time.Hour))
	require.NoError(t, err)
	defer batch.Close()
	unit := func(src, tgt string) memory.Unit {
		return memory.Unit{SrcLang: language.French, TgtLang: language.English, Source: document.Text(src), Target: document.Text(tgt),
			Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
	}
	q := memory.Query{Source: document.Text("Les délégués ont adopté la déclaration finale du sommet."), SrcLang: language.French, TgtLang: language.English}

	ms, err := batch.Lookup(ctx, q)
	require.NoError(t, err)
	require.Empty(t, ms)
	_, err = writer.Put(ctx, memory.Units(unit("Les délégués ont adopté la déclaration finale du congrès.", "Delegates adopted the final declaration of the congress.")))
	require.NoError(t, err)
	ms, err = batch.Lookup(ctx, q)
	require.NoError(t, err)
	assert.Empty(t, ms, "within the hour, the batch's handle does not ask again")

	_, err = batch.Put(ctx, memory.Units(unit("Une autre phrase.", "Another sentence.")))
	require.NoError(t, err)
	ms, err = batch.Lookup(ctx, q)
	require.NoError(t, err)
	assert.Len(t, ms, 1, "a Put through the handle makes it ask again, and learn the other handle's unit")

	fresh, err := Open(ctx, path)
	require.NoError(t, err)
	defer fresh.Close()
	ms, err = fresh.Lookup(ctx, q)
	require.NoError(t, err)
	assert.Len(t, ms, 1, "without the option, every lookup asks")
}
