package mt_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
)

var (
	fr = language.French
	en = language.English
	es = language.Spanish
	de = language.German
)

func TestFindRoute(t *testing.T) {
	apertium := []mt.Pair{{From: fr, To: es}, {From: es, To: fr}, {From: es, To: en}, {From: en, To: es}}
	cases := []struct {
		name     string
		pairs    []mt.Pair
		from, to language.Tag
		via      map[language.Tag]language.Tag
		want     string
		err      string
	}{
		{"direct", apertium, fr, es, nil, "fr-es", ""},
		{"pivot by configuration", apertium, fr, en, map[language.Tag]language.Tag{en: es}, "fr-es-en", ""},
		{"pivot found", apertium, fr, en, nil, "fr-es-en", ""},
		{"region ignored", apertium, language.MustParse("fr-FR"), language.MustParse("en-GB"), nil, "fr-es-en", ""},
		{"configured pivot missing a leg", apertium, fr, en, map[language.Tag]language.Tag{en: de}, "", "fr-en through de needs fr-de and de-en"},
		{"nothing", []mt.Pair{{From: fr, To: es}}, fr, en, nil, "", "no installed pair or pivot goes from fr to en"},
		{"no pairs", nil, fr, es, nil, "", "no installed pair"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := mt.FindRoute(tc.pairs, tc.from, tc.to, tc.via)
			if tc.err != "" {
				require.ErrorIs(t, err, mt.ErrUnsupportedPair)
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, r.String())
			assert.Equal(t, len(r) > 2, r.Pivoted())
		})
	}
}

func code(id string, k document.CodeKind) document.Run {
	return document.Run{Code: &document.Code{ID: id, Kind: k, Data: "**"}}
}

// TestCheckCodes holds the rule engines' output must pass
// (document.CheckCodes), in the cases machine translation meets.
func TestCheckCodes(t *testing.T) {
	o, c, x := code("1", document.Open), code("1", document.Close), code("2", document.Standalone)
	src := document.Content{{Text: "a "}, o, {Text: "b"}, c, {Text: " "}, x}
	cases := []struct {
		name   string
		target document.Content
		err    string
	}{
		{"same", document.Content{o, {Text: "B"}, c, x}, ""},
		{"moved", document.Content{x, {Text: "z "}, o, c}, ""},
		{"dropped", document.Content{o, c}, "drops code"},
		{"repeated", document.Content{o, c, x, x}, "repeats code"},
		{"foreign", document.Content{o, c, x, code("9", document.Standalone)}, "code the source does not"},
		{"closed before opened", document.Content{c, o, x}, "before it opens"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := document.CheckCodes(src, tc.target).Err()
			if tc.err == "" {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, tc.err)
			}
		})
	}
	half := document.Content{{Text: "fin "}, c}
	assert.NoError(t, document.CheckCodes(half, document.Content{c, {Text: " end"}}).Err(), "a close whose open is in another segment")
	o2, c2 := code("3", document.Open), code("3", document.Close)
	two := document.Content{o, {Text: "a"}, c, o2, {Text: "b"}, c2}
	assert.ErrorContains(t, document.CheckCodes(two, document.Content{o, o2, {Text: "A"}, c, {Text: "B"}, c2}).Err(), "pairs overlap",
		"an engine's reordering that makes pairs overlap is refused: the draft would lose the markup")
}

func TestBatchRoundTrip(t *testing.T) {
	segs := mttest.Segments()
	segs = append(segs, document.Text(" R&D <b> &amp; \n\n\n suite "), document.Content{})
	stream := mt.EncodeBatch(segs)
	assert.Equal(t, 6, strings.Count(stream, "\n\n"), "segments are separated by blank lines, none inside one")
	got, errs, err := mt.DecodeBatch(stream, segs)
	require.NoError(t, err)
	for i := range segs {
		require.NoError(t, errs[i])
		if i == 5 {
			assert.Equal(t, " R&D <b> &amp;\nsuite ", got[i].Plain(), "a blank line folds to a line break, blanks around the segment kept")
			continue
		}
		assert.True(t, segs[i].Equal(got[i]), "segment %d: %s ≠ %s", i, segs[i].Key(), got[i].Key())
	}
}

