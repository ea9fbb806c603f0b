package apy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/mt"
)

// Name is the engine name written in routes: "apy:fr-es-en".
const Name = "apy"

// Options configure a Client. Zero fields take the defaults.
type Options struct {
	HTTP       *http.Client  // http.DefaultClient when nil
	Timeout    time.Duration // per request; 60 s when zero
	Retries    int           // retries after the first attempt on 5xx or connection errors; 3 when zero, none when negative
	Backoff    time.Duration // first wait between attempts, doubled each time; 200 ms when zero
	BatchBytes int           // most bytes of stream per request; 64 KiB when zero
}

// Client is an APy server. It is safe for concurrent use.
type Client struct {
	base string
	opts Options
}

// New returns a Client for the server at base ("http://localhost:2737").
func New(base string, opts Options) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("apy: --apy-url %q is not an http(s) URL (like http://localhost:2737)", base)
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
		opts.Backoff = 200 * time.Millisecond
	}
	if opts.BatchBytes == 0 {
		opts.BatchBytes = 64 << 10
	}
	return &Client{base: strings.TrimRight(base, "/"), opts: opts}, nil
}

// statusError is a non-2xx answer.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.code, e.msg) }

// Pairs returns the server's pairs (/listPairs).
func (c *Client) Pairs(ctx context.Context) ([]mt.Pair, error) {
	var body struct {
		ResponseData []struct {
			SourceLanguage string `json:"sourceLanguage"`
			TargetLanguage string `json:"targetLanguage"`
		} `json:"responseData"`
	}
	if err := c.do(ctx, http.MethodGet, "/listPairs", nil, &body); err != nil {
		return nil, fmt.Errorf("apy %s: list pairs: %w", c.base, err)
	}
	var pairs []mt.Pair
	for _, p := range body.ResponseData {
		if strings.Contains(p.SourceLanguage, "_") || strings.Contains(p.TargetLanguage, "_") {
			continue // a variant such as eng_US
		}
		from, err1 := language.ParseBase(p.SourceLanguage)
		to, err2 := language.ParseBase(p.TargetLanguage)
		if err1 != nil || err2 != nil {
			continue
		}
		pairs = append(pairs, mt.Pair{From: language.Make(from.String()), To: language.Make(to.String()), Mode: p.SourceLanguage + "|" + p.TargetLanguage})
	}
	return pairs, nil
}

// langpair writes a pair as APy names it: "fra|spa".
func langpair(from, to language.Tag) string {
	f, _ := from.Base()
	t, _ := to.Base()
	return f.ISO3() + "|" + t.ISO3()
}

// Translate implements mt.Translator.
func (c *Client) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("apy: %w", err)
	}
	res := make([]mt.Result, 0, len(req.Segments))
	engine := mt.EngineName(Name, mt.Route{req.From, req.To})
	for start := 0; start < len(req.Segments); {
		end, size := start, 0
		for end < len(req.Segments) {
			n := len(mt.EncodeBatch(req.Segments[end:end+1])) + 2
			if end > start && size+n > c.opts.BatchBytes {
				break
			}
			size += n
			end++
		}
		batch := req.Segments[start:end]
		out, err := c.translate(ctx, req.From, req.To, mt.EncodeBatch(batch))
		if err != nil {
			return nil, err
		}
		targets, errs, err := mt.DecodeBatch(out, batch)
		if err != nil {
			return nil, fmt.Errorf("apy %s: %w", c.base, err)
		}
		for i := range targets {
			res = append(res, mt.Result{Target: targets[i], Err: errs[i], Engine: engine})
		}
		start = end
	}
	return res, nil
}

func (c *Client) translate(ctx context.Context, from, to language.Tag, q string) (string, error) {
	form := url.Values{
		"langpair":    {langpair(from, to)},
		"q":           {q},
		"markUnknown": {"no"},
		"deformat":    {"html-alt"},
		"reformat":    {"html-noent"},
	}
	var body struct {
		ResponseData struct {
			TranslatedText string `json:"translatedText"`
		} `json:"responseData"`
	}
	err := c.do(ctx, http.MethodPost, "/translate", form, &body)
	var se *statusError
	if errors.As(err, &se) && se.code == http.StatusBadRequest && strings.Contains(se.msg, "not installed") {
		return "", &mt.PairError{From: from, To: to, Msg: fmt.Sprintf("apy %s: pair %s-%s not installed on the server (%s): install it there, choose another server with --apy-url, or --mt none",
			c.base, mt.Code(from), mt.Code(to), langpair(from, to))}
	}
	if err != nil {
		return "", fmt.Errorf("apy %s: translate %s: %w", c.base, langpair(from, to), err)
	}
	return body.ResponseData.TranslatedText, nil
}

// do sends one request, retrying on 5xx and connection errors, and
// decodes the JSON answer into v.
func (c *Client) do(ctx context.Context, method, path string, form url.Values, v any) error {
	wait := c.opts.Backoff
	var last error
	for attempt := 0; attempt <= c.opts.Retries; attempt++ {
		if attempt > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return fmt.Errorf("%w (after %v)", ctx.Err(), last)
			case <-t.C:
			}
			wait *= 2
		}
		retry, err := c.once(ctx, method, path, form, v)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		last = err
		if !retry {
			return err
		}
	}
	return fmt.Errorf("%w (gave up after %d attempts)", last, c.opts.Retries+1)
}

func (c *Client) once(ctx context.Context, method, path string, form url.Values, v any) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return false, err
	}
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.opts.HTTP.Do(r)
	if err != nil {
		return true, err // connection refused, reset, timeout
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return true, err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Message     string `json:"message"`
			Explanation string `json:"explanation"`
		}
		msg := strings.TrimSpace(string(data))
		if json.Unmarshal(data, &e) == nil && (e.Explanation != "" || e.Message != "") {
			msg = strings.TrimSpace(e.Message + ": " + e.Explanation)
		}
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		return resp.StatusCode >= 500, &statusError{code: resp.StatusCode, msg: msg}
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("bad JSON answer: %w", err)
	}
	return false, nil
}

// Version returns what the machine translation cache keys this server's
// drafts by (package mtcache): its address without credentials,
// "http://localhost:2737". APy tells nothing of its own version or of its
// language data (0.11: /stats gives uptime and use counts, /listPairs the
// pairs), so the drafts of a server whose pairs were upgraded are dropped
// by hand: relais memory clear-cache --engine apy.
func (c *Client) Version(context.Context, language.Tag, language.Tag) (string, error) {
	u, err := url.Parse(c.base)
	if err != nil {
		return "", err
	}
	u.User = nil
	return u.String(), nil
}
