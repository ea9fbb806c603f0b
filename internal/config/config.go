package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/suggest"
	"github.com/relais-tm/relais/pkg/document"
)

// FileName is the configuration file relais reads from the working folder
// when --config does not name another.
const FileName = "relais.yaml"

// Config is everything relais can be told. Each field's `mapstructure` tag
// is its key in relais.yaml; the RELAIS_ environment variable is the key in
// upper case with "." and "-" as "_" (markdown.front-matter-keys is
// RELAIS_MARKDOWN_FRONT_MATTER_KEYS); a flag of the same name wins over both.
type Config struct {
	From         string   `mapstructure:"from"`         // source language (BCP 47)
	To           []string `mapstructure:"to"`           // target languages
	Out          string   `mapstructure:"out"`          // output folder
	Jobs         int      `mapstructure:"jobs"`         // files processed at once
	Progress     string   `mapstructure:"progress"`     // auto, always or never
	Segmentation string   `mapstructure:"segmentation"` // an SRX 2.0 file that replaces or extends the built-in rules
	Markdown     Markdown `mapstructure:"markdown"`     // Markdown options

	// Glossary lists the project's termbases (TBX, TSV or CSV), loaded after
	// the shipped one and winning over it; the first is where `relais
	// glossary import` writes.
	Glossary []string `mapstructure:"glossary"`
	// NoDefaultGlossary leaves out the termbase shipped with relais.
	NoDefaultGlossary bool `mapstructure:"no-default-glossary"`

	// Memory is the segment memory: a SQLite file, or a PostgreSQL DSN
	// (postgres://…) shared by a team.
	Memory string `mapstructure:"memory"`
	// Fuzzy holds the thresholds of fuzzy matches.
	Fuzzy Fuzzy `mapstructure:"fuzzy"`
	// MT chooses the machine translation engine.
	MT MT `mapstructure:"mt"`
	// Check holds the settings of `relais check` and of `relais translate
	// --fail-on`.
	Check Check `mapstructure:"check"`
}

// Check holds the settings of the checks of translations (the check:
// section). The names of checks are validated by the command (package qa
// knows them), not here.
type Check struct {
	// FailOn is the least severity that fails the run: error, warning,
	// info, or never.
	FailOn string `mapstructure:"fail-on"`
	// RequireState, when set, is the least XLIFF state every segment must
	// have (initial, translated, reviewed, final): the state check.
	RequireState string `mapstructure:"require-state"`
	// Baseline is the file of accepted findings: written by `relais check
	// --write-baseline`, read (when it exists) by every check run.
	Baseline string `mapstructure:"baseline"`
	// Rules maps a check to its severity (error, warning, info) or off.
	Rules map[string]string `mapstructure:"rules"`
	// Languages maps a target language to severities that apply to it
	// only, as Rules does.
	Languages map[string]map[string]string `mapstructure:"languages"`
}

