package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/xliff"
	"github.com/relais-tm/relais/pkg/xliff/xlifftest"
)

// applyCase is a batch of one article into English, without an engine,
// and a reviewed copy of its XLIFF file whose segments edit chooses.
type applyCase struct {
	src, out, draft, review string
	p                       *Pipeline
	warns                   []string
}

func newApplyCase(t *testing.T) *applyCase {
	t.Helper()
	c := &applyCase{src: t.TempDir(), out: t.TempDir()}
	data, err := os.ReadFile(filepath.Join(testenv.ModuleRoot(t), "testdata", "articles", "conference-malines.md"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(c.src, "a.md"), data, 0o644))
	c.p = newPipeline(t, &c.warns)
	c.p.To = []language.Tag{language.English}
	_, err = c.p.Run(context.Background(), Inputs{Paths: []string{c.src}, Out: c.out})
	require.NoError(t, err)
	c.draft = filepath.Join(c.out, "en", "a.md")
	xlf, err := os.ReadFile(c.draft + ".xlf")
	require.NoError(t, err)
	c.review = filepath.Join(t.TempDir(), "reviewed-en.xlf")
	require.NoError(t, os.WriteFile(c.review, xlf, 0o644))
	return c
}

// edit rewrites the review's segments: edit returns the target of segment
// i (nil: left as it is).
func (c *applyCase) edit(t *testing.T, edit func(i int, p *xliff.Part) document.Content) {
	t.Helper()
	xlifftest.EditSegments(t, c.review, func(i int, _ *xliff.File, p *xliff.Part) {
		if tgt := edit(i, p); tgt != nil {
			p.Target, p.State, p.Origin = tgt, document.Reviewed, document.Origin{}
		}
	})
}

func (c *applyCase) apply(t *testing.T, sources ...string) ([]Applied, error) {
	t.Helper()
	rs, err := ReadReviews([]string{c.review}, []document.State{document.Reviewed, document.Final}, "ana")
	require.NoError(t, err)
	if sources == nil {
		sources = []string{c.src}
	}
	return c.p.ApplyReviews(rs, c.out, sources)
}

// prefixed is the source of p with "[en] " before it: a reviewer's target
// that keeps every code.
func prefixed(p *xliff.Part) document.Content {
	return append(document.Content{{Text: "[en] "}}, p.Source...)
}

func TestApplyReviews(t *testing.T) {
	c := newApplyCase(t)
	before, err := os.ReadFile(c.draft)
	require.NoError(t, err)
	c.edit(t, func(i int, p *xliff.Part) document.Content {
		if i%3 == 0 {
			return prefixed(p)
		}
		return nil
	})
	applied, err := c.apply(t)
	require.NoError(t, err)
	require.Len(t, applied, 1)
	assert.Equal(t, c.draft, applied[0].Draft)
	after, err := os.ReadFile(c.draft)
	require.NoError(t, err)
	assert.Equal(t, applied[0].Segments, strings.Count(string(after), "[en] "), "each reviewed segment in the draft")
	assert.Positive(t, applied[0].Segments)
	// The source's "&amp;" is the text "&", which a target writes as it
	// is.
	unescaped := strings.ReplaceAll(string(after), "[en] ", "")
	assert.Equal(t, strings.ReplaceAll(string(before), "&amp;", "&"), strings.ReplaceAll(unescaped, "&amp;", "&"), "nothing else changed in the draft")

	x := readXLIFF(t, c.draft+".xlf")
	reviewed := 0
	for _, u := range x.Units {
		for _, p := range u.Parts {
			if p.Target != nil && strings.HasPrefix(p.Target.Plain(), "[en] ") {
				reviewed++
				assert.Equal(t, document.Reviewed, p.State)
				assert.Equal(t, document.FromInContext, p.Origin.Kind, "as the memory now has it")
			}
		}
	}
	assert.Equal(t, applied[0].Segments, reviewed)

	// The next batch takes the drafts for relais's own, and keeps them.
	c.warns = nil
	_, err = c.p.Run(context.Background(), Inputs{Paths: []string{c.src}, Out: c.out})
	require.NoError(t, err)
	for _, w := range c.warns {
		assert.NotContains(t, w, "changed since relais wrote it")
	}
	again, err := os.ReadFile(c.draft)
	require.NoError(t, err)
	assert.Equal(t, string(after), string(again))
}

// Two reviewed files of the same article, applied together (two
// reviewers, or an export of the morning and one of the afternoon): the
// draft holds the edits of both; a segment both edited takes the later
// file's text, with a warning.
func TestApplyReviewsOfOneArticleInTwoFiles(t *testing.T) {
	c := newApplyCase(t)
	first := c.review
	c.edit(t, func(i int, p *xliff.Part) document.Content {
		if i == 0 || i == 2 {
			return prefixed(p)
		}
		return nil
	})
	xlf, err := os.ReadFile(c.draft + ".xlf")
	require.NoError(t, err)
	second := filepath.Join(t.TempDir(), "reviewed-en-2.xlf")
	require.NoError(t, os.WriteFile(second, xlf, 0o644))
	c.review = second
	c.edit(t, func(i int, p *xliff.Part) document.Content {
		switch i {
		case 1:
			return prefixed(p)
		case 2:
			return append(document.Content{{Text: "[later] "}}, p.Source...)
		}
		return nil
	})
	rs, err := ReadReviews([]string{first, second}, []document.State{document.Reviewed, document.Final}, "ana")
	require.NoError(t, err)
	c.warns = nil
	applied, err := c.p.ApplyReviews(rs, c.out, []string{c.src})
	require.NoError(t, err)
	require.Len(t, applied, 1, "one draft, written once")
	assert.Equal(t, 3, applied[0].Segments)
	after, err := os.ReadFile(c.draft)
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(string(after), "[en] "), "segment 0 from the first file, 1 from the second")
	assert.Equal(t, 1, strings.Count(string(after), "[later] "), "segment 2 as the later file has it")
	require.Len(t, c.warns, 1)
	assert.Contains(t, c.warns[0], "also reviewed in "+first)
}

