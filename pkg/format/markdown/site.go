package markdown

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"

	"github.com/yuin/goldmark/util"

	"github.com/relais-tm/relais/pkg/document"
)

// Site syntax: the template tags, shortcodes and attribute lists that the
// generators of websites (Jekyll, Hugo, Grav, MkDocs, Pandoc…) read in
// their Markdown pages. goldmark knows none of it and would read it as
// prose, so that a translation would change it ("{% post_url … %}"
// translated, "[/ui-tab]" escaped). maskInline finds it before goldmark
// parses the page and hides it from goldmark: each piece becomes, in the
// copy goldmark reads, as many plain word characters, so that goldmark
// sees a word where the piece is, at the same offsets. The inline mapping
// (inline.go) then turns the text that covers a piece into a code holding
// the piece's source bytes.

// siteSpan is one piece of site syntax: its bytes [start, end) in the
// source.
type siteSpan struct {
	start, end int
	typ        string // code type: "template", "shortcode", "attrs" or "abbr"
	// key pairs an opening tag with its closing one: "liquid:if" for both
	// "{% if … %}" and "{% endif %}", "hugo:notice", "bracket:ui-tab". It
	// is empty for a piece that never pairs.
	key     string
	closing bool
}

// defaultShortcodes are the names of bracket shortcodes ("[name …]",
// "[/name]", "[name/]") recognised without a closing tag: those of Grav's
// shortcode-core and shortcode-ui plugins, and WordPress's built-in ones,
// leaving out names that read as ordinary bracketed words ("left", "u",
// "size"): those count only with their closing tag.
var defaultShortcodes = []string{
	"align", "center", "columns", "div", "section", "figure", "notice", "details", "safe-email", "fontawesome",
	"ui-tabs", "ui-tab", "ui-accordion", "ui-accordion-item", "ui-callout", "ui-callout-item",
	"ui-animated-text", "ui-image-compare", "ui-browser", "ui-polaroid",
	"caption", "gallery", "playlist",
}

// siteWindow bounds how far a piece of site syntax may run: its closing
// delimiter must come within this many bytes of its opening one.
const siteWindow = 4096

// maskInline finds the site syntax of src, writes over each piece in
// parse (a copy of src that goldmark will read, with the same length) with
// word characters between braces (see mask), and returns the pieces in source order. It reads parse,
// not src, so that bytes already hidden from goldmark there (the front
// matter, blocks masked before) are not searched again; the pieces' bytes
// are src's.
// Line breaks inside a piece stay, with the blanks and ">" that start the
// next line, so that goldmark sees the same lines and containers. names
// holds the known bracket shortcode names; syn says which kinds are read.
//
// A piece never holds a backtick, a blank line, or the end of an HTML
// comment or element ("-->", "</"): goldmark would end a code span or a
// block inside it. It may lie inside a code span or code block, which
// goldmark sees unchanged as code; the extractor then drops it (see
// extractor.unmask).
func maskInline(src, parse []byte, names map[string]bool, syn siteSyntax) []siteSpan {
	var spans []siteSpan
	closers := bracketClosers(parse)
	opened := map[string]bool{}
	for i := 0; i < len(parse); {
		k := bytes.IndexAny(parse[i:], "{[*:")
		if k < 0 {
			break
		}
		i += k
		var s siteSpan
		ok := false
		switch parse[i] {
		case '{':
			if !escaped(parse, i) {
				s, ok = braceSpan(parse, i)
			}
		case '[':
			if !escaped(parse, i) && (i == 0 || parse[i-1] != '!' || escaped(parse, i-1)) {
				s, ok = bracketSpan(parse, i, names, closers, opened)
			}
		case '*':
			s, ok = abbrSpan(parse, i)
		case ':':
			s, ok = emojiSpan(parse, i)
		}
		if !ok || !syn.allows(parse, s) || !maskable(parse[s.start:s.end]) {
			i++
			continue
		}
		mask(parse, s.start, s.end)
		spans = append(spans, s)
		i = s.end
	}
	return spans
}

