package qa

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
)

// langName names a language in messages.
func langName(t language.Tag) string {
	switch base(t) {
	case "en":
		return "English"
	case "es":
		return "Spanish"
	case "fr":
		return "French"
	}
	return t.String()
}

func base(t language.Tag) string {
	b, _ := t.Base()
	return b.String()
}

// untranslated: no target, or the source left as it is.
type untranslated struct{}

func (untranslated) ID() string                { return "untranslated" }
func (untranslated) Default() finding.Severity { return finding.Error }
func (untranslated) Help() string {
	return "A segment has no translation, or its target is the source text left as it is (the same words once codes, numbers, names and glossary terms written alike in both languages are set aside), unless the source segment is written in the target language already (an English sentence of three words or more in a French page, or a short segment among English ones such as the cells of an English table, left as it is in the English draft), or is a word or two that the language identifier does not take for the source language (a command, an option, a name, a word written alike: init, -l, Installation). Translate the segment."
}
func (untranslated) Check(c *Context, report func(Issue)) {
	if len(words(c.SourceText)) == 0 {
		return
	}
	switch {
	case !c.Translated():
		report(Issue{Message: "segment has no translation: translate it", Off: -1})
	case c.Unchanged() && !inTargetLanguage(c):
		report(Issue{Message: "target is the source text left untranslated: translate it", Off: -1})
	}
}

// minSameWords is the fewest words a source segment needs for the language
// identifier to say it is written in the target language already.
const minSameWords = 3

// inTargetLanguage reports whether the source segment is written in the
// target language already, as the identifier tells with a margin, on its
// own or with the segments around it (Context.Passage): an English
// heading in a French page ("Firewall rules"), or a cell of an English
// table, is rightly the same in the English draft.
func inTargetLanguage(c *Context) bool {
	src, tgt := base(c.File.SrcLang), base(c.Lang)
	if src == tgt {
		return false
	}
	if c.Passage() == tgt {
		return true // in a passage of the target language (relais translate keeps it as it is)
	}
	r := c.Identify(maskURLs(c.SourceText))
	if r.Words < minSameWords {
		// A word or two left as they are by the engine or a person: a
		// command, an option or a name in a table ("init", "-l",
		// "vanilla"), a word both languages write alike ("Installation"
		// in English). Only what the identifier takes for the source
		// language, with its margin, is untranslated ("Les villes").
		return !(r.Lang == src && r.Scores[src]-r.Scores[tgt] >= minLangMargin)
	}
	return r.Lang == tgt && r.Scores[tgt]-r.Scores[src] >= minLangMargin
}

// sourceLanguage: a target sentence still in the source language.
type sourceLanguage struct{}

// minLangWords is the fewest words a sentence needs for the language
// identifier to be trusted.
const minLangWords = 5

// minLangMargin is the least margin (mean log-likelihood per word) the
// identifier must give the source language over the target's.
const minLangMargin = 0.3

func (sourceLanguage) ID() string                { return "source-language" }
func (sourceLanguage) Default() finding.Severity { return finding.Error }
func (sourceLanguage) Help() string {
	return "A target sentence (of five words or more) is still in the source language: French left in an English or Spanish page. Translate it."
}
func (sourceLanguage) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.Unchanged() {
		return
	}
	src, tgt := base(c.File.SrcLang), base(c.Lang)
	if src == tgt {
		return
	}
	text := maskURLs(c.TargetText)
	for _, s := range sentences(text) {
		r := c.Identify(text[s.start:s.end])
		if r.Words < minLangWords || r.Lang != src {
			continue
		}
		if r.Scores[src]-r.Scores[tgt] < minLangMargin {
			continue
		}
		report(Issue{Message: fmt.Sprintf("target sentence is in %s, not %s: translate it", langName(c.File.SrcLang), langName(c.Lang)),
			Off: s.start, Key: text[s.start:s.end]})
	}
}

