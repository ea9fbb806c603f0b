package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
)

// sampleConfig is what relais init writes: every key, its default, and
// what it does.
const sampleConfig = `# relais.yaml: configuration of relais for this folder.
# Precedence: command-line flags > RELAIS_* environment variables > this file > defaults.
# An unknown key here is an error, so a typo never goes unnoticed.

# Language of the source articles (BCP 47).
from: fr

# Languages of the drafts. Each gets out/<lang>/<path> and out/<lang>/<path>.xlf.
to: [en, es]

# Folder for drafts, XLIFF files and reports.
out: out

# Files processed at once (default: the number of cores).
# jobs: 4

# Progress bar on stderr: auto (only on a terminal), always or never.
progress: auto

# An SRX 2.0 file whose rules replace the built-in French/English/Spanish
# sentence rules (cascade="no") or run before them (cascade="yes").
# segmentation: rules.srx

# The project's own termbases (TBX, TSV or CSV), added to the shipped one
# (fr/en/es institutional names); on conflict, the project's entries win.
# glossary: [terms.tbx]

# Leave out the shipped termbase.
# no-default-glossary: false

# The segment memory: a SQLite file, or postgres://user@host/db for a
# memory a team shares.
memory: .relais/memory.db

fuzzy:
  # Lowest score of a fuzzy match shown in the report and by memory lookup.
  threshold: 75
  # Lowest score of a fuzzy match that fills a draft (marked for review).
  insert: 75
  # Repair fuzzy matches from the new source: numbers, heading numbers,
  # termbase terms, and short spans translated by the engine.
  repair: true

mt:
  # auto (Apertium when its pairs are installed, else none), none,
  # apertium, apy, or a remote service: deepl, libretranslate, openai.
  # Text goes to a remote service only when it is named here or by --mt;
  # auto never picks one.
  engine: auto
  # Address of an Apertium APy server, for engine apy.
  # apy-url: http://localhost:2737
  # Languages to go through, per target: {en: es} translates fr→es→en.
  # Empty: relais finds a route itself.
  pivot: {}
  # Parts of the finishing after the engine to turn off: dates, centuries,
  # ordinals, numbers, honorifics, punctuation, spacing, opening-marks.
  finish-off: []
  # Keep what the engine translates in the memory's cache (apart from the
  # memory's units: never offered as a match) and take from it what it
  # translated before, in any file or run: a sentence costs one engine call,
  # once. relais memory stats shows the cache, relais memory clear-cache
  # empties it.
  cache: true
  # Engine for the segments the engine could not translate (a model's
  # draft that lost a placeholder twice, a forbidden term): apertium or none.
  fallback: none
  # Requests of one language pair a remote engine gets at once.
  concurrency: 2
  # Longest wait for one request to a remote engine.
  timeout: 60s
  # Retries of a request after 429, 5xx, a timeout or a lost connection,
  # with exponential backoff and jitter.
  retries: 3
  # Keys are never written here: relais reads them from RELAIS_DEEPL_KEY,
  # RELAIS_LIBRETRANSLATE_KEY and RELAIS_OPENAI_KEY, or from the file a
  # key-file names.
  deepl:
    # Endpoint; empty: api-free.deepl.com for a key ending in ":fx",
    # api.deepl.com otherwise.
    # url: https://api.deepl.com
    # key-file: ~/.config/relais/deepl.key
    # default, more, less, prefer_more or prefer_less.
    formality: default
    # English drafts: EN-GB or EN-US.
    english: EN-GB
    # Send the termbase as a DeepL glossary per language pair.
    glossary: true
  libretranslate:
    # url: http://localhost:5000
    # key-file: ~/.config/relais/libretranslate.key
    # Texts per request.
    batch: 25
  openai:
    # Base of an OpenAI-compatible API (Ollama, vLLM, llama.cpp, LM Studio,
    # a hosted provider), ending in /v1.
    url: http://localhost:11434/v1
    # The model, as the server names it.
    # model: llama3.1:8b
    # key-file: ~/.config/relais/openai.key
    # Segments per request, and neighbouring segments given as context.
    batch: 20
    context: 2

check:
  # Least severity that fails relais check and translate --fail-on:
  # error, warning, info or never.
  fail-on: error
  # Least XLIFF state every segment must have (initial, translated,
  # reviewed, final); empty: none.
  # require-state: reviewed
  # Findings accepted earlier (relais check --write-baseline).
  baseline: .relais/check-baseline.json
  # Severity of a check (error, warning, info) or off: {length: off}.
  rules: {}
  # The same, for one target language: {es: {punctuation: info}}.
  languages: {}

markdown:
  # Front-matter keys whose values are translated; all other keys are kept as they are.
  front-matter-keys: [title, description, summary]
  # The site generator whose syntax pages are read in: auto (every one's),
  # commonmark (none), hugo, jekyll, mkdocs, docusaurus or grav.
  dialect: auto
  # Bracket shortcodes ([name …] … [/name]) to read besides Grav's and WordPress's.
  shortcodes: []
`

type initOptions struct {
	path  string
	force bool
}

func newInitCmd(d *deps) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented relais.yaml in the working folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if p, _ := cmd.Flags().GetString("config"); p != "" {
				opts.path = p
			}
			return runInit(d, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite an existing file")
	opts.path = config.FileName
	return cmd
}

func runInit(d *deps, opts *initOptions) error {
	if _, err := os.Stat(opts.path); err == nil && !opts.force {
		return fmt.Errorf("%s already exists: edit it, or use --force to replace it", opts.path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := fsutil.WriteFileAtomic(opts.path, []byte(sampleConfig), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(d.ios.ErrOut, "wrote %s\n", opts.path)
	return nil
}
