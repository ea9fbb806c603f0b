package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/charset"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/format"
	"github.com/relais-tm/relais/pkg/leverage"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/qa"
	"github.com/relais-tm/relais/pkg/report"
	"github.com/relais-tm/relais/pkg/xliff"
)

// fileWork is one file's outcome before anything is written.
type fileWork struct {
	result  FileResult
	report  report.File      // what the report shows of it, without the checks' findings
	record  sourceRecord     // what the manifest keeps of it
	outs    []output         // the drafts and XLIFF files, in the order of Pipeline.To
	staged  []*fsutil.Staged // outs staged (see stager); nil where kept
	kept    []string         // paths of the outputs a person edited, not staged
	checked []*qa.File       // what the checks read, one per language
	warns   []string         // for Pipeline.Warn, in order
}

// output is one file to write.
type output struct {
	rel string // slash path inside the output folder
	// merged is set on an XLIFF file made from the earlier one at its
	// place, segment by segment: a person's work in it is kept, so it is
	// written even though a person changed it.
	merged bool
	path   string // on disk, checked to lie inside it
	data   []byte // nil once staged
	hash   string // of data, for the manifest
}

// file translates one source into every target language and builds its
// drafts and XLIFF files, staged with st unless st is nil (an analysis),
// and what the report and the manifest keep of it. keys and repeated are
// its segments' keys and whether each came earlier in the batch; b is
// what the whole batch shares.
func (p *Pipeline) file(ctx context.Context, l *loader.Loaded, keys []string, repeated []bool, in Inputs, b shared) (fileWork, error) {
	w := fileWork{result: FileResult{Path: l.Rel, Source: l.Disk, Encoding: l.Encoding, Hash: l.Hash}}
	fr := &w.result
	segs := l.Doc.Segments()
	fr.Segments = len(segs)
	for _, s := range segs {
		n := s.Source.Words()
		fr.Words += n
		fr.Items = append(fr.Items, Item{ID: s.ID, Source: s.Source, Words: n})
	}
	codec, _ := p.Loader.Codecs().ForPath(l.Disk)
	paths, err := p.outputPaths(l.Rel, in)
	if err != nil {
		return w, err
	}
	for _, lang := range p.To {
		lr := LangResult{Lang: lang, Drafts: make([]Draft, len(segs))}
		var prev *earlier
		if !in.Analyze {
			xlf := paths[lang.String()+"/"+l.Rel+".xlf"]
			from := xlf
			if staged, ok := b.j.staged(l.Rel, l.Hash, in.Settings, lang.String()+"/"+l.Rel+".xlf"); ok {
				from = staged // what an unfinished batch made of it: resumed
			}
			prev, err = readEarlier(from)
			switch {
			case err != nil:
				w.warns = append(w.warns, fmt.Sprintf("%s: not updated from the earlier run, as it cannot be read as XLIFF: %v", xlf, err))
				prev = nil
			case prev != nil && prev.x.TrgLang.String() != lang.String():
				prev = nil // another language's file: not this run's
			case prev != nil:
				if err := p.learn(ctx, prev); err != nil {
					return w, fmt.Errorf("%s: learn its reviewed segments: %w", xlf, err)
				}
			}
		}
		translations, err := p.translate(ctx, l.Doc, keys, repeated, lang, &lr, in.Analyze, prev)
		if err != nil {
			return w, fmt.Errorf("%s: %w", l.Disk, err)
		}
		for i, s := range segs {
			t, ok := translations[s.ID]
			if ok {
				lr.Drafts[i].Translation = t
			}
			if !ok || t.Origin.Kind == document.FromNone {
				lr.Untranslated++
			}
		}
		if !in.Analyze {
			outs, warn, err := p.render(l, codec, lang, translations, candidates(segs, lr.Drafts), paths)
			if err != nil {
				return w, err
			}
			if warn != "" {
				w.warns = append(w.warns, warn)
			}
			lr.Draft, lr.XLIFF = outs[0].path, outs[1].path
			outs[1].merged = prev != nil
			w.outs = append(w.outs, outs...)
			if p.Checks != nil {
				w.checked = append(w.checked, qa.FromDocument(l.Doc, lang, translations))
			}
		}
		fr.Langs = append(fr.Langs, lr)
	}
	hashes := segmentHashes(keys)
	markChanges(fr, b.m, hashes)
	w.report = reportFile(fr, b.terms)
	for i, s := range segs {
		w.report.Segments[i].At = finding.At(l.Doc.Path, l.Doc.Position(s.Span.Start))
	}
	if in.Analyze {
		return w, nil
	}
	w.record = sourceRecord{Hash: fr.Hash, Settings: in.Settings, Segments: hashes}
	for i := range w.outs {
		w.outs[i].hash = fsutil.Hash(w.outs[i].data)
	}
	if ctx.Err() == nil {
		if w.staged, w.kept, err = b.st.stage(w.outs); err != nil {
			return w, err
		}
		if err := b.j.record(l.Rel, l.Hash, in.Settings, w.staged, w.outs); err != nil {
			return w, fmt.Errorf("%s: %w", JournalName, err)
		}
		for i := range w.outs {
			w.outs[i].data = nil // on disk now: the batch need not hold it
		}
	}
	return w, nil
}

