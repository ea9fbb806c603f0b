package mtcache

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
)

// Store is what the Translator needs of a memory: its cache of drafts
// (memory.DraftCache, which both SQL stores implement).
type Store interface {
	GetDrafts(ctx context.Context, key memory.DraftKey, segments []string) (map[string]string, error)
	PutDrafts(ctx context.Context, key memory.DraftKey, drafts []memory.Draft) error
}

// Options configure a Translator.
type Options struct {
	// Engine names the engine in the key: "apertium", "apy".
	Engine string
	// Route returns the route a request from one language to another
	// takes (mt.Pivot.Route); a direct route when nil.
	Route func(from, to language.Tag) mt.Route
	// Version returns the engine's version for a route. It is asked once
	// per route; a route whose version is unknown (an error) is not
	// cached. Nil: the version is "".
	Version func(ctx context.Context, r mt.Route) (string, error)
	// Termbase is the revision of the termbase in use (a hash of its
	// content); "" for none.
	Termbase string
	// Warn receives a message when the cache cannot be read or written or
	// a route's version cannot be told, once for each kind of trouble;
	// the batch goes on with the engine alone.
	Warn func(msg string)
}

// Usage is what a Translator asked of its engine for one target language.
type Usage struct {
	Calls    int // requests sent to the engine
	Segments int // segments in those requests
	Cached   int // segments the cache answered instead of the engine
}

// Translator is the cache, an mt.Translator over the engine's routes. It
// is safe for concurrent use.
type Translator struct {
	next  mt.Translator
	store Store
	opts  Options

	mu     sync.Mutex
	routes map[string]*routeKey // by "from>to"
	usage  map[string]*Usage    // by target language code
	warned map[string]bool      // kinds of trouble already said
}

// routeKey is the cache key of one route, found once.
type routeKey struct {
	once sync.Once
	key  memory.DraftKey
	err  error // the version could not be told: the route is not cached
}

// New returns the cache over next, keeping its drafts in store. A nil
// store caches nothing: the Translator only counts.
func New(next mt.Translator, store Store, opts Options) *Translator {
	return &Translator{next: next, store: store, opts: opts,
		routes: map[string]*routeKey{}, usage: map[string]*Usage{}, warned: map[string]bool{}}
}

// Usage returns what the Translator asked of the engine for the target
// language to (by base language), so far.
func (t *Translator) Usage(to language.Tag) Usage {
	t.mu.Lock()
	defer t.mu.Unlock()
	if u, ok := t.usage[mt.Code(to)]; ok {
		return *u
	}
	return Usage{}
}

func (t *Translator) count(to language.Tag, calls, segments, cached int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	u, ok := t.usage[mt.Code(to)]
	if !ok {
		u = &Usage{}
		t.usage[mt.Code(to)] = u
	}
	u.Calls += calls
	u.Segments += segments
	u.Cached += cached
}

// warn says msg once for its kind.
func (t *Translator) warn(kind, msg string) {
	if t.opts.Warn == nil {
		return
	}
	t.mu.Lock()
	said := t.warned[kind]
	t.warned[kind] = true
	t.mu.Unlock()
	if !said {
		t.opts.Warn(msg)
	}
}

// key returns the cache key of requests from one language into another.
func (t *Translator) key(ctx context.Context, from, to language.Tag) (memory.DraftKey, error) {
	name := mt.Code(from) + ">" + mt.Code(to)
	t.mu.Lock()
	rk, ok := t.routes[name]
	if !ok {
		rk = &routeKey{}
		t.routes[name] = rk
	}
	t.mu.Unlock()
	rk.once.Do(func() {
		r := mt.Route{from, to}
		if t.opts.Route != nil {
			r = t.opts.Route(from, to)
		}
		rk.key = memory.DraftKey{Engine: t.opts.Engine, Route: r.String(), Termbase: t.opts.Termbase}
		if t.opts.Version != nil {
			rk.key.Version, rk.err = t.opts.Version(ctx, r)
		}
	})
	return rk.key, rk.err
}