// escaped reports whether the byte at i follows an odd run of backslashes.
func escaped(b []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// maskable reports whether a piece may be hidden from goldmark: its
// backtick runs pair among themselves (hidden, they pair with nothing
// outside: '{% include f.html alt="le dossier `content`" %}'), and it
// holds no blank line and nothing that ends an HTML block.
func maskable(b []byte) bool {
	if !pairedTicks(b) || bytes.Contains(b, []byte("-->")) || bytes.Contains(b, []byte("</")) ||
		bytes.Contains(b, []byte("~~~")) {
		return false
	}
	return !blankLine(b)
}

// pairedTicks reports whether every run of backticks in b is closed by
// the next run of the same length, as code spans pair.
func pairedTicks(b []byte) bool {
	open := 0 // the length of the run waiting for its close
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		n := 1
		for i+n < len(b) && b[i+n] == '`' {
			n++
		}
		switch open {
		case 0:
			open = n
		case n:
			open = 0
		}
		i += n
	}
	return open == 0
}

// mask writes over b[start:end]: "{" on its first byte, "}" on its last,
// word characters between them, keeping line breaks and the blanks and
// ">" that start each following line. The braces, which mean nothing to
// goldmark, keep the piece's ends punctuation, as they were ("{", "[",
// "]", "}"), so that an emphasis delimiter beside the piece ("_texte_{:
// .note}") opens or closes as it does in the source.
func mask(b []byte, start, end int) {
	lead := false
	for i := start; i < end; i++ {
		switch c := b[i]; {
		case c == '\n' || c == '\r':
			lead = true
		case lead && (c == ' ' || c == '\t' || c == '>'):
		default:
			lead = false
			b[i] = 'x'
		}
	}
	b[start] = '{'
	if c := b[end-1]; c != '\n' && c != '\r' {
		b[end-1] = '}'
	}
}

// closeAt returns the end of the first close after from, within
// siteWindow bytes, or -1.
func closeAt(b []byte, from int, close string) int {
	w := b[from:min(len(b), from+siteWindow)]
	k := bytes.Index(w, []byte(close))
	if k < 0 {
		return -1
	}
	return from + k + len(close)
}

// braceSpan reads the piece of site syntax starting with the "{" at i:
// a Hugo shortcode, a Liquid/Jinja/Twig tag, output or comment, or an
// attribute list.
func braceSpan(b []byte, i int) (siteSpan, bool) {
	rest := b[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("{{<")), bytes.HasPrefix(rest, []byte("{{%")):
		close := ">}}"
		if rest[2] == '%' {
			close = "%}}"
		}
		end := closeAt(b, i+3, close)
		if end < 0 {
			return siteSpan{}, false
		}
		s := siteSpan{start: i, end: end, typ: "shortcode"}
		inner := bytes.TrimSpace(b[i+3 : end-3])
		if !bytes.HasSuffix(inner, []byte("/")) && !bytes.HasPrefix(inner, []byte("/*")) {
			closing := bytes.HasPrefix(inner, []byte("/"))
			if closing {
				inner = bytes.TrimLeft(inner[1:], " \t")
			}
			if name := tagName(inner); name != "" {
				s.key, s.closing = "hugo:"+name, closing
			}
		}
		return s, true
	case bytes.HasPrefix(rest, []byte("{%")):
		end := closeAt(b, i+2, "%}")
		if end < 0 {
			return siteSpan{}, false
		}
		s := siteSpan{start: i, end: end, typ: "template"}
		inner := bytes.TrimLeft(bytes.TrimPrefix(b[i+2:end-2], []byte("-")), " \t\r\n")
		if name := tagName(inner); name != "" {
			if len(name) > 3 && name[:3] == "end" {
				s.key, s.closing = "liquid:"+name[3:], true
			} else {
				s.key = "liquid:" + name
			}
		}
		return s, true
	case bytes.HasPrefix(rest, []byte("{{")):
		end := closeAt(b, i+2, "}}")
		if end < 0 {
			return siteSpan{}, false
		}
		return siteSpan{start: i, end: end, typ: "template"}, true
	case bytes.HasPrefix(rest, []byte("{#")):
		if end, ok := attrList(b, i); ok {
			return siteSpan{start: i, end: end, typ: "attrs"}, true
		}
		end := closeAt(b, i+2, "#}")
		if end < 0 {
			return siteSpan{}, false
		}
		return siteSpan{start: i, end: end, typ: "template"}, true
	case bytes.HasPrefix(rest, []byte("{:")):
		// A kramdown attribute list: "{: .class #id key="v"}", "{:ref: …}",
		// which a hard-wrapped paragraph may break over two lines.
		end := closeAt(b[:min(len(b), i+256)], i+2, "}")
		if end < 0 {
			return siteSpan{}, false
		}
		return siteSpan{start: i, end: end, typ: "attrs"}, true
	}
	if end, ok := attrList(b, i); ok {
		return siteSpan{start: i, end: end, typ: "attrs"}, true
	}
	return siteSpan{}, false
}

