package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/langid"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
)

type translateOptions struct {
	cfg   config.Config
	paths []string
	shard pipeline.Shard // the zero Shard: the whole batch
}

// newTranslateCmd builds `relais translate`. runF, when set, receives the
// parsed options instead of running the batch (for tests of the parsing).
func newTranslateCmd(d *deps, runF func(*translateOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "translate [PATH...]",
		Short: "Translate articles into drafts and XLIFF files under --out",
		Long: `translate reads the .md, .markdown, .mdx and .txt files named (folders are walked),
cuts them into segments and writes, for each target language, the draft
out/<lang>/<path> and its XLIFF 2.0 file out/<lang>/<path>.xlf, then the
review report of the batch: out/report.html, out/report.md and
out/summary.json.

A file given by name is written under its base name; a file found in a folder
keeps its path relative to that folder. Nothing is written when an input has
an error. A draft that was edited since relais wrote it is kept as it is.

--shard I/N translates only the I-th of N shares of the files, chosen by a
hash of that path, for N runners that split one batch (sharing a PostgreSQL
memory): each writes its own --out, with report.json besides the report,
and relais report merge makes the batch's report from all N.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts := &translateOptions{cfg: cfg, paths: args}
			if s, _ := cmd.Flags().GetString("shard"); s != "" {
				if opts.shard, err = pipeline.ParseShard(s); err != nil {
					return &usageError{fmt.Errorf("--shard %w", err)}
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runTranslate(cmd, d, opts)
		},
	}
	addBatchFlags(cmd)
	cmd.Flags().String("shard", "", "translate only share I of N of the files (I/N, as 2/3), for N runners splitting one batch")
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
	f.String("mt", def.MT.Engine, "machine translation: auto (Apertium when installed; never a remote service), none, apertium, apy, or a remote service named on purpose: deepl, libretranslate, openai")
	f.String("apy-url", "", "address of an Apertium APy server, for --mt apy")
	f.Bool("mt-cache", def.MT.Cache, "take machine translations from the memory's cache and keep new ones there (--mt-cache=false: every segment goes to the engine)")
	f.StringSlice("glossary", nil, "the project's termbases (TBX, TSV or CSV), added to the shipped one")
	f.Bool("no-default-glossary", false, "leave out the shipped termbase")
	f.String("fail-on", "never", "check the drafts and exit 1 when a finding is at least: error, warning, info (never: no checks)")
}

// batchSettings returns what stands for a batch's settings in its journal
// and manifest (pipeline.Inputs.Settings): a hash of the configuration that
// shapes the outputs (all of it but the number of jobs and the progress
// bar), of the termbase in use and of relais's version.
func batchSettings(cfg config.Config, tb *glossary.Termbase) (string, error) {
	cfg.Jobs, cfg.Progress = 0, ""
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(cfg); err != nil {
		return "", err
	}
	io.WriteString(h, termbaseRevision(tb))
	io.WriteString(h, relaisVersion())
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// loadConfig layers the command's flags over the environment, the
// configuration file and the defaults.
func loadConfig(cmd *cobra.Command, d *deps) (config.Config, error) {
	file, _ := cmd.Flags().GetString("config")
	return config.Load(config.LoadOptions{Flags: cmd.Flags(), Environ: d.environ, File: file, Explicit: file != ""})
}

func runTranslate(cmd *cobra.Command, d *deps, opts *translateOptions) error {
	cfg := opts.cfg
	finish, err := typographyFor(cfg)
	if err != nil {
		return err
	}
	tb, err := loadTermbase(cfg)
	if err != nil {
		return err
	}
	failOn, checks, err := newGate(cmd, cfg, tb)
	if err != nil {
		return err
	}
	mem, err := openMemory(cmd.Context(), cfg, tb, memory.WithRefreshEvery(batchRefresh))
	if err != nil {
		return err
	}
	defer mem.Close()
	say := func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: %s\n", msg) }
	warn := func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: warning: %s\n", msg) }
	tr, err := newTranslator(cmd.Context(), cfg, d.environ, tb, mem, say, warn)
	if err != nil {
		return err
	}
	p, err := newBatch(cfg, d, mem)
	if err != nil {
		return err
	}
	if tr != nil {
		p.MT = tr
		p.EngineUsage = func(lang language.Tag) report.EngineUsage {
			u := tr.cache.Usage(lang)
			eu := report.EngineUsage{Name: tr.name, Calls: u.Calls, Segments: u.Segments, Cached: u.Cached}
			if tr.usage != nil {
				ru := tr.usage(mt.Code(lang))
				eu.Requests, eu.Characters = ru.Requests, ru.Characters
			}
			return eu
		}
	}
	p.Typography = finish
	p.Languages = langid.New()
	p.Terms = tb
	p.Checks = checks
	settings, err := batchSettings(cfg, tb)
	if err != nil {
		return err
	}
	in := pipeline.Inputs{Paths: opts.paths, Out: cfg.Out, Settings: settings, Shard: opts.shard}
	if opts.shard.Split() {
		if in.ShardSettings, err = shardSettings(cfg, tb, failOn, tr != nil); err != nil {
			return err
		}
	}
	res, err := p.Run(cmd.Context(), in)
	if err != nil {
		return err
	}
	printResult(d.ios.ErrOut, cfg, res, tr != nil)
	if res.Checks == nil {
		return nil
	}
	if failOn == finding.Off {
		fmt.Fprintf(d.ios.ErrOut, "relais: checks: %s (each one in the review report)\n", res.Checks.Summary())
		return nil
	}
	var b strings.Builder
	for _, f := range foldUntranslated(res.Checks.Findings) {
		b.WriteString(f.String() + "\n")
	}
	b.WriteString("relais check: " + res.Checks.Summary() + "\n")
	if _, err := io.WriteString(d.ios.ErrOut, b.String()); err != nil {
		return err
	}
	if n := res.Checks.Count(failOn); n > 0 {
		return &FindingsError{Count: n}
	}
	return nil
}

// foldUntranslated returns findings with their untranslated findings
// folded into one per file and language, at the first such segment: a
// batch without machine translation has one per segment, which would hide
// every other finding on stderr (the report lists each one).
func foldUntranslated(findings []finding.Finding) []finding.Finding {
	type key struct{ path, lang string }
	count := map[key]int{}
	for _, f := range findings {
		if f.Rule == "untranslated" && f.Segment != "" {
			count[key{f.At.Path, f.Lang}]++
		}
	}
	var shown []finding.Finding
	done := map[key]bool{}
	for _, f := range findings {
		k := key{f.At.Path, f.Lang}
		if n := count[k]; n > 1 && f.Rule == "untranslated" && f.Segment != "" {
			if done[k] {
				continue
			}
			done[k] = true
			f.Message = fmt.Sprintf("%d segment(s) in %s have no translation, this one first: translate them (report.html lists each)", n, f.Lang)
		}
		shown = append(shown, f)
	}
	return shown
}

// printResult says on w what a translation batch did: files and segments,
// what the memory gave, the batch's findings, what machine translation
// did (when an engine ran), what is left untranslated or kept, and where
// the report is.
func printResult(w io.Writer, cfg config.Config, res *pipeline.Result, engine bool) {
	shard, inside := "", ""
	if res.Shard.Split() {
		shard = fmt.Sprintf("shard %s: ", res.Shard)
		inside = " inside the shard"
	}
	fmt.Fprintf(w, "relais: %s%d file(s), %d segment(s) into %s, written under %s\n",
		shard, len(res.Files), res.Segments(), strings.Join(cfg.To, ", "), cfg.Out)
	if res.Shard.Split() {
		fmt.Fprintf(w, "relais: shard %s holds %d of the batch's %d file(s); relais report merge makes the batch's report from every shard's --out\n",
			res.Shard, len(res.Files), res.Sources)
	}
	lev := res.Leverage()
	fmt.Fprintf(w, "relais: memory: %d in context, %d exact, %d fuzzy (at %d %% or more, to review), %d suggestion(s) below, %d repetition(s)%s\n",
		lev.InContext, lev.Exact, lev.Fuzzy, cfg.Fuzzy.Insert, lev.Suggested, lev.Repetitions, inside)
	// Warnings and errors one per line; notes for information (an
	// ambiguous term, a word the engine did not know, a sentence in
	// another language: thousands on a site's documentation) counted by
	// rule, each one being in the review report.
	findings := 0
	info := map[string]int{}
	for _, f := range res.Files {
		for _, l := range f.Langs {
			for _, fd := range l.Findings {
				findings++
				if fd.Severity == finding.Info {
					info[fd.Rule]++
					continue
				}
				where := f.Source
				if fd.Segment != "" {
					where += " " + fd.Segment
				}
				fmt.Fprintf(w, "relais: %s [%s] %s: %s\n", where, l.Lang, fd.Rule, fd.Message)
			}
		}
	}
	if len(info) > 0 {
		var parts []string
		for _, rule := range slices.Sorted(maps.Keys(info)) {
			parts = append(parts, fmt.Sprintf("%d %s", info[rule], rule))
		}
		fmt.Fprintf(w, "relais: notes for information: %s (each one in the review report)\n", strings.Join(parts, ", "))
	}
	if engine {
		fmt.Fprintf(w, "relais: machine translation: %d segment(s), %d finding(s) to review\n", res.Machine(), findings)
	}
	if res.Report != nil && res.Report.Engine != nil {
		var calls, segs, hits, requests, chars int
		var perCall, perHit []string
		for _, lang := range res.Report.Langs {
			u := res.Report.Engine[lang]
			calls += u.Calls
			segs += u.Segments
			hits += u.Cached
			requests += u.Requests
			chars += u.Characters
			perCall = append(perCall, fmt.Sprintf("%s %d", lang, u.Calls))
			perHit = append(perHit, fmt.Sprintf("%s %d", lang, u.Cached))
		}
		fmt.Fprintf(w, "relais: engine: %d call(s) (%s) for %d segment(s); machine translation cache: %d hit(s) (%s)\n",
			calls, strings.Join(perCall, ", "), segs, hits, strings.Join(perHit, ", "))
		if requests > 0 {
			fmt.Fprintf(w, "relais: sent to the service: %d request(s), %d character(s)\n", requests, chars)
		}
	}
	if n := res.Untranslated(); n > 0 {
		fmt.Fprintf(w, "relais: %d segment(s) untranslated (kept in the source language, state initial in XLIFF)\n", n)
	}
	if kept, updated, added, removed := res.Earlier(); kept+updated+added+removed > 0 {
		fmt.Fprintf(w, "relais: against the earlier run's XLIFF in %s: %d segment(s) kept as they were (source unchanged), %d updated (source changed; the earlier translation offered as a match), %d new, %d removed\n",
			cfg.Out, kept, updated, added, removed)
	}
	if n := res.Kept(); n > 0 {
		fmt.Fprintf(w, "relais: %d draft(s) kept because a person edited them\n", n)
	}
	also := "report.md, summary.json"
	if res.Shard.Split() {
		also += ", " + pipeline.PartName + " for relais report merge"
	}
	fmt.Fprintf(w, "relais: review report: %s (also %s)\n", filepath.Join(cfg.Out, "report.html"), also)
}

// shardSettings returns what shapes the drafts of a batch besides its
// sources and languages, by name, for the shards of one batch to compare
// (relais report merge refuses shards that differ): every configuration
// key but those that may differ from runner to runner (the output folder,
// the memory's address, jobs, progress, the addresses of servers, key
// files, requests at once, timeouts and retries, paths of termbases, which
// the termbase's hash stands for), the engine that runs
// ("none" when none does: a runner where auto found no Apertium is
// caught), a hash of the termbase in use, the checks --fail-on runs, and
// relais's version.
func shardSettings(cfg config.Config, tb *glossary.Termbase, failOn finding.Severity, engine bool) (map[string]string, error) {
	out := map[string]string{}
	flatten(reflect.ValueOf(cfg), "", out)
	for _, k := range []string{"out", "memory", "jobs", "progress", "mt.apy-url", "glossary", "no-default-glossary", "check.baseline",
		"mt.concurrency", "mt.timeout", "mt.retries", "mt.deepl.url", "mt.deepl.key-file", "mt.libretranslate.url",
		"mt.libretranslate.key-file", "mt.openai.url", "mt.openai.key-file"} {
		delete(out, k)
	}
	out["mt.engine"] = "none"
	if engine {
		out["mt.engine"] = cfg.MT.Engine
		if cfg.MT.Engine == "auto" {
			out["mt.engine"] = "apertium" // auto never picks another engine
		}
	}
	out["termbase"] = termbaseRevision(tb)
	out["fail-on"] = failOn.String()
	out["relais"] = relaisVersion()
	return out, nil
}

// flatten adds the fields of the configuration struct v to out, by their
// key in relais.yaml under prefix, each written by fmt (maps in key order).
func flatten(v reflect.Value, prefix string, out map[string]string) {
	t := v.Type()
	for i := range t.NumField() {
		key := t.Field(i).Tag.Get("mapstructure")
		if key == "" {
			continue
		}
		if f := v.Field(i); f.Kind() == reflect.Struct {
			flatten(f, prefix+key+".", out)
		} else {
			out[prefix+key] = fmt.Sprint(f.Interface())
		}
	}
}

// newGate reads --fail-on: the level, and the checks of relais check with
// the termbase tb, to run on the drafts whatever the level, so that the
// review report shows their findings; the level only decides the exit
// status.
func newGate(cmd *cobra.Command, cfg config.Config, tb *glossary.Termbase) (finding.Severity, *qa.Checker, error) {
	level, _ := cmd.Flags().GetString("fail-on")
	failOn, err := finding.ParseFailOn(level)
	if err != nil {
		return failOn, nil, &usageError{fmt.Errorf("--fail-on: %w", err)}
	}
	rules, err := qa.ParseConfig(cfg.Check.Rules, cfg.Check.Languages)
	if err != nil {
		return failOn, nil, err
	}
	return failOn, qa.New(qa.Options{Termbase: tb, Config: rules, Jobs: cfg.Jobs}), nil
}

// newBatch builds the pipeline that translate and analyze share: the
// loader, the memory and its thresholds, the clock, messages and progress.
// The caller adds machine translation, checks and the termbase.
func newBatch(cfg config.Config, d *deps, mem memory.Store) (*pipeline.Pipeline, error) {
	docs, err := newLoader(cfg)
	if err != nil {
		return nil, err
	}
	p := &pipeline.Pipeline{
		Loader:      docs,
		To:          cfg.TargetLangs(),
		Jobs:        cfg.Jobs,
		Memory:      mem,
		FuzzyMin:    cfg.Fuzzy.Threshold,
		FuzzyInsert: cfg.Fuzzy.Insert,
		NoRepair:    !cfg.Fuzzy.Repair,
		Now:         func() time.Time { return now(d) },
		Warn:        func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: warning: %s\n", msg) },
	}
	if cfg.Progress == "always" || (cfg.Progress == "auto" && d.ios.ErrTTY) {
		var bar *progressbar.ProgressBar
		p.Progress = func(e pipeline.Event) {
			if bar == nil || bar.GetMax() != e.Total || e.Done == 1 {
				bar = progressbar.NewOptions(e.Total, progressbar.OptionSetWriter(d.ios.ErrOut),
					progressbar.OptionSetDescription(e.Stage), progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(e.Done)
		}
	}
	return p, nil
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
