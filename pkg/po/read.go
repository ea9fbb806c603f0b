package po

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// Read reads the whole PO file r; path names it in errors. It returns the
// header, if the file has one, and the other entries in file order. An
// error is a *document.PosError giving the line and column of the
// offending byte (see the package comment for what is refused); no File is
// returned with it.
func Read(path string, r io.Reader) (*File, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, r); err != nil {
		return nil, &document.PosError{Path: path, Err: fmt.Errorf("po: read: %w", err)}
	}
	p := newParser(path, b.String())
	if err := p.parse(); err != nil {
		return nil, err
	}
	return &File{Header: p.header, Entries: p.entries}, nil
}

// state is where the parser is in an entry.
type state uint8

const (
	stNone     state = iota // between entries
	stComments              // comments or previous strings of an entry read, no keyword yet
	stCtxt                  // after msgctxt
	stID                    // after msgid
	stPlural                // after msgid_plural
	stStr                   // after msgstr or msgstr[N]: the entry may end here
)

// target is the field a string value goes to.
type target uint8

const (
	tNone target = iota
	tCtxt
	tID
	tPlural
	tStr
	tPrevCtxt // the previous (#|) values come last: see value.prev
	tPrevID
	tPrevPlural
)

// value is a string being read: the quoted parts seen so far, joined and
// decoded when the next keyword, comment or the end of the file comes.
type value struct {
	to    target
	parts []int // start and end offsets of each part's contents, in pairs
	esc   bool  // whether a part holds an escape
	hiOff int   // offset of the first escape of a byte ≥ 0x80, -1 if none
}

func (v *value) prev() bool { return v.to >= tPrevCtxt }

// Sizes of the blocks strings are decoded into and string slices are cut
// from: they double from the first to the last size as the file goes on.
const (
	firstChunk, lastChunk = 1 << 10, 1 << 20
	firstSlab, lastSlab   = 64, 4096
)

type parser struct {
	path string
	src  string

	line      int                // number of the current line
	lineStart int                // offset where the current line starts
	bad       int                // offset of the first byte that is not UTF-8, -1 if none
	deferred  *document.PosError // an invalid byte in the first entry, reported once its charset is known

	st                               state
	cur                              Entry
	ctxOff, idOff, pluralOff, strOff int    // offsets of the current entry's keywords
	prevKw                           target // last "#|" keyword of the entry, tNone if none
	val                              value
	comments, extracted, refs, flags []string
	strs                             []string

	entries []Entry
	header  *Header
	seen    map[uint64]int32 // hash of the msgctxt and msgid of the active entries read → index in entries
	seed    maphash.Seed

	arena strings.Builder // decoded strings; never rewritten, only appended to
	chunk int
	slab  []string // backing store of the entries' string slices
	slabN int
}

func newParser(path, src string) *parser {
	// One "msgid " per entry, give or take a previous msgid; an entry is
	// at least 16 bytes long, whatever the count says.
	n := min(strings.Count(src, "msgid "), len(src)/16+1)
	p := &parser{path: path, src: src, bad: -1, entries: make([]Entry, 0, n), seen: make(map[uint64]int32, n), seed: maphash.MakeSeed()}
	p.val.hiOff = -1
	if !utf8.ValidString(src) {
		p.bad = firstInvalid(src)
	}
	return p
}

// firstInvalid returns the offset of the first byte of s that is not UTF-8.
func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// parse reads the file line by line.
func (p *parser) parse() error {
	src := p.src
	p.line = 1
	lo := 0
	if strings.HasPrefix(src, "\ufeff") {
		lo = len("\ufeff")
	}
	for p.lineStart < len(src) {
		end, next := len(src), len(src)
		if i := strings.IndexByte(src[p.lineStart:], '\n'); i >= 0 {
			end = p.lineStart + i
			next = end + 1
		}
		if p.bad >= 0 && p.bad < next {
			if err := p.invalid(); err != nil {
				return p.first(err)
			}
		}
		hi := end
		for hi > lo && src[hi-1] == '\r' {
			hi--
		}
		if err := p.doLine(lo, hi); err != nil {
			return p.first(err)
		}
		p.line++
		p.lineStart, lo = next, next
	}
	return p.first(p.eof())
}

