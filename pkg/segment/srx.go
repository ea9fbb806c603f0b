package segment

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// SRX holds the segmentation rules of an SRX 2.0 (or 1.0) file, as read by
// ReadSRX, ready to use with WithSRX. It is immutable and may be shared.
type SRX struct {
	cascade bool           // header cascade="yes"
	langs   []srxLanguage  // languagerule elements, in file order
	maps    []srxMap       // maprules, in file order
	byName  map[string]int // languagerulename -> index in langs
}

type srxLanguage struct {
	name  string
	rules []srxRule
}

// srxRule is one <rule>: break or no-break where before matches the text
// ending at a position and after the text starting there.
type srxRule struct {
	brk    bool
	before *regexp.Regexp // nil: matches everywhere
	after  *regexp.Regexp // anchored at the start; nil: matches everywhere
	pos    document.Position
}

type srxMap struct {
	pattern *regexp.Regexp // the languagepattern, anchored, case-insensitive
	name    string
}

// Cascade reports whether the file's header says cascade="yes": every
// languagemap matching a language applies, in order, and the file's rules
// run before the built-in ones instead of replacing them.
func (s *SRX) Cascade() bool { return s.cascade }

// ReadSRX reads an SRX file from rd; path names it in errors. The rules'
// regular expressions are Java's (as SRX specifies): ReadSRX translates what
// Go's RE2 engine can do (\uXXXX, \h, \v, \R, \Z, \p{IsLatin},
// \p{javaLowerCase}, POSIX classes such as \p{Lower}, possessive
// quantifiers read as greedy ones) and rejects the rest — lookaround,
// atomic groups, backreferences, class intersections — with a
// *document.PosError naming the rule's line and column: a rules file is
// used whole or not at all. Two differences remain: \b and \w are
// ASCII-only in Go, and an afterbreak expression does not see the text
// before the break.
func ReadSRX(path string, rd io.Reader) (*SRX, error) {
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("srx: read %s: %w", path, err)
	}
	p := srxParser{path: path, data: data, doc: document.New(path, "srx", language.Und, data)}
	return p.parse()
}

type srxParser struct {
	path string
	data []byte
	doc  *document.Document // for line:col of offsets
	dec  *xml.Decoder
	srx  SRX
}

func (p *srxParser) errorf(off int64, format string, args ...any) error {
	return &document.PosError{Path: p.path, Pos: p.doc.Position(int(off)), Err: fmt.Errorf("srx: "+format, args...)}
}

func (p *srxParser) parse() (*SRX, error) {
	p.srx = SRX{byName: map[string]int{}}
	p.dec = xml.NewDecoder(bytes.NewReader(p.data))
	p.dec.Strict = true
	var (
		stack   []string // local names of open elements
		lang    *srxLanguage
		rule    *srxRule
		ruleOff int64
		text    strings.Builder // char data of beforebreak / afterbreak
		textOff int64
		before  string
		after   string
		bOff    int64
		aOff    int64
		rootOK  bool
	)
	type pendingMap struct {
		name string
		off  int64
	}
	var maps []pendingMap
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, p.errorf(p.dec.InputOffset(), "malformed XML: %s", se.Msg)
			}
			return nil, p.errorf(p.dec.InputOffset(), "malformed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, name)
			if want := srxParent(name); want != "" && parent != "" && parent != want {
				return nil, p.errorf(off, "<%s> inside <%s>, want it inside <%s>", name, parent, want)
			}
			switch {
			case parent == "" && name != "srx":
				return nil, p.errorf(off, "the root element is <%s>, want <srx> (is this an SRX file?)", name)
			case parent == "":
				rootOK = true
				if v, ok := attr(t, "version"); ok && v != "2.0" && v != "1.0" {
					return nil, p.errorf(off, "SRX version %q is not supported (want 2.0)", v)
				}
			case name == "header" && parent == "srx":
				v, _ := attr(t, "cascade")
				switch v {
				case "yes":
					p.srx.cascade = true
				case "no", "":
				default:
					return nil, p.errorf(off, `header: cascade=%q, want "yes" or "no"`, v)
				}
			case name == "languagerule" && parent == "languagerules":
				n, _ := attr(t, "languagerulename")
				if n == "" {
					return nil, p.errorf(off, "languagerule without a languagerulename")
				}
				if _, dup := p.srx.byName[n]; dup {
					return nil, p.errorf(off, "languagerule %q is defined twice", n)
				}
				p.srx.byName[n] = len(p.srx.langs)
				p.srx.langs = append(p.srx.langs, srxLanguage{name: n})
				lang = &p.srx.langs[len(p.srx.langs)-1]
			case name == "rule" && parent == "languagerule":
				v, ok := attr(t, "break")
				if !ok {
					v = "yes" // the SRX default
				}
				if v != "yes" && v != "no" {
					return nil, p.errorf(off, `rule: break=%q, want "yes" or "no"`, v)
				}
				rule = &srxRule{brk: v == "yes", pos: p.doc.Position(int(off))}
				ruleOff = off
				before, after, bOff, aOff = "", "", off, off
			case (name == "beforebreak" || name == "afterbreak") && parent == "rule":
				text.Reset()
				textOff = off
			case name == "languagemap" && parent == "maprules":
				pat, _ := attr(t, "languagepattern")
				n, _ := attr(t, "languagerulename")
				if pat == "" || n == "" {
					return nil, p.errorf(off, "languagemap needs a languagepattern and a languagerulename")
				}
				goPat, err := javaRegexp(pat)
				if err == nil {
					var re *regexp.Regexp
					re, err = regexp.Compile(`(?i)^(?:` + goPat + `)$`)
					if err == nil {
						p.srx.maps = append(p.srx.maps, srxMap{pattern: re, name: n})
						maps = append(maps, pendingMap{name: n, off: off})
						break
					}
				}
				return nil, p.errorf(off, "languagemap: languagepattern %q: %v", pat, err)
			}
		case xml.CharData:
			if len(stack) > 0 {
				if top := stack[len(stack)-1]; top == "beforebreak" || top == "afterbreak" {
					text.Write(t)
				}
			}
		case xml.EndElement:
			name := t.Name.Local
			stack = stack[:len(stack)-1]
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case name == "beforebreak" && parent == "rule":
				before, bOff = text.String(), textOff
			case name == "afterbreak" && parent == "rule":
				after, aOff = text.String(), textOff
			case name == "rule" && parent == "languagerule" && rule != nil:
				if before == "" && after == "" {
					return nil, p.errorf(ruleOff, "languagerule %q, rule %d: neither a beforebreak nor an afterbreak pattern",
						lang.name, len(lang.rules)+1)
				}
				var err error
				if rule.before, err = compilePattern("beforebreak", before, ""); err != nil {
					return nil, p.errorf(bOff, "languagerule %q, rule %d: %v", lang.name, len(lang.rules)+1, err)
				}
				if rule.after, err = compilePattern("afterbreak", after, "^"); err != nil {
					return nil, p.errorf(aOff, "languagerule %q, rule %d: %v", lang.name, len(lang.rules)+1, err)
				}
				lang.rules = append(lang.rules, *rule)
				rule = nil
			case name == "languagerule":
				lang = nil
			}
		}
	}
	if !rootOK {
		return nil, p.errorf(0, "no <srx> element (is this an SRX file?)")
	}
	for _, m := range maps {
		if _, ok := p.srx.byName[m.name]; !ok {
			return nil, p.errorf(m.off, "languagemap names languagerule %q, which the file does not define", m.name)
		}
	}
	s := p.srx
	return &s, nil
}