// shared is what every file of a batch reads: the manifest of the output
// folder as the batch found it, where outputs are staged (nil for an
// analysis), and what marks terms in the report (nil without a termbase).
type shared struct {
	m     manifest
	st    *stager
	j     *journal // nil for an analysis
	terms *report.TermMarker
}

// outputPaths returns where a file's drafts and XLIFF files go, by slash
// path inside the output folder, each checked to lie inside it before any
// work is done; none for an analysis, which writes nothing.
func (p *Pipeline) outputPaths(rel string, in Inputs) (map[string]string, error) {
	paths := map[string]string{}
	if in.Analyze {
		return paths, nil
	}
	for _, lang := range p.To {
		draft := lang.String() + "/" + rel
		for _, r := range []string{draft, draft + ".xlf"} {
			var err error
			if paths[r], err = fsutil.SafeJoin(in.Out, r); err != nil {
				return nil, err
			}
		}
	}
	return paths, nil
}

// candidates returns the translation candidates of a document's segments
// for its XLIFF file, by segment ID: those of their drafts.
func candidates(segs []*document.Segment, drafts []Draft) map[string][]xliff.Match {
	out := map[string][]xliff.Match{}
	for i, s := range segs {
		if len(drafts[i].Candidates) > 0 {
			out[s.ID] = drafts[i].Candidates
		}
	}
	return out
}

// render merges one draft and writes its XLIFF file, in memory, for the
// places paths gives them (by slash path inside the output folder), with
// the translation candidates of cands (by segment ID); the draft takes
// the target of each translation that has an origin. warn is set when
// the draft could not keep the source's encoding.
func (p *Pipeline) render(l *loader.Loaded, codec format.Codec, lang language.Tag, translations map[string]document.Translation, cands map[string][]xliff.Match, paths map[string]string) (outs []output, warn string, err error) {
	targets := make(map[string]document.Content, len(translations))
	for id, t := range translations {
		if t.Origin.Kind != document.FromNone {
			targets[id] = t.Target
		}
	}
	var draft bytes.Buffer
	draft.Grow(len(l.Doc.Source) + len(l.Doc.Source)/4) // a draft is about as long as its source
	if err := codec.Merge(&draft, l.Doc, targets); err != nil {
		return nil, "", fmt.Errorf("%s: %s draft: %w", l.Disk, lang, err)
	}
	data, err := charset.Encode(draft.Bytes(), l.Encoding)
	if errors.Is(err, charset.ErrUnrepresentable) {
		data = draft.Bytes()
		warn = fmt.Sprintf("%s: the %s draft has characters %s cannot store: written as UTF-8", l.Disk, lang, l.Encoding)
	} else if err != nil {
		return nil, "", err
	}
	x := xliff.FromDocument(l.Doc, lang, translations)
	x.AddMatches(cands)
	xlf, err := xliff.Marshal(x)
	if err != nil {
		return nil, "", fmt.Errorf("%s: xliff: %w", l.Disk, err)
	}
	draftRel := lang.String() + "/" + l.Rel
	outs = []output{{rel: draftRel, data: data}, {rel: draftRel + ".xlf", data: xlf}}
	for i := range outs {
		outs[i].path = paths[outs[i].rel]
	}
	return outs, warn, nil
}

