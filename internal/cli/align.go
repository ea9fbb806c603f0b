package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/align"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/langid"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/xliff"
)

// alignOptions are the parsed arguments of `relais align`.
type alignOptions struct {
	cfg              config.Config
	src, tgt         string // one pair of files, or two folders with --source and --target
	lang             string
	pairBy           string
	output, format   string
	minScore         float64
	intoMemory       bool
	maxLengthRatio   float64
	expectedLanguage bool // check each file's language (langid)
}

// Default of --min-score: a bead at least as likely a translation as not.
const defaultMinScore = 0.5

// alignFormats are the formats of `relais align`'s output.
var alignFormats = []string{"tmx", "tsv", "xliff"}

func newAlignCmd(d *deps) *cobra.Command {
	opts := &alignOptions{}
	def := config.Default()
	cmd := &cobra.Command{
		Use:   "align SRC TGT | --source DIR --target DIR",
		Short: "Align published translations with their sources, sentence by sentence, into memory units",
		Long: `align pairs an article with its published translation sentence by sentence and
writes the pairs as memory units: relais align SRC TGT --lang en for one
article, relais align --source DIR --target DIR --lang en for an archive.

Files of two folders pair by relative path, or by the conventions of sites:
NAME.fr.md with NAME.en.md or NAME.md; fr/... with en/... at any depth
(Hugo); docs/... and blog/... with i18n/en/docusaurus-plugin-content-docs/
current/... and i18n/en/docusaurus-plugin-content-blog/... (Docusaurus).
--source and --target may name the same folder. --pair-by gives the target
path of a source when no convention fits, with the fields {dir} {name} {ext}
{from} {to} {path}: --pair-by "{dir}{name}.{to}{ext}". Unpaired files are
listed.

Blocks (headings, paragraphs, list items, table cells) are paired first, then
the sentences inside them; a paragraph present on one side only, sentences
merged or left out, list items swapped are found. The source is translated
with the engine (--mt, the memory's cache of translations applies) and the
translation compared with the target; --mt none aligns by lengths, numbers,
names and termbase terms alone, less accurately.

Each pair has a confidence from 0 to 1; those at --min-score or more are
accepted. -o FILE writes them as TMX 1.4b (.tmx, the default), TSV (.tsv:
score, source, target, files, lines) or an XLIFF 2.0 review file (.xlf,
.xliff: accepted pairs at state translated, the others at initial, for a
reviewer to fix and import with relais memory import); --format overrides
the extension. Without -o, the TSV goes to stdout. --into-memory puts the
accepted pairs into the memory in one transaction, as a person's
translations, with the file they came from.

A source or target in the wrong language, a binary file or a missing file
stops the run with exit 2 before anything is written; two files of wildly
different lengths are aligned with a warning, and their pairs are not
accepted.`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, d)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			source, _ := cmd.Flags().GetString("source")
			target, _ := cmd.Flags().GetString("target")
			switch {
			case len(args) == 2 && source == "" && target == "":
				opts.src, opts.tgt = args[0], args[1]
			case len(args) == 0 && source != "" && target != "":
				opts.src, opts.tgt = source, target
			default:
				return &usageError{errors.New("give a source and its translation (relais align SRC TGT), or two folders (--source DIR --target DIR)")}
			}
			if opts.minScore < 0 || opts.minScore > 1 {
				return &usageError{fmt.Errorf("--min-score %v: want a number from 0 to 1", opts.minScore)}
			}
			if opts.format != "" {
				if err := checkEnum("format", opts.format, alignFormats...); err != nil {
					return err
				}
			}
			return runAlign(cmd.Context(), d, opts)
		},
	}
	f := cmd.Flags()
	f.String("source", "", "folder of source documents, paired with --target")
	f.String("target", "", "folder of translated documents")
	f.StringVar(&opts.lang, "lang", "", "language of the translations (default: the one target language of the configuration)")
	f.StringVar(&opts.pairBy, "pair-by", "", "target path of a source, from its fields: {dir} {name} {ext} {from} {to} {path}")
	f.StringVarP(&opts.output, "output", "o", "", "write the pairs to FILE: .tmx (TMX 1.4b, the default), .tsv, .xlf/.xliff (XLIFF 2.0 review file)")
	f.StringVar(&opts.format, "format", "", "format of the output: tmx, tsv or xliff (default: from the extension of -o; tsv on stdout)")
	f.Float64Var(&opts.minScore, "min-score", defaultMinScore, "confidence from 0 to 1 at which a pair is accepted")
	f.BoolVar(&opts.intoMemory, "into-memory", false, "put the accepted pairs into the memory (--memory), in one transaction")
	f.Float64Var(&opts.maxLengthRatio, "max-length-ratio", 2.5, "warn about, and accept no pair of, two files whose lengths differ by more than this factor")
	f.BoolVar(&opts.expectedLanguage, "check-language", true, "stop when a file is not in the language expected (--check-language=false: align anyway)")
	f.String("from", def.From, "source language")
	f.String("memory", def.Memory, "segment memory: a SQLite file or a postgres:// DSN")
	f.String("mt", def.MT.Engine, "machine translation that helps to align: auto (Apertium when installed; never a remote service), none, apertium, apy, or a remote service named on purpose: deepl, libretranslate, openai")
	f.String("apy-url", "", "address of an Apertium APy server, for --mt apy")
	f.Bool("mt-cache", def.MT.Cache, "take machine translations from the memory's cache and keep new ones there")
	f.String("segmentation", "", "SRX 2.0 file of segmentation rules")
	f.StringSlice("glossary", nil, "the project's termbases (TBX, TSV or CSV), added to the shipped one")
	f.Bool("no-default-glossary", false, "leave out the shipped termbase")
	return cmd
}

