package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/report"
	"github.com/relais-tm/relais/pkg/xliff"
)

// Versions reads the two sides of a comparison (relais diff), for
// report.Compare: two folders, or two files of the same kind.
//
// A folder gives its XLIFF files (found as loader.XLIFFFiles finds them)
// or, when it holds none, its source documents (as loader.Collect finds
// them), each named by its slash path inside the folder; an empty folder
// gives a version with no file. When one folder holds XLIFF files and the
// other none (an output folder against a folder of edited drafts), both
// give their documents: the drafts beside the XLIFF files take the origins
// of their segments from them. An XLIFF file gives its segments' targets;
// a document, read by l in its source language, its segments' sources.
//
// Two single files are both named by the base name of newPath, so that
// they are compared with each other; but an XLIFF file holding several
// documents (the review page's export: one <file> per article) gives one
// file per document, named by its original attribute, and is compared
// with the other side's documents of the same names: those of another
// such file, or the one of a single XLIFF file (relais's own, whose
// original names its article).
//
// Errors name the file at fault; one side a folder and the other a file,
// or one side XLIFF and the other a document, is an error.
func Versions(l *loader.Loader, oldPath, newPath string) (older, newer report.Version, err error) {
	oi, err := os.Stat(oldPath)
	if err != nil {
		return older, newer, fmt.Errorf("diff: %w", err)
	}
	ni, err := os.Stat(newPath)
	if err != nil {
		return older, newer, fmt.Errorf("diff: %w", err)
	}
	if oi.IsDir() != ni.IsDir() {
		return older, newer, fmt.Errorf("diff: %s and %s: compare two folders or two files", oldPath, newPath)
	}
	if oi.IsDir() {
		oldX, newX := hasXLIFF(oldPath), hasXLIFF(newPath)
		drafts := oldX != newX // an output folder against drafts edited outside relais
		if older, err = versionFolder(l, oldPath, drafts); err != nil {
			return older, newer, err
		}
		newer, err = versionFolder(l, newPath, drafts)
		return older, newer, err
	}
	if loader.IsXLIFF(oldPath) != loader.IsXLIFF(newPath) {
		return older, newer, fmt.Errorf("diff: %s and %s: compare two XLIFF files or two articles", oldPath, newPath)
	}
	older, newer = report.Version{Name: oldPath}, report.Version{Name: newPath}
	if loader.IsXLIFF(oldPath) {
		oldDocs, err := xliffDocs(oldPath)
		if err != nil {
			return older, newer, err
		}
		newDocs, err := xliffDocs(newPath)
		if err != nil {
			return older, newer, err
		}
		if len(oldDocs) > 1 || len(newDocs) > 1 {
			older.Files, newer.Files, err = pairDocs(oldPath, oldDocs, newPath, newDocs)
			return older, newer, err
		}
	}
	name := filepath.Base(newPath)
	oldF, err := versionFile(l, loader.Source{Disk: oldPath, Rel: name})
	if err != nil {
		return older, newer, err
	}
	newF, err := versionFile(l, loader.Source{Disk: newPath, Rel: name})
	if err != nil {
		return older, newer, err
	}
	older.Files, newer.Files = []report.VersionFile{oldF}, []report.VersionFile{newF}
	return older, newer, nil
}

// hasXLIFF reports whether the folder dir holds an XLIFF file.
func hasXLIFF(dir string) bool {
	_, err := loader.XLIFFFiles([]string{dir})
	return err == nil
}

// pairDocs names the documents of two XLIFF files by their original
// attribute, and keeps, when one file holds a single document, only that
// document of the other.
func pairDocs(oldPath string, oldDocs []report.VersionFile, newPath string, newDocs []report.VersionFile) (older, newer []report.VersionFile, err error) {
	only := func(docs []report.VersionFile, name, in, of string) ([]report.VersionFile, error) {
		for _, d := range docs {
			if d.Path == name {
				return []report.VersionFile{d}, nil
			}
		}
		return nil, fmt.Errorf("diff: %s holds no document %s (the original of %s)", in, name, of)
	}
	switch {
	case len(oldDocs) == 1:
		newDocs, err = only(newDocs, oldDocs[0].Path, newPath, oldPath)
	case len(newDocs) == 1:
		oldDocs, err = only(oldDocs, newDocs[0].Path, oldPath, newPath)
	}
	sortFiles := func(fs []report.VersionFile) {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	}
	sortFiles(oldDocs)
	sortFiles(newDocs)
	return oldDocs, newDocs, err
}

