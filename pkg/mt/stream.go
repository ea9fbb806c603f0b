package mt

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// The stream form of a batch is the input Apertium's html-alt deformatter
// (apertium -f html-alt, or APy's deformat=html-alt) turns into
// superblanks: text the engine carries through verbatim, in order, without
// translating it. Measured on apertium 3.8 with fr-es and spa-eng:
// self-closing and paired tags such as <x2/>, <g1>…</g1> and entities come
// back byte for byte through both modes, where the default -f html (which
// runs transfuse when it is installed) rewrites <x2/> into <x2></x2> and
// translate="no" is not honoured. So:
//
//   - each segment starts with a marker <sN/> (N its index in the batch),
//     and segments are separated by a blank line and a <p> tag. The tag
//     ends a sentence for the engine: a blank line alone does not in
//     html-alt, and spa-eng then reorders words across two segments that
//     do not end with a full stop ("museo" and "nuevo museo de" came back
//     as "New" and "museum museum of"). DecodeBatch drops the tags;
//   - the engine capitalises the first word of every sentence, so a
//     segment whose source starts in lower case gets its first letter
//     back in lower case (a list item "la mairie ;" is "the town hall;"),
//     unless that word is capitalised in the source too ("la France") or
//     written in capitals ("UCLG");
//   - an opening code is <gN>, its closing code </gN> (N numbers the pair
//     in the segment), a standalone code <xN/>;
//   - text is escaped (&amp; &lt; &gt;), and a blank line inside a segment
//     becomes a single line break.

// sentenceBreak comes before every segment's marker but the first's.
const sentenceBreak = "<p>"

var (
	markerRE = regexp.MustCompile(`<s(\d+)/>`)
	codeRE   = regexp.MustCompile(`<(/?)g(\d+)>|<x(\d+)/>`)
	blankRE  = regexp.MustCompile(`[ \t\r\f\v]*\n[ \t\r\f\v\n]*\n[ \t\r\f\v\n]*`)
	escaper  = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
)

// EncodeBatch returns the stream form of segs: the text to hand to
// Apertium in html-alt format. DecodeBatch reads the engine's output back.
func EncodeBatch(segs []document.Content) string {
	var b strings.Builder
	for i, c := range segs {
		if i > 0 {
			b.WriteString("\n\n" + sentenceBreak)
		}
		b.WriteString("<s" + strconv.Itoa(i) + "/>")
		b.WriteString(encodeSegment(c))
	}
	return b.String()
}

// encodeSegment writes one segment without its leading and trailing
// blanks (DecodeBatch puts the source's back).
func encodeSegment(c document.Content) string { return encodeTagged(tags(c, nil)) }

