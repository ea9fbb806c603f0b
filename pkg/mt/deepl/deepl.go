package deepl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

// Name is the engine name written in routes: "deepl:fr-en".
const Name = "deepl"

// The endpoints: Free for keys ending in ":fx", Pro for the others.
const (
	FreeURL = "https://api-free.deepl.com"
	ProURL  = "https://api.deepl.com"
)

// The documented limits of one /v2/translate request.
const (
	MaxTexts = 50
	MaxBody  = 128 << 10
)

// Entry is a glossary entry: a source phrase and its target.
type Entry struct{ Source, Target string }

// Options configure a Client. Zero fields take the defaults.
type Options struct {
	Remote remote.Options
	// URL replaces the endpoint the key chooses (a proxy, a test server).
	URL string
	// Formality is default, more, less, prefer_more or prefer_less; ""
	// sends none. more and less are sent as prefer_more and prefer_less to
	// a target language without formality (English), which DeepL would
	// refuse otherwise.
	Formality string
	// English is the variant English drafts are in: EN-GB when empty, or
	// EN-US. A target tag with a region (en-US) wins.
	English string
	// Glossary returns the termbase's entries from one language into
	// another, for the pair's glossary; nil or no entries: no glossary.
	Glossary func(from, to language.Tag) []Entry
	// Revision names the termbase's revision in the glossaries' names.
	Revision string
}

// Client is a DeepL account. It is safe for concurrent use.
type Client struct {
	http *remote.Client
	opts Options

	mu        sync.Mutex
	glossary  map[string]string // by pair "fr-en": the glossary's id, "" when the pair has none
	languages map[string]map[string]bool
}

// Endpoint returns the API's address for key.
func Endpoint(key string) string {
	if strings.HasSuffix(key, ":fx") {
		return FreeURL
	}
	return ProURL
}

// New returns a Client for the account of key.
func New(key string, opts Options) (*Client, error) {
	if key == "" {
		return nil, errors.New("deepl: no key: set RELAIS_DEEPL_KEY, or name a file holding it in mt.deepl.key-file")
	}
	switch opts.Formality {
	case "", "default", "more", "less", "prefer_more", "prefer_less":
	default:
		return nil, fmt.Errorf("deepl: formality %q, want default, more, less, prefer_more or prefer_less", opts.Formality)
	}
	switch strings.ToUpper(opts.English) {
	case "":
		opts.English = "EN-GB"
	case "EN-GB", "EN-US":
		opts.English = strings.ToUpper(opts.English)
	default:
		return nil, fmt.Errorf("deepl: English variant %q, want EN-GB or EN-US", opts.English)
	}
	base := opts.URL
	if base == "" {
		base = Endpoint(key)
	}
	ro := opts.Remote
	ro.Quota = func(status int, _ string) bool { return status == 456 }
	c, err := remote.New("deepl", base, key, func(h http.Header, k string) { h.Set("Authorization", "DeepL-Auth-Key "+k) }, ro)
	if err != nil {
		return nil, err
	}
	return &Client{http: c, opts: opts, glossary: map[string]string{}}, nil
}

// Usage returns the requests made and characters sent into the language
// of code lang.
func (c *Client) Usage(lang string) remote.Usage { return c.http.Usage(lang) }

// Pairs returns every pair of a source and a target language the account
// offers (/v2/languages), English once as "en".
func (c *Client) Pairs(ctx context.Context) ([]mt.Pair, error) {
	langs, err := c.langs(ctx)
	if err != nil {
		return nil, err
	}
	var src, tgt []language.Tag
	for code := range langs["source"] {
		src = append(src, language.Make(code))
	}
	seen := map[string]bool{}
	for code := range langs["target"] {
		b := mt.Code(language.Make(code))
		if !seen[b] {
			seen[b] = true
			tgt = append(tgt, language.Make(b))
		}
	}
	sort.Slice(src, func(i, j int) bool { return src[i].String() < src[j].String() })
	sort.Slice(tgt, func(i, j int) bool { return tgt[i].String() < tgt[j].String() })
	var pairs []mt.Pair
	for _, f := range src {
		for _, t := range tgt {
			if !mt.Same(f, t) {
				pairs = append(pairs, mt.Pair{From: f, To: t, Mode: sourceLang(f) + "|" + mt.Code(t)})
			}
		}
	}
	return pairs, nil
}

// langs returns the account's languages, by type, in lower case ("en-gb").
func (c *Client) langs(ctx context.Context) (map[string]map[string]bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.languages != nil {
		return c.languages, nil
	}
	out := map[string]map[string]bool{}
	for _, typ := range []string{"source", "target"} {
		var list []struct {
			Language string `json:"language"`
		}
		if err := c.http.Do(ctx, remote.Call{Method: http.MethodGet, Path: "/v2/languages?type=" + typ}, &list); err != nil {
			return nil, c.explain("list languages", err)
		}
		out[typ] = map[string]bool{}
		for _, l := range list {
			out[typ][strings.ToLower(l.Language)] = true
		}
	}
	c.languages = out
	return out, nil
}

