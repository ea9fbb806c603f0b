package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/xliff"
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
are walked for .xlf files) and stores their reviewed and final segments in the
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

// reviewFile is what one XLIFF file gives.
type reviewFile struct {
	path    string
	units   []memory.Unit
	skipped int // segments at a state not accepted, or without target
}

func runReviewImport(ctx context.Context, d *deps, opts *reviewImportOptions) error {
	paths, err := xliffPaths(opts.paths)
	if err != nil {
		return err
	}
	accept := map[document.State]bool{}
	for _, s := range opts.accept {
		accept[s] = true
	}
	var files []reviewFile
	var all []memory.Unit
	for _, p := range paths {
		rf, err := readReview(p, accept, opts.author)
		if err != nil {
			return err
		}
		files = append(files, rf)
		all = append(all, rf.units...)
	}
	st, err := openMemory(ctx, opts.cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Put(ctx, memory.Units(all...))
	if err != nil {
		return err
	}
	skipped := 0
	for _, f := range files {
		skipped += f.skipped
		fmt.Fprintf(d.ios.ErrOut, "relais: %s: %d segment(s) taken, %d left (state not accepted or no target)\n", f.path, len(f.units), f.skipped)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: review import: %d added, %d updated, %d already known\n", res.Added, res.Updated, res.Unchanged)
	return nil
}

// xliffPaths expands folders into their .xlf files, sorted.
func xliffPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, unwrapPath(err))
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && (strings.HasSuffix(p, ".xlf") || strings.HasSuffix(p, ".xliff")) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no .xlf file in this folder", a)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// readReview reads one XLIFF file into units. Each segment's context is
// its neighbours in the file, as the batch computes it from the document.
func readReview(path string, accept map[document.State]bool, author string) (reviewFile, error) {
	rf := reviewFile{path: path}
	f, err := os.Open(path)
	if err != nil {
		return rf, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	x, err := xliff.Read(path, f)
	if err != nil {
		return rf, err
	}
	if x.TrgLang.IsRoot() {
		return rf, fmt.Errorf("%s: the file has no target language (trgLang)", path)
	}
	var segs []xliff.Part
	for _, u := range x.Units {
		for _, p := range u.Parts {
			if p.Kind == xliff.Segment {
				segs = append(segs, p)
			}
		}
	}
	for i, p := range segs {
		if p.Target == nil || p.Target.Key() == "" || !accept[p.State] {
			rf.skipped++
			continue
		}
		u := memory.Unit{SrcLang: x.SrcLang, TgtLang: x.TrgLang, Source: p.Source, Target: p.Target,
			Doc: x.Original, State: p.State, Author: author, Origin: reviewOrigin(p)}
		if i > 0 {
			u.Prev = memory.ContextHash(segs[i-1].Source.Key())
		}
		if i+1 < len(segs) {
			u.Next = memory.ContextHash(segs[i+1].Source.Key())
		}
		rf.units = append(rf.units, u)
	}
	return rf, nil
}

// reviewOrigin is the origin a reviewed segment enters the memory with: a
// person approved a reviewed or final segment; a segment still translated
// keeps where it came from.
func reviewOrigin(p xliff.Part) memory.Origin {
	if p.State == document.Reviewed || p.State == document.Final {
		return memory.OriginHuman
	}
	switch p.Origin.Kind {
	case document.FromMachine:
		return memory.Machine(p.Origin.Engine)
	case document.FromInContext, document.FromExact, document.FromFuzzy:
		return memory.OriginMemory
	}
	return memory.OriginHuman // typed by a person
}