// tagName returns the name that starts b: letters, digits, "_", "-", "."
// and "/", the first a letter.
func tagName(b []byte) string {
	if len(b) == 0 || !isLetter(b[0]) {
		return ""
	}
	k := 1
	for k < len(b) && (isLetter(b[k]) || b[k] >= '0' && b[k] <= '9' || b[k] == '_' || b[k] == '-' || b[k] == '.' || b[k] == '/') {
		k++
	}
	return string(b[:k])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lineEnd returns the offset of the end of the line holding i.
func lineEnd(b []byte, i int) int {
	k := bytes.IndexByte(b[i:], '\n')
	if k < 0 {
		return len(b)
	}
	return i + k
}

// attrList reads a Pandoc or MkDocs (attr_list) attribute list at i, on
// one line: "{#id}", "{.class}", "{ .md-button }", "{#id .c key=v
// key="v w"}". It must hold a ".class" or a "#id", or follow a link or an
// image directly ("![a](b){ width="30" }"); it must end its line or be
// followed by a blank, so that "{.x}y" stays text.
func attrList(b []byte, i int) (int, bool) {
	le := lineEnd(b, i)
	j := i + 1
	marked := false
	tokens := 0
	for {
		for j < le && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		if j >= le {
			return 0, false
		}
		if b[j] == '}' {
			j++
			break
		}
		switch c := b[j]; {
		case c == '.' || c == '#':
			k := j + 1
			for k < le && isAttrName(b[k]) {
				k++
			}
			if k == j+1 {
				return 0, false
			}
			marked = true
			j = k
		case isLetter(c):
			k := j
			for k < le && isAttrName(b[k]) {
				k++
			}
			if k >= le || b[k] != '=' {
				return 0, false
			}
			k++
			if k < le && (b[k] == '"' || b[k] == '\'') {
				q := bytes.IndexByte(b[k+1:le], b[k])
				if q < 0 {
					return 0, false
				}
				k += q + 2
			} else {
				s := k
				for k < le && b[k] != ' ' && b[k] != '\t' && b[k] != '}' && b[k] != '"' && b[k] != '\'' {
					k++
				}
				if k == s {
					return 0, false
				}
			}
			j = k
		default:
			return 0, false
		}
		tokens++
		if j < le && b[j] != ' ' && b[j] != '\t' && b[j] != '}' {
			return 0, false
		}
	}
	if tokens == 0 || !marked && (i == 0 || b[i-1] != ')') {
		return 0, false
	}
	if j < le && b[j] != ' ' && b[j] != '\t' && b[j] != '\r' {
		return 0, false
	}
	return j, true
}

func isAttrName(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-' || c == ':'
}

// bracketClosers returns the names of the closing bracket shortcodes
// ("[/name]") of b, with the offset of the last of each.
func bracketClosers(b []byte) map[string]int {
	var out map[string]int
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("[/"))
		if k < 0 {
			return out
		}
		i += k + 2
		name := bracketName(b[i:])
		if name == "" || i+len(name) >= len(b) || b[i+len(name)] != ']' {
			continue
		}
		if out == nil {
			out = map[string]int{}
		}
		out[name] = i
	}
}

