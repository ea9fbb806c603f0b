package segment

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// sentenceCase is one row of the language tables: a text and the sentences
// it must be cut into, without their surrounding white space.
type sentenceCase struct {
	name string
	in   string
	want []string
}

// sentences cuts text with r and returns the pieces trimmed of white space.
func sentences(r *Rules, text string) []string {
	var out []string
	last := 0
	for _, b := range append(r.Boundaries(text), len(text)) {
		if s := strings.TrimFunc(text[last:b], unicode.IsSpace); s != "" {
			out = append(out, s)
		}
		last = b
	}
	return out
}

func runSentenceCases(t *testing.T, lang language.Tag, cases []sentenceCase) {
	t.Helper()
	r, err := New(lang)
	require.NoError(t, err)
	names := map[string]bool{}
	for _, c := range cases {
		require.False(t, names[c.name], "duplicate case name %q", c.name)
		names[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, sentences(r, c.in), "in: %q", c.in)
			requireBoundaries(t, c.in, r.Boundaries(c.in))
		})
	}
}

// requireBoundaries checks the contract of Rules.Boundaries.
func requireBoundaries(t testing.TB, text string, bs []int) {
	t.Helper()
	starts := map[int]bool{} // where characters start (an invalid byte is one)
	for i := 0; i < len(text); {
		starts[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	last := 0
	for _, b := range bs {
		require.Greater(t, b, last, "boundaries increase and are > 0: %v", bs)
		require.Less(t, b, len(text), "boundaries lie inside the text: %v", bs)
		require.True(t, starts[b], "boundary %d inside a character", b)
		r, _ := utf8.DecodeRuneInString(text[b:])
		require.False(t, unicode.IsSpace(r), "boundary %d at white space", b)
		require.NotEmpty(t, strings.TrimFunc(text[last:b], unicode.IsSpace), "empty sentence before %d", b)
		last = b
	}
}

// requireSegments checks the invariants of segmented blocks: segments in
// order inside their block without overlap, white space between them, every
// code in exactly one segment, runs that tile each segment's span with
// verbatim text equal to the source, no blank edge, unique IDs.
func requireSegments(t testing.TB, doc *document.Document) {
	t.Helper()
	ids := map[string]bool{}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		at := b.Span.Start
		codes := 0
		for _, r := range b.Content {
			if r.Code != nil {
				codes++
			}
		}
		seen := 0
		for si, s := range b.Segments {
			where := fmt.Sprintf("block %s segment %d %q", b.ID, si, doc.Text(s.Span))
			require.Equal(t, document.SegmentID(b.ID, si+1), s.ID, where)
			require.False(t, ids[s.ID], "%s: duplicate ID", where)
			ids[s.ID] = true
			require.Less(t, s.Span.Start, s.Span.End, "%s: empty", where)
			require.LessOrEqual(t, at, s.Span.Start, "%s: overlaps the previous one", where)
			require.True(t, b.Span.Contains(s.Span), "%s: outside block %v", where, b.Span)
			requireGap(t, doc, b, document.Span{Start: at, End: s.Span.Start}, where)
			require.NotEmpty(t, s.Source, where)
			pos := s.Span.Start
			for ri, r := range s.Source {
				require.Equal(t, pos, r.Span.Start, "%s: run %d does not follow the previous one", where, ri)
				pos = r.Span.End
				if r.Code != nil {
					seen++
					require.Equal(t, r.Code.Data, doc.Text(r.Span), "%s: code data", where)
					continue
				}
				if (ri == 0 || ri == len(s.Source)-1) && r.Text != "" {
					require.NotEmpty(t, strings.TrimFunc(r.Text, unicode.IsSpace), "%s: blank run at an edge", where)
				}
				if blockRunIsVerbatim(doc, b, r) {
					require.Equal(t, doc.Text(r.Span), r.Text, where)
				}
			}
			require.Equal(t, s.Span.End, pos, "%s: runs do not reach the end of the span", where)
			first, last := s.Source[0], s.Source[len(s.Source)-1]
			if first.Code == nil && doc.Text(first.Span) == first.Text {
				r, _ := utf8.DecodeRuneInString(first.Text)
				require.False(t, unicode.IsSpace(r), "%s: starts with white space", where)
			}
			if last.Code == nil && doc.Text(last.Span) == last.Text {
				r, _ := utf8.DecodeLastRuneInString(last.Text)
				require.False(t, unicode.IsSpace(r), "%s: ends with white space", where)
			}
			at = s.Span.End
		}
		requireGap(t, doc, b, document.Span{Start: at, End: b.Span.End}, "block "+b.ID+" end")
		require.Equal(t, codes, seen, "block %s: every code in exactly one segment", b.ID)
	}
}

// blockRunIsVerbatim reports whether r is (a piece of) a verbatim run of b.
func blockRunIsVerbatim(doc *document.Document, b *document.Block, r document.Run) bool {
	for _, br := range b.Content {
		if br.Code == nil && br.Span.Contains(r.Span) {
			return doc.Text(br.Span) == br.Text
		}
	}
	return false
}

// requireGap checks that the bytes of sp (between segments) read as white
// space: blank source bytes, or atomic runs whose text is blank.
func requireGap(t testing.TB, doc *document.Document, b *document.Block, sp document.Span, where string) {
	t.Helper()
	for _, r := range b.Content {
		if r.Span.End <= sp.Start || r.Span.Start >= sp.End {
			continue
		}
		require.Nil(t, r.Code, "%s: code %q between segments", where, r.Text)
		if doc.Text(r.Span) == r.Text {
			lo, hi := max(r.Span.Start, sp.Start), min(r.Span.End, sp.End)
			require.Empty(t, strings.TrimFunc(doc.Text(document.Span{Start: lo, End: hi}), unicode.IsSpace),
				"%s: text between segments", where)
		} else {
			require.True(t, sp.Contains(r.Span), "%s: atomic run %q cut", where, r.Text)
			require.Empty(t, strings.TrimFunc(r.Text, unicode.IsSpace), "%s: atomic text %q between segments", where, r.Text)
		}
	}
}

// segmentTexts returns the source bytes of each segment of b.
func segmentTexts(doc *document.Document, b *document.Block) []string {
	var out []string
	for _, s := range b.Segments {
		out = append(out, doc.Text(s.Span))
	}
	return out
}
