package mttest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/mt"
)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// Fake is a deterministic Translator for tests. It encodes each batch in
// the stream form the Apertium engines use (mt.EncodeBatch), replaces the
// words found in Dict (whole words, case-sensitive; words it lacks pass
// through unchanged, as Apertium's unknown words do), lets Mangle change
// the stream, and decodes it back (mt.DecodeBatch). Its fields are set
// before use; it is safe for concurrent use.
type Fake struct {
	Name   string                     // engine name in results; "fake" when empty
	Pairs  []mt.Pair                  // pairs it translates; any when empty
	Dict   map[string]string          // word replacements
	Err    error                      // returned by every call when set
	Hold   bool                       // block until the context is done (to test timeouts and cancellation)
	Mangle func(stream string) string // changes the engine's output before it is decoded

	mu    sync.Mutex
	calls []mt.Request
}

// Calls returns the requests the Fake was given, in order.
func (f *Fake) Calls() []mt.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]mt.Request(nil), f.calls...)
}

func (f *Fake) supports(from, to language.Tag) bool {
	if len(f.Pairs) == 0 {
		return true
	}
	for _, p := range f.Pairs {
		if mt.Same(p.From, from) && mt.Same(p.To, to) {
			return true
		}
	}
	return false
}

// Translate implements mt.Translator.
func (f *Fake) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	f.mu.Lock()
	f.calls = append(f.calls, req)
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("fake: %w", err)
	}
	if f.Err != nil {
		return nil, f.Err
	}
	if !f.supports(req.From, req.To) {
		return nil, fmt.Errorf("fake: %s-%s: %w", mt.Code(req.From), mt.Code(req.To), mt.ErrUnsupportedPair)
	}
	if f.Hold {
		<-ctx.Done()
		return nil, fmt.Errorf("fake: %w", ctx.Err())
	}
	if len(req.Segments) == 0 {
		return []mt.Result{}, nil
	}
	stream := mt.EncodeBatch(req.Segments)
	// Words, not tags: the tags <gN> <xN/> <sN/> hold letters too.
	var b strings.Builder
	for len(stream) > 0 {
		i := strings.IndexByte(stream, '<')
		if i < 0 {
			i = len(stream)
		}
		b.WriteString(f.words(stream[:i]))
		stream = stream[i:]
		if j := strings.IndexByte(stream, '>'); j >= 0 {
			b.WriteString(stream[:j+1])
			stream = stream[j+1:]
		}
	}
	out := b.String()
	if f.Mangle != nil {
		out = f.Mangle(out)
	}
	targets, errs, err := mt.DecodeBatch(out, req.Segments)
	if err != nil {
		return nil, fmt.Errorf("fake: %w", err)
	}
	name := f.Name
	if name == "" {
		name = "fake"
	}
	res := make([]mt.Result, len(targets))
	for i := range targets {
		res[i] = mt.Result{Target: targets[i], Err: errs[i], Engine: mt.EngineName(name, mt.Route{req.From, req.To})}
	}
	return res, nil
}

func (f *Fake) words(s string) string {
	if len(f.Dict) == 0 {
		return s
	}
	return wordRE.ReplaceAllStringFunc(s, func(w string) string {
		if t, ok := f.Dict[w]; ok {
			return t
		}
		return w
	})
}
