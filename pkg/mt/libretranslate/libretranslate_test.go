package libretranslate

// The cases follow LibreTranslate's API documentation
// (https://docs.libretranslate.com/guides/api_usage): /translate takes
// {q, source, target, format, api_key} as JSON, format "html" keeps the
// markup, q may be an array of texts; /languages lists each source with
// its targets; a wrong key is 403 {"error": "Invalid API key"}.

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/libretranslate/libretranslatetest"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

var dict = map[string]string{"Le": "The", "décret": "decree", "est": "is", "publié": "published", "Bonjour": "Hello"}

func client(t *testing.T, url string, opts Options) *Client {
	t.Helper()
	opts.Remote = remote.Options{Backoff: time.Millisecond, Retries: 1}
	c, err := New(url, opts)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	srv := libretranslatetest.Start(t, libretranslatetest.Options{Key: "lt-key-123", Dict: dict, BatchLimit: 25})
	mttest.Run(t, mttest.Suite{
		New:         func(t *testing.T) mt.Translator { return client(t, srv.URL, Options{Key: "lt-key-123"}) },
		From:        language.French,
		To:          language.English,
		Unsupported: [2]language.Tag{language.German, language.Japanese},
	})
}

func TestRequestShape(t *testing.T) {
	srv := libretranslatetest.Start(t, libretranslatetest.Options{Dict: dict})
	c := client(t, srv.URL, Options{Batch: 2})
	segs := append(mttest.Segments()[:1], document.Text("Bonjour."), document.Text("Le décret."))
	res, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: segs})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "libretranslate:fr-en", res[0].Engine)
	assert.Equal(t, "Hello.", res[1].Target.Plain())
	reqs := srv.Requests()
	require.Len(t, reqs, 2, "batches of 2 texts")
	assert.Equal(t, "html", reqs[0].Format)
	assert.Equal(t, []string{"Le <g1>décret</g1> du <g2>Conseil</g2> est publié <x3/>.", "Bonjour."}, reqs[0].Q)
	assert.Empty(t, reqs[0].Key, "no key sent when none is set")
	assert.Equal(t, 2, c.Usage("en").Requests)
}

func TestErrors(t *testing.T) {
	req := mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Bonjour.")}}
	t.Run("wrong key", func(t *testing.T) {
		srv := libretranslatetest.Start(t, libretranslatetest.Options{Key: "right"})
		_, err := client(t, srv.URL, Options{Key: "wrong-secret"}).Translate(context.Background(), req)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "the key was refused (HTTP 403: Invalid API key)")
		assert.NotContains(t, err.Error(), "wrong-secret")
	})
	t.Run("batch limit", func(t *testing.T) {
		srv := libretranslatetest.Start(t, libretranslatetest.Options{BatchLimit: 1})
		_, err := client(t, srv.URL, Options{}).Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("a"), document.Text("b")}})
		assert.ErrorContains(t, err, "lower mt.libretranslate.batch")
	})
	t.Run("pair missing", func(t *testing.T) {
		srv := libretranslatetest.Start(t, libretranslatetest.Options{Languages: map[string][]string{"fr": {"es"}}})
		_, err := client(t, srv.URL, Options{}).Translate(context.Background(), req)
		require.ErrorIs(t, err, mt.ErrUnsupportedPair)
		assert.Contains(t, err.Error(), "does not translate fr into en")
	})
}
