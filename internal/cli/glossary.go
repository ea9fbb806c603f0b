package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/glossary"
)

// shippedDir is the name the embedded termbase files are reported under:
// their folder in the repository.
const shippedDir = "glossary"

// defaultImport is where `glossary import` writes when the configuration
// names no project termbase.
const defaultImport = "glossary.tbx"

// newGlossaryCmd builds `relais glossary` and its subcommands.
func newGlossaryCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "glossary",
		Short: "List, look up, import, export and validate the termbase",
		Long: `glossary works on the termbase: the institutional termbase shipped with relais
(left out with --no-default-glossary) and the project's own termbases, named
with --glossary or "glossary:" in relais.yaml (TBX v3 or 2008, TSV or CSV),
which win over the shipped one where they disagree.`,
	}
	def := config.Default()
	pf := cmd.PersistentFlags()
	pf.StringSlice("glossary", def.Glossary, "project termbases (TBX, TSV or CSV), comma-separated; they win over the shipped one")
	pf.Bool("no-default-glossary", def.NoDefaultGlossary, "leave out the termbase shipped with relais")
	cmd.AddCommand(newGlossaryListCmd(d), newGlossaryLookupCmd(d), newGlossaryImportCmd(d),
		newGlossaryExportCmd(d), newGlossaryValidateCmd(d))
	for _, c := range cmd.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return cmd
}

// loadTermbase reads the shipped termbase (unless configured away) and the
// project's, in that order: later ones win.
func loadTermbase(cfg config.Config) (*glossary.Termbase, error) {
	var tbs []*glossary.Termbase
	if !cfg.NoDefaultGlossary {
		tb, err := glossary.LoadFS(shipped.FS, shippedDir)
		if err != nil {
			return nil, err
		}
		tbs = append(tbs, tb)
	}
	for _, p := range cfg.Glossary {
		tb, err := readTermbaseFile(p)
		if err != nil {
			return nil, err
		}
		tbs = append(tbs, tb)
	}
	return glossary.Merge(tbs...), nil
}

func readTermbaseFile(path string) (*glossary.Termbase, error) {
	if _, err := glossary.FormatOf(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	defer f.Close()
	return glossary.Read(path, f)
}

// ---- list

type glossaryListOptions struct {
	cfg    config.Config
	lang   string
	format string
}

func newGlossaryListCmd(d *deps) *cobra.Command {
	opts := &glossaryListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the terms of the termbase",
		Long: `list prints one row per term: concept, language, term, type and status, as TSV
with a header row or, with --format json, as a JSON array. --lang keeps the
terms of one language (en also lists en-GB terms).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			if err := checkEnum("format", opts.format, "tsv", "json"); err != nil {
				return err
			}
			return runGlossaryList(d, opts)
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", "", "only the terms of this language")
	cmd.Flags().StringVar(&opts.format, "format", "tsv", "output format: tsv or json")
	return cmd
}

type listedTerm struct {
	Concept   string `json:"concept"`
	Lang      string `json:"lang"`
	Term      string `json:"term"`
	Type      string `json:"type,omitempty"`
	Status    string `json:"status,omitempty"`
	Ambiguous bool   `json:"ambiguous,omitempty"`
}

func runGlossaryList(d *deps, opts *glossaryListOptions) error {
	var want language.Tag
	if opts.lang != "" {
		t, err := parseLang("lang", opts.lang)
		if err != nil {
			return err
		}
		want = t
	}
	tb, err := loadTermbase(opts.cfg)
	if err != nil {
		return err
	}
	entries := tb.Entries()
	if opts.lang != "" {
		entries = tb.EntriesIn(want)
	}
	var rows []listedTerm
	for _, e := range entries {
		rows = append(rows, listedTerm{Concept: e.Concept.ID, Lang: e.Term.Lang.String(), Term: e.Term.Text,
			Type: string(e.Term.Type), Status: string(e.Term.Status), Ambiguous: e.Ambiguous()})
	}
	if opts.format == "json" {
		return writeJSON(d.ios.Out, rows)
	}
	w := bufio.NewWriter(d.ios.Out)
	fmt.Fprintln(w, "concept\tlang\tterm\ttype\tstatus")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Concept, r.Lang, r.Term, r.Type, r.Status)
	}
	return w.Flush()
}

// ---- lookup

type glossaryLookupOptions struct {
	cfg    config.Config
	text   string
	stdin  bool
	format string
	fold   bool
}

func newGlossaryLookupCmd(d *deps) *cobra.Command {
	opts := &glossaryLookupOptions{}
	cmd := &cobra.Command{
		Use:   "lookup [TEXT... | -]",
		Short: "Show the terms found in a text and their target terms",
		Long: `lookup finds the termbase's terms in TEXT (the arguments joined by spaces), or
in each line of the standard input with "-" or no argument, and prints one
line per hit:

  START-END  TEXT  → en: TARGET · es: TARGET  (concept ID)  [marks]

START-END are byte offsets into the text (into the line, which is given as
"LINE:" first, for standard input). Marks: [ambiguous] (shown, never
enforced), [nested] (inside a longer term), [plural], [feminine],
[folded] (found only by --fold). --format json prints the same as a JSON
array.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			if err := checkEnum("format", opts.format, "text", "json"); err != nil {
				return err
			}
			if len(args) == 0 || (len(args) == 1 && args[0] == "-") {
				opts.stdin = true
			} else {
				opts.text = strings.Join(args, " ")
			}
			return runGlossaryLookup(d, opts)
		},
	}
	def := config.Default()
	cmd.Flags().String("from", def.From, "language of the text")
	cmd.Flags().StringSlice("to", def.To, "target languages, comma-separated")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.fold, "fold", false, "ignore diacritics (Geneve finds Genève); such hits are marked [folded]")
	return cmd
}