// sentences cuts text after . ! ? … followed by a blank: enough to look at
// the sentences of a target one at a time.
func sentences(text string) []word {
	var out []word
	start := 0
	for i, r := range text {
		if strings.ContainsRune(".!?…", r) {
			end := i + utf8.RuneLen(r)
			if end == len(text) || (end < len(text) && isBlank(rune(text[end]))) {
				out = append(out, word{start: start, end: end})
				start = end
			}
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, word{start: start, end: len(text)})
	}
	for i := range out {
		for out[i].start < out[i].end && isBlank(rune(text[out[i].start])) {
			out[i].start++
		}
	}
	return out
}

func isBlank(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' }

// termMissing: a source term whose target term is absent.
type termMissing struct{}

func (termMissing) ID() string                { return "term-missing" }
func (termMissing) Default() finding.Severity { return finding.Error }
func (termMissing) Help() string {
	return "A glossary term of the source is not rendered by its preferred or admitted target term. Use the term the termbase gives (relais glossary lookup TERM)."
}
func (termMissing) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.Unchanged() || c.InSourceLanguage() {
		return
	}
	for _, v := range c.Verdicts {
		if v.Outcome != glossary.Missing {
			continue
		}
		report(Issue{Message: fmt.Sprintf("%s (%s) is not rendered: write %s", quote(v.Hit.Text), v.Hit.Concept.ID, quote(v.Want)),
			Off: -1, Key: v.Hit.Concept.ID})
	}
}

// termForbidden: a deprecated target term, or the source acronym left in
// the target.
type termForbidden struct{}

func (termForbidden) ID() string                { return "term-forbidden" }
func (termForbidden) Default() finding.Severity { return finding.Error }
func (termForbidden) Help() string {
	return "The target uses a term the termbase marks deprecated or superseded in the target language (\"Malinas\" for Mechelen in English), or keeps the source language's acronym where the target language has its own (\"CGLU\" in English). Write the preferred target term. Glossary pairs (CGLU → UCLG) are never reported."
}
func (termForbidden) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.Unchanged() || c.InSourceLanguage() {
		return
	}
	reported := map[string]bool{}
	for _, h := range c.TargetHits {
		if !h.Term.Status.Forbidden() || h.Ambiguous || reported[h.Text] {
			continue
		}
		reported[h.Text] = true
		want, _ := glossary.Hit{Sense: h.Sense, Number: h.Number, Gender: h.Gender}.Target(c.Lang)
		msg := fmt.Sprintf("%s is a %s term in %s (%s)", quote(h.Text), h.Term.Status, langName(c.Lang), h.Concept.ID)
		if want != "" {
			msg += ": write " + quote(want)
		}
		report(Issue{Message: msg, Off: h.Span.Start, Key: h.Text})
	}
	// A source acronym kept as it is where the target language names the
	// concept otherwise.
	for _, h := range c.Hits {
		if h.Ambiguous || (h.Term.Type != glossary.Acronym && h.Term.Type != glossary.Abbreviation) {
			continue
		}
		acr := h.Text[h.Lead:]
		if reported[acr] || allowedIn(h.Concept, c.Lang, acr) {
			continue
		}
		want, _ := h.Target(c.Lang)
		if want == "" {
			continue
		}
		for _, off := range wholeWord(c.TargetText, acr) {
			reported[acr] = true
			report(Issue{Message: fmt.Sprintf("%s is the %s acronym of %s: write %s in %s", quote(acr), langName(c.File.SrcLang), h.Concept.ID, quote(want), langName(c.Lang)),
				Off: off, Key: acr})
			break
		}
	}
}

// grammar: a determiner before a target term that disagrees with what
// the termbase says of the term.
type grammar struct{}