// sourceLang writes a source language as DeepL does: "FR".
func sourceLang(t language.Tag) string { return strings.ToUpper(mt.Code(t)) }

// targetLang writes a target language as DeepL does: "EN-GB", "PT-PT",
// "ES".
func (c *Client) targetLang(t language.Tag) string {
	code := mt.Code(t)
	region, conf := t.Region()
	switch code {
	case "en":
		if conf == language.Exact && (region.String() == "US" || region.String() == "GB") {
			return "EN-" + region.String()
		}
		return c.opts.English
	case "pt":
		if conf == language.Exact && region.String() == "BR" {
			return "PT-BR"
		}
		return "PT-PT"
	}
	return strings.ToUpper(code)
}

// formal are the target languages that take formality (DeepL's
// documentation of the formality parameter).
var formal = map[string]bool{"DE": true, "FR": true, "IT": true, "ES": true, "NL": true, "PL": true, "PT-BR": true, "PT-PT": true, "JA": true, "RU": true}

func (c *Client) formality(target string) string {
	f := c.opts.Formality
	if (f == "more" || f == "less") && !formal[target] {
		return "prefer_" + f
	}
	return f
}

type translateRequest struct {
	Text           []string `json:"text"`
	SourceLang     string   `json:"source_lang"`
	TargetLang     string   `json:"target_lang"`
	TagHandling    string   `json:"tag_handling"`
	SplitSentences string   `json:"split_sentences"`
	Preserve       bool     `json:"preserve_formatting"`
	Formality      string   `json:"formality,omitempty"`
	GlossaryID     string   `json:"glossary_id,omitempty"`
}

// Translate implements mt.Translator.
func (c *Client) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("deepl: %w", err)
	}
	if len(req.Segments) == 0 {
		return []mt.Result{}, nil
	}
	if err := c.http.Exhausted(); err != nil {
		return nil, c.explain("translate", err)
	}
	langs, err := c.langs(ctx)
	if err != nil {
		return nil, err
	}
	target := c.targetLang(req.To)
	if !langs["source"][strings.ToLower(sourceLang(req.From))] || !langs["target"][strings.ToLower(target)] {
		return nil, &mt.PairError{From: req.From, To: req.To, Msg: fmt.Sprintf("deepl: DeepL does not translate %s into %s: choose another engine with --mt", mt.Code(req.From), mt.Code(req.To))}
	}
	gid, err := c.glossaryFor(ctx, req.From, req.To)
	if err != nil {
		return nil, err
	}
	base := translateRequest{SourceLang: sourceLang(req.From), TargetLang: target, TagHandling: "xml", SplitSentences: "nonewlines",
		Preserve: true, Formality: c.formality(target), GlossaryID: gid}
	empty, _ := json.Marshal(base)
	engine := mt.EngineName(Name, mt.Route{req.From, req.To})
	res := make([]mt.Result, 0, len(req.Segments))
	texts := make([]string, len(req.Segments))
	for i, s := range req.Segments {
		texts[i] = mt.EncodeMarkup(s)
	}
	for start := 0; start < len(texts); {
		end, size := start, len(empty)+1024 // headers of the body's JSON, with room to spare
		for end < len(texts) && end-start < MaxTexts {
			b, _ := json.Marshal(texts[end])
			if end > start && size+len(b)+1 > MaxBody {
				break
			}
			size += len(b) + 1
			end++
		}
		call := base
		call.Text = texts[start:end]
		chars := 0
		for _, s := range req.Segments[start:end] {
			chars += utf8.RuneCountInString(s.Plain())
		}
		var body struct {
			Translations []struct {
				Text string `json:"text"`
			} `json:"translations"`
		}
		err := c.http.Do(ctx, remote.Call{Method: http.MethodPost, Path: "/v2/translate", JSON: call, Lang: mt.Code(req.To), Characters: chars}, &body)
		if err != nil {
			return nil, c.explain("translate "+mt.Code(req.From)+"-"+mt.Code(req.To), err)
		}
		if len(body.Translations) != end-start {
			return nil, fmt.Errorf("deepl: translate: %d translations for %d texts", len(body.Translations), end-start)
		}
		for i, t := range body.Translations {
			target, err := mt.DecodeMarkup(t.Text, req.Segments[start+i]) // nil with an error
			res = append(res, mt.Result{Target: target, Engine: engine, Err: err})
		}
		start = end
	}
	return res, nil
}