// translate returns the translations of doc's segments into lang: from the
// memory, when there is one, for the segments it covers, then from the
// engine. It counts what the memory gave in lr; keys and repeated are the
// segments' keys and whether each came earlier in the batch.
//
// Fuzzy matches whose sources differ by a few words are first repaired
// with the engine (repairSpans), so that their score is the repaired one.
//
// It fills lr.Drafts[i].Band for every segment and, with the match, the
// drafts the memory filled with a fuzzy score or only suggested; and the
// candidates each segment's XLIFF carries (Draft.Candidates): the earlier
// translation of an updated segment, the match only suggested, or what a
// kept segment carried. Matches are looked up down to
// leverage.LowestScore, for the bands; only those at FuzzyMin or more are
// suggested. A match that would fill the draft but
// does not keep the segment's inline codes is a finding, and the segment
// goes on to the engine. A fuzzy match whose number or term differs and
// could not be repaired (memory.Match.Unrepaired) is only suggested: the
// draft would not pass relais check. With analyze set, no engine is
// called.
func (p *Pipeline) translate(ctx context.Context, doc *document.Document, keys []string, repeated []bool, lang language.Tag, lr *LangResult, analyze bool, prev *earlier) (map[string]document.Translation, error) {
	out := map[string]document.Translation{}
	segs := doc.Segments()
	insert := p.FuzzyInsert
	if insert <= 0 {
		insert = 85
	}
	suggest := p.FuzzyMin
	if suggest <= 0 {
		suggest = memory.DefaultMin
	}
	matches := make([]*memory.Match, len(segs))
	srcs := make([]document.Content, len(segs))
	for i, s := range segs {
		srcs[i] = s.Source
	}
	kept := prev.keep(srcs, keys)
	fromEarlier := make([]bool, len(segs)) // the match is the earlier translation
	for i, s := range segs {
		lr.Drafts[i].Band = leverage.BandOf(0, repeated[i])
		if repeated[i] {
			lr.Memory.Repetitions++
		}
		if k := kept[i]; k != nil {
			out[s.ID] = document.Translation{Target: k.Target, State: k.State, Origin: k.Origin}
			lr.Reused++
			lr.Drafts[i].Earlier = "kept"
			lr.Drafts[i].Candidates = k.Matches // as a person may have left them
			continue
		}
		if keys[i] == "" {
			continue
		}
		// Matches down to leverage.LowestScore, for the bands; the earlier
		// translation is scored against the same query.
		q := memory.Query{Source: s.Source, Key: keys[i], SrcLang: p.Loader.From(), TgtLang: lang, Min: suggest, Floor: leverage.LowestScore, Limit: 1}
		q.Prev, q.Next = memory.Neighbours(keys, i)
		var m *memory.Match
		if p.Memory != nil {
			var err error
			if m, err = p.lookup(ctx, q); err != nil {
				return nil, err
			}
		}
		if pm, ok := prev.previousMatch(q); ok {
			lr.Updated++
			lr.Drafts[i].Earlier = "updated"
			lr.Drafts[i].Candidates = []xliff.Match{candidate(pm, "relais:previous")}
			if m == nil || memory.NewRanking(q).Better(*pm, *m) {
				m = pm // the earlier translation of this segment, its source since changed
				fromEarlier[i] = true
			}
		} else if prev != nil {
			lr.New++
			lr.Drafts[i].Earlier = "new"
		}
		matches[i] = m
	}
	lr.Removed = prev.removed(keys)
	var call *engineCall
	if p.MT != nil && !analyze {
		call = p.callEngine(ctx, doc, lang, matches, out, insert)
	}
	for i, s := range segs {
		m := matches[i]
		if m == nil {
			continue
		}
		lr.Drafts[i].Band = leverage.BandOf(m.Score, repeated[i])
		if m.Score >= insert {
			if err := document.CheckCodes(s.Source, m.Target).Err(); err != nil {
				lr.Findings = append(lr.Findings, finding.Finding{Rule: "memory-codes", Severity: finding.Warning,
					Lang: lang.String(), Segment: s.ID, At: finding.At(doc.Path, doc.Position(s.Span.Start)),
					Message: fmt.Sprintf("the memory's translation (%d %%) was not used: %v; the segment went to machine translation, if any; fix or delete the unit in the memory", m.Score, err)})
				continue
			}
		}
		t := document.Translation{Target: m.Target, State: document.Translated}
		switch {
		case m.Score >= 100:
			t.Origin = document.Origin{Kind: document.FromExact, Score: 100}
			if m.Level == memory.InContext {
				t.Origin = document.Origin{Kind: document.FromInContext, Score: 101}
			}
			if m.Unit.State == document.Reviewed || m.Unit.State == document.Final {
				t.State = m.Unit.State
			}
			count(&lr.Memory.InContext, &lr.Memory.Exact, m.Level == memory.InContext, repeated[i])
		case m.Score >= insert && !m.Unrepaired():
			t.Origin = document.Origin{Kind: document.FromFuzzy, Score: m.Score, Repaired: m.Repaired}
			lr.Drafts[i].Match = m
			if !repeated[i] {
				lr.Memory.Fuzzy++
			}
		case m.Score >= suggest:
			lr.Drafts[i].Match, lr.Drafts[i].Suggested = m, true
			lr.Suggestions = append(lr.Suggestions, Suggestion{Segment: s.ID, Score: m.Score, Source: m.Unit.Source, Target: m.Target, Diff: m.Diff})
			if !fromEarlier[i] && !offered(lr.Drafts[i].Candidates, m) {
				// Ranked above the earlier translation, if there is one.
				lr.Drafts[i].Candidates = append([]xliff.Match{candidate(m, "relais:memory")}, lr.Drafts[i].Candidates...)
			}
			if !repeated[i] {
				lr.Memory.Suggested++
			}
			continue
		default:
			continue
		}
		out[s.ID] = t
	}
	if call != nil {
		p.machine(ctx, doc, lang, out, lr, call)
	}
	return out, ctx.Err()
}

