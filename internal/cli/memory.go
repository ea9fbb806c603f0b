package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/memory/postgres"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/tmfile"
	"github.com/relais-tm/relais/pkg/xliff"
)

// openMemory opens the store the configuration names: a PostgreSQL DSN or
// a SQLite file. The store finds glossary terms with tb; nil loads the
// termbases the configuration names. extra adds options (a batch's refresh
// interval).
func openMemory(ctx context.Context, cfg config.Config, tb *glossary.Termbase, extra ...memory.Option) (memory.Store, error) {
	if tb == nil {
		var err error
		if tb, err = loadTermbase(cfg); err != nil {
			return nil, err
		}
	}
	m := glossary.NewMatcher(tb, cfg.SourceLang())
	opts := append([]memory.Option{memory.WithTerms(m.ConceptIDs), memory.WithTermSwap(termSwap(tb, m))}, extra...)
	if !cfg.Fuzzy.Repair {
		opts = append(opts, memory.WithoutRepair())
	}
	if postgres.IsDSN(cfg.Memory) {
		return postgres.Open(ctx, cfg.Memory, opts...)
	}
	return sqlite.Open(ctx, cfg.Memory, opts...)
}

// termSwap returns the repair of a match by a term of tb (glossary.TermSwap),
// src matching the source language; the matchers of the target languages
// are built at their first use. It is safe for concurrent use.
func termSwap(tb *glossary.Termbase, src *glossary.Matcher) func(old, new, target string, lang language.Tag) (string, string, bool) {
	var mu sync.Mutex
	tgt := map[language.Tag]*glossary.Matcher{}
	return func(old, new, target string, lang language.Tag) (string, string, bool) {
		mu.Lock()
		m, ok := tgt[lang]
		if !ok {
			m = glossary.NewMatcher(tb, lang)
			tgt[lang] = m
		}
		mu.Unlock()
		return glossary.TermSwap(src, m, old, new, target, lang)
	}
}

// batchRefresh is how long a batch's lookups may use what they know of
// units put by other processes before asking the database again: a batch
// makes thousands of lookups a second, and a unit imported meanwhile by
// another process is seen at most this late.
const batchRefresh = time.Second

// addMemoryFlag declares --memory.
func addMemoryFlag(cmd *cobra.Command) {
	cmd.Flags().String("memory", config.Default().Memory, "segment memory: a SQLite file or a postgres:// DSN")
}

// newMemoryCmd builds `relais memory` and its subcommands.
func newMemoryCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "memory",
		Short: "Import, export, count and look up the segment memory",
		Long: `memory works on the segment memory: a SQLite file (.relais/memory.db by
default) or a PostgreSQL database shared by a team (--memory postgres://…).
TMX 1.4b files go in with "import" and out with "export". Beside its units,
the memory keeps a cache of machine translations, so that a sentence costs
one engine call once; "stats" counts it and "clear-cache" empties it.`,
	}
	cmd.AddCommand(newMemoryImportCmd(d), newMemoryExportCmd(d), newMemoryStatsCmd(d), newMemoryLookupCmd(d), newMemoryClearCacheCmd(d))
	for _, c := range cmd.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return cmd
}

func newMemoryImportCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import translation memories into the memory",
		Long: `import reads the files teams keep their translations in into the memory, each
file in one transaction: a file with an error imports nothing, and the error
names its line and column. The format is told by content, not by name:

  TMX 1.4b     level 2 inline codes, props and notes kept; a header with
               srclang="*all*" takes the source language from --from
  XLIFF        1.2 and 2.0 (Weblate, Crowdin, OmegaT, relais): segments with a
               target at state translated or beyond, with their context
  PO           gettext (Weblate, Crowdin, po4a): msgid/msgstr and plurals,
               obsolete entries left out, fuzzy ones too unless --accept fuzzy;
               languages from the header (Language, X-Source-Language), else
               --from and --lang
  CSV, TSV     pairs, source then target; a first row of two language tags
               (fr,en) names the languages, else --from and --lang

The text of PO entries and CSV cells is read as Markdown, so that inline
emphasis, links, code and HTML become codes as in a translated page.

A unit of several sentences (a paragraph, as most platforms export them) is
kept, and also cut into sentence units where its source and target
sentences pair up with confidence: as many on both sides, the same codes in
each pair, lengths alike. Each sentence unit keeps its neighbours in the
paragraph as context. --split=false keeps units as they are.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			lang, _ := cmd.Flags().GetString("lang")
			accept, _ := cmd.Flags().GetStringSlice("accept")
			fuzzy := false
			for _, a := range accept {
				if a != "fuzzy" {
					return &usageError{fmt.Errorf("--accept: %q, want fuzzy", a)}
				}
				fuzzy = true
			}
			split, _ := cmd.Flags().GetBool("split")
			return runMemoryImport(cmd.Context(), d, cfg, args, lang, fuzzy, split)
		},
	}
	addMemoryFlag(cmd)
	cmd.Flags().String("from", config.Default().From, "source language of files that do not say it")
	cmd.Flags().String("lang", "", "TMX: import only the target variants of this language; other formats: the target language of files that do not say it")
	cmd.Flags().StringSlice("accept", nil, "PO: also take entries marked fuzzy (--accept fuzzy)")
	cmd.Flags().Bool("split", true, "also cut a unit of several sentences into sentence units, where source and target sentences pair up with confidence (--split=false: keep units as they are)")
	return cmd
}

func runMemoryImport(ctx context.Context, d *deps, cfg config.Config, files []string, lang string, fuzzy, split bool) error {
	var tgt language.Tag
	if lang != "" {
		t, err := language.Parse(lang)
		if err != nil {
			return &usageError{fmt.Errorf("--lang: %q is not a language tag", lang)}
		}
		tgt = t
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return fsutil.PathErr(f, err)
		}
	}
	l, err := newLoader(cfg)
	if err != nil {
		return err
	}
	opts := tmfile.Options{SrcLang: cfg.SourceLang(), TgtLang: tgt, AcceptFuzzy: fuzzy, Inline: inlineMarkdown(l)}
	var cut *splitter
	if split {
		cut = &splitter{loader: l}
	}
	st, err := openMemory(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, path := range files {
		start := time.Now()
		if cut != nil {
			cut.paragraphs, cut.sentences = 0, 0
		}
		res, skipped, err := importFile(ctx, st, path, cfg, tgt, opts, cut)
		if err != nil {
			var pe *document.PosError
			if errors.As(err, &pe) {
				return fmt.Errorf("%w (nothing was imported from this file)", pe)
			}
			return fmt.Errorf("%s: %w", path, err)
		}
		n := res.Total()
		secs := time.Since(start).Seconds()
		msg := fmt.Sprintf("relais: %s: %d unit(s): %s", path, n, putCounts(res))
		if cut != nil && cut.paragraphs > 0 {
			msg += fmt.Sprintf("; %d paragraph unit(s) also cut into %d sentence unit(s), counted above", cut.paragraphs, cut.sentences)
		}
		if skipped > 0 {
			msg += fmt.Sprintf("; %d entries with nothing to take left out", skipped)
		}
		fmt.Fprintf(d.ios.ErrOut, "%s (%.1f s, %.0f units/s)\n", msg, secs, float64(n)/max(secs, 1e-9))
	}
	return nil
}

// putCounts says what a Put did, as import commands print it.
func putCounts(res memory.PutResult) string {
	return fmt.Sprintf("%d added, %d kept as alternative translations, %d updated, %d already known",
		res.Added, res.Alternative, res.Updated, res.Unchanged)
}

// importFile puts the units of the file at path into st, in one
// transaction: a TMX file streamed, the other formats read whole first
// (package tmfile). It returns what was stored and how many entries had
// nothing to take.
func importFile(ctx context.Context, st memory.Store, path string, cfg config.Config, tgt language.Tag, opts tmfile.Options, cut *splitter) (memory.PutResult, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return memory.PutResult{}, 0, fsutil.PathErr(path, err)
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	format := tmfile.Detect(head[:n])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return memory.PutResult{}, 0, err
	}
	if format == tmfile.TMX {
		r := memory.NewTMXReader(path, f, memory.TMXOptions{SrcLang: cfg.SourceLang(), TgtLang: tgt})
		res, err := st.Put(ctx, cut.units(r.Units()))
		return res, 0, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return memory.PutResult{}, 0, err
	}
	got, err := tmfile.Read(path, data, format, opts)
	if err != nil {
		return memory.PutResult{}, 0, err
	}
	res, err := st.Put(ctx, cut.units(func(yield func(memory.Unit, error) bool) {
		for _, u := range got.Units {
			if !yield(u, nil) {
				return
			}
		}
	}))
	return res, got.Skipped, err
}

// splitter cuts the paragraph units of an import into sentence units too
// (tmfile.Sentences), with the loader's sentence rules, and counts them.
type splitter struct {
	loader                *loader.Loader
	cut                   *tmfile.Splitter
	paragraphs, sentences int
}

// units returns units with, after each paragraph unit, its sentence units;
// units as they are when s is nil.
func (s *splitter) units(units iter.Seq2[memory.Unit, error]) iter.Seq2[memory.Unit, error] {
	if s == nil {
		return units
	}
	return func(yield func(memory.Unit, error) bool) {
		for u, err := range units {
			if !yield(u, err) || err != nil {
				return
			}
			src, err1 := s.loader.Segmenter(u.SrcLang)
			tgt, err2 := s.loader.Segmenter(u.TgtLang)
			if err1 != nil || err2 != nil {
				continue // no rules for the language: the unit stays whole
			}
			if s.cut == nil {
				s.cut = tmfile.NewSplitter()
			}
			parts := s.cut.Sentences(u, src, tgt)
			if len(parts) > 0 {
				s.paragraphs++
				s.sentences += len(parts)
			}
			for _, p := range parts {
				if !yield(p, nil) {
					return
				}
			}
		}
	}
}

// inlineMarkdown returns a reader of a text's inline Markdown and HTML into
// codes, as l's Markdown codec reads a paragraph of a page; a text that is
// not one block of Markdown is kept as it is.
func inlineMarkdown(l *loader.Loader) func(string) document.Content {
	codec, ok := l.Codecs().ForPath("entry.md")
	return func(text string) document.Content {
		if !ok {
			return document.Text(text)
		}
		doc, err := codec.Extract("entry.md", []byte(text))
		if err != nil || len(doc.Blocks) != 1 {
			return document.Text(text)
		}
		return doc.Blocks[0].Content
	}
}

func newMemoryExportCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [-o FILE.tmx]",
		Short: "Export the memory as TMX",
		Long: `export writes the units of the memory (of one target language with --lang) as
