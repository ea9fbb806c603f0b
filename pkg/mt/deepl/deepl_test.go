package deepl

// The cases follow DeepL's documentation of the API v2, which the contract
// server of deepltest implements (its package comment cites each page):
// the Authorization: DeepL-Auth-Key header and the free endpoint for keys
// ending in ":fx" (https://developers.deepl.com/api-reference/translate),
// at most 50 texts and 128 KiB per request
// (https://developers.deepl.com/docs/translate/translating-large-volumes),
// tag_handling=xml (https://developers.deepl.com/docs/translate/translating-xml),
// v2 glossaries (https://developers.deepl.com/api-reference/glossaries),
// and the statuses 403, 429, 456 and 5xx
// (https://developers.deepl.com/docs/best-practices/error-handling).

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/deepl/deepltest"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

const key = "0c7a1f4e-5b2d-4e8f-9a61-3d2c1b0a9f8e:fx"

var dict = map[string]string{"Le": "The", "le": "the", "décret": "decree", "est": "is", "publié": "published", "point": "item", "adopté": "adopted", "Bonjour": "Hello"}

func fast() remote.Options {
	return remote.Options{Backoff: time.Millisecond, MaxWait: 5 * time.Millisecond, Retries: 2}
}

func client(t *testing.T, srv *deepltest.Server, opts Options) *Client {
	t.Helper()
	opts.URL = srv.URL
	opts.Remote = fast()
	c, err := New(key, opts)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Dict: dict})
	mttest.Run(t, mttest.Suite{
		New:         func(t *testing.T) mt.Translator { return client(t, srv, Options{}) },
		From:        language.French,
		To:          language.English,
		Unsupported: [2]language.Tag{language.Make("br"), language.Make("cy")},
	})
}

func TestEndpointByKey(t *testing.T) {
	assert.Equal(t, FreeURL, Endpoint("abc:fx"))
	assert.Equal(t, ProURL, Endpoint("abc"))
	_, err := New("", Options{})
	assert.ErrorContains(t, err, "RELAIS_DEEPL_KEY")
}

func TestRequestShape(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Dict: dict})
	c := client(t, srv, Options{Formality: "more"})
	res, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: mttest.Segments()[:1]})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "deepl:fr-en", res[0].Engine)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "EN-GB", reqs[0].TargetLang, "British English by default")
	assert.Equal(t, "FR", reqs[0].SourceLang)
	assert.Equal(t, "xml", reqs[0].TagHandling)
	assert.Equal(t, "prefer_more", reqs[0].Formality, "English has no formality: asked as a preference, which DeepL accepts")
	assert.Equal(t, "Le <g1>décret</g1> du <g2>Conseil</g2> est publié <x3/>.", reqs[0].Text[0])

	us := client(t, srv, Options{English: "en-us", Formality: "less"})
	_, err = us.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{document.Text("Bonjour.")}})
	require.NoError(t, err)
	_, err = us.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Bonjour.")}})
	require.NoError(t, err)
	reqs = srv.Requests()
	assert.Equal(t, "ES", reqs[1].TargetLang)
	assert.Equal(t, "less", reqs[1].Formality, "Spanish has formality")
	assert.Equal(t, "EN-US", reqs[2].TargetLang)
}

func TestBatchingLimits(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Dict: dict})
	c := client(t, srv, Options{})
	var segs []document.Content
	for i := range 120 {
		segs = append(segs, document.Text(fmt.Sprintf("Le point %d est adopté.", i)))
	}
	long := strings.Repeat("Le décret est publié. ", 1500) // about 33 KB each
	for range 6 {
		segs = append(segs, document.Text(long))
	}
	res, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: segs})
	require.NoError(t, err)
	for i, r := range res {
		require.NoError(t, r.Err, "segment %d", i)
	}
	n, texts := srv.Translates()
	assert.Equal(t, []int{50, 50, 23, 3}, texts, "50 texts at most, and no more than 128 KiB of body per request")
	assert.Equal(t, 4, n)
	assert.Equal(t, 4, c.Usage("en").Requests)
}

func entries(from, to language.Tag) []Entry {
	return []Entry{{"décret", "ordinance"}, {"Conseil", "Council"}}
}

