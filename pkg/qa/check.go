package qa

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/langid"
)

// Check is one rule run on every pair.
//
// How to write a check:
//  1. ID is short, lower case, with hyphens; it names the check in
//     relais.yaml, in XLIFF suppression notes and in every output, so it
//     never changes once released.
//  2. Check looks at one pair through the Context (its texts, glossary hits
//     and the earlier translations of the batch, computed once for all
//     checks) and calls report for each problem, with a message that says
//     what is wrong and what to do, in lower case, without a final period.
//  3. A check is quiet when the translation is right: a false positive on a
//     correct translation is a bug (the pair set of testdata/check holds
//     correct translations that must give no finding).
//  4. Check must not keep state between calls: the Checker calls it from
//     several goroutines.
type Check interface {
	ID() string
	// Default is the severity when the configuration says nothing.
	Default() finding.Severity
	// Help says what the check finds and how to fix it (SARIF rule help,
	// `relais check --list`).
	Help() string
	Check(c *Context, report func(Issue))
}

// FileCheck is a Check that also looks at a file as a whole, once per
// file, after its pairs: the markup check compares the skeletons of a
// source document and its translation (File.Documents). Like Check,
// CheckFile keeps no state between calls and is called from several
// goroutines.
type FileCheck interface {
	Check
	CheckFile(f *File, report func(FileIssue))
}

// FileIssue is what a FileCheck reports: a message, where in the target
// (At) and, when known, in the source (Src) the problem is, and a Key that
// names it for baselines independently of its line.
type FileIssue struct {
	Message string
	At, Src finding.Location
	Key     string
}

// Issue is what a check reports: a message, and where in the target's
// plain text the problem is (Off < 0: the segment as a whole).
type Issue struct {
	Message string
	Off     int
	// Code, when set, is the target code the problem is in: the finding
	// points at it (Pair.CodePos) rather than at Off.
	Code *document.Code
	// Key distinguishes two issues of the same check in the same pair for
	// baselines (the term or number at fault); it defaults to Message.
	Key string
}

// Context is what a check sees of one pair. Its fields are computed once
// per pair and must not be modified.
type Context struct {
	File *File
	Pair *Pair
	Lang language.Tag // the target language
	// SourceText and TargetText are the plain texts (without codes).
	SourceText, TargetText string
	// Hits are the glossary terms of the source (nil without a termbase).
	Hits []glossary.Hit
	// Verdicts say how the target renders each enforced source hit.
	Verdicts []glossary.Verdict
	// TargetHits are the glossary terms of the target, nested ones too.
	TargetHits []glossary.Hit
	// Earlier is the first translation in the batch (same target
	// language) of the same source text, when it is not this pair.
	Earlier *Pair
	// EarlierFile is the file of Earlier.
	EarlierFile *File
	index       int           // of Pair in File.Pairs
	passages    *filePassages // the file's, shared by its pairs' contexts

	checker *Checker
	breaks  []int // offsets in TargetText where the target had a code
	// inSource caches InSourceLanguage: 0 unknown, 1 yes, 2 no.
	inSource int
}

// codeBetween reports whether the target had a code at an offset of
// TargetText in [a, b]: text on both sides of a code is not contiguous.
func (c *Context) codeBetween(a, b int) bool {
	for _, o := range c.breaks {
		if a <= o && o <= b {
			return true
		}
	}
	return false
}

// codeOffsets returns the offsets in cs.Plain() where codes sit.
func codeOffsets(cs document.Content) []int {
	var out []int
	off := 0
	for _, r := range cs {
		if r.Code != nil {
			out = append(out, off)
			continue
		}
		off += len(r.Text)
	}
	return out
}

// filePassages are the languages of a file's source segments
// (langid.Identifier.Passages), told on the first need: only a segment
// left as it is asks.
type filePassages struct {
	texts []string // the pairs' source texts, in order
	langs []string // nil until told
}

// Passage returns the language the source segment is written in when it
// is not the file's source language, as langid.Identifier.Passages tells
// it from the file's segments in order ("en" for the English passage of a
// French page), else "".
func (c *Context) Passage() string {
	fp := c.passages
	if fp == nil {
		return "" // a context not made by a Checker
	}
	if fp.langs == nil {
		fp.langs = c.checker.langid.Passages(fp.texts, base(c.File.SrcLang))
	}
	return fp.langs[c.index]
}