a TMX 1.4b file, to -o or to the standard output. relais's own fields
(context, document, origin, state) are written as x-relais-* props and read
back by import.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			lang, _ := cmd.Flags().GetString("lang")
			out, _ := cmd.Flags().GetString("output")
			return runMemoryExport(cmd.Context(), d, cfg, lang, out)
		},
	}
	addMemoryFlag(cmd)
	cmd.Flags().String("from", config.Default().From, "source language of the units to export")
	cmd.Flags().String("lang", "", "export only units of this target language")
	cmd.Flags().StringP("output", "o", "", "the TMX file to write (default: standard output)")
	return cmd
}

func runMemoryExport(ctx context.Context, d *deps, cfg config.Config, lang, out string) error {
	var tgt language.Tag
	if lang != "" {
		t, err := language.Parse(lang)
		if err != nil {
			return &usageError{fmt.Errorf("--lang: %q is not a language tag", lang)}
		}
		tgt = t
	}
	st, err := openMemory(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	n := 0
	export := func(w io.Writer) (err error) {
		n, err = memory.ExportTMX(ctx, w, st, memory.Filter{SrcLang: cfg.SourceLang(), TgtLang: tgt},
			memory.TMXHeader{SrcLang: cfg.SourceLang(), Tool: "relais"})
		return err
	}
	if out == "" {
		if err := export(d.ios.Out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	// A failed export leaves no half file.
	if err := fsutil.WriteAtomic(out, 0o644, export); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: %d unit(s) written to %s\n", n, out)
	return nil
}

func newMemoryStatsCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the units of the memory by languages, origin and state, and its machine translation cache",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			st, err := openMemory(cmd.Context(), cfg, nil)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			w := d.ios.Out
			fmt.Fprintf(w, "memory: %s\nunits: %d\n", s.Where, s.Units)
			for _, part := range []struct {
				name string
				m    map[string]int
			}{{"languages", s.Pairs}, {"origins", s.Origins}, {"states", s.States}} {
				keys := make([]string, 0, len(part.m))
				for k := range part.m {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					fmt.Fprintf(w, "  %-10s %-20s %d\n", part.name, k, part.m[k])
				}
			}
			dc, ok := st.(memory.DraftCache)
			if !ok {
				return nil
			}
			ds, err := dc.DraftStats(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "machine translation cache: %d draft(s)\n", ds.Drafts)
			for _, c := range ds.By {
				fmt.Fprintf(w, "  %-20s %8d  %s\n", c.Engine+":"+c.Route, c.Drafts, c.Version)
			}
			return nil
		},
	}
	addMemoryFlag(cmd)
	return cmd
}

func newMemoryClearCacheCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "clear-cache",
		Short: "Empty the machine translation cache of the memory",
		Long: `clear-cache removes the machine translations the memory keeps so that a
sentence is not sent to the engine twice (all of them, or those of one engine
with --engine), and nothing else: the memory's units stay as they are. The
next translate run sends every segment the memory does not hold to the
engine again.

The cache already keeps the drafts of each engine version apart (for
Apertium, a change to apertium, a pair's data or its tools is seen), so
clearing it is for taking back disk space, or after the language data of
an APy server, a LibreTranslate server's models or DeepL's model changed:
they do not say their version.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			engine, _ := cmd.Flags().GetString("engine")
			st, err := openMemory(cmd.Context(), cfg, nil)
			if err != nil {
				return err
			}
			defer st.Close()
			dc, ok := st.(memory.DraftCache)
			if !ok {
				return fmt.Errorf("memory: %s keeps no machine translation cache", cfg.Memory)
			}
			n, err := dc.ClearDrafts(cmd.Context(), engine)
			if err != nil {
				return err
			}
			what := "machine translation(s)"
			if engine != "" {
				what = engine + " " + what
			}
			fmt.Fprintf(d.ios.ErrOut, "relais: %d %s removed from the cache; the memory's units are untouched\n", n, what)
			return nil
		},
	}
	addMemoryFlag(cmd)
	cmd.Flags().String("engine", "", "remove only the drafts of this engine (apertium, apy, deepl, libretranslate, openai)")
	return cmd
}

func newMemoryLookupCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   `lookup "phrase"`,
		Short: "Look a sentence up in the memory",
		Long: `lookup prints the best matches of a source sentence, with their score, what
kind of match they are, the penalties taken and a word diff of the sources
([-removed-] {+added+}).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			lang, _ := cmd.Flags().GetString("lang")
			minScore, _ := cmd.Flags().GetInt("min")
			if !cmd.Flags().Changed("min") {
				minScore = cfg.Fuzzy.Threshold
			}
			limit, _ := cmd.Flags().GetInt("limit")
			format, _ := cmd.Flags().GetString("format")
			source, err := lookupSource(cfg, args[0], format)
			if err != nil {
				return err
			}
			return runMemoryLookup(cmd.Context(), d, cfg, source, lang, minScore, limit)
		},
	}
	addMemoryFlag(cmd)
	cmd.Flags().String("from", config.Default().From, "source language")
	cmd.Flags().String("lang", "", "target language (default: the first of --to)")
	cmd.Flags().StringSlice("to", config.Default().To, "target languages")
	cmd.Flags().Int("min", config.Default().Fuzzy.Threshold, "lowest score shown (default: fuzzy.threshold)")
	cmd.Flags().Int("limit", memory.DefaultLimit, "most matches shown")
	cmd.Flags().StringSlice("glossary", nil, "the project's termbases (TBX, TSV or CSV), added to the shipped one: their terms count in the score as in translate")
	cmd.Flags().Bool("no-default-glossary", false, "leave out the shipped termbase")
	cmd.Flags().String("format", "text", "how the phrase is written: text, md (Markdown, read as translate reads a page) or xliff (XLIFF 2.0 inline markup: <pc>, <ph/>)")
	return cmd
}

