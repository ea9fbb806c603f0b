package document

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// plainKey is Content.Key written plainly, rune by rune, as the reference
// the fast version must agree with.
func plainKey(c Content) string {
	var b strings.Builder
	numbers := map[string]int{}
	n := 0
	space := false
	write := func(s string) {
		for _, r := range s {
			if unicode.IsSpace(r) {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	for _, r := range c {
		if r.Code == nil {
			write(norm.NFC.String(r.Text))
			continue
		}
		switch r.Code.Kind {
		case Open:
			n++
			numbers[r.Code.ID] = n
			write("{" + strconv.Itoa(n) + "}")
		case Close:
			m, ok := numbers[r.Code.ID]
			if !ok {
				n++
				m = n
			}
			write("{/" + strconv.Itoa(m) + "}")
		default:
			n++
			write("{" + strconv.Itoa(n) + "/}")
		}
	}
	return b.String()
}

func FuzzKey(f *testing.F) {
	f.Add("  Les maires\u00a0se\treúnissent ", "à Lyon.\n", "1")
	f.Add("e\u0301te\u0301", "\xff\xfe", "")
	f.Add("\u0085x\u2009", " ", "2")
	f.Fuzz(func(t *testing.T, a, b, id string) {
		c := Content{{Text: a}, {Code: &Code{ID: id, Kind: Open}}, {Text: b}, {Code: &Code{ID: id, Kind: Close}},
			{Code: &Code{ID: "x", Kind: Standalone}}, {Text: a + b}}
		if got, want := c.Key(), plainKey(c); got != want {
			t.Fatalf("Key() = %q, want %q", got, want)
		}
		if got, want := Text(a).Key(), plainKey(Text(a)); got != want {
			t.Fatalf("Key() of text = %q, want %q", got, want)
		}
	})
}

// BenchmarkKey computes the key of a sentence with a pair and a standalone
// code, as every memory lookup and put does.
func BenchmarkKey(b *testing.B) {
	c := Content{{Text: "Le "}, {Code: &Code{ID: "4", Kind: Open}}, {Text: "décret"}, {Code: &Code{ID: "4", Kind: Close}},
		{Text: " du 8 juin 1947 "}, {Code: &Code{ID: "9", Kind: Standalone}}, {Text: "  fixe les règles."}}
	for b.Loop() {
		c.Key()
	}
}
