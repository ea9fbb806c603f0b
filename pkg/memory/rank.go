package memory

import (
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Ranking orders the matches of one query, best first: by score; then by
// state (final, reviewed, translated); a human unit before others; a unit
// in the query's exact target tag (es-ES for es-ES) before one of another
// region; the most recent change; the newest id. Every store orders its
// lookups with it.
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
	if a.Unit.State != b.Unit.State {
		return a.Unit.State > b.Unit.State
	}
	if ah, bh := a.Unit.Origin.Kind == document.FromHuman, b.Unit.Origin.Kind == document.FromHuman; ah != bh {
		return ah
	}
	if at, bt := a.Unit.TgtLang == r.tgt, b.Unit.TgtLang == r.tgt; at != bt {
		return at
	}
	if !a.Unit.Changed.Equal(b.Unit.Changed) {
		return a.Unit.Changed.After(b.Unit.Changed)
	}
	return a.Unit.ID > b.Unit.ID
}