// candidate returns match m as a translation candidate from origin: the
// unit's own source and target (not the target made ready for the
// segment: a candidate's codes are its own), its score as similarity.
func candidate(m *memory.Match, origin string) xliff.Match {
	return xliff.Match{Origin: origin, Type: "tm", Similarity: min(m.Score, 100), Source: m.Unit.Source, Target: m.Unit.Target}
}

// offered reports whether one of cands has the source and target of m's
// unit: the memory's match is the earlier translation, learned into the
// memory by a review import or by this run.
func offered(cands []xliff.Match, m *memory.Match) bool {
	for _, c := range cands {
		if c.Source.Equal(m.Unit.Source) && c.Target.Equal(m.Unit.Target) {
			return true
		}
	}
	return false
}

// lookup returns the best memory match of q, at q.Min or more, or else the
// best one down to q.Floor, or nil.
func (p *Pipeline) lookup(ctx context.Context, q memory.Query) (*memory.Match, error) {
	ms, err := p.Memory.Lookup(ctx, q)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return &ms[0], nil
}

// machine adds to out the engine's translations of the segments call
// asked for that nothing else filled. Its findings (an engine that failed:
// a warning; the engine's notes, graded by the engine) point at the source
// segment.
func (p *Pipeline) machine(ctx context.Context, doc *document.Document, lang language.Tag, out map[string]document.Translation, lr *LangResult, call *engineCall) {
	todo, res, err := call.todo, call.res, call.err
	if len(todo) == 0 {
		return
	}
	switch {
	case errors.Is(err, mt.ErrUnsupportedPair):
		return
	case err != nil && ctx.Err() != nil:
		return // the batch is stopping: no finding to report
	case err != nil:
		lr.Findings = append(lr.Findings, finding.Finding{Rule: "mt-failed", Severity: finding.Warning, Lang: lang.String(),
			At:      finding.Location{Path: doc.Path},
			Message: fmt.Sprintf("machine translation failed, %d segment(s) left untranslated: %v", len(todo), err)})
		return
	}
	for i, r := range res {
		s := todo[i]
		if _, done := out[s.ID]; done {
			continue // filled by a match the engine repaired
		}
		at := finding.At(doc.Path, doc.Position(s.Span.Start))
		for _, n := range r.Notes {
			if n.Severity == finding.Off {
				n.Severity = finding.Warning // an engine that did not grade its note
			}
			n.Lang, n.Segment, n.At = lang.String(), s.ID, at
			lr.Findings = append(lr.Findings, n)
		}
		if r.Err != nil {
			lr.Findings = append(lr.Findings, finding.Finding{Rule: "mt-failed", Severity: finding.Warning, Lang: lang.String(), Segment: s.ID, At: at,
				Message: fmt.Sprintf("machine translation failed for this segment: %v", r.Err)})
			continue
		}
		// A word the engine left as it is may be right ("slogan" in
		// English) or a word of the source left in the draft: for the
		// reviewer to check.
		for _, w := range wordsLeft(s.Source.Plain(), r.Unknown) {
			lr.Findings = append(lr.Findings, finding.Finding{Rule: "unknown-word", Severity: finding.Info, Lang: lang.String(), Segment: s.ID, At: at,
				Message: fmt.Sprintf("the engine did not know “%s” and left it as it is: check it", w)})
		}
		target := r.Target
		if p.Typography != nil {
			target = p.Typography(s.Source, target, lang)
		}
		out[s.ID] = document.Translation{Target: target, State: document.Translated,
			Origin: document.Origin{Kind: document.FromMachine, Engine: r.Engine}}
		lr.Machine++
	}
}

// wordsLeft returns the words of unknown, those the engine did not know
// and copied as they were, that are words of the source left in the draft
// ("explorera", a French verb Apertium fr-es lacks): of four letters or
// more, all in lower case (a name or an acronym is rightly left as it is),
// and written in the source as a whole word.
func wordsLeft(source string, unknown []string) []string {
	var out []string
	for _, w := range unknown {
		if utf8.RuneCountInString(w) < 4 || slices.Contains(out, w) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
			continue
		}
		for i := strings.Index(source, w); i >= 0; {
			before, _ := utf8.DecodeLastRuneInString(source[:i])
			after, _ := utf8.DecodeRuneInString(source[i+len(w):])
			if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
				out = append(out, w)
				break
			}
			k := strings.Index(source[i+len(w):], w)
			if k < 0 {
				break
			}
			i += len(w) + k
		}
	}
	return out
}

// count adds one to a or b, unless the segment is a repetition.
func count(a, b *int, first, repeated bool) {
	switch {
	case repeated:
	case first:
		*a++
	default:
		*b++
	}
}
