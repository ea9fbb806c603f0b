package libretranslate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

// Name is the engine name written in routes: "libretranslate:fr-en".
const Name = "libretranslate"

// Options configure a Client. Zero fields take the defaults.
type Options struct {
	Remote remote.Options
	Key    string // the API key; "" for a server that asks none
	Batch  int    // most texts per request; 25 when zero (a server's --batch-limit may ask fewer)
}

// Client is a LibreTranslate server. It is safe for concurrent use.
type Client struct {
	http *remote.Client
	opts Options

	mu        sync.Mutex
	languages map[string]map[string]bool // source → targets
}

// New returns a Client for the server at base ("http://localhost:5000").
func New(base string, opts Options) (*Client, error) {
	if opts.Batch <= 0 {
		opts.Batch = 25
	}
	c, err := remote.New("libretranslate", base, opts.Key, nil, opts.Remote)
	if err != nil {
		return nil, fmt.Errorf("%w: set mt.libretranslate.url", err)
	}
	return &Client{http: c, opts: opts}, nil
}

// Usage returns the requests made and characters sent into the language
// of code lang.
func (c *Client) Usage(lang string) remote.Usage { return c.http.Usage(lang) }

func (c *Client) langs(ctx context.Context) (map[string]map[string]bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.languages != nil {
		return c.languages, nil
	}
	var list []struct {
		Code    string   `json:"code"`
		Targets []string `json:"targets"`
	}
	if err := c.http.Do(ctx, remote.Call{Method: http.MethodGet, Path: "/languages"}, &list); err != nil {
		return nil, c.explain("list languages", err)
	}
	out := map[string]map[string]bool{}
	for _, l := range list {
		out[l.Code] = map[string]bool{}
		for _, t := range l.Targets {
			out[l.Code][t] = true
		}
	}
	c.languages = out
	return out, nil
}

// Pairs returns the server's pairs (/languages).
func (c *Client) Pairs(ctx context.Context) ([]mt.Pair, error) {
	langs, err := c.langs(ctx)
	if err != nil {
		return nil, err
	}
	var pairs []mt.Pair
	for from, targets := range langs {
		for to := range targets {
			if from != to {
				pairs = append(pairs, mt.Pair{From: language.Make(from), To: language.Make(to), Mode: from + "|" + to})
			}
		}
	}
	return pairs, nil
}

// Translate implements mt.Translator.
func (c *Client) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	if len(req.Segments) == 0 {
		return []mt.Result{}, nil
	}
	langs, err := c.langs(ctx)
	if err != nil {
		return nil, err
	}
	from, to := mt.Code(req.From), mt.Code(req.To)
	if !langs[from][to] {
		return nil, &mt.PairError{From: req.From, To: req.To, Msg: fmt.Sprintf("libretranslate %s: the server does not translate %s into %s (/languages): install that model there, or choose another engine with --mt", c.http.Base(), from, to)}
	}
	engine := mt.EngineName(Name, mt.Route{req.From, req.To})
	res := make([]mt.Result, 0, len(req.Segments))
	for start := 0; start < len(req.Segments); start += c.opts.Batch {
		end := min(start+c.opts.Batch, len(req.Segments))
		q := make([]string, 0, end-start)
		chars := 0
		for _, s := range req.Segments[start:end] {
			q = append(q, mt.EncodeMarkup(s))
			chars += utf8.RuneCountInString(s.Plain())
		}
		body := map[string]any{"q": q, "source": from, "target": to, "format": "html"}
		if c.opts.Key != "" {
			body["api_key"] = c.opts.Key
		}
		var out struct {
			TranslatedText []string `json:"translatedText"`
		}
		if err := c.http.Do(ctx, remote.Call{Method: http.MethodPost, Path: "/translate", JSON: body, Lang: to, Characters: chars}, &out); err != nil {
			return nil, c.explain("translate "+from+"-"+to, err)
		}
		if len(out.TranslatedText) != len(q) {
			return nil, fmt.Errorf("libretranslate %s: %d translations for %d texts", c.http.Base(), len(out.TranslatedText), len(q))
		}
		for i, t := range out.TranslatedText {
			target, err := mt.DecodeMarkup(t, req.Segments[start+i]) // nil with an error
			res = append(res, mt.Result{Target: target, Engine: engine, Err: err})
		}
	}
	return res, nil
}

func (c *Client) explain(op string, err error) error {
	var se *remote.StatusError
	if errors.As(err, &se) {
		switch {
		case se.Code == http.StatusForbidden:
			return fmt.Errorf("libretranslate %s: %s: the key was refused (%w): set RELAIS_LIBRETRANSLATE_KEY, or ask the server's administrator for one", c.http.Base(), op, err)
		case se.Code == http.StatusTooManyRequests:
			return fmt.Errorf("libretranslate %s: %s: too many requests (%w): lower mt.concurrency, or ask for a key with a higher limit", c.http.Base(), op, err)
		case se.Code == http.StatusBadRequest && strings.Contains(se.Message, "text limit"):
			return fmt.Errorf("libretranslate %s: %s: the server takes fewer texts per request (%w): lower mt.libretranslate.batch", c.http.Base(), op, err)
		case se.Code >= 500:
			return fmt.Errorf("libretranslate %s: %s: the server failed (%w)", c.http.Base(), op, err)
		}
	}
	return fmt.Errorf("libretranslate %s: %s: %w", c.http.Base(), op, err)
}

// Version returns what the machine translation cache keys this server's
// drafts by: its address. LibreTranslate does not say which model
// versions it runs; drafts of older models are dropped by hand: relais
// memory clear-cache --engine libretranslate.
func (c *Client) Version(context.Context, language.Tag, language.Tag) (string, error) {
	return c.http.Base(), nil
}