// alignedFile is one pair of documents and what the aligner made of it.
type alignedFile struct {
	srcPath    string // on disk
	tgtPath    string
	src, tgt   *document.Document
	sSegs      []*document.Segment
	tSegs      []*document.Segment
	beads      []align.Bead
	lengthsOff bool // lengths too different: no pair accepted
}

func runAlign(ctx context.Context, d *deps, o *alignOptions) error {
	cfg := o.cfg
	lang := o.lang
	if lang == "" {
		if len(cfg.To) != 1 {
			return &usageError{fmt.Errorf("--lang: which language are the translations in? (the configuration has %s)", strings.Join(cfg.To, ", "))}
		}
		lang = cfg.To[0]
	}
	tgtLang, err := parseLang("lang", lang)
	if err != nil {
		return err
	}
	srcLang := cfg.SourceLang()
	if memory.SameBase(srcLang, tgtLang) {
		return &usageError{fmt.Errorf("--lang %s is the source language: name the translations' language", lang)}
	}
	cfg.To = []string{lang}
	format, err := alignFormat(o)
	if err != nil {
		return err
	}
	say := func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: %s\n", msg) }
	warn := func(msg string) { fmt.Fprintf(d.ios.ErrOut, "relais: warning: %s\n", msg) }

	docs, err := newLoader(cfg)
	if err != nil {
		return err
	}
	pairs, err := alignPairs(o, docs, srcLang, tgtLang, warn)
	if err != nil {
		return err
	}
	files := make([]*alignedFile, len(pairs))
	id := langid.New()
	for i, p := range pairs {
		f, err := loadAlignPair(docs, p, srcLang, tgtLang)
		if err != nil {
			return err
		}
		if o.expectedLanguage {
			if err := checkLanguage(id, f.srcPath, f.src, srcLang); err != nil {
				return err
			}
			if err := checkLanguage(id, f.tgtPath, f.tgt, tgtLang); err != nil {
				return err
			}
		}
		files[i] = f
	}

	tb, err := loadTermbase(cfg)
	if err != nil {
		return err
	}
	var mem memory.Store
	if o.intoMemory || cfg.MT.Engine != "none" {
		if mem, err = openMemory(ctx, cfg, tb); err != nil {
			return err
		}
		defer mem.Close()
	}
	tr, err := newTranslator(ctx, cfg, d.environ, tb, mem, say, warn)
	if err != nil {
		return err
	}
	if tr == nil {
		say("aligning without machine translation (--mt none): by structure, lengths, numbers, names and termbase terms alone, less accurate than with an engine: short sentences that share none of these get low scores and are left below --min-score for review")
	}
	srcTerms, tgtTerms := glossary.NewMatcher(tb, srcLang), glossary.NewMatcher(tb, tgtLang)
	aligner := align.New(align.Options{Ratio: align.LengthRatio(tgtLang)})
	var stats alignStats
	for _, f := range files {
		ss, sSegs := align.Segments(f.src)
		ts, tSegs := align.Segments(f.tgt)
		f.sSegs, f.tSegs = sSegs, tSegs
		if tr != nil && len(sSegs) > 0 {
			req := mt.Request{From: srcLang, To: tgtLang, Segments: make([]document.Content, len(sSegs))}
			for i, s := range sSegs {
				req.Segments[i] = s.Source
			}
			res, err := tr.Translate(ctx, req)
			if err != nil {
				return fmt.Errorf("%s: machine translation: %w", f.srcPath, err)
			}
			for i := range ss {
				if i < len(res) && res[i].Err == nil {
					ss[i].MT = res[i].Target.Plain()
				}
			}
		}
		for i := range ss {
			ss[i].Terms = srcTerms.ConceptIDs(ss[i].Text)
		}
		for i := range ts {
			ts[i].Terms = tgtTerms.ConceptIDs(ts[i].Text)
		}
		if ratio := lengthsRatio(ss, ts); ratio > o.maxLengthRatio {
			f.lengthsOff = true
			warn(fmt.Sprintf("%s and %s differ in length by a factor of %.1f (more than --max-length-ratio %.1f): not a translation of each other, or one is incomplete; its pairs are not accepted (they are in the review XLIFF)", f.srcPath, f.tgtPath, ratio, o.maxLengthRatio))
		}
		f.beads = aligner.Align(nil, ss, ts)
		stats.add(f, o.minScore)
	}

	out := alignOutput{files: files, minScore: o.minScore, srcLang: srcLang, tgtLang: tgtLang, now: now(d)}
	if o.output != "" || !o.intoMemory {
		var buf bytes.Buffer
		if err := out.write(&buf, format); err != nil {
			return err
		}
		if o.output == "" {
			if _, err := d.ios.Out.Write(buf.Bytes()); err != nil {
				return err
			}
		} else if err := fsutil.WriteFileAtomic(o.output, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("-o: %w", err)
		}
	}
	stats.print(say, len(files))
	if o.intoMemory {
		units := out.units()
		start := time.Now()
		res, err := mem.Put(ctx, memory.Units(units...))
		if err != nil {
			return fmt.Errorf("--into-memory: %w (nothing was imported)", err)
		}
		say(fmt.Sprintf("memory: %d aligned pair(s) put in one transaction: %s (%.1f s)", len(units), putCounts(res), time.Since(start).Seconds()))
	}
	return nil
}

