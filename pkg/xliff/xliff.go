package xliff

import (
	"strconv"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// File is one bilingual XLIFF file: the units of one source document with
// their targets in one language.
type File struct {
	SrcLang  language.Tag // the source language (srcLang)
	TrgLang  language.Tag // the target language (trgLang); language.Und when the file has none
	ID       string       // the id of the (first) <file> element; Write uses "f1" when empty
	Original string       // the original attribute of that <file>: the source document's path
	// Originals holds the original attribute of each later <file>, by its
	// id (Unit.File), for a file holding several documents (the review
	// page's export has one <file> per article); nil when there is one.
	Originals map[string]string
	Units     []Unit // in file order
}

// Unit is one <unit>: a block of the source document.
type Unit struct {
	ID string // the block ID
	// File is empty for the units of the first <file> element. A file read
	// from another tool may hold several <file> elements: the units of the
	// later ones carry the id of theirs, since unit IDs are unique only
	// within a <file>. Write groups units by File.
	File  string
	Kind  document.BlockKind // from type="relais:…"; Paragraph when the unit has another type or none
	Name  string             // the name attribute: the block's name (front-matter key), if any
	Parts []Part             // segments and ignorables, in order
}

// PartKind says whether a part of a unit is a segment or an ignorable.
type PartKind int

// The kinds of part.
const (
	Segment   PartKind = iota // a <segment>: text to translate
	Ignorable                 // an <ignorable>: text between segments, blanks in relais files
)

// String returns "segment" or "ignorable".
func (k PartKind) String() string {
	switch k {
	case Segment:
		return "segment"
	case Ignorable:
		return "ignorable"
	}
	return "part-kind(" + strconv.Itoa(int(k)) + ")"
}

// Part is a <segment> or an <ignorable> of a unit.
//
// Source and Target hold text and codes with no source positions (Run.Span
// is zero), adjacent text merged into one run. Target is nil when the part
// has no <target>, and empty but not nil for an empty <target/>. State,
// Origin and Matches are meaningful for segments only and are zero for
// ignorables.
type Part struct {
	Kind   PartKind
	ID     string           // the segment ID; optional in XLIFF, empty for relais ignorables
	Source document.Content // never nil for a part read or built here
	Target document.Content
	State  document.State
	Origin document.Origin
	// Matches are the segment's translation candidates, best first: the
	// <mtc:match> elements of the unit whose ref points to this segment.
	// A segment with matches needs an ID.
	Matches []Match
}

// Match is a translation candidate for a segment: an <mtc:match> of the
// XLIFF 2.0 Translation Candidates module (namespace
// urn:oasis:names:tc:xliff:matches:2.0). Its source and target are its
// own, with codes whose IDs and data belong to the match, not to the unit:
// the earlier source of a segment and its earlier translation, or a
// memory unit's source and target.
type Match struct {
	// Origin says where the candidate comes from: "relais:previous" (the
	// segment's translation in the earlier run's XLIFF file, its source
	// since changed), "relais:memory" (a memory match relais suggested
	// but did not insert), or what another tool wrote.
	Origin string
	// Type is the kind of candidate, one of the module's values: "tm"
	// (translation memory, the default), "mt", "am", "icm", "idm", "tb"
	// or "other"; empty when not given, which means "tm".
	Type string
	// Similarity is how close Source is to the segment's source, from 1
	// to 100, as relais scores fuzzy matches; 0 when not given. The
	// module allows decimals: Read rounds them, and reads 0 as not given.
	Similarity int
	Source     document.Content
	Target     document.Content // never nil for a match read or added here
}

// FromDocument returns the XLIFF file of doc for target language trg, with
// the translations of tr (keyed by segment ID) as targets.
//
// Each block becomes a unit; each segment a part with its ID; the runs of the
// block that no segment covers (the blanks between segments) become
// ignorables. A block with no segment (one package segment has not cut)
// becomes one segment without ID holding the whole block. A translation
// becomes a target unless it has no origin and is still initial (see the
// package documentation). In a target, a code with the ID and kind of one of
// the block's codes takes that code's type, data and display form (the
// translation only names it); the data of a code the block does not have is
// dropped, since nothing could merge it. Origins are written in their
// canonical form (the one document.ParseOrigin returns).
func FromDocument(doc *document.Document, trg language.Tag, tr map[string]document.Translation) *File {
	f := &File{SrcLang: doc.Lang, TrgLang: trg, ID: "f1", Original: doc.Path}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		u := Unit{ID: b.ID, Kind: b.Kind, Name: b.Name}
		codes := map[codeKey]*document.Code{}
		for _, r := range b.Content {
			if r.Code != nil {
				codes[codeKey{r.Code.ID, r.Code.Kind}] = r.Code
			}
		}
		if len(b.Segments) == 0 {
			u.Parts = append(u.Parts, Part{Kind: Segment, Source: normalize(b.Content, nil)})
		}
		at := b.Span.Start
		for _, s := range b.Segments {
			if gap := slice(doc.Source, b.Content, document.Span{Start: at, End: s.Span.Start}); len(gap) > 0 {
				u.Parts = append(u.Parts, Part{Kind: Ignorable, Source: gap})
			}
			p := Part{Kind: Segment, ID: s.ID, Source: normalize(s.Source, nil), State: document.Initial}
			if t, ok := tr[s.ID]; ok && (t.Origin.Kind != document.FromNone || t.State != document.Initial) {
				p.Target = normalize(t.Target, codes)
				p.State = t.State
				p.Origin = canonicalOrigin(t.Origin)
			}
			u.Parts = append(u.Parts, p)
			at = max(at, s.Span.End)
		}
		if len(b.Segments) > 0 {
			if gap := slice(doc.Source, b.Content, document.Span{Start: at, End: b.Span.End}); len(gap) > 0 {
				u.Parts = append(u.Parts, Part{Kind: Ignorable, Source: gap})
			}
		}
		f.Units = append(f.Units, u)
	}
	return f
}

