// Command chrf prints the chrF (internal/chrf) of a translated text file
// against reference lines: the hypothesis's paragraphs (text between blank
// lines, its lines joined) pair with the reference's lines, the first n of
// them.
//
//	go run ./bench/chrf -n 300 HYP REF
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/relais-tm/relais/internal/chrf"
)

func main() {
	n := flag.Int("n", 0, "pairs to score (0: all)")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: chrf [-n N] HYP REF")
		os.Exit(2)
	}
	hyp, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ref, err := os.ReadFile(flag.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var hyps []string
	for _, p := range strings.Split(strings.ReplaceAll(string(hyp), "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			hyps = append(hyps, strings.Join(strings.Fields(p), " "))
		}
	}
	refs := strings.Split(strings.TrimRight(string(ref), "\n"), "\n")
	if *n > 0 {
		hyps, refs = hyps[:min(*n, len(hyps))], refs[:min(*n, len(refs))]
	}
	if len(hyps) != len(refs) {
		fmt.Fprintf(os.Stderr, "%d paragraphs in %s, %d reference lines\n", len(hyps), flag.Arg(0), len(refs))
		os.Exit(1)
	}
	fmt.Printf("%.2f\n", chrf.Corpus(hyps, refs))
}
