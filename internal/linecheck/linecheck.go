// Package linecheck measures how the drafts of Markdown pages keep the
// line structure of their sources (issue #12). It reads a page and its
// draft with goldmark alone (not with relais's codec, whose rules it
// checks), pairs their paragraphs in order, and sorts each source
// paragraph into one of three ways of writing it:
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
// lines. The marker lines of site blocks and lines of template tags alone
// end paragraphs, as they do for relais.
package linecheck

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Tally counts paragraphs and pages by class, and those that break their
// rule, with a line per break in Problems. Make one with New.
type Tally struct {
	md goldmark.Markdown

	OneLine, OneLineBroken     int // paragraphs on one line, and those whose draft is not
	Semantic, SemanticBroken   int // paragraphs with semantic line breaks, and those whose draft has another number of lines
	Hard, HardBroken           int // hard-wrapped paragraphs, and those with a draft line too long
	SemanticPages, PagesBroken int // semantic-line-break pages, and those whose draft has another number of lines
	Unpaired                   int // pages whose paragraphs do not pair with the draft's
	Problems                   []string
}

// New returns an empty Tally.
func New() *Tally {
	return &Tally{md: goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify,
		extension.TaskList, extension.Footnote))}
}

// OK reports whether no paragraph or page broke its rule.
func (t *Tally) OK() bool {
	return t.OneLineBroken+t.SemanticBroken+t.HardBroken+t.PagesBroken+t.Unpaired == 0
}

// String sums the tally up.
func (t *Tally) String() string {
	s := fmt.Sprintf("paragraphs: %d on one line (%d broken), %d semantic (%d with another number of lines), %d hard-wrapped (%d with a line too long)\n",
		t.OneLine, t.OneLineBroken, t.Semantic, t.SemanticBroken, t.Hard, t.HardBroken)
	s += fmt.Sprintf("semantic-line-break pages: %d, %d with another number of lines\n", t.SemanticPages, t.PagesBroken)
	if t.Unpaired > 0 {
		s += fmt.Sprintf("pages whose paragraphs do not pair: %d\n", t.Unpaired)
	}
	return s
}

func (t *Tally) problem(format string, args ...any) {
	t.Problems = append(t.Problems, fmt.Sprintf(format, args...))
}

// Page checks the page named name against its draft.
func (t *Tally) Page(name string, src, draft []byte) {
	sp, dp := t.paragraphs(src), t.paragraphs(draft)
	if len(sp) != len(dp) {
		t.Unpaired++
		t.problem("%s: %d paragraphs in the source, %d in the draft", name, len(sp), len(dp))
		return
	}
	semanticPage, some := true, false
	for i, s := range sp {
		d := dp[i]
		switch {
		case len(s.lines) == 1:
			t.OneLine++
			if len(d.lines) != 1 {
				t.OneLineBroken++
				t.problem("%s:%d: a paragraph on one line has %d in the draft", name, s.line, len(d.lines))
			}
		case s.semantic():
			some = true
			t.Semantic++
			if len(d.lines) != len(s.lines) {
				t.SemanticBroken++
				t.problem("%s:%d: semantic line breaks: %d lines, %d in the draft", name, s.line, len(s.lines), len(d.lines))
			}
		default:
			semanticPage = false
			t.Hard++
			width := s.width()
			for k, l := range d.lines {
				if over(l, width) {
					t.HardBroken++
					t.problem("%s:%d: hard-wrapped at %d: draft line %d runs %d characters: %q", name, s.line, width, k+1, utf8.RuneCountInString(l), l)
					break
				}
			}
		}
	}
	if semanticPage && some {
		t.SemanticPages++
		if bytes.Count(src, []byte("\n")) != bytes.Count(draft, []byte("\n")) {
			t.PagesBroken++
			t.problem("%s: a semantic-line-break page: %d lines, %d in the draft", name, bytes.Count(src, []byte("\n")), bytes.Count(draft, []byte("\n")))
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
// still would without its last word. A word runs to a blank outside
// brackets, braces and parentheses: a link's address and title, an
// attribute list ("{: .note }") cannot be broken.
func over(l string, width int) bool {
	if utf8.RuneCountInString(l) <= width {
		return false
	}
	t := strings.TrimRight(l, " ")
	last, depth := -1, 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth = max(0, depth-1)
		case ' ', '\t':
			if depth == 0 {
				last = i
			}
		}
	}
	return last >= 0 && utf8.RuneCountInString(strings.TrimRight(t[:last], " ")) > width
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
func (t *Tally) paragraphs(src []byte) []para {
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