// Bad reviews, and outputs changed since the batch, are errors naming the
// file and saying what to do; nothing is written.
func TestApplyReviewsRefuses(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, c *applyCase) []string // the sources to give; nil: the batch's
		want    string
	}{
		{"source changed", func(t *testing.T, c *applyCase) []string {
			require.NoError(t, os.WriteFile(filepath.Join(c.src, "a.md"), []byte("# Autre\n"), 0o644))
			return nil
		}, "a.md: changed since the batch"},
		{"draft edited by hand", func(t *testing.T, c *applyCase) []string {
			require.NoError(t, os.WriteFile(c.draft, []byte("edited\n"), 0o644))
			return nil
		}, "a.md: changed since relais wrote it"},
		{"source not found", func(t *testing.T, c *applyCase) []string {
			other := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(other, "b.md"), []byte("# B\n"), 0o644))
			return []string{other}
		}, "the source a.md is not among"},
		{"segment of another source", func(t *testing.T, c *applyCase) []string {
			c.edit(t, func(i int, p *xliff.Part) document.Content {
				if i == 1 {
					p.Source = document.Content{{Text: "Une autre phrase."}}
					return document.Content{{Text: "Another sentence."}}
				}
				return nil
			})
			return nil
		}, "is not in the source as reviewed"},
		{"codes lost", func(t *testing.T, c *applyCase) []string {
			c.edit(t, func(i int, p *xliff.Part) document.Content {
				if len(p.Source.Codes()) > 0 {
					return document.Content{{Text: p.Source.Plain()}}
				}
				return nil
			})
			return nil
		}, "put the codes back in the review page"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newApplyCase(t)
			c.edit(t, func(i int, p *xliff.Part) document.Content {
				if i == 0 {
					return prefixed(p)
				}
				return nil
			})
			sources := tc.prepare(t, c)
			draft, _ := os.ReadFile(c.draft)
			xlf, _ := os.ReadFile(c.draft + ".xlf")
			_, err := c.apply(t, sources...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			afterDraft, _ := os.ReadFile(c.draft)
			afterXLF, _ := os.ReadFile(c.draft + ".xlf")
			assert.Equal(t, string(draft), string(afterDraft), "nothing written")
			assert.Equal(t, string(xlf), string(afterXLF), "nothing written")
		})
	}
}

// A file of several documents (the review page's export) gives each
// segment its context among its own document's segments: the last of the
// first article is not followed by the first of the next.
func TestReviewUnitsContextPerDocument(t *testing.T) {
	const export = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
  <file id="f1" original="a.md">
    <unit id="b1"><segment id="b1s1" state="reviewed"><source>Un.</source><target>One.</target></segment></unit>
    <unit id="b2"><segment id="b2s1" state="reviewed"><source>Deux.</source><target>Two.</target></segment></unit>
  </file>
  <file id="f2" original="b.md">
    <unit id="b1"><segment id="b1s1" state="reviewed"><source>Trois.</source><target>Three.</target></segment></unit>
    <unit id="b2"><segment id="b2s1" state="initial"><source>Quatre.</source><target>Four.</target></segment></unit>
  </file>
</xliff>
`
	path := filepath.Join(t.TempDir(), "reviewed-en.xlf")
	require.NoError(t, os.WriteFile(path, []byte(export), 0o644))
	rf, err := ReviewUnits(path, []document.State{document.Reviewed}, "ana")
	require.NoError(t, err)
	require.Len(t, rf.Units, 3)
	assert.Equal(t, 1, rf.Skipped)
	a := []string{document.Text("Un.").Key(), document.Text("Deux.").Key()}
	b := []string{document.Text("Trois.").Key(), document.Text("Quatre.").Key()}
	for i, want := range []struct {
		doc  string
		keys []string
		at   int
	}{{"a.md", a, 0}, {"a.md", a, 1}, {"b.md", b, 0}} {
		prev, next := memory.Neighbours(want.keys, want.at)
		u := rf.Units[i]
		assert.Equal(t, want.doc, u.Doc)
		assert.Equal(t, [2]uint64{prev, next}, [2]uint64{u.Prev, u.Next}, "unit %d: %s", i, u.Source.Key())
	}
	require.Len(t, rf.Docs, 2)
	assert.Equal(t, "b.md", rf.Docs[1].Original)
	assert.Equal(t, []string{"b1s1"}, []string{rf.Docs[1].Segments[0].ID})
	assert.Equal(t, language.English, rf.Lang)
}
