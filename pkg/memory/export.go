package memory

import (
	"context"
	"io"
)

// ExportTMX writes the units of st that f selects to w as one TMX 1.4b
// document with header h, in the order Each gives them, and returns how
// many it wrote. On an error w may hold part of a document: a caller
// writing a file writes it atomically.
func ExportTMX(ctx context.Context, w io.Writer, st Store, f Filter, h TMXHeader) (int, error) {
	tw := NewTMXWriter(w, h)
	n := 0
	err := st.Each(ctx, f, func(u Unit) error {
		n++
		return tw.Write(u)
	})
	if err != nil {
		return n, err
	}
	return n, tw.Close()
}