// invalid reports the byte at p.bad, which is not UTF-8. In the file's
// first entry the report waits until the entry is read: when it is a
// header declaring another charset, that is the error to show.
func (p *parser) invalid() error {
	pe := p.errAt(p.bad, "invalid UTF-8 (byte %#02x): the file must be UTF-8; convert it with msgconv --to-code=UTF-8 or iconv", p.src[p.bad])
	if len(p.entries) > 0 || p.header != nil {
		return pe
	}
	p.deferred, p.bad = pe, -1
	return nil
}

// first returns the earlier of err and a deferred invalid byte.
func (p *parser) first(err error) error {
	if p.deferred == nil {
		return err
	}
	var pe *document.PosError
	if errors.As(err, &pe) && pe.Pos.Offset < p.deferred.Pos.Offset {
		return err
	}
	return p.deferred
}

// doLine reads the line src[lo:hi], without its line break.
func (p *parser) doLine(lo, hi int) error {
	src := p.src
	i := skipSpace(src, lo, hi)
	if i == hi {
		return nil
	}
	if src[i] != '#' {
		return p.content(i, i, hi, false, false)
	}
	if i+1 < hi {
		switch src[i+1] {
		case '~':
			j := i + 2
			if j < hi && src[j] == '|' {
				return p.content(i, j+1, hi, true, true)
			}
			if j = skipSpace(src, j, hi); j == hi {
				return nil // a lone "#~" says nothing
			}
			return p.content(i, j, hi, false, true)
		case '|':
			return p.content(i, i+2, hi, true, false)
		}
	}
	return p.comment(i, hi)
}

// comment reads a comment line starting at src[i] == '#'.
func (p *parser) comment(i, hi int) error {
	if err := p.closeValue(); err != nil {
		return err
	}
	if err := p.beginAt(i); err != nil {
		return err
	}
	s := p.src[i+1 : hi]
	switch {
	case s == "":
		p.comments = append(p.comments, "")
	case s[0] == '.':
		p.extracted = append(p.extracted, trimOneSpace(s[1:]))
	case s[0] == ':':
		p.references(s[1:])
	case s[0] == ',':
		p.parseFlags(s[1:])
	default:
		p.comments = append(p.comments, trimOneSpace(s))
	}
	return nil
}

// beginAt makes sure an entry is open for a comment or a previous string
// starting at off: it ends the entry before when that one is complete.
func (p *parser) beginAt(off int) error {
	switch p.st {
	case stNone:
		p.begin(off)
	case stStr:
		if err := p.endEntry(); err != nil {
			return err
		}
		p.begin(off)
	case stCtxt, stID, stPlural:
		return p.unfinished()
	}
	return nil
}

// begin starts an entry whose first line starts at off.
func (p *parser) begin(off int) {
	col := 1
	if off > p.lineStart {
		col += utf8.RuneCountInString(p.src[p.lineStart:off])
	}
	p.cur = Entry{Pos: document.Position{Offset: off, Line: p.line, Col: col}}
	p.comments, p.extracted, p.refs, p.flags, p.strs = p.comments[:0], p.extracted[:0], p.refs[:0], p.flags[:0], p.strs[:0]
	p.prevKw = tNone
	p.st = stComments
}

// unfinished reports the entry left without the keyword it needs.
func (p *parser) unfinished() error {
	switch p.st {
	case stCtxt:
		return p.errAt(p.ctxOff, `msgctxt without msgid: add msgid "…" and msgstr after it`)
	case stID:
		return p.errAt(p.idOff, `msgid without msgstr: add msgstr "" after it`)
	default:
		return p.errAt(p.pluralOff, `msgid_plural without msgstr[N]: add msgstr[0], msgstr[1]… after it`)
	}
}