func TestDecodeBatchErrors(t *testing.T) {
	segs := []document.Content{document.Text("a"), {{Text: "b "}, code("1", document.Standalone)}}
	_, _, err := mt.DecodeBatch("<s0/>a", segs)
	assert.ErrorContains(t, err, "1 segment marker(s), want 2")
	_, _, err = mt.DecodeBatch("<s1/>a\n\n<s0/>b <x1/>", segs)
	assert.ErrorContains(t, err, "marker 1 where 0")
	_, _, err = mt.DecodeBatch("junk <s0/>a\n\n<s1/>b <x1/>", segs)
	assert.ErrorContains(t, err, "text before the first")
	got, errs, err := mt.DecodeBatch("<s0/>A\n\n<s1/>B", segs)
	require.NoError(t, err, "a lost code fails its segment only")
	assert.Equal(t, "A", got[0].Plain())
	assert.ErrorContains(t, errs[1], "drops code")
	assert.Nil(t, got[1])
	_, errs, _ = mt.DecodeBatch("<s0/>A\n\n<s1/>B <x1/><g7>", segs)
	assert.ErrorContains(t, errs[1], "code the source does not")
}

func TestFakeConformance(t *testing.T) {
	mttest.Run(t, mttest.Suite{
		New:         func(*testing.T) mt.Translator { return &mttest.Fake{Pairs: []mt.Pair{{From: fr, To: es}}} },
		From:        fr,
		To:          es,
		Unsupported: [2]language.Tag{fr, de},
	})
}

func TestPivot(t *testing.T) {
	f := &mttest.Fake{Name: "apertium", Pairs: []mt.Pair{{From: fr, To: es}, {From: es, To: en}},
		Dict: map[string]string{"ville": "ciudad", "ciudad": "city", "rouge": "rojo", "rojo": "red"}}
	p := mt.NewPivot(f, mt.Route{fr, es, en})
	segs := []document.Content{document.Text("ville rouge"), {{Text: "ville "}, code("1", document.Standalone)}}
	res, err := p.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: segs})
	require.NoError(t, err)
	assert.Equal(t, "city red", res[0].Target.Plain())
	assert.Equal(t, "apertium:fr-es-en", res[0].Engine)
	assert.Equal(t, segs[1].Codes(), res[1].Target.Codes(), "codes go through both legs")
	calls := f.Calls()
	require.Len(t, calls, 2, "one call per leg for the whole batch")
	assert.Equal(t, "fr-es", mt.Pair{From: calls[0].From, To: calls[0].To}.String())
	assert.Equal(t, "es-en", mt.Pair{From: calls[1].From, To: calls[1].To}.String())

	res, err = p.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: segs[:1]})
	require.NoError(t, err)
	assert.Equal(t, "apertium:fr-es", res[0].Engine, "a pair without a route goes direct")

	t.Run("a segment failing on the first leg skips the second", func(t *testing.T) {
		f := &mttest.Fake{Mangle: func(s string) string {
			if strings.Contains(s, "<x1/>") && !strings.Contains(s, "lost") {
				return strings.Replace(s, "<x1/>", "lost", 1)
			}
			return s
		}}
		res, err := mt.NewPivot(f, mt.Route{fr, es, en}).Translate(context.Background(), mt.Request{From: fr, To: en, Segments: segs})
		require.NoError(t, err)
		assert.NoError(t, res[0].Err)
		assert.ErrorContains(t, res[1].Err, "fr-es leg")
		assert.Len(t, f.Calls()[1].Segments, 1, "only the good segment goes on")
	})
	t.Run("an engine error names the leg", func(t *testing.T) {
		f := &mttest.Fake{Pairs: []mt.Pair{{From: fr, To: es}}}
		_, err := mt.NewPivot(f, mt.Route{fr, es, en}).Translate(context.Background(), mt.Request{From: fr, To: en, Segments: segs})
		assert.ErrorIs(t, err, mt.ErrUnsupportedPair)
		assert.ErrorContains(t, err, "es-en leg of fr-es-en")
	})
}

