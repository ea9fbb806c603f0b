package xliff

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Pieces of a hand-built block (see build):
//
//	string          verbatim text inside a segment
//	gap             verbatim blank text between segments (an ignorable)
//	atomic          a text run that is not verbatim (Text reads as Src)
//	*document.Code  a code; its Data are its source bytes
type (
	gap    string
	atomic struct{ Text, Src string }
)

// blockSpec is one block of a hand-built document.
type blockSpec struct {
	kind   document.BlockKind
	name   string
	pieces []any
}

// build returns a segmented document: one block per spec, blocks separated
// by a blank line in the source, segments the maximal runs of pieces that
// are not gaps, IDs "b1", "b1s1"… The result keeps the model's invariants
// (runs tile the block, segments inside it in order, blanks between them).
func build(t testing.TB, path string, blocks ...blockSpec) *document.Document {
	t.Helper()
	var src []byte
	type pending struct {
		b    document.Block
		segs [][2]int // run index ranges
	}
	var all []pending
	for bi, spec := range blocks {
		if bi > 0 {
			src = append(src, "\n\n"...)
		}
		p := pending{b: document.Block{ID: "b" + strconv.Itoa(bi+1), Kind: spec.kind, Name: spec.name}}
		start := len(src)
		inSeg := false
		for _, pc := range spec.pieces {
			at := len(src)
			var r document.Run
			isGap := false
			switch v := pc.(type) {
			case string:
				src = append(src, v...)
				r = document.Run{Text: v}
			case gap:
				src = append(src, v...)
				r = document.Run{Text: string(v)}
				isGap = true
			case atomic:
				src = append(src, v.Src...)
				r = document.Run{Text: v.Text}
			case *document.Code:
				src = append(src, v.Data...)
				c := *v
				r = document.Run{Code: &c}
			default:
				t.Fatalf("build: unknown piece %T", pc)
			}
			r.Span = document.Span{Start: at, End: len(src)}
			idx := len(p.b.Content)
			p.b.Content = append(p.b.Content, r)
			switch {
			case isGap:
				inSeg = false
			case inSeg:
				p.segs[len(p.segs)-1][1] = idx + 1
			default:
				p.segs = append(p.segs, [2]int{idx, idx + 1})
				inSeg = true
			}
		}
		p.b.Span = document.Span{Start: start, End: len(src)}
		all = append(all, p)
	}
	doc := document.New(path, "test", language.French, src)
	for _, p := range all {
		for n, r := range p.segs {
			runs := append(document.Content(nil), p.b.Content[r[0]:r[1]]...)
			p.b.Segments = append(p.b.Segments, document.Segment{
				ID: document.SegmentID(p.b.ID, n+1), Span: runs.Span(), Source: runs,
			})
		}
		doc.Blocks = append(doc.Blocks, p.b)
	}
	require.NotEmpty(t, doc.Source)
	return doc
}

// Codes for hand-built blocks.
func ph(id, typ, data, disp string) *document.Code {
	return &document.Code{ID: id, Kind: document.Standalone, Type: typ, Data: data, Disp: disp}
}

func open(id, typ, data, disp string) *document.Code {
	return &document.Code{ID: id, Kind: document.Open, Type: typ, Data: data, Disp: disp}
}

func closing(id, typ, data, disp string) *document.Code {
	return &document.Code{ID: id, Kind: document.Close, Type: typ, Data: data, Disp: disp}
}

// ref is a target's reference to a source code: ID and kind only.
func ref(id string, kind document.CodeKind) document.Run {
	return document.Run{Code: &document.Code{ID: id, Kind: kind}}
}

// txt is a text run of a target.
func txt(s string) document.Run { return document.Run{Text: s} }
