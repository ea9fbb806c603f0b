// Command lines measures how the drafts of Markdown pages keep the line
// structure of their sources (issue #12). It reads every page of a source
// folder and the draft of the same name in a draft folder with goldmark
// alone (not with relais's codec, whose rules it checks), pairs their
// paragraphs in order, and sorts each source paragraph into one of three
// ways of writing it:
//
//   - one line: the draft's paragraph must be one line too;
//   - semantic line breaks (several lines, each but the last ending with a
//     clause's punctuation): the draft's must have as many lines;
//   - hard-wrapped (any other paragraph over several lines): no line of
//     the draft's may run past the source paragraph's longest line by
//     more than one word.
//
// A page all of whose paragraphs over several lines are semantic is a
// semantic-line-break page: its draft must have the source's number of
// lines. It prints the paragraphs that break a rule and a summary, and
// exits 1 if any does.
//
//	go run ./bench/lines SRC DRAFTS
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
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
	t := tally{md: goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify,
		extension.TaskList, extension.Footnote))}
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
		t.page(p.Name(), src, draft)
	}
	fmt.Printf("paragraphs: %d on one line (%d broken), %d semantic (%d with another number of lines), %d hard-wrapped (%d with a line too long)\n",
		t.one, t.oneBad, t.semantic, t.semanticBad, t.hard, t.hardBad)
	fmt.Printf("semantic-line-break pages: %d, %d with another number of lines\n", t.semPages, t.semPagesBad)
	if t.unpaired > 0 {
		fmt.Printf("pages whose paragraphs do not pair: %d\n", t.unpaired)
	}
	if t.oneBad+t.semanticBad+t.hardBad+t.semPagesBad+t.unpaired > 0 {
		os.Exit(1)
	}
}

// tally counts paragraphs and pages by class, and those that break their
// rule.
type tally struct {
	md                                                goldmark.Markdown
	one, oneBad, semantic, semanticBad, hard, hardBad int
	semPages, semPagesBad, unpaired                   int
}

// page checks one page against its draft.
func (t *tally) page(name string, src, draft []byte) {
	sp, dp := t.paragraphs(src), t.paragraphs(draft)
	if len(sp) != len(dp) {
		t.unpaired++
		fmt.Printf("%s: %d paragraphs in the source, %d in the draft\n", name, len(sp), len(dp))
		return
	}
	semanticPage, some := true, false
	for i, s := range sp {
		d := dp[i]
		switch {
		case len(s.lines) == 1:
			t.one++
			if len(d.lines) != 1 {
				t.oneBad++
				fmt.Printf("%s:%d: a paragraph on one line has %d in the draft\n", name, s.line, len(d.lines))
			}
		case s.semantic():
			some = true
			t.semantic++
			if len(d.lines) != len(s.lines) {
				t.semanticBad++
				fmt.Printf("%s:%d: semantic line breaks: %d lines, %d in the draft\n", name, s.line, len(s.lines), len(d.lines))
			}
		default:
			semanticPage = false
			t.hard++
			width := s.width()
			for k, l := range d.lines {
				if over(l, width) {
					t.hardBad++
					fmt.Printf("%s:%d: hard-wrapped at %d: draft line %d runs %d characters: %q\n", name, s.line, width, k+1, utf8.RuneCountInString(l), l)
					break
				}
			}
		}
	}
	if semanticPage && some {
		t.semPages++
		if bytes.Count(src, []byte("\n")) != bytes.Count(draft, []byte("\n")) {
			t.semPagesBad++
			fmt.Printf("%s: a semantic-line-break page: %d lines, %d in the draft\n", name, bytes.Count(src, []byte("\n")), bytes.Count(draft, []byte("\n")))
		}
	}
}

// para is a paragraph's lines as the page writes them (with their
// container prefixes) and its first line's number.
type para struct {
	lines []string
	line  int
}

// semantic reports whether every line but the last ends with a clause's
// punctuation, closing quotes and brackets aside.
func (p para) semantic() bool {
	for _, l := range p.lines[:len(p.lines)-1] {
		t := strings.TrimRight(l, " \t\u00a0\u202f\"'»”’)]")
		r, _ := utf8.DecodeLastRuneInString(t)
		if !strings.ContainsRune(".!?:;,…", r) {
			return false
		}
	}
	return true
}

