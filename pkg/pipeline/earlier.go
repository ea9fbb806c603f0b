package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/tmfile"
	"github.com/relais-tm/relais/pkg/xliff"
)

// earlier is what a file's XLIFF in the output folder, from an earlier
// run, holds for one target language: its segments in order, with their
// keys. A re-run updates that file segment by segment instead of
// replacing it (see keep and previousMatch): a segment whose source and
// context did not change keeps its target and state, whoever wrote them;
// the earlier translation of a changed segment is offered as a match.
type earlier struct {
	x     *xliff.File
	parts []xliff.Part
	keys  []string
	at    map[string][]int // part indexes by key
	kept  []bool           // parts kept for a segment
	used  []bool           // parts offered to a changed segment
}

// readEarlier reads the XLIFF file at path, if there is one. A file that
// cannot be read as XLIFF is an error: the caller keeps it as it is.
func readEarlier(path string) (*earlier, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	x, err := xliff.Read(path, f)
	if err != nil {
		return nil, err
	}
	e := &earlier{x: x, at: map[string][]int{}}
	for _, u := range x.Units {
		for _, p := range u.Parts {
			if p.Kind == xliff.Segment {
				e.at[p.Source.Key()] = append(e.at[p.Source.Key()], len(e.parts))
				e.parts = append(e.parts, p)
				e.keys = append(e.keys, p.Source.Key())
			}
		}
	}
	e.kept, e.used = make([]bool, len(e.parts)), make([]bool, len(e.parts))
	return e, nil
}

// keep returns, for each segment of a document (its sources and keys),
// the earlier segment to keep, if any: one with the same source (codes and
// their data included) and a target at translated or beyond, to be kept
// exactly as it was (target, state, origin, and the translation candidates
// it carries). A segment between the same neighbours as before is paired
// first; then, in order, any other with the same source, so that a
// sentence keeps its translation when the one beside it changed. Each
// earlier segment is kept once.
func (e *earlier) keep(srcs []document.Content, keys []string) []*xliff.Part {
	out := make([]*xliff.Part, len(srcs))
	if e == nil {
		return out
	}
	take := func(i int, inContext bool) {
		prev, next := memory.Neighbours(keys, i)
		for _, j := range e.at[keys[i]] {
			p := e.parts[j]
			if e.kept[j] || p.Target == nil || p.State < document.Translated || !p.Source.Equal(srcs[i]) {
				continue
			}
			if pp, pn := memory.Neighbours(e.keys, j); inContext && (pp != prev || pn != next) {
				continue
			}
			e.kept[j] = true
			out[i] = &e.parts[j]
			return
		}
	}
	for _, inContext := range []bool{true, false} {
		for i := range srcs {
			if out[i] == nil && keys[i] != "" {
				take(i, inContext)
			}
		}
	}
	return out
}

// previousMatch returns the best of the earlier file's translations not
// kept, scored against q as any fuzzy match is (memory.Score), when it
// reaches q.Min: the earlier translation of a segment whose source
// changed. A reviewed or final segment counts as a person's. The earlier
// segment is then used: the segment is an update of it, not a new one.
func (e *earlier) previousMatch(q memory.Query) (*memory.Match, bool) {
	if e == nil {
		return nil, false
	}
	var best *memory.Match
	at := -1
	rank := memory.NewRanking(q)
	for j, p := range e.parts {
		if e.kept[j] || e.used[j] || p.Target == nil || p.State < document.Translated {
			continue
		}
		u := memory.Unit{SrcLang: q.SrcLang, TgtLang: q.TgtLang, Source: p.Source, Target: p.Target,
			Origin: p.Origin, State: p.State, Doc: e.x.Original}
		if p.State >= document.Reviewed {
			u.Origin = document.Origin{Kind: document.FromHuman}
		}
		u.Prev, u.Next = memory.Neighbours(e.keys, j)
		if m, ok := memory.Score(q, u, memory.Options{}); ok && (best == nil || rank.Better(m, *best)) {
			best, at = &m, j
		}
	}
	if best == nil {
		return nil, false
	}
	e.used[at] = true
	return best, true
}

// removed counts the earlier segments neither kept nor updated whose
// source no current segment has (keys): they are gone. An earlier segment
// left untranslated whose source is still there is not.
func (e *earlier) removed(keys []string) int {
	if e == nil {
		return 0
	}
	now := make(map[string]bool, len(keys))
	for _, k := range keys {
		now[k] = true
	}
	n := 0
	for j := range e.parts {
		if !e.kept[j] && !e.used[j] && !now[e.keys[j]] {
			n++
		}
	}
	return n
}

// reviewed returns the earlier file's reviewed and final segments as
// memory units, as relais review import takes them: a person's work,
// learned during the run so that it outlives the output folder.
func (e *earlier) reviewed() []memory.Unit {
	if e == nil {
		return nil
	}
	take := func(p xliff.Part) bool {
		return p.Target != nil && p.Target.Key() != "" && p.State >= document.Reviewed
	}
	units, _ := tmfile.XLIFFUnits(e.x, take, "")
	return units
}

// learn puts the earlier file's reviewed segments into the memory.
func (p *Pipeline) learn(ctx context.Context, e *earlier) error {
	units := e.reviewed()
	if p.Memory == nil || len(units) == 0 {
		return nil
	}
	st, ok := p.Memory.(memory.Store)
	if !ok {
		return nil
	}
	_, err := st.Put(ctx, memory.Units(units...))
	return err
}