func TestCache(t *testing.T) {
	f := &mttest.Fake{Dict: map[string]string{"ville": "ciudad"}}
	c := mt.NewCache(f, 2)
	a := document.Content{{Text: "ville "}, code("1", document.Standalone)}
	req := mt.Request{From: fr, To: es, Segments: []document.Content{a}}
	r1, err := c.Translate(context.Background(), req)
	require.NoError(t, err)
	// Same text and code identity in another file: its own code values come back.
	b := document.Content{{Text: "ville "}, {Code: &document.Code{ID: "1", Kind: document.Standalone, Data: "`other`"}}}
	r2, err := c.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{b}})
	require.NoError(t, err)
	assert.Len(t, f.Calls(), 1, "the second batch came from the cache")
	assert.Equal(t, r1[0].Target.Plain(), r2[0].Target.Plain())
	assert.Same(t, b[1].Code, r2[0].Target.Codes()[0])
	_, err = c.Translate(context.Background(), mt.Request{From: fr, To: en, Segments: []document.Content{a}})
	require.NoError(t, err)
	assert.Len(t, f.Calls(), 2, "another pair is another batch")
	f.Err = errors.New("down")
	_, err = c.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("x")}})
	assert.Error(t, err)
	f.Err = nil
	_, err = c.Translate(context.Background(), mt.Request{From: fr, To: es, Segments: []document.Content{document.Text("x")}})
	assert.NoError(t, err, "failures are not cached")
}

// TestSourceCase: the engine's capital at a segment's start goes where the
// source starts in lower case, unless the word is a name or in capitals.
func TestSourceCase(t *testing.T) {
	for _, tc := range []struct{ src, target, want string }{
		{"la mairie ;", "The town hall;", "the town hall;"},
		{"les maires", "Mayors", "mayors"},
		{"la France accueille", "France hosts", "France hosts"},
		{"l'OIM publie", "IOM publishes", "IOM publishes"},
		{"à Genève", "In Geneva", "in Geneva"},
		{"Les maires", "The mayors", "The mayors"},
		{"3 maires", "3 Mayors", "3 Mayors"},
		{"a", "A", "A"},
		{"  voir le guide", "  See the guide", "  see the guide"},
	} {
		got := mt.SourceCase(document.Text(tc.src), document.Text(tc.target)).Plain()
		assert.Equal(t, tc.want, got, "%q", tc.src)
	}
}

// failEvery is a Translator that fails every segment whose text holds
// "fail" and translates the others by upper-casing them.
type failEvery struct{ name string }

func (f failEvery) Translate(_ context.Context, req mt.Request) ([]mt.Result, error) {
	out := make([]mt.Result, len(req.Segments))
	for i, s := range req.Segments {
		if strings.Contains(s.Plain(), "fail") {
			out[i] = mt.Result{Err: errors.New(f.name + " lost a placeholder")}
			continue
		}
		out[i] = mt.Result{Target: document.Text(strings.ToUpper(s.Plain())), Engine: f.name}
	}
	return out, nil
}

func TestFallback(t *testing.T) {
	segs := []document.Content{document.Text("bon"), document.Text("fail here"), document.Text("ok")}
	f := mt.NewFallback(failEvery{"first"}, mttestDict{})
	res, err := f.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: segs})
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.Equal(t, "first", res[0].Engine)
	assert.Equal(t, "second", res[1].Engine, "the failed segment went to the fallback engine")
	assert.Equal(t, "fail here!", res[1].Target.Plain())
	require.Len(t, res[1].Notes, 1)
	assert.Equal(t, "mt-fallback", res[1].Notes[0].Rule)
	assert.Contains(t, res[1].Notes[0].Message, "first lost a placeholder")

	both := mt.NewFallback(failEvery{"first"}, failEvery{"second"})
	res, err = both.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: segs})
	require.NoError(t, err)
	require.Error(t, res[1].Err, "a segment neither engine translated stays failed")
	assert.Contains(t, res[1].Err.Error(), "first lost a placeholder")
	assert.Contains(t, res[1].Err.Error(), "second lost a placeholder")
}

// mttestDict appends "!" to every segment.
type mttestDict struct{}

func (mttestDict) Translate(_ context.Context, req mt.Request) ([]mt.Result, error) {
	out := make([]mt.Result, len(req.Segments))
	for i, s := range req.Segments {
		out[i] = mt.Result{Target: document.Text(s.Plain() + "!"), Engine: "second"}
	}
	return out, nil
}
