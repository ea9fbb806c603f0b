package qa

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/langid"
)

// Options configure a Checker.
type Options struct {
	// Termbase is the glossary the term checks enforce; nil turns them
	// into no-ops.
	Termbase *glossary.Termbase
	// Config sets severities; the zero value keeps every default.
	Config Config
	// RequireState, when RequireStateSet, is the least state a segment
	// must have (the state check).
	RequireState    document.State
	RequireStateSet bool
	// Checks replaces the built-in checks (tests); nil means Checks().
	Checks []Check
	// Jobs is how many files are checked at once; 0 means 1.
	Jobs int
}

// Checker runs the checks on batches of files.
type Checker struct {
	opts   Options
	checks []Check
	langid *langid.Identifier

	mu       sync.Mutex
	matchers map[string]*glossary.Matcher
}

// New returns a Checker for opts.
func New(opts Options) *Checker {
	c := &Checker{opts: opts, checks: opts.Checks, langid: langid.New(), matchers: map[string]*glossary.Matcher{}}
	if c.checks == nil {
		c.checks = Checks()
	}
	return c
}

// Checks returns the checks the checker runs.
func (c *Checker) Checks() []Check { return c.checks }

func (c *Checker) requiredState() (document.State, bool) {
	return c.opts.RequireState, c.opts.RequireStateSet
}

// matcher returns the glossary matcher of lang, built once.
func (c *Checker) matcher(lang language.Tag) *glossary.Matcher {
	if c.opts.Termbase == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.matchers[lang.String()]
	if !ok {
		m = glossary.NewMatcher(c.opts.Termbase, lang)
		c.matchers[lang.String()] = m
	}
	return m
}

// Report is the outcome of a run: the findings to show, sorted, and how
// many were set aside.
type Report struct {
	Findings   []finding.Finding
	Checks     []Check // the checks that ran, for writers that list rules
	Files      []string
	Pairs      int // pairs checked
	Suppressed int // findings suppressed by notes in the files
	Baselined  int // findings found in the baseline
}

// Count returns the number of findings at or above sev (Off: none).
func (r *Report) Count(sev finding.Severity) int {
	if sev == finding.Off {
		return 0
	}
	n := 0
	for _, f := range r.Findings {
		if f.Severity >= sev {
			n++
		}
	}
	return n
}

// Run checks files and returns the report. Files are reported in the
// order given; findings in each file by line, column and rule.
func (c *Checker) Run(files []*File) *Report {
	rep := &Report{Checks: c.checks}
	earlier := c.index(files)
	results := make([][]finding.Finding, len(files))
	suppressed := make([]int, len(files))
	var g errgroup.Group
	g.SetLimit(max(c.opts.Jobs, 1))
	for i, f := range files {
		rep.Files = append(rep.Files, f.Path)
		rep.Pairs += len(f.Pairs)
		g.Go(func() error {
			results[i], suppressed[i] = c.file(f, earlier)
			return nil
		})
	}
	_ = g.Wait()
	for i := range files {
		rep.Findings = append(rep.Findings, results[i]...)
		rep.Suppressed += suppressed[i]
	}
	SortFindings(rep.Findings, rep.Files)
	return rep
}

// Document checks one document's translations into lang, as `relais
// translate --fail-on` does: FromDocument then Run.
func (c *Checker) Document(doc *document.Document, lang language.Tag, tr map[string]document.Translation) *Report {
	return c.Run([]*File{FromDocument(doc, lang, tr)})
}

type earlierKey struct{ lang, key string }

type earlierRef struct {
	file *File
	pair *Pair
}

// index finds, for each (target language, source key), the first pair of
// the batch with a translation.
func (c *Checker) index(files []*File) map[earlierKey]earlierRef {
	out := map[earlierKey]earlierRef{}
	for _, f := range files {
		for i := range f.Pairs {
			p := &f.Pairs[i]
			if p.Target == nil || strings.TrimSpace(p.Target.Plain()) == "" {
				continue
			}
			k := earlierKey{f.Lang.String(), norm(p.Source.Key())}
			if k.key == "" {
				continue
			}
			if _, ok := out[k]; !ok {
				out[k] = earlierRef{f, p}
			}
		}
	}
	return out
}

