package mt

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// Cache is a Translator that remembers the last few batches it translated,
// so that a batch asked for again is not sent to the engine twice: the
// Spanish draft of a file and the first leg of its English draft through
// Spanish are the same fr-es batch. Batches are compared by their pair and
// the stream form of their segments (text and code identities).
//
// Identical requests made at the same time reach the engine once: the
// later callers wait for the first one's answer (each gets its own copy,
// bound to its own codes). It is safe for concurrent use.
type Cache struct {
	engine Translator
	size   int
	flight singleflight.Group

	mu      sync.Mutex
	entries []cacheEntry // most recent last
}

type cacheEntry struct {
	key string
	res []Result
}

// NewCache returns a Cache over engine that keeps size batches (the
// number of files translated at once, times two, is enough).
func NewCache(engine Translator, size int) *Cache {
	if size < 1 {
		size = 1
	}
	return &Cache{engine: engine, size: size}
}

// Translate implements Translator. Failed calls are not remembered. A
// caller that waited on another's call which its context ended asks the
// engine itself, so one cancelled file does not fail another.
func (c *Cache) Translate(ctx context.Context, req Request) ([]Result, error) {
	key := cacheKey(req)
	if res, ok := c.lookup(key); ok {
		return rebind(res, req.Segments), nil
	}
	v, err, shared := c.flight.Do(key, func() (any, error) {
		if res, ok := c.lookup(key); ok { // filled between the lookup and Do
			return res, nil
		}
		res, err := c.engine.Translate(ctx, req)
		if err != nil {
			return nil, err
		}
		c.store(key, res)
		return res, nil // every caller copies it before binding its codes
	})
	if err != nil && shared && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return c.engine.Translate(ctx, req)
	}
	if err != nil {
		return nil, err
	}
	return rebind(copyResults(v.([]Result)), req.Segments), nil
}

// lookup returns a copy of the results cached under key.
func (c *Cache) lookup(key string) ([]Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.key == key {
			c.entries = append(slices.Delete(c.entries, i, i+1), e)
			return copyResults(e.res), true
		}
	}
	return nil, false
}

// store keeps a copy of res under key, dropping the oldest entry when the
// cache is full.
func (c *Cache) store(key string, res []Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.size {
		c.entries = slices.Delete(c.entries, 0, 1)
	}
	c.entries = append(c.entries, cacheEntry{key: key, res: copyResults(res)})
}

func cacheKey(req Request) string {
	var b strings.Builder
	b.WriteString(req.From.String() + ">" + req.To.String() + "\x00")
	for _, s := range req.Segments {
		for _, r := range s {
			if r.Code != nil {
				b.WriteString("\x01" + r.Code.ID + "\x02" + r.Code.Kind.String() + "\x01")
				continue
			}
			b.WriteString(r.Text)
		}
		b.WriteString("\x00")
	}
	return b.String()
}

func copyResults(res []Result) []Result {
	out := make([]Result, len(res))
	for i, r := range res {
		r.Target = append(document.Content(nil), r.Target...)
		r.Notes = append([]finding.Finding(nil), r.Notes...)
		out[i] = r
	}
	return out
}

// rebind makes the codes of cached targets the request's own code values
// (same ID and kind), which may hold other bytes than the cached ones.
func rebind(res []Result, segs []document.Content) []Result {
	type ref struct {
		id   string
		kind document.CodeKind
	}
	for i := range res {
		if i >= len(segs) {
			break
		}
		codes := map[ref]*document.Code{}
		for _, c := range segs[i].Codes() {
			codes[ref{c.ID, c.Kind}] = c
		}
		for j, r := range res[i].Target {
			if r.Code != nil {
				res[i].Target[j].Code = codes[ref{r.Code.ID, r.Code.Kind}]
			}
		}
	}
	return res
}