// explain gives an error of the API the message its status has.
func (c *Client) explain(op string, err error) error {
	var se *remote.StatusError
	if !errors.As(err, &se) {
		return fmt.Errorf("deepl: %s: %w", op, err)
	}
	switch {
	case errors.Is(err, mt.ErrQuota):
		return fmt.Errorf("deepl: %s: the account's character quota is used up (%w): no more text is sent to DeepL in this run; raise the quota or the Cost Control limit, or translate the rest later", op, err)
	case se.Code == http.StatusForbidden:
		return fmt.Errorf("deepl: %s: the key was refused (%w): check RELAIS_DEEPL_KEY; a DeepL API Free key ends in \":fx\" and goes to %s", op, err, FreeURL)
	case se.Code == http.StatusTooManyRequests:
		return fmt.Errorf("deepl: %s: too many requests (%w), still refused after waiting as Retry-After said: lower mt.concurrency, or try later", op, err)
	case se.Code == http.StatusRequestEntityTooLarge:
		return fmt.Errorf("deepl: %s: request too large (%w)", op, err)
	case se.Code >= 500:
		return fmt.Errorf("deepl: %s: the service failed (%w): try later", op, err)
	case se.Code == http.StatusBadRequest && strings.Contains(se.Message, "target_lang"):
		return fmt.Errorf("deepl: %s: %w: %w", op, mt.ErrUnsupportedPair, err)
	}
	return fmt.Errorf("deepl: %s: %w", op, err)
}

// glossaryName is the name of the glossary of a pair under a termbase
// revision.
func (c *Client) glossaryName(from, to language.Tag) string {
	return glossaryPrefix(from, to) + c.opts.Revision
}

func glossaryPrefix(from, to language.Tag) string {
	return "relais " + mt.Code(from) + "-" + mt.Code(to) + " "
}

// glossaryFor returns the id of the pair's glossary under the termbase's
// revision: the one the account holds by that name, or a new one; the
// pair's glossaries of other revisions are deleted. "" when the termbase
// has no entries for the pair.
func (c *Client) glossaryFor(ctx context.Context, from, to language.Tag) (string, error) {
	if c.opts.Glossary == nil {
		return "", nil
	}
	pair := mt.Code(from) + "-" + mt.Code(to)
	c.mu.Lock()
	defer c.mu.Unlock() // one pair at a time: the first request of a pair makes its glossary, the others wait for it
	if id, ok := c.glossary[pair]; ok {
		return id, nil
	}
	entries := c.opts.Glossary(from, to)
	tsv := TSV(entries)
	want := c.glossaryName(from, to)
	var list struct {
		Glossaries []struct {
			ID    string `json:"glossary_id"`
			Name  string `json:"name"`
			Ready bool   `json:"ready"`
		} `json:"glossaries"`
	}
	if err := c.http.Do(ctx, remote.Call{Method: http.MethodGet, Path: "/v2/glossaries"}, &list); err != nil {
		return "", c.explain("list glossaries", err)
	}
	id := ""
	for _, g := range list.Glossaries {
		switch {
		case g.Name == want && g.Ready && id == "" && tsv != "":
			id = g.ID
		case strings.HasPrefix(g.Name, glossaryPrefix(from, to)):
			if err := c.http.Do(ctx, remote.Call{Method: http.MethodDelete, Path: "/v2/glossaries/" + url.PathEscape(g.ID)}, nil); err != nil {
				return "", c.explain("delete stale glossary "+g.Name, err)
			}
		}
	}
	if id == "" && tsv != "" {
		var made struct {
			ID string `json:"glossary_id"`
		}
		body := map[string]string{"name": want, "source_lang": mt.Code(from), "target_lang": mt.Code(to), "entries": tsv, "entries_format": "tsv"}
		if err := c.http.Do(ctx, remote.Call{Method: http.MethodPost, Path: "/v2/glossaries", JSON: body}, &made); err != nil {
			return "", c.explain("create glossary "+want, err)
		}
		id = made.ID
	}
	c.glossary[pair] = id
	return id, nil
}

// TSV writes entries as a DeepL glossary's TSV: one "source<TAB>target" a
// line, blanks folded, each source once (the first entry wins), entries
// over DeepL's 1024 bytes left out, in source order.
func TSV(entries []Entry) string {
	seen := map[string]bool{}
	var lines []string
	for _, e := range entries {
		s, t := strings.Join(strings.Fields(e.Source), " "), strings.Join(strings.Fields(e.Target), " ")
		if s == "" || t == "" || seen[s] || len(s) > 1024 || len(t) > 1024 {
			continue
		}
		seen[s] = true
		lines = append(lines, s+"\t"+t)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Version returns what the machine translation cache keys this account's
// drafts by: the endpoint, the target variant, the formality and the
// termbase revision of the glossary. DeepL says nothing of its model's
// version, so drafts of an older model are dropped by hand: relais memory
// clear-cache --engine deepl.
func (c *Client) Version(_ context.Context, _, to language.Tag) (string, error) {
	target := c.targetLang(to)
	return fmt.Sprintf("%s %s formality=%s glossary=%s", c.http.Base(), target, c.formality(target), c.opts.Revision), nil
}
