package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/relais-tm/relais/pkg/mt"
)

// Options configure a Client. Zero fields take the defaults.
type Options struct {
	HTTP    *http.Client  // http.DefaultClient when nil
	Timeout time.Duration // per request; 60 s when zero
	Retries int           // retries after the first attempt; 3 when zero, none when negative
	Backoff time.Duration // first wait between attempts, doubled each time; 500 ms when zero
	MaxWait time.Duration // longest wait between two attempts, Retry-After included; 60 s when zero
	// Jitter returns the wait actually taken for a backoff of d; nil takes
	// a random duration between d/2 and d, so that runners that failed
	// together do not retry together.
	Jitter func(d time.Duration) time.Duration
	// Quota reports whether a status means the account's quota is
	// exhausted (DeepL's 456): the request is not retried, and no later
	// request is sent. Nil: no status does.
	Quota func(status int, message string) bool
}

// Auth puts the key into a request: a header for DeepL and OpenAI.
type Auth func(h http.Header, key string)

// Client sends requests to one service. It is safe for concurrent use.
type Client struct {
	name  string
	base  string // where requests go, credentials in it included
	shown string // base without credentials: what errors and cache keys say
	key   string
	auth  Auth
	opts  Options

	mu    sync.Mutex
	quota error
	usage map[string]*Usage
}

// Usage is what the batch asked of the service for one target language.
type Usage struct {
	Requests   int // HTTP requests made, retries included
	Characters int // characters of text sent in requests that succeeded (what the services bill)
}

// New returns a Client for the service called name (in errors) at base
// ("https://api.deepl.com"), sending key through auth (nil: the engine puts
// it in the body itself, or there is none).
func New(name, base, key string, auth Auth, opts Options) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s: %q is not an http(s) URL (like https://host or http://localhost:5000)", name, base)
	}
	if opts.HTTP == nil {
		opts.HTTP = http.DefaultClient
	}
	if opts.Timeout == 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.Retries == 0 {
		opts.Retries = 3
	}
	if opts.Retries < 0 {
		opts.Retries = 0
	}
	if opts.Backoff == 0 {
		opts.Backoff = 500 * time.Millisecond
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = time.Minute
	}
	if opts.Jitter == nil {
		opts.Jitter = func(d time.Duration) time.Duration {
			if d <= 1 {
				return d
			}
			return d/2 + rand.N(d/2+1)
		}
	}
	shown := *u
	shown.User = nil // a user and password in the address are a key too
	return &Client{name: name, base: strings.TrimRight(base, "/"), shown: strings.TrimRight(shown.String(), "/"),
		key: key, auth: auth, opts: opts, usage: map[string]*Usage{}}, nil
}

// Base returns the service's address, as New was given it without a
// trailing slash and without the user and password it may hold (requests
// still send them): errors, messages and cache keys use it.
func (c *Client) Base() string { return c.shown }

// Key returns the key, for an engine that sends it in the body.
func (c *Client) Key() string { return c.key }

// Call is one request.
type Call struct {
	Method, Path string
	JSON         any        // the body, encoded as JSON, when set
	Form         url.Values // the body, form-encoded, when set
	Lang         string     // the target language the request counts for ("en"); "" counts nothing
	Characters   int        // characters of text the request sends, counted when it succeeds
}

// StatusError is an answer that is not a 2xx.
type StatusError struct {
	Code       int
	Message    string        // the service's message, without the key
	RetryAfter time.Duration // from Retry-After, when the answer has one
}

// Error returns "HTTP 429: message".
func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Code, e.Message) }

// Usage returns what the batch asked of the service for the target
// language of code lang ("en").
func (c *Client) Usage(lang string) Usage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if u, ok := c.usage[lang]; ok {
		return *u
	}
	return Usage{}
}

// Exhausted returns the error of the request that exhausted the quota,
// or nil.
func (c *Client) Exhausted() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.quota
}

func (c *Client) count(lang string, requests, chars int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if lang == "" {
		return
	}
	u := c.usage[lang]
	if u == nil {
		u = &Usage{}
		c.usage[lang] = u
	}
	u.Requests += requests
	u.Characters += chars
}