// content reads a keyword or string line whose text starts at src[i];
// at is where the line starts, "#~" or "#|" included; prev is set for a
// "#|" line, obs for a "#~" line.
func (p *parser) content(at, i, hi int, prev, obs bool) error {
	src := p.src
	if i = skipSpace(src, i, hi); i == hi {
		return nil // a lone "#|"
	}
	if src[i] == '"' {
		if p.val.to == tNone || p.val.prev() != prev {
			return p.errAt(i, "string without a keyword: start the line with msgid, msgstr… or put the string on the lines of one")
		}
		if !prev && obs != p.cur.Obsolete {
			return p.inconsistent(i)
		}
		return p.quotedList(i, hi)
	}
	j := i
	for j < hi && isIdent(src[j]) {
		j++
	}
	if j == i {
		r, _ := utf8.DecodeRuneInString(src[i:hi])
		return p.errAt(i, "unexpected %q: a line holds a comment (#…), a keyword (msgid, msgstr…) or a quoted string", r)
	}
	kw, n := src[i:j], -1
	if kw == "msgstr" && j < hi && src[j] == '[' {
		k := j + 1
		for n = 0; k < hi && '0' <= src[k] && src[k] <= '9'; k++ {
			n = min(n*10+int(src[k]-'0'), 1<<20)
		}
		if k == j+1 || k == hi || src[k] != ']' {
			return p.errAt(j, "malformed msgstr[N]: write the number of the form between brackets, as in msgstr[0]")
		}
		j = k + 1
	}
	if err := p.closeValue(); err != nil {
		return err
	}
	var to target
	var err error
	if prev {
		to, err = p.prevKeyword(at, i, src[i:j])
	} else {
		to, err = p.keyword(at, i, src[i:j], n, obs)
	}
	if err != nil {
		return err
	}
	k := skipSpace(src, j, hi)
	if k == hi || src[k] != '"' {
		return p.errAt(k, `%s needs a quoted string: %s "…"`, src[i:j], src[i:j])
	}
	p.val = value{to: to, parts: p.val.parts[:0], hiOff: -1}
	return p.quotedList(k, hi)
}

// keyword handles msgctxt, msgid, msgid_plural, msgstr and msgstr[n]
// (written kw, n ≥ 0 for msgstr[n]) at offset i of a line starting at at.
func (p *parser) keyword(at, i int, kw string, n int, obs bool) (target, error) {
	switch {
	case kw == "msgctxt":
		switch p.st {
		case stNone:
			p.begin(at)
		case stStr:
			if err := p.endEntry(); err != nil {
				return tNone, err
			}
			p.begin(at)
		case stComments:
		case stCtxt:
			return tNone, p.errAt(i, "msgctxt twice: an entry has one msgctxt, before its msgid")
		default:
			return tNone, p.unfinished()
		}
		p.cur.Obsolete, p.cur.HasContext = obs, true
		p.ctxOff, p.st = i, stCtxt
		return tCtxt, nil
	case kw == "msgid":
		switch p.st {
		case stNone:
			p.begin(at)
		case stStr:
			if err := p.endEntry(); err != nil {
				return tNone, err
			}
			p.begin(at)
		case stComments:
		case stCtxt:
			if obs != p.cur.Obsolete {
				return tNone, p.inconsistent(i)
			}
		default:
			return tNone, p.unfinished()
		}
		p.cur.Obsolete = obs
		p.idOff, p.st = i, stID
		return tID, nil
	case kw == "msgid_plural":
		switch p.st {
		case stID:
		case stPlural:
			return tNone, p.errAt(i, "msgid_plural twice: an entry has one msgid_plural")
		case stStr:
			return tNone, p.errAt(i, "msgid_plural after msgstr: put it right after msgid")
		default:
			return tNone, p.errAt(i, `msgid_plural without msgid: put msgid "…" before it`)
		}
		if obs != p.cur.Obsolete {
			return tNone, p.inconsistent(i)
		}
		p.cur.HasPlural = true
		p.pluralOff, p.st = i, stPlural
		return tPlural, nil
	case kw == "msgstr":
		switch {
		case p.st == stID:
		case p.st == stPlural || p.st == stStr && p.cur.HasPlural:
			return tNone, p.errAt(i, "msgstr in an entry with msgid_plural: write msgstr[0], msgstr[1]… for its forms")
		case p.st == stStr:
			return tNone, p.errAt(i, "msgstr twice: an entry without msgid_plural has one msgstr")
		default:
			return tNone, p.errAt(i, `msgstr without msgid: put msgid "…" before it`)
		}
		return p.str(i, obs)
	case n >= 0: // msgstr[n]
		plural := p.st == stPlural || p.st == stStr && p.cur.HasPlural
		switch {
		case plural && n == len(p.strs):
		case plural && n > len(p.strs):
			return tNone, p.errAt(i, "%s before msgstr[%d]: number the forms 0, 1, 2… in order", kw, len(p.strs))
		case plural:
			return tNone, p.errAt(i, "%s twice: number the forms 0, 1, 2… in order", kw)
		case p.st == stID:
			return tNone, p.errAt(i, "%s without msgid_plural: write msgstr, or add msgid_plural before it", kw)
		case p.st == stStr:
			return tNone, p.errAt(i, "%s after msgstr: an entry without msgid_plural has one msgstr", kw)
		default:
			return tNone, p.errAt(i, `%s without msgid: put msgid "…" and msgid_plural "…" before it`, kw)
		}
		return p.str(i, obs)
	case kw == "domain":
		return tNone, p.errAt(i, "domain is not supported: keep one domain per file")
	}
	return tNone, p.errAt(i, "unknown keyword %q: %s", kw, suggest(kw))
}