// MT chooses the machine translation engine and its routes.
type MT struct {
	// Engine is auto (Apertium when its pairs are installed, else none:
	// never a remote service), none, apertium, apy, or one of the remote
	// services deepl, libretranslate and openai, which text is sent to
	// only when named here or by --mt.
	Engine string `mapstructure:"engine"`
	// APyURL is the address of an Apertium APy server, for Engine apy. The
	// flag is --apy-url.
	APyURL string `mapstructure:"apy-url"`
	// Pivot maps a target language to the language to go through:
	// {en: es} translates fr→es→en. Empty: relais finds a route itself.
	Pivot map[string]string `mapstructure:"pivot"`
	// FinishOff lists the parts of the finishing after the engine turned
	// off: dates, centuries, ordinals, numbers, honorifics, punctuation,
	// spacing, opening-marks (package typography; the names are checked by
	// the command).
	FinishOff []string `mapstructure:"finish-off"`
	// Cache keeps what the engine translated in the memory's machine
	// translation cache, and takes from it what the engine translated
	// before, so that a sentence costs one engine call, once. The flag is
	// --mt-cache.
	Cache bool `mapstructure:"cache"`
	// Fallback is the engine that translates the segments the engine
	// could not (a language model's draft that lost a placeholder twice,
	// a draft with a forbidden term): apertium, or none.
	Fallback string `mapstructure:"fallback"`
	// Concurrency is how many requests of one language pair a remote
	// engine gets at once.
	Concurrency int `mapstructure:"concurrency"`
	// Timeout bounds one request to a remote engine (a Go duration: 60s,
	// 2m).
	Timeout string `mapstructure:"timeout"`
	// Retries is how many times a remote engine's request is tried again
	// after a 429, a 5xx, a timeout or a lost connection, with exponential
	// backoff and jitter.
	Retries int `mapstructure:"retries"`
	// DeepL configures engine deepl. Its key is read from
	// RELAIS_DEEPL_KEY, or from the file KeyFile names: never from here.
	DeepL DeepL `mapstructure:"deepl"`
	// LibreTranslate configures engine libretranslate (key:
	// RELAIS_LIBRETRANSLATE_KEY or KeyFile).
	LibreTranslate LibreTranslate `mapstructure:"libretranslate"`
	// OpenAI configures engine openai (key: RELAIS_OPENAI_KEY or KeyFile).
	OpenAI OpenAI `mapstructure:"openai"`
}

// DeepL configures the DeepL engine.
type DeepL struct {
	// URL replaces the endpoint the key chooses (api-free.deepl.com for a
	// key ending in ":fx", api.deepl.com otherwise).
	URL string `mapstructure:"url"`
	// KeyFile is a file holding the key, when RELAIS_DEEPL_KEY is not set.
	KeyFile string `mapstructure:"key-file"`
	// Formality is default, more, less, prefer_more or prefer_less.
	Formality string `mapstructure:"formality"`
	// English is the variant of English drafts: EN-GB or EN-US.
	English string `mapstructure:"english"`
	// Glossary sends the termbase as a DeepL glossary per language pair.
	Glossary bool `mapstructure:"glossary"`
}

// LibreTranslate configures the LibreTranslate engine.
type LibreTranslate struct {
	URL     string `mapstructure:"url"`      // the server's address
	KeyFile string `mapstructure:"key-file"` // a file holding the key, when RELAIS_LIBRETRANSLATE_KEY is not set
	Batch   int    `mapstructure:"batch"`    // texts per request
}

// OpenAI configures the engine for OpenAI-compatible chat-completions
// servers.
type OpenAI struct {
	URL     string `mapstructure:"url"`      // the API's base, ending in /v1
	Model   string `mapstructure:"model"`    // the model to ask
	KeyFile string `mapstructure:"key-file"` // a file holding the key, when RELAIS_OPENAI_KEY is not set
	Batch   int    `mapstructure:"batch"`    // segments per request
	Context int    `mapstructure:"context"`  // neighbouring segments given on each side of a batch
}

// Fuzzy holds the thresholds of fuzzy memory matches, in percent.
type Fuzzy struct {
	// Threshold is the lowest score a match is shown at (in the report and
	// `memory lookup`).
	Threshold int `mapstructure:"threshold"`
	// Insert is the lowest score a fuzzy match fills a draft at (marked for
	// review with its score).
	Insert int `mapstructure:"insert"`
	// Repair carries what differs in the new source into a fuzzy match's
	// target (numbers, heading numbers, terms, and short spans translated
	// by the engine); false leaves matches as the memory has them.
	Repair bool `mapstructure:"repair"`
}

// Markdown holds the options of the Markdown format.
type Markdown struct {
	// FrontMatterKeys are the front-matter keys whose values are translated.
	FrontMatterKeys []string `mapstructure:"front-matter-keys"`
	// Dialect pins the site generator whose syntax pages are read in:
	// auto (every generator's), commonmark, hugo, jekyll, mkdocs,
	// docusaurus or grav.
	Dialect string `mapstructure:"dialect"`
	// Shortcodes are bracket shortcode names ("[name …]" … "[/name]")
	// read as site syntax besides the known Grav and WordPress ones.
	Shortcodes []string `mapstructure:"shortcodes"`
}

