package document

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Span is a half-open range [Start, End) of byte offsets into Document.Source.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies entirely inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Position is a place in a source file as people count it: 1-based line and
// column, the column counted in characters (runes), and the byte offset.
type Position struct {
	Offset int // byte offset into the decoded source
	Line   int // 1-based
	Col    int // 1-based, in characters
}

// String formats the position as "line:col".
func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Lines turns byte offsets of a text into positions. Every position of
// relais is counted this way: a line ends after each "\n" (a "\r" is an
// ordinary character), and a column counts the characters (runes, a byte
// that is not UTF-8 counting as one) before the offset on its line. Lines
// is not modified once built and may be used by several goroutines.
type Lines struct {
	text   []byte
	starts []int // byte offset of the start of each line; starts[0] is 0
}

// NewLines indexes the lines of text, which it keeps: callers must not
// modify text afterwards.
func NewLines(text []byte) *Lines {
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &Lines{text: text, starts: starts}
}

// Position converts a byte offset of the text into a line and column. An
// offset before the text is taken as 0, one past its end as its end.
func (l *Lines) Position(off int) Position {
	off = max(0, min(off, len(l.text)))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return Position{Offset: off, Line: line + 1, Col: utf8.RuneCount(l.text[l.starts[line]:off]) + 1}
}

// Document is one source article. Source holds its text as UTF-8 and is never
// modified after New; Blocks hold the translatable parts in source order.
//
// A Document is built by one goroutine (a format codec, then package
// segment) and may be read by many once built.
type Document struct {
	Path   string       // slash-separated path inside the batch
	Format string       // codec name: "markdown", "plaintext"
	Lang   language.Tag // language of the source
	Source []byte       // the decoded text, never modified
	Blocks []Block      // translatable blocks in source order
	// Skipped are the parts of Source that hold text the codec could
	// neither translate nor map (a construct it does not know): they are
	// kept byte for byte and never translated, and a batch says so.
	Skipped []Skip

	lines *Lines // nil in a Document built as a literal
}

// Skip is a part of a document left as it is for want of a mapping.
type Skip struct {
	Span Span
	Why  string // what the codec could not map, for a warning
}

// New returns a document for src, which the document keeps (callers must not
// modify it afterwards).
func New(path, format string, lang language.Tag, src []byte) *Document {
	return &Document{Path: path, Format: format, Lang: lang, Source: src, lines: NewLines(src)}
}

// Text returns the source bytes covered by s as a string.
func (d *Document) Text(s Span) string { return string(d.Source[s.Start:s.End]) }

// Position converts a byte offset of Source into a line and column, as
// Lines.Position does.
func (d *Document) Position(off int) Position {
	if d.lines == nil { // a Document built as a literal, not by New
		return NewLines(d.Source).Position(off)
	}
	return d.lines.Position(off)
}

// Segments returns every segment of the document in source order.
func (d *Document) Segments() []*Segment {
	var out []*Segment
	for i := range d.Blocks {
		for j := range d.Blocks[i].Segments {
			out = append(out, &d.Blocks[i].Segments[j])
		}
	}
	return out
}

// BlockKind says what a translatable block is in its document.
type BlockKind int

// The kinds of block. Formats map their own structures onto these.
const (
	Paragraph   BlockKind = iota // a paragraph of prose (also inside a blockquote)
	Heading                      // a title or heading
	ListItem                     // the text of a list item
	TableCell                    // one cell of a table
	FrontMatter                  // a translatable value of the front matter
	Attribute                    // a translatable attribute of markup: a link or image title
)

var blockKindNames = [...]string{"paragraph", "heading", "list-item", "table-cell", "front-matter", "attribute"}

// String returns the kind's name as written in XLIFF and reports.
func (k BlockKind) String() string {
	if int(k) < len(blockKindNames) {
		return blockKindNames[k]
	}
	return fmt.Sprintf("block-kind(%d)", int(k))
}

// ParseBlockKind is the inverse of BlockKind.String.
func ParseBlockKind(s string) (BlockKind, error) {
	for i, n := range blockKindNames {
		if n == s {
			return BlockKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown block kind %q", s)
}

// Block is one translatable unit of a document: a paragraph, a heading, a
// table cell, a front-matter value. Content's runs tile Span exactly, in
// order; Segments, once package segment has filled them, lie inside Span in
// order without overlap, and the bytes between them are blanks.
type Block struct {
	ID       string    // stable inside the document: "b1", "b2", …
	Kind     BlockKind // what the block is
	Name     string    // optional: the front-matter key or similar
	Span     Span      // the bytes of the block's content
	Content  Content   // text and codes covering Span
	Segments []Segment // sentences, filled by package segment
}

// Segment is one sentence (or sentence-like piece) of a block: the unit that
// memory, machine translation, checks and reviewers work on.
type Segment struct {
	ID     string  // unique in the document: "b3s2" is the 2nd segment of block b3
	Span   Span    // the source bytes the segment covers, without surrounding blanks
	Source Content // the segment's runs (a contiguous slice of the block's, split at the edges)
}

// SegmentID returns the identifier of the n-th (1-based) segment of a block.
func SegmentID(blockID string, n int) string { return blockID + "s" + strconv.Itoa(n) }
