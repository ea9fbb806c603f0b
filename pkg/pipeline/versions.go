package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
// gives a version with no file. An XLIFF file gives its segments' targets;
// a document, read by l in its source language, its segments' sources. Two
// single files are both named by the base name of newPath, so that they
// are compared with each other.
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
		if older, err = versionFolder(l, oldPath); err != nil {
			return older, newer, err
		}
		newer, err = versionFolder(l, newPath)
		return older, newer, err
	}
	if loader.IsXLIFF(oldPath) != loader.IsXLIFF(newPath) {
		return older, newer, fmt.Errorf("diff: %s and %s: compare two XLIFF files or two articles", oldPath, newPath)
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
	return report.Version{Name: oldPath, Files: []report.VersionFile{oldF}},
		report.Version{Name: newPath, Files: []report.VersionFile{newF}}, nil
}

// versionFolder reads the XLIFF files of dir, or its documents when it
// holds no XLIFF file.
func versionFolder(l *loader.Loader, dir string) (report.Version, error) {
	v := report.Version{Name: dir}
	var files []loader.Source
	xlfs, err := loader.XLIFFFiles([]string{dir})
	switch {
	case err == nil:
		for _, p := range xlfs {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return v, err
			}
			files = append(files, loader.Source{Disk: p, Rel: filepath.ToSlash(rel)})
		}
	case errors.Is(err, loader.ErrNoXLIFF):
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
		v.Files = append(v.Files, f)
	}
	return v, nil
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
			for _, p := range u.Parts {
				if p.Kind != xliff.Segment {
					continue
				}
				vf.Items = append(vf.Items, report.Item{ID: p.ID, Source: p.Source.Key(), Text: p.Target.Key(), Origin: p.Origin, State: p.State})
			}
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
