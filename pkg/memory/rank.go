package memory

import (
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Ranking orders the matches of one query, best first: by score (an
// in-context match scores 101); then a unit a person reviewed (human, in
// state reviewed or final) before others; a unit in the query's exact
// target tag (es-ES for es-ES) before one of another region; the most
// recent change; then by state (final, reviewed, translated); a human unit
// before others; the newest id. Among the several targets a memory keeps
// for one source, a lookup thus prefers the in-context one, then the
// reviewed one, then the newest. Every store orders its lookups with it.
type Ranking struct {
	tgt language.Tag
}

// NewRanking returns the ranking of matches for q.
func NewRanking(q Query) Ranking { return Ranking{tgt: q.TgtLang} }

// Better reports whether a ranks before b.
func (r Ranking) Better(a, b Match) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if ar, br := reviewed(a.Unit), reviewed(b.Unit); ar != br {
		return ar
	}
	if at, bt := a.Unit.TgtLang == r.tgt, b.Unit.TgtLang == r.tgt; at != bt {
		return at
	}
	if !a.Unit.Changed.Equal(b.Unit.Changed) {
		return a.Unit.Changed.After(b.Unit.Changed)
	}
	if a.Unit.State != b.Unit.State {
		return a.Unit.State > b.Unit.State
	}
	if ah, bh := a.Unit.Origin.Kind == document.FromHuman, b.Unit.Origin.Kind == document.FromHuman; ah != bh {
		return ah
	}
	return a.Unit.ID > b.Unit.ID
}

// reviewed reports whether a person wrote u's target and it was reviewed.
func reviewed(u Unit) bool {
	return u.Origin.Kind == document.FromHuman && u.State >= document.Reviewed
}
