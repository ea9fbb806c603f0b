package memory

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"

	"github.com/relais-tm/relais/pkg/document"
)

// plainTokens is the tokenizer written plainly, rune by rune with the
// unicode package, as the reference the fast scanner must agree with.
func plainTokens(key string) []token {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	var out []token
	space := false
	for i := 0; i < len(key); {
		r, n := utf8.DecodeRuneInString(key[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += n
			continue
		case r == '{':
			if _, _, n := document.ParsePlaceholder(key[i:]); n > 0 {
				out = append(out, token{text: key[i : i+n], fold: key[i : i+n], kind: tokCode, space: space})
				i, space = i+n, false
				continue
			}
		case word(r):
			j := i + n
			number := unicode.IsDigit(r)
			for j < len(key) {
				r2, n2 := utf8.DecodeRuneInString(key[j:])
				if word(r2) {
					number = number && unicode.IsDigit(r2)
					j += n2
					continue
				}
				if strings.ContainsRune(",.-:/", r2) && isDigitByte(key[j-1]) && j+1 < len(key) && isDigitByte(key[j+1]) && number {
					j += n2
					continue
				}
				if (r2 == '·' || r2 == '⋅') && !number && j+n2 < len(key) {
					if r3, _ := utf8.DecodeRuneInString(key[j+n2:]); unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			t := token{text: key[i:j], kind: tokWord, space: space, fold: plainFold(key[i:j])}
			if number {
				t.kind, t.fold = tokNumber, "#"
			}
			out = append(out, t)
			i, space = j, false
			continue
		}
		out = append(out, token{text: key[i : i+n], fold: key[i : i+n], kind: tokPunct, space: space})
		i, space = i+n, false
	}
	return out
}

// plainFold is appendFold written the plain way: lower case, each letter
// decomposed and without its combining marks when it has some,
// apostrophes straight.
func plainFold(w string) string {
	if parts := strings.FieldsFunc(w, func(r rune) bool { return r == '·' || r == '⋅' }); len(parts) > 1 && strings.ContainsAny(w, "·⋅") {
		last := parts[len(parts)-1]
		w = parts[0]
		if strings.HasSuffix(last, "s") || strings.HasSuffix(last, "x") {
			w += last[len(last)-1:]
		}
	}
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if r == '’' || r == 'ʼ' {
			b.WriteByte('\'')
			continue
		}
		d := norm.NFD.String(string(r))
		if !strings.ContainsFunc(d, func(r rune) bool { return unicode.Is(unicode.Mn, r) }) {
			b.WriteRune(r) // nothing to drop: kept as written
			continue
		}
		for _, p := range d {
			if !unicode.Is(unicode.Mn, p) {
				b.WriteRune(p)
			}
		}
	}
	return b.String()
}

var tokenCases = []string{
	"",
	"L'OIM a versé 1 500,5 € le 3 mai {1}2021{/1}.",
	"ÉTÉ À Ça\u00a0va\u2009?\u0085fin",
	"Ǆemal ΣΑΣ İstanbul ẞ",
	"x{1}y{/1}{2/}{3 {/} {}",
	"e\u0301te\u0301 (NFD) ١٢٣ ٣٫٤",
	"10.000,5, 1,5. 1.a a.1",
	"le 1947-06-08 à 02:30:00, 3/4 et 2021-2022 ; -5 x86-64 1--2",
	"les élu·e·s et citoyen⋅ne⋅s, tou·tes · fin· ·début 3·4",
	"2.3.1. Installer {1}YunoHost{/1} 3.8",
	"IV) {2/} a) b",
	"0.0",
	"\xff\xfe broken",
}

func TestScanKeyAgreesWithPlainTokenizer(t *testing.T) {
	for _, k := range tokenCases {
		assert.Equal(t, plainTokens(k), tokenize(k), "%q", k)
	}
}

func FuzzScanKey(f *testing.F) {
	for _, k := range tokenCases {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, key string) {
		want := plainTokens(key)
		got := tokenize(key)
		if len(want) != len(got) {
			t.Fatalf("%q: %d tokens, want %d", key, len(got), len(want))
		}
		for i := range want {
			if want[i] != got[i] {
				t.Fatalf("%q: token %d is %+v, want %+v", key, i, got[i], want[i])
			}
		}
		// The index's terms are the tokenizer's, words cut to their stem,
		// but for a heading number.
		x := NewIndex()
		x.Add(1, "fr|es", key)
		var terms []string
		if h, ok := headingOf(key); ok {
			if h.mark != key[:len(h.mark)] || h.toks > len(want) || strings.Join(texts(want[:h.toks]), "") != h.mark {
				t.Fatalf("%q: heading %+v is not the tokens %v", key, h, want)
			}
			want = want[h.toks:]
		}
		for _, tok := range want {
			switch tok.kind {
			case tokWord:
				terms = append(terms, stem(tok.fold))
			case tokNumber:
				terms = append(terms, tok.fold)
			case tokCode:
				if !strings.HasPrefix(tok.text, "{/") {
					terms = append(terms, tok.fold) // a pair is one term, at its opening
				}
			}
		}
		if !slices.Equal(terms, IndexTerms(key)) {
			t.Fatalf("%q: IndexTerms = %q, want %q", key, IndexTerms(key), terms)
		}
		if len(terms) != len(x.toks) {
			t.Fatalf("%q: index holds %d terms, want %d", key, len(x.toks), len(terms))
		}
		for i, term := range terms {
			if x.vocab[term] != x.toks[i] {
				t.Fatalf("%q: index term %d is not %q", key, i, term)
			}
		}
	})
}

// texts returns the tokens' texts.
func texts(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.text
	}
	return out
}

