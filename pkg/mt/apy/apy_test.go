package apy

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/apy/apytest"
	"github.com/relais-tm/relais/pkg/mt/mttest"
)

func TestNewRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "localhost:2737", "ftp://x", "http://"} {
		_, err := New(u, Options{})
		assert.ErrorContains(t, err, "is not an http(s) URL", u)
	}
}

func TestVersion(t *testing.T) {
	c, err := New("http://relais:secret@apy.example.org:2737/", Options{})
	require.NoError(t, err)
	v, err := c.Version(context.Background(), language.French, language.Spanish)
	require.NoError(t, err)
	assert.Equal(t, "http://apy.example.org:2737", v, "the address, without credentials")
}

func TestLangpair(t *testing.T) {
	assert.Equal(t, "fra|spa", langpair(language.French, language.Spanish))
	assert.Equal(t, "spa|eng", langpair(language.Spanish, language.English))
}

func TestRealServer(t *testing.T) {
	url := apytest.Server(t)
	c, err := New(url, Options{})
	require.NoError(t, err)
	pairs, err := c.Pairs(context.Background())
	require.NoError(t, err)
	var names []string
	for _, p := range pairs {
		names = append(names, p.String())
	}
	assert.Contains(t, names, "fr-es")
	assert.Contains(t, names, "es-en")
	assert.NotContains(t, names, "fr-en")

	t.Run("pair missing on the server", func(t *testing.T) {
		_, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Bonjour.")}})
		require.ErrorIs(t, err, mt.ErrUnsupportedPair)
		assert.Contains(t, err.Error(), "pair fr-en not installed on the server")
	})
	for _, pair := range [][2]language.Tag{{language.French, language.Spanish}, {language.Spanish, language.English}} {
		t.Run("conformance "+mt.Code(pair[0])+"-"+mt.Code(pair[1]), func(t *testing.T) {
			mttest.Run(t, mttest.Suite{
				New:         func(*testing.T) mt.Translator { return c },
				From:        pair[0],
				To:          pair[1],
				Unsupported: [2]language.Tag{language.German, language.Japanese},
			})
		})
	}
	t.Run("small batches", func(t *testing.T) {
		small, err := New(url, Options{BatchBytes: 100})
		require.NoError(t, err)
		mttest.Run(t, mttest.Suite{New: func(*testing.T) mt.Translator { return small }, From: language.French, To: language.Spanish})
	})
	t.Run("conformance pivot fr-es-en", func(t *testing.T) {
		r, err := mt.FindRoute(pairs, language.French, language.English, nil)
		require.NoError(t, err)
		assert.Equal(t, "fr-es-en", r.String())
		mttest.Run(t, mttest.Suite{New: func(*testing.T) mt.Translator { return mt.NewPivot(c, r) }, From: language.French, To: language.English})
	})
}

func TestRetriesOn5xx(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			http.Error(w, `{"status":"error","code":503,"message":"Service Unavailable"}`, 503)
			return
		}
		require.NoError(t, r.ParseForm())
		assert.Equal(t, "fra|spa", r.Form.Get("langpair"))
		assert.Equal(t, "html-alt", r.Form.Get("deformat"))
		assert.Equal(t, "no", r.Form.Get("markUnknown"))
		fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, strings.ReplaceAll(r.Form.Get("q"), "Bonjour", "Hola"))
	}))
	defer srv.Close()
	c, err := New(srv.URL, Options{Backoff: time.Millisecond})
	require.NoError(t, err)
	res, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{document.Text("Bonjour.")}})
	require.NoError(t, err)
	assert.Equal(t, "Hola.", res[0].Target.Plain())
	assert.Equal(t, "apy:fr-es", res[0].Engine)
	assert.EqualValues(t, 3, calls.Load(), "two 503 answers, then success")
}

func TestFailures(t *testing.T) {
	req := mt.Request{From: language.French, To: language.Spanish, Segments: []document.Content{document.Text("Bonjour.")}}
	t.Run("server down", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		c, err := New(url, Options{Backoff: time.Millisecond, Retries: 2})
		require.NoError(t, err)
		_, err = c.Translate(context.Background(), req)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "gave up after 3 attempts")
		assert.Contains(t, err.Error(), "connection refused")
	})
	t.Run("always 500", func(t *testing.T) {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			http.Error(w, "boom", 500)
		}))
		defer srv.Close()
		c, err := New(srv.URL, Options{Backoff: time.Millisecond, Retries: 2})
		require.NoError(t, err)
		_, err = c.Translate(context.Background(), req)
		assert.ErrorContains(t, err, "HTTP 500: boom")
		assert.EqualValues(t, 3, calls.Load())
	})
	t.Run("429 is retried when Retry-After says", func(t *testing.T) {
		// APy itself does not limit; a proxy in front of a shared one does
		// (RFC 6585 §4: 429 with Retry-After).
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) == 1 {
				w.Header().Set("Retry-After", "0")
				http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
				return
			}
			require.NoError(t, r.ParseForm())
			fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, strings.ReplaceAll(r.Form.Get("q"), "Bonjour", "Hola"))
		}))
		defer srv.Close()
		c, err := New(srv.URL, Options{Backoff: time.Millisecond})
		require.NoError(t, err)
		res, err := c.Translate(context.Background(), req)
		require.NoError(t, err)
		assert.Equal(t, "Hola.", res[0].Target.Plain())
		assert.EqualValues(t, 2, calls.Load())
	})
	t.Run("credentials stay out of errors", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "boom", 500)
		}))
		defer srv.Close()
		c, err := New(strings.Replace(srv.URL, "http://", "http://relais:s3cret@", 1), Options{Backoff: time.Millisecond, Retries: -1})
		require.NoError(t, err)
		_, err = c.Translate(context.Background(), req)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "s3cret")
		_, err = c.Pairs(context.Background())
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "s3cret")
	})
	t.Run("400 is not retried", func(t *testing.T) {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.WriteHeader(400)
			fmt.Fprint(w, `{"status":"error","code":400,"message":"Bad Request","explanation":"That pair is not installed"}`)
		}))
		defer srv.Close()
		c, err := New(srv.URL, Options{Backoff: time.Millisecond})
		require.NoError(t, err)
		_, err = c.Translate(context.Background(), req)
		assert.ErrorIs(t, err, mt.ErrUnsupportedPair)
		assert.EqualValues(t, 1, calls.Load())
	})
	t.Run("timeout", func(t *testing.T) {
		release := make(chan struct{}) // the server answers nothing until the test ends
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}))
		defer srv.Close()
		defer close(release)
		c, err := New(srv.URL, Options{Timeout: 50 * time.Millisecond, Backoff: time.Millisecond, Retries: 1})
		require.NoError(t, err)
		_, err = c.Translate(context.Background(), req)
		assert.ErrorIs(t, err, context.DeadlineExceeded, "a server that never answers is given up on by the timeout")
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c, err := New("http://127.0.0.1:1", Options{})
		require.NoError(t, err)
		_, err = c.Translate(ctx, req)
		assert.ErrorIs(t, err, context.Canceled)
	})
}
