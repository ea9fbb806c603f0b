package remote

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

	"github.com/relais-tm/relais/pkg/mt"
)

const key = "sk-test-0123456789"

func bearer(h http.Header, k string) { h.Set("Authorization", "Bearer "+k) }

func TestRetryAfterHonoured(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+key, r.Header.Get("Authorization"))
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"Too many requests"}`)
			return
		}
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer srv.Close()
	c, err := New("svc", srv.URL, key, bearer, Options{Backoff: time.Hour, MaxWait: 5 * time.Millisecond})
	require.NoError(t, err)
	var v struct{ OK bool }
	require.NoError(t, c.Do(context.Background(), Call{Method: http.MethodPost, Path: "/x", JSON: map[string]int{"a": 1}, Lang: "en", Characters: 7}, &v))
	assert.True(t, v.OK)
	assert.EqualValues(t, 2, calls.Load(), "retried after Retry-After (capped by MaxWait), not after the hour of backoff")
	assert.Equal(t, Usage{Requests: 2, Characters: 7}, c.Usage("en"), "both attempts counted, the characters once")
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	assert.Equal(t, 3*time.Second, retryAfter("3", now))
	assert.Equal(t, 90*time.Second, retryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now))
	assert.Zero(t, retryAfter("soon", now))
	assert.Zero(t, retryAfter("", now))
}

func TestJitterStaysInRange(t *testing.T) {
	c, err := New("svc", "http://127.0.0.1:1", "", nil, Options{})
	require.NoError(t, err)
	for range 200 {
		d := c.opts.Jitter(time.Second)
		assert.GreaterOrEqual(t, d, 500*time.Millisecond)
		assert.LessOrEqual(t, d, time.Second)
	}
}

func TestQuotaStopsAsking(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(456)
		fmt.Fprint(w, `{"message":"Quota exceeded"}`)
	}))
	defer srv.Close()
	c, err := New("svc", srv.URL, key, bearer, Options{Backoff: time.Millisecond, Quota: func(code int, _ string) bool { return code == 456 }})
	require.NoError(t, err)
	err = c.Do(context.Background(), Call{Method: http.MethodPost, Path: "/x"}, nil)
	require.ErrorIs(t, err, mt.ErrQuota)
	assert.Contains(t, err.Error(), "HTTP 456: Quota exceeded")
	err = c.Do(context.Background(), Call{Method: http.MethodPost, Path: "/x"}, nil)
	require.ErrorIs(t, err, mt.ErrQuota)
	assert.EqualValues(t, 1, calls.Load(), "no request after the quota is exhausted")
}

func TestKeyNeverInErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `{"error":{"message":"Incorrect API key provided: %s"}}`, key)
	}))
	defer srv.Close()
	c, err := New("svc", srv.URL, key, bearer, Options{})
	require.NoError(t, err)
	err = c.Do(context.Background(), Call{Method: http.MethodGet, Path: "/x"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), key)
	assert.Contains(t, err.Error(), "Incorrect API key provided: [key]")
}

// TestCredentialsInAddress: a server behind basic authentication is
// reached with the user and password of its address (mt.*.url), and they
// stay out of Base (errors, messages, the cache key) and out of errors.
func TestCredentialsInAddress(t *testing.T) {
	const user, pass = "relais", "s3cret-pass"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		assert.True(t, ok && u == user && p == pass, "basic authentication from the address: %q %q %v", u, p, ok)
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, `{"error":"upstream down"}`)
	}))
	defer srv.Close()
	addr := strings.Replace(srv.URL, "http://", "http://"+user+":"+pass+"@", 1) + "/"
	c, err := New("svc", addr, "", nil, Options{Retries: -1})
	require.NoError(t, err)
	assert.Equal(t, srv.URL, c.Base(), "no credentials and no trailing slash")
	err = c.Do(context.Background(), Call{Method: http.MethodGet, Path: "/x"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), pass)

	// A server that cannot be reached: the transport's error names the URL.
	down, err := New("svc", "http://"+user+":"+pass+"@127.0.0.1:1", "", nil, Options{Retries: -1})
	require.NoError(t, err)
	err = down.Do(context.Background(), Call{Method: http.MethodGet, Path: "/x"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), pass)
}

func TestNotRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "bad", http.StatusBadRequest)
	}))
	defer srv.Close()
	c, err := New("svc", srv.URL, "", nil, Options{Backoff: time.Millisecond})
	require.NoError(t, err)
	require.Error(t, c.Do(context.Background(), Call{Method: http.MethodGet, Path: "/x"}, nil))
	assert.EqualValues(t, 1, calls.Load(), "a 400 is the request's fault: not retried")
}

func TestNewRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "localhost:5000", "ftp://x", "http://"} {
		_, err := New("svc", u, "", nil, Options{})
		assert.ErrorContains(t, err, "is not an http(s) URL", u)
	}
}

// FuzzMessage: whatever a service answers, the message relais keeps of it
// does not hold the key.
func FuzzMessage(f *testing.F) {
	f.Add([]byte(`{"message":"Authorization failure, check auth_key ` + key + `"}`))
	f.Add([]byte(`{"error":{"message":"Incorrect API key provided: ` + key + `"}}`))
	f.Add([]byte(`{"error":"Invalid API key ` + key + `"}`))
	f.Add([]byte(strings.Repeat("x", 299) + key))
	c, err := New("svc", "http://127.0.0.1:1", key, bearer, Options{})
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, body []byte) {
		msg := c.message(body)
		assert.NotContains(t, msg, key)
		if !strings.Contains(strings.ReplaceAll(string(body), key, ""), key[:8]) {
			assert.NotContains(t, msg, key[:8], "not even the start of the key, cut by the shortening")
		}
	})
}
