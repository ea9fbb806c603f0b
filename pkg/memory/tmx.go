package memory

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/language"
	"golang.org/x/text/transform"

	"github.com/relais-tm/relais/pkg/document"
)

// TMX property types relais writes to keep what TMX has no place for; they
// are read back into the unit's fields, not into Props.
const (
	propPrev   = "x-relais-prev"
	propNext   = "x-relais-next"
	propDoc    = "x-relais-doc"
	propOrigin = "x-relais-origin"
	propState  = "x-relais-state"
)

const tmxTime = "20060102T150405Z"

// TMXOptions say how a TMX file is read.
type TMXOptions struct {
	// SrcLang is the source language when the header says srclang="*all*";
	// a file with "*all*" and no SrcLang is an error.
	SrcLang language.Tag
	// TgtLang, when set, keeps only the target variants of that base
	// language.
	TgtLang language.Tag
}

// TMXReader reads a TMX 1.4b file one <tu> at a time, without holding the
// file in memory. Level 2 inline codes become codes: <bpt>/<ept> an open
// and close pair, <ph> and <ut> standalone codes, <it> an open or a close
// code without its partner, <hi> is read through. Props and notes of the tu
// and its variants are kept. Every <tuv> that is not in the source language
// gives one unit.
//
// Errors are *document.PosError values naming the path, the line and the
// column: malformed XML, invalid UTF-8, a missing or unknown srclang or
// xml:lang, a <tu> without a variant in the source language, a bad date.
type TMXReader struct {
	path   string
	opts   TMXOptions
	pos    *posReader
	br     *bufio.Reader // what dec reads, byte by byte
	dec    *xml.Decoder
	src    language.Tag // header srclang; Und for *all*
	all    bool
	root   bool
	inBody bool
	done   bool
	count  int
	tags   map[string]language.Tag // parsed language tags, by attribute value

	// The fast path (tmxscan.go): tuScanner reads a <tu> from br ahead of
	// dec into queue, which token serves first.
	fast    bool  // the input is UTF-8 as dec reads it: no charset conversion
	clean   bool  // dec has consumed exactly up to the end of its last tag
	skipped int64 // bytes of br read by the fast path, not by dec
	queue   []tokenAt
	qi      int
	scan    tuScanner
}

// NewTMXReader returns a reader of the TMX file r; path names it in errors.
func NewTMXReader(path string, r io.Reader, o TMXOptions) *TMXReader {
	pr := &posReader{r: utf16Aware(r), line: 1}
	br := bufio.NewReaderSize(pr, 64<<10)
	t := &TMXReader{path: path, opts: o, pos: pr, br: br, dec: xml.NewDecoder(br), tags: map[string]language.Tag{}, fast: true}
	t.dec.Strict = true
	t.dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf16", "us-ascii", "ascii":
			return in, nil // UTF-16 is decoded before the parser sees it
		}
		t.fast = false // dec reads converted text from now on, not br's bytes
		switch strings.ToLower(label) {
		case "iso-8859-1", "latin1", "latin-1":
			return charmap.ISO8859_1.NewDecoder().Reader(in), nil
		case "windows-1252", "cp1252":
			return charmap.Windows1252.NewDecoder().Reader(in), nil
		}
		return nil, fmt.Errorf("encoding %q is not supported: convert the file to UTF-8", label)
	}
	return t
}

// Units returns the units of the file in order; the sequence stops after
// the first error.
func (t *TMXReader) Units() iter.Seq2[Unit, error] {
	return func(yield func(Unit, error) bool) {
		for {
			us, err := t.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Unit{}, err)
				return
			}
			for _, u := range us {
				if !yield(u, nil) {
					return
				}
			}
		}
	}
}

// Count returns the number of <tu> elements read so far.
func (t *TMXReader) Count() int { return t.count }

func (t *TMXReader) errAt(off int64, format string, args ...any) error {
	return &document.PosError{Path: t.path, Pos: t.pos.position(off), Err: fmt.Errorf("tmx: "+format, args...)}
}

// xmlErr turns a decoder error into a positioned error.
func (t *TMXReader) xmlErr(err error) error {
	var se *xml.SyntaxError
	msg := err.Error()
	if errors.As(err, &se) {
		msg = se.Msg
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of file"
	}
	return t.errAt(t.offset(), "%s", msg)
}