func (grammar) ID() string                { return "grammar" }
func (grammar) Default() finding.Severity { return finding.Warning }
func (grammar) Help() string {
	return "The article before a termbase term does not agree with it: its gender and number, or whether it takes an article at all (\"del OIM\" for \"de la OIM\", \"la Siria\" for \"Siria\", \"the UCLG\" for \"UCLG\"). Spanish and English; the termbase's grammaticalGender, grammaticalNumber and relais:article notes say what agrees. Write what the finding says."
}
func (grammar) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.InSourceLanguage() {
		return
	}
	for _, h := range c.TargetHits {
		if h.Ambiguous || h.Nested || h.Term.Status.Forbidden() {
			continue
		}
		form := h.Written()
		at := h.Span.Start + h.Lead
		before := c.TargetText[:at]
		agreed := form.ArticleBefore(before, c.TargetText[h.Span.End:])
		if agreed == before {
			continue
		}
		// What changes: from the first byte that differs to the term.
		i := 0
		for i < len(before) && i < len(agreed) && before[i] == agreed[i] {
			i++
		}
		i = strings.LastIndexAny(before[:i], " \t\n(«\"“") + 1
		was := strings.TrimSpace(before[i:]) + " " + h.Text[h.Lead:]
		want := strings.TrimSpace(agreed[i:] + h.Text[h.Lead:])
		report(Issue{Message: fmt.Sprintf("%s does not agree with the term (%s): write %s", quote(strings.TrimSpace(was)), termGrammar(form), quote(want)),
			Off: i, Key: h.Text})
	}
}

// termGrammar says what the termbase says of t that an article agrees
// with: "feminine singular", "no article".
func termGrammar(t *glossary.Term) string {
	var parts []string
	if t.Gender != "" {
		parts = append(parts, string(t.Gender))
	}
	if t.Number != "" {
		parts = append(parts, string(t.Number))
	}
	switch t.Article {
	case glossary.ArticleNone:
		parts = append(parts, "no article")
	case glossary.ArticleRequired:
		parts = append(parts, "article required")
	}
	return strings.Join(parts, ", ")
}

// allowedIn reports whether text is an allowed term of c in lang.
func allowedIn(c *glossary.Concept, lang language.Tag, text string) bool {
	for _, t := range c.Terms(lang) {
		if !t.Status.Forbidden() && t.Text == text {
			return true
		}
	}
	return false
}

// wholeWord returns the offsets of w in s where it is a whole word.
func wholeWord(s, w string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return out
		}
		at := i + j
		before, _ := utf8.DecodeLastRuneInString(s[:at])
		after, _ := utf8.DecodeRuneInString(s[at+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			out = append(out, at)
		}
		i = at + len(w)
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')
}

// number: numbers differ.
type number struct{}

func (number) ID() string                { return "number" }
func (number) Default() finding.Severity { return finding.Error }
func (number) Help() string {
	return "A number of the source is missing from the target, or the target has one the source does not. Numbers are compared by value, each read in its language's format (1 250,5 in French is 1,250.5 in English); a number of ten or less may be written out in words."
}
func (number) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.Unchanged() || c.InSourceLanguage() {
		return
	}
	src := numbers(maskURLs(c.SourceText), c.File.SrcLang)
	tgtText := maskURLs(c.TargetText)
	tgt := numbers(tgtText, c.Lang)
	value := func(n num) string { return n.value }
	missing, extra := unmatched(src, tgt, value), unmatched(tgt, src, value)
	srcWords := lowerWords(c.SourceText)
	tgtWords := lowerWords(c.TargetText)
	var ms, es []num
	for _, n := range missing {
		if !spelled(n.value, c.Lang, tgtWords) {
			ms = append(ms, n)
		}
	}
	for _, n := range extra {
		if !spelled(n.value, c.File.SrcLang, srcWords) {
			es = append(es, n)
		}
	}
	// A number changed: the source's, missing, paired in order with the
	// target's, extra, and reported where the target's is.
	for len(ms) > 0 && len(es) > 0 {
		m, e := ms[0], es[0]
		ms, es = ms[1:], es[1:]
		report(Issue{Message: fmt.Sprintf("number %s of the source is %s in the target: write %s", quote(m.text), quote(e.text), quote(formatNumber(m.value, c.Lang))),
			Off: e.off, Key: "changed " + m.value + " " + e.value})
	}
	for _, n := range ms {
		report(Issue{Message: fmt.Sprintf("number %s of the source is not in the target: write %s", quote(n.text), quote(formatNumber(n.value, c.Lang))),
			Off: -1, Key: "missing " + n.value})
	}
	for _, n := range es {
		report(Issue{Message: fmt.Sprintf("number %s is not in the source: check it against the source", quote(n.text)),
			Off: n.off, Key: "extra " + n.value})
	}
}