// Do sends call, retrying what may succeed later, and decodes the JSON
// answer into v (nil: the answer is read and dropped). Once the quota is
// exhausted it fails at once with an error wrapping mt.ErrQuota.
func (c *Client) Do(ctx context.Context, call Call, v any) error {
	var body []byte
	ctype := ""
	switch {
	case call.JSON != nil:
		b, err := json.Marshal(call.JSON)
		if err != nil {
			return fmt.Errorf("%s: encode request: %w", c.name, err)
		}
		body, ctype = b, "application/json"
	case call.Form != nil:
		body, ctype = []byte(call.Form.Encode()), "application/x-www-form-urlencoded"
	}
	wait := c.opts.Backoff
	var last error
	for attempt := 0; attempt <= c.opts.Retries; attempt++ {
		if err := c.Exhausted(); err != nil {
			return err
		}
		if attempt > 0 {
			d := c.opts.Jitter(wait)
			var se *StatusError
			if errors.As(last, &se) && se.RetryAfter > 0 {
				d = se.RetryAfter // the service said when
			}
			d = min(d, c.opts.MaxWait)
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return fmt.Errorf("%s: %w (after %v)", c.name, ctx.Err(), last)
			case <-t.C:
			}
			wait *= 2
		}
		retry, err := c.once(ctx, call, body, ctype, v)
		if err == nil {
			c.count(call.Lang, 0, call.Characters)
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", c.name, ctx.Err())
		}
		var se *StatusError
		if errors.As(err, &se) && c.opts.Quota != nil && c.opts.Quota(se.Code, se.Message) {
			qerr := fmt.Errorf("%w: %w", mt.ErrQuota, err)
			c.mu.Lock()
			if c.quota == nil {
				c.quota = qerr
			}
			c.mu.Unlock()
			return qerr
		}
		last = err
		if !retry {
			return err
		}
	}
	return fmt.Errorf("%w (gave up after %d attempts)", last, c.opts.Retries+1)
}

func (c *Client) once(ctx context.Context, call Call, body []byte, ctype string, v any) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequestWithContext(ctx, call.Method, c.base+call.Path, rd)
	if err != nil {
		return false, err
	}
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	r.Header.Set("User-Agent", "relais")
	if c.auth != nil && c.key != "" {
		c.auth(r.Header, c.key)
	}
	c.count(call.Lang, 1, 0)
	resp, err := c.opts.HTTP.Do(r)
	if err != nil {
		return true, c.hide(err) // connection refused, reset, timeout
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return true, c.hide(err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		se := &StatusError{Code: resp.StatusCode, Message: c.message(data), RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
		return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500, se
	}
	if v == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("bad JSON answer: %w", err)
	}
	return false, nil
}

// message returns what the service says in an error body: its "message"
// (DeepL; with APy's "explanation" after it), "error" (LibreTranslate) or
// "error.message" (OpenAI) field, or the body itself, shortened, with the
// key taken out.
func (c *Client) message(data []byte) string {
	var e struct {
		Message     string          `json:"message"`
		Detail      string          `json:"detail"`
		Explanation string          `json:"explanation"` // APy: {"message": "Bad Request", "explanation": "That pair is not installed"}
		Error       json.RawMessage `json:"error"`
	}
	msg := strings.TrimSpace(string(data))
	if json.Unmarshal(data, &e) == nil {
		var nested struct {
			Message string `json:"message"`
		}
		var plain string
		switch {
		case e.Message != "":
			msg = e.Message
			for _, more := range []string{e.Detail, e.Explanation} {
				if more != "" {
					msg += ": " + more
				}
			}
		case json.Unmarshal(e.Error, &plain) == nil && plain != "":
			msg = plain
		case json.Unmarshal(e.Error, &nested) == nil && nested.Message != "":
			msg = nested.Message
		}
	}
	msg = c.redact(msg) // before shortening, which could cut the key in two
	if len(msg) > 300 {
		msg = strings.ToValidUTF8(msg[:300], "") + "…"
	}
	if msg == "" {
		msg = "(no message)"
	}
	return msg
}

// redact takes the key out of s.
func (c *Client) redact(s string) string {
	if c.key == "" {
		return s
	}
	return strings.ReplaceAll(s, c.key, "[key]")
}

// hide returns err with the key taken out of its message.
func (c *Client) hide(err error) error {
	if c.key == "" || !strings.Contains(err.Error(), c.key) {
		return err
	}
	return errors.New(c.redact(err.Error()))
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
