package cli

import (
	"fmt"
	"os"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/segment"
)

// newLoader builds the document loader of a run from the configuration:
// the source language, the Markdown front-matter keys, dialect and
// shortcodes, and the SRX file of segmentation rules it names, if any.
func newLoader(cfg config.Config) (*loader.Loader, error) {
	dialect, err := markdown.ParseDialect(cfg.Markdown.Dialect)
	if err != nil {
		return nil, fmt.Errorf("markdown.dialect: %w", err)
	}
	opts := loader.Options{From: cfg.SourceLang(), FrontMatterKeys: cfg.Markdown.FrontMatterKeys,
		Dialect: dialect, Shortcodes: cfg.Markdown.Shortcodes}
	if cfg.Segmentation != "" {
		f, err := os.Open(cfg.Segmentation)
		if err != nil {
			return nil, fmt.Errorf("segmentation: %w", err)
		}
		defer f.Close()
		opts.SRX, err = segment.ReadSRX(cfg.Segmentation, f)
		if err != nil {
			return nil, err
		}
	}
	return loader.New(opts)
}
