package termguard_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shipped "github.com/relais-tm/relais/glossary"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format"
	"github.com/relais-tm/relais/pkg/format/markdown"
	"github.com/relais-tm/relais/pkg/format/plaintext"
	"github.com/relais-tm/relais/pkg/glossary"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/segment"
	"github.com/relais-tm/relais/pkg/termguard"
	"github.com/relais-tm/relais/pkg/typography"
)

var (
	fr = language.French
	en = language.English
	es = language.Spanish
)

func termbase(t testing.TB) *glossary.Termbase {
	t.Helper()
	tb, err := glossary.LoadFS(shipped.FS, "glossary")
	require.NoError(t, err)
	return tb
}

// stack builds what the pipeline builds: the termbase guard around a
// pivot through Spanish around a cache around the engine.
func stack(t testing.TB, engine mt.Translator, pairs []mt.Pair, tb *glossary.Termbase) mt.Translator {
	t.Helper()
	var routes []mt.Route
	for _, to := range []language.Tag{en, es} {
		r, err := mt.FindRoute(pairs, fr, to, map[language.Tag]language.Tag{en: es})
		require.NoError(t, err)
		routes = append(routes, r)
	}
	return termguard.New(mt.NewPivot(mt.NewCache(engine, 4), routes...), tb, termguard.Options{Fixed: typography.DateSpans})
}

// translated is one file's draft in one language.
type translated struct {
	doc     *document.Document
	draft   string
	results []mt.Result
	targets map[string]document.Content
}

// load reads and segments an article as the pipeline does.
func load(t testing.TB, path string) (*document.Document, format.Codec) {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	var codec format.Codec = plaintext.New()
	if strings.HasSuffix(path, ".md") {
		codec = markdown.New()
	}
	doc, err := codec.Extract(filepath.Base(path), src)
	require.NoError(t, err)
	rules, err := segment.New(fr)
	require.NoError(t, err)
	rules.Document(doc)
	return doc, codec
}

// request asks for the sources of segs in lang.
func request(segs []*document.Segment, lang language.Tag) mt.Request {
	req := mt.Request{From: fr, To: lang}
	for _, s := range segs {
		req.Segments = append(req.Segments, s.Source)
	}
	return req
}

// translate translates every segment of the article at path into lang
// with tr, applies the target's typography, and merges the draft.
func translate(t testing.TB, tr mt.Translator, path string, lang language.Tag) translated {
	t.Helper()
	doc, codec := load(t, path)
	segs := doc.Segments()
	res, err := tr.Translate(context.Background(), request(segs, lang))
	require.NoError(t, err)
	require.Len(t, res, len(segs))
	targets := map[string]document.Content{}
	for i, r := range res {
		require.NoError(t, r.Err, "%s: segment %s: %q", path, segs[i].ID, segs[i].Source.Plain())
		targets[segs[i].ID] = typography.Apply(r.Target, lang, typography.Options{})
	}
	var b bytes.Buffer
	require.NoError(t, codec.Merge(&b, doc, targets))
	return translated{doc: doc, draft: b.String(), results: res, targets: targets}
}