// str starts a msgstr at offset i.
func (p *parser) str(i int, obs bool) (target, error) {
	if obs != p.cur.Obsolete {
		return tNone, p.inconsistent(i)
	}
	if p.st != stStr {
		p.strOff = i
	}
	p.st = stStr
	return tStr, nil
}

// prevKeyword handles a "#|" keyword at offset i of a line starting at at.
func (p *parser) prevKeyword(at, i int, kw string) (target, error) {
	if err := p.beginAt(at); err != nil {
		return tNone, err
	}
	switch kw {
	case "msgctxt":
		if p.prevKw == tPrevCtxt {
			return tNone, p.errAt(i, "#| msgctxt twice: an entry has one previous msgctxt")
		}
		if p.prevKw != tNone {
			return tNone, p.errAt(i, "#| msgctxt after #| msgid: put it first")
		}
		p.prevKw = tPrevCtxt
	case "msgid":
		if p.prevKw == tPrevID || p.prevKw == tPrevPlural {
			return tNone, p.errAt(i, "#| msgid twice: an entry has one previous msgid")
		}
		p.prevKw = tPrevID
	case "msgid_plural":
		if p.prevKw != tPrevID {
			return tNone, p.errAt(i, `#| msgid_plural without #| msgid: put #| msgid "…" before it`)
		}
		p.prevKw = tPrevPlural
	default:
		return tNone, p.errAt(i, "%s in a #| line: previous strings are msgctxt, msgid and msgid_plural", kw)
	}
	return p.prevKw, nil
}

func (p *parser) inconsistent(i int) error {
	return p.errAt(i, "inconsistent use of #~: mark every keyword and string line of an obsolete entry with #~, or none")
}

// quotedList reads the quoted strings from src[i] == '"' to the end of the
// line.
func (p *parser) quotedList(i, hi int) error {
	for {
		end, err := p.quoted(i, hi)
		if err != nil {
			return err
		}
		if i = skipSpace(p.src, end, hi); i == hi {
			return nil
		}
		if p.src[i] != '"' {
			r, _ := utf8.DecodeRuneInString(p.src[i:hi])
			return p.errAt(i, `unexpected %q after the closing quote: write a quote inside a string as \"`, r)
		}
	}
}

// quoted reads one quoted string from src[i] == '"' and adds its contents
// to the open value; it returns the offset after the closing quote.
func (p *parser) quoted(i, hi int) (int, error) {
	src, v := p.src, &p.val
	j, q := i+1, -1 // q: the next '"' at or after j
	for {
		if q < j {
			k := strings.IndexByte(src[j:hi], '"')
			if k < 0 {
				return 0, p.errAt(i, `unterminated string: close it with "`)
			}
			q = j + k
		}
		b := strings.IndexByte(src[j:q], '\\')
		if b < 0 {
			break
		}
		e := j + b
		c, n, msg := unescape(src[:hi], e)
		if msg != "" {
			return 0, p.errAt(e, "%s", msg)
		}
		v.esc = true
		if c >= utf8.RuneSelf && v.hiOff < 0 {
			v.hiOff = e
		}
		j = e + n
	}
	v.parts = append(v.parts, i+1, q)
	return q + 1, nil
}

