package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/align"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/loader"
)

// pairs loads the article pairs of the set folder dir, French with lang.
func pairs(dir, lang string) (names []string, src, tgt []*document.Document, err error) {
	l, err := loader.New(loader.Options{From: language.French})
	if err != nil {
		return nil, nil, nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "fr", "*.md"))
	if err != nil {
		return nil, nil, nil, err
	}
	sort.Strings(files)
	for _, sp := range files {
		name := filepath.Base(sp)
		sd, err := l.Load(loader.Source{Disk: sp, Rel: name}, language.French)
		if err != nil {
			return nil, nil, nil, err
		}
		if lang == "" {
			names, src, tgt = append(names, name), append(src, sd.Doc), append(tgt, nil)
			continue
		}
		td, err := l.Load(loader.Source{Disk: filepath.Join(dir, lang, name), Rel: name}, language.Make(lang))
		if err != nil {
			return nil, nil, nil, err
		}
		names, src, tgt = append(names, name), append(src, sd.Doc), append(tgt, td.Doc)
	}
	return names, src, tgt, nil
}

// printSegments prints the French sentences of the set folder dir, one a
// line, in the order of the articles.
func printSegments(dir string) error {
	_, src, _, err := pairs(dir, "")
	if err != nil {
		return err
	}
	for _, d := range src {
		ss, _ := align.Segments(d)
		for _, s := range ss {
			fmt.Println(strings.ReplaceAll(s.Text, "\n", " "))
		}
	}
	return nil
}

// withLibrary aligns the set folder dir with package align, with the
// machine translations of the file mtFile (the lines of printSegments'
// output, translated) or none, and returns the links.
func withLibrary(dir, lang, mtFile string) (map[link]bool, error) {
	names, src, tgt, err := pairs(dir, lang)
	if err != nil {
		return nil, err
	}
	var mt []string
	if mtFile != "" {
		data, err := os.ReadFile(mtFile)
		if err != nil {
			return nil, err
		}
		mt = strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	}
	a := align.New(align.Options{Ratio: align.LengthRatio(language.Make(lang))})
	out := map[link]bool{}
	k := 0
	for i, name := range names {
		ss, sseg := align.Segments(src[i])
		ts, tseg := align.Segments(tgt[i])
		for j := range ss {
			if mt != nil && k < len(mt) {
				ss[j].MT = mt[k]
			}
			k++
		}
		for _, b := range a.Align(nil, ss, ts) {
			for x := b.Source.Start; x < b.Source.End; x++ {
				for y := b.Target.Start; y < b.Target.End; y++ {
					for s := range lines(src[i], sseg[x]) {
						for t := range lines(tgt[i], tseg[y]) {
							out[link{name, s, t}] = true
						}
					}
				}
			}
		}
	}
	return out, nil
}
