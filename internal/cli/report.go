package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/report"
)

// newReportCmd builds `relais report` and its subcommand `merge`.
func newReportCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Work with the review reports of batches",
	}
	cmd.AddCommand(newReportMergeCmd(d, nil))
	for _, c := range cmd.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return cmd
}

type reportMergeOptions struct {
	cfg    config.Config
	shards []string
}

// newReportMergeCmd builds `relais report merge`. runF, when set,
// receives the parsed options instead of running the merge.
func newReportMergeCmd(d *deps, runF func(*reportMergeOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "merge OUT...",
		Short: "One review report from the output folders of the shards of a batch",
		Long: `report merge reads report.json in the output folder of every shard of a batch
split across runners (relais translate --shard I/N --out OUT) and writes the
review report of the whole batch into --out: report.html, report.md and
summary.json, as one run over every file would have written them.
Repetitions are counted, and the inconsistent check run, across shards again.

It refuses folders that are not every shard of one batch, once each: another
number of shards, other sources, target languages or settings, a shard
missing or given twice. The drafts and XLIFF files stay in the shards'
folders.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts := &reportMergeOptions{cfg: cfg, shards: args}
			if runF != nil {
				return runF(opts)
			}
			return runReportMerge(cmd, d, opts)
		},
	}
	def := config.Default()
	cmd.Flags().String("out", def.Out, "folder of the merged report")
	cmd.Flags().Int("jobs", def.Jobs, "pages rendered at once")
	return cmd
}

func runReportMerge(cmd *cobra.Command, d *deps, opts *reportMergeOptions) error {
	b, err := pipeline.Merge(cmd.Context(), pipeline.MergeInputs{Shards: opts.shards, Out: opts.cfg.Out, Jobs: opts.cfg.Jobs})
	if err != nil {
		return err
	}
	s := report.Summarize(b)
	fmt.Fprintf(d.ios.ErrOut, "relais: merged %d shard(s): %d file(s), %d segment(s) into %s\n",
		len(opts.shards), s.Files, s.Segments, strings.Join(b.Langs, ", "))
	for _, t := range s.Total {
		fmt.Fprintf(d.ios.ErrOut, "relais: %s: %d segment(s) from memory, %d by machine, %d untranslated, %d repetition(s), %d finding(s)\n",
			t.Lang, t.Origins.InContext.Segments+t.Origins.Exact.Segments+t.Origins.Fuzzy.Segments, t.Origins.Machine.Segments,
			t.Untranslated.Segments, t.Bands.Repetitions.Segments, t.Findings.Total)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: review report: %s (also report.md, summary.json); the drafts stay in the shards' folders\n",
		filepath.Join(opts.cfg.Out, "report.html"))
	return nil
}
