package qa

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
)

var shippedTB *glossary.Termbase

func termbase(t testing.TB) *glossary.Termbase {
	if shippedTB == nil {
		tb, err := glossary.LoadFS(shipped.FS, "glossary")
		require.NoError(t, err)
		shippedTB = tb
	}
	return shippedTB
}

// file builds a File of XLIFF-like pairs (codes by ID, states) in lang,
// one pair per (source, target) with the target on line i+1.
func file(lang string, pairs ...Pair) *File {
	f := &File{Path: "out/" + lang + "/a.md.xlf", Source: "a.md", SrcLang: language.French, Lang: language.Make(lang), States: true, CodesByID: true}
	for i, p := range pairs {
		if p.ID == "" {
			p.ID = "s" + itoa(i+1)
		}
		if p.At.Path == "" {
			p.At = finding.Location{Path: f.Path, Line: i + 1, Col: 1}
		}
		if p.State == document.Initial && p.Target != nil {
			p.State = document.Translated
		}
		f.Pairs = append(f.Pairs, p)
	}
	return f
}

// pair is a source and a target text; a target "<nil>" means none.
func pair(src, tgt string) Pair {
	p := Pair{Source: document.Text(src)}
	if tgt != "<nil>" {
		p.Target = document.Text(tgt)
	}
	return p
}

// rules returns the rules of the findings, in order.
func rules(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.Rule)
	}
	return out
}

func mustTag(s string) language.Tag { return language.MustParse(s) }
