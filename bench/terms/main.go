// Command terms measures term accuracy in relais's drafts: for every
// segment of the XLIFF files under a folder of drafts, each concept the
// source names by a term that is not ambiguous must come out in the
// draft as the target term the termbase prefers (glossary.Hit.Target),
// short forms included. It prints each miss and the totals per language.
//
//	go run ./bench/terms OUT
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/xliff"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: terms OUT")
		os.Exit(2)
	}
	tb, err := glossary.LoadFS(shipped.FS, "glossary")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	hits, misses := map[string]int{}, map[string]int{}
	matchers := map[string]*glossary.Matcher{}
	err = filepath.WalkDir(os.Args[1], func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xlf") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		x, err := xliff.Read(path, f)
		if err != nil {
			return err
		}
		m := matchers[x.SrcLang.String()]
		if m == nil {
			m = glossary.NewMatcher(tb, x.SrcLang)
			matchers[x.SrcLang.String()] = m
		}
		lang := x.TrgLang.String()
		for _, u := range x.Units {
			for _, p := range u.Parts {
				if p.Kind != xliff.Segment || p.Target == nil {
					continue
				}
				target := strings.ToLower(p.Target.Plain())
				for _, h := range m.Match(p.Source.Plain()) {
					if h.Ambiguous {
						continue
					}
					want, _ := h.Target(x.TrgLang)
					if want == "" {
						continue
					}
					hits[lang]++
					if !strings.Contains(target, strings.ToLower(want)) {
						misses[lang]++
						fmt.Printf("%s %s: %q (%s) wants %q: %s\n", path, lang, h.Text, h.Concept.ID, want, p.Target.Plain())
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for lang, n := range hits {
		fmt.Printf("%s: %d of %d source terms in the preferred target form\n", lang, n-misses[lang], n)
	}
}