// alignFormat decides the output's format: --format, else the extension
// of -o (TMX when it says nothing), else TSV on stdout.
func alignFormat(o *alignOptions) (string, error) {
	if o.format != "" {
		return o.format, nil
	}
	if o.output == "" {
		return "tsv", nil
	}
	switch strings.ToLower(filepath.Ext(o.output)) {
	case ".tsv", ".txt":
		return "tsv", nil
	case ".xlf", ".xliff":
		return "xliff", nil
	}
	return "tmx", nil
}

// alignPairs lists the pairs of files to align: the two files named, or the
// files of the two folders paired by path and by site conventions. It
// lists the files left unpaired through warn.
func alignPairs(o *alignOptions, docs *loader.Loader, from, to language.Tag, warn func(string)) ([]align.FilePair, error) {
	si, err := os.Stat(o.src)
	if err != nil {
		return nil, fsutil.PathErr(o.src, err)
	}
	ti, err := os.Stat(o.tgt)
	if err != nil {
		return nil, fsutil.PathErr(o.tgt, err)
	}
	if !si.IsDir() && !ti.IsDir() {
		return []align.FilePair{{Source: o.src, Target: o.tgt}}, nil
	}
	if !si.IsDir() || !ti.IsDir() {
		return nil, &usageError{fmt.Errorf("%s and %s: give two files or two folders", o.src, o.tgt)}
	}
	list := func(root string) ([]string, error) {
		var out []string
		err := loader.WalkFiles(root, func(p string) error {
			if _, ok := docs.Codecs().ForPath(p); !ok {
				return nil // a file of no format relais reads
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
			return nil
		})
		return out, err
	}
	srcs, err := list(o.src)
	if err != nil {
		return nil, err
	}
	tgts, err := list(o.tgt)
	if err != nil {
		return nil, err
	}
	popts := align.PairOptions{From: memory.Base(from), To: memory.Base(to), SameFolder: filepath.Clean(o.src) == filepath.Clean(o.tgt)}
	if o.pairBy != "" {
		if popts.Pattern, err = align.ParsePattern(o.pairBy); err != nil {
			return nil, &usageError{fmt.Errorf("--pair-by: %w", err)}
		}
	}
	p := align.PairFiles(srcs, tgts, popts)
	for _, s := range p.Unpaired {
		warn(fmt.Sprintf("%s: no translation found in %s (unpaired source)", filepath.Join(o.src, s), o.tgt))
	}
	for _, t := range p.Unused {
		warn(fmt.Sprintf("%s: no source found in %s (unpaired translation)", filepath.Join(o.tgt, t), o.src))
	}
	if len(p.Pairs) == 0 {
		return nil, fmt.Errorf("%s and %s: no pair of files to align (same relative paths, NAME.%s.md and NAME.%s.md, %s/ and %s/ folders, or --pair-by PATTERN)",
			o.src, o.tgt, popts.From, popts.To, popts.From, popts.To)
	}
	out := make([]align.FilePair, len(p.Pairs))
	for i, fp := range p.Pairs {
		out[i] = align.FilePair{Source: filepath.Join(o.src, filepath.FromSlash(fp.Source)), Target: filepath.Join(o.tgt, filepath.FromSlash(fp.Target))}
	}
	return out, nil
}

// loadAlignPair reads, decodes, extracts and segments the two files of p.
func loadAlignPair(docs *loader.Loader, p align.FilePair, from, to language.Tag) (*alignedFile, error) {
	sd, err := docs.Load(loader.Source{Disk: p.Source, Rel: filepath.ToSlash(p.Source)}, from)
	if err != nil {
		return nil, err
	}
	td, err := docs.Load(loader.Source{Disk: p.Target, Rel: filepath.ToSlash(p.Target)}, to)
	if err != nil {
		return nil, err
	}
	return &alignedFile{srcPath: p.Source, tgtPath: p.Target, src: sd.Doc, tgt: td.Doc}, nil
}

// Thresholds of the language check: enough words, and a clear margin.
const (
	alignLangWords  = 20
	alignLangMargin = 0.3
)

// checkLanguage fails when doc, read from path, is clearly in another
// language than lang (among those langid knows).
func checkLanguage(id *langid.Identifier, path string, doc *document.Document, lang language.Tag) error {
	var b strings.Builder
	for _, s := range doc.Segments() {
		b.WriteString(s.Source.Plain())
		b.WriteByte(' ')
	}
	r := id.Identify(b.String())
	want := memory.Base(lang)
	if _, known := r.Scores[want]; !known || r.Words < alignLangWords || r.Lang == want {
		return nil
	}
	if r.Scores[r.Lang]-r.Scores[want] < alignLangMargin {
		return nil
	}
	return fmt.Errorf("%s: the text reads as %s, not %s: are source and translation swapped, or --lang wrong? (--check-language=false aligns it anyway)", path, r.Lang, want)
}

// lengthsRatio returns how many times longer the longer text is.
func lengthsRatio(ss, ts []align.Sentence) float64 {
	var a, b int
	for _, s := range ss {
		a += utf8.RuneCountInString(s.Text)
	}
	for _, t := range ts {
		b += utf8.RuneCountInString(t.Text)
	}
	if a == 0 || b == 0 {
		if a == b {
			return 1
		}
		return float64(max(a, b))
	}
	return float64(max(a, b)) / float64(min(a, b))
}

// alignStats counts what the aligner found.
type alignStats struct {
	accepted, rejected, srcAlone, tgtAlone, merged int
}

func (s *alignStats) add(f *alignedFile, minScore float64) {
	for _, b := range f.beads {
		switch {
		case b.Target.Len() == 0:
			s.srcAlone += b.Source.Len()
		case b.Source.Len() == 0:
			s.tgtAlone += b.Target.Len()
		case accepted(f, b, minScore):
			s.accepted++
			if b.Source.Len() > 1 || b.Target.Len() > 1 {
				s.merged++
			}
		default:
			s.rejected++
		}
	}
}

func (s *alignStats) print(say func(string), files int) {
	say(fmt.Sprintf("%d file pair(s): %d pair(s) accepted (%d of several sentences on one side), %d below --min-score (in the review XLIFF), %d source and %d target sentence(s) without a counterpart",
		files, s.accepted, s.merged, s.rejected, s.srcAlone, s.tgtAlone))
}

func accepted(f *alignedFile, b align.Bead, minScore float64) bool {
	return b.Source.Len() > 0 && b.Target.Len() > 0 && !f.lengthsOff && b.Confidence >= minScore
}

// alignOutput writes the pairs of the aligned files.
type alignOutput struct {
	files            []*alignedFile
	minScore         float64
	srcLang, tgtLang language.Tag
	now              time.Time
}

// content joins the contents of segs[r] with blanks.
func content(segs []*document.Segment, r align.Range) document.Content {
	var c document.Content
	for k := r.Start; k < r.End; k++ {
		if k > r.Start {
			c = append(c, document.Run{Text: " "})
		}
		c = append(c, segs[k].Source...)
	}
	return c
}

// lineSpan returns the lines segs[r] spans in d: "12" or "12-14".
func lineSpan(d *document.Document, segs []*document.Segment, r align.Range) string {
	a := d.Position(segs[r.Start].Span.Start).Line
	b := d.Position(max(segs[r.End-1].Span.End-1, segs[r.End-1].Span.Start)).Line
	if a == b {
		return strconv.Itoa(a)
	}
	return strconv.Itoa(a) + "-" + strconv.Itoa(b)
}

// alignedProp marks the units relais align made, in TMX and in the
// memory: the memory has no origin "aligned", so they are a person's
// translations (human) with this property, whose value is the confidence.
const alignedProp = "x-relais-aligned"

// units returns the accepted pairs as memory units: a person's
// translations, at state translated, with the document they came from,
// the confidence as a property, and as context the source sentences
// around them in their document.
func (o *alignOutput) units() []memory.Unit {
	var out []memory.Unit
	for _, f := range o.files {
		keys := make([]string, len(f.sSegs))
		for i, s := range f.sSegs {
			keys[i] = s.Source.Key()
		}
		for _, b := range f.beads {
			if !accepted(f, b, o.minScore) {
				continue
			}
			u := memory.Unit{SrcLang: o.srcLang, TgtLang: o.tgtLang, Source: content(f.sSegs, b.Source), Target: content(f.tSegs, b.Target),
				Doc: filepath.ToSlash(f.srcPath), Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated,
				Created: o.now, Changed: o.now, Props: []memory.Prop{{Type: alignedProp, Value: strconv.FormatFloat(b.Confidence, 'f', 2, 64)}}}
			u.Prev, _ = memory.Neighbours(keys, b.Source.Start)
			_, u.Next = memory.Neighbours(keys, b.Source.End-1)
			out = append(out, u)
		}
	}
	return out
}

func (o *alignOutput) write(w io.Writer, format string) error {
	switch format {
	case "tmx":
		t := memory.NewTMXWriter(w, memory.TMXHeader{SrcLang: o.srcLang, Tool: "relais", Version: relaisVersion()})
		for _, u := range o.units() {
			if err := t.Write(u); err != nil {
				return err
			}
		}
		return t.Close()
	case "xliff":
		return o.writeXLIFF(w)
	}
	fmt.Fprintln(w, "score\tsource\ttarget\tsource_file\tsource_lines\ttarget_file\ttarget_lines")
	cell := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, f := range o.files {
		for _, b := range f.beads {
			if !accepted(f, b, o.minScore) {
				continue
			}
			fmt.Fprintf(w, "%.2f\t%s\t%s\t%s\t%s\t%s\t%s\n", b.Confidence,
				cell.Replace(content(f.sSegs, b.Source).Plain()), cell.Replace(content(f.tSegs, b.Target).Plain()),
				filepath.ToSlash(f.srcPath), lineSpan(f.src, f.sSegs, b.Source), filepath.ToSlash(f.tgtPath), lineSpan(f.tgt, f.tSegs, b.Target))
		}
	}
	return nil
}

// writeXLIFF writes the review file: one <file> per pair of documents, one
// unit per pair of sentences, at state translated when accepted and
// initial when not; sentences without a counterpart are left out.
func (o *alignOutput) writeXLIFF(w io.Writer) error {
	x := &xliff.File{SrcLang: o.srcLang, TrgLang: o.tgtLang}
	for k, f := range o.files {
		fileID := ""
		if k == 0 {
			x.Original = filepath.ToSlash(f.srcPath)
		} else {
			fileID = "f" + strconv.Itoa(k+1)
		}
		n := 0
		for _, b := range f.beads {
			if b.Source.Len() == 0 || b.Target.Len() == 0 {
				continue
			}
			n++
			state := document.Initial
			if accepted(f, b, o.minScore) {
				state = document.Translated
			}
			id := "a" + strconv.Itoa(n)
			x.Units = append(x.Units, xliff.Unit{ID: id, File: fileID, Kind: document.Paragraph, Name: lineSpan(f.src, f.sSegs, b.Source) + "=" + lineSpan(f.tgt, f.tSegs, b.Target),
				Parts: []xliff.Part{{Kind: xliff.Segment, ID: id + "s1", Source: content(f.sSegs, b.Source), Target: content(f.tSegs, b.Target),
					State: state, Origin: document.Origin{Kind: document.FromHuman}}}})
		}
	}
	return xliff.Write(w, x)
}
