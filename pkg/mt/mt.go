package mt

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// ErrUnsupportedPair is wrapped by the errors of a Translator asked for a
// language pair it cannot translate (the pair is not installed).
var ErrUnsupportedPair = errors.New("language pair not supported")

// ErrQuota is wrapped by the errors of a remote engine that refuses more
// work until its quota is renewed (DeepL's 456). A batch that meets it
// stops asking the engine: every later request fails at once with it.
var ErrQuota = errors.New("engine quota exhausted")

// Translator translates batches of segments from one language into
// another. Implementations must be safe for concurrent use.
type Translator interface {
	// Translate translates req.Segments and returns one Result per
	// segment, in order. The error is for the whole batch: the engine is
	// missing or failed, the pair is unsupported (ErrUnsupportedPair), or
	// ctx is done; per-segment failures are in Result.Err.
	Translate(ctx context.Context, req Request) ([]Result, error)
}

// Request is one batch: the segments of one file to translate from one
// language into another.
type Request struct {
	From, To language.Tag
	Segments []document.Content
	// Context is the whole document the segments come from, for a stage
	// that reads it (the term guard resolves a short form by the concepts
	// the document names in full); engines ignore it. It may be nil.
	Context []document.Content
	// Terms are, for each segment (same index), the termbase entries that
	// occur in it, for an engine that is told what to write (a language
	// model) and checks what it got back; nil when the term guard does not
	// give them. Other engines ignore them.
	Terms [][]Term
}

// Term is a termbase entry occurring in a segment: the source text as
// written, the target the termbase asks for, and the targets it forbids
// (deprecated or superseded terms of the concept).
type Term struct {
	Source    string   `json:"source"`
	Target    string   `json:"target"`
	Forbidden []string `json:"forbidden,omitempty"`
}

// Result is the translation of one segment.
type Result struct {
	Target document.Content // the translation; its codes are the source's own, in a valid order (nil when Err is set)
	Engine string           // the engine and route, as document.Origin.Engine wants it: "apertium:fr-es-en"
	// Notes are what a reviewer should check about this segment's
	// translation, each with its Rule, Severity and Message; the pipeline
	// says where (Lang, Segment, At) when it reports them.
	Notes []finding.Finding
	// Unknown are the words the engine did not know and copied from its
	// input as they were, for an engine that says so (Apertium).
	Unknown []string
	Err     error // this segment could not be translated (lost or disordered codes, a lost protected term)
}

// Pair is a language pair an engine can translate directly.
type Pair struct {
	From, To language.Tag
	Mode     string // the engine's own name for it: "fr-es", "spa-eng", "fra|spa"
}

// String returns "fr-es".
func (p Pair) String() string { return Code(p.From) + "-" + Code(p.To) }

// Code returns the short code relais writes for a language in routes and
// engine names: the base language, "fr", "en", "es".
func Code(t language.Tag) string {
	b, _ := t.Base()
	return b.String()
}

// Same reports whether two tags name the same base language: engines
// translate languages, not regions.
func Same(a, b language.Tag) bool { return Code(a) == Code(b) }

// Route is the chain of languages a translation goes through: [fr es en]
// for French to English through Spanish, [fr es] for a direct pair.
type Route []language.Tag

// String returns the route as names are written: "fr-es-en".
func (r Route) String() string {
	parts := make([]string, len(r))
	for i, t := range r {
		parts[i] = Code(t)
	}
	return strings.Join(parts, "-")
}

// Pivoted reports whether the route goes through another language.
func (r Route) Pivoted() bool { return len(r) > 2 }

// FindRoute chooses how to translate from into to with the given pairs: the
// direct pair when there is one; else through via[to] (the configuration's
// mt.pivot, {en: es}) when both legs are installed; else through any
// single language that has both legs, the first in pairs order. It fails
// with an error wrapping ErrUnsupportedPair that names what is missing.
func FindRoute(pairs []Pair, from, to language.Tag, via map[language.Tag]language.Tag) (Route, error) {
	has := func(a, b language.Tag) bool {
		for _, p := range pairs {
			if Same(p.From, a) && Same(p.To, b) {
				return true
			}
		}
		return false
	}
	if has(from, to) {
		return Route{from, to}, nil
	}
	for k, v := range via {
		if Same(k, to) {
			if has(from, v) && has(v, to) {
				return Route{from, v, to}, nil
			}
			var missing []string
			for _, leg := range [][2]language.Tag{{from, v}, {v, to}} {
				if !has(leg[0], leg[1]) {
					missing = append(missing, Code(leg[0])+"-"+Code(leg[1]))
				}
			}
			return nil, fmt.Errorf("%w: %s-%s through %s needs %s", ErrUnsupportedPair, Code(from), Code(to), Code(v), strings.Join(missing, " and "))
		}
	}
	for _, p := range pairs {
		if Same(p.From, from) && !Same(p.To, to) && has(p.To, to) {
			return Route{from, p.To, to}, nil
		}
	}
	return nil, fmt.Errorf("%w: no installed pair or pivot goes from %s to %s", ErrUnsupportedPair, Code(from), Code(to))
}

// EngineName joins an engine's name and a route as Origin.Engine is
// written: "apertium:fr-es-en".
func EngineName(engine string, r Route) string { return engine + ":" + r.String() }

// PairError is the error of an engine asked for a pair it does not have.
// It prints only its message, which says what to install
// ("apertium-fr-es not installed: apt-get install apertium-fr-es, or --mt
// none"), and wraps ErrUnsupportedPair.
type PairError struct {
	From, To language.Tag
	Msg      string
}

// Error returns the message.
func (e *PairError) Error() string { return e.Msg }

// Unwrap returns ErrUnsupportedPair.
func (e *PairError) Unwrap() error { return ErrUnsupportedPair }

// Routes chooses, for each language of to, the route a translation from
// from takes over the engine's pairs: direct where a pair exists, through
// via[lang] where the configuration names a pivot, else through any
// language the pairs join. With strict set (the user named the engine), a
// language without a route is an error; otherwise it is left out, and
// missing says why, one entry per language ("en (…)").
func Routes(pairs []Pair, from language.Tag, to []language.Tag, via map[language.Tag]language.Tag, strict bool) (routes []Route, missing []string, err error) {
	for _, lang := range to {
		r, err := FindRoute(pairs, from, lang, via)
		if err != nil {
			if strict {
				return nil, nil, fmt.Errorf("machine translation into %s: %w", lang, err)
			}
			missing = append(missing, fmt.Sprintf("%s (%v)", lang, err))
			continue
		}
		routes = append(routes, r)
	}
	return routes, missing, nil
}

// Chain returns the translator a batch uses over engine: requests along
// routes (a pivot where a route has one), identical requests made once
// and the last few remembered (Cache), and at most jobs requests of one
// language pair at the engine at a time (Limit). Its Route method tells
// the route of a request.
func Chain(engine Translator, routes []Route, jobs int) *Pivot {
	jobs = max(jobs, 1)
	return NewPivot(NewCache(NewLimit(engine, jobs), 2*jobs), routes...)
}

// HasWord reports whether text holds word as a whole word: with no letter
// or digit right before or after it.
func HasWord(text, word string) bool { return hasWord(text, word) }
