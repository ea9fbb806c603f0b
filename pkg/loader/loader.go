package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/format/plaintext"
	"github.com/relais-tm/relais/pkg/segment"
)

// ErrNoSources is wrapped by the error of Collect when the paths hold no
// source file.
var ErrNoSources = errors.New("no source files")

// Options configure a Loader; they are what relais.yaml says about reading
// documents.
type Options struct {
	From            language.Tag // the source language
	FrontMatterKeys []string     // Markdown front-matter keys whose values are translated
	// Dialect pins the site generator whose Markdown syntax is read
	// (markdown.WithDialect); "" reads every generator's.
	Dialect markdown.Dialect
	// Shortcodes are bracket shortcode names to read besides the known
	// ones (markdown.WithShortcodes).
	Shortcodes []string
	// SRX holds segmentation rules for From (see segment.WithSRX); nil
	// leaves the built-in rules. Other languages always get the built-in
	// rules: an SRX file given for the source describes the source.
	SRX *segment.SRX
}

// Loader reads documents. Build it with New; it is safe for concurrent use
// by several goroutines.
type Loader struct {
	from   language.Tag
	srx    *segment.SRX
	codecs *format.Registry

	mu   sync.Mutex
	segs map[language.Tag]*segment.Rules
}

// New builds the codec registry (.txt: plaintext; .md, .markdown, .mdx:
// markdown with opts.FrontMatterKeys, Dialect and Shortcodes, which reads a
// .mdx page as MDX) and the segmenter of opts.From.
func New(opts Options) (*Loader, error) {
	codecs := &format.Registry{}
	codecs.Add(plaintext.New(), ".txt")
	md := []markdown.Option{markdown.WithFrontMatterKeys(opts.FrontMatterKeys...), markdown.WithShortcodes(opts.Shortcodes...)}
	if opts.Dialect != "" {
		md = append(md, markdown.WithDialect(opts.Dialect))
	}
	codecs.Add(markdown.New(md...), ".md", ".markdown", ".mdx")
	l := &Loader{from: opts.From, srx: opts.SRX, codecs: codecs, segs: map[language.Tag]*segment.Rules{}}
	if _, err := l.Segmenter(opts.From); err != nil {
		return nil, err
	}
	return l, nil
}

// From returns the source language.
func (l *Loader) From() language.Tag { return l.from }

// Codecs returns the codec registry. Callers use it to pick a codec (to
// merge a draft); they must not add to it.
func (l *Loader) Codecs() *format.Registry { return l.codecs }

// Segmenter returns the sentence rules of lang: with the SRX rules of the
// Options for the source language, the built-in rules for any other. The
// rules are built once per language.
func (l *Loader) Segmenter(lang language.Tag) (*segment.Rules, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.segs[lang]; ok {
		return r, nil
	}
	var opts []segment.Option
	if lang == l.from && l.srx != nil {
		opts = append(opts, segment.WithSRX(l.srx))
	}
	r, err := segment.New(lang, opts...)
	if err != nil {
		return nil, err
	}
	l.segs[lang] = r
	return r, nil
}

// Source is one source file of a batch.
type Source struct {
	Disk string // the path on disk, as found
	Rel  string // the slash path inside the batch: out/<lang>/<Rel>
}

// Collect expands paths into the source files of a batch and checks them
// before any is read. A file is taken by its base name, and must have an
// extension the codecs know; a folder is walked, its hidden subfolders
// (".git") skipped, and its regular files with a known extension taken by
// their path inside it. Two sources with the same Rel are an error naming
// both; paths holding no source file give an error wrapping ErrNoSources.
// The sources are sorted by Rel.
func (l *Loader) Collect(paths []string) ([]Source, error) {
	var srcs []Source
	seen := map[string]string{}
	add := func(disk, rel string) error {
		if prev, dup := seen[rel]; dup {
			return fmt.Errorf("%s and %s would both be written as %s: translate them in separate batches", prev, disk, rel)
		}
		seen[rel] = disk
		srcs = append(srcs, Source{Disk: disk, Rel: rel})
		return nil
	}
	for _, arg := range paths {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fsutil.PathErr(arg, err)
		}
		if !fi.IsDir() {
			if _, ok := l.codecs.ForPath(arg); !ok {
				return nil, l.unknown(arg)
			}
			if err := add(arg, path.Base(filepath.ToSlash(arg))); err != nil {
				return nil, err
			}
			continue
		}
		err = WalkFiles(arg, func(disk string) error {
			if _, ok := l.codecs.ForPath(disk); !ok {
				return nil
			}
			rel, err := filepath.Rel(arg, disk)
			if err != nil {
				return err
			}
			return add(disk, filepath.ToSlash(rel))
		})
		if err != nil {
			return nil, err
		}
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("%w: name .md, .markdown, .mdx or .txt files or folders that hold some", ErrNoSources)
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Rel < srcs[j].Rel })
	return srcs, nil
}

// hidden reports whether a folder is hidden: ".git", ".relais".
func hidden(d fs.DirEntry) bool { return strings.HasPrefix(d.Name(), ".") }

// WalkFiles calls visit with every regular file under the folder root, in
// lexical order, skipping its hidden subfolders (".git", ".relais"): the
// walk of every command that takes folders of files. An error reading the
// tree names the path it is about.
func WalkFiles(root string, visit func(path string) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fsutil.PathErr(p, err)
		}
		if d.IsDir() {
			if p != root && hidden(d) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return visit(p)
	})
}

// unknown is the error for a file no codec reads.
func (l *Loader) unknown(p string) error {
	return fmt.Errorf("%s: relais does not read this kind of file (it reads %s)", p, strings.Join(l.codecs.Extensions(), ", "))
}

// Loaded is a source file read and segmented.
type Loaded struct {
	Source
	Doc      *document.Document // Path is Source.Rel; Lang the language it was loaded in
	Encoding charset.Encoding   // how the file was stored
	Hash     string             // SHA-256 of the file's bytes (fsutil.Hash), as the manifest records it
}

// Load reads the file src.Disk, decodes it (UTF-8, UTF-16 or a legacy
// encoding charset.Decode recognizes), extracts it with the codec of its
// extension as the document src.Rel in language lang, and segments it with
// Segmenter(lang). Errors name src.Disk, with its line and column where
// there is one (a *document.PosError whose Path is src.Disk).
func (l *Loader) Load(src Source, lang language.Tag) (*Loaded, error) {
	seg, err := l.Segmenter(lang)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(src.Disk)
	if err != nil {
		return nil, fsutil.PathErr(src.Disk, err)
	}
	text, enc, err := charset.Decode(src.Disk, raw)
	if err != nil {
		return nil, err
	}
	codec, ok := l.codecs.ForPath(src.Disk)
	if !ok {
		return nil, l.unknown(src.Disk)
	}
	doc, err := codec.Extract(src.Rel, text)
	if err != nil {
		var pe *document.PosError
		if errors.As(err, &pe) {
			pe.Path = src.Disk
		}
		return nil, err
	}
	doc.Lang = lang
	seg.Document(doc)
	return &Loaded{Source: src, Doc: doc, Encoding: enc, Hash: fsutil.Hash(raw)}, nil
}
