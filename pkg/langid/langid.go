package langid

import (
	"embed"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed text
var texts embed.FS

// Languages are the languages an Identifier knows, as ISO 639-1 codes.
var languages = [...]string{"fr", "en", "es"}

// Languages returns the codes of the languages the identifier tells apart:
// "fr", "en" and "es".
func Languages() []string { return append([]string(nil), languages[:]...) }

// Weights of the two kinds of evidence and the smoothing of each.
const (
	wordWeight    = 1.0 // a word seen in a profile
	trigramWeight = 0.6 // each trigram of a word
	funcBoost     = 6   // counts added to a function word of the language
	wordAlpha     = 0.5
	trigramAlpha  = 0.5
)

// profile is what the identifier knows of one language.
type profile struct {
	lang     string
	words    map[string]float64 // log-probability of a known word
	wordMiss float64            // log-probability of a word of another profile
	tris     map[string]float64 // log-probability of a trigram
	triMiss  float64            // log-probability of an unseen trigram
}

// Identifier scores texts against the profiles of French, English and
// Spanish. Build it with New; the zero value is not usable.
type Identifier struct {
	profiles []*profile
	vocab    map[string]bool // words known to any profile
}

// Result is what Identify says of a text.
type Result struct {
	Lang   string             // the best language: "fr", "en" or "es"; "" when the text has no word
	Margin float64            // mean log-likelihood per word of Lang over the second best; 0 when unsure
	Words  int                // words of letters in the text
	Scores map[string]float64 // mean log-likelihood per word, by language
}

// New builds the identifier from the embedded profile texts.
func New() *Identifier {
	id := &Identifier{vocab: map[string]bool{}}
	for _, l := range languages {
		id.profiles = append(id.profiles, build(l))
	}
	for _, p := range id.profiles {
		for w := range p.words {
			id.vocab[w] = true
		}
	}
	return id
}

// build reads text/<lang>.txt and text/<lang>.words into a profile.
func build(lang string) *profile {
	body, err := texts.ReadFile("text/" + lang + ".txt")
	if err != nil {
		panic("langid: missing profile text for " + lang) // embedded: cannot happen
	}
	fw, err := texts.ReadFile("text/" + lang + ".words")
	if err != nil {
		panic("langid: missing function words for " + lang)
	}
	words := map[string]float64{}
	tris := map[string]float64{}
	nw, nt := 0.0, 0.0
	for _, w := range Tokens(string(body)) {
		words[w]++
		nw++
		for _, t := range trigrams(w) {
			tris[t]++
			nt++
		}
	}
	for _, w := range strings.Fields(string(fw)) {
		w = normalize(w)
		words[w] += funcBoost
		nw += funcBoost
	}
	p := &profile{lang: lang, words: map[string]float64{}, tris: map[string]float64{}}
	vw := float64(len(words)) + 1
	for w, c := range words {
		p.words[w] = math.Log((c + wordAlpha) / (nw + wordAlpha*vw))
	}
	p.wordMiss = math.Log(wordAlpha / (nw + wordAlpha*vw))
	vt := float64(len(tris)) + 1
	for t, c := range tris {
		p.tris[t] = math.Log((c + trigramAlpha) / (nt + trigramAlpha*vt))
	}
	p.triMiss = math.Log(trigramAlpha / (nt + trigramAlpha*vt))
	return p
}

// Identify returns the language of text. Digits, punctuation and symbols are
// ignored; a word in capitals of two letters or more (an acronym) is too.
func (id *Identifier) Identify(text string) Result {
	toks := Tokens(stripAcronyms(text))
	res := Result{Words: len(toks), Scores: map[string]float64{}}
	if len(toks) == 0 {
		return res
	}
	type scored struct {
		lang  string
		score float64
	}
	var all []scored
	for _, p := range id.profiles {
		s := 0.0
		for _, w := range toks {
			if id.vocab[w] {
				if lp, ok := p.words[w]; ok {
					s += wordWeight * lp
				} else {
					s += wordWeight * p.wordMiss
				}
			}
			tr := trigrams(w)
			for _, t := range tr {
				if lp, ok := p.tris[t]; ok {
					s += trigramWeight * lp / float64(len(tr))
				} else {
					s += trigramWeight * p.triMiss / float64(len(tr))
				}
			}
		}
		s /= float64(len(toks))
		res.Scores[p.lang] = s
		all = append(all, scored{p.lang, s})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	res.Lang = all[0].lang
	res.Margin = all[0].score - all[1].score
	return res
}

// Tokens returns the words of s as the identifier sees them: lower case,
// letters only, with the French elisions (l', d', qu'…) as words of their
// own.
func Tokens(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := normalize(s[start:end])
		start = -1
		if i := strings.IndexByte(w, '\''); i > 0 && elision[w[:i]] && i+1 < len(w) {
			out = append(out, w[:i+1])
			w = w[i+1:]
		}
		w = strings.Trim(w, "'")
		if w != "" {
			out = append(out, w)
		}
	}
	for i, r := range s {
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		apos := (r == '\'' || r == '’' || r == 'ʼ') && start >= 0
		switch {
		case letter || apos:
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// elision lists the French words that drop their vowel before another.
var elision = map[string]bool{"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true,
	"c": true, "qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true}

func normalize(w string) string {
	w = strings.ToLower(w)
	return strings.NewReplacer("’", "'", "ʼ", "'").Replace(w)
}

// trigrams returns the character trigrams of w with a blank on each side.
func trigrams(w string) []string {
	rs := make([]rune, 0, utf8.RuneCountInString(w)+2)
	rs = append(rs, ' ')
	rs = append(rs, []rune(w)...)
	rs = append(rs, ' ')
	out := make([]string, 0, len(rs))
	for i := 0; i+3 <= len(rs); i++ {
		out = append(out, string(rs[i:i+3]))
	}
	return out
}

// stripAcronyms blanks the words written in capitals (two letters or
// more): names of organisations read the same in every language.
func stripAcronyms(s string) string {
	if !strings.ContainsFunc(s, unicode.IsUpper) {
		return s
	}
	b := []byte(s)
	start := -1
	upper := true
	n := 0
	end := func(i int) {
		if start >= 0 && upper && n >= 2 {
			for k := start; k < i; k++ {
				b[k] = ' '
			}
		}
		start, upper, n = -1, true, 0
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			n++
			if unicode.IsLower(r) {
				upper = false
			}
			continue
		}
		end(i)
	}
	end(len(s))
	return string(b)
}
