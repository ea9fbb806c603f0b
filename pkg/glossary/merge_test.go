package glossary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// termbaseOf builds a termbase of concepts named "id" or "id:version"; the
// version, kept in the concept's note, tells apart concepts with one ID.
func termbaseOf(names ...string) *Termbase {
	tb := &Termbase{}
	for _, n := range names {
		id, _, _ := strings.Cut(n, ":")
		c := &Concept{ID: id, Note: n}
		c.Add(fr, &Term{Text: "terme " + n})
		tb.Concepts = append(tb.Concepts, c)
	}
	return tb
}

// names lists the concepts of tb as termbaseOf names them.
func names(tb *Termbase) []string {
	out := []string{}
	for _, c := range tb.Concepts {
		out = append(out, c.Note)
	}
	return out
}

func TestMerge(t *testing.T) {
	cases := []struct {
		name string
		tbs  []*Termbase
		want []string
	}{
		{"nothing", nil, []string{}},
		{"one termbase as it is", []*Termbase{termbaseOf("a", "b")}, []string{"a", "b"}},
		{"nil termbases are skipped", []*Termbase{nil, termbaseOf("a"), nil}, []string{"a"}},
		{"disjoint ones one after the other", []*Termbase{termbaseOf("a", "b"), termbaseOf("c")}, []string{"a", "b", "c"}},
		{"the later concept wins and goes after the earlier termbase",
			[]*Termbase{termbaseOf("a:shipped", "b", "c"), termbaseOf("d", "a:project")}, []string{"b", "c", "d", "a:project"}},
		{"the last of three wins", []*Termbase{termbaseOf("a:1", "b"), termbaseOf("a:2"), termbaseOf("c", "a:3")}, []string{"b", "c", "a:3"}},
		{"duplicates within one termbase are kept", []*Termbase{termbaseOf("a:1", "a:2")}, []string{"a:1", "a:2"}},
		{"a later termbase drops every earlier duplicate", []*Termbase{termbaseOf("a:1", "b", "a:2"), termbaseOf("a:3")}, []string{"b", "a:3"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, names(Merge(tc.tbs...)))
		})
	}
}

func TestUpdate(t *testing.T) {
	cases := []struct {
		name            string
		base, in        *Termbase
		want            []string
		added, replaced int
	}{
		{"into nothing", nil, termbaseOf("a", "b"), []string{"a", "b"}, 2, 0},
		{"into an empty file", termbaseOf(), termbaseOf("a"), []string{"a"}, 1, 0},
		{"nothing imported", termbaseOf("a"), nil, []string{"a"}, 0, 0},
		{"new concepts go at the end", termbaseOf("a", "b"), termbaseOf("c", "d"), []string{"a", "b", "c", "d"}, 2, 0},
		{"a replaced concept keeps its place",
			termbaseOf("a", "b:old", "c"), termbaseOf("d", "b:new"), []string{"a", "b:new", "c", "d"}, 1, 1},
		{"replaced and new in the order of the file",
			termbaseOf("a:old", "b:old"), termbaseOf("c", "b:new", "a:new"), []string{"a:new", "b:new", "c"}, 1, 2},
		{"duplicates of the file give way to one place",
			termbaseOf("a:1", "b", "a:2"), termbaseOf("a:new"), []string{"a:new", "b"}, 0, 1},
		{"duplicates of the import all take the place",
			termbaseOf("a:old", "b"), termbaseOf("a:1", "a:2"), []string{"a:1", "a:2", "b"}, 0, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, added, replaced := Update(tc.base, tc.in)
			assert.Equal(t, tc.want, names(got))
			assert.Equal(t, tc.added, added, "added")
			assert.Equal(t, tc.replaced, replaced, "replaced")
			// The same concepts as Merge, only placed differently.
			assert.ElementsMatch(t, names(Merge(tc.base, tc.in)), names(got))
		})
	}
}

// TestUpdateKeepsTheFile: importing a file into itself writes the same
// bytes, and importing a changed concept changes only its lines.
func TestUpdateKeepsTheFile(t *testing.T) {
	tb := rulesTermbase(t)
	var before bytes.Buffer
	require.NoError(t, WriteTSV(&before, tb))
	same, added, replaced := Update(tb, tb)
	assert.Equal(t, 0, added)
	assert.Equal(t, len(tb.Concepts), replaced)
	var after bytes.Buffer
	require.NoError(t, WriteTSV(&after, same))
	assert.Equal(t, before.String(), after.String())

	in := &Termbase{}
	c := &Concept{ID: "gl"}
	c.Add(fr, &Term{Text: "collectivité locale"})
	in.Concepts = append(in.Concepts, c)
	changed, _, _ := Update(tb, in)
	require.Len(t, changed.Concepts, len(tb.Concepts))
	for i, c := range changed.Concepts {
		if c.ID == "gl" {
			assert.Same(t, in.Concepts[0], c)
			continue
		}
		assert.Same(t, tb.Concepts[i], c, "concept %d (%s) stays where it was", i, c.ID)
	}
}

// TestMergeAndUpdateMatching shows why the two place the winner apart: a
// project concept that shares a term with a shipped one wins in matching
// after Merge, while Update keeps the precedence the file had.
func TestMergeAndUpdateMatching(t *testing.T) {
	shippedLike := termbaseOf("forum", "mayors-forum")
	shippedLike.Concepts[0].Add(fr, &Term{Text: "Forum des maires"})
	shippedLike.Concepts[1].Add(fr, &Term{Text: "Forum des maires"})
	project := termbaseOf("forum:project")
	project.Concepts[0].Add(fr, &Term{Text: "Forum des maires"})

	hits := NewMatcher(Merge(shippedLike, project), fr).Match("le Forum des maires")
	require.Len(t, hits, 1)
	assert.Equal(t, "forum:project", hits[0].Concept.Note, "Merge: the later termbase wins on a shared term")

	updated, _, _ := Update(shippedLike, project)
	hits = NewMatcher(updated, fr).Match("le Forum des maires")
	require.Len(t, hits, 1)
	assert.Equal(t, "mayors-forum", hits[0].Concept.ID, "Update: the file's own order decides, as before the import")
}