func TestHeadingOf(t *testing.T) {
	cases := []struct {
		key       string
		num, mark string // "" when the key has no heading number
		rest      string // the text it numbers
	}{
		{key: "2. Installer le serveur", num: "2", mark: "2.", rest: "Installer le serveur"},
		{key: "3) Configurer le pare-feu", num: "3", mark: "3)", rest: "Configurer le pare-feu"},
		{key: "2.3 Configuration", num: "2.3", mark: "2.3", rest: "Configuration"},
		{key: "2.3.1. Configuration", num: "2.3.1", mark: "2.3.1.", rest: "Configuration"},
		{key: "1.2.3.4 Annexe", num: "1.2.3.4", mark: "1.2.3.4", rest: "Annexe"},
		{key: "IV. Sécurité", num: "IV", mark: "IV.", rest: "Sécurité"},
		{key: "XII) Annexes", num: "XII", mark: "XII)", rest: "Annexes"},
		{key: "a) le serveur", num: "a", mark: "a)", rest: "le serveur"},
		{key: "10.  {1}Sauvegardes{/1}", num: "10", mark: "10.", rest: "{1}Sauvegardes{/1}"},
		{key: "2. {1/} et la suite", num: "2", mark: "2.", rest: "{1/} et la suite"},
		// Counts, dates, versions, initials and words are not heading numbers.
		{key: "3 serveurs sont installés."},
		{key: "12 mars 2021 : bilan"},
		{key: "2021. Une année"},
		{key: "12.03.2021 Réunion"},
		{key: "1.2.3.4.5 Trop"},
		{key: "3,5 millions d'euros"},
		{key: "10:30 Accueil"},
		{key: "2e partie"},
		{key: "2.Installer"},
		{key: "2."},
		{key: "2.3"},
		{key: "2. "},
		{key: "2. {/1} fin"},
		{key: "2. : fin"},
		{key: "IVe siècle"},
		{key: "M. Dupont a signé."},
		{key: "A. Dupont a signé."},
		{key: "a. Le serveur"},
		{key: "Installer le serveur"},
		{key: "Voici 2. Installer"},
		{key: ""},
	}
	for _, tc := range cases {
		h, ok := headingOf(tc.key)
		assert.Equal(t, tc.mark != "", ok, "%q", tc.key)
		assert.Equal(t, tc.num, h.num, "%q", tc.key)
		assert.Equal(t, tc.mark, h.mark, "%q", tc.key)
		if ok {
			assert.Equal(t, tc.rest, tc.key[h.end:], "%q", tc.key)
			assert.Equal(t, tc.rest, stripHeading(tc.key))
			toks := tokenize(tc.key)
			assert.Equal(t, tc.mark, strings.Join(texts(toks[:h.toks]), ""), "%q: the heading's tokens", tc.key)
			assert.Equal(t, texts(tokenize(tc.rest)), texts(toks[h.toks:]), "%q: the rest's tokens", tc.key)
		} else {
			assert.Equal(t, tc.key, stripHeading(tc.key))
		}
	}
}

func TestStem(t *testing.T) {
	same := [][2]string{{"règle", "règles"}, {"présente", "présentent"}, {"présentes", "présente"}, {"échoue", "échouent"},
		{"entrée", "entrées"}, {"déterminée", "déterminés"}, {"maire", "maires"}, {"ciudad", "ciudades"}, {"déterminé", "déterminée"}}
	for _, p := range same {
		assert.Equal(t, stem(p[0]), stem(p[1]), "%s, %s", p[0], p[1])
	}
	differ := [][2]string{{"lyon", "paris"}, {"le", "les"}, {"une", "un"}, {"configuration", "configurer"}, {"sont", "son"}, {"travail", "travaux"}}
	for _, p := range differ {
		assert.NotEqual(t, stem(p[0]), stem(p[1]), "%s, %s", p[0], p[1])
	}
	assert.Equal(t, "les", stem("les"), "short words are kept whole")
	assert.Equal(t, "sont", stem("sont"))
}

func TestNeighbours(t *testing.T) {
	keys := []string{"Un.", "Deux.", "", "Quatre."}
	cases := []struct {
		name       string
		keys       []string
		i          int
		prev, next uint64
	}{
		{name: "first", keys: keys, i: 0, prev: 0, next: ContextHash("Deux.")},
		{name: "middle", keys: keys, i: 1, prev: ContextHash("Un."), next: 0},
		{name: "after an empty key", keys: keys, i: 3, prev: 0, next: 0},
		{name: "alone", keys: []string{"Seul."}, i: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prev, next := Neighbours(tc.keys, tc.i)
			assert.Equal(t, tc.prev, prev, "prev")
			assert.Equal(t, tc.next, next, "next")
		})
	}
	assert.NotZero(t, ContextHash("Un."))
}

// latinFold folds as the decomposition does, for every letter it knows.
func TestLatinFoldAsDecomposition(t *testing.T) {
	for r := rune(0x80); r < 0x250; r++ {
		b, ok := latinFold(r)
		if !ok {
			continue
		}
		lower := string(unicode.ToLower(r))
		var want []rune
		for _, d := range norm.NFD.String(lower) {
			if !unicode.Is(unicode.Mn, d) {
				want = append(want, d)
			}
		}
		if string(want) != string(b) {
			t.Errorf("latinFold(%q) = %q, the decomposition gives %q", r, b, string(want))
		}
	}
}