// Default returns the configuration used when nothing else is said.
func Default() Config {
	return Config{
		From:     "fr",
		To:       []string{"en", "es"},
		Out:      "out",
		Jobs:     runtime.NumCPU(),
		Progress: "auto",
		Markdown: Markdown{FrontMatterKeys: []string{"title", "description", "summary"}, Dialect: "auto", Shortcodes: []string{}},
		Glossary: []string{},
		Memory:   ".relais/memory.db",
		Fuzzy:    Fuzzy{Threshold: 75, Insert: 75, Repair: true},
		MT: MT{Engine: "auto", Pivot: map[string]string{}, FinishOff: []string{}, Cache: true,
			Fallback: "none", Concurrency: 2, Timeout: "60s", Retries: 3,
			DeepL:          DeepL{Formality: "default", English: "EN-GB", Glossary: true},
			LibreTranslate: LibreTranslate{Batch: 25},
			OpenAI:         OpenAI{URL: "http://localhost:11434/v1", Batch: 20, Context: 2}},
		Check: Check{FailOn: "error", Baseline: ".relais/check-baseline.json",
			Rules: map[string]string{}, Languages: map[string]map[string]string{}},
	}
}

// Validate checks values that a type cannot: language tags, enumerations,
// counts.
func (c *Config) Validate() error {
	var errs []error
	if _, err := language.Parse(c.From); err != nil {
		errs = append(errs, fmt.Errorf("from: %q is not a language tag (BCP 47, like fr or fr-FR)", c.From))
	}
	if len(c.To) == 0 {
		errs = append(errs, errors.New("to: no target language (say --to en,es)"))
	}
	for _, t := range c.To {
		if _, err := language.Parse(t); err != nil {
			errs = append(errs, fmt.Errorf("to: %q is not a language tag (BCP 47, like en or es-419)", t))
		}
	}
	if c.Jobs < 1 {
		errs = append(errs, fmt.Errorf("jobs: %d, want 1 or more", c.Jobs))
	}
	switch c.Progress {
	case "auto", "always", "never":
	default:
		errs = append(errs, fmt.Errorf("progress: %q, want auto, always or never", c.Progress))
	}
	if c.Fuzzy.Threshold < 1 || c.Fuzzy.Threshold > 100 {
		errs = append(errs, fmt.Errorf("fuzzy.threshold: %d, want 1 to 100", c.Fuzzy.Threshold))
	}
	if c.Fuzzy.Insert < 1 || c.Fuzzy.Insert > 101 {
		errs = append(errs, fmt.Errorf("fuzzy.insert: %d, want 1 to 101", c.Fuzzy.Insert))
	}
	switch c.MT.Engine {
	case "auto", "none", "apertium":
	case "apy":
		if c.MT.APyURL == "" {
			errs = append(errs, errors.New("mt.engine apy needs an address: --apy-url http://host:2737"))
		}
	case "deepl":
	case "libretranslate":
		if c.MT.LibreTranslate.URL == "" {
			errs = append(errs, errors.New("mt.engine libretranslate needs an address: mt.libretranslate.url: http://host:5000"))
		}
	case "openai":
		if c.MT.OpenAI.Model == "" {
			errs = append(errs, errors.New("mt.engine openai needs a model: mt.openai.model (the name the server gives it, as llama3.1:8b)"))
		}
	default:
		errs = append(errs, fmt.Errorf("mt.engine: %q, want auto, none, apertium, apy, deepl, libretranslate or openai", c.MT.Engine))
	}
	switch c.MT.Fallback {
	case "none", "", "apertium":
	default:
		errs = append(errs, fmt.Errorf("mt.fallback: %q, want apertium or none", c.MT.Fallback))
	}
	if c.MT.Concurrency < 1 {
		errs = append(errs, fmt.Errorf("mt.concurrency: %d, want 1 or more", c.MT.Concurrency))
	}
	if c.MT.Retries < 0 {
		errs = append(errs, fmt.Errorf("mt.retries: %d, want 0 or more", c.MT.Retries))
	}
	if d, err := time.ParseDuration(c.MT.Timeout); err != nil || d <= 0 {
		errs = append(errs, fmt.Errorf("mt.timeout: %q, want a duration such as 60s or 2m", c.MT.Timeout))
	}
	switch c.MT.DeepL.Formality {
	case "default", "more", "less", "prefer_more", "prefer_less":
	default:
		errs = append(errs, fmt.Errorf("mt.deepl.formality: %q, want default, more, less, prefer_more or prefer_less", c.MT.DeepL.Formality))
	}
	switch strings.ToUpper(c.MT.DeepL.English) {
	case "EN-GB", "EN-US":
	default:
		errs = append(errs, fmt.Errorf("mt.deepl.english: %q, want EN-GB or EN-US", c.MT.DeepL.English))
	}
	for to, via := range c.MT.Pivot {
		for _, t := range []string{to, via} {
			if _, err := language.Parse(t); err != nil {
				errs = append(errs, fmt.Errorf("mt.pivot: %q is not a language tag", t))
			}
		}
	}
	if c.Memory == "" {
		errs = append(errs, errors.New("memory: empty (a SQLite file or a postgres:// DSN)"))
	}
	if c.Out == "" {
		errs = append(errs, errors.New("out: empty output folder"))
	}
	switch c.Check.FailOn {
	case "error", "warning", "info", "never":
	default:
		errs = append(errs, fmt.Errorf("check.fail-on: %q, want error, warning, info or never", c.Check.FailOn))
	}
	if c.Check.RequireState != "" {
		if _, err := document.ParseState(c.Check.RequireState); err != nil {
			errs = append(errs, fmt.Errorf("check.require-state: %w", err))
		}
	}
	return errors.Join(errs...)
}

