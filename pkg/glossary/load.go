package glossary

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Format names a termbase file format.
type Format string

// The formats relais reads and writes.
const (
	TBX Format = "tbx"
	TSV Format = "tsv"
	CSV Format = "csv"
)

// FormatOf returns the format of a file from its extension: .tbx (and
// .xml) are TBX, .tsv and .tab TSV, .csv CSV.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".tbx", ".xml":
		return TBX, nil
	case ".tsv", ".tab":
		return TSV, nil
	case ".csv":
		return CSV, nil
	}
	return "", fmt.Errorf("%s: unknown termbase format (want a .tbx, .tsv or .csv file)", name)
}

// Read reads a termbase in the format its name says (FormatOf).
func Read(name string, r io.Reader) (*Termbase, error) {
	f, err := FormatOf(name)
	if err != nil {
		return nil, err
	}
	switch f {
	case TSV:
		return ReadTSV(name, r)
	case CSV:
		return ReadCSV(name, r)
	}
	return ReadTBX(name, r)
}

// Write writes tb in format f.
func Write(w io.Writer, tb *Termbase, f Format) error {
	switch f {
	case TBX:
		return WriteTBX(w, tb)
	case TSV:
		return WriteTSV(w, tb)
	case CSV:
		return WriteCSV(w, tb)
	}
	return fmt.Errorf("unknown termbase format %q (want tbx, tsv or csv)", f)
}

// LoadFS reads every termbase file (.tbx, .tsv, .csv) at the root of fsys,
// in name order, and merges them, later files winning. Errors and
// positions name the files as dir/name, so that the embedded termbase of
// the module is reported at its path in the repository ("glossary/…").
func LoadFS(fsys fs.FS, dir string) (*Termbase, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	var names []string
	for _, e := range entries {
		if _, ferr := FormatOf(e.Name()); ferr == nil && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var tbs []*Termbase
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, fmt.Errorf("glossary: %w", err)
		}
		tb, err := Read(path.Join(dir, n), f)
		f.Close()
		if err != nil {
			return nil, err
		}
		tbs = append(tbs, tb)
	}
	return Merge(tbs...), nil
}