// bracketName returns the shortcode name that starts b: lower-case letters,
// digits, "-" and "_", the first a letter.
func bracketName(b []byte) string {
	if len(b) == 0 || b[0] < 'a' || b[0] > 'z' {
		return ""
	}
	k := 1
	for k < len(b) && (b[k] >= 'a' && b[k] <= 'z' || b[k] >= '0' && b[k] <= '9' || b[k] == '-' || b[k] == '_') {
		k++
	}
	return string(b[:k])
}

// bracketSpan reads a bracket shortcode at i: "[name attr="…"]",
// "[name/]" or "[/name]", on one line. The name must be known, or (for
// an opening tag) be closed by a "[/name]" further on, or the tag closes
// itself and holds a value ("[fa=user /]", "[icon name="x" /]"); a closing tag
// counts when its name is known or was opened before. A tag followed by
// "(" or ":" is a link or a link reference definition.
func bracketSpan(b []byte, i int, names map[string]bool, closers map[string]int, opened map[string]bool) (siteSpan, bool) {
	j := i + 1
	closing := j < len(b) && b[j] == '/'
	if closing {
		j++
	}
	name := bracketName(b[j:])
	if name == "" {
		return siteSpan{}, false
	}
	j += len(name)
	le := lineEnd(b, i)
	if j >= le {
		return siteSpan{}, false
	}
	selfClosing, attrs := false, false
	switch {
	case b[j] == ']':
		j++
	case closing:
		return siteSpan{}, false
	case b[j] == '/' && j+1 < le && b[j+1] == ']':
		selfClosing = true
		j += 2
	case b[j] == ' ' || b[j] == '\t' || b[j] == '=':
		// Attributes up to the "]", which may appear inside quotes.
		var q byte
		for j < le && (q != 0 || b[j] != ']') {
			switch c := b[j]; {
			case q != 0 && c == q:
				q = 0
			case q == 0 && (c == '"' || c == '\''):
				q = c
			case q == 0 && c == '[':
				return siteSpan{}, false
			}
			j++
		}
		if j >= le {
			return siteSpan{}, false
		}
		// "[fa=user /]", "[name key="v"]": a value right after the name,
		// or a quoted one, is how a tag reads, not a bracketed word.
		attrs = b[i+1+len(name)] == '=' || bytes.ContainsAny(b[i+1+len(name):j], "\"'")
		j++
		selfClosing = b[j-2] == '/'
	default:
		return siteSpan{}, false
	}
	if j < len(b) && (b[j] == '(' || b[j] == ':') {
		return siteSpan{}, false
	}
	switch {
	case closing && !names[name] && !opened[name]:
		return siteSpan{}, false
	case !closing && !names[name] && !(selfClosing && attrs) && (selfClosing || closers[name] < j):
		return siteSpan{}, false
	}
	s := siteSpan{start: i, end: j, typ: "shortcode"}
	if !selfClosing {
		s.key, s.closing = "bracket:"+name, closing
		if !closing {
			opened[name] = true
		}
	}
	return s, true
}

