package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/deepl"
	"github.com/relais-tm/relais/pkg/mt/libretranslate"
	"github.com/relais-tm/relais/pkg/mt/openai"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

// The environment variables remote engines read their keys from. A key
// is never a configuration key: relais init does not write one, and
// nothing relais writes holds one.
const (
	deeplKeyEnv          = "RELAIS_DEEPL_KEY"
	libretranslateKeyEnv = "RELAIS_LIBRETRANSLATE_KEY"
	openaiKeyEnv         = "RELAIS_OPENAI_KEY"
)

// remoteEngine is a remote engine as the machine translation stage needs
// it.
type remoteEngine struct {
	engine engine
	pairs  func(ctx context.Context) ([]mt.Pair, error)
	usage  func(lang string) remote.Usage
	verify bool // the engine keeps terms itself: the term guard verifies its drafts
}

// newRemote builds the remote engine cfg names, with its key from the
// environment or its key file.
func newRemote(cfg config.Config, environ []string, tb *glossary.Termbase) (*remoteEngine, error) {
	timeout, _ := time.ParseDuration(cfg.MT.Timeout) // Validate has checked it
	ro := remote.Options{Timeout: timeout, Retries: cfg.MT.Retries}
	if ro.Retries == 0 {
		ro.Retries = -1 // none
	}
	switch cfg.MT.Engine {
	case "deepl":
		key, err := readKey(environ, deeplKeyEnv, cfg.MT.DeepL.KeyFile, "mt.deepl.key-file")
		if err != nil {
			return nil, err
		}
		opts := deepl.Options{Remote: ro, URL: cfg.MT.DeepL.URL, Formality: cfg.MT.DeepL.Formality, English: cfg.MT.DeepL.English}
		if cfg.MT.DeepL.Glossary && tb != nil {
			opts.Glossary = func(from, to language.Tag) []deepl.Entry { return glossaryEntries(tb, from, to) }
			opts.Revision = termbaseRevision(tb)
		}
		c, err := deepl.New(key, opts)
		if err != nil {
			return nil, err
		}
		return &remoteEngine{engine: c, pairs: c.Pairs, usage: c.Usage, verify: true}, nil
	case "libretranslate":
		key, err := readKey(environ, libretranslateKeyEnv, cfg.MT.LibreTranslate.KeyFile, "mt.libretranslate.key-file")
		if err != nil && !errors.Is(err, errNoKey) {
			return nil, err
		}
		c, err := libretranslate.New(cfg.MT.LibreTranslate.URL, libretranslate.Options{Remote: ro, Key: key, Batch: cfg.MT.LibreTranslate.Batch})
		if err != nil {
			return nil, err
		}
		return &remoteEngine{engine: c, pairs: c.Pairs, usage: c.Usage}, nil
	case "openai":
		key, err := readKey(environ, openaiKeyEnv, cfg.MT.OpenAI.KeyFile, "mt.openai.key-file")
		if err != nil && !errors.Is(err, errNoKey) {
			return nil, err
		}
		c, err := openai.New(cfg.MT.OpenAI.URL, openai.Options{Remote: ro, Key: key, Model: cfg.MT.OpenAI.Model, Batch: cfg.MT.OpenAI.Batch, Context: cfg.MT.OpenAI.Context})
		if err != nil {
			return nil, err
		}
		pairs := func(context.Context) ([]mt.Pair, error) { return modelPairs(cfg), nil }
		return &remoteEngine{engine: c, pairs: pairs, usage: c.Usage, verify: true}, nil
	}
	return nil, fmt.Errorf("unknown remote engine %q", cfg.MT.Engine)
}

// modelPairs returns the pairs a language model is asked to translate:
// from the source into each target language of cfg (a model translates
// any pair it is asked for, well or badly).
func modelPairs(cfg config.Config) []mt.Pair {
	var pairs []mt.Pair
	for _, to := range cfg.TargetLangs() {
		pairs = append(pairs, mt.Pair{From: cfg.SourceLang(), To: to, Mode: mt.Code(cfg.SourceLang()) + "-" + mt.Code(to)})
	}
	return pairs
}

// errNoKey is the error of readKey when neither the environment nor a key
// file gives a key.
var errNoKey = errors.New("no key")

// readKey returns the key in the environment variable env, or else in the
// file named by the configuration key fileKey (path), trimmed. Its errors
// name the variable and the file, never the key.
func readKey(environ []string, env, path, fileKey string) (string, error) {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, env+"="); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v), nil
		}
	}
	if path == "" {
		return "", fmt.Errorf("%w: set %s, or name a file holding the key in %s", errNoKey, env, fileKey)
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		for _, kv := range environ {
			if home, ok := strings.CutPrefix(kv, "HOME="); ok {
				path = filepath.Join(home, rest)
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: read the key: %w", fileKey, err)
	}
	key := strings.TrimSpace(string(data))
	if key == "" {
		return "", fmt.Errorf("%s: %s is empty: write the key in it", fileKey, path)
	}
	return key, nil
}

// glossaryEntries returns the termbase's entries from one language into
// another as a DeepL glossary (glossary.Termbase.Pairs).
func glossaryEntries(tb *glossary.Termbase, from, to language.Tag) []deepl.Entry {
	var out []deepl.Entry
	for _, p := range tb.Pairs(from, to) {
		out = append(out, deepl.Entry{Source: p[0], Target: p[1]})
	}
	return out
}