type lookupHit struct {
	Line      int               `json:"line,omitempty"`
	Start     int               `json:"start"`
	End       int               `json:"end"`
	Text      string            `json:"text"`
	Concept   string            `json:"concept"`
	Term      string            `json:"term"`
	Ambiguous bool              `json:"ambiguous,omitempty"`
	Nested    bool              `json:"nested,omitempty"`
	Folded    bool              `json:"folded,omitempty"`
	Number    string            `json:"number,omitempty"`
	Gender    string            `json:"gender,omitempty"`
	Targets   map[string]string `json:"targets"`
	Also      []string          `json:"also,omitempty"`
}

func runGlossaryLookup(d *deps, opts *glossaryLookupOptions) error {
	tb, err := loadTermbase(opts.cfg)
	if err != nil {
		return err
	}
	var mopts []glossary.Option
	if opts.fold {
		mopts = append(mopts, glossary.WithDiacriticFolding())
	}
	m := glossary.NewMatcher(tb, opts.cfg.SourceLang(), mopts...)
	targets := opts.cfg.TargetLangs()
	var texts []string
	if opts.stdin {
		data, err := io.ReadAll(d.ios.In)
		if err != nil {
			return fmt.Errorf("glossary lookup: read standard input: %w", err)
		}
		texts = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	} else {
		texts = []string{opts.text}
	}
	hits := []lookupHit{}
	for i, text := range texts {
		text = strings.TrimSuffix(text, "\r")
		for _, h := range m.Lookup(text, targets...) {
			lh := lookupHit{Start: h.Span.Start, End: h.Span.End, Text: h.Text, Concept: h.Concept.ID, Term: h.Term.Text,
				Ambiguous: h.Ambiguous, Nested: h.Nested, Folded: h.Folded, Targets: map[string]string{}}
			if opts.stdin {
				lh.Line = i + 1
			}
			if h.InflectedPlural() {
				lh.Number = string(h.Number)
			}
			if h.InflectedFeminine() {
				lh.Gender = string(h.Gender)
			}
			for t, s := range h.Targets {
				lh.Targets[t.String()] = s
			}
			for _, s := range h.Also {
				lh.Also = append(lh.Also, s.Concept.ID)
			}
			hits = append(hits, lh)
		}
	}
	if opts.format == "json" {
		return writeJSON(d.ios.Out, hits)
	}
	w := bufio.NewWriter(d.ios.Out)
	for _, h := range hits {
		if h.Line > 0 {
			fmt.Fprintf(w, "%d:", h.Line)
		}
		var tg []string
		for _, t := range targets {
			s, ok := h.Targets[t.String()]
			if !ok {
				s = "(none)"
			}
			tg = append(tg, t.String()+": "+s)
		}
		fmt.Fprintf(w, "%d-%d\t%s\t→ %s\t(concept %s)", h.Start, h.End, h.Text, strings.Join(tg, " · "), h.Concept)
		for _, mark := range []struct {
			on   bool
			name string
		}{{h.Ambiguous, "ambiguous"}, {h.Nested, "nested"}, {h.Number != "", "plural"}, {h.Gender != "", "feminine"}, {h.Folded, "folded"}} {
			if mark.on {
				fmt.Fprintf(w, " [%s]", mark.name)
			}
		}
		if len(h.Also) > 0 {
			fmt.Fprintf(w, " (also %s)", strings.Join(h.Also, ", "))
		}
		fmt.Fprintln(w)
	}
	if len(hits) == 0 {
		fmt.Fprintln(d.ios.ErrOut, "relais: no term of the termbase found")
	}
	return w.Flush()
}