// offset is the input offset up to which dec and the fast path have read.
func (t *TMXReader) offset() int64 { return t.dec.InputOffset() + t.skipped }

// token returns the next token, the offset where it starts: from the queue
// of the fast path while it holds some, from dec otherwise.
func (t *TMXReader) token() (xml.Token, int64, error) {
	if t.qi < len(t.queue) {
		q := t.queue[t.qi]
		t.qi++
		return q.tok, q.off, nil
	}
	off := t.offset()
	tok, err := t.dec.Token()
	if err != nil {
		t.clean = false
		return nil, off, t.xmlErr(err)
	}
	switch tok.(type) {
	case xml.EndElement:
		t.clean = true
	case xml.StartElement:
		// After <x/> dec still owes the EndElement.
		end := t.offset()
		t.clean = t.pos.endsWith(end, ">") && !t.pos.endsWith(end, "/>")
	default:
		t.clean = false // after text dec holds the '<' it stopped at
	}
	return tok, off, nil
}

// skip skips the rest of the element whose start token was the last one.
func (t *TMXReader) skip() error {
	if t.qi < len(t.queue) {
		for depth := 1; depth > 0 && t.qi < len(t.queue); t.qi++ {
			switch t.queue[t.qi].tok.(type) {
			case xml.StartElement:
				depth++
			case xml.EndElement:
				depth--
			}
		}
		return nil
	}
	if err := t.dec.Skip(); err != nil {
		t.clean = false
		return t.xmlErr(err)
	}
	t.clean = true
	return nil
}

// scanTU lets the fast path read the next <tu> into the queue, if dec is
// at a point where it can and the element is in its subset (tmxscan.go).
func (t *TMXReader) scanTU() {
	if !t.fast || !t.clean || !t.inBody || t.qi < len(t.queue) {
		return
	}
	data, _ := t.br.Peek(t.br.Buffered())
	toks, n, ok := t.scan.scan(data, t.offset())
	if !ok && len(data) < t.br.Size() {
		data, _ = t.br.Peek(t.br.Size()) // more of the input, up to the buffer's size
		toks, n, ok = t.scan.scan(data, t.offset())
	}
	if !ok {
		return
	}
	t.queue, t.qi = toks, 0
	t.br.Discard(n)
	t.skipped += int64(n)
}

