package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/fsutil"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/xliff"
)

// Applied is what ApplyReviews did to one draft.
type Applied struct {
	Draft, XLIFF string // the files rewritten
	Segments     int    // the reviewed segments put in
}

// ApplyReviews puts the segments of rs into the drafts and XLIFF files of
// the batch written under out, through the same merge as the batch: for
// each draft the reviewed files hold segments of (gathered over all of
// them: reviewsByDraft), it reads the source again (found
// among sources as translate finds its sources: the paths given to it),
// takes the translations of its XLIFF file under out, replaces those of
// the reviewed segments, and writes the draft and the XLIFF file again.
// The manifest of out then records them as relais's own, so that the next
// batch updates them as it updates its own files.
//
// A reviewed segment goes in as the memory's in-context translation
// (score 101) at its reviewed state: relais review import has just stored
// it in the memory with the context it stands in, which is what the next
// batch finds for it.
//
// Every document is checked before anything is written: its source must
// be the one the batch translated (the manifest's hash), its draft and
// XLIFF file what relais wrote (not edited since), and each reviewed
// segment must be a segment of the source with the same text. Any of these
// failing is an error naming the file, and nothing is written.
func (p *Pipeline) ApplyReviews(rs Reviews, out string, sources []string) ([]Applied, error) {
	m, err := readManifest(out)
	if err != nil {
		return nil, err
	}
	if len(m.Files) == 0 {
		return nil, fmt.Errorf("%s: no batch written there (no %s): give the --out of relais translate", out, ManifestName)
	}
	srcs, err := p.Loader.Collect(sources)
	if err != nil {
		return nil, err
	}
	byRel := map[string]loader.Source{}
	for _, s := range srcs {
		byRel[s.Rel] = s
	}
	order := p.reviewsByDraft(rs)
	type job struct {
		outs []output
		n    int
	}
	var jobs []job
	for _, dr := range order {
		src, ok := byRel[dr.original]
		if !ok {
			return nil, fmt.Errorf("%s: the source %s is not among %v: give the paths relais translate was given (--source)", dr.path, dr.original, sources)
		}
		l, err := p.Loader.Load(src, p.Loader.From())
		if err != nil {
			return nil, err
		}
		if rec, ok := m.Sources[l.Rel]; !ok || rec.Hash != l.Hash {
			return nil, fmt.Errorf("%s: changed since the batch under %s translated it (or not translated there): run relais translate first", src.Disk, out)
		}
		rel := dr.lang.String() + "/" + l.Rel
		draftPath, err := fsutil.SafeJoin(out, rel)
		if err != nil {
			return nil, err
		}
		xlfPath := draftPath + ".xlf"
		var data []byte
		for _, f := range []struct{ rel, path string }{{rel, draftPath}, {rel + ".xlf", xlfPath}} {
			data, err = os.ReadFile(f.path)
			if err != nil {
				return nil, fsutil.PathErr(f.path, err)
			}
			if m.Files[f.rel] != fsutil.Hash(data) {
				return nil, fmt.Errorf("%s: changed since relais wrote it: apply the review by hand, or move the file away and run relais translate again", f.path)
			}
		}
		// data holds the XLIFF file, read last.
		x, err := xliff.Read(xlfPath, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		translations := x.Translations()
		cands := map[string][]xliff.Match{}
		for _, u := range x.Units {
			for _, pt := range u.Parts {
				if len(pt.Matches) > 0 {
					cands[pt.ID] = pt.Matches
				}
			}
		}
		segs := map[string]*document.Segment{}
		for _, s := range l.Doc.Segments() {
			segs[s.ID] = s
		}
		for i, r := range dr.segs {
			s, ok := segs[r.ID]
			if !ok || s.Source.Key() != r.Source.Key() {
				return nil, fmt.Errorf("%s: segment %s of %s is not in the source as reviewed: export the review again from the page of this batch", dr.from[i], r.ID, dr.original)
			}
			if err := document.CheckCodes(s.Source, r.Target).Err(); err != nil {
				return nil, fmt.Errorf("%s: segment %s of %s: %w: put the codes back in the review page", dr.from[i], r.ID, dr.original, err)
			}
			translations[r.ID] = document.Translation{Target: r.Target, State: r.State, Origin: document.Origin{Kind: document.FromInContext, Score: 101}}
			delete(cands, r.ID)
		}
		codec, _ := p.Loader.Codecs().ForPath(l.Disk)
		outs, warn, err := p.render(l, codec, dr.lang, translations, cands, map[string]string{rel: draftPath, rel + ".xlf": xlfPath})
		if err != nil {
			return nil, err
		}
		if warn != "" {
			p.warn(warn)
		}
		jobs = append(jobs, job{outs: outs, n: len(dr.segs)})
	}
	var applied []Applied
	for _, j := range jobs {
		for _, o := range j.outs {
			if err := fsutil.WriteFileAtomic(o.path, o.data, 0o644); err != nil {
				return applied, errors.Join(fmt.Errorf("write %s: %w", o.path, err), saveManifest(out, m))
			}
			m.Files[o.rel] = fsutil.Hash(o.data)
		}
		applied = append(applied, Applied{Draft: j.outs[0].path, XLIFF: j.outs[1].path, Segments: j.n})
	}
	if err := saveManifest(out, m); err != nil {
		return applied, err
	}
	return applied, nil
}

// draftReview is the reviewed segments of one draft, gathered over the
// reviewed files of an import.
type draftReview struct {
	lang     language.Tag
	original string         // the source's path inside the batch
	path     string         // the first reviewed file that holds the article, for errors
	segs     []xliff.Part   // the reviewed segments, each once
	from     []string       // the reviewed file each of segs comes from
	at       map[string]int // a segment's place in segs, by id
}

// reviewsByDraft gathers the reviewed segments of rs by draft (target
// language and source), in the order the files name them: two exports of
// the same article (two reviewers, or a morning's and an afternoon's) go
// into the draft together, not one over the other. A segment reviewed in
// two files takes the later file's text, with a warning where they differ
// (the memory keeps both).
func (p *Pipeline) reviewsByDraft(rs Reviews) []*draftReview {
	var order []*draftReview
	byDraft := map[string]*draftReview{}
	for _, rf := range rs {
		for _, rd := range rf.Docs {
			if len(rd.Segments) == 0 {
				continue
			}
			k := rf.Lang.String() + "/" + rd.Original
			dr := byDraft[k]
			if dr == nil {
				dr = &draftReview{lang: rf.Lang, original: rd.Original, path: rf.Path, at: map[string]int{}}
				byDraft[k] = dr
				order = append(order, dr)
			}
			for _, r := range rd.Segments {
				i, ok := dr.at[r.ID]
				if !ok {
					dr.at[r.ID] = len(dr.segs)
					dr.segs = append(dr.segs, r)
					dr.from = append(dr.from, rf.Path)
					continue
				}
				if dr.segs[i].Target.Key() != r.Target.Key() || dr.segs[i].State != r.State {
					p.warn(fmt.Sprintf("%s: segment %s of %s (%s) is also reviewed in %s: the draft takes this file's text, the later one given; the memory keeps both",
						rf.Path, r.ID, rd.Original, rf.Lang, dr.from[i]))
				}
				dr.segs[i], dr.from[i] = r, rf.Path
			}
		}
	}
	return order
}
