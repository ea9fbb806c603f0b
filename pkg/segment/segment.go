package segment

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// Rules cut text of one language into sentences. Build it with New; a Rules
// is immutable and safe for concurrent use by several goroutines.
type Rules struct {
	lang    language.Tag
	data    langData  // built-in tables of the language
	builtin bool      // the built-in rules run (false when an SRX file replaces them)
	srx     []srxRule // SRX rules of the language, run first, in order
}

// Option configures New.
type Option func(*options)

type options struct {
	srx   *SRX
	abbrs []string
}

// WithSRX applies the rules of an SRX 2.0 file (see ReadSRX) for the
// language. If the file's header says cascade="no", its rules replace the
// built-in ones; with cascade="yes" they run first and the built-in rules
// judge what they leave undecided. A file with no languagemap matching the
// language changes nothing. A nil SRX is ignored.
func WithSRX(s *SRX) Option { return func(o *options) { o.srx = s } }

// WithAbbreviations adds abbreviations that never end a sentence, written
// with their final period ("Mgr.", "approx."); a two-word abbreviation is
// written with one space ("p. ex."). A lower-case abbreviation is also
// known with a capital. They apply to the built-in rules only.
func WithAbbreviations(abbrs ...string) Option {
	return func(o *options) { o.abbrs = append(o.abbrs, abbrs...) }
}

// New returns the sentence rules for lang. French, English and Spanish (any
// region: fr-CA is fr) have built-in rules; other languages get the UAX #29
// boundaries and the rules common to all. It fails on an abbreviation
// given to WithAbbreviations that is empty, has no final period, or has
// more than two words.
func New(lang language.Tag, opts ...Option) (*Rules, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	base, _ := lang.Base()
	r := &Rules{lang: lang, data: newLangData(base.String()), builtin: true}
	for _, a := range o.abbrs {
		words := strings.Fields(a)
		if len(words) == 0 || len(words) > 2 || !strings.HasSuffix(a, ".") {
			return nil, fmt.Errorf("segment: abbreviation %q: want one or two words ending in a period, as in %q", a, "p. ex.")
		}
		if len(words) == 2 {
			r.data.addPair(abbrTitle, words[0], words[1])
			continue
		}
		r.data.add(abbrTitle, words[0])
	}
	if o.srx != nil {
		rules, ok := o.srx.rulesFor(lang)
		if ok {
			r.srx = rules
			r.builtin = o.srx.cascade
		}
	}
	return r, nil
}

// Language returns the language the rules were built for.
func (r *Rules) Language() language.Tag { return r.lang }

// Boundaries returns the byte offsets in text at which a new sentence
// starts, in increasing order: each is the offset of the sentence's first
// non-blank character. The first sentence's start and len(text) are never
// included, and every sentence holds some non-blank text. With the
// built-in rules a line break reads as a space and a blank line always ends
// a sentence.
func (r *Rules) Boundaries(text string) []int {
	return r.boundaries(text, nil)
}

// Document fills the segments of every block of d (see Block).
func (r *Rules) Document(d *document.Document) {
	var s scratch
	for i := range d.Blocks {
		r.block(d.Source, &d.Blocks[i], &s)
	}
}
