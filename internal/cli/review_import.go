package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/pipeline"
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
	cfg    config.Config
	paths  []string
	accept []document.State
	author string
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
It reports what was added, updated or already known.`,
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
			if runF != nil {
				return runF(opts)
			}
			return runReviewImport(cmd.Context(), d, opts)
		},
	}
	addMemoryFlag(cmd)
	cmd.Flags().StringSlice("accept", nil, "also take segments at these states (translated)")
	cmd.Flags().String("author", "", "the reviewer, recorded on the units")
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
	return nil
}