// SourceLang returns From as a language tag (Validate has checked it).
func (c *Config) SourceLang() language.Tag { return language.Make(c.From) }

// TargetLangs returns To as language tags (Validate has checked them).
func (c *Config) TargetLangs() []language.Tag {
	out := make([]language.Tag, len(c.To))
	for i, t := range c.To {
		out[i] = language.Make(t)
	}
	return out
}

// LoadOptions says where Load finds its layers. Nothing is read from the
// process itself: a nil Environ means no environment.
type LoadOptions struct {
	Flags    *pflag.FlagSet // flags of the command; only those named like a key count
	Environ  []string       // KEY=value pairs, as os.Environ returns them
	FS       fs.FS          // where File is read; nil: the operating system's
	File     string         // the configuration file; "" means relais.yaml if it exists
	Explicit bool           // File was named by the user: a missing file is an error
}

// Load builds the configuration: flags > RELAIS_* environment > file >
// defaults. An unknown key in the file is an error naming the file, the
// line and the key.
func Load(o LoadOptions) (Config, error) {
	v := viper.New()
	def := Default()
	keys := keysOf(reflect.TypeOf(def), "")
	setDefaults(v, reflect.ValueOf(def), "")

	file := o.File
	if file == "" {
		file = FileName
	}
	data, err := readFile(o.FS, file)
	switch {
	case err == nil:
		if err := checkKeys(file, data, keys); err != nil {
			return Config{}, err
		}
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			return Config{}, fmt.Errorf("%s: %w", file, err)
		}
	case errors.Is(err, fs.ErrNotExist) && !o.Explicit:
	default:
		return Config{}, fmt.Errorf("read configuration: %w", err)
	}

	// Environment and flags are set in that order, each over the last:
	// viper's own flag and environment binding would read the process.
	env := map[string]string{}
	for _, kv := range o.Environ {
		if k, val, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "RELAIS_") {
			env[k] = val
		}
	}
	for _, k := range keys {
		name := "RELAIS_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(k))
		if val, ok := env[name]; ok {
			v.Set(k, val)
		}
	}
	if o.Flags != nil {
		for _, k := range keys {
			if f := o.Flags.Lookup(flagName(k)); f != nil && f.Changed {
				if sv, ok := f.Value.(pflag.SliceValue); ok {
					v.Set(k, sv.GetSlice())
				} else {
					v.Set(k, f.Value.String())
				}
			}
		}
	}

	var cfg Config
	if err := v.UnmarshalExact(&cfg, func(dc *mapstructure.DecoderConfig) {
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(commaList, mapstructure.StringToSliceHookFunc(","))
	}); err != nil {
		return Config{}, fmt.Errorf("configuration: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, fmt.Errorf("configuration: %w", err)
	}
	return cfg, nil
}

