package input

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/align"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/xliff"
)

// Loader reads check inputs.
type Loader struct {
	// Docs reads the documents: sources in its source language, with its
	// segmentation rules; targets with the built-in rules of theirs.
	Docs *loader.Loader
	// SourceRoot, for XLIFF input, is the folder the XLIFF files'
	// original paths are relative to; "" leaves source locations out.
	SourceRoot string
}

// XLIFF reads the XLIFF files named in paths (folders are walked as
// loader.XLIFFFiles does) and returns one qa.File each, in path order. A
// missing file or a malformed one is an error that names it.
func (l *Loader) XLIFF(paths []string) ([]*qa.File, error) {
	files, err := loader.XLIFFFiles(paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("no XLIFF files: name .xlf files or folders that hold some, or check documents with --source DIR --target DIR --lang LANG")
	}
	var out []*qa.File
	for _, p := range files {
		f, err := l.readXLIFF(p)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func (l *Loader) readXLIFF(p string) (*qa.File, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fsutil.PathErr(p, err)
	}
	shown := filepath.ToSlash(p)
	xf, err := xliff.Read(shown, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if xf.TrgLang == language.Und {
		return nil, &document.PosError{Path: shown, Err: errors.New("xliff: the file has no target language (trgLang): nothing to check")}
	}
	sc := scan(shown, data)
	f := &qa.File{Path: shown, Source: xf.Original, SrcLang: xf.SrcLang, Lang: xf.TrgLang, States: true, CodesByID: true}
	var srcDoc *document.Document
	srcPath := ""
	if l.SourceRoot != "" && xf.Original != "" {
		srcPath = filepath.ToSlash(filepath.Join(l.SourceRoot, filepath.FromSlash(xf.Original)))
		srcDoc, err = l.load(srcPath, l.Docs.From())
		if err != nil {
			return nil, fmt.Errorf("%s: source document: %w", shown, err)
		}
	}
	segPos := map[string]document.Position{}
	if srcDoc != nil {
		for _, s := range srcDoc.Segments() {
			segPos[s.ID] = srcDoc.Position(s.Span.Start)
		}
	}
	for _, u := range xf.Units {
		su := sc.units[u.File+"\x00"+u.ID]
		ignore := append([]string(nil), sc.fileIgnore[u.File]...)
		if su != nil {
			ignore = append(ignore, su.ignore...)
		}
		k := 0
		for _, part := range u.Parts {
			if part.Kind != xliff.Segment {
				continue
			}
			pr := qa.Pair{ID: part.ID, Source: part.Source, Target: part.Target, State: part.State, Ignore: ignore}
			if pr.ID == "" {
				pr.ID = u.ID
			}
			switch {
			case su == nil:
				pr.At = finding.Location{Path: shown}
			case k < len(su.segs):
				pr.At = sc.loc(su.segs[k])
			case len(su.segs) > 0: // a 1.2 trans-unit: one target for all its segments
				pr.At = sc.loc(su.segs[len(su.segs)-1])
			default:
				pr.At = sc.loc(su.off)
			}
			k++
			if pos, ok := segPos[part.ID]; ok {
				pr.Src = finding.Location{Path: srcPath, Line: pos.Line, Col: pos.Col}
			} else if srcPath != "" {
				pr.Src = finding.Location{Path: srcPath}
			}
			f.Pairs = append(f.Pairs, pr)
		}
	}
	return f, nil
}

// scanned is what a light pass over the XLIFF text finds that Read does
// not keep: positions of units and targets, and suppression notes.
type scanned struct {
	path       string
	doc        *document.Document
	units      map[string]*scanUnit // file id ("" for the first) + "\x00" + unit id
	fileIgnore map[string][]string
}

type scanUnit struct {
	off    int   // the unit element
	segs   []int // per segment: its target element, else the segment element
	ignore []string
}

func (s *scanned) loc(off int) finding.Location {
	if s.doc == nil {
		return finding.Location{Path: s.path}
	}
	p := s.doc.Position(off)
	return finding.Location{Path: s.path, Line: p.Line, Col: p.Col}
}

// scan walks the XML tokens of data. It never fails: a file Read accepted
// but this pass cannot follow (another encoding) gets no positions.
func scan(path string, data []byte) *scanned {
	s := &scanned{path: path, units: map[string]*scanUnit{}, fileIgnore: map[string][]string{}}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(data) {
		return s
	}
	s.doc = document.New(path, "", language.Und, data)
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	files := 0
	fileID := ""
	var unit *scanUnit
	var stack []string
	segOpen := false
	segHasTarget := false
	inNote := false
	var note strings.Builder
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			switch name {
			case "file":
				files++
				fileID = ""
				if files > 1 {
					fileID = attr(t, "id")
				}
			case "unit", "trans-unit":
				unit = &scanUnit{off: off}
				s.units[fileID+"\x00"+attr(t, "id")] = unit
			case "segment":
				if unit != nil {
					unit.segs = append(unit.segs, off)
					segOpen, segHasTarget = true, false
				}
			case "target":
				if unit != nil {
					switch {
					case segOpen && !segHasTarget:
						unit.segs[len(unit.segs)-1] = off
						segHasTarget = true
					case len(stack) >= 2 && stack[len(stack)-2] == "trans-unit":
						unit.segs = []int{off}
					}
				}
			case "note":
				inNote = true
				note.Reset()
			}
		case xml.EndElement:
			name := t.Name.Local
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch name {
			case "segment":
				segOpen = false
			case "unit", "trans-unit":
				unit = nil
			case "note":
				inNote = false
				if rules, ok := qa.ParseSuppression(note.String()); ok {
					if unit != nil {
						unit.ignore = append(unit.ignore, rules...)
					} else {
						s.fileIgnore[fileID] = append(s.fileIgnore[fileID], rules...)
					}
				}
			}
		case xml.CharData:
			if inNote {
				note.Write(t)
			}
		}
	}
	return s
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// load reads the document at the slash path p, in lang, named p.
func (l *Loader) load(p string, lang language.Tag) (*document.Document, error) {
	d, err := l.Docs.Load(loader.Source{Disk: p, Rel: p}, lang)
	if err != nil {
		return nil, err
	}
	return d.Doc, nil
}

// Pairs pairs each source document under sourceDir (a folder, walked for
// the codecs' extensions, or a single file) with the document of the same
// relative path under targetDir (a folder, or a single file when sourceDir
// is one), translated into lang, and returns one qa.File per pair. A
// source whose target is missing gives a File marked Missing.
func (l *Loader) Pairs(sourceDir, targetDir string, lang language.Tag) ([]*qa.File, error) {
	fi, err := os.Stat(sourceDir)
	if err != nil {
		return nil, fsutil.PathErr(sourceDir, err)
	}
	if _, err := os.Stat(targetDir); err != nil {
		return nil, fsutil.PathErr(targetDir, err)
	}
	type pair struct{ src, tgt string }
	var pairs []pair
	if !fi.IsDir() {
		pairs = append(pairs, pair{sourceDir, targetDir})
	} else {
		err = loader.WalkFiles(sourceDir, func(q string) error {
			if _, ok := l.Docs.Codecs().ForPath(q); !ok {
				return nil
			}
			rel, err := filepath.Rel(sourceDir, q)
			if err != nil {
				return err
			}
			pairs = append(pairs, pair{q, filepath.Join(targetDir, rel)})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("%s: no source documents (relais reads %s)", sourceDir, strings.Join(l.Docs.Codecs().Extensions(), ", "))
	}
	if _, err := l.Docs.Segmenter(lang); err != nil {
		return nil, err
	}
	var out []*qa.File
	for _, p := range pairs {
		src, tgt := filepath.ToSlash(p.src), filepath.ToSlash(p.tgt)
		if _, err := os.Stat(p.tgt); errors.Is(err, fs.ErrNotExist) {
			out = append(out, &qa.File{Path: tgt, Source: src, SrcLang: l.Docs.From(), Lang: lang, Missing: true})
			continue
		}
		sd, err := l.load(src, l.Docs.From())
		if err != nil {
			return nil, err
		}
		td, err := l.load(tgt, lang)
		if err != nil {
			return nil, err
		}
		out = append(out, PairDocuments(sd, td))
	}
	return out, nil
}

// PairDocuments pairs two segmented documents with package align: blocks
// by structure and content, sentences inside paired blocks (or across
// blocks that did not pair) by content, lengths and numbers. Findings point
// into tgt, at the target sentence of each pair; a source sentence
// without a counterpart points where it is missing, at the next target
// sentence. The File carries both documents, whose skeletons the markup
// check compares.
func PairDocuments(src, tgt *document.Document) *qa.File {
	f := &qa.File{Path: tgt.Path, Source: src.Path, SrcLang: src.Lang, Lang: tgt.Lang, Documents: &qa.Documents{Source: src, Target: tgt}}
	sSent, sSegs := align.Segments(src)
	tSent, tSegs := align.Segments(tgt)
	for _, bead := range align.New(align.Options{Ratio: align.LengthRatio(tgt.Lang)}).Align(nil, sSent, tSent) {
		p := qa.Pair{}
		var ids []string
		for k := bead.Source.Start; k < bead.Source.End; k++ {
			if k > bead.Source.Start {
				p.Source = append(p.Source, document.Run{Text: " "})
			}
			p.Source = append(p.Source, sSegs[k].Source...)
			ids = append(ids, sSegs[k].ID)
		}
		if bead.Source.Len() > 0 {
			pos := src.Position(sSegs[bead.Source.Start].Span.Start)
			p.Src = finding.Location{Path: src.Path, Line: pos.Line, Col: pos.Col}
		}
		var offs []runAt
		if bead.Target.Len() > 0 {
			p.Target = document.Content{}
			plain := 0
			for k := bead.Target.Start; k < bead.Target.End; k++ {
				if k > bead.Target.Start {
					p.Target = append(p.Target, document.Run{Text: " "})
					offs = append(offs, runAt{plain: plain, span: -1})
					plain++
				}
				for _, r := range tSegs[k].Source {
					p.Target = append(p.Target, r)
					if r.Code != nil {
						continue
					}
					verbatim := r.Span.End <= len(tgt.Source) && r.Span.Start <= r.Span.End && tgt.Text(r.Span) == r.Text
					offs = append(offs, runAt{plain: plain, span: r.Span.Start, verbatim: verbatim})
					plain += len(r.Text)
				}
			}
			pos := tgt.Position(tSegs[bead.Target.Start].Span.Start)
			p.At = finding.Location{Path: tgt.Path, Line: pos.Line, Col: pos.Col}
			if len(ids) == 0 {
				ids = append(ids, tSegs[bead.Target.Start].ID)
			}
			at := p.At
			target := p.Target
			p.CodePos = func(k *document.Code) finding.Location {
				for _, r := range target {
					if r.Code == k {
						ps := tgt.Position(r.Span.Start)
						return finding.Location{Path: tgt.Path, Line: ps.Line, Col: ps.Col}
					}
				}
				return at
			}
			p.Pos = func(off int) finding.Location {
				i := sort.Search(len(offs), func(i int) bool { return offs[i].plain > off }) - 1
				if i < 0 || offs[i].span < 0 {
					return at
				}
				o := offs[i].span
				if offs[i].verbatim {
					o += off - offs[i].plain
				}
				ps := tgt.Position(o)
				return finding.Location{Path: tgt.Path, Line: ps.Line, Col: ps.Col}
			}
		} else {
			p.At = missingAt(tgt, tSegs, bead.Target.Start)
		}
		p.ID = strings.Join(ids, "+")
		f.Pairs = append(f.Pairs, p)
	}
	return f
}

// missingAt returns where a source sentence without a counterpart is
// missing from tgt: at the target sentence segs[at] that follows the gap,
// or at the end of the last one.
func missingAt(tgt *document.Document, segs []*document.Segment, at int) finding.Location {
	off := -1
	switch {
	case at < len(segs):
		off = segs[at].Span.Start
	case len(segs) > 0:
		off = segs[len(segs)-1].Span.End
	}
	if off < 0 {
		return finding.Location{Path: tgt.Path}
	}
	pos := tgt.Position(off)
	return finding.Location{Path: tgt.Path, Line: pos.Line, Col: pos.Col}
}

type runAt struct {
	plain    int // offset of the run in the pair's plain target text
	span     int // its offset in the target document; -1 for a joining blank
	verbatim bool
}
