package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/apertium"
	"github.com/relais-tm/relais/pkg/mt/apy"
	"github.com/relais-tm/relais/pkg/termguard"
	"github.com/relais-tm/relais/pkg/typography"
)

// mtTimeout bounds one engine call: one file into one language.
const mtTimeout = 10 * time.Minute

// newTranslator builds the machine translation stage that cfg asks for:
// the engine, a route per target language (through a pivot where no direct
// pair exists), a cache so the first leg of a pivot is not run twice, and
// the term guard that protects the terms of tb and dates. It returns nil
// when no engine is to be used, and says on stderr (through say) which
// engine and routes it chose, or why it chose none.
func newTranslator(ctx context.Context, cfg config.Config, tb *glossary.Termbase, say func(string)) (mt.Translator, error) {
	var engine mt.Translator
	var pairs []mt.Pair
	var err error
	name := cfg.MT.Engine
	switch name {
	case "none":
		return nil, nil
	case "auto", "apertium":
		var e *apertium.Engine
		if e, err = apertium.New(apertium.Options{Timeout: mtTimeout}); err == nil {
			pairs, err = e.Pairs(ctx)
			engine, name = e, "apertium"
		}
	case "apy":
		var c *apy.Client
		if c, err = apy.New(cfg.MT.APyURL, apy.Options{}); err == nil {
			pairs, err = c.Pairs(ctx)
			engine = c
		}
	}
	if err != nil {
		if cfg.MT.Engine == "auto" {
			say(fmt.Sprintf("machine translation: off (%v)", err))
			return nil, nil
		}
		return nil, fmt.Errorf("machine translation: %w", err)
	}
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
	finish, err := finishOptions(cfg)
	if err != nil {
		return nil, err
	}
	return termguard.New(mt.Chain(engine, routes, cfg.Jobs), tb, termguard.Options{Fixed: finish.Fixed}), nil
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
