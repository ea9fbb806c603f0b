// Command lines measures how the drafts of Markdown pages keep the line
// structure of their sources (issue #12; see internal/linecheck): every
// page of SRC against the draft of the same name in DRAFTS. It prints the
// paragraphs that break a rule and a summary, and exits 1 if any does.
//
//	go run ./bench/lines SRC DRAFTS
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/relais-tm/relais/internal/linecheck"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: lines SRC DRAFTS")
		os.Exit(2)
	}
	pages, err := os.ReadDir(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	t := linecheck.New()
	for _, p := range pages {
		if p.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(os.Args[1], p.Name()))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		draft, err := os.ReadFile(filepath.Join(os.Args[2], p.Name()))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		t.Page(p.Name(), src, draft)
	}
	for _, p := range t.Problems {
		fmt.Println(p)
	}
	fmt.Print(t.String())
	if !t.OK() {
		os.Exit(1)
	}
}