// abbrSpan reads a Markdown Extra / kramdown abbreviation definition at
// i: a line "*[HTML]: HyperText Markup Language", taken whole.
func abbrSpan(b []byte, i int) (siteSpan, bool) {
	ls := i
	for ls > 0 && b[ls-1] == ' ' && i-ls < 3 {
		ls--
	}
	if ls > 0 && b[ls-1] != '\n' || !bytes.HasPrefix(b[i:], []byte("*[")) {
		return siteSpan{}, false
	}
	le := lineEnd(b, i)
	k := bytes.Index(b[i:le], []byte("]:"))
	if k < 3 || bytes.IndexByte(b[i+2:i+k], ']') >= 0 {
		return siteSpan{}, false
	}
	end := le
	if end > i && b[end-1] == '\r' {
		end--
	}
	return siteSpan{start: i, end: end, typ: "abbr"}, true
}

// emojiSpan reads an emoji shortcode at i (":tada:", ":+1:",
// ":flag-fr:"), as GitHub, MkDocs (pymdownx.emoji), Hugo, Jekyll (jemoji)
// and Grav render them: a colon, a name of lower-case letters, digits and
// "_", "-" or "+" with at least one letter (or "+1", "-1"), and a colon, standing apart
// from the letters, digits and colons around it, so that a time
// ("10:30:00"), a C++ name ("std::vector::size") or prose before a colon
// ("Note :") is not one. An engine would read one as words and punctuation
// ("villes :tada:" came back "cities:tada:").
func emojiSpan(b []byte, i int) (siteSpan, bool) {
	apart := func(j int) bool {
		return j < 0 || j >= len(b) || !(isLetter(b[j]) || b[j] >= '0' && b[j] <= '9' || b[j] == ':' || b[j] == '/' || b[j] == '_')
	}
	if !apart(i - 1) {
		return siteSpan{}, false
	}
	letter := false
	j := i + 1
	for ; j < len(b) && j-i <= 50; j++ {
		c := b[j]
		if c >= 'a' && c <= 'z' {
			letter = true
		} else if !(c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+') {
			break
		}
	}
	if name := string(b[i+1 : j]); name == "+1" || name == "-1" {
		letter = true // thumbs up and down
	}
	if !letter || j >= len(b) || b[j] != ':' || !apart(j+1) {
		return siteSpan{}, false
	}
	return siteSpan{start: i, end: j + 1, typ: "emoji"}, true
}

// siteIndex returns the index of the first span of spans that ends after
// p.
func siteIndex(spans []siteSpan, p int) int {
	return sort.Search(len(spans), func(k int) bool { return spans[k].end > p })
}

// The inline mapping of site syntax (see inline.go).

// taskMarker is goldmark's task list marker, read at the cursor.
var taskMarker = regexp.MustCompile(`^\[([\sxX])\]\s*`)

// siteAt returns the index of the piece of site syntax holding all of
// [start, end), or -1.
func (x *inline) siteAt(start, end int) int {
	if len(x.site) == 0 {
		return -1
	}
	k := siteIndex(x.site, start)
	if k < len(x.site) && x.site[k].start <= start && end <= x.site[k].end {
		return k
	}
	return -1
}

// hasSite reports whether site syntax lies in [start, end).
func (x *inline) hasSite(start, end int) bool {
	k := siteIndex(x.site, start)
	return k < len(x.site) && x.site[k].start < end
}

// sitePart adds the source bytes [start, end), all or part of the piece of
// site syntax k, as a standalone code. joinSiteParts joins the parts of a
// piece that follow each other (its lines) into one code.
func (x *inline) sitePart(k, start, end int) {
	s := x.site[k]
	data := string(x.src[start:end])
	c := &document.Code{Kind: document.Standalone, Type: s.typ, Data: data, Disp: display(document.Standalone, s.typ, data)}
	x.runs = append(x.runs, document.Run{Code: c, Span: document.Span{Start: start, End: end}})
	x.verb = false
	if x.siteOf == nil {
		x.siteOf = map[*document.Code]int{}
	}
	x.siteOf[c] = k
}