// unmatched returns, in order, the items of a that b lacks, compared by
// key and counting repeats: of an item twice in a and once in b, the
// second is returned.
func unmatched[T any](a, b []T, key func(T) string) []T {
	left := map[string]int{}
	for _, x := range b {
		left[key(x)]++
	}
	var out []T
	for _, x := range a {
		if k := key(x); left[k] > 0 {
			left[k]--
			continue
		}
		out = append(out, x)
	}
	return out
}

func lowerWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(s) {
		out[strings.ToLower(w.text)] = true
	}
	return out
}

// codes: inline codes missing, extra or out of order; link targets changed.
type codes struct{}

func (codes) ID() string                { return "code" }
func (codes) Default() finding.Severity { return finding.Error }
func (codes) Help() string {
	return "Inline markup of the source (emphasis, links, inline code, HTML) is missing from the target, the target has markup the source does not, or a link points somewhere else. Keep every code of the source and link targets as they are. (The order of codes, their data in XLIFF, and the codes of document pairs are the markup check's.)"
}
func (codes) Check(c *Context, report func(Issue)) {
	if c.Pair.Target == nil || (!c.Translated() && len(c.Pair.Target.Codes()) == 0) || c.Unchanged() {
		return
	}
	switch {
	case c.File.CodesByID:
		codesByID(c, report)
	case c.File.Documents == nil:
		// Document pairs carry their documents: markup compares their
		// codes block by block.
		codesByData(c, report)
	}
}

// codesByID reports the codes document.CheckCodes finds extra, repeated or
// missing in the target, in its order; pairs closed before they open and
// pairs that overlap are the markup check's.
func codesByID(c *Context, report func(Issue)) {
	for _, p := range document.CheckCodes(c.Pair.Source, c.Pair.Target) {
		k := p.Code
		switch p.Kind {
		case document.CodeExtra:
			report(Issue{Message: fmt.Sprintf("target has a code the source does not (%s %s): remove it", k.Kind, k.ID), Off: -1, Key: "extra " + k.ID + k.Kind.String()})
		case document.CodeRepeated:
			report(Issue{Message: fmt.Sprintf("target repeats code %s %s: keep it once", k.Kind, k.ID), Off: -1, Key: "dup " + k.ID + k.Kind.String()})
		case document.CodeMissing:
			report(Issue{Message: fmt.Sprintf("target drops code %s %s %s: keep every code of the source", k.Kind, k.ID, quote(disp(k))), Off: -1, Key: "missing " + k.ID + k.Kind.String()})
		}
	}
}

func disp(k *document.Code) string {
	if k.Data != "" {
		return k.Data
	}
	return k.Disp
}

// codesByData compares the codes of two documents extracted separately:
// link and image targets, inline code, and the count of each kind of
// formatting.
func codesByData(c *Context, report func(Issue)) {
	count := func(cs document.Content) (map[string]int, map[string]int, map[string]int) {
		links, lits, fmts := map[string]int{}, map[string]int{}, map[string]int{}
		for _, k := range cs.Codes() {
			switch {
			case isAutolink(k):
				// compared by url-email
			case k.Type == "link" || k.Type == "image" || k.Type == "xref":
				if dest, ok := linkDest(k); ok {
					links[dest]++
				}
			case k.Type == "code":
				lits[k.Data]++
			case k.Type == "html":
				if tag := htmlTag(k.Data); tag != "" {
					fmts["html "+tag]++
				}
			case k.Kind != document.Close:
				fmts[k.Type]++
			}
		}
		return links, lits, fmts
	}
	sl, sc, sf := count(c.Pair.Source)
	tl, tc, tf := count(c.Pair.Target)
	diff := func(what string, s, t map[string]int, hint string) {
		for _, k := range slices.Sorted(maps.Keys(s)) {
			if t[k] < s[k] {
				report(Issue{Message: fmt.Sprintf("target lacks the %s %s of the source: %s", what, quote(k), hint), Off: -1, Key: "missing " + what + k})
			}
		}
		for _, k := range slices.Sorted(maps.Keys(t)) {
			if s[k] < t[k] {
				report(Issue{Message: fmt.Sprintf("target has a %s %s the source does not: %s", what, quote(k), hint), Off: -1, Key: "extra " + what + k})
			}
		}
	}
	diff("link target", sl, tl, "keep link targets as they are")
	diff("inline code", sc, tc, "keep inline code untranslated")
	diff("markup", sf, tf, "keep the markup of the source")
}

