package pipeline

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/tmfile"
	"github.com/relais-tm/relais/pkg/xliff"
)

// ReviewFile is what one reviewed XLIFF file gives the memory (relais
// review import).
type ReviewFile struct {
	Path    string        // the file, as named
	Lang    language.Tag  // its target language
	Units   []memory.Unit // the segments taken, in the file's order
	Skipped int           // segments at a state not accepted, or without a target
	// Docs are the documents of the file (one per <file> element: the
	// review page's export holds one per article), with the segments
	// taken, for ApplyReviews and the checks.
	Docs []ReviewedDoc
}

// ReviewedDoc is one document of a reviewed XLIFF file: its source's path
// inside the batch (the <file>'s original attribute) and the segments
// taken from it, in order.
type ReviewedDoc struct {
	Original string
	Segments []xliff.Part
}

// Reviews are the reviewed XLIFF files of one review import, read before
// anything is stored.
type Reviews []ReviewFile

// CheckFiles returns the reviewed segments of rs as the checks of
// package qa read them, one file per document of each XLIFF file, its
// source in from, findings located in the document.
func (rs Reviews) CheckFiles(from language.Tag) []*qa.File {
	var out []*qa.File
	for _, rf := range rs {
		for _, doc := range rf.Docs {
			f := &qa.File{Path: rf.Path, Source: doc.Original, SrcLang: from, Lang: rf.Lang, States: true, CodesByID: true}
			for _, s := range doc.Segments {
				f.Pairs = append(f.Pairs, qa.Pair{ID: s.ID, Source: s.Source, Target: s.Target, State: s.State,
					At: finding.Location{Path: doc.Original}})
			}
			out = append(out, f)
		}
	}
	return out
}

// ReadReviews reads every XLIFF file that paths name or hold (folders are
// walked as loader.XLIFFFiles does) with ReviewUnits, and stops at the
// first file in error: an import stores all the files or none.
func ReadReviews(paths []string, accept []document.State, author string) (Reviews, error) {
	files, err := loader.XLIFFFiles(paths)
	if err != nil {
		return nil, err
	}
	rs := make(Reviews, 0, len(files))
	for _, p := range files {
		rf, err := ReviewUnits(p, accept, author)
		if err != nil {
			return nil, err
		}
		rs = append(rs, rf)
	}
	return rs, nil
}

// Units returns the units of every file, in order, for one memory.Store.Put.
func (rs Reviews) Units() []memory.Unit {
	var all []memory.Unit
	for _, rf := range rs {
		all = append(all, rf.Units...)
	}
	return all
}

// ReviewUnits reads the XLIFF file at path and returns, as memory units,
// its segments whose state is one of accept and whose target is not empty,
// with author recorded on each. A unit's context (Prev, Next) is that of
// its segment among all the segments of its document (its <file>: the
// review page's export holds one per article), computed by
// memory.Neighbours as the batch computes it over the source document, so
// that the unit is found in context when the document is translated again.
// The file's documents and the segments taken are also in Docs, for
// ApplyReviews and the checks.
// A reviewed or final segment enters as a person's work; a segment still
// translated keeps its origin (a machine translation stays a machine unit).
//
// A file that cannot be read, is not XLIFF, or has no target language is
// an error naming it.
func ReviewUnits(path string, accept []document.State, author string) (ReviewFile, error) {
	rf := ReviewFile{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return rf, fsutil.PathErr(path, err)
	}
	defer f.Close()
	x, err := xliff.Read(path, f)
	if err != nil {
		return rf, err
	}
	if x.TrgLang.IsRoot() {
		return rf, fmt.Errorf("%s: the file has no target language (trgLang)", path)
	}
	taken := map[document.State]bool{}
	for _, s := range accept {
		taken[s] = true
	}
	take := func(p xliff.Part) bool { return p.Target != nil && p.Target.Key() != "" && taken[p.State] }
	rf.Lang = x.TrgLang
	for _, doc := range splitFiles(x) {
		units, skipped := tmfile.XLIFFUnits(doc, take, author)
		rf.Units = append(rf.Units, units...)
		rf.Skipped += skipped
		rd := ReviewedDoc{Original: doc.Original}
		for _, u := range doc.Units {
			for _, p := range u.Parts {
				if p.Kind == xliff.Segment && take(p) {
					rd.Segments = append(rd.Segments, p)
				}
			}
		}
		rf.Docs = append(rf.Docs, rd)
	}
	return rf, nil
}

// splitFiles returns one file per <file> element of x, each the units of
// one document, so that the context of a segment is computed among the
// segments of its own document, as the batch computes it. Each file's ID
// is its units' Unit.File (empty for the first <file> element).
func splitFiles(x *xliff.File) []*xliff.File {
	var out []*xliff.File
	for _, u := range x.Units {
		if len(out) == 0 || u.File != out[len(out)-1].ID {
			f := &xliff.File{SrcLang: x.SrcLang, TrgLang: x.TrgLang, ID: u.File, Original: x.Originals[u.File]}
			if u.File == "" {
				f.Original = x.Original
			}
			out = append(out, f)
		}
		last := out[len(out)-1]
		last.Units = append(last.Units, u)
	}
	return out
}
