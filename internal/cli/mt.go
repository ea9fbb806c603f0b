package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/apertium"
	"github.com/relais-tm/relais/pkg/mt/apy"
	"github.com/relais-tm/relais/pkg/mt/remote"
	"github.com/relais-tm/relais/pkg/mtcache"
	"github.com/relais-tm/relais/pkg/termguard"
	"github.com/relais-tm/relais/pkg/typography"
)

// mtTimeout bounds one engine call: one file into one language.
const mtTimeout = 10 * time.Minute

// engine is what the machine translation stage needs of an engine: its
// translations and its version for the cache (apertium.Engine.Version,
// apy.Client.Version).
type engine interface {
	mt.Translator
	Version(ctx context.Context, from, to language.Tag) (string, error)
}

// translation is the machine translation stage a batch uses.
type translation struct {
	mt.Translator                                // the term guard over the cache over the engine (and its fallback)
	cache         *mtcache.Translator            // counts engine calls and cache hits
	name          string                         // the engine's name: "deepl"
	usage         func(lang string) remote.Usage // requests and characters of a remote engine; nil for a local one
}

// newTranslator builds the machine translation stage that cfg asks for:
// the term guard that protects the terms of tb and dates (or, for an
// engine that keeps terms itself, gives them to it and verifies its
// drafts), over the machine translation cache in mem (package mtcache: it
// counts the engine calls too, and keeps nothing when mt.cache is off),
// over a route per target language (through a pivot where no direct pair
// exists) with an in-process cache so that the first leg of a pivot is
// not run twice, over the engine; with mt.fallback, the segments the
// engine failed go to Apertium through its own term guard. It returns nil
// when no engine is to be used, and says on stderr (through say) which
// engine and routes it chose, or why it chose none; warn receives the
// cache's warnings.
func newTranslator(ctx context.Context, cfg config.Config, environ []string, tb *glossary.Termbase, mem memory.Store, say, warn func(string)) (*translation, error) {
	var eng engine
	var pairs []mt.Pair
	var err error
	var usage func(string) remote.Usage
	verify := false
	jobs := cfg.Jobs
	name := cfg.MT.Engine
	switch name {
	case "none":
		return nil, nil
	case "auto", "apertium":
		var e *apertium.Engine
		if e, err = apertium.New(apertium.Options{Timeout: mtTimeout, Environ: environ}); err == nil {
			pairs, err = e.Pairs(ctx)
			eng, name = e, apertium.Name
		}
	case "apy":
		var c *apy.Client
		if c, err = apy.New(cfg.MT.APyURL, apy.Options{}); err == nil {
			pairs, err = c.Pairs(ctx)
			eng, name = c, apy.Name
		}
	case "deepl", "libretranslate", "openai":
		var r *remoteEngine
		if r, err = newRemote(cfg, environ, tb); err == nil {
			pairs, err = r.pairs(ctx)
			eng, usage, verify = r.engine, r.usage, r.verify
			jobs = cfg.MT.Concurrency
		}
	}
	if err != nil {
		if cfg.MT.Engine == "auto" {
			say(fmt.Sprintf("machine translation: off (%v)", err))
			return nil, nil
		}
		return nil, fmt.Errorf("machine translation: %w", err)
	}
	routes, err := routesFor(cfg, pairs, say, name)
	if err != nil || routes == nil {
		return nil, err
	}
	finish, err := finishOptions(cfg)
	if err != nil {
		return nil, err
	}
	chain := mt.Chain(eng, routes, jobs)
	var store mtcache.Store
	if dc, ok := mem.(memory.DraftCache); ok && cfg.MT.Cache {
		store = dc
	}
	cache := mtcache.New(chain, store, mtcache.Options{
		Engine: name,
		Route:  chain.Route,
		Version: func(ctx context.Context, r mt.Route) (string, error) {
			legs := make([]string, 0, len(r)-1)
			for i := 0; i+1 < len(r); i++ {
				v, err := eng.Version(ctx, r[i], r[i+1])
				if err != nil {
					return "", err
				}
				legs = append(legs, v)
			}
			return strings.Join(legs, " + "), nil
		},
		Termbase: termbaseRevision(tb),
		Warn:     warn,
	})
	guardOpts := termguard.Options{Fixed: finish.Fixed}
	if verify {
		guardOpts = termguard.Options{Verify: true}
	}
	var out mt.Translator = termguard.New(cache, tb, guardOpts)
	if cfg.MT.Fallback == "apertium" && name != apertium.Name {
		fb, err := apertium.New(apertium.Options{Timeout: mtTimeout, Environ: environ})
		var fbPairs []mt.Pair
		if err == nil {
			fbPairs, err = fb.Pairs(ctx)
		}
		if err != nil {
			return nil, fmt.Errorf("mt.fallback apertium: %w", err)
		}
		fbRoutes, err := routesFor(cfg, fbPairs, say, "fallback apertium")
		if err != nil {
			return nil, err
		}
		if fbRoutes != nil {
			out = mt.NewFallback(out, termguard.New(mt.Chain(fb, fbRoutes, cfg.Jobs), tb, termguard.Options{Fixed: finish.Fixed}))
		}
	}
	return &translation{Translator: out, cache: cache, name: name, usage: usage}, nil
}

