package apy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

// Name is the engine name written in routes: "apy:fr-es-en".
const Name = "apy"

// Options configure a Client. Zero fields take the defaults.
type Options struct {
	HTTP       *http.Client  // http.DefaultClient when nil
	Timeout    time.Duration // per request; 60 s when zero
	Retries    int           // retries after the first attempt on 429, 5xx or connection errors; 3 when zero, none when negative
	Backoff    time.Duration // first wait between attempts, doubled each time; 200 ms when zero
	BatchBytes int           // most bytes of stream per request; 64 KiB when zero
}

// Client is an APy server. It is safe for concurrent use.
type Client struct {
	http       *remote.Client
	batchBytes int
}

// New returns a Client for the server at base ("http://localhost:2737").
// Requests go through package remote: timeouts, retries with backoff
// (Retry-After honoured, as a server behind a rate-limiting proxy sends
// it), and an address whose user and password stay out of messages.
func New(base string, opts Options) (*Client, error) {
	if opts.Backoff == 0 {
		opts.Backoff = 200 * time.Millisecond
	}
	if opts.BatchBytes == 0 {
		opts.BatchBytes = 64 << 10
	}
	h, err := remote.New("apy", base, "", nil, remote.Options{HTTP: opts.HTTP, Timeout: opts.Timeout, Retries: opts.Retries, Backoff: opts.Backoff})
	if err != nil {
		return nil, fmt.Errorf("%w: check --apy-url", err)
	}
	return &Client{http: h, batchBytes: opts.BatchBytes}, nil
}

// Pairs returns the server's pairs (/listPairs).
func (c *Client) Pairs(ctx context.Context) ([]mt.Pair, error) {
	var body struct {
		ResponseData []struct {
			SourceLanguage string `json:"sourceLanguage"`
			TargetLanguage string `json:"targetLanguage"`
		} `json:"responseData"`
	}
	if err := c.http.Do(ctx, remote.Call{Method: http.MethodGet, Path: "/listPairs"}, &body); err != nil {
		return nil, fmt.Errorf("apy %s: list pairs: %w", c.http.Base(), err)
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
			if end > start && size+n > c.batchBytes {
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
			return nil, fmt.Errorf("apy %s: %w", c.http.Base(), err)
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
	err := c.http.Do(ctx, remote.Call{Method: http.MethodPost, Path: "/translate", Form: form}, &body)
	var se *remote.StatusError
	if errors.As(err, &se) && se.Code == http.StatusBadRequest && strings.Contains(se.Message, "not installed") {
		return "", &mt.PairError{From: from, To: to, Msg: fmt.Sprintf("apy %s: pair %s-%s not installed on the server (%s): install it there, choose another server with --apy-url, or --mt none",
			c.http.Base(), mt.Code(from), mt.Code(to), langpair(from, to))}
	}
	if err != nil {
		return "", fmt.Errorf("apy %s: translate %s: %w", c.http.Base(), langpair(from, to), err)
	}
	return body.ResponseData.TranslatedText, nil
}

// Version returns what the machine translation cache keys this server's
// drafts by (package mtcache): its address without credentials,
// "http://localhost:2737". APy tells nothing of its own version or of its
// language data (0.11: /stats gives uptime and use counts, /listPairs the
// pairs), so the drafts of a server whose pairs were upgraded are dropped
// by hand: relais memory clear-cache --engine apy.
func (c *Client) Version(context.Context, language.Tag, language.Tag) (string, error) {
	return c.http.Base(), nil
}