// Identify returns the language of text as the checker's identifier sees it.
func (c *Context) Identify(text string) langid.Result { return c.checker.langid.Identify(text) }

// Translated reports whether the pair has a non-empty target.
func (c *Context) Translated() bool {
	return c.Pair.Target != nil && strings.TrimSpace(c.TargetText) != ""
}

// Unchanged reports whether the target is the source left as it is:
// the same words (ignoring case, blanks, punctuation and codes), among which
// at least one is not a number, a name (a capitalised word, an acronym, or
// a technical name: document.TechnicalNames) or a glossary term written
// the same in both languages.
func (c *Context) Unchanged() bool {
	if !c.Translated() {
		return false
	}
	sw, tw := words(c.SourceText), words(c.TargetText)
	if len(sw) != len(tw) {
		return false
	}
	for i := range sw {
		if !strings.EqualFold(sw[i].text, tw[i].text) {
			return false
		}
	}
	same := append(c.sameTermSpans(), document.TechnicalNames(c.SourceText)...)
	for _, w := range sw {
		if w.inside(same) {
			continue
		}
		r := []rune(w.text)
		if unicode.IsDigit(r[0]) || unicode.IsUpper(r[0]) {
			continue
		}
		return true
	}
	return false
}

// InSourceLanguage reports whether the target as a whole is still in the
// source language (the source-language check reports it): checks of terms,
// numbers, typography and length say nothing useful about such a target.
func (c *Context) InSourceLanguage() bool {
	if c.inSource == 0 {
		c.inSource = 2
		src, tgt := base(c.File.SrcLang), base(c.Lang)
		if src != tgt && c.Translated() {
			r := c.Identify(maskURLs(c.TargetText))
			if r.Words >= minLangWords && r.Lang == src && r.Scores[src]-r.Scores[tgt] >= minLangMargin {
				c.inSource = 1
			}
		}
	}
	return c.inSource == 1
}

// sameTermSpans returns the spans of the source hits whose concept is
// written the same way in the target language.
func (c *Context) sameTermSpans() []document.Span {
	var out []document.Span
	for _, h := range c.Hits {
		for _, t := range h.Concept.Terms(c.Lang) {
			if !t.Status.Forbidden() && strings.EqualFold(t.Text, h.Text[h.Lead:]) {
				out = append(out, h.Span)
				break
			}
		}
	}
	return out
}

// word is a word of a text and where it is.
type word struct {
	text       string
	start, end int
	code       *document.Code // the code the word was found in, if any
}

func (w word) inside(spans []document.Span) bool {
	for _, s := range spans {
		if s.Start <= w.start && w.end <= s.End {
			return true
		}
	}
	return false
}

// words splits s into words of letters and digits (apostrophes and
// hyphens inside a word kept).
func words(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		joiner := (r == '\'' || r == '’' || r == '-') && start >= 0
		if in || joiner {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, trimWord(s, start, i))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, trimWord(s, start, len(s)))
	}
	return out
}

func trimWord(s string, start, end int) word {
	for end > start && strings.ContainsAny(s[end-1:end], "'-") {
		end--
	}
	if strings.HasSuffix(s[start:end], "’") {
		end -= len("’")
	}
	return word{text: s[start:end], start: start, end: end}
}

// Checks returns the built-in checks, in the order they are documented. The
// slice is new on every call.
func Checks() []Check {
	return []Check{
		untranslated{}, sourceLanguage{}, termMissing{}, termForbidden{}, grammar{}, number{}, codes{},
		markup{}, urlEmail{}, punctuation{}, doubleSpace{}, repeatedWord{}, length{}, inconsistent{}, stateCheck{},
	}
}

// CheckIDs returns the IDs of the built-in checks, sorted.
func CheckIDs() []string {
	var ids []string
	for _, c := range Checks() {
		ids = append(ids, c.ID())
	}
	sort.Strings(ids)
	return ids
}
