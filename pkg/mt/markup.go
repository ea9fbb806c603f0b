package mt

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"

	"github.com/relais-tm/relais/pkg/document"
)

// The markup form of a segment is what a remote engine that keeps tags
// gets (DeepL with tag_handling=xml, LibreTranslate with format=html, a
// language model told to keep them): well-formed XML, one segment at a
// time. A pair of codes that opens and closes in the segment is an element
// <gN>…</gN>; a standalone code, or half of a pair whose other half is in
// another segment, is an empty element <xN/>, so that every segment parses
// on its own. Text is escaped (&amp; &lt; &gt;), a blank line inside the
// segment becomes one line break, and the blanks around the segment are
// left out (DecodeMarkup puts the source's back).

var markupCodeRE = regexp.MustCompile(`<(/?)g(\d+)\s*>|<x(\d+)\s*/>|<x(\d+)\s*>\s*</x\d+\s*>`)

// markupTags gives each run of c its markup form.
func markupTags(c document.Content) []tagged {
	type ends struct{ open, close bool }
	pairs := map[string]*ends{}
	for _, r := range c {
		if r.Code == nil || r.Code.Kind == document.Standalone {
			continue
		}
		e := pairs[r.Code.ID]
		if e == nil {
			e = &ends{}
			pairs[r.Code.ID] = e
		}
		if r.Code.Kind == document.Open {
			e.open = true
		} else if e.open {
			e.close = true
		}
	}
	// A pair with both ends in the segment is "<gN>…</gN>"; an end alone
	// is a code on its own.
	return tags(c, func(id string) bool { e := pairs[id]; return e != nil && e.open && e.close })
}

// EncodeMarkup returns the markup form of c: what a remote engine that
// keeps XML or HTML tags is sent for one segment.
func EncodeMarkup(c document.Content) string { return encodeTagged(markupTags(c)) }

// DecodeMarkup reads an engine's translation of EncodeMarkup(src) back
// into content whose codes are src's own. It fails when a tag is missing,
// repeated, out of order or not one of src's (document.CheckCodes), so
// that a draft never comes out with broken markup.
func DecodeMarkup(s string, src document.Content) (document.Content, error) {
	byTag := map[string]*document.Code{}
	for _, t := range markupTags(src) {
		if t.code != nil {
			byTag[t.tag] = t.code
		}
	}
	s = strings.TrimFunc(s, unicode.IsSpace)
	var out document.Content
	invented := ""
	text := func(t string) {
		if t == "" {
			return
		}
		if m := tagRE.FindString(t); m != "" && invented == "" {
			invented = m
		}
		t = html.UnescapeString(t)
		if n := len(out); n > 0 && !out[n-1].IsCode() {
			out[n-1].Text += t
			return
		}
		out = append(out, document.Run{Text: t})
	}
	lead, trail := blanks(src)
	text(lead)
	invented = "" // the source's own blanks hold no tag
	last := 0
	for _, m := range markupCodeRE.FindAllStringSubmatchIndex(s, -1) {
		text(s[last:m[0]])
		var tag string
		switch {
		case m[4] >= 0:
			tag = "<" + s[m[2]:m[3]] + "g" + s[m[4]:m[5]] + ">"
		case m[6] >= 0:
			tag = "<x" + s[m[6]:m[7]] + "/>"
		default:
			tag = "<x" + s[m[8]:m[9]] + "/>"
		}
		code, ok := byTag[tag]
		if !ok {
			return nil, fmt.Errorf("engine output has a code the source does not: %s", s[m[0]:m[1]])
		}
		out = append(out, document.Run{Code: code})
		last = m[1]
	}
	text(s[last:])
	if invented != "" {
		return nil, fmt.Errorf("engine output has markup the source does not: %s", invented)
	}
	text(trail)
	if err := document.CheckCodes(src, out).Err(); err != nil {
		return nil, err
	}
	return SourceCase(src, out), nil
}

// tagRE finds an XML or HTML tag an engine invented.
var tagRE = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>`)