// Next returns the units of the next <tu>, or io.EOF after the last.
func (t *TMXReader) Next() ([]Unit, error) {
	if t.done {
		return nil, io.EOF
	}
	for {
		t.scanTU()
		tok, off, err := t.token()
		if err != nil {
			return nil, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch {
			case !t.root:
				if el.Name.Local != "tmx" {
					return nil, t.errAt(off, "the root element is <%s>, not <tmx>: not a TMX file", el.Name.Local)
				}
				t.root = true
				if v := attr(el, "version"); v != "" && !strings.HasPrefix(v, "1.") {
					return nil, t.errAt(off, "TMX version %q is not supported (want 1.4)", v)
				}
			case !t.inBody && el.Name.Local == "header":
				if err := t.header(el, off); err != nil {
					return nil, err
				}
			case !t.inBody && el.Name.Local == "body":
				if t.src == language.Und && !t.all {
					return nil, t.errAt(off, "no <header> with a srclang before <body>")
				}
				t.inBody = true
			case t.inBody && el.Name.Local == "tu":
				t.count++
				return t.tu(el, off)
			default:
				if err := t.skip(); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			if el.Name.Local == "body" {
				t.inBody = false
			}
			if el.Name.Local == "tmx" {
				t.done = true
				// The rest must still be well formed.
				for {
					if _, _, err := t.token(); err != nil {
						var pe *document.PosError
						if errors.As(err, &pe) && strings.HasSuffix(pe.Err.Error(), "unexpected end of file") {
							return nil, io.EOF
						}
						return nil, err
					}
				}
			}
		}
	}
}

func (t *TMXReader) header(el xml.StartElement, off int64) error {
	s := attr(el, "srclang")
	switch {
	case s == "":
		return t.errAt(off, "<header> has no srclang")
	case s == "*all*":
		if t.opts.SrcLang == language.Und {
			return t.errAt(off, `srclang is "*all*": say which language is the source (--from)`)
		}
		t.src = t.opts.SrcLang
		t.all = true
	default:
		tag, err := language.Parse(s)
		if err != nil {
			return t.errAt(off, "srclang %q is not a known language tag (BCP 47, like fr-FR)", s)
		}
		t.src = tag
	}
	return t.skip()
}

// meta is what a <tu> and each of its <tuv>s both carry.
type meta struct {
	created time.Time
	changed time.Time
	author  string
	props   []Prop
	notes   []string
}

// variant is one <tuv>.
type variant struct {
	meta
	lang language.Tag
	off  int64
	seg  document.Content
}

func (t *TMXReader) tu(el xml.StartElement, off int64) ([]Unit, error) {
	m, err := t.readMeta(el, off)
	if err != nil {
		return nil, err
	}
	src := t.src
	if s := attr(el, "srclang"); s != "" && s != "*all*" {
		tag, err := t.tag(s)
		if err != nil {
			return nil, t.errAt(off, "srclang %q is not a known language tag (BCP 47, like fr-FR)", s)
		}
		src = tag
	}
	var vs []variant
	err = t.children(&m, "tuv", func(c xml.StartElement, toff int64) error {
		v, err := t.tuv(c, toff)
		if err != nil {
			return err
		}
		vs = append(vs, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t.units(off, src, vs, m)
}

// readMeta reads the dates and the author of a <tu> or a <tuv>.
func (t *TMXReader) readMeta(el xml.StartElement, off int64) (meta, error) {
	created, err := t.date(el, "creationdate", off)
	if err != nil {
		return meta{}, err
	}
	changed, err := t.date(el, "changedate", off)
	if err != nil {
		return meta{}, err
	}
	return meta{created: created, changed: changed, author: firstOf(attr(el, "changeid"), attr(el, "creationid"))}, nil
}

// children reads the content of a <tu> or a <tuv> up to its end: its
// <prop>s and <note>s into m, each element named own with f; any other
// element is skipped.
func (t *TMXReader) children(m *meta, own string, f func(el xml.StartElement, off int64) error) error {
	for {
		tok, off, err := t.token()
		if err != nil {
			return err
		}
		switch c := tok.(type) {
		case xml.StartElement:
			switch c.Name.Local {
			case "prop":
				p, err := t.prop(c)
				if err != nil {
					return err
				}
				m.props = append(m.props, p)
			case "note":
				n, err := t.text()
				if err != nil {
					return err
				}
				m.notes = append(m.notes, n)
			case own:
				if err := f(c, off); err != nil {
					return err
				}
			default:
				if err := t.skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (t *TMXReader) units(off int64, src language.Tag, vs []variant, tu meta) ([]Unit, error) {
	si := -1
	for i, v := range vs {
		if v.lang == src {
			si = i
			break
		}
	}
	if si < 0 {
		for i, v := range vs {
			if SameBase(v.lang, src) && v.lang != language.Und {
				si = i
				break
			}
		}
	}
	if si < 0 {
		return nil, t.errAt(off, "<tu> has no <tuv> in the source language %s", src)
	}
	s := vs[si]
	if blank(s.seg) {
		return nil, t.errAt(s.off, "the source <seg> is empty")
	}
	var out []Unit
	for i, v := range vs {
		if i == si || SameBase(v.lang, s.lang) {
			continue
		}
		if t.opts.TgtLang != language.Und && !SameBase(v.lang, t.opts.TgtLang) {
			continue
		}
		if blank(v.seg) {
			continue // an empty translation says nothing
		}
		u := Unit{SrcLang: s.lang, TgtLang: v.lang, Source: s.seg, Target: v.seg,
			Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated,
			Created: firstTime(v.created, tu.created), Changed: firstTime(v.changed, tu.changed, v.created, tu.created),
			Author: firstOf(v.author, tu.author)}
		u.Notes = append(append(append([]string(nil), tu.notes...), s.notes...), v.notes...)
		for _, p := range append(append(append([]Prop(nil), tu.props...), s.props...), v.props...) {
			if err := t.special(&u, p, v.off); err != nil {
				return nil, err
			}
		}
		out = append(out, u)
	}
	return out, nil
}

// special reads relais's own props into u's fields; others are kept.
func (t *TMXReader) special(u *Unit, p Prop, off int64) error {
	var err error
	switch p.Type {
	case propPrev:
		u.Prev, err = strconv.ParseUint(p.Value, 16, 64)
	case propNext:
		u.Next, err = strconv.ParseUint(p.Value, 16, 64)
	case propDoc:
		u.Doc = p.Value
	case propOrigin:
		if u.Origin, err = ParseOriginText(p.Value); err != nil {
			err = fmt.Errorf("unknown origin %q", p.Value)
		}
	case propState:
		u.State, err = document.ParseState(p.Value)
	default:
		u.Props = append(u.Props, p)
	}
	if err != nil {
		return t.errAt(off, "prop %s: %v", p.Type, err)
	}
	return nil
}

func (t *TMXReader) tuv(el xml.StartElement, off int64) (variant, error) {
	v := variant{off: off}
	l := attrNS(el, "lang")
	if l == "" {
		return v, t.errAt(off, "<tuv> has no xml:lang")
	}
	tag, err := t.tag(l)
	if err != nil {
		return v, t.errAt(off, "xml:lang %q is not a known language tag (BCP 47, like es-ES)", l)
	}
	v.lang = tag
	if v.meta, err = t.readMeta(el, off); err != nil {
		return v, err
	}
	seen := false
	err = t.children(&v.meta, "seg", func(_ xml.StartElement, off int64) error {
		if seen {
			return t.errAt(off, "<tuv> has more than one <seg>")
		}
		seen = true
		var err error
		v.seg, err = t.seg()
		return err
	})
	if err != nil {
		return v, err
	}
	if !seen {
		return v, t.errAt(off, "<tuv> has no <seg>")
	}
	return v, nil
}

// tag parses a language tag, once per distinct value in the file.
func (t *TMXReader) tag(s string) (language.Tag, error) {
	if tag, ok := t.tags[s]; ok {
		return tag, nil
	}
	tag, err := language.Parse(s)
	if err == nil {
		t.tags[s] = tag
	}
	return tag, err
}

func (t *TMXReader) prop(el xml.StartElement) (Prop, error) {
	s, err := t.text()
	return Prop{Type: attr(el, "type"), Value: s}, err
}

// text returns the character data up to the end of the current element.
func (t *TMXReader) text() (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, _, err := t.token()
		if err != nil {
			return "", err
		}
		switch c := tok.(type) {
		case xml.CharData:
			b.Write(c)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}

// seg reads the content of a <seg> (or of a <hi> inside it).
func (t *TMXReader) seg() (document.Content, error) {
	var c document.Content
	ids := map[string]string{} // bpt i -> code ID
	n := 0
	var walk func() error
	walk = func() error {
		for {
			tok, off, err := t.token()
			if err != nil {
				return err
			}
			switch el := tok.(type) {
			case xml.CharData:
				if k := len(c); k > 0 && c[k-1].Code == nil {
					c[k-1].Text += string(el)
				} else {
					c = append(c, document.Run{Text: string(el)})
				}
			case xml.EndElement:
				return nil
			case xml.StartElement:
				name := el.Name.Local
				if name == "hi" {
					if err := walk(); err != nil {
						return err
					}
					continue
				}
				data, err := t.text()
				if err != nil {
					return err
				}
				n++
				code := &document.Code{Data: data, Type: typeFromTMX(attr(el, "type"))}
				x, i := attr(el, "x"), attr(el, "i")
				switch name {
				case "bpt":
					if i == "" {
						return t.errAt(off, "<bpt> has no i attribute")
					}
					code.Kind, code.ID = document.Open, firstOf(x, i)
					ids[i] = code.ID
				case "ept":
					id, ok := ids[i]
					if !ok {
						return t.errAt(off, "<ept i=%q> has no <bpt> with that i before it", i)
					}
					code.Kind, code.ID = document.Close, id
				case "ph", "ut":
					code.Kind, code.ID = document.Standalone, firstOf(x, name+strconv.Itoa(n))
				case "it":
					switch attr(el, "pos") {
					case "begin":
						code.Kind = document.Open
					case "end":
						code.Kind = document.Close
					default:
						return t.errAt(off, `<it> pos must be "begin" or "end"`)
					}
					code.ID = firstOf(x, "it"+strconv.Itoa(n))
				default:
					return t.errAt(off, "<%s> is not allowed in a <seg>", name)
				}
				c = append(c, document.Run{Code: code})
			}
		}
	}
	if err := walk(); err != nil {
		return nil, err
	}
	if c == nil {
		c = document.Content{}
	}
	return c, nil
}

func (t *TMXReader) date(el xml.StartElement, name string, off int64) (time.Time, error) {
	s := attr(el, name)
	if s == "" {
		return time.Time{}, nil
	}
	tm, err := time.Parse(tmxTime, s)
	if err != nil {
		return time.Time{}, t.errAt(off, "%s %q is not a TMX date (YYYYMMDDThhmmssZ)", name, s)
	}
	return tm, nil
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// attrNS returns xml:NAME, or NAME without a namespace (TMX 1.1).
func attrNS(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
			return a.Value
		}
	}
	return attr(el, name)
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// typeFromTMX maps TMX code types to relais's.
func typeFromTMX(s string) string {
	switch s {
	case "bold":
		return "fmt:strong"
	case "italic":
		return "fmt:em"
	case "strike":
		return "fmt:del"
	case "link":
		return "link"
	case "image":
		return "image"
	case "lb":
		return "break"
	}
	if r, ok := strings.CutPrefix(s, "x-relais-"); ok {
		return r
	}
	return s
}

// typeToTMX is the inverse of typeFromTMX.
func typeToTMX(s string) string {
	switch s {
	case "fmt:strong":
		return "bold"
	case "fmt:em":
		return "italic"
	case "fmt:del":
		return "strike"
	case "link", "image":
		return s
	case "break":
		return "lb"
	case "":
		return ""
	}
	return "x-relais-" + s
}

// utf16Aware returns r decoded to UTF-8 when it starts with a UTF-16 byte
// order mark (TMX files may be UTF-16), and r without its UTF-8 mark
// otherwise.
func utf16Aware(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	}
	return br
}

// posReader passes bytes through and keeps the last ones read, to turn a
// decoder offset into a line and a column counted in characters.
type posReader struct {
	r    io.Reader
	buf  []byte // recent bytes; buf[0] starts a line unless cut
	base int64  // offset of buf[0]
	line int    // line of buf[0]
	cut  bool   // buf[0] is not at a line start (a very long line)
}

const posKeep = 256 << 10

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.buf = append(p.buf, b[:n]...)
	if len(p.buf) > 4*posKeep {
		from := len(p.buf) - posKeep
		if i := bytes.LastIndexByte(p.buf[:from], '\n'); i >= 0 && from-i < 2*posKeep {
			p.line += bytes.Count(p.buf[:i+1], []byte{'\n'})
			p.base += int64(i + 1)
			p.buf = append(p.buf[:0], p.buf[i+1:]...)
			p.cut = false
		} else if len(p.buf) > 16*posKeep {
			p.line += bytes.Count(p.buf[:from], []byte{'\n'})
			p.base += int64(from)
			p.buf = append(p.buf[:0], p.buf[from:]...)
			p.cut = true
		}
	}
	return n, err
}

// endsWith reports whether the bytes before offset off end with s; false
// when they are no longer kept.
func (p *posReader) endsWith(off int64, s string) bool {
	end := off - p.base
	if end < int64(len(s)) || end > int64(len(p.buf)) {
		return false
	}
	return string(p.buf[end-int64(len(s)):end]) == s
}

// position returns the position of the decoder offset off: its line and
// column when off is inside the bytes kept, the column 0 (unknown) when the
// bytes kept start inside off's line, and only the offset before them.
func (p *posReader) position(off int64) document.Position {
	if off < p.base {
		return document.Position{Offset: int(off)}
	}
	rel := min(int(off-p.base), len(p.buf))
	pos := document.NewLines(p.buf[:rel]).Position(rel)
	if pos.Line == 1 && p.cut {
		pos.Col = 0 // unknown
	}
	return document.Position{Offset: int(off), Line: p.line + pos.Line - 1, Col: pos.Col}
}

// TMXHeader is what a TMX file's header says.
type TMXHeader struct {
	SrcLang language.Tag // the source language of every unit written
	Tool    string       // creationtool
	Version string       // creationtoolversion
}

// TMXWriter writes units as a TMX 1.4b file, one <tu> per unit, inline
// codes as level 2 elements.
type TMXWriter struct {
	w   *bufio.Writer
	err error
	n   int
}

// NewTMXWriter writes the file's prologue and header to w.
func NewTMXWriter(w io.Writer, h TMXHeader) *TMXWriter {
	t := &TMXWriter{w: bufio.NewWriterSize(w, 64<<10)}
	src := "*all*"
	if h.SrcLang != language.Und {
		src = h.SrcLang.String()
	}
	t.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n")
	t.printf("  <header creationtool=\"%s\" creationtoolversion=\"%s\" segtype=\"sentence\" o-tmf=\"relais\" adminlang=\"en\" srclang=\"%s\" datatype=\"plaintext\"/>\n  <body>\n",
		esc(firstOf(h.Tool, "relais")), esc(firstOf(h.Version, "dev")), esc(src))
	return t
}

func (t *TMXWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Write writes one unit.
func (t *TMXWriter) Write(u Unit) error {
	t.n++
	t.printf("    <tu")
	if !u.Created.IsZero() {
		t.printf(" creationdate=\"%s\"", u.Created.UTC().Format(tmxTime))
	}
	if !u.Changed.IsZero() {
		t.printf(" changedate=\"%s\"", u.Changed.UTC().Format(tmxTime))
	}
	if u.Author != "" {
		t.printf(" creationid=\"%s\"", esc(u.Author))
	}
	t.printf(">\n")
	for _, n := range u.Notes {
		t.printf("      <note>%s</note>\n", esc(n))
	}
	prop := func(k, v string) { t.printf("      <prop type=\"%s\">%s</prop>\n", esc(k), esc(v)) }
	for _, p := range u.Props {
		prop(p.Type, p.Value)
	}
	if u.Prev != 0 {
		prop(propPrev, strconv.FormatUint(u.Prev, 16))
	}
	if u.Next != 0 {
		prop(propNext, strconv.FormatUint(u.Next, 16))
	}
	if u.Doc != "" {
		prop(propDoc, u.Doc)
	}
	prop(propOrigin, OriginText(u.Origin))
	prop(propState, u.State.String())
	nums := map[string]int{}
	t.printf("      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(u.SrcLang.String()), segXML(u.Source, nums))
	t.printf("      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n    </tu>\n", esc(u.TgtLang.String()), segXML(u.Target, nums))
	return t.err
}

// Close writes the end of the file and flushes it; it does not close the
// underlying writer.
func (t *TMXWriter) Close() error {
	t.printf("  </body>\n</tmx>\n")
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

// segXML writes c as the content of a <seg>. nums numbers the code IDs of a
// unit, shared by its two variants.
func segXML(c document.Content, nums map[string]int) string {
	opens, closes := map[string]bool{}, map[string]bool{}
	for _, r := range c {
		if r.Code != nil {
			switch r.Code.Kind {
			case document.Open:
				opens[r.Code.ID] = true
			case document.Close:
				closes[r.Code.ID] = true
			}
		}
	}
	var b strings.Builder
	for _, r := range c {
		if r.Code == nil {
			b.WriteString(esc(r.Text))
			continue
		}
		n, ok := nums[r.Code.ID]
		if !ok {
			n = len(nums) + 1
			nums[r.Code.ID] = n
		}
		typ := ""
		if tt := typeToTMX(r.Code.Type); tt != "" {
			typ = fmt.Sprintf(" type=\"%s\"", esc(tt))
		}
		data := esc(r.Code.Data)
		switch {
		case r.Code.Kind == document.Open && closes[r.Code.ID]:
			fmt.Fprintf(&b, "<bpt i=\"%d\" x=\"%d\"%s>%s</bpt>", n, n, typ, data)
		case r.Code.Kind == document.Close && opens[r.Code.ID]:
			fmt.Fprintf(&b, "<ept i=\"%d\">%s</ept>", n, data)
		case r.Code.Kind == document.Open:
			fmt.Fprintf(&b, "<it pos=\"begin\" x=\"%d\"%s>%s</it>", n, typ, data)
		case r.Code.Kind == document.Close:
			fmt.Fprintf(&b, "<it pos=\"end\" x=\"%d\"%s>%s</it>", n, typ, data)
		default:
			fmt.Fprintf(&b, "<ph x=\"%d\"%s>%s</ph>", n, typ, data)
		}
	}
	return b.String()
}
