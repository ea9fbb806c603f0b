package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/format/plaintext"
	"github.com/relais-tm/relais/pkg/report"
	"github.com/relais-tm/relais/pkg/xliff"
)

// newDiffCmd builds `relais diff OLD NEW`.
func newDiffCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "What changed between two versions of an article, an XLIFF file or an output folder",
		Long: `diff compares two versions, segment by segment:

  relais diff draft.xlf reviewed.xlf        the reviewer's changes to a draft
  relais diff out-2026-11-01 out            every XLIFF file of two output folders
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
			old, new, err := loadVersions(cfg, args[0], args[1])
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

// loadVersions reads the two sides: two folders (their XLIFF files, or
// their articles when they hold no XLIFF file), or two files of the same
// kind (XLIFF or article).
func loadVersions(cfg config.Config, oldPath, newPath string) (report.Version, report.Version, error) {
	oi, err := os.Stat(oldPath)
	if err != nil {
		return report.Version{}, report.Version{}, fmt.Errorf("diff: %w", err)
	}
	ni, err := os.Stat(newPath)
	if err != nil {
		return report.Version{}, report.Version{}, fmt.Errorf("diff: %w", err)
	}
	if oi.IsDir() != ni.IsDir() {
		return report.Version{}, report.Version{}, fmt.Errorf("diff: %s and %s: compare two folders or two files", oldPath, newPath)
	}
	l := &loader{cfg: cfg}
	if oi.IsDir() {
		old, err := l.folder(oldPath)
		if err != nil {
			return old, old, err
		}
		new, err := l.folder(newPath)
		return old, new, err
	}
	if isXLIFF(oldPath) != isXLIFF(newPath) {
		return report.Version{}, report.Version{}, fmt.Errorf("diff: %s and %s: compare two XLIFF files or two articles", oldPath, newPath)
	}
	name := filepath.Base(newPath)
	oldF, err := l.file(oldPath, name)
	if err != nil {
		return report.Version{}, report.Version{}, err
	}
	newF, err := l.file(newPath, name)
	if err != nil {
		return report.Version{}, report.Version{}, err
	}
	return report.Version{Name: oldPath, Files: []report.VersionFile{oldF}},
		report.Version{Name: newPath, Files: []report.VersionFile{newF}}, nil
}

func isXLIFF(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".xlf", ".xliff":
		return true
	}
	return false
}

// loader reads versions; it builds the codecs and the segmenter once, for
// articles.
type loader struct {
	cfg    config.Config
	codecs *format.Registry
	seg    interface{ Document(*document.Document) }
}

func (l *loader) folder(dir string) (report.Version, error) {
	v := report.Version{Name: dir}
	var xlfs, articles []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != dir && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case isXLIFF(p):
			xlfs = append(xlfs, p)
		default:
			if _, ok := l.registry().ForPath(p); ok {
				articles = append(articles, p)
			}
		}
		return nil
	})
	if err != nil {
		return v, fmt.Errorf("diff: %w", err)
	}
	files := xlfs
	if len(files) == 0 {
		files = articles
	}
	sort.Strings(files)
	for _, p := range files {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return v, err
		}
		f, err := l.file(p, filepath.ToSlash(rel))
		if err != nil {
			return v, err
		}
		v.Files = append(v.Files, f)
	}
	return v, nil
}

func (l *loader) registry() *format.Registry {
	if l.codecs == nil {
		l.codecs = &format.Registry{}
		l.codecs.Add(plaintext.New(), ".txt")
		l.codecs.Add(markdown.New(markdown.WithFrontMatterKeys(l.cfg.Markdown.FrontMatterKeys...)), ".md", ".markdown")
	}
	return l.codecs
}

// file reads one XLIFF file (its segments' targets are compared) or one
// article (its segments' sources are compared), named name in the report.
func (l *loader) file(path, name string) (report.VersionFile, error) {
	vf := report.VersionFile{Path: name}
	data, err := os.ReadFile(path)
	if err != nil {
		return vf, fmt.Errorf("diff: %w", err)
	}
	if isXLIFF(path) {
		x, err := xliff.Read(path, bytes.NewReader(data))
		if err != nil {
			return vf, err
		}
		for _, u := range x.Units {
			for _, p := range u.Parts {
				if p.Kind != xliff.Segment {
					continue
				}
				vf.Items = append(vf.Items, report.Item{ID: p.ID, Source: p.Source.Key(), Text: p.Target.Key(), Origin: p.Origin, State: p.State})
			}
		}
		return vf, nil
	}
	codec, ok := l.registry().ForPath(path)
	if !ok {
		return vf, fmt.Errorf("diff: %s: relais does not read this kind of file (it reads .xlf, %s)", path, strings.Join(l.registry().Extensions(), ", "))
	}
	text, _, err := charset.Decode(path, data)
	if err != nil {
		return vf, err
	}
	doc, err := codec.Extract(name, text)
	if err != nil {
		var pe *document.PosError
		if errors.As(err, &pe) {
			pe.Path = path
		}
		return vf, err
	}
	doc.Lang = l.cfg.SourceLang()
	if l.seg == nil {
		seg, err := newSegmenter(l.cfg)
		if err != nil {
			return vf, err
		}
		l.seg = seg
	}
	l.seg.Document(doc)
	for _, s := range doc.Segments() {
		k := s.Source.Key()
		vf.Items = append(vf.Items, report.Item{ID: s.ID, Source: k, Text: k})
	}
	return vf, nil
}