// width is the length of the paragraph's longest line, in characters.
func (p para) width() int {
	w := 0
	for _, l := range p.lines {
		w = max(w, utf8.RuneCountInString(l))
	}
	return w
}

// over reports whether line l runs past width by more than one word: it
// still would without its last word.
func over(l string, width int) bool {
	if utf8.RuneCountInString(l) <= width {
		return false
	}
	t := strings.TrimRight(l, " ")
	i := strings.LastIndexAny(t, " \t")
	return i >= 0 && utf8.RuneCountInString(strings.TrimRight(t[:i], " ")) > width
}

// withoutFrontMatter returns src with its YAML or TOML front matter, if
// any, written over with blanks (its lines stay): a draft may write a
// translated value on another number of lines.
func withoutFrontMatter(src []byte) []byte {
	for _, fence := range []string{"---", "+++"} {
		if !bytes.HasPrefix(src, []byte(fence+"\n")) {
			continue
		}
		end := bytes.Index(src[4:], []byte("\n"+fence+"\n"))
		if end < 0 {
			return src
		}
		out := bytes.Clone(src)
		for i := range 4 + end + 4 {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
		return out
	}
	return src
}

// siteBlocksOpened returns src as goldmark can read its paragraphs when
// the page uses the block syntax of a site generator: the marker lines of
// admonitions, details, tabs and fenced divs (":::", "!!!", "???", '=== "')
// and lines of template tags or shortcodes alone ("{% if %}", "[/ui-tab]")
// become blank lines, which end a paragraph as they do for relais; the
// bodies of MkDocs blocks, indented by four, are read without that
// indentation (on both sides of a page, so widths compare).
func siteBlocksOpened(src []byte) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	body := false
	for i, l := range lines {
		t := bytes.TrimSpace(l)
		nl := []byte("\n")
		if !bytes.HasSuffix(l, nl) {
			nl = nil
		}
		switch {
		case bytes.HasPrefix(t, []byte("!!!")) || bytes.HasPrefix(t, []byte("???")) || bytes.HasPrefix(t, []byte("=== \"")):
			lines[i], body = nl, true
		case bytes.HasPrefix(t, []byte(":::")) || siteLine(t):
			lines[i] = nl
		case body && len(t) > 0 && !bytes.HasPrefix(l, []byte("    ")):
			body = false
		case body && len(t) > 0:
			lines[i] = l[4:]
		}
	}
	return bytes.Join(lines, nil)
}

// siteLine reports whether line t holds nothing but template tags or
// shortcodes.
func siteLine(t []byte) bool {
	for len(t) > 0 {
		var end int
		switch {
		case bytes.HasPrefix(t, []byte("{%")):
			end = bytes.Index(t, []byte("%}")) + 2
		case bytes.HasPrefix(t, []byte("{{")):
			end = bytes.Index(t, []byte("}}")) + 2
		case bytes.HasPrefix(t, []byte("[")) && len(t) > 1 && (t[1] == '/' || t[1] >= 'a' && t[1] <= 'z'):
			end = bytes.IndexByte(t, ']') + 1
			if end > 0 && end < len(t) && (t[end] == '(' || t[end] == ':') {
				return false // a link, a definition
			}
		default:
			return false
		}
		if end <= 1 {
			return false
		}
		t = bytes.TrimLeft(t[end:], " \t")
	}
	return true
}

// paragraphs returns the paragraphs of src (leaf text blocks of several
// kinds: paragraphs and the text of tight list items), each with its whole
// lines, from the start of the line.
func (t *tally) paragraphs(src []byte) []para {
	src = siteBlocksOpened(withoutFrontMatter(src))
	root := t.md.Parser().Parse(text.NewReader(src))
	var out []para
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindParagraph && n.Kind() != ast.KindTextBlock {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkContinue, nil
		}
		var p para
		for i := range lines.Len() {
			seg := lines.At(i)
			start := bytes.LastIndexByte(src[:seg.Start], '\n') + 1
			end := seg.Stop
			if k := bytes.IndexByte(src[seg.Start:], '\n'); k >= 0 {
				end = seg.Start + k
			} else {
				end = len(src)
			}
			if i == 0 {
				p.line = bytes.Count(src[:start], []byte("\n")) + 1
			}
			p.lines = append(p.lines, strings.TrimRight(string(src[start:end]), "\r"))
		}
		out = append(out, p)
		return ast.WalkSkipChildren, nil
	})
	return out
}
