package align

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

func doc(kinds ...document.BlockKind) *document.Document {
	d := document.New("x", "markdown", language.French, nil)
	for _, k := range kinds {
		d.Blocks = append(d.Blocks, document.Block{Kind: k})
	}
	return d
}

func TestBlocks(t *testing.T) {
	P, H, L := document.Paragraph, document.Heading, document.ListItem
	cases := []struct {
		name     string
		src, tgt *document.Document
		want     []BlockPair
	}{
		{"same", doc(H, P, P), doc(H, P, P), []BlockPair{{0, 0}, {1, 1}, {2, 2}}},
		{"target lacks a paragraph", doc(H, P, L, P), doc(H, P, P), []BlockPair{{0, 0}, {1, 1}, {2, -1}, {3, 2}}},
		{"target adds a heading", doc(P, P), doc(P, H, P), []BlockPair{{0, 0}, {-1, 1}, {1, 2}}},
		{"empty target", doc(P), doc(), []BlockPair{{0, -1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, Blocks(tc.src, tc.tgt)) })
	}
	fm := document.New("x", "markdown", language.French, nil)
	fm.Blocks = []document.Block{{Kind: document.FrontMatter, Name: "title"}, {Kind: document.FrontMatter, Name: "summary"}}
	fm2 := document.New("x", "markdown", language.English, nil)
	fm2.Blocks = []document.Block{{Kind: document.FrontMatter, Name: "summary"}}
	assert.Equal(t, []BlockPair{{0, -1}, {1, 0}}, Blocks(fm, fm2), "front matter pairs by key")
}

func TestSentences(t *testing.T) {
	cases := []struct {
		name     string
		src, tgt []string
		want     []Bead
	}{
		{"one to one", []string{"Une phrase.", "Une autre."}, []string{"A sentence.", "Another."},
			[]Bead{{[]int{0}, []int{0}}, {[]int{1}, []int{1}}}},
		{"two merged", []string{"La conférence se tiendra à Malines.", "Elle réunit des maires.", "Fin du programme de la journée."},
			[]string{"The conference, held in Mechelen, brings mayors together.", "End of the day's programme."},
			[]Bead{{[]int{0, 1}, []int{0}}, {[]int{2}, []int{1}}}},
		{"one left out merges with its neighbour", []string{"Premier point important du jour.", "Deuxième.", "Troisième point important de la liste."},
			[]string{"First important point of the day.", "Third important point of the list."},
			[]Bead{{[]int{0, 1}, []int{0}}, {[]int{2}, []int{1}}}},
		{"nothing to align with", []string{"Une phrase.", "Deux phrases."}, nil,
			[]Bead{{[]int{0}, nil}, {[]int{1}, nil}}},
		{"one added, next to a short one", []string{"Une phrase assez longue pour compter."}, []string{"A sentence long enough to count.", "Ceci est ajouté en plus du reste du texte."},
			[]Bead{{[]int{0}, []int{0, 1}}}},
		{"one added among long ones", []string{"Une phrase assez longue pour compter, vraiment longue.", "Une autre phrase aussi longue que la première, ou presque."},
			[]string{"A sentence long enough to count, really long.", "Ajout.", "Another sentence as long as the first one, or nearly."},
			[]Bead{{[]int{0}, []int{0, 1}}, {[]int{1}, []int{2}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, Sentences(tc.src, tc.tgt, 1)) })
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("a.b.c", "x.y", 1.0)
	f.Add("", "x", 0.5)
	f.Fuzz(func(t *testing.T, a, b string, ratio float64) {
		split := func(s string) []string {
			var out []string
			start := 0
			for i := 0; i < len(s) && len(out) < 20; i++ {
				if s[i] == '.' {
					out = append(out, s[start:i])
					start = i + 1
				}
			}
			return out
		}
		src, tgt := split(a), split(b)
		beads := Sentences(src, tgt, ratio)
		si, ti := 0, 0
		for _, bd := range beads {
			if len(bd.Source) == 0 && len(bd.Target) == 0 {
				t.Fatal("empty bead")
			}
			for _, k := range bd.Source {
				if k != si {
					t.Fatalf("source out of order: %v", beads)
				}
				si++
			}
			for _, k := range bd.Target {
				if k != ti {
					t.Fatalf("target out of order: %v", beads)
				}
				ti++
			}
		}
		if si != len(src) || ti != len(tgt) {
			t.Fatalf("beads cover %d/%d and %d/%d", si, len(src), ti, len(tgt))
		}
	})
}