// flagName returns the name of the flag that sets key: the key itself but
// for the machine translation options, which have shorter flags.
func flagName(key string) string {
	switch key {
	case "mt.engine":
		return "mt"
	case "mt.apy-url":
		return "apy-url"
	case "mt.cache":
		return "mt-cache"
	}
	return key
}

// commaList splits list elements written "en,es" into separate elements, so
// that --to en,es, RELAIS_TO=en,es and to: [en, es] mean the same.
func commaList(from, to reflect.Type, data any) (any, error) {
	if to.Kind() != reflect.Slice || from.Kind() != reflect.Slice {
		return data, nil
	}
	items, ok := data.([]any)
	if !ok {
		if ss, ok2 := data.([]string); ok2 {
			for _, s := range ss {
				items = append(items, s)
			}
		} else {
			return data, nil
		}
	}
	var out []string
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return data, nil
		}
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	if fsys == nil {
		return os.ReadFile(name)
	}
	return fs.ReadFile(fsys, name)
}

// Keys returns every key of the configuration, dotted ("fuzzy.insert"),
// in the order Config declares them.
func Keys() []string { return keysOf(reflect.TypeOf(Config{}), "") }

// keysOf lists the dotted keys of a config struct type.
func keysOf(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		k := prefix + f.Tag.Get("mapstructure")
		if f.Type.Kind() == reflect.Struct {
			keys = append(keys, keysOf(f.Type, k+".")...)
			continue
		}
		keys = append(keys, k)
	}
	return keys
}

func setDefaults(v *viper.Viper, val reflect.Value, prefix string) {
	t := val.Type()
	for i := 0; i < t.NumField(); i++ {
		k := prefix + t.Field(i).Tag.Get("mapstructure")
		if t.Field(i).Type.Kind() == reflect.Struct {
			setDefaults(v, val.Field(i), k+".")
			continue
		}
		v.SetDefault(k, val.Field(i).Interface())
	}
}

// checkKeys reports the first key of the YAML document that Config does
// not have, with its line and column, and the closest known key.
func checkKeys(file string, data []byte, keys []string) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if len(root.Content) == 0 {
		return nil
	}
	known := map[string]bool{}
	sections := map[string]bool{}
	for _, k := range keys {
		known[k] = true
		if i := strings.LastIndexByte(k, '.'); i > 0 {
			sections[k[:i]] = true
		}
	}
	var walk func(n *yaml.Node, prefix string) error
	walk = func(n *yaml.Node, prefix string) error {
		if n.Kind != yaml.MappingNode {
			return &document.PosError{Path: file, Pos: document.Position{Line: n.Line, Col: n.Column},
				Err: fmt.Errorf("expected a mapping of keys to values")}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			k := prefix + kn.Value
			switch {
			case sections[k]:
				if err := walk(vn, k+"."); err != nil {
					return err
				}
			case !known[k]:
				return &document.PosError{Path: file, Pos: document.Position{Line: kn.Line, Col: kn.Column},
					Err: fmt.Errorf("unknown key %q%s", k, didYouMean(k, keys))}
			}
		}
		return nil
	}
	return walk(root.Content[0], "")
}

// didYouMean returns ` (did you mean "x"?)` for the known key nearest to k,
// or the list of known keys.
func didYouMean(k string, keys []string) string {
	if best, ok := suggest.Closest(k, keys); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	return "; known keys: " + strings.Join(sorted, ", ")
}
