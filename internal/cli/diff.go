package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/pipeline"
	"github.com/relais-tm/relais/pkg/report"
)

// newDiffCmd builds `relais diff OLD NEW`.
func newDiffCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "What changed between two versions of an article, an XLIFF file or an output folder",
		Long: `diff compares two versions, segment by segment:

  relais diff draft.xlf reviewed.xlf        the reviewer's changes to a draft
  relais diff out/en/a.md.xlf reviewed-en.xlf
                                            the same, against the review page's export
                                            (one <file> per article: a.md's is compared)
  relais diff out-2026-11-01 out            every XLIFF file of two output folders
  relais diff out edited                    the drafts of out against drafts edited
                                            by hand (a folder without XLIFF files)
  relais diff old/article.md article.md     what changed in an updated source

Segments are paired by ID, or by source where IDs moved (--by). For each
changed segment it shows the word-level diff and the edit distance in percent;
the summary counts segments unchanged, edited, added and removed, and the
post-edit distance by origin: how much reviewers changed memory matches and
machine drafts. The output is Markdown unless --format says otherwise (or -o
names an .html or .json file).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			f := cmd.Flags()
			outPath, _ := f.GetString("output")
			formatName, _ := f.GetString("format")
			if !f.Changed("format") {
				switch strings.ToLower(filepath.Ext(outPath)) {
				case ".html", ".htm":
					formatName = "html"
				case ".json":
					formatName = "json"
				}
			}
			byName, _ := f.GetString("by")
			by, err := report.ParseAlign(byName)
			if err != nil {
				return &usageError{fmt.Errorf("--by: %w", err)}
			}
			var write func(*report.Comparison, io.Writer) error
			switch formatName {
			case "md", "markdown":
				write = (*report.Comparison).WriteMarkdown
			case "html":
				write = (*report.Comparison).WriteHTML
			case "json":
				write = (*report.Comparison).WriteJSON
			default:
				return &usageError{fmt.Errorf("--format %q: want md, html or json", formatName)}
			}
			docs, err := newLoader(cfg)
			if err != nil {
				return err
			}
			old, new, err := pipeline.Versions(docs, args[0], args[1])
			if err != nil {
				return err
			}
			c := report.Compare(old, new, by, now(d))
			var buf bytes.Buffer
			if err := write(c, &buf); err != nil {
				return err
			}
			if outPath == "" || outPath == "-" {
				_, err = d.ios.Out.Write(buf.Bytes())
				return err
			}
			if err := fsutil.WriteFileAtomic(outPath, buf.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write %s: %w", outPath, err)
			}
			s := c.Summary
			fmt.Fprintf(d.ios.ErrOut, "relais: %d unchanged, %d edited, %d added, %d removed segment(s); written to %s\n",
				s.Unchanged, s.Edited, s.Added, s.Removed, outPath)
			return nil
		},
	}
	f := cmd.Flags()
	f.String("format", "md", "output: md, html or json")
	f.StringP("output", "o", "", "write to this file instead of stdout")
	f.String("by", "auto", "pair segments by id, by source, or auto (by id where IDs keep their sources)")
	f.String("from", config.Default().From, "source language (to segment articles)")
	f.String("segmentation", "", "SRX 2.0 file of segmentation rules (for articles)")
	return cmd
}