// file runs every check on every pair of f.
func (c *Checker) file(f *File, earlier map[earlierKey]earlierRef) ([]finding.Finding, int) {
	var out []finding.Finding
	suppressed := 0
	src := c.matcher(f.SrcLang)
	tgt := c.matcher(f.Lang)
	type sev struct {
		check Check
		level finding.Severity
	}
	var active []sev
	for _, ch := range c.checks {
		if s := c.opts.Config.Severity(ch.ID(), f.Lang, ch.Default()); s != finding.Off {
			active = append(active, sev{ch, s})
		}
	}
	if f.Missing {
		if s := c.opts.Config.Severity("untranslated", f.Lang, finding.Error); s != finding.Off && c.has("untranslated") {
			out = append(out, finding.Finding{Rule: "untranslated", Severity: s, At: finding.Location{Path: f.Path}, Source: finding.Location{Path: f.Source},
				Message: fmt.Sprintf("no %s translation of %s: translate the document", f.Lang, f.Source), Lang: f.Lang.String(),
				Fingerprint: fingerprint("untranslated", f.Path, f.Lang.String(), "missing")})
		}
		return out, 0
	}
	texts := make([]string, len(f.Pairs))
	for i := range f.Pairs {
		texts[i] = f.Pairs[i].Source.Plain()
	}
	passages := &filePassages{texts: texts}
	for i := range f.Pairs {
		p := &f.Pairs[i]
		ctx := &Context{File: f, Pair: p, Lang: f.Lang, SourceText: texts[i], TargetText: p.Target.Plain(), checker: c,
			breaks: codeOffsets(p.Target), index: i, passages: passages}
		if src != nil && tgt != nil {
			for _, h := range src.Match(ctx.SourceText) {
				if !h.Nested {
					ctx.Hits = append(ctx.Hits, h)
				}
			}
			if ctx.Translated() {
				ctx.Verdicts = tgt.Verify(ctx.Hits, ctx.TargetText)
				ctx.TargetHits = tgt.MatchAll(ctx.TargetText)
			}
		}
		if e, ok := earlier[earlierKey{f.Lang.String(), norm(p.Source.Key())}]; ok && e.pair != p {
			ctx.Earlier, ctx.EarlierFile = e.pair, e.file
		}
		for _, a := range active {
			id := a.check.ID()
			a.check.Check(ctx, func(is Issue) {
				if ignored(p.Ignore, id) {
					suppressed++
					return
				}
				at := p.At
				switch {
				case is.Code != nil && p.CodePos != nil:
					at = p.CodePos(is.Code)
				case is.Off >= 0 && p.Pos != nil:
					at = p.Pos(is.Off)
				}
				key := is.Key
				if key == "" {
					key = is.Message
				}
				out = append(out, finding.Finding{
					Rule: id, Severity: a.level, Message: is.Message, At: at, Source: p.Src,
					Lang: f.Lang.String(), Segment: p.ID,
					Fingerprint: fingerprint(id, f.Path, f.Lang.String(), p.Source.Key(), p.Target.Key(), key),
				})
			})
		}
	}
	for _, a := range active {
		fc, ok := a.check.(FileCheck)
		if !ok {
			continue
		}
		id := a.check.ID()
		fc.CheckFile(f, func(is FileIssue) {
			key := is.Key
			if key == "" {
				key = is.Message
			}
			out = append(out, finding.Finding{
				Rule: id, Severity: a.level, Message: is.Message, At: is.At, Source: is.Src, Lang: f.Lang.String(),
				Fingerprint: fingerprint(id, f.Path, f.Lang.String(), key),
			})
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].At, out[j].At
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return out[i].Rule < out[j].Rule
	})
	return out, suppressed
}

// Severity returns the severity the checker gives findings of check id
// in target language lang: finding.Off when it does not run that check.
func (c *Checker) Severity(id string, lang language.Tag) finding.Severity {
	for _, ch := range c.checks {
		if ch.ID() == id {
			return c.opts.Config.Severity(id, lang, ch.Default())
		}
	}
	return finding.Off
}

// has reports whether the checker runs the check id.
func (c *Checker) has(id string) bool {
	for _, ch := range c.checks {
		if ch.ID() == id {
			return true
		}
	}
	return false
}

// ignored reports whether rule is in the suppression list.
func ignored(list []string, rule string) bool {
	for _, r := range list {
		if r == "*" || r == "all" || r == rule {
			return true
		}
	}
	return false
}

// ParseSuppression reads a note: "relais-ignore: RULE, RULE" (or
// "relais-ignore" alone, for every check) returns the rules and true; any
// other note returns false. Unknown rule names are returned as they are:
// the caller decides whether to warn.
func ParseSuppression(note string) ([]string, bool) {
	s := strings.TrimSpace(note)
	const prefix = "relais-ignore"
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return nil, false
	}
	rest := strings.TrimSpace(s[len(prefix):])
	if rest == "" {
		return []string{"*"}, true
	}
	if rest[0] != ':' {
		return nil, false
	}
	rest = rest[1:]
	if i := strings.IndexAny(rest, "—\n"); i >= 0 { // a reason may follow
		rest = rest[:i]
	}
	if i := strings.Index(rest, " -- "); i >= 0 {
		rest = rest[:i]
	}
	var rules []string
	for _, r := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		rules = append(rules, strings.ToLower(r))
	}
	if len(rules) == 0 {
		return []string{"*"}, true
	}
	return rules, true
}
