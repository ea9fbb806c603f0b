package qa

import (
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// File is one translated document in one target language, as the checks
// see it.
type File struct {
	Path    string       // what findings name: the XLIFF file or the target document
	Source  string       // the source document's path, when known
	SrcLang language.Tag // the source language
	Lang    language.Tag // the target language
	// States says whether the pairs carry review states (XLIFF files and
	// translate's own translations do; pairs of documents do not).
	States bool
	// CodesByID says whether target codes name the source's codes by ID
	// (XLIFF, translate). When false (a target document extracted on its
	// own), codes are compared by kind and data instead.
	CodesByID bool
	// Missing says the target document does not exist: the file gets one
	// untranslated finding and no pairs are checked.
	Missing bool
	Pairs   []Pair
	// Documents, for a pair of documents, are the source and the target
	// as one codec extracted them: the markup check compares their
	// skeletons. Nil for XLIFF files and translate's own translations.
	Documents *Documents
}

// Documents are a source document and its translation, each extracted on
// its own by the same codec (blocks only: segments are not needed).
type Documents struct {
	Source, Target *document.Document
}

// Pair is a source segment and its target.
type Pair struct {
	ID     string           // the segment ID ("b3s2"), or a block ID
	Source document.Content // the source text and codes
	// Target is the target text and codes: nil when the segment has no
	// target at all (an empty content is an empty target).
	Target document.Content
	State  document.State   // meaningful when File.States is set
	At     finding.Location // where the target (or, without one, the segment) is
	Src    finding.Location // where the source is, when known
	// Pos, when set, gives the location of a byte offset into
	// Target.Plain(): findings then point at the word at fault rather than
	// at the start of the segment.
	Pos func(off int) finding.Location
	// CodePos, when set, gives the location of a code of Target.
	CodePos func(k *document.Code) finding.Location
	// Ignore lists the checks suppressed for this pair ("*" for all), from
	// an XLIFF note "relais-ignore: RULE, …".
	Ignore []string
}

// FromDocument returns the File of doc's segments and their translations
// into lang (keyed by segment ID), as package pipeline holds them: positions
// are those of the source document (the draft has the same structure), and
// a segment without a translation, or with one that has no origin and is
// still initial, has no target.
func FromDocument(doc *document.Document, lang language.Tag, tr map[string]document.Translation) *File {
	f := &File{Path: doc.Path, Source: doc.Path, SrcLang: doc.Lang, Lang: lang, States: true, CodesByID: true}
	for _, s := range doc.Segments() {
		pos := doc.Position(s.Span.Start)
		loc := finding.Location{Path: doc.Path, Line: pos.Line, Col: pos.Col}
		p := Pair{ID: s.ID, Source: s.Source, At: loc, Src: loc}
		if t, ok := tr[s.ID]; ok && (t.Origin.Kind != document.FromNone || t.State != document.Initial) {
			p.Target = t.Target
			if p.Target == nil {
				p.Target = document.Content{}
			}
			p.State = t.State
		}
		f.Pairs = append(f.Pairs, p)
	}
	return f
}