// lookupSource reads phrase, written in format, into the content a
// segment of that format has in translate, codes included, so that a
// lookup scores as translate does: "text" is plain text, "md" a Markdown
// paragraph read by the run's loader and cut into sentences (it must hold
// one), "xliff" the inline markup of an XLIFF 2.0 <source>.
func lookupSource(cfg config.Config, phrase, format string) (document.Content, error) {
	switch format {
	case "text":
		return document.Text(phrase), nil
	case "md":
		l, err := newLoader(cfg)
		if err != nil {
			return nil, err
		}
		codec, _ := l.Codecs().ForPath("phrase.md")
		doc, err := codec.Extract("phrase.md", []byte(phrase))
		if err != nil {
			return nil, &usageError{fmt.Errorf("--format md: %w", err)}
		}
		seg, err := l.Segmenter(cfg.SourceLang())
		if err != nil {
			return nil, err
		}
		seg.Document(doc)
		segs := doc.Segments()
		if len(segs) != 1 {
			return nil, &usageError{fmt.Errorf("--format md: the phrase holds %d sentences or blocks: look one up at a time", len(segs))}
		}
		return segs[0].Source, nil
	case "xliff":
		doc := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="` + cfg.SourceLang().String() +
			`"><file id="f"><unit id="u"><segment><source>` + phrase + `</source></segment></unit></file></xliff>`
		f, err := xliff.Read("phrase", strings.NewReader(doc))
		if err != nil {
			return nil, &usageError{fmt.Errorf("--format xliff: %w", err)}
		}
		for _, u := range f.Units {
			for _, p := range u.Parts {
				if p.Kind == xliff.Segment {
					return p.Source, nil
				}
			}
		}
		return nil, &usageError{fmt.Errorf("--format xliff: no source in %q", phrase)}
	}
	return nil, &usageError{fmt.Errorf("--format: %q, want text, md or xliff", format)}
}

func runMemoryLookup(ctx context.Context, d *deps, cfg config.Config, source document.Content, lang string, minScore, limit int) error {
	tgt := cfg.TargetLangs()[0]
	if lang != "" {
		t, err := language.Parse(lang)
		if err != nil {
			return &usageError{fmt.Errorf("--lang: %q is not a language tag", lang)}
		}
		tgt = t
	}
	if minScore < 1 || minScore > 101 {
		return &usageError{fmt.Errorf("--min: %d, want 1 to 101", minScore)}
	}
	// The termbase's terms count as translate counts them (PenaltyTerm).
	tb, err := loadTermbase(cfg)
	if err != nil {
		return err
	}
	st, err := openMemory(ctx, cfg, tb)
	if err != nil {
		return err
	}
	defer st.Close()
	ms, err := st.Lookup(ctx, memory.Query{Source: source, SrcLang: cfg.SourceLang(), TgtLang: tgt, Min: minScore, Limit: limit})
	if err != nil {
		return err
	}
	w := d.ios.Out
	if len(ms) == 0 {
		fmt.Fprintf(d.ios.ErrOut, "relais: no match at %d %% or more\n", minScore)
		return nil
	}
	for _, m := range ms {
		flag := ""
		if m.Repaired {
			flag = ", repaired"
		}
		fmt.Fprintf(w, "%3d%%  %s%s  (%s→%s, %s, %s)\n", m.Score, m.Level, flag, m.Unit.SrcLang, m.Unit.TgtLang, m.Unit.Origin, m.Unit.State)
		fmt.Fprintf(w, "      source: %s\n", m.Unit.Source.Key())
		if len(m.Diff) > 0 {
			fmt.Fprintf(w, "      diff:   %s\n", memory.FormatDiff(m.Diff))
		}
		fmt.Fprintf(w, "      target: %s\n", m.Target.Key())
		if len(m.Penalties) > 0 {
			var ps []string
			for _, p := range m.Penalties {
				ps = append(ps, strings.TrimSpace(fmt.Sprintf("-%d %s %s", p.Points, p.Kind, p.Detail)))
			}
			fmt.Fprintf(w, "      penalties: %s\n", strings.Join(ps, "; "))
		}
	}
	return nil
}
