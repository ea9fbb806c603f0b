package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/format"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/format/plaintext"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
	"github.com/relais-tm/relais/pkg/segment"
)

type translateOptions struct {
	cfg   config.Config
	paths []string
}

// newTranslateCmd builds `relais translate`. runF, when set, receives the
// parsed options instead of running the batch (for tests of the parsing).
func newTranslateCmd(d *deps, runF func(*translateOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "translate [PATH...]",
		Short: "Translate articles into drafts and XLIFF files under --out",
		Long: `translate reads the .md, .markdown and .txt files named (folders are walked),
cuts them into segments and writes, for each target language, the draft
out/<lang>/<path> and its XLIFF 2.0 file out/<lang>/<path>.xlf, then the
review report of the batch: out/report.html, out/report.md and
out/summary.json.

A file given by name is written under its base name; a file found in a folder
keeps its path relative to that folder. Nothing is written when an input has
an error. A draft that was edited since relais wrote it is kept as it is.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts := &translateOptions{cfg: cfg, paths: args}
			if runF != nil {
				return runF(opts)
			}
			return runTranslate(cmd, d, opts)
		},
	}
	addBatchFlags(cmd)
	return cmd
}

// addBatchFlags declares the flags that mirror configuration keys.
func addBatchFlags(cmd *cobra.Command) {
	def := config.Default()
	f := cmd.Flags()
	f.String("from", def.From, "source language")
	f.StringSlice("to", def.To, "target languages, comma-separated")
	f.String("out", def.Out, "output folder")
	f.Int("jobs", def.Jobs, "files processed at once")
	f.String("progress", def.Progress, "progress bar on stderr: auto, always or never")
	f.String("segmentation", "", "SRX 2.0 file of segmentation rules")
	f.String("memory", def.Memory, "segment memory: a SQLite file or a postgres:// DSN")
	f.String("mt", def.MT.Engine, "machine translation: auto (Apertium when installed), none, apertium or apy")
	f.String("apy-url", "", "address of an Apertium APy server, for --mt apy")
	f.StringSlice("glossary", nil, "the project's termbases (TBX, TSV or CSV), added to the shipped one")
	f.Bool("no-default-glossary", false, "leave out the shipped termbase")
	f.String("fail-on", "never", "check the drafts and exit 1 when a finding is at least: error, warning, info (never: no checks)")
}

// loadConfig layers the command's flags over the environment, the
// configuration file and the defaults.
func loadConfig(cmd *cobra.Command, d *deps) (config.Config, error) {
	file, _ := cmd.Flags().GetString("config")
	return config.Load(config.LoadOptions{Flags: cmd.Flags(), Environ: d.environ, File: file, Explicit: file != ""})
}

func runTranslate(cmd *cobra.Command, d *deps, opts *translateOptions) error {
	cfg := opts.cfg
	tb, err := loadTermbase(cfg)
	if err != nil {
		return err
	}
	mem, err := openMemory(cmd.Context(), cfg, tb)
	if err != nil {
		return err
	}
	defer mem.Close()
	say := func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: %s\n", msg) }
	engine, err := newTranslator(cmd.Context(), cfg, tb, say)
	if err != nil {
		return err
	}
	p, err := newBatch(cfg, d, mem)
	if err != nil {
		return err
	}
	p.MT = engine
	p.Typography = typographyFor()
	gate, err := newTranslateGate(cmd, cfg, tb)
	if err != nil {
		return err
	}
	if gate != nil {
		p.Check = gate.add
	}
	res, err := p.Run(cmd.Context(), pipeline.Inputs{Paths: opts.paths, Out: cfg.Out})
	if err != nil {
		return err
	}
	if err := writeReports(cfg, tb, p.Batch(res, now(d))); err != nil {
		return err
	}
	kept := 0
	for _, f := range res.Files {
		for _, l := range f.Langs {
			if l.Kept {
				kept++
			}
		}
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: %d file(s), %d segment(s) into %s, written under %s\n",
		len(res.Files), res.Segments(), strings.Join(cfg.To, ", "), cfg.Out)
	var lev pipeline.Leverage
	for _, f := range res.Files {
		for _, l := range f.Langs {
			lev.InContext += l.Memory.InContext
			lev.Exact += l.Memory.Exact
			lev.Fuzzy += l.Memory.Fuzzy
			lev.Suggested += l.Memory.Suggested
			lev.Repetitions += l.Memory.Repetitions
		}
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: memory: %d in context, %d exact, %d fuzzy (at %d %% or more, to review), %d suggestion(s) below, %d repetition(s)\n",
		lev.InContext, lev.Exact, lev.Fuzzy, cfg.Fuzzy.Insert, lev.Suggested, lev.Repetitions)
	machine, findings := 0, 0
	for _, f := range res.Files {
		for _, l := range f.Langs {
			machine += l.Machine
			for _, fd := range l.Findings {
				findings++
				where := f.Source
				if fd.Segment != "" {
					where += " " + fd.Segment
				}
				fmt.Fprintf(d.ios.ErrOut, "relais: %s [%s] %s: %s\n", where, l.Lang, fd.Rule, fd.Message)
			}
		}
	}
	if engine != nil {
		fmt.Fprintf(d.ios.ErrOut, "relais: machine translation: %d segment(s), %d finding(s) to review\n", machine, findings)
	}
	if n := res.Untranslated(); n > 0 {
		fmt.Fprintf(d.ios.ErrOut, "relais: %d segment(s) untranslated (kept in the source language, state initial in XLIFF)\n", n)
	}
	if kept > 0 {
		fmt.Fprintf(d.ios.ErrOut, "relais: %d draft(s) kept because a person edited them\n", kept)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: review report: %s (also report.md, summary.json)\n", filepath.Join(cfg.Out, "report.html"))
	if gate != nil {
		return gate.run(d)
	}
	return nil
}

// translateGate runs the checks of `relais check` on the drafts a batch
// wrote, for `relais translate --fail-on`.
type translateGate struct {
	checker *qa.Checker
	failOn  finding.Severity
	files   []*qa.File
}

// newTranslateGate returns the gate --fail-on asks for, or nil for never.
func newTranslateGate(cmd *cobra.Command, cfg config.Config, tb *glossary.Termbase) (*translateGate, error) {
	level, _ := cmd.Flags().GetString("fail-on")
	failOn, err := finding.ParseFailOn(level)
	if err != nil {
		return nil, &usageError{fmt.Errorf("--fail-on: %w", err)}
	}
	if failOn == finding.Off {
		return nil, nil
	}
	rules, err := qa.ParseConfig(cfg.Check.Rules, cfg.Check.Languages)
	if err != nil {
		return nil, err
	}
	return &translateGate{checker: qa.New(qa.Options{Termbase: tb, Config: rules, Jobs: cfg.Jobs}), failOn: failOn}, nil
}

// add is the pipeline's Check callback: it keeps each file's translations.
func (g *translateGate) add(doc *document.Document, lang language.Tag, tr map[string]document.Translation) {
	g.files = append(g.files, qa.FromDocument(doc, lang, tr))
}

// run checks what add kept, prints the findings on stderr and fails when
// one reaches the level.
func (g *translateGate) run(d *deps) error {
	rep := g.checker.Run(g.files)
	if err := qa.Write(d.ios.ErrOut, "text", rep, qa.WriteOptions{FailOn: g.failOn, Version: relaisVersion()}); err != nil {
		return err
	}
	if n := rep.Count(g.failOn); n > 0 {
		return &FindingsError{Count: n}
	}
	return nil
}

// newBatch builds the pipeline that translate and analyze share: codecs,
// segmentation, memory and thresholds, messages and progress. The caller
// adds the machine translation stage.
func newBatch(cfg config.Config, d *deps, mem memory.Store) (*pipeline.Pipeline, error) {
	codecs := &format.Registry{}
	codecs.Add(plaintext.New(), ".txt")
	codecs.Add(markdown.New(markdown.WithFrontMatterKeys(cfg.Markdown.FrontMatterKeys...)), ".md", ".markdown")
	seg, err := newSegmenter(cfg)
	if err != nil {
		return nil, err
	}
	p := &pipeline.Pipeline{
		Codecs:      codecs,
		Segmenter:   seg,
		From:        cfg.SourceLang(),
		To:          cfg.TargetLangs(),
		Jobs:        cfg.Jobs,
		Memory:      mem,
		FuzzyMin:    cfg.Fuzzy.Threshold,
		FuzzyInsert: cfg.Fuzzy.Insert,
		Warn:        func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: warning: %s\n", msg) },
	}
	if cfg.Progress == "always" || (cfg.Progress == "auto" && d.ios.ErrTTY) {
		var bar *progressbar.ProgressBar
		p.Progress = func(e pipeline.Event) {
			if bar == nil || bar.GetMax() != e.Total {
				bar = progressbar.NewOptions(e.Total, progressbar.OptionSetWriter(d.ios.ErrOut),
					progressbar.OptionSetDescription(e.Stage), progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(e.Done)
		}
	}
	return p, nil
}

// writeReports writes report.html, report.md and summary.json into the
// output folder, atomically, with the glossary terms of tb marked.
func writeReports(cfg config.Config, tb *glossary.Termbase, b *report.Batch) error {
	targets := map[string]*glossary.Matcher{}
	for _, l := range cfg.TargetLangs() {
		targets[l.String()] = glossary.NewMatcher(tb, l)
	}
	report.MarkTerms(b, glossary.NewMatcher(tb, cfg.SourceLang()), targets)
	for _, out := range []struct {
		name  string
		write func(io.Writer, *report.Batch) error
	}{
		{"report.html", report.WriteHTML},
		{"report.md", report.WriteMarkdown},
		{"summary.json", func(w io.Writer, b *report.Batch) error { return report.Summarize(b).WriteJSON(w) }},
	} {
		var buf bytes.Buffer
		if err := out.write(&buf, b); err != nil {
			return fmt.Errorf("%s: %w", out.name, err)
		}
		path := filepath.Join(cfg.Out, out.name)
		if err := fsutil.WriteFileAtomic(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// now is the time reports state: SOURCE_DATE_EPOCH from the environment
// when set (reproducible outputs, tests), else the clock.
func now(d *deps) time.Time {
	for _, kv := range d.environ {
		if v, ok := strings.CutPrefix(kv, "SOURCE_DATE_EPOCH="); ok {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				return time.Unix(n, 0).UTC()
			}
		}
	}
	return time.Now()
}

// newSegmenter builds the sentence rules of the source language, with the
// configured SRX file if there is one.
func newSegmenter(cfg config.Config) (*segment.Rules, error) {
	var opts []segment.Option
	if cfg.Segmentation != "" {
		f, err := os.Open(cfg.Segmentation)
		if err != nil {
			return nil, fmt.Errorf("segmentation: %w", err)
		}
		defer f.Close()
		srx, err := segment.ReadSRX(cfg.Segmentation, f)
		if err != nil {
			return nil, err
		}
		opts = append(opts, segment.WithSRX(srx))
	}
	return segment.New(cfg.SourceLang(), opts...)
}