var (
	inlineDest = regexp.MustCompile(`^\]\(\s*<?([^\s>)]*)`)
	refDest    = regexp.MustCompile(`^\]\[([^\]]*)\]$`)
	refLabel   = regexp.MustCompile(`^!?\[((?:[^\]\\]|\\.)*)\](?:\[\])?$`)
	htmlName   = regexp.MustCompile(`^</?([A-Za-z][A-Za-z0-9-]*)`)
)

// linkDest returns where a link or image code points: the URL of an inline
// link, or the lower-cased label of a reference link. Open codes say
// nothing.
func linkDest(k *document.Code) (string, bool) {
	d := k.Data
	if m := inlineDest.FindStringSubmatch(d); m != nil {
		return m[1], true
	}
	if m := refDest.FindStringSubmatch(d); m != nil {
		return "[" + strings.ToLower(strings.Join(strings.Fields(m[1]), " ")) + "]", true
	}
	if k.Kind == document.Standalone {
		if strings.HasPrefix(d, "<") && strings.HasSuffix(d, ">") {
			return strings.Trim(d, "<>"), true
		}
		if m := refLabel.FindStringSubmatch(d); m != nil {
			return "[" + strings.ToLower(strings.Join(strings.Fields(m[1]), " ")) + "]", true
		}
	}
	return "", false
}

// isAutolink reports whether k is a link written as its own address
// (<https://…>, a bare URL or e-mail address made a link).
func isAutolink(k *document.Code) bool {
	if (k.Type != "link" && k.Type != "autolink") || k.Kind != document.Standalone {
		return false
	}
	return document.HasAddress(autolinkAddress(k.Data)) && !strings.HasPrefix(k.Data, "[")
}

// autolinkAddress returns the address of an autolink's data.
func autolinkAddress(d string) string {
	d = strings.TrimSuffix(strings.TrimPrefix(d, "<"), ">")
	return strings.TrimPrefix(d, "mailto:")
}

// linkedAddresses returns the addresses of the autolinks of cs.
func linkedAddresses(cs document.Content) []word {
	var out []word
	for _, k := range cs.Codes() {
		if isAutolink(k) {
			out = append(out, word{text: autolinkAddress(k.Data), start: -1, code: k})
		}
	}
	return out
}

func htmlTag(data string) string {
	m := htmlName.FindStringSubmatch(data)
	if m == nil {
		return ""
	}
	if strings.HasPrefix(data, "</") {
		return "/" + strings.ToLower(m[1])
	}
	return strings.ToLower(m[1])
}

// urlEmail: URLs and e-mail addresses of the source missing or changed.
type urlEmail struct{}

