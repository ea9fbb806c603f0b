package mt

import (
	"context"
	"fmt"
	"sync"
)

// Limit is a Translator that lets at most a fixed number of requests of one
// language pair reach its engine at once; the others wait their turn. It
// bounds the engine processes (or server requests) a batch runs per pair,
// whatever the number of files translated at once. It is safe for
// concurrent use.
type Limit struct {
	engine Translator
	n      int

	mu    sync.Mutex
	slots map[string]chan struct{} // by pair: a token per request under way
}

// NewLimit returns a Limit over engine that runs at most n requests of
// each language pair at a time (1 when n is less).
func NewLimit(engine Translator, n int) *Limit {
	return &Limit{engine: engine, n: max(n, 1), slots: map[string]chan struct{}{}}
}

// Translate implements Translator. A request waiting for its turn returns
// ctx's error when ctx ends first.
func (l *Limit) Translate(ctx context.Context, req Request) ([]Result, error) {
	slot := l.slot(Code(req.From) + "-" + Code(req.To))
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the engine: %w", ctx.Err())
	}
	defer func() { <-slot }()
	return l.engine.Translate(ctx, req)
}

func (l *Limit) slot(pair string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	s, ok := l.slots[pair]
	if !ok {
		s = make(chan struct{}, l.n)
		l.slots[pair] = s
	}
	return s
}
