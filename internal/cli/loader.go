package cli

import (
	"fmt"
	"os"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/segment"
)

// newLoader builds the document loader of a run from the configuration:
// the source language, the Markdown front-matter keys and the SRX file of
// segmentation rules it names, if any.
func newLoader(cfg config.Config) (*loader.Loader, error) {
	opts := loader.Options{From: cfg.SourceLang(), FrontMatterKeys: cfg.Markdown.FrontMatterKeys}
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
