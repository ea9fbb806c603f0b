package align

import "github.com/relais-tm/relais/pkg/document"

// Segments returns the sentences of d, a segmented document, to align, and
// the segments they are, in document order: each segment's plain text,
// with its block's index and kind (front matter and attributes by their
// name too, so that a title pairs with a title). A block that was not
// segmented counts as one segment: the block's own ID, span and content.
func Segments(d *document.Document) ([]Sentence, []*document.Segment) {
	var ss []Sentence
	var segs []*document.Segment
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		kind := b.Kind.String()
		if b.Kind == document.FrontMatter || b.Kind == document.Attribute {
			kind += "\x00" + b.Name
		}
		if len(b.Segments) == 0 {
			ss = append(ss, Sentence{Text: b.Content.Plain(), Block: bi, Kind: kind})
			segs = append(segs, &document.Segment{ID: b.ID, Span: b.Span, Source: b.Content})
			continue
		}
		for si := range b.Segments {
			s := &b.Segments[si]
			ss = append(ss, Sentence{Text: s.Source.Plain(), Block: bi, Kind: kind})
			segs = append(segs, s)
		}
	}
	return ss, segs
}
