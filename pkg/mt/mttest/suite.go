package mttest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
)

// Suite says how to run the conformance suite on one engine.
type Suite struct {
	// New returns the Translator under test; it is called once per subtest.
	New func(t *testing.T) mt.Translator
	// From and To are a pair the engine translates.
	From, To language.Tag
	// Unsupported is a pair the engine does not translate; the check is
	// left out when it is zero.
	Unsupported [2]language.Tag
}

// Code builders for the suite's segments.
func open(id, typ string) document.Run {
	return document.Run{Code: &document.Code{ID: id, Kind: document.Open, Type: typ, Data: "**"}}
}
func closing(id, typ string) document.Run {
	return document.Run{Code: &document.Code{ID: id, Kind: document.Close, Type: typ, Data: "**"}}
}
func alone(id string) document.Run {
	return document.Run{Code: &document.Code{ID: id, Kind: document.Standalone, Type: "code", Data: "`x`"}}
}
func text(s string) document.Run { return document.Run{Text: s} }

// Segments returns the suite's segments with codes: pairs, nested pairs,
// standalone codes, codes at both ends, a pair open at the end of one
// segment and closed in the next.
func Segments() []document.Content {
	return []document.Content{
		{text("Le "), open("1", "fmt:strong"), text("décret"), closing("1", "fmt:strong"), text(" du "), open("2", "link"), text("Conseil"), closing("2", "link"), text(" est publié "), alone("3"), text(".")},
		{open("4", "fmt:em"), text("Les villes "), open("5", "fmt:strong"), text("accueillent"), closing("5", "fmt:strong"), text(" les migrants"), closing("4", "fmt:em"), text(".")},
		{alone("6"), text(" La conférence mondiale aura lieu en novembre. "), alone("7")},
		{text("Elle commence ici "), open("8", "fmt:em"), text("et continue")},
		{text("dans la phrase suivante"), closing("8", "fmt:em"), text(" sans erreur.")},
	}
}

// Run runs the conformance suite.
func Run(t *testing.T, s Suite) {
	ctx := context.Background()
	req := func(segs ...document.Content) mt.Request {
		return mt.Request{From: s.From, To: s.To, Segments: segs}
	}
	translate := func(t *testing.T, segs ...document.Content) []mt.Result {
		t.Helper()
		res, err := s.New(t).Translate(ctx, req(segs...))
		require.NoError(t, err)
		require.Len(t, res, len(segs), "one result per segment")
		return res
	}

	t.Run("empty batch", func(t *testing.T) {
		res, err := s.New(t).Translate(ctx, req())
		require.NoError(t, err)
		assert.Empty(t, res)
	})

	t.Run("codes come back intact and in order", func(t *testing.T) {
		segs := Segments()
		for i, r := range translate(t, segs...) {
			require.NoError(t, r.Err, "segment %d: %s", i, segs[i].Key())
			assert.NoError(t, document.CheckCodes(segs[i], r.Target).Err(), "segment %d: %s → %s", i, segs[i].Key(), r.Target.Key())
			assert.NotEmpty(t, strings.TrimSpace(r.Target.Plain()), "segment %d has text", i)
			assert.NotEmpty(t, r.Engine, "the result names its engine")
			for _, c := range r.Target.Codes() {
				assert.Contains(t, segs[i].Codes(), c, "the target's codes are the source's own values")
			}
		}
	})

	t.Run("many segments in order", func(t *testing.T) {
		var segs []document.Content
		for i := 1; i <= 120; i++ {
			segs = append(segs, document.Text(fmt.Sprintf("Le point %d est adopté.", 1000+i)))
		}
		for i, r := range translate(t, segs...) {
			require.NoError(t, r.Err)
			assert.Contains(t, r.Target.Plain(), strconv.Itoa(1001+i), "result %d belongs to segment %d", i, i)
		}
	})

	t.Run("markup characters in text are text", func(t *testing.T) {
		segs := []document.Content{
			document.Text("R&D et <b> ne sont pas des balises, &amp; non plus."),
			document.Text("<s1/> <g1> <x1/> restent du texte."),
		}
		res := translate(t, segs...)
		require.NoError(t, res[0].Err)
		p := res[0].Target.Plain()
		assert.Contains(t, p, "&")
		assert.Contains(t, p, "<b>")
		assert.Contains(t, p, "&amp;", "a literal entity stays literal")
		assert.Empty(t, res[0].Target.Codes())
		require.NoError(t, res[1].Err)
		assert.Contains(t, res[1].Target.Plain(), "<s1/>")
		assert.Contains(t, res[1].Target.Plain(), "<x1/>")
	})

	t.Run("blanks around a segment are kept", func(t *testing.T) {
		segs := []document.Content{document.Text("  Bonjour.\n"), document.Text("Une ligne\net la suivante.")}
		res := translate(t, segs...)
		require.NoError(t, res[0].Err)
		assert.True(t, strings.HasPrefix(res[0].Target.Plain(), "  "), "leading blanks kept: %q", res[0].Target.Plain())
		assert.True(t, strings.HasSuffix(res[0].Target.Plain(), "\n"), "trailing blanks kept: %q", res[0].Target.Plain())
		require.NoError(t, res[1].Err)
	})

	t.Run("deterministic", func(t *testing.T) {
		a := translate(t, Segments()...)
		b := translate(t, Segments()...)
		for i := range a {
			assert.Equal(t, a[i].Target.Key(), b[i].Target.Key())
		}
	})

	t.Run("cancelled context", func(t *testing.T) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		_, err := s.New(t).Translate(c, req(document.Text("Bonjour.")))
		require.Error(t, err)
		assert.ErrorIs(t, err, context.Canceled)
	})

	t.Run("unsupported pair", func(t *testing.T) {
		if s.Unsupported[0] == (language.Tag{}) {
			t.Skip("no unsupported pair given")
		}
		_, err := s.New(t).Translate(ctx, mt.Request{From: s.Unsupported[0], To: s.Unsupported[1], Segments: []document.Content{document.Text("Bonjour.")}})
		require.Error(t, err)
		assert.ErrorIs(t, err, mt.ErrUnsupportedPair)
	})
}
