package document

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
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

func TestPlaceholderRoundTrip(t *testing.T) {
	for _, kind := range []CodeKind{Open, Close, Standalone} {
		for _, id := range []string{"1", "9", "12", "007", "123456789012345678901234567890"} {
			p := Placeholder(kind, id)
			for _, s := range []string{p, p + "suite", p + "}", p + "{2}"} {
				k, n, size := ParsePlaceholder(s)
				assert.Equal(t, []any{kind, id, len(p)}, []any{k, n, size}, "%q", s)
			}
		}
	}
	assert.Equal(t, "{a1/}", Placeholder(CodeKind(7), "a1"), "any other kind prints as standalone")
	assert.Zero(t, testing.AllocsPerRun(100, func() { ParsePlaceholder("{/12} suite") }), "memory's key scanner calls it for every brace")
}

func TestParsePlaceholderRefuses(t *testing.T) {
	for _, s := range []string{"", "{", "{}", "{/}", "{//1}", "{/1/}", "{1//}", "{1", "{/1", "{1/", "{a}", "{1a}", "{-1}", "{ 1}",
		"{١}", "x{1}", " {1}", "{1 }", "}1{"} {
		k, id, n := ParsePlaceholder(s)
		assert.Equal(t, []any{CodeKind(0), "", 0}, []any{k, id, n}, "%q", s)
	}
}

func TestPlaceholders(t *testing.T) {
	strong := &Code{ID: "4", Kind: Open}
	strongEnd := &Code{ID: "4", Kind: Close}
	orphan := &Code{ID: "2", Kind: Close}
	code := &Code{ID: "9", Kind: Standalone}
	c := Content{{Code: orphan}, {Text: "Le "}, {Code: strong}, {Text: "décret"}, {Code: strongEnd}, {Code: code}}
	var got []string
	var codes []*Code
	for p, code := range c.Placeholders() {
		got = append(got, p)
		codes = append(codes, code)
	}
	assert.Equal(t, []string{"{/1}", "{2}", "{/2}", "{3/}"}, got)
	assert.Equal(t, c.Codes(), codes)
	assert.Equal(t, "{/1}Le {2}décret{/2}{3/}", c.Key(), "the placeholders of the key")
	for range c.Placeholders() {
		break // stopping early is allowed
	}
}

// FuzzParsePlaceholder checks the parser against the placeholders it reads
// back: whatever it accepts is printed again byte for byte by Placeholder.
func FuzzParsePlaceholder(f *testing.F) {
	for _, s := range []string{"{1}", "{/12}", "{3/}", "{/3/}", "{1", "{}", "{01}x", "é{1}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kind, id, n := ParsePlaceholder(s)
		if n == 0 {
			if kind != 0 || id != "" {
				t.Fatalf("%q: no placeholder but kind %v, id %q", s, kind, id)
			}
			return
		}
		if p := Placeholder(kind, id); p != s[:n] {
			t.Fatalf("%q: read %v %q in %d bytes, which prints as %q", s, kind, id, n, p)
		}
	})
}
