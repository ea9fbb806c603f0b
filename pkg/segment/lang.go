package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrKind says how an abbreviation that ends in a period behaves before
// what follows it.
type abbrKind uint8

const (
	abbrNone      abbrKind = iota
	abbrTitle              // never ends a sentence: "M.", "cf.", "p.", "Mr.", "e.g."
	abbrNumber             // does not end a sentence before a number: "nov. 2017", "No. 5"
	abbrFinal              // may end a sentence: "etc."; UAX #29 decides (a break before a capital)
	abbrAmbiguous          // ends a sentence only before a word that usually starts one: "J.-C.", "EE. UU."
)

// langData is what the built-in rules know of one language.
type langData struct {
	abbr     map[string]abbrKind // abbreviations with their final period, as written
	pairs    map[string][]string // second word of a two-word abbreviation -> the first words ("J.-C." -> "av.")
	seconds  map[string][]string // first word of a two-word abbreviation -> the second words ("a." -> "C.")
	pairKind map[string]abbrKind // "av. J.-C." -> kind
	starters map[string]bool     // capitalized words that usually start a sentence ("Le", "The", "El")
	elision  bool                // a capital followed by an apostrophe starts a sentence ("L'", "D'", "Qu'")
	spaced   bool                // "»" after a terminator and a space closes the sentence (French spacing)
}

// newLangData builds the tables for the language with base code base ("fr",
// "en", "es"; anything else gets empty tables, the generic behaviour).
func newLangData(base string) langData {
	d := langData{
		abbr:     map[string]abbrKind{},
		pairs:    map[string][]string{},
		seconds:  map[string][]string{},
		pairKind: map[string]abbrKind{},
		starters: map[string]bool{},
	}
	switch base {
	case "fr":
		d.elision = true
		d.spaced = true
		d.add(abbrTitle, `M. MM. Mme. Mmes. Mlle. Mlles. Mgr. Me. Dr. Drs. Pr. Prof. St. Ste. Sts. Stes.
			cf. p. pp. art. vol. chap. fig. ex. éd. coll. dir. trad. réf. av. apr. bd. boul. env.
			c.-à-d. p.ex. op. t. n. nos. tél. min. max. suiv. sq. éds. ann.`)
		d.add(abbrNumber, `janv. févr. fév. avr. juil. sept. oct. nov. déc. no.`)
		d.add(abbrFinal, `etc. hab. cit. ibid. sqq. id. al. Cie.`)
		d.add(abbrAmbiguous, `J.-C.`)
		d.addPairs(abbrAmbiguous, `av. J.-C.|apr. J.-C.`)
		d.addPairs(abbrFinal, `op. cit.`)
		d.addStarters(`Le La Les Un Une Des Du De Ce Cet Cette Ces Ça Cela Ceci Celui Celle Ceux Celles
			Il Elle Ils Elles On Nous Vous Je Tu Y En Dans Pour Par Sur Sous Avec Sans Mais Et Ou Où Donc
			Or Ni Car Puis Ensuite Enfin Cependant Toutefois Néanmoins Pourtant Ainsi Alors Aussi Selon
			Depuis Lors Lorsque Après Avant Au Aux À Son Sa Ses Leur Leurs Notre Nos Votre Vos Mon Ma Mes
			Qui Que Quoi Quel Quelle Quels Quelles Comment Pourquoi Quand Si Tous Toutes Tout Toute
			Chaque Plusieurs Certains Certaines Parmi Entre Grâce Face Voici Voilà Outre Dès Pendant
			Durant Afin Bien Non Oui Comme Chez Vers Contre Malgré Cet Voir Lire Plus Moins Jusqu
			Lorsqu Puisqu Quoiqu Aujourd Désormais Actuellement Également Notamment`)
	case "en":
		d.add(abbrTitle, `Mr. Mrs. Ms. Messrs. Dr. Drs. Prof. St. Mt. Ft. Gen. Col. Capt. Cmdr. Lt. Sgt.
			Rev. Hon. Gov. Sen. Rep. Pres. Amb. Supt. e.g. i.e. cf. vs. viz. approx. est. fig. p. pp.
			vol. vols. ch. sec. art. para. ed. eds. Ave. Blvd. Rd.`)
		d.add(abbrNumber, `No. Nos. no. nos. Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.`)
		d.add(abbrFinal, `etc. Inc. Ltd. Co. Corp. Jr. Sr. Bros. Ph.D. ibid. al.`)
		d.addStarters(`The A An This That These Those It Its He She We They I You There Here In On At For
			From By With Without But And Or So Yet If When While After Before As Since Although Though
			Because Our Their His Her My Your What Which Who Whom Whose Why How Where Some Many Most
			All Each Every Both Such No Not However Moreover Meanwhile Then Thus Therefore Also Today
			Under During Despite Among Between Another Other Only Its Further Finally First Please See`)
	case "es":
		d.add(abbrTitle, `Sr. Sra. Sres. Sras. Srta. Srtas. D. Dña. Dr. Dra. Drs. Dras. Ud. Uds. Vd. Vds.
			Lic. Ing. Arq. Prof. Profa. Excmo. Excma. Ilmo. Ilma. Sto. Sta. pág. págs. p. pp. cap. art.
			vol. fig. ej. cf. vid. op. av. avda. aprox. EE. dcha. izq. tel. Mons.`)
		d.add(abbrNumber, `núm. nro. ene. feb. mar. abr. jun. jul. ago. sept. oct. nov. dic.`)
		d.add(abbrFinal, `etc. Cía. ibíd. cit. hab.`)
		d.add(abbrAmbiguous, `UU.`)
		d.addPairs(abbrAmbiguous, `EE. UU.|a. C.|d. C.`)
		d.addPairs(abbrFinal, `op. cit.`)
		d.addStarters(`El La Los Las Lo Un Una Unos Unas Este Esta Estos Estas Esto Ese Esa Esos Esas Eso
			Aquel Aquella Él Ella Ellos Ellas Nosotros Nosotras Yo Tú Usted Ustedes Se Su Sus Nuestro
			Nuestra Nuestros Nuestras Mi Mis Tu Tus En Con Por Para Pero Y E O U Ni Sin Según Desde
			Durante Tras Al Del De A Como Cuando Donde Qué Quién Cómo Cuál Si No Es Son Era Fue Hay
			Había Además También Así Entonces Luego Después Antes Todos Todas Todo Toda Cada Otro Otra
			Aunque Mientras Porque Sobre Entre Hasta Hoy Ante Bajo Hacia Muchos Muchas Varios Varias`)
	}
	return d
}