// ---- import

type glossaryImportOptions struct {
	cfg    config.Config
	file   string
	output string
}

func newGlossaryImportCmd(d *deps) *cobra.Command {
	opts := &glossaryImportOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Add a termbase file (TBX, TSV, CSV) to the project's termbase",
		Long: `import reads FILE (TBX v3 or 2008, TSV or CSV), reports its faults as warnings,
and merges it into the project's termbase: the file named by -o, else the
first termbase of "glossary:" in relais.yaml (or --glossary), else
glossary.tbx in the working folder. A concept of FILE replaces the concept
with the same ID; the result is written in the format of the destination's
extension, atomically. A file with an error changes nothing.

When the destination is glossary.tbx by default, add "glossary: [glossary.tbx]"
to relais.yaml (or pass --glossary glossary.tbx) for the other commands to
use it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg, opts.file = cfg, args[0]
			return runGlossaryImport(d, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "termbase to write (default: the first configured termbase, else glossary.tbx)")
	cmd.Flags().String("from", config.Default().From, "source language: terms are required in it")
	cmd.Flags().StringSlice("to", config.Default().To, "target languages: terms are required in them")
	return cmd
}

func runGlossaryImport(d *deps, opts *glossaryImportOptions) error {
	in, err := readTermbaseFile(opts.file)
	if err != nil {
		return err
	}
	dest, configured := opts.output, true
	if dest == "" && len(opts.cfg.Glossary) > 0 {
		dest = opts.cfg.Glossary[0]
	}
	if dest == "" {
		dest, configured = defaultImport, false
	}
	format, err := glossary.FormatOf(dest)
	if err != nil {
		return &usageError{err}
	}
	for _, f := range glossary.Validate(in, requiredLangs(opts.cfg)...) {
		fmt.Fprintf(d.ios.ErrOut, "relais: warning: %s\n", glossary.FormatFinding(f))
	}
	var base *glossary.Termbase
	if _, err := os.Stat(dest); err == nil {
		if base, err = readTermbaseFile(dest); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("glossary import: %w", err)
	}
	merged, added, replaced := glossary.Update(base, in)
	var b bytes.Buffer
	if err := glossary.Write(&b, merged, format); err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(dest, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("glossary import: %w", err)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: imported %d concept(s) from %s into %s (%d new, %d replaced); it now has %d\n",
		len(in.Concepts), opts.file, dest, added, replaced, len(merged.Concepts))
	if !configured {
		fmt.Fprintf(d.ios.ErrOut, "relais: to use it, add \"glossary: [%s]\" to relais.yaml or pass --glossary %s\n", dest, dest)
	}
	return nil
}

// ---- export

type glossaryExportOptions struct {
	cfg    config.Config
	format string
	output string
}

func newGlossaryExportCmd(d *deps) *cobra.Command {
	opts := &glossaryExportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the merged termbase (shipped and project) as TBX or TSV",
		Long: `export writes the termbase relais uses, the shipped one and the project's
merged, as TBX v3 (TBX-Basic) or TSV (or CSV), to the standard output or to
the file named by -o (written atomically).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			if err := checkEnum("format", opts.format, "tbx", "tsv", "csv"); err != nil {
				return err
			}
			return runGlossaryExport(d, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "tbx", "output format: tbx, tsv or csv")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

func runGlossaryExport(d *deps, opts *glossaryExportOptions) error {
	tb, err := loadTermbase(opts.cfg)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := glossary.Write(&b, tb, glossary.Format(opts.format)); err != nil {
		return err
	}
	if opts.output == "" {
		_, err := d.ios.Out.Write(b.Bytes())
		return err
	}
	if err := fsutil.WriteFileAtomic(opts.output, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("glossary export: %w", err)
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: %d concept(s) written to %s\n", len(tb.Concepts), opts.output)
	return nil
}

// ---- validate

type glossaryValidateOptions struct {
	cfg   config.Config
	files []string
}

func newGlossaryValidateCmd(d *deps) *cobra.Command {
	opts := &glossaryValidateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check termbase files; exit 1 on any finding",
		Long: `validate reads each FILE (TBX, TSV or CSV), or without FILE the termbases in use
(the shipped one unless --no-default-glossary, and the project's), and
prints one finding per line as "path:line:col: message [rule]":

  malformed            the file cannot be read: bad XML, bad language tag, unknown value
  duplicate-id         two concepts with one ID
  duplicate-term       one term in two concepts (mark them ambiguous if both are meant)
  preferred-forbidden  a term preferred in one place and deprecated in another
  missing-language     a concept with no allowed term in --from or a --to language
  no-term              a concept without any term

Each file is checked on its own. The exit code is 1 when there is any
finding.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg, opts.files = cfg, args
			return runGlossaryValidate(d, opts)
		},
	}
	def := config.Default()
	cmd.Flags().String("from", def.From, "source language: every concept needs a term in it")
	cmd.Flags().StringSlice("to", def.To, "target languages: every concept needs a term in each")
	return cmd
}

func requiredLangs(cfg config.Config) []language.Tag {
	return append([]language.Tag{cfg.SourceLang()}, cfg.TargetLangs()...)
}

func runGlossaryValidate(d *deps, opts *glossaryValidateOptions) error {
	langs := requiredLangs(opts.cfg)
	type source struct {
		name string
		read func() (*glossary.Termbase, error)
	}
	var sources []source
	for _, f := range opts.files {
		sources = append(sources, source{f, func() (*glossary.Termbase, error) { return readTermbaseFile(f) }})
	}
	if len(opts.files) == 0 {
		if !opts.cfg.NoDefaultGlossary {
			sources = append(sources, source{shippedDir, func() (*glossary.Termbase, error) { return glossary.LoadFS(shipped.FS, shippedDir) }})
		}
		for _, f := range opts.cfg.Glossary {
			sources = append(sources, source{f, func() (*glossary.Termbase, error) { return readTermbaseFile(f) }})
		}
		if len(sources) == 0 {
			return &usageError{errors.New("glossary validate: nothing to validate: name files, or drop --no-default-glossary")}
		}
	}
	n, concepts := 0, 0
	w := bufio.NewWriter(d.ios.Out)
	for _, s := range sources {
		tb, readErr := s.read()
		findings, err := glossary.ValidateRead(tb, readErr, langs...)
		if err != nil {
			return err
		}
		if readErr == nil {
			concepts += len(tb.Concepts)
		}
		for _, f := range findings {
			fmt.Fprintln(w, glossary.FormatFinding(f))
		}
		n += len(findings)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(d.ios.ErrOut, "relais: %d termbase(s), %d concept(s), %d finding(s)\n", len(sources), concepts, n)
	if n > 0 {
		return &FindingsError{Count: n}
	}
	return nil
}

// ---- helpers

func checkEnum(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return &usageError{fmt.Errorf("--%s %q: want %s", flag, value, strings.Join(allowed, ", "))}
}

func parseLang(flag, value string) (language.Tag, error) {
	t, err := language.Parse(value)
	if err != nil {
		return language.Und, &usageError{fmt.Errorf("--%s %q is not a language tag (BCP 47, like fr or es-419)", flag, value)}
	}
	return t, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