// Translate implements mt.Translator: the segments of req the cache holds
// come from it, the others go to the engine in one request, and what the
// engine translated goes into the cache.
func (t *Translator) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	key, keyErr := t.key(ctx, req.From, req.To)
	caching := t.store != nil && keyErr == nil
	out := make([]mt.Result, len(req.Segments))
	forms := make([]string, len(req.Segments))
	var cached map[string]string
	if caching && len(req.Segments) > 0 {
		for i, s := range req.Segments {
			forms[i] = Form(s)
		}
		got, err := t.store.GetDrafts(ctx, key, forms)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, fmt.Errorf("machine translation cache: %w", ctx.Err())
		case err != nil:
			t.warn("read", fmt.Sprintf("machine translation cache: %v; the engine translates everything", err))
		default:
			cached = got
		}
	}
	var miss []int
	for i, seg := range req.Segments {
		if v, ok := cached[forms[i]]; ok {
			if r, err := decode(seg, v); err == nil {
				out[i] = r
				continue
			}
		}
		miss = append(miss, i)
	}
	hits := len(req.Segments) - len(miss)
	if len(miss) == 0 {
		t.count(req.To, 0, 0, hits)
		return out, nil
	}
	segs := make([]document.Content, len(miss))
	var terms [][]mt.Term
	if req.Terms != nil {
		terms = make([][]mt.Term, len(miss))
	}
	for j, i := range miss {
		segs[j] = req.Segments[i]
		if terms != nil && i < len(req.Terms) {
			terms[j] = req.Terms[i]
		}
	}
	t.count(req.To, 1, len(segs), hits)
	res, err := t.next.Translate(ctx, mt.Request{From: req.From, To: req.To, Segments: segs, Context: req.Context, Terms: terms})
	if err != nil {
		return nil, err
	}
	if len(res) != len(segs) {
		return nil, fmt.Errorf("the engine returned %d results for %d segments", len(res), len(segs))
	}
	if keyErr != nil {
		t.warn("version "+key.Route, fmt.Sprintf("machine translation cache: off for %s: %v", key.Route, keyErr))
	}
	var drafts []memory.Draft
	mine := map[int]string{} // by place in req, the value stored of each new draft
	for j, i := range miss {
		out[i] = res[j]
		if !caching || res[j].Err != nil || res[j].Target == nil {
			continue
		}
		if v, ok := encode(req.Segments[i], res[j]); ok {
			drafts = append(drafts, memory.Draft{Segment: forms[i], Value: v})
			mine[i] = v
		}
	}
	if len(drafts) == 0 {
		return out, nil
	}
	if err := t.store.PutDrafts(ctx, key, drafts); err != nil {
		if ctx.Err() == nil {
			t.warn("write", fmt.Sprintf("machine translation cache: %v; the drafts are not kept for the next run", err))
		}
		return out, nil
	}
	t.agree(ctx, key, req.Segments, forms, mine, out)
	return out, nil
}

// agree makes the new drafts of out (mine, by place) the ones the cache
// kept: the first stored of each segment, by this request (a segment twice
// in it) or by another run meanwhile, so that this run's drafts are those
// every later run gets.
func (t *Translator) agree(ctx context.Context, key memory.DraftKey, segs []document.Content, forms []string, mine map[int]string, out []mt.Result) {
	asked := make([]string, 0, len(mine))
	for i := range mine {
		asked = append(asked, forms[i])
	}
	kept, err := t.store.GetDrafts(ctx, key, asked)
	if err != nil {
		if ctx.Err() == nil {
			t.warn("read", fmt.Sprintf("machine translation cache: %v; the engine translates everything", err))
		}
		return
	}
	for i, v := range mine {
		if k, ok := kept[forms[i]]; ok && k != v {
			if r, err := decode(segs[i], k); err == nil {
				out[i] = r
			}
		}
	}
}