// unescape decodes the escape at s[i] == '\\': the byte it stands for and
// its length in s, or a message saying what is wrong with it.
func unescape(s string, i int) (c byte, n int, msg string) {
	if i+1 >= len(s) {
		return 0, 0, `unterminated string: close it with "`
	}
	switch c := s[i+1]; c {
	case 'n':
		return '\n', 2, ""
	case 't':
		return '\t', 2, ""
	case 'r':
		return '\r', 2, ""
	case 'a':
		return '\a', 2, ""
	case 'b':
		return '\b', 2, ""
	case 'f':
		return '\f', 2, ""
	case 'v':
		return '\v', 2, ""
	case '"', '\\':
		return c, 2, ""
	case 'x':
		v, j := 0, i+2
		for ; j < len(s) && j < i+4 && hexVal(s[j]) >= 0; j++ {
			v = v<<4 | hexVal(s[j])
		}
		if j == i+2 {
			return 0, 0, `\x without hexadecimal digits: write \x and one or two digits, as in \x41`
		}
		return byte(v), j - i, ""
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v, j := 0, i+1
		for ; j < len(s) && j < i+4 && '0' <= s[j] && s[j] <= '7'; j++ {
			v = v<<3 | int(s[j]-'0')
		}
		if v > 0o377 {
			return 0, 0, fmt.Sprintf(`octal escape %s is above \377: write the character itself`, s[i:j])
		}
		return byte(v), j - i, ""
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return 0, 0, fmt.Sprintf(`unknown escape \%c: write \\ for a backslash`, r)
}

func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// closeValue ends the open string value and stores it in its field.
func (p *parser) closeValue() error {
	to := p.val.to
	if to == tNone {
		return nil
	}
	p.val.to = tNone
	s, err := p.decode()
	if err != nil {
		return err
	}
	switch to {
	case tCtxt:
		p.cur.Context = s
	case tID:
		p.cur.ID = s
	case tPlural:
		p.cur.IDPlural = s
	case tStr:
		p.strs = append(p.strs, s)
	case tPrevCtxt:
		p.cur.PreviousContext = s
	case tPrevID:
		p.cur.Previous = s
	case tPrevPlural:
		p.cur.PreviousPlural = s
	}
	return nil
}

// decode joins and unescapes the parts of the open value. A single part
// without escapes is a slice of the source; anything else is written to
// the arena.
func (p *parser) decode() (string, error) {
	v := &p.val
	if len(v.parts) == 2 && !v.esc {
		return p.src[v.parts[0]:v.parts[1]], nil
	}
	need := 0
	for i := 0; i < len(v.parts); i += 2 {
		need += v.parts[i+1] - v.parts[i]
	}
	if need == 0 {
		return "", nil
	}
	if p.arena.Cap()-p.arena.Len() < need {
		p.chunk = min(max(2*p.chunk, firstChunk), lastChunk)
		p.arena = strings.Builder{} // strings already cut from the old block keep it
		p.arena.Grow(max(need, p.chunk))
	}
	start := p.arena.Len()
	for i := 0; i < len(v.parts); i += 2 {
		s := p.src[v.parts[i]:v.parts[i+1]]
		for v.esc {
			j := strings.IndexByte(s, '\\')
			if j < 0 {
				break
			}
			p.arena.WriteString(s[:j])
			c, n, _ := unescape(s, j)
			p.arena.WriteByte(c)
			s = s[j+n:]
		}
		p.arena.WriteString(s)
	}
	s := p.arena.String()[start:]
	if v.hiOff >= 0 && !utf8.ValidString(s) {
		return "", p.errAt(v.hiOff, "escaped bytes that do not make UTF-8: write the character itself")
	}
	return s, nil
}

// endEntry ends the current entry, which is complete (p.st == stStr).
func (p *parser) endEntry() error {
	e := p.cur
	e.Str = p.keep(p.strs)
	e.Comments, e.Extracted, e.References, e.Flags = p.keep(p.comments), p.keep(p.extracted), p.keep(p.refs), p.keep(p.flags)
	p.st = stNone
	if !e.Obsolete {
		if p.dup(&e) {
			return p.duplicate(e)
		}
		if !e.HasContext && e.ID == "" {
			return p.endHeader(e)
		}
	}
	p.entries = append(p.entries, e)
	if p.deferred != nil {
		return p.deferred // the first entry is read and is no header
	}
	return nil
}

// dup reports whether an active entry with the msgctxt and msgid of e
// was read before, and records e as read.
func (p *parser) dup(e *Entry) bool {
	h := maphash.String(p.seed, e.ID)
	if e.HasContext {
		h ^= maphash.String(p.seed, e.Context)*0x9e3779b97f4a7c15 + 1
	}
	i, ok := p.seen[h]
	if !ok {
		i = int32(len(p.entries))
		if !e.HasContext && e.ID == "" {
			i = -1 // the header
		}
		p.seen[h] = i
		return false
	}
	var f Entry
	if i >= 0 {
		f = p.entries[i]
	} else {
		f = p.header.Entry
	}
	if f.HasContext == e.HasContext && f.Context == e.Context && f.ID == e.ID {
		return true
	}
	// Two keys with one hash: compare with every entry.
	for _, f := range p.entries {
		if !f.Obsolete && f.HasContext == e.HasContext && f.Context == e.Context && f.ID == e.ID {
			return true
		}
	}
	return p.header != nil && !e.HasContext && e.ID == ""
}

// duplicate reports e, an active entry read before with the same msgctxt
// and msgid.
func (p *parser) duplicate(e Entry) error {
	line := 1
	if p.header != nil && !e.HasContext && e.ID == "" {
		line = p.msgidLine(p.header.Pos.Offset)
	}
	for _, f := range p.entries {
		if !f.Obsolete && f.HasContext == e.HasContext && f.Context == e.Context && f.ID == e.ID {
			line = p.msgidLine(f.Pos.Offset)
			break
		}
	}
	switch {
	case e.HasContext:
		return p.errAt(p.idOff, "duplicate msgid %s in msgctxt %s (first at line %d): remove one of the entries, or give them different msgctxt", quote(e.ID), quote(e.Context), line)
	case e.ID == "":
		return p.errAt(p.idOff, `second header entry (msgid "", first at line %d): keep one header`, line)
	default:
		return p.errAt(p.idOff, "duplicate msgid %s (first at line %d): remove one of the entries, or give one a msgctxt", quote(e.ID), line)
	}
}

// msgidLine returns the line of the msgid keyword of the entry read from
// offset off: the first line from there that is "msgid" or "#~ msgid".
func (p *parser) msgidLine(off int) int {
	for s := p.src[off:]; s != ""; {
		line, rest, _ := strings.Cut(s, "\n")
		line = strings.TrimLeft(line, " \t\r\f\v")
		if strings.HasPrefix(line, "#~") {
			line = strings.TrimLeft(line[2:], " \t\r\f\v")
		}
		if strings.HasPrefix(line, "msgid") && (len(line) == 5 || !isIdent(line[5])) {
			return position(p.src, len(p.src)-len(s)).Line
		}
		s = rest
	}
	return position(p.src, off).Line
}

// endHeader ends the header entry e.
func (p *parser) endHeader(e Entry) error {
	if e.HasPlural {
		return p.errAt(p.pluralOff, `msgid_plural in the header entry (msgid ""): remove it`)
	}
	h := &Header{Entry: e}
	parseHeader(h)
	if !utf8Charset(h.Charset) {
		off := p.strOff
		msgstr := p.src[p.strOff:p.lineStart] // the msgstr lines: the current line starts the next entry
		if i := indexFold(msgstr, "content-type"); i >= 0 {
			if j := indexFold(msgstr[i:], "charset="); j >= 0 {
				off += i + j + len("charset=")
			}
		}
		p.deferred = nil // the charset explains the invalid bytes
		return p.errAt(off, "charset %q is not supported: convert the file to UTF-8 (msgconv --to-code=UTF-8) and declare charset=UTF-8", h.Charset)
	}
	p.header = h
	if p.deferred != nil {
		return p.deferred
	}
	return nil
}

// eof ends the file.
func (p *parser) eof() error {
	if err := p.closeValue(); err != nil {
		return err
	}
	switch p.st {
	case stNone, stComments:
		return nil // comments after the last entry belong to none
	case stStr:
		return p.endEntry()
	}
	return p.unfinished()
}

// keep copies s into the slab and returns the copy, nil when s is empty.
func (p *parser) keep(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	if cap(p.slab)-len(p.slab) < len(s) {
		p.slabN = min(max(2*p.slabN, firstSlab), lastSlab)
		p.slab = make([]string, 0, max(p.slabN, len(s)))
	}
	n := len(p.slab)
	p.slab = append(p.slab, s...)
	return p.slab[n:len(p.slab):len(p.slab)]
}

// references adds the items of a "#:" line. Items are separated by white
// space, except inside the U+2068…U+2069 isolates gettext writes around
// file names with spaces; items are kept as written.
func (p *parser) references(s string) {
	for {
		i := 0
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if s = s[i:]; s == "" {
			return
		}
		j, in := 0, false
		for j < len(s) {
			for j < len(s) && refClass[s[j]] == 0 {
				j++
			}
			if j == len(s) || !in && isSpace(s[j]) {
				break
			}
			switch {
			case strings.HasPrefix(s[j:], "\u2068"):
				in = true
				j += len("\u2068")
			case strings.HasPrefix(s[j:], "\u2069"):
				in = false
				j += len("\u2069")
			default:
				j++
			}
		}
		p.refs = append(p.refs, s[:j])
		s = s[j:]
	}
}

// refClass marks the bytes that may end a reference: white space, and the
// first byte of U+2068 and U+2069.
var refClass = [256]uint8{' ': 1, '\t': 1, '\r': 1, '\f': 1, '\v': 1, 0xe2: 1}

// parseFlags adds the flags of a "#," line. As for gettext, flags are
// separated by commas or white space; "range:" and the range after it
// ("range: 0..10") are one flag.
func (p *parser) parseFlags(s string) {
	for {
		i := 0
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		if s = s[i:]; s == "" {
			return
		}
		j := flagEnd(s, 0)
		f, rest := s[:j], s[j:]
		if f == "range:" {
			k := 0
			for k < len(rest) && isSpace(rest[k]) {
				k++
			}
			if k > 0 && k < len(rest) && rest[k] != ',' {
				m := flagEnd(rest, k)
				if k == 1 && rest[0] == ' ' {
					f = s[:j+m]
				} else {
					f = "range: " + rest[k:m]
				}
				rest = rest[m:]
			}
		}
		p.flags = append(p.flags, f)
		if f == "fuzzy" {
			p.cur.Fuzzy = true
		}
		s = rest
	}
}

func flagEnd(s string, i int) int {
	for i < len(s) && !isSpace(s[i]) && s[i] != ',' {
		i++
	}
	return i
}

// errAt returns an error at offset off of the source.
func (p *parser) errAt(off int, format string, args ...any) *document.PosError {
	return &document.PosError{Path: p.path, Pos: position(p.src, off), Err: fmt.Errorf("po: "+format, args...)}
}

// position converts an offset of src to a position as document.Lines does.
func position(src string, off int) document.Position {
	off = max(0, min(off, len(src)))
	ls := strings.LastIndexByte(src[:off], '\n') + 1
	return document.Position{Offset: off, Line: strings.Count(src[:ls], "\n") + 1, Col: utf8.RuneCountInString(src[ls:off]) + 1}
}

// quote quotes s for a message, shortened to 40 characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		n := 0
		for i := range s {
			if n == 39 {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	return fmt.Sprintf("%q", s)
}

var keywords = [...]string{"msgctxt", "msgid", "msgid_plural", "msgstr"}

// suggest says what to write instead of the unknown keyword kw.
func suggest(kw string) string {
	best, dist := "", 3
	for _, k := range keywords {
		if d := distance(strings.ToLower(kw), k); d < dist {
			best, dist = k, d
		}
	}
	if best != "" {
		return "did you mean " + best + "?"
	}
	return "a line starts with msgctxt, msgid, msgid_plural, msgstr, a quoted string or #"
}

// distance is the Levenshtein distance between two short ASCII words.
func distance(a, b string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			diag, row[j] = row[j], min(row[j]+1, row[j-1]+1, diag+cost)
		}
	}
	return row[len(b)]
}

func trimOneSpace(s string) string {
	if s != "" && s[0] == ' ' {
		return s[1:]
	}
	return s
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

func isIdent(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func skipSpace(s string, i, hi int) int {
	for i < hi && isSpace(s[i]) {
		i++
	}
	return i
}