func (urlEmail) ID() string                { return "url-email" }
func (urlEmail) Default() finding.Severity { return finding.Error }
func (urlEmail) Help() string {
	return "A web address or e-mail address written in the source text is missing from the target, or the target has one the source does not. Copy addresses exactly."
}
func (urlEmail) Check(c *Context, report func(Issue)) {
	if c.Pair.Target == nil || c.Unchanged() {
		return
	}
	src := append(addresses(c.SourceText), linkedAddresses(c.Pair.Source)...)
	tgt := append(addresses(c.TargetText), linkedAddresses(c.Pair.Target)...)
	if c.File.CodesByID {
		// Autolinks are codes named by ID: the code check covers them.
		src, tgt = addresses(c.SourceText), addresses(c.TargetText)
	}
	text := func(w word) string { return w.text }
	missing, extra := unmatched(src, tgt, text), unmatched(tgt, src, text)
	// An address changed: the source's, missing, paired in order with the
	// target's, extra, and reported where the target's is.
	for len(missing) > 0 && len(extra) > 0 {
		m, e := missing[0], extra[0]
		missing, extra = missing[1:], extra[1:]
		report(Issue{Message: fmt.Sprintf("address %s of the source is %s in the target: copy it exactly", quote(m.text), quote(e.text)),
			Off: e.start, Code: e.code, Key: "changed " + m.text + " " + e.text})
	}
	for _, a := range missing {
		report(Issue{Message: fmt.Sprintf("address %s of the source is not in the target: copy it exactly", quote(a.text)), Off: -1, Key: "missing " + a.text})
	}
	for _, a := range extra {
		report(Issue{Message: fmt.Sprintf("address %s is not in the source: check it", quote(a.text)), Off: a.start, Code: a.code, Key: "extra " + a.text})
	}
}

// punctuation: the target language's typography.
type punctuation struct{}

func (punctuation) ID() string                { return "punctuation" }
func (punctuation) Default() finding.Severity { return finding.Warning }
func (punctuation) Help() string {
	return "The target does not follow its language's typography: French spacing before : ; ! ? or inside « » left in English or Spanish, a space before a comma or a period, a space before % in English, guillemets in English, or in Spanish a question or exclamation without its opening ¿ or ¡ (or an opening mark never closed)."
}

var (
	spaceBefore   = regexp.MustCompile(`[^\s\x{a0}\x{202f}][ \x{a0}\x{202f}]+([:;!?])`)
	spaceComma    = regexp.MustCompile(`\p{L}[ \x{a0}\x{202f}]+([,.])(\s|$)`)
	spacePercent  = regexp.MustCompile(`\d[ \x{a0}\x{202f}]+%`)
	guillemetsIn  = regexp.MustCompile(`«[ \x{a0}\x{202f}]|[ \x{a0}\x{202f}]»`)
	guillemetsAny = regexp.MustCompile(`[«»]`)
)

func (punctuation) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.Unchanged() || c.InSourceLanguage() {
		return
	}
	text := maskURLs(c.TargetText)
	lang := base(c.Lang)
	if lang != "en" && lang != "es" {
		return
	}
	for _, m := range spaceBefore.FindAllStringSubmatchIndex(text, -1) {
		if c.codeBetween(m[0]+1, m[2]) {
			continue
		}
		mark := text[m[2]:m[3]]
		report(Issue{Message: fmt.Sprintf("space before %q is French typography: remove it in %s", mark, langName(c.Lang)), Off: m[2], Key: "space " + mark})
	}
	for _, m := range spaceComma.FindAllStringSubmatchIndex(text, -1) {
		if c.codeBetween(m[0]+1, m[2]) {
			continue
		}
		mark := text[m[2]:m[3]]
		report(Issue{Message: fmt.Sprintf("space before %q: remove it", mark), Off: m[2], Key: "space " + mark})
	}
	switch lang {
	case "en":
		for _, m := range spacePercent.FindAllStringIndex(text, -1) {
			report(Issue{Message: "space before \"%\": write the percent sign after the number in English", Off: m[0] + 1, Key: "percent"})
		}
		if m := guillemetsAny.FindStringIndex(text); m != nil {
			report(Issue{Message: "guillemets « » in English: use quotation marks “ ”", Off: m[0], Key: "guillemets"})
		}
	case "es":
		if m := guillemetsIn.FindStringIndex(text); m != nil {
			report(Issue{Message: "space inside « »: Spanish writes «texto» without inner spaces", Off: m[0], Key: "guillemets"})
		}
		spanishMarks(text, report)
	}
}

