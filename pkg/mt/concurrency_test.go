package mt_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
)

// gate is an engine that holds every call until release is closed, and
// counts the calls that reached it.
type gate struct {
	release chan struct{}

	mu    sync.Mutex
	calls int
}

func (g *gate) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	g.mu.Lock()
	g.calls++
	g.mu.Unlock()
	select {
	case <-g.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	res := make([]mt.Result, len(req.Segments))
	for i, s := range req.Segments {
		res[i] = mt.Result{Target: append(document.Content(nil), s...), Engine: "gate"}
	}
	return res, nil
}

func (g *gate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.calls
}

func TestCacheJoinsConcurrentRequests(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := &gate{release: make(chan struct{})}
		c := mt.NewCache(g, 4)
		results := make([][]mt.Result, 3)
		var wg sync.WaitGroup
		for i := range results {
			// The same batch from three files, each with its own code values.
			seg := document.Content{{Text: "Les villes "}, {Code: &document.Code{ID: "1", Kind: document.Standalone, Data: string(rune('a' + i))}}}
			wg.Go(func() {
				res, err := c.Translate(t.Context(), mt.Request{From: fr, To: es, Segments: []document.Content{seg}})
				assert.NoError(t, err)
				results[i] = res
			})
		}
		synctest.Wait() // every caller is blocked: in the engine, or waiting for it
		assert.Equal(t, 1, g.count(), "identical requests under way reach the engine once")
		close(g.release)
		wg.Wait()
		assert.Equal(t, 1, g.count())
		for i, res := range results {
			require.Len(t, res, 1)
			assert.Equal(t, string(rune('a'+i)), res[0].Target.Codes()[0].Data, "each caller gets its own codes back")
		}
	})
}

func TestCacheWaiterOutlivesACancelledCaller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := &gate{release: make(chan struct{})}
		c := mt.NewCache(g, 4)
		req := mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("Bonjour.")}}
		ctx, cancel := context.WithCancel(t.Context())
		var first, second error
		var wg sync.WaitGroup
		wg.Go(func() { _, first = c.Translate(ctx, req) })
		synctest.Wait()
		wg.Go(func() {
			var res []mt.Result
			res, second = c.Translate(t.Context(), req)
			if second == nil {
				assert.Equal(t, "Bonjour.", res[0].Target.Plain())
			}
		})
		synctest.Wait()
		cancel()
		synctest.Wait()
		close(g.release)
		wg.Wait()
		assert.ErrorIs(t, first, context.Canceled)
		assert.NoError(t, second, "the second caller's context was alive: it asks the engine itself")
	})
}

func TestLimitBoundsRequestsPerPair(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := &gate{release: make(chan struct{})}
		l := mt.NewLimit(g, 2)
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				_, err := l.Translate(t.Context(), mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("x")}})
				assert.NoError(t, err)
			})
		}
		wg.Go(func() {
			_, err := l.Translate(t.Context(), mt.Request{From: es, To: en, Segments: []document.Content{document.Text("x")}})
			assert.NoError(t, err)
		})
		synctest.Wait()
		assert.Equal(t, 3, g.count(), "two fr-es requests at once, and the es-en one beside them")
		close(g.release)
		wg.Wait()
		assert.Equal(t, 4, g.count())
	})
}

func TestLimitGivesUpWithTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := &gate{release: make(chan struct{})}
		l := mt.NewLimit(g, 1)
		req := mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("x")}}
		var wg sync.WaitGroup
		wg.Go(func() { _, _ = l.Translate(t.Context(), req) })
		synctest.Wait()
		ctx, cancel := context.WithCancel(t.Context())
		var err error
		wg.Go(func() { _, err = l.Translate(ctx, req) })
		synctest.Wait()
		cancel()
		synctest.Wait()
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1, g.count(), "the waiting request never reached the engine")
		close(g.release)
		wg.Wait()
	})
}
