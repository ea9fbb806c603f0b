package cli

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/qa/input"
)

// checkOptions are the parsed arguments of `relais check`.
type checkOptions struct {
	cfg           config.Config
	paths         []string // XLIFF files and folders
	source        string   // pair mode: the source folder (XLIFF mode: where originals are)
	target        string   // pair mode: the target folder
	lang          string   // pair mode: the target language
	format        string   // what goes to stdout
	outputs       []string // FORMAT=FILE or FILE
	failOn        string
	requireState  string
	baseline      string
	writeBaseline bool
	noBaseline    bool
	list          bool
}

// newCheckCmd builds `relais check`.
func newCheckCmd(d *deps) *cobra.Command {
	opts := &checkOptions{}
	def := config.Default()
	cmd := &cobra.Command{
		Use:   "check [XLIFF...]",
		Short: "Check translations: the CI gate (exit 1 on findings at or above --fail-on)",
		Long: `check runs the translation checks on XLIFF files (written by relais translate,
or edited by reviewers in any tool that keeps XLIFF 2.0 or 1.2), or on pairs
of documents: relais check --source articles --target site/en --lang en pairs
each source with the target of the same relative path, blocks by structure
and sentences by length.

Checks: ` + strings.Join(qa.CheckIDs(), ", ") + `
(relais check --list says what each one finds). The check: section of
relais.yaml sets their severities or turns them off, per target language; an
XLIFF note "relais-ignore: RULE, ..." suppresses checks for its unit; a
baseline (--write-baseline) records today's findings so that only new ones
are reported.

Findings go to stdout in --format (text: path:line:col: severity rule:
message); --output FORMAT=FILE (or FILE, the format taken from its
extension: .sarif, .json, .xml for JUnit, .txt) writes more formats in the
same run. Exit status: 0 when no finding reaches --fail-on, 1 when one does,
2 on a usage, configuration or input error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			opts.paths = args
			if !cmd.Flags().Changed("fail-on") {
				opts.failOn = cfg.Check.FailOn
			}
			if !cmd.Flags().Changed("require-state") {
				opts.requireState = cfg.Check.RequireState
			}
			if !cmd.Flags().Changed("baseline") {
				opts.baseline = cfg.Check.Baseline
			}
			return runCheck(d, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.source, "source", "", "folder of source documents: pairs them with --target (or, with XLIFF files, where their original documents are)")
	f.StringVar(&opts.target, "target", "", "folder of translated documents, paired with --source by relative path")
	f.StringVar(&opts.lang, "lang", "", "language of the --target documents (default: the one target language of the configuration)")
	f.StringVarP(&opts.format, "format", "f", "text", "output on stdout: "+strings.Join(qa.Formats(), ", "))
	f.StringArrayVarP(&opts.outputs, "output", "o", nil, "also write FORMAT=FILE (or FILE, the format from its extension); repeatable")
	f.StringVar(&opts.failOn, "fail-on", def.Check.FailOn, "exit 1 when a finding is at least: error, warning, info, or never")
	f.StringVar(&opts.requireState, "require-state", def.Check.RequireState, "require every segment at this XLIFF state at least: translated, reviewed or final")
	f.StringVar(&opts.baseline, "baseline", def.Check.Baseline, "file of accepted findings, not reported again (used when it exists)")
	f.BoolVar(&opts.writeBaseline, "write-baseline", false, "write the findings of this run to the baseline file and exit 0")
	f.BoolVar(&opts.noBaseline, "no-baseline", false, "report every finding, even those in the baseline")
	f.BoolVar(&opts.list, "list", false, "list the checks, their default severities and what they find")
	f.String("from", def.From, "source language")
	f.String("segmentation", "", "SRX 2.0 file of segmentation rules")
	f.StringSlice("glossary", def.Glossary, "project termbases (TBX, TSV or CSV); they win over the shipped one")
	f.Bool("no-default-glossary", def.NoDefaultGlossary, "leave out the termbase shipped with relais")
	return cmd
}

// output is one report to write: a format and a file ("" for stdout).
type output struct {
	format, path string
}

// parseOutputs reads the --output values.
func parseOutputs(values []string) ([]output, error) {
	var out []output
	for _, v := range values {
		if f, p, ok := strings.Cut(v, "="); ok && isFormat(f) {
			if p == "" {
				return nil, &usageError{fmt.Errorf("--output %q: no file after %q", v, f+"=")}
			}
			out = append(out, output{f, p})
			continue
		}
		f := formatOf(v)
		if f == "" {
			return nil, &usageError{fmt.Errorf("--output %q: cannot tell the format from the extension: write FORMAT=FILE (formats: %s)", v, strings.Join(qa.Formats(), ", "))}
		}
		out = append(out, output{f, v})
	}
	return out, nil
}

func isFormat(s string) bool {
	for _, f := range qa.Formats() {
		if f == s {
			return true
		}
	}
	return false
}

// formatOf guesses a format from a file name.
func formatOf(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".sarif"), strings.HasSuffix(n, ".sarif.json"):
		return "sarif"
	case strings.HasSuffix(n, ".json"):
		return "json"
	case strings.HasSuffix(n, ".xml"):
		return "junit"
	case strings.HasSuffix(n, ".txt"), strings.HasSuffix(n, ".log"):
		return "text"
	}
	return ""
}

func runCheck(d *deps, o *checkOptions) error {
	if o.list {
		for _, c := range qa.Checks() {
			fmt.Fprintf(d.ios.Out, "%-16s %-8s %s\n", c.ID(), c.Default(), c.Help())
		}
		return nil
	}
	if err := checkEnum("format", o.format, qa.Formats()...); err != nil {
		return err
	}
	outs, err := parseOutputs(o.outputs)
	if err != nil {
		return err
	}
	failOn, err := finding.ParseFailOn(o.failOn)
	if err != nil {
		return &usageError{err}
	}
	qopts := qa.Options{Jobs: o.cfg.Jobs}
	if o.requireState != "" {
		st, err := document.ParseState(o.requireState)
		if err != nil {
			return &usageError{fmt.Errorf("--require-state: %w", err)}
		}
		qopts.RequireState, qopts.RequireStateSet = st, true
	}
	qopts.Config, err = qa.ParseConfig(o.cfg.Check.Rules, o.cfg.Check.Languages)
	if err != nil {
		return fmt.Errorf("%s: %w", configName(o), err)
	}
	qopts.Termbase, err = loadTermbase(o.cfg)
	if err != nil {
		return err
	}

	files, err := loadCheckInputs(o)
	if err != nil {
		return err
	}
	rep := qa.New(qopts).Run(files)

	if o.writeBaseline {
		var buf bytes.Buffer
		if err := qa.WriteBaseline(&buf, rep.Findings); err != nil {
			return err
		}
		if err := fsutil.WriteFileAtomic(o.baseline, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		fmt.Fprintf(d.ios.ErrOut, "relais: %d finding(s) written to the baseline %s; later runs report only new ones\n", len(rep.Findings), o.baseline)
		return nil
	}
	if !o.noBaseline && o.baseline != "" {
		b, err := qa.LoadBaseline(o.baseline)
		if err != nil {
			return err
		}
		b.Filter(rep)
	}

	wo := qa.WriteOptions{FailOn: failOn, Version: relaisVersion()}
	if err := qa.Write(d.ios.Out, o.format, rep, wo); err != nil {
		return err
	}
	for _, out := range outs {
		var buf bytes.Buffer
		if err := qa.Write(&buf, out.format, rep, wo); err != nil {
			return err
		}
		if err := fsutil.WriteFileAtomic(out.path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("--output: %w", err)
		}
	}
	if n := rep.Count(failOn); n > 0 {
		return &FindingsError{Count: n}
	}
	return nil
}

// configName names the configuration file in errors.
func configName(o *checkOptions) string {
	return config.FileName
}

// loadCheckInputs reads the XLIFF files, or the document pairs.
func loadCheckInputs(o *checkOptions) ([]*qa.File, error) {
	docs, err := newLoader(o.cfg)
	if err != nil {
		return nil, err
	}
	l := &input.Loader{Docs: docs}
	pairMode := o.target != ""
	switch {
	case pairMode && len(o.paths) > 0:
		return nil, &usageError{errors.New("give either XLIFF files or --source and --target, not both")}
	case pairMode && o.source == "":
		return nil, &usageError{errors.New("--target needs --source: the folder of the source documents")}
	case !pairMode && len(o.paths) == 0:
		return nil, &usageError{errors.New("nothing to check: name XLIFF files or folders, or give --source DIR --target DIR --lang LANG")}
	}
	if !pairMode {
		if o.lang != "" {
			return nil, &usageError{errors.New("--lang is for --target documents: XLIFF files name their own target language")}
		}
		l.SourceRoot = o.source
		return l.XLIFF(o.paths)
	}
	lang := o.lang
	if lang == "" {
		if len(o.cfg.To) != 1 {
			return nil, &usageError{fmt.Errorf("--lang: which language is %s in? (the configuration has %s)", o.target, strings.Join(o.cfg.To, ", "))}
		}
		lang = o.cfg.To[0]
	}
	tag, err := parseLang("lang", lang)
	if err != nil {
		return nil, err
	}
	if tag == language.Und {
		return nil, &usageError{fmt.Errorf("--lang %q: name a language", lang)}
	}
	return l.Pairs(o.source, o.target, tag)
}

// relaisVersion returns the module version the binary was built from.
func relaisVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