// add records the abbreviations in the space-separated list with kind k,
// and for each that starts with a lower-case letter its capitalized form
// too ("cf." and "Cf."), since any word may open a sentence.
func (d *langData) add(k abbrKind, list string) {
	for _, a := range strings.Fields(list) {
		d.abbr[a] = k
		if c := capitalize(a); c != a {
			if _, ok := d.abbr[c]; !ok {
				d.abbr[c] = k
			}
		}
	}
}

// addPairs records two-word abbreviations ("av. J.-C.") separated by "|".
func (d *langData) addPairs(k abbrKind, list string) {
	for _, p := range strings.Split(list, "|") {
		first, second, ok := strings.Cut(strings.TrimSpace(p), " ")
		if !ok {
			continue
		}
		d.addPair(k, first, second)
	}
}

func (d *langData) addPair(k abbrKind, first, second string) {
	for _, f := range []string{first, capitalize(first)} {
		if !contains(d.pairs[second], f) {
			d.pairs[second] = append(d.pairs[second], f)
		}
		if !contains(d.seconds[f], second) {
			d.seconds[f] = append(d.seconds[f], second)
		}
		d.pairKind[f+" "+second] = k
	}
}

// continues reports whether tok is the first word of a two-word
// abbreviation whose second word starts rest ("a." before "C. por").
func (d *langData) continues(tok, rest string) bool {
	for _, second := range d.seconds[tok] {
		if strings.HasPrefix(rest, second) {
			r, _ := utf8.DecodeRuneInString(rest[len(second):])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

func (d *langData) addStarters(list string) {
	for _, w := range strings.Fields(list) {
		d.starters[w] = true
	}
}

// lookup returns the kind of the abbreviation tok (with its final period),
// given the word before it (prev, possibly empty) for two-word forms.
func (d *langData) lookup(prev, tok string) abbrKind {
	if prev != "" {
		for _, f := range d.pairs[tok] {
			if f == prev {
				return d.pairKind[prev+" "+tok]
			}
		}
	}
	return d.abbr[tok]
}

// starts reports whether the next word (nx) is one that usually starts a
// sentence: a function word written with a capital, an elided article or
// pronoun ("L'", "Qu'"), or anything after an inverted mark.
func (d *langData) starts(nx next) bool {
	if nx.inverted {
		return true
	}
	if nx.word == "" || !isUpper(nx.r) {
		return false
	}
	if d.starters[nx.word] {
		return true
	}
	return d.elision && nx.apos && utf8.RuneCountInString(nx.word) <= 3
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