// xliffDocs reads the XLIFF file at path: one VersionFile per <file>
// element, named by its original attribute (the file's base name when it
// has none), with its segments' targets.
func xliffDocs(path string) ([]report.VersionFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	x, err := xliff.Read(path, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var docs []report.VersionFile
	for _, d := range splitFiles(x) {
		name := d.Original
		if name == "" {
			name = filepath.Base(path)
			if d.ID != "" {
				name += "#" + d.ID
			}
		}
		doc := report.VersionFile{Path: name}
		for _, u := range d.Units {
			doc.Items = append(doc.Items, xliffItems(u)...)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// xliffItems returns the segments of a unit as items: their targets
// compared, their sources to pair them.
func xliffItems(u xliff.Unit) []report.Item {
	var items []report.Item
	for _, p := range u.Parts {
		if p.Kind == xliff.Segment {
			items = append(items, report.Item{ID: p.ID, Source: p.Source.Key(), Text: p.Target.Key(), Origin: p.Origin, State: p.State})
		}
	}
	return items
}

// versionFolder reads the XLIFF files of dir, or its documents when it
// holds no XLIFF file or when drafts is set.
func versionFolder(l *loader.Loader, dir string, drafts bool) (report.Version, error) {
	v := report.Version{Name: dir}
	var files []loader.Source
	xlfs, err := loader.XLIFFFiles([]string{dir})
	switch {
	case err == nil && !drafts:
		for _, p := range xlfs {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return v, err
			}
			files = append(files, loader.Source{Disk: p, Rel: filepath.ToSlash(rel)})
		}
	case err == nil || errors.Is(err, loader.ErrNoXLIFF):
		files, err = l.Collect([]string{dir})
		if errors.Is(err, loader.ErrNoSources) {
			return v, nil
		}
		if err != nil {
			return v, fmt.Errorf("diff: %w", err)
		}
	default:
		return v, fmt.Errorf("diff: %w", err)
	}
	for _, src := range files {
		f, err := versionFile(l, src)
		if err != nil {
			return v, err
		}
		if drafts {
			if err := draftOrigins(&f, src.Disk+".xlf"); err != nil {
				return v, err
			}
		}
		v.Files = append(v.Files, f)
	}
	return v, nil
}

// draftOrigins gives the segments of a draft the origins and states of
// its XLIFF file at xlf (relais writes one beside each draft), when there
// is one: each segment of the same ID whose target is the draft's text.
// The draft is read with the source's segmentation rules, so that a
// segment that does not match keeps no origin.
func draftOrigins(f *report.VersionFile, xlf string) error {
	if _, err := os.Stat(xlf); err != nil {
		return nil
	}
	docs, err := xliffDocs(xlf)
	if err != nil {
		return err
	}
	byID := map[string]report.Item{}
	for _, d := range docs {
		for _, it := range d.Items {
			byID[it.ID] = it
		}
	}
	for i, it := range f.Items {
		if x, ok := byID[it.ID]; ok && x.Text == it.Text {
			f.Items[i].Origin, f.Items[i].State = x.Origin, x.State
		}
	}
	return nil
}

// versionFile reads one XLIFF file (its segments' targets are compared) or
// one document (its segments' sources are compared), named src.Rel in the
// report.
func versionFile(l *loader.Loader, src loader.Source) (report.VersionFile, error) {
	vf := report.VersionFile{Path: src.Rel}
	if loader.IsXLIFF(src.Disk) {
		data, err := os.ReadFile(src.Disk)
		if err != nil {
			return vf, fmt.Errorf("diff: %w", err)
		}
		x, err := xliff.Read(src.Disk, bytes.NewReader(data))
		if err != nil {
			return vf, err
		}
		for _, u := range x.Units {
			vf.Items = append(vf.Items, xliffItems(u)...)
		}
		return vf, nil
	}
	if _, ok := l.Codecs().ForPath(src.Disk); !ok {
		return vf, fmt.Errorf("diff: %s: relais does not read this kind of file (it reads .xlf, %s)", src.Disk, strings.Join(l.Codecs().Extensions(), ", "))
	}
	d, err := l.Load(src, l.From())
	if err != nil {
		return vf, err
	}
	for _, s := range d.Doc.Segments() {
		k := s.Source.Key()
		vf.Items = append(vf.Items, report.Item{ID: s.ID, Source: k, Text: k})
	}
	return vf, nil
}