func TestGlossaryCreatedOnceAndReused(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Dict: dict})
	req := mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Le décret est publié.")}}
	run := func(rev string) string {
		c := client(t, srv, Options{Glossary: entries, Revision: rev})
		for range 3 {
			res, err := c.Translate(context.Background(), req)
			require.NoError(t, err)
			require.NoError(t, res[0].Err)
			assert.Equal(t, "The ordinance is published.", res[0].Target.Plain(), "the glossary's entry wins over the engine's word")
		}
		return srv.Requests()[len(srv.Requests())-1].GlossaryID
	}
	first := run("rev1")
	held, created, deleted := srv.Glossaries()
	assert.Equal(t, 1, created, "one glossary for the pair")
	require.Len(t, held, 1)
	assert.Equal(t, "relais fr-en rev1", held[0].Name)
	assert.Equal(t, map[string]string{"décret": "ordinance", "Conseil": "Council"}, held[0].Entries)

	assert.Equal(t, first, run("rev1"), "a second run reuses the glossary by id")
	_, created, _ = srv.Glossaries()
	assert.Equal(t, 1, created, "not created again")

	assert.NotEqual(t, first, run("rev2"))
	held, created, deleted = srv.Glossaries()
	assert.Equal(t, 2, created, "a new termbase revision makes a new glossary")
	assert.Equal(t, 1, deleted, "and deletes the stale one")
	require.Len(t, held, 1)
	assert.Equal(t, "relais fr-en rev2", held[0].Name)
}

func TestTSV(t *testing.T) {
	assert.Equal(t, "Conseil\tCouncil\ndécret\tordinance", TSV([]Entry{{"décret", "ordinance"}, {" Conseil ", "Council"}, {"décret", "decree"}, {"x", ""}, {"a\tb", "c"}}[:4]))
	assert.Equal(t, "a b\tc", TSV([]Entry{{"a\tb", "c"}}), "a tab in a term is a blank")
}

func TestErrors(t *testing.T) {
	req := mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Bonjour.")}}
	t.Run("403 wrong key", func(t *testing.T) {
		srv := deepltest.Start(t, deepltest.Options{Key: "other:fx", Free: true})
		_, err := client(t, srv, Options{}).Translate(context.Background(), req)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "the key was refused (HTTP 403")
		assert.NotContains(t, err.Error(), key)
	})
	t.Run("403 free key at the pro endpoint", func(t *testing.T) {
		srv := deepltest.Start(t, deepltest.Options{Key: key, Free: false})
		_, err := client(t, srv, Options{}).Translate(context.Background(), req)
		assert.ErrorContains(t, err, "Wrong endpoint. Use https://api-free.deepl.com")
	})
	t.Run("429 honours Retry-After, then succeeds", func(t *testing.T) {
		srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Dict: dict, TooMany: 2, RetryAfter: "0"})
		res, err := client(t, srv, Options{}).Translate(context.Background(), req)
		require.NoError(t, err)
		assert.Equal(t, "Hello.", res[0].Target.Plain())
	})
	t.Run("429 every time", func(t *testing.T) {
		srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, TooMany: 100})
		_, err := client(t, srv, Options{}).Translate(context.Background(), req)
		assert.ErrorContains(t, err, "too many requests (HTTP 429")
		assert.ErrorContains(t, err, "gave up after 3 attempts")
	})
	t.Run("456 quota", func(t *testing.T) {
		srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Dict: dict, Quota: 10})
		c := client(t, srv, Options{})
		_, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Bonjour à tous.")}})
		require.ErrorIs(t, err, mt.ErrQuota)
		assert.Contains(t, err.Error(), "character quota is used up (engine quota exhausted: HTTP 456: Quota exceeded)")
		before := len(srv.Requests())
		_, err = c.Translate(context.Background(), req)
		require.ErrorIs(t, err, mt.ErrQuota)
		assert.Equal(t, before, len(srv.Requests()), "no request after the quota is used up")
	})
	t.Run("5xx retried, then an error", func(t *testing.T) {
		srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true, Fail: 100})
		_, err := client(t, srv, Options{}).Translate(context.Background(), req)
		assert.ErrorContains(t, err, "the service failed (HTTP 503: Service temporarily unavailable")
		srv = deepltest.Start(t, deepltest.Options{Key: key, Free: true, Fail: 1, Dict: dict})
		_, err = client(t, srv, Options{}).Translate(context.Background(), req)
		assert.NoError(t, err, "one 503 is retried")
	})
}

func TestBadOptions(t *testing.T) {
	_, err := New(key, Options{Formality: "polite"})
	assert.ErrorContains(t, err, "formality")
	_, err = New(key, Options{English: "EN-AU"})
	assert.ErrorContains(t, err, "EN-GB or EN-US")
}

// TestContractServerParsesXML: the contract server refuses what DeepL
// refuses with tag_handling=xml, so that the client's tags are known to be
// well-formed XML for every segment of the suite.
func TestContractServerParsesXML(t *testing.T) {
	srv := deepltest.Start(t, deepltest.Options{Key: key, Free: true})
	send := func(text string) (int, string) {
		body := fmt.Sprintf(`{"text":[%q],"target_lang":"EN-GB","source_lang":"FR","tag_handling":"xml"}`, text)
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/v2/translate", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "DeepL-Auth-Key "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	code, msg := send("Elle commence <g1>ici")
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, msg, "Tag handling parsing failed, please check input.")
	for _, seg := range mttest.Segments() {
		code, msg := send(mt.EncodeMarkup(seg))
		assert.Equal(t, http.StatusOK, code, "%s: %s", mt.EncodeMarkup(seg), msg)
	}
}