// routesFor chooses the routes of an engine with pairs into the target
// languages of cfg and says them on stderr, or why there are none (nil
// routes).
func routesFor(cfg config.Config, pairs []mt.Pair, say func(string), name string) ([]mt.Route, error) {
	via := map[language.Tag]language.Tag{}
	for to, v := range cfg.MT.Pivot {
		via[language.Make(to)] = language.Make(v)
	}
	routes, missing, err := mt.Routes(pairs, cfg.SourceLang(), cfg.TargetLangs(), via, cfg.MT.Engine != "auto")
	if err != nil {
		return nil, err
	}
	if len(routes) == 0 {
		say("machine translation: off, no route: " + strings.Join(missing, "; "))
		return nil, nil
	}
	names := make([]string, len(routes))
	for i, r := range routes {
		names[i] = r.String()
	}
	msg := fmt.Sprintf("machine translation: %s, route(s) %s", name, strings.Join(names, ", "))
	if len(missing) > 0 {
		msg += "; none into " + strings.Join(missing, "; ")
	}
	say(msg)
	return routes, nil
}

// termbaseRevision returns the revision of tb that the machine translation
// cache keys drafts by: the first 16 hex digits of the SHA-256 of tb
// written as TBX, the content in use whatever files it was read from. The
// cache sits below the term guard, where a segment's terms are already
// tokens in the text the engine gets; the revision keeps a draft made
// under one termbase from being reused under another all the same.
func termbaseRevision(tb *glossary.Termbase) string {
	if tb == nil {
		return ""
	}
	h := sha256.New()
	if err := glossary.WriteTBX(h, tb); err != nil {
		return "unwritable"
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// finishOptions returns the options of the finishing after the engine:
// the parts mt.finish-off turns off.
func finishOptions(cfg config.Config) (typography.Options, error) {
	var opts typography.Options
	for _, name := range cfg.MT.FinishOff {
		p, err := typography.ParsePart(name)
		if err != nil {
			return opts, fmt.Errorf("mt.finish-off: %w", err)
		}
		opts.Off = append(opts.Off, p)
	}
	return opts, nil
}

// typographyFor returns the pipeline's typography stage.
func typographyFor(cfg config.Config) (func(source, target document.Content, lang language.Tag) document.Content, error) {
	opts, err := finishOptions(cfg)
	if err != nil {
		return nil, err
	}
	return func(source, target document.Content, lang language.Tag) document.Content {
		return typography.Finish(source, target, lang, opts)
	}, nil
}
