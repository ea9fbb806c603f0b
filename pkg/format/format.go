package format

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/relais-tm/relais/pkg/document"
)

// Codec reads one source format into a document and writes drafts back in
// the same format.
//
// How to implement a codec:
//  1. Extract returns a document whose Source is src (not a copy), whose
//     blocks are the translatable parts in source order with IDs "b1", "b2"…,
//     and whose block contents tile each block's span (see document.Block).
//     Markup inside a block becomes codes carrying their original bytes.
//  2. Extract never panics; on input it cannot read it returns a
//     *document.PosError naming the line and column.
//  3. Merge writes the draft with format.Merge and an escaper that makes
//     translated text safe in the block it lands in. With every target equal
//     to its source, the output is src byte for byte.
//  4. Extract and Merge are pure: no I/O but the writer, safe for concurrent
//     use by several goroutines.
type Codec interface {
	// Name returns the codec's name, stored in Document.Format: "markdown".
	Name() string
	// Extract reads src, the UTF-8 text of the file at path (a slash path
	// inside the batch), into a document.
	Extract(path string, src []byte) (*document.Document, error)
	// Merge writes doc with the segments named in targets (by segment ID)
	// replaced by their translations.
	Merge(w io.Writer, doc *document.Document, targets map[string]document.Content) error
}

// Registry picks a codec by the extension of a file's name. The zero value
// is empty and ready to use; it is not safe to Add while another goroutine
// calls ForPath.
type Registry struct {
	byExt map[string]Codec
}

// Add registers c for each extension (with its dot: ".md").
func (r *Registry) Add(c Codec, exts ...string) {
	if r.byExt == nil {
		r.byExt = map[string]Codec{}
	}
	for _, e := range exts {
		r.byExt[strings.ToLower(e)] = c
	}
}

// ForPath returns the codec for the file name p, if one is registered for
// its extension.
func (r *Registry) ForPath(p string) (Codec, bool) {
	c, ok := r.byExt[strings.ToLower(path.Ext(p))]
	return c, ok
}

// Extensions returns the registered extensions, sorted.
func (r *Registry) Extensions() []string {
	out := make([]string, 0, len(r.byExt))
	for e := range r.byExt {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// Escaper makes translated text safe to write inside block b of a format:
// Markdown escapes characters that would start markup, a YAML string escapes
// its quotes. The identity is a valid escaper for plain text.
type Escaper func(b *document.Block, text string) string

// Merge writes doc.Source to w with every segment whose target in targets
// differs from its source replaced by the target: text through escape, codes
// from their original bytes. Segments with no target, or with a target equal
// to the source (document.Content.Equal), keep their bytes, so identity
// targets give back the source byte for byte.
//
// A target must carry exactly the codes of its source segment (by ID and
// kind), each once, with every open code before its close and pairs nested,
// not overlapping (document.CheckCodes); otherwise Merge writes nothing and
// returns a *document.PosError naming the segment.
func Merge(w io.Writer, doc *document.Document, targets map[string]document.Content, escape Escaper) error {
	var reps []replacement
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		for si := range b.Segments {
			s := &b.Segments[si]
			t, ok := targets[s.ID]
			if !ok || t.Equal(s.Source) {
				continue
			}
			if err := document.CheckCodes(s.Source, t).Err(); err != nil {
				return &document.PosError{Path: doc.Path, Pos: doc.Position(s.Span.Start),
					Err: fmt.Errorf("segment %s: %w", s.ID, err)}
			}
			reps = append(reps, replacement{span: s.Span, block: b, seg: s, target: t})
		}
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i].span.Start < reps[j].span.Start })
	m := merger{src: doc.Source, reps: reps, escape: escape}
	out := m.render(document.Span{Start: 0, End: len(doc.Source)}, nil)
	_, err := w.Write(out)
	return err
}

type replacement struct {
	span   document.Span
	block  *document.Block
	seg    *document.Segment
	target document.Content
}

type merger struct {
	src    []byte
	reps   []replacement // sorted by start
	escape Escaper
}

// render returns the source bytes of span with every outermost replacement
// inside it (other than skip) substituted.
func (m *merger) render(span document.Span, skip *replacement) []byte {
	var out []byte
	at := span.Start
	first := sort.Search(len(m.reps), func(i int) bool { return m.reps[i].span.Start >= span.Start })
	for i := first; i < len(m.reps) && m.reps[i].span.Start < span.End; i++ {
		r := &m.reps[i]
		if r == skip || r.span.Start < at || !span.Contains(r.span) {
			continue
		}
		out = append(out, m.src[at:r.span.Start]...)
		out = append(out, m.renderTarget(r)...)
		at = r.span.End
	}
	return append(out, m.src[at:span.End]...)
}

// renderTarget writes a replacement's target: text escaped for its block,
// codes from the source bytes of the matching source code (with any nested
// replacement, such as a translated link title, applied inside them).
func (m *merger) renderTarget(r *replacement) []byte {
	spans := map[codeRef]document.Span{}
	for _, run := range r.seg.Source {
		if run.Code != nil {
			spans[codeRef{run.Code.ID, run.Code.Kind}] = run.Span
		}
	}
	var out []byte
	for _, run := range r.target {
		if run.Code == nil {
			text := run.Text
			if m.escape != nil {
				text = m.escape(r.block, text)
			}
			out = append(out, text...)
			continue
		}
		out = append(out, m.render(spans[codeRef{run.Code.ID, run.Code.Kind}], r)...)
	}
	return out
}

type codeRef struct {
	id   string
	kind document.CodeKind
}
