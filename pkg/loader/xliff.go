package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/relais-tm/relais/internal/fsutil"
)

// ErrNoXLIFF is wrapped by the error of XLIFFFiles for a folder that holds
// no XLIFF file.
var ErrNoXLIFF = errors.New("no XLIFF files")

// xliffExts are the extensions of XLIFF files, matched without regard to
// case: relais's own .xlf, and those of the CAT tools that write XLIFF.
var xliffExts = []string{".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mxliff"}

// IsXLIFF reports whether the name p has the extension of an XLIFF file:
// .xlf, .xliff, .xlf2, .sdlxliff or .mxliff, in any case.
func IsXLIFF(p string) bool {
	ext := filepath.Ext(p)
	for _, e := range xliffExts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// XLIFFFiles expands paths into XLIFF files, the one rule by which every
// command finds them:
//
//   - a file named in paths is always taken, whatever its extension (reading
//     it tells whether it is XLIFF);
//   - a folder is walked, its hidden subfolders (".git") skipped, and its
//     regular files for which IsXLIFF holds are taken;
//   - a folder holding none is an error naming it, wrapping ErrNoXLIFF;
//   - a path that does not exist is an error naming it.
//
// The files are returned sorted, all paths together.
func XLIFFFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fsutil.PathErr(p, err)
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		n := len(out)
		err = WalkFiles(p, func(q string) error {
			if IsXLIFF(q) {
				out = append(out, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: %w in this folder (relais looks for %s; hidden folders are skipped)", p, ErrNoXLIFF, strings.Join(xliffExts, ", "))
		}
	}
	sort.Strings(out)
	return out, nil
}