// encodeTagged writes the runs of a segment in their tagged form, text
// escaped, without the blanks around them.
func encodeTagged(ts []tagged) string {
	var b strings.Builder
	for _, t := range ts {
		if t.code == nil {
			b.WriteString(escaper.Replace(blankRE.ReplaceAllString(t.text, "\n")))
			continue
		}
		b.WriteString(t.tag)
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}

type tagged struct {
	text string
	code *document.Code
	tag  string
}

// tags gives each run of c its stream form: "<gN>" and "</gN>" for the
// ends of a pair, "<xN/>" for a code on its own, and for the end of a pair
// that paired refuses (nil: none).
func tags(c document.Content, paired func(id string) bool) []tagged {
	pairs := map[string]int{}
	n := 0
	out := make([]tagged, 0, len(c))
	for _, r := range c {
		if r.Code == nil {
			out = append(out, tagged{text: r.Text})
			continue
		}
		var tag string
		switch {
		case r.Code.Kind != document.Standalone && (paired == nil || paired(r.Code.ID)):
			num, ok := pairs[r.Code.ID]
			if !ok {
				n++
				num = n
				pairs[r.Code.ID] = n
			}
			slash := ""
			if r.Code.Kind == document.Close {
				slash = "/"
			}
			tag = "<" + slash + "g" + strconv.Itoa(num) + ">"
		default:
			n++
			tag = "<x" + strconv.Itoa(n) + "/>"
		}
		out = append(out, tagged{code: r.Code, tag: tag})
	}
	return out
}

// DecodeBatch splits an engine's output of EncodeBatch(segs) back into one
// target per segment. A segment whose codes did not come back exactly once
// each and in a valid order (document.CheckCodes) gets an error in errs and a nil
// target. The error is for the whole output: markers missing, repeated or
// out of order, so that segments cannot be told apart.
func DecodeBatch(out string, segs []document.Content) (targets []document.Content, errs []error, err error) {
	locs := markerRE.FindAllStringSubmatchIndex(out, -1)
	if len(locs) != len(segs) {
		return nil, nil, fmt.Errorf("engine output has %d segment marker(s), want %d", len(locs), len(segs))
	}
	if len(segs) > 0 && strings.TrimSpace(out[:locs[0][0]]) != "" {
		return nil, nil, fmt.Errorf("engine output has text before the first segment marker")
	}
	targets = make([]document.Content, len(segs))
	errs = make([]error, len(segs))
	for i, loc := range locs {
		n, _ := strconv.Atoi(out[loc[2]:loc[3]])
		if n != i {
			return nil, nil, fmt.Errorf("engine output has segment marker %d where %d was expected", n, i)
		}
		seg := out[loc[1]:]
		if i+1 < len(locs) {
			seg = strings.TrimSuffix(strings.TrimRightFunc(out[loc[1]:locs[i+1][0]], unicode.IsSpace), sentenceBreak)
		}
		targets[i], errs[i] = decodeSegment(seg, segs[i])
		if errs[i] != nil {
			targets[i] = nil
		}
	}
	return targets, errs, nil
}

// decodeSegment reads one segment's stream form back into content whose
// codes are those of src.
func decodeSegment(s string, src document.Content) (document.Content, error) {
	byTag := map[string]*document.Code{}
	for _, t := range tags(src, nil) {
		if t.code != nil {
			byTag[t.tag] = t.code
		}
	}
	s = strings.TrimFunc(s, unicode.IsSpace)
	var out document.Content
	text := func(t string) {
		if t == "" {
			return
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
	last := 0
	for _, m := range codeRE.FindAllStringIndex(s, -1) {
		text(s[last:m[0]])
		code, ok := byTag[s[m[0]:m[1]]]
		if !ok {
			return nil, fmt.Errorf("engine output has a code the source does not: %s", s[m[0]:m[1]])
		}
		out = append(out, document.Run{Code: code})
		last = m[1]
	}
	text(s[last:])
	text(trail)
	if err := document.CheckCodes(src, out).Err(); err != nil {
		return nil, err
	}
	return SourceCase(src, out), nil
}

// SourceCase returns target with its first letter in lower case where the
// source's first letter is and the engine capitalised it as a sentence's
// start: not when the target's first word is written in capitals ("UCLG")
// or capitalised in the source as well ("la France", "France").
func SourceCase(src, target document.Content) document.Content {
	sr, _ := firstLetter(src)
	if !unicode.IsLower(sr) {
		return target
	}
	tr, at := firstLetter(target)
	if !unicode.IsUpper(tr) {
		return target
	}
	text := target[at].Text
	i := strings.IndexRune(text, tr)
	word := text[i:]
	if end := strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); end >= 0 {
		word = word[:end]
	}
	if rest := []rune(word)[1:]; len(rest) == 0 || !unicode.IsLower(rest[0]) {
		return target // a capital alone or a word in capitals
	}
	for _, r := range src {
		if r.Code == nil && wordIn(r.Text, word) {
			return target
		}
	}
	out := append(document.Content(nil), target...)
	out[at].Text = text[:i] + string(unicode.ToLower(tr)) + text[i+len(string(tr)):]
	return out
}

// firstLetter returns the first letter of c's text and the run it is in;
// 0 when a code or a digit comes first.
func firstLetter(c document.Content) (rune, int) {
	for i, r := range c {
		if r.Code != nil {
			return 0, i
		}
		for _, ch := range r.Text {
			if unicode.IsLetter(ch) {
				return ch, i
			}
			if unicode.IsDigit(ch) {
				return 0, i
			}
		}
	}
	return 0, -1
}

// wordIn reports whether word occurs in text as a whole word.
func wordIn(text, word string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], word)
		if k < 0 {
			return false
		}
		k += i
		before, _ := utf8.DecodeLastRuneInString(text[:k])
		after, _ := utf8.DecodeRuneInString(text[k+len(word):])
		if (k == 0 || !unicode.IsLetter(before)) && (k+len(word) == len(text) || !unicode.IsLetter(after)) {
			return true
		}
		i = k + len(word)
	}
}

// blanks returns the white space c starts and ends with.
func blanks(c document.Content) (lead, trail string) {
	if len(c) == 0 {
		return "", ""
	}
	if !c[0].IsCode() {
		t := c[0].Text
		lead = t[:len(t)-len(strings.TrimLeftFunc(t, unicode.IsSpace))]
		if lead == t && len(c) == 1 {
			return lead, ""
		}
	}
	if l := c[len(c)-1]; !l.IsCode() {
		t := l.Text
		trail = t[len(strings.TrimRightFunc(t, unicode.IsSpace)):]
	}
	return lead, trail
}
