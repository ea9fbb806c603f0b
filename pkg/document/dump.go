package document

import (
	"fmt"
	"io"
	"strings"
)

// Dump writes a readable listing of doc's blocks, runs and segments, for
// golden files and debugging: one line per block, run and segment, with
// spans and positions, text quoted with Go syntax so that every blank and
// no-break space shows.
func Dump(w io.Writer, doc *Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "document %q format=%s blocks=%d\n", doc.Path, doc.Format, len(doc.Blocks))
	for _, bl := range doc.Blocks {
		fmt.Fprintf(&b, "block %s %s", bl.ID, bl.Kind)
		if bl.Name != "" {
			fmt.Fprintf(&b, " name=%q", bl.Name)
		}
		fmt.Fprintf(&b, " at %s [%d,%d)\n", doc.Position(bl.Span.Start), bl.Span.Start, bl.Span.End)
		for _, r := range bl.Content {
			if r.Code != nil {
				fmt.Fprintf(&b, "  code %s %s id=%s %q\n", r.Code.Kind, r.Code.Type, r.Code.ID, r.Code.Data)
				continue
			}
			atomic := ""
			if r.Span.End <= len(doc.Source) && r.Span.Start <= r.Span.End && doc.Text(r.Span) != r.Text {
				atomic = fmt.Sprintf(" (source %q)", doc.Text(r.Span))
			}
			fmt.Fprintf(&b, "  text %q%s\n", r.Text, atomic)
		}
		for _, s := range bl.Segments {
			fmt.Fprintf(&b, "  segment %s [%d,%d) %q\n", s.ID, s.Span.Start, s.Span.End, s.Source.Key())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