// spanishMarks checks that each ? and ! of a Spanish text has its opening
// ¿ or ¡ in the same sentence, and each ¿ ¡ its closing mark.
func spanishMarks(text string, report func(Issue)) {
	pairs := []struct {
		open, close rune
	}{{'¿', '?'}, {'¡', '!'}}
	for _, p := range pairs {
		openAt := -1
		sentence := 0
		prev := rune(0)
		for i, r := range text {
			run := r == prev // "¡¡¡", "!!!": one mark
			prev = r
			if r == p.close {
				if next, _ := utf8.DecodeRuneInString(text[i+1:]); unicode.IsLetter(next) || unicode.IsDigit(next) {
					continue // "?db=" in an address asks nothing
				}
			}
			switch {
			case r == p.open && run:
			case r == p.open:
				if openAt >= 0 {
					report(Issue{Message: fmt.Sprintf("%q is not closed by %q: close the question or exclamation", p.open, p.close), Off: openAt, Key: "unclosed " + string(p.open)})
				}
				openAt = i
			case r == p.close:
				// A mark with no word before it in its sentence closes
				// nothing: a run of marks ("!!!", "Hola!!") or markup.
				if openAt < 0 && strings.IndexFunc(text[sentence:i], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
					report(Issue{Message: fmt.Sprintf("%q has no opening %q: Spanish opens questions and exclamations too", p.close, p.open), Off: sentence, Key: "unopened " + string(p.close)})
				}
				openAt = -1
				sentence = i + 1
			case r == '.' || r == '?' || r == '!' || r == '…':
				if openAt >= 0 && r == '.' {
					report(Issue{Message: fmt.Sprintf("%q is not closed by %q: close the question or exclamation", p.open, p.close), Off: openAt, Key: "unclosed " + string(p.open)})
					openAt = -1
				}
				sentence = i + 1
			}
		}
		if openAt >= 0 {
			report(Issue{Message: fmt.Sprintf("%q is not closed by %q: close the question or exclamation", p.open, p.close), Off: openAt, Key: "unclosed " + string(p.open)})
		}
	}
}

// doubleSpace: two blanks in a row.
type doubleSpace struct{}

func (doubleSpace) ID() string                { return "double-space" }
func (doubleSpace) Default() finding.Severity { return finding.Warning }
func (doubleSpace) Help() string {
	return "The target has two or more spaces in a row inside its text, more than its source has. Write one."
}

var doubleBlank = regexp.MustCompile(`\S([ \x{a0}\x{202f}]{2,})\S`)

// spaceRun is a run of plain spaces inside a text (a French no-break
// space is typography, which a target does not keep).
var spaceRun = regexp.MustCompile(`\S( {2,})\S`)

func (doubleSpace) Check(c *Context, report func(Issue)) {
	if !c.Translated() {
		return
	}
	runs := doubleBlank.FindAllStringSubmatchIndex(c.TargetText, -1)
	// The source's own runs of plain spaces may be meant, and a draft
	// keeps them: as many in the target are not reported.
	if len(runs) <= len(spaceRun.FindAllStringIndex(c.SourceText, -1)) {
		return
	}
	for _, m := range runs {
		if c.codeBetween(m[2], m[3]) {
			continue
		}
		report(Issue{Message: "two spaces in a row: write one", Off: m[2], Key: fmt.Sprint(m[2])})
	}
}

// repeatedWord: the same word twice in a row.
type repeatedWord struct{}

func (repeatedWord) ID() string                { return "repeated-word" }
func (repeatedWord) Default() finding.Severity { return finding.Warning }
func (repeatedWord) Help() string {
	return "The target repeats a word (\"the the\") that the source does not. Remove the repetition."
}

// legitRepeats are repetitions that are grammatical.
var legitRepeats = map[string]bool{"had": true, "that": true, "is": true, "nos": true, "vous": true, "nous": true}

