package glossary

// Two termbases meet in two places, and both use merge below:
//
//   - loading: the shipped termbase and the project's are merged with
//     Merge, later ones winning, into the termbase the commands use;
//   - import: relais glossary import writes a termbase file into the
//     project's with Update, and the project's file must stay as its
//     authors ordered it.
//
// Which concept wins is the same in both: the one of the later termbase.
// Only where it goes differs, because in a termbase order also decides
// matching (the last of two concepts that share a term wins): Merge puts
// the winner after everything it beats, so that a project termbase also
// wins on shared terms; Update leaves it where the concept it replaces
// stood, so that the file keeps its order and its own precedence, and a
// re-import shows as a change of the replaced lines only.

// Merge returns a termbase holding the concepts of all tbs, later ones
// winning: a concept whose ID comes again in a later termbase is dropped
// for the later one, and concepts are ordered termbase by termbase, so
// that a later termbase also wins when two concepts share a term. Concepts
// that share an ID within one termbase are all kept (Validate reports
// them); nil termbases are skipped. The concepts themselves are shared,
// not copied.
func Merge(tbs ...*Termbase) *Termbase {
	return merge(tbs, false)
}

// Update returns base with the concepts of in merged into it, as a
// project's termbase file takes an imported one: the concepts are those
// Merge(base, in) holds, but a concept of in whose ID base has stands
// where the first concept of base with that ID stood, so that base keeps
// its order (and, where two of its concepts share a term, its
// precedence); the concepts of in with an ID base lacks come after, in
// the order of in. added counts those; replaced counts the concepts of in
// whose ID base has, so added+replaced is len(in.Concepts). base may be
// nil: an empty termbase. The concepts themselves are shared, not copied.
func Update(base, in *Termbase) (merged *Termbase, added, replaced int) {
	if in == nil {
		in = &Termbase{}
	}
	merged = merge([]*Termbase{base, in}, true)
	had := map[string]bool{}
	if base != nil {
		for _, c := range base.Concepts {
			had[c.ID] = true
		}
	}
	for _, c := range in.Concepts {
		if had[c.ID] {
			replaced++
		} else {
			added++
		}
	}
	return merged, added, replaced
}

// merge keeps the concepts of tbs that no later termbase overrides by ID,
// and orders them: with inPlace, the concepts that override others take
// the place of the first concept they drop; without, each stays in its
// termbase's place.
func merge(tbs []*Termbase, inPlace bool) *Termbase {
	last := map[string]int{} // concept ID → index of the termbase that has it last
	for i, tb := range tbs {
		if tb == nil {
			continue
		}
		for _, c := range tb.Concepts {
			last[c.ID] = i
		}
	}
	var out []*Concept
	slot := map[string]int{}     // concept ID → index in out of the place kept for its winners
	fill := map[int][]*Concept{} // index in out of a kept place → the winners that go there
	for i, tb := range tbs {
		if tb == nil {
			continue
		}
		for _, c := range tb.Concepts {
			k, kept := slot[c.ID]
			switch {
			case last[c.ID] != i: // dropped for a later concept
				if inPlace && !kept {
					slot[c.ID] = len(out)
					out = append(out, nil)
				}
			case kept:
				fill[k] = append(fill[k], c)
			default:
				out = append(out, c)
			}
		}
	}
	if len(slot) == 0 {
		return &Termbase{Concepts: out}
	}
	merged := &Termbase{Concepts: make([]*Concept, 0, len(out)+len(fill))}
	for k, c := range out {
		if c == nil {
			merged.Concepts = append(merged.Concepts, fill[k]...)
			continue
		}
		merged.Concepts = append(merged.Concepts, c)
	}
	return merged
}