// Form returns segment c as the cache keys it: its text exactly as it is
// (adjacent text runs joined, as the engine gets them), each code as a tag
// by its kind and its number in the segment (pairs numbered by their ID,
// as in package mt's stream form), with its type. Two segments with the
// same form get the same translation from an engine: they differ at most
// by their codes' IDs and data, which no engine sees.
func Form(c document.Content) string {
	var b strings.Builder
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			b.WriteString(strconv.Quote(text.String()))
			text.Reset()
		}
	}
	pairs := map[string]int{}
	n := 0
	for _, r := range c {
		if r.Code == nil {
			text.WriteString(r.Text)
			continue
		}
		flush()
		switch r.Code.Kind {
		case document.Open, document.Close:
			num, ok := pairs[r.Code.ID]
			if !ok {
				n++
				num = n
				pairs[r.Code.ID] = n
			}
			slash := ""
			if r.Code.Kind == document.Close {
				slash = "/"
			}
			fmt.Fprintf(&b, "<%sg%d %s>", slash, num, strconv.Quote(r.Code.Type))
		default:
			n++
			fmt.Fprintf(&b, "<x%d %s/>", n, strconv.Quote(r.Code.Type))
		}
	}
	flush()
	return b.String()
}

// value is a Result as the cache keeps it.
type value struct {
	Target  []run             `json:"t"`
	Engine  string            `json:"e"`
	Notes   []finding.Finding `json:"n,omitempty"`
	Unknown []string          `json:"u,omitempty"`
}

// run is a run of a cached target: text, or a code given by its place
// among the code runs of the source (from 1).
type run struct {
	Text string `json:"s,omitempty"`
	Code int    `json:"c,omitempty"`
}

// codeRuns returns the codes of c's runs, in order.
func codeRuns(c document.Content) []*document.Code {
	var out []*document.Code
	for _, r := range c {
		if r.Code != nil {
			out = append(out, r.Code)
		}
	}
	return out
}

// encode returns r, the translation of src, as the cache keeps it; false
// when a code of its target is not one of src's.
func encode(src document.Content, r mt.Result) (string, bool) {
	codes := codeRuns(src)
	v := value{Target: make([]run, len(r.Target)), Engine: r.Engine, Notes: r.Notes, Unknown: r.Unknown}
	for i, tr := range r.Target {
		if tr.Code == nil {
			v.Target[i] = run{Text: tr.Text}
			continue
		}
		k := placeOf(codes, tr.Code)
		if k < 0 {
			return "", false
		}
		v.Target[i] = run{Code: k + 1}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// placeOf returns the place of code among codes: the same code, else the
// first of the same ID and kind; -1 when there is none.
func placeOf(codes []*document.Code, code *document.Code) int {
	for k, c := range codes {
		if c == code {
			return k
		}
	}
	for k, c := range codes {
		if c.ID == code.ID && c.Kind == code.Kind {
			return k
		}
	}
	return -1
}

// decode reads a cached translation of src back, with src's own codes.
func decode(src document.Content, s string) (mt.Result, error) {
	var v value
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return mt.Result{}, err
	}
	codes := codeRuns(src)
	target := make(document.Content, len(v.Target))
	for i, r := range v.Target {
		if r.Code == 0 {
			target[i] = document.Run{Text: r.Text}
			continue
		}
		if r.Code < 1 || r.Code > len(codes) {
			return mt.Result{}, fmt.Errorf("cached code %d of %d", r.Code, len(codes))
		}
		target[i] = document.Run{Code: codes[r.Code-1]}
	}
	for i := range v.Notes {
		if v.Notes[i].Rule == "grammar" {
			// Written before the pivot's note had a rule of its own: the
			// engines' notes the cache keeps were only that one.
			v.Notes[i].Rule = mt.PivotWord
		}
	}
	return mt.Result{Target: target, Engine: v.Engine, Notes: v.Notes, Unknown: v.Unknown}, nil
}
