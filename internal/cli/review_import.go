package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/qa"
)

// newReviewCmd builds `relais review` and its subcommand `import`.
func newReviewCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Learn the results of review into the memory",
	}
	cmd.AddCommand(newReviewImportCmd(d, nil))
	for _, c := range cmd.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return cmd
}

type reviewImportOptions struct {
	cfg     config.Config
	paths   []string
	accept  []document.State
	author  string
	apply   string   // --apply: the output folder whose drafts take the review
	sources []string // --source: where the batch's sources are
}

// newReviewImportCmd builds `relais review import`. runF, when set,
// receives the parsed options instead of running the import.
func newReviewImportCmd(d *deps, runF func(*reviewImportOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Learn reviewed XLIFF files into the memory",
		Long: `review import reads XLIFF files written by relais and reviewed since (folders
are walked for XLIFF files, hidden ones skipped) and stores their reviewed and final segments in the
memory as human units, with the context they stand in. --accept translated
takes segments still at state translated too: those keep their origin (a
machine translation stays a machine unit and never becomes a human one).

Every file is read before anything is stored; the import is one transaction.
It reports what was added, updated or already known, and what the checks of
relais check find in the segments taken.

The export of the review page (report.html) is such a file: one per target
language, one <file> per article. With --apply OUT, the segments taken also
go into the drafts and XLIFF files relais translate wrote under OUT, through
the same merge, and OUT's manifest records them as relais's own: the next
translate of the same sources keeps them, and finds them in the memory in
context. The sources are read again from --source (the paths relais
translate was given; default: the current folder), and must be unchanged.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts := &reviewImportOptions{cfg: cfg, paths: args, accept: []document.State{document.Reviewed, document.Final}}
			extra, _ := cmd.Flags().GetStringSlice("accept")
			for _, a := range extra {
				s, err := document.ParseState(strings.TrimSpace(a))
				if err != nil || s == document.Initial {
					return &usageError{fmt.Errorf("--accept: %q, want translated, reviewed or final", a)}
				}
				opts.accept = append(opts.accept, s)
			}
			opts.author, _ = cmd.Flags().GetString("author")
			opts.apply, _ = cmd.Flags().GetString("apply")
			opts.sources, _ = cmd.Flags().GetStringSlice("source")
			if cmd.Flags().Changed("source") && opts.apply == "" {
				return &usageError{fmt.Errorf("--source is for --apply: give --apply OUT too")}
			}
			if runF != nil {
				return runF(opts)
			}
			return runReviewImport(cmd.Context(), d, opts)
		},
	}
	addMemoryFlag(cmd)
	cmd.Flags().StringSlice("accept", nil, "also take segments at these states (translated)")
	cmd.Flags().String("author", "", "the reviewer, recorded on the units")
	cmd.Flags().String("apply", "", "also put the segments taken into the drafts and XLIFF files under this output folder of relais translate")
	cmd.Flags().StringSlice("source", []string{"."}, "with --apply: the sources, as given to relais translate")
	return cmd
}

func runReviewImport(ctx context.Context, d *deps, opts *reviewImportOptions) error {
	files, err := pipeline.ReadReviews(opts.paths, opts.accept, opts.author)
	if err != nil {
		return err
	}
	st, err := openMemory(ctx, opts.cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Put(ctx, memory.Units(files.Units()...))
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(d.ios.ErrOut, "relais: %s: %d segment(s) taken, %d left (state not accepted or no target)\n", f.Path, len(f.Units), f.Skipped)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: review import: %s\n", putCounts(res))
	if err := checkReviews(d, opts.cfg, files); err != nil {
		return err
	}
	if opts.apply == "" {
		return nil
	}
	docs, err := newLoader(opts.cfg)
	if err != nil {
		return err
	}
	p := &pipeline.Pipeline{Loader: docs, Warn: func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: warning: %s\n", msg) }}
	applied, err := p.ApplyReviews(files, opts.apply, opts.sources)
	for _, a := range applied {
		fmt.Fprintf(d.ios.ErrOut, "relais: %s: %d reviewed segment(s) put in (and %s)\n", a.Draft, a.Segments, filepath.Base(a.XLIFF))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: review applied to %d draft(s) under %s; report.html there still shows the batch as translated\n", len(applied), opts.apply)
	return nil
}

// checkReviews runs the checks of relais check on the segments taken from
// files and prints their findings on stderr, one line each, then a count.
// They do not change the exit status: the reviewer's word is taken.
func checkReviews(d *deps, cfg config.Config, files pipeline.Reviews) error {
	tb, err := loadTermbase(cfg)
	if err != nil {
		return err
	}
	rules, err := qa.ParseConfig(cfg.Check.Rules, cfg.Check.Languages)
	if err != nil {
		return err
	}
	rep := qa.New(qa.Options{Termbase: tb, Config: rules, Jobs: cfg.Jobs}).Run(files.CheckFiles(cfg.SourceLang()))
	for _, f := range rep.Findings {
		fmt.Fprintf(d.ios.ErrOut, "relais: %s %s [%s] %s %s: %s\n", f.At.Path, f.Segment, f.Lang, f.Severity, f.Rule, f.Message)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: checks of the reviewed segments: %s\n", rep.Summary())
	return nil
}
