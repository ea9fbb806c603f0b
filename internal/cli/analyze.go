package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/report"
)

// newAnalyzeCmd builds `relais analyze`: the leverage analysis of a batch,
// with the lookups of translate and nothing written.
func newAnalyzeCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "analyze [PATH...]",
		Short: "Leverage analysis: words and segments by memory match band, nothing written",
		Long: `analyze reads the articles as translate does and looks every segment up in
the memory, without machine translation and without writing anything. It
prints the words and segments by match band — 101 % in context, repetitions
inside the batch, 100 %, 95–99, 85–94, 75–84, 50–74, no match — per file and
in total, with the weighted word count a project manager prices.

The counts are the ones translate writes in summary.json for the same inputs
and memory. --weights changes the weight of some bands over the default grid,
as BAND=WEIGHT pairs: --weights "100=0.2,95-99=40%,rep=0".`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			format, _ := cmd.Flags().GetString("format")
			ws, _ := cmd.Flags().GetString("weights")
			weights, err := report.ParseWeights(report.DefaultWeights(), ws)
			if err != nil {
				return &usageError{fmt.Errorf("--weights: %w", err)}
			}
			switch format {
			case "table", "json", "csv":
			default:
				return &usageError{fmt.Errorf("--format %q: want table, json or csv", format)}
			}
			mem, err := openMemory(cmd.Context(), cfg, nil, memory.WithRefreshEvery(batchRefresh))
			if err != nil {
				return err
			}
			defer mem.Close()
			p, err := newBatch(cfg, d, mem)
			if err != nil {
				return err
			}
			res, err := p.Run(cmd.Context(), pipeline.Inputs{Paths: args, Out: cfg.Out, Analyze: true})
			if err != nil {
				return err
			}
			a := report.Analyze(res.Report, weights)
			switch format {
			case "json":
				return a.WriteJSON(d.ios.Out)
			case "csv":
				return a.WriteCSV(d.ios.Out)
			}
			return a.WriteTable(d.ios.Out)
		},
	}
	addBatchFlags(cmd)
	cmd.Flags().String("format", "table", "output: table, json or csv")
	cmd.Flags().String("weights", "", "weights per band over the default grid ("+report.DefaultWeights().String()+")")
	return cmd
}