// whole reports whether run r is a code of a whole piece of site syntax,
// and returns the piece.
func (x *inline) whole(r document.Run) (siteSpan, bool) {
	if r.Code == nil {
		return siteSpan{}, false
	}
	k, ok := x.siteOf[r.Code]
	if !ok {
		return siteSpan{}, false
	}
	s := x.site[k]
	return s, r.Span.Start <= s.start && s.end <= r.Span.End
}

// joinSiteParts joins the codes of the parts of a piece of site syntax that
// follow each other into one.
func (x *inline) joinSiteParts() {
	out := x.runs[:0]
	for _, r := range x.runs {
		if n := len(out); n > 0 && r.Code != nil && out[n-1].Code != nil && out[n-1].Span.End == r.Span.Start {
			k, ok := x.siteOf[r.Code]
			if pk, pok := x.siteOf[out[n-1].Code]; ok && pok && pk == k {
				x.extend(&out[n-1], out[n-1].Span.Start, r.Span.End)
				continue
			}
		}
		out = append(out, r)
	}
	x.runs = out
}

// extend makes the code of run r cover the source bytes [start, end).
func (x *inline) extend(r *document.Run, start, end int) {
	r.Span = document.Span{Start: start, End: end}
	r.Code.Data = string(x.src[start:end])
	r.Code.Disp = display(r.Code.Kind, r.Code.Type, r.Code.Data)
}

// absorbLineBreaks gives the soft line breaks around a piece of site syntax
// that stands alone on its line inside the block to its code, so that a
// translation keeps it on its own line: "Texte\n{% if x %}\nSuite" reads
// "Texte{1/}Suite", the code holding "\n{% if x %}\n".
func (x *inline) absorbLineBreaks() {
	isBreak := func(r document.Run) bool {
		return r.Code == nil && !isVerbatim(x.src, r) && r.Text == " " && bytes.IndexByte(x.src[r.Span.Start:r.Span.End], '\n') >= 0
	}
	out := x.runs[:0]
	for i := 0; i < len(x.runs); i++ {
		r := x.runs[i]
		if _, ok := x.whole(r); !ok || !x.startsLine(r.Span.Start) || !x.endsLine(r.Span.End) {
			out = append(out, r)
			continue
		}
		start, end := r.Span.Start, r.Span.End
		if n := len(out); n > 0 && isBreak(out[n-1]) {
			start = out[n-1].Span.Start
			out = out[:n-1]
		}
		if i+1 < len(x.runs) && isBreak(x.runs[i+1]) {
			end = x.runs[i+1].Span.End
			i++
		}
		x.extend(&r, start, end)
		if x.ownLine == nil {
			x.ownLine = map[*document.Code]bool{}
		}
		x.ownLine[r.Code] = true
		out = append(out, r)
	}
	x.runs = out
}

// startsLine reports whether only blanks and ">" stand between offset p
// and the start of its line, or the start of the block.
func (x *inline) startsLine(p int) bool {
	first := x.lines[0].Start
	for p > first && (x.src[p-1] == ' ' || x.src[p-1] == '\t' || x.src[p-1] == '>') {
		p--
	}
	return p == first || x.src[p-1] == '\n'
}

// endsLine reports whether only blanks stand between offset p and the end
// of its line.
func (x *inline) endsLine(p int) bool {
	for p < x.end() && (x.src[p] == ' ' || x.src[p] == '\t' || x.src[p] == '\r') {
		p++
	}
	return p >= x.end() || x.src[p] == '\n'
}

