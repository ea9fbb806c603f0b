package markdown

import (
	"bytes"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// This file gives a translated paragraph the line structure of its
// source. The breaks between segments are source bytes and stay as they
// are; a translation replaces what lies inside a segment, where the line
// breaks of the source (soft line breaks: atomic runs holding "\n" and the
// next line's indentation or "> " prefix) reach the engine as blanks.
//
// Two ways of writing paragraphs over several lines are common, and each
// comes back its own way:
//   - Semantic line breaks: each sentence or clause on its own line, so
//     that a diff shows what changed. A block whose every break inside a
//     segment follows a clause's punctuation is written so. Its segments
//     keep as many breaks as their source, each at the blank nearest the
//     same share of the text, so the draft has the source's lines.
//   - Hard wrapping at a width: any other block over several lines. Its
//     translated segments, even those the source holds on one line, are
//     wrapped again at the block's width (its longest source line), each
//     from the column where the draft has got to.
//
// A paragraph written as one line stays one line. A break never falls
// inside a code (an address, a tag, site syntax), before a segment's first
// word (a line of punctuation alone can be a marker), nor before a word
// that would start a block or a tag at the start of a line ("-", "1.",
// "#", "<", "{"…). Beside a code the source does not break at, a line may
// end after a link, an emphasis or a code span, and start with a link. A
// paragraph whose line starts like a site block's marker ("!!!", ":::")
// keeps its first line as the source has it, and only the source's own
// breaks beside codes after it: cut elsewhere, its first line could read
// as a marker.

// lineKeeper caches, per block, how its source is written.
type lineKeeper struct {
	blocks map[string]blockLines
	// The last segment wrapped: its block, where it ends in the source,
	// and the draft's column there, so that the next segment of the block
	// starts where the draft has got to.
	last struct {
		block    string
		end, col int
	}
}

// blockLines is how a block's source is laid out in lines.
type blockLines struct {
	semantic  bool   // every break inside a segment follows a clause's end
	multiline bool   // the block spans several lines
	width     int    // the longest line of the block, in characters
	prefix    string // what starts the block's continuation lines (indentation, "> ")
}

// layout returns how block b of doc is written.
func (k *lineKeeper) layout(doc *document.Document, b *document.Block) blockLines {
	if l, ok := k.blocks[b.ID]; ok {
		return l
	}
	l := blockLines{semantic: true}
	start := bytes.LastIndexByte(doc.Source[:b.Span.Start], '\n') + 1
	lines := 0
	for line := range bytes.Lines(doc.Source[start:b.Span.End]) {
		l.width = max(l.width, utf8.RuneCount(bytes.TrimRight(line, "\r\n")))
		lines++
	}
	l.multiline = lines > 1
	for _, s := range b.Segments {
		for i, r := range s.Source {
			if !isSoftBreak(doc, r) {
				continue
			}
			if l.prefix == "" {
				src := doc.Source[r.Span.Start:r.Span.End]
				l.prefix = string(src[bytes.LastIndexByte(src, '\n')+1:])
			}
			if i == 0 || s.Source[i-1].Code != nil || !endsClause(s.Source[i-1].Text) {
				l.semantic = false
			}
		}
	}
	if k.blocks == nil {
		k.blocks = map[string]blockLines{}
	}
	k.blocks[b.ID] = l
	return l
}

// isSoftBreak reports whether r is a soft line break of doc: an atomic
// run whose source bytes hold a line feed.
func isSoftBreak(doc *document.Document, r document.Run) bool {
	return r.Code == nil && r.Span.Len() > 0 && r.Span.End <= len(doc.Source) &&
		bytes.IndexByte(doc.Source[r.Span.Start:r.Span.End], '\n') >= 0
}

// endsClause reports whether text ends with the punctuation that ends a
// sentence or a clause, closing quotes and brackets aside.
func endsClause(text string) bool {
	t := strings.TrimRight(text, " \t\u00a0\u202f\"'»”’)]")
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:;,…", r)
}

// wrap puts line breaks into the text pieces of the rendered translation
// of segment s of block b, as the source lays its lines out (see above).
func (k *lineKeeper) wrap(doc *document.Document, b *document.Block, s *document.Segment, ps []piece) {
	breaks, prefix := 0, ""
	var edges []codeEdge // codes the source has a line break right after or before
	for i, r := range s.Source {
		if !isSoftBreak(doc, r) {
			continue
		}
		src := doc.Source[r.Span.Start:r.Span.End]
		own := string(src[bytes.LastIndexByte(src, '\n')+1:]) // the next line's indentation or prefix
		if breaks == 0 {
			prefix = own
		}
		breaks++
		if i > 0 && s.Source[i-1].Code != nil {
			edges = append(edges, codeEdge{s.Source[i-1].Code.ID, s.Source[i-1].Code.Kind, true, own})
		}
		if i+1 < len(s.Source) && s.Source[i+1].Code != nil {
			edges = append(edges, codeEdge{s.Source[i+1].Code.ID, s.Source[i+1].Code.Kind, false, own})
		}
	}
	l := k.layout(doc, b)
	col := k.startColumn(doc, b, s)
	defer func() { k.ended(b, s, ps, col) }()
	if breaks == 0 && (l.semantic || !l.multiline) {
		return // a segment on one line stays on one line
	}
	if breaks == 0 {
		prefix = l.prefix // a sentence inside a hard-wrapped block
	}
	// Where the source's first line holds no word ("!!!", "-- !"), the
	// draft breaks after the same text, if it starts so: joined to the
	// next line, it could read as a marker ("!!! Note"), and cut shorter
	// ("--") as another.
	marker := startsMarker(doc, s, ps)
	cands := breakCandidates(ps, edges, bareLead(doc, s, marker), sourceMarkers(doc, s, ps))
	if marker {
		cands = forcedOnly(cands)
	}
	if len(cands) == 0 {
		return
	}
	var chosen []candidate
	if l.semantic {
		chosen = proportional(cands, breaks)
	} else {
		chosen = greedy(cands, col, l.width, utf8.RuneCountInString(prefix))
	}
	// Replace each chosen run of blanks by a line break and the prefix,
	// from the last so that earlier offsets hold.
	for i := len(chosen) - 1; i >= 0; i-- {
		c := chosen[i]
		t := ps[c.piece].text
		p := prefix
		if c.forced {
			p = c.prefix // the source's own, beside the same code
		}
		ps[c.piece].text = t[:c.start] + "\n" + p + t[c.end:]
	}
}

// startColumn returns the draft's column where segment s of block b
// starts: after the segment wrapped last in the same block and the source
// bytes between the two, or the source's own column.
func (k *lineKeeper) startColumn(doc *document.Document, b *document.Block, s *document.Segment) int {
	if k.last.block == b.ID && k.last.end <= s.Span.Start {
		gap := doc.Source[k.last.end:s.Span.Start]
		if i := bytes.LastIndexByte(gap, '\n'); i >= 0 {
			return utf8.RuneCount(gap[i+1:])
		}
		return k.last.col + utf8.RuneCount(gap)
	}
	lineStart := bytes.LastIndexByte(doc.Source[:s.Span.Start], '\n') + 1
	return utf8.RuneCount(doc.Source[lineStart:s.Span.Start])
}

// ended records where the draft has got to after segment s, which
// started at column col and is written as ps.
func (k *lineKeeper) ended(b *document.Block, s *document.Segment, ps []piece, col int) {
	var text strings.Builder
	for _, p := range ps {
		text.WriteString(p.bytes())
	}
	t := text.String()
	if i := strings.LastIndexByte(t, '\n'); i >= 0 {
		col = utf8.RuneCountInString(t[i+1:])
	} else {
		col += utf8.RuneCountInString(t)
	}
	k.last.block, k.last.end, k.last.col = b.ID, s.Span.End, col
}

// startsMarker reports whether the draft's line where segment s (written
// as ps) starts opens with the characters of a site block's marker ("!!!",
// "???", "===", ":::"): cut after its first word ("!!!0000A") it could
// read as one, so only the source's own breaks beside codes are kept.
func startsMarker(doc *document.Document, s *document.Segment, ps []piece) bool {
	ls := bytes.LastIndexByte(doc.Source[:s.Span.Start], '\n') + 1
	line := strings.TrimLeft(string(doc.Source[ls:s.Span.Start]), " \t>")
	if line == "" {
		for _, p := range ps {
			if line = strings.TrimLeft(p.bytes(), " \t"); line != "" {
				break
			}
		}
	}
	for _, m := range []string{"!!!", "???", "===", ":::"} {
		if strings.HasPrefix(line, m) {
			return true
		}
	}
	return false
}

// forcedOnly keeps the forced candidates of cands, and its last entry
// (the total length); nil if none is forced.
func forcedOnly(cands []candidate) []candidate {
	if len(cands) == 0 {
		return nil
	}
	var out []candidate
	for _, c := range cands[:len(cands)-1] {
		if c.forced {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(out, cands[len(cands)-1])
}

// leadLine is the first line of a segment's source when it holds no
// letter or digit, and what follows its line break.
type leadLine struct {
	text, prefix string
}

// bareLead returns the first line of the source of segment s if a line
// break follows it in the segment and it holds no letter or digit, or it
// starts a marker-like line (marker).
func bareLead(doc *document.Document, s *document.Segment, marker bool) leadLine {
	for _, r := range s.Source {
		if isSoftBreak(doc, r) {
			src := doc.Source[r.Span.Start:r.Span.End]
			return leadLine{text: strings.TrimSpace(string(doc.Source[s.Span.Start:r.Span.Start])),
				prefix: string(src[bytes.LastIndexByte(src, '\n')+1:])}
		}
		if !marker && r.Code == nil && strings.IndexFunc(r.Text, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0 {
			return leadLine{}
		}
	}
	return leadLine{}
}

// markerLines says where the draft of a segment keeps a line break
// before a word that starts with a site marker's run of punctuation
// (":::", "!!!", "???", "==="): where the source's line starts with the
// word of the same ordinal among such words, and both have as many. Such a
// word keeps its line's start: joined to the line before ("::: a ::::b"),
// it could make that line a marker whose title takes it in, and the
// marker's closing line further down would then close it.
type markerLines map[int]markerLine

// markerLine is a source line that starts with a site marker's run.
type markerLine struct {
	run, prefix string // the run of punctuation, and what follows the line break before it
}

// sourceMarkers returns the markerLines of segment s, written as ps in the
// draft: none unless both hold as many words that start with a marker's
// run.
func sourceMarkers(doc *document.Document, s *document.Segment, ps []piece) markerLines {
	var out markerLines
	n, lineStart, prefix := 0, false, ""
	for _, r := range s.Source {
		switch {
		case isSoftBreak(doc, r):
			src := doc.Source[r.Span.Start:r.Span.End]
			lineStart, prefix = true, string(src[bytes.LastIndexByte(src, '\n')+1:])
			continue
		case r.Code == nil:
			for k, w := range textWords(r.Text) {
				if run := markerRun(w); run != "" {
					n++
					if k == 0 && lineStart {
						if out == nil {
							out = markerLines{}
						}
						out[n] = markerLine{run, prefix}
					}
				}
			}
		}
		lineStart = false
	}
	if out == nil {
		return nil
	}
	m := 0
	for _, p := range ps {
		if p.code == nil {
			for _, w := range textWords(p.text) {
				if markerRun(w) != "" {
					m++
				}
			}
		}
	}
	if m != n {
		return nil
	}
	return out
}

// textWords yields the words of t with their index: what lies between
// runs of blanks, the first starting at t's start (it may follow a code).
func textWords(t string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		k := 0
		for i := 0; i < len(t); {
			if t[i] == ' ' {
				i++
				continue
			}
			j := i
			for j < len(t) && t[j] != ' ' {
				j++
			}
			if !yield(k, t[i:j]) {
				return
			}
			k++
			i = j
		}
	}
}

// markerRun returns the run of three or more ":", "!", "?" or "=" that
// starts w (a word, or a text from a word's start), or "".
func markerRun(w string) string {
	if w == "" || strings.IndexByte(":!?=", w[0]) < 0 {
		return ""
	}
	i := 1
	for i < len(w) && w[i] == w[0] {
		i++
	}
	if i < 3 {
		return ""
	}
	return w[:i]
}

// codeEdge names a code of a segment's source with a line break right
// after it (after) or right before it: a template tag or shortcode alone
// on its line keeps its line in the draft.
type codeEdge struct {
	id     string
	kind   document.CodeKind
	after  bool
	prefix string // what follows the source's line break
}

// candidate is a run of blanks where a line may break: piece index, byte
// range in its text, and the number of characters of the rendered
// segment before it (at) and after it (next: where the next word starts).
type candidate struct {
	piece, start, end int
	at, next          int
	forced            bool   // the source breaks the line here, beside a code
	prefix            string // forced: what follows the source's line break
}

// breakCandidates returns the blanks of the text pieces, in order: not
// after a backslash, not before a word that would start a block at the
// start of a line, and not before the first letter or digit, except right
// after lead.text, the source's first line without a word, if the text
// starts with it (a forced break). Blanks that touch a code
// are candidates where the source breaks the line beside that code
// (edges; those are forced), after the end of a link, an emphasis or a
// code span, and before the start of one (breaksAfter, breaksBefore),
// outside link text.
func breakCandidates(ps []piece, edges []codeEdge, lead leadLine, markers markerLines) []candidate {
	edge := func(pi int, after bool) (string, bool) {
		if pi < 0 || pi >= len(ps) || ps[pi].code == nil {
			return "", false
		}
		for _, e := range edges {
			if e.id == ps[pi].code.ID && e.kind == ps[pi].code.Kind && e.after == after {
				return e.prefix, true
			}
		}
		return "", false
	}
	var out []candidate
	pos, links := 0, 0
	seen := 0                 // the words that start with a marker's run so far
	word := false             // a letter or a digit came before
	var sofar strings.Builder // the text up to the length of lead.text
	for pi, p := range ps {
		if p.code != nil {
			links += p.scope()
			pos += utf8.RuneCountInString(p.bytes())
			if sofar.Len() <= len(lead.text) {
				sofar.WriteString(p.bytes())
			}
			continue
		}
		t := p.text
		pos += utf8.RuneCountInString(p.pre)
		for i := 0; i < len(t); {
			if t[i] != ' ' {
				if (i == 0 || t[i-1] == ' ') && markerRun(t[i:]) != "" {
					seen++
				}
				r, n := utf8.DecodeRuneInString(t[i:])
				word = word || unicode.IsLetter(r) || unicode.IsDigit(r)
				if sofar.Len() <= len(lead.text) {
					sofar.WriteRune(r)
				}
				i += n
				pos++
				continue
			}
			j := i
			for j < len(t) && t[j] == ' ' {
				j++
			}
			c := candidate{piece: pi, start: i, end: j, at: pos, next: pos + (j - i)}
			atLead := lead.text != "" && sofar.Len() <= len(lead.text) && strings.EqualFold(strings.TrimSpace(sofar.String()), lead.text)
			if sofar.Len() <= len(lead.text) {
				sofar.WriteByte(' ')
			}
			ml, marked := markers[seen+1]
			switch {
			case marked && j < len(t) && markerRun(t[j:]) == ml.run:
				c.forced, c.prefix = true, ml.prefix
				out = append(out, c)
			case atLead && !startsBlock(t[j:]):
				c.forced, c.prefix = true, lead.prefix
				out = append(out, c)
			case i == 0 && j == len(t):
				// Blanks alone between two codes: only where the source
				// breaks.
				if c.prefix, c.forced = edge(pi-1, true); !c.forced {
					c.prefix, c.forced = edge(pi+1, false)
				}
				if c.forced {
					out = append(out, c)
				}
			case i == 0:
				c.prefix, c.forced = edge(pi-1, true)
				if c.forced = c.forced && !startsBlock(t[j:]); c.forced || word && links == 0 && breaksAfter(ps[pi-1]) && !startsBlock(t[j:]) {
					out = append(out, c)
				}
			case j == len(t):
				c.prefix, c.forced = edge(pi+1, false)
				if c.forced = c.forced && t[i-1] != '\\'; c.forced || word && links == 0 && t[i-1] != '\\' && breaksBefore(ps[pi+1]) {
					out = append(out, c)
				}
			case word && (wordBefore(t[:i]) || strings.IndexByte(t[:i], ' ') < 0 && pi > 0 && ps[pi-1].code != nil && ps[pi-1].code.Type != "break" && ps[pi-1].code.Type != "html") &&
				t[i-1] != '\\' && !startsBlock(t[j:]):
				// Not before the segment's first word (a line of punctuation
				// alone, "--" or ":::", can be a marker), nor after a
				// backslash, which a line break would make a hard break.
				out = append(out, c)
			}
			pos += j - i
			i = j
		}
		pos += utf8.RuneCountInString(p.post)
	}
	// The total length, for placing breaks, is the last entry's position.
	if len(out) > 0 {
		out = append(out, candidate{piece: -1, at: pos})
	}
	return out
}

// breaksAfter reports whether a line may end after p, a code the source
// does not break beside: the end of a link, an image, an emphasis, or a
// code span, where what starts the next line is text (not site syntax,
// an HTML tag or a hard break, whose place on a line counts).
func breaksAfter(p piece) bool {
	if p.code == nil {
		return false
	}
	switch p.code.Type {
	case "link", "image":
		return p.code.Kind == document.Close
	case "code", "autolink":
		return true
	}
	return p.isDelim() && p.code.Kind == document.Close
}

// breaksBefore reports whether a line may start with p, a code the source
// does not break beside: the start of a link or an image, a code span
// opened by one or two backticks (three would open a fence), an emphasis
// opened by "*" or "_" (followed by a word, it starts no list).
func breaksBefore(p piece) bool {
	if p.code == nil {
		return false
	}
	switch p.code.Type {
	case "link", "image":
		return p.code.Kind == document.Open && (p.text == "[" || p.text == "![")
	case "code":
		return !strings.HasPrefix(p.text, "```")
	}
	return p.isDelim() && p.code.Kind == document.Open && strings.Trim(p.text, "*_") == "" && len(p.text) <= 2
}

// wordBefore reports whether the last word of t (after its last blank)
// holds a letter or a digit: a line that ends with one of punctuation
// alone ("|-", "---") could be a table's delimiter row or an underline.
// (Punctuation right after a code, "](u),", ends the code's word, unless
// the code is an HTML tag: "<A></>" alone on a line is a JSX line in MDX.)
func wordBefore(t string) bool {
	w := t[strings.LastIndexByte(t, ' ')+1:]
	return strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// startsBlock reports whether a line starting with t would start a block
// or a marker: a list, heading, quote, table or thematic break, a setext
// underline, a fence, an HTML block, an MDX expression, a site block's
// marker (":::", "!!!", "???").
func startsBlock(t string) bool {
	if t == "" {
		return true
	}
	if strings.IndexByte("-+*#>=|`~<_\\{:!?", t[0]) >= 0 {
		return true
	}
	i := 0
	for i < len(t) && i < 10 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')')
}

// proportional chooses n breaks among cands (whose last entry only holds
// the total length): the forced ones, then each of the others at the
// candidate nearest the same share of the text as in the source.
func proportional(cands []candidate, n int) []candidate {
	total := cands[len(cands)-1].at
	cands = cands[:len(cands)-1]
	taken := make([]bool, len(cands))
	left := n
	for i, c := range cands {
		if c.forced && left > 0 {
			taken[i] = true
			left--
		}
	}
	for k := 1; k <= left; k++ {
		target := total * k / (left + 1)
		best := -1
		for i, c := range cands {
			if !taken[i] && (best < 0 || abs(c.at-target) < abs(cands[best].at-target)) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		taken[best] = true
	}
	var out []candidate
	for i, c := range cands {
		if taken[i] {
			out = append(out, c)
		}
	}
	return out
}

// greedy chooses breaks so that no line is longer than width, the first
// starting at column col and the others after prefix (of indent
// characters): each line takes as many words as fit, and at least one.
// Forced breaks are always taken.
func greedy(cands []candidate, col, width, indent int) []candidate {
	total := cands[len(cands)-1].at
	cands = cands[:len(cands)-1]
	var out []candidate
	lineStart, offset := 0, col // where the current line starts, and its column there
	for i, c := range cands {
		end := total
		if i+1 < len(cands) {
			end = cands[i+1].at
		}
		// Break here if the source does, or if the next word would not
		// fit on the current line.
		if c.forced || offset+end-lineStart > width && c.at > lineStart {
			out = append(out, c)
			lineStart, offset = c.next, indent
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