// Translations returns the targets of the file's segments keyed by segment
// ID, with their states and origins: what a reviewer sends back. Segments
// without an ID or without a target are left out; when an ID repeats (IDs
// are unique in relais files, not in every XLIFF file), the first segment
// wins.
func (f *File) Translations() map[string]document.Translation {
	out := map[string]document.Translation{}
	for _, u := range f.Units {
		for _, p := range u.Parts {
			if p.Kind != Segment || p.ID == "" || p.Target == nil {
				continue
			}
			if _, dup := out[p.ID]; dup {
				continue
			}
			out[p.ID] = document.Translation{Target: p.Target, State: p.State, Origin: p.Origin}
		}
	}
	return out
}

// AddMatches adds translation candidates to the file's segments: those of
// m[ID] to the first segment with that ID, after the matches it has, in
// order. Sources and targets are normalized as FromDocument normalizes a
// segment's source (positions cleared, adjacent text merged), a nil
// target becoming empty; codes keep their own data. A candidate that
// cannot be written is left out (a code XLIFF cannot hold, such as two
// codes with one ID in its source, or an unknown type): a candidate is
// advice, and a draft's XLIFF file must not fail for it. IDs of no
// segment are ignored.
func (f *File) AddMatches(m map[string][]Match) {
	if len(m) == 0 {
		return
	}
	enc := newUnitEncoder()
	done := map[string]bool{}
	for ui := range f.Units {
		u := &f.Units[ui]
		for pi := range u.Parts {
			p := &u.Parts[pi]
			if p.Kind != Segment || p.ID == "" || done[p.ID] {
				continue
			}
			done[p.ID] = true
			for _, c := range m[p.ID] {
				c.Source, c.Target = normalize(c.Source, nil), normalize(c.Target, nil)
				if _, err := enc.match(u, p.ID, len(p.Matches), &c); err != nil {
					continue
				}
				p.Matches = append(p.Matches, c)
			}
		}
	}
}

type codeKey struct {
	id   string
	kind document.CodeKind
}

// canonicalOrigin returns o as it reads back from its string form, or o
// itself when that form does not read back (Write then reports it). A
// machine origin without an engine is named "unknown".
func canonicalOrigin(o document.Origin) document.Origin {
	if o.Kind == document.FromMachine && o.Engine == "" {
		o.Engine = "unknown"
	}
	c, err := document.ParseOrigin(o.String())
	if err != nil {
		return o
	}
	return c
}

// normalize returns c with spans cleared, empty text runs dropped, adjacent
// text runs merged and codes copied. With codes (a block's codes by ID and
// kind), a code found there takes its type, data and display form, and a
// code not found loses its data.
func normalize(c document.Content, codes map[codeKey]*document.Code) document.Content {
	out := make(document.Content, 0, len(c))
	for _, r := range c {
		if r.Code == nil {
			if r.Text == "" {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Code == nil {
				out[n-1].Text += r.Text
				continue
			}
			out = append(out, document.Run{Text: r.Text})
			continue
		}
		code := *r.Code
		if codes != nil {
			if src, ok := codes[codeKey{code.ID, code.Kind}]; ok {
				code.Type, code.Data, code.Disp = src.Type, src.Data, src.Disp
			} else {
				code.Data = ""
			}
		}
		out = append(out, document.Run{Code: &code})
	}
	return out
}

// slice returns the runs of c that lie in span, normalized: verbatim text
// runs cut at the span's edges, atomic runs and codes whole when they start
// inside it.
func slice(src []byte, c document.Content, span document.Span) document.Content {
	if span.Start >= span.End {
		return nil
	}
	var out document.Content
	for _, r := range c {
		lo, hi := max(r.Span.Start, span.Start), min(r.Span.End, span.End)
		if lo >= hi {
			continue
		}
		verbatim := r.Code == nil && r.Span.Start >= 0 && r.Span.End <= len(src) &&
			r.Span.Start <= r.Span.End && string(src[r.Span.Start:r.Span.End]) == r.Text
		switch {
		case verbatim:
			out = append(out, document.Run{Text: r.Text[lo-r.Span.Start : hi-r.Span.Start]})
		case r.Span.Start >= span.Start:
			out = append(out, r)
		}
	}
	return normalize(out, nil)
}