// pairSite turns an opening tag and its closing tag in the block ("{% if
// %}" and "{% endif %}", "{{< note >}}" and "{{< /note >}}", "[ui-tab]"
// and "[/ui-tab]"), neither alone on its line, into a pair of codes. A closing tag pairs with the
// nearest open tag of its name; the tags opened after that one stay
// standalone ("{% else %}", "{% set %}").
func (x *inline) pairSite() {
	type open struct {
		key  string
		code *document.Code
	}
	var stack []open
	for _, r := range x.runs {
		s, ok := x.whole(r)
		if !ok || s.key == "" || x.ownLine[r.Code] {
			continue // a tag alone on its line splits the block instead
		}
		if !s.closing {
			stack = append(stack, open{s.key, r.Code})
			continue
		}
		for j := len(stack) - 1; j >= 0; j-- {
			if stack[j].key == s.key {
				stack[j].code.Kind, r.Code.Kind = document.Open, document.Close
				x.pairUp(stack[j].code, r.Code)
				stack = stack[:j]
				break
			}
		}
	}
}

// footnoteEnd returns the end of the footnote reference "[^label]" at the
// cursor, read as goldmark's footnote parser reads it.
func (x *inline) footnoteEnd() (int, bool) {
	k := x.line(x.cur)
	line := x.view[x.cur:x.lines[k].Stop]
	if !bytes.HasPrefix(line, []byte("[^")) {
		return 0, false
	}
	for i := 2; i < len(line) && i < 2+999; i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i++
		case c == '[':
			return 0, false
		case c == ']':
			return x.cur + i + 1, true
		}
	}
	return 0, false
}

// edgeTypes are the codes that a block does not keep at its ends: the
// site syntax and task list markers before or after its text.
var edgeTypes = map[string]bool{"template": true, "shortcode": true, "attrs": true, "abbr": true, "task": true}

// splitAtSiteLines cuts runs at each code of own (site syntax alone on its
// lines) that no pair of codes spans, leaving the code out.
func splitAtSiteLines(runs document.Content, own map[*document.Code]bool) []document.Content {
	if len(own) == 0 {
		return []document.Content{runs}
	}
	var out []document.Content
	depth, from := 0, 0
	for i, r := range runs {
		switch {
		case r.Code == nil:
		case r.Code.Kind == document.Open:
			depth++
		case r.Code.Kind == document.Close:
			depth--
		case own[r.Code] && depth == 0:
			out = append(out, runs[from:i])
			from = i + 1
		}
	}
	return append(out, runs[from:])
}

// trimSiteCodes returns runs (trimmed by trimBlankRuns) without the
// standalone site codes and task markers at either end, nor a pair of site
// codes around all the rest, so that they stay out of the block; the
// remaining codes are numbered again from 1 if any was left out, or if
// renum is set.
func trimSiteCodes(src []byte, runs document.Content, renum bool) document.Content {
	runs = trimBlankRuns(src, runs)
	edge := func(r document.Run, kind document.CodeKind) bool {
		return r.Code != nil && r.Code.Kind == kind && edgeTypes[r.Code.Type]
	}
	trimmed := false
	for n := len(runs); n > 0; n = len(runs) {
		switch {
		case edge(runs[0], document.Standalone):
			runs = trimBlankRuns(src, runs[1:])
		case edge(runs[n-1], document.Standalone):
			runs = trimBlankRuns(src, runs[:n-1])
		case n > 1 && edge(runs[0], document.Open) && edge(runs[n-1], document.Close) && runs[0].Code.ID == runs[n-1].Code.ID:
			runs = trimBlankRuns(src, runs[1:n-1])
		default:
			if trimmed || renum {
				renumber(runs)
			}
			return runs
		}
		trimmed = true
	}
	return runs
}

// renumber numbers the codes of runs again from 1, a close keeping its
// open's number.
func renumber(runs document.Content) {
	ids := map[string]string{}
	n := 0
	for _, r := range runs {
		if r.Code == nil {
			continue
		}
		if r.Code.Kind == document.Close {
			if id, ok := ids[r.Code.ID]; ok {
				r.Code.ID = id
				continue
			}
		}
		n++
		id := strconv.Itoa(n)
		if r.Code.Kind == document.Open {
			ids[r.Code.ID] = id
		}
		r.Code.ID = id
	}
}