// srxParent returns the element an SRX element must sit in ("" for the
// root and for elements SRX does not define, which are ignored).
func srxParent(name string) string {
	switch name {
	case "header", "body":
		return "srx"
	case "formathandle":
		return "header"
	case "languagerules", "maprules":
		return "body"
	case "languagerule":
		return "languagerules"
	case "rule":
		return "languagerule"
	case "beforebreak", "afterbreak":
		return "rule"
	case "languagemap":
		return "maprules"
	}
	return ""
}

func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// compilePattern translates and compiles one of a rule's patterns (nil
// for an empty one), with prefix "^" to anchor an afterbreak pattern.
func compilePattern(elem, java, prefix string) (*regexp.Regexp, error) {
	if java == "" {
		return nil, nil
	}
	g, err := javaRegexp(java)
	if err == nil {
		var re *regexp.Regexp
		if re, err = regexp.Compile(prefix + `(?:` + g + `)`); err == nil {
			return re, nil
		}
	}
	return nil, fmt.Errorf("%s %q: %w", elem, java, err)
}

// rulesFor returns the rules that apply to lang, in order: those of every
// languagemap whose pattern matches the language code with cascade, those
// of the first one without. ok is false when no languagemap matches.
func (s *SRX) rulesFor(lang language.Tag) (rules []srxRule, ok bool) {
	code := lang.String()
	alt := strings.ReplaceAll(code, "-", "_")
	for _, m := range s.maps {
		if !m.pattern.MatchString(code) && !m.pattern.MatchString(alt) {
			continue
		}
		ok = true
		rules = append(rules, s.langs[s.byName[m.name]].rules...)
		if !s.cascade {
			break
		}
	}
	return rules, ok
}

// srxBreaks runs the SRX rules over text: at each position the first rule
// whose patterns match there decides. Positions are keyed by the end of
// the non-blank text before them (decided); the offsets of the sentences
// that break=yes rules start are appended to out.
func (r *Rules) srxBreaks(text string, decided map[int]bool, out []int) []int {
	for i := range r.srx {
		rule := &r.srx[i]
		// Matches come in increasing order: remember the last blank run
		// seen, so that many matches inside one run of white space do
		// not scan it again each time.
		lastE, lastKey, lastQ := -1, 0, -1
		try := func(e int) {
			if rule.after != nil && !rule.after.MatchString(text[e:]) {
				return
			}
			k := e
			for k > 0 && k > lastE {
				r, n := utf8.DecodeLastRuneInString(text[:k])
				if !isSpace(r) {
					break
				}
				k -= n
			}
			key := k
			if lastE >= 0 && k <= lastE {
				key = lastKey
			}
			lastE, lastKey = e, key
			if _, done := decided[key]; done {
				return
			}
			decided[key] = rule.brk
			if rule.brk {
				if e > lastQ {
					lastQ = skipSpace(text, e)
				}
				out = append(out, lastQ)
			}
		}
		if rule.before == nil {
			for e := 0; e <= len(text); e++ {
				if e == len(text) || !isContinuation(text[e]) {
					try(e)
				}
			}
			continue
		}
		for _, m := range rule.before.FindAllStringIndex(text, -1) {
			try(m[1])
		}
	}
	return out
}

// isContinuation reports whether b continues a UTF-8 sequence.
func isContinuation(b byte) bool { return b&0xC0 == 0x80 }