func (repeatedWord) Check(c *Context, report func(Issue)) {
	if !c.Translated() {
		return
	}
	text := c.TargetText
	ws := words(text)
	var inSource map[string]bool // the words the source itself repeats: the author's, not the draft's
	for i := 1; i < len(ws); i++ {
		a, b := ws[i-1], ws[i]
		if !strings.EqualFold(a.text, b.text) || unicode.IsDigit([]rune(a.text)[0]) || legitRepeats[strings.ToLower(a.text)] {
			continue
		}
		if strings.TrimFunc(text[a.end:b.start], isBlank) != "" || c.codeBetween(a.end, b.start) {
			continue
		}
		if inSource == nil {
			inSource = repeats(c.SourceText)
		}
		if inSource[strings.ToLower(b.text)] {
			continue
		}
		report(Issue{Message: fmt.Sprintf("%s is repeated: remove one", quote(b.text)), Off: b.start, Key: strings.ToLower(b.text)})
	}
}

// repeats returns the words text has twice in a row, in lower case.
func repeats(text string) map[string]bool {
	out := map[string]bool{}
	ws := words(text)
	for i := 1; i < len(ws); i++ {
		if strings.EqualFold(ws[i-1].text, ws[i].text) && strings.TrimFunc(text[ws[i-1].end:ws[i].start], isBlank) == "" {
			out[strings.ToLower(ws[i].text)] = true
		}
	}
	return out
}

// length: the target far longer or shorter than the source.
type length struct{}

// Length bounds: the target's length over the source's, in characters, for
// sources of lengthMin characters or more.
const (
	lengthMin = 40
	lengthLow = 0.5
	lengthHi  = 2.0
)

func (length) ID() string                { return "length" }
func (length) Default() finding.Severity { return finding.Warning }
func (length) Help() string {
	return "The target is less than half or more than twice as long as the source (for sources of 40 characters or more): text was probably left out or added. Compare it with the source."
}
func (length) Check(c *Context, report func(Issue)) {
	if !c.Translated() || c.Unchanged() || c.InSourceLanguage() {
		return
	}
	s := utf8.RuneCountInString(strings.TrimSpace(c.SourceText))
	t := utf8.RuneCountInString(strings.TrimSpace(c.TargetText))
	if s < lengthMin {
		return
	}
	r := float64(t) / float64(s)
	switch {
	case r < lengthLow:
		report(Issue{Message: fmt.Sprintf("target is %.0f %% of the source's length: check for text left out", 100*r), Off: -1, Key: "short"})
	case r > lengthHi:
		report(Issue{Message: fmt.Sprintf("target is %.1f times the source's length: check for text added", r), Off: -1, Key: "long"})
	}
}

// inconsistent: one source translated two ways in the batch.
type inconsistent struct{}

func (inconsistent) ID() string                { return "inconsistent" }
func (inconsistent) Default() finding.Severity { return finding.Warning }
func (inconsistent) Help() string {
	return "The same source segment is translated two different ways in the batch (same target language). Use one translation, or make the difference deliberate."
}
func (inconsistent) Check(c *Context, report func(Issue)) {
	if c.Earlier == nil || !c.Translated() {
		return
	}
	if norm(c.Earlier.Target.Key()) == norm(c.Pair.Target.Key()) {
		return
	}
	report(Issue{Message: fmt.Sprintf("the same source is translated as %s at %s: use one translation",
		quote(c.Earlier.Target.Plain()), c.Earlier.At), Off: -1, Key: c.Earlier.Target.Key()})
}

// norm folds apostrophes and quotes for comparisons of translations.
func norm(s string) string {
	return strings.NewReplacer("’", "'", "\u00a0", " ", "\u202f", " ").Replace(s)
}

// stateCheck: segments below the state --require-state asks for.
type stateCheck struct{}

func (stateCheck) ID() string                { return "state" }
func (stateCheck) Default() finding.Severity { return finding.Error }
func (stateCheck) Help() string {
	return "A segment is not at the review state --require-state (or check.require-state) asks for: have it reviewed, and its state set in the XLIFF file. Runs only when a state is required, on inputs that carry states."
}
func (stateCheck) Check(c *Context, report func(Issue)) {
	want, ok := c.checker.requiredState()
	if !ok || !c.File.States || len(words(c.SourceText)) == 0 {
		return
	}
	if c.Pair.State < want {
		report(Issue{Message: fmt.Sprintf("segment is %s, %s is required: review it", c.Pair.State, want), Off: -1, Key: c.Pair.State.String()})
	}
}
