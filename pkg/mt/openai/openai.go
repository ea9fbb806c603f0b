package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/remote"
)

// Name is the engine name written in routes: "openai:fr-en".
const Name = "openai"

// Options configure a Client. Zero fields take the defaults.
type Options struct {
	Remote  remote.Options
	Key     string // sent as a bearer token; "" for a local server that asks none
	Model   string // the model to ask ("llama3.1:8b", "gpt-4o-mini"); required
	Batch   int    // segments per request; 20 when zero
	Context int    // neighbouring segments given on each side of a batch; 2 when zero, none when negative
}

// Client is a chat-completions server. It is safe for concurrent use.
type Client struct {
	http *remote.Client
	opts Options
}

// New returns a Client for the server whose API is at base
// ("http://localhost:11434/v1", "https://api.openai.com/v1").
func New(base string, opts Options) (*Client, error) {
	if opts.Model == "" {
		return nil, errors.New("openai: no model: set mt.openai.model (the name the server gives it, as llama3.1:8b)")
	}
	if opts.Batch <= 0 {
		opts.Batch = 20
	}
	if opts.Context == 0 {
		opts.Context = 2
	}
	if opts.Context < 0 {
		opts.Context = 0
	}
	ro := opts.Remote
	ro.Quota = func(status int, msg string) bool {
		return status == http.StatusTooManyRequests && strings.Contains(strings.ToLower(msg), "quota")
	}
	c, err := remote.New("openai", base, opts.Key, func(h http.Header, k string) { h.Set("Authorization", "Bearer "+k) }, ro)
	if err != nil {
		return nil, fmt.Errorf("%w: set mt.openai.url", err)
	}
	return &Client{http: c, opts: opts}, nil
}

// Usage returns the requests made and characters sent into the language
// of code lang.
func (c *Client) Usage(lang string) remote.Usage { return c.http.Usage(lang) }

// Version returns what the machine translation cache keys this model's
// drafts by: the server's address and the model's name.
func (c *Client) Version(context.Context, language.Tag, language.Tag) (string, error) {
	return c.http.Base() + " " + c.opts.Model, nil
}

// Translate implements mt.Translator.
func (c *Client) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("openai: %w", err)
	}
	engine := mt.EngineName(Name, mt.Route{req.From, req.To})
	res := make([]mt.Result, len(req.Segments))
	for start := 0; start < len(req.Segments); start += c.opts.Batch {
		end := min(start+c.opts.Batch, len(req.Segments))
		idx := make([]int, 0, end-start)
		for i := start; i < end; i++ {
			idx = append(idx, i)
		}
		got, errs, err := c.ask(ctx, req, idx)
		if err != nil {
			return nil, err
		}
		for _, i := range idx {
			if errs[i] == nil {
				res[i] = mt.Result{Target: got[i], Engine: engine}
				continue
			}
			again, errs2, err := c.ask(ctx, req, []int{i}) // one retry, on its own
			if err != nil {
				return nil, err
			}
			if errs2[i] != nil {
				res[i] = mt.Result{Engine: engine, Err: fmt.Errorf("the model failed twice: %v; then %w", errs[i], errs2[i])}
				continue
			}
			res[i] = mt.Result{Target: again[i], Engine: engine}
		}
	}
	return res, nil
}

// The request document and the answer document.
type (
	segmentIn struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	requestDoc struct {
		Source  string      `json:"source_language"`
		Target  string      `json:"target_language"`
		Before  []string    `json:"context_before,omitempty"`
		After   []string    `json:"context_after,omitempty"`
		Terms   []mt.Term   `json:"terms,omitempty"`
		Segment []segmentIn `json:"segments"`
	}
	answer struct {
		Translations []segmentIn `json:"translations"`
	}
)

// Instructions is the system message: what the model is to do and how to
// answer.
func Instructions(from, to language.Tag) string {
	return fmt.Sprintf(`You translate segments of an institutional document from %s into %s.
The user message is a JSON object. Translate the "text" of every item of "segments"; "context_before" and "context_after" are the segments around them, for understanding only: do not translate them.
Tags such as <g1>…</g1> and <x2/> stand for markup: keep each tag of a segment exactly once and unchanged, around the words it belongs to, and add no other tag. Keep &amp;, &lt; and &gt; as they are.
"terms" lists termbase entries: where a segment holds a "source", write its "target" (inflected as the sentence needs); never write a "forbidden" term.
Answer with one JSON object and nothing else: {"translations": [{"id": "<the segment's id>", "text": "<its translation>"}]}, one item for every segment, in order.`,
		display(from), display(to))
}

func display(t language.Tag) string {
	switch mt.Code(t) {
	case "fr":
		return "French"
	case "en":
		return "English"
	case "es":
		return "Spanish"
	case "de":
		return "German"
	}
	return t.String()
}

// ask sends the segments idx of req in one request and checks the answer:
// the targets of those that came back right, an error for each of the
// others, and an error for the whole call when the service refused it
// (key, quota) or ctx ended.
func (c *Client) ask(ctx context.Context, req mt.Request, idx []int) (map[int]document.Content, map[int]error, error) {
	doc := requestDoc{Source: mt.Code(req.From), Target: mt.Code(req.To)}
	chars := 0
	seen := map[[2]string]bool{}
	first, last := idx[0], idx[len(idx)-1]
	for k := max(0, first-c.opts.Context); k < first; k++ {
		doc.Before = append(doc.Before, mt.EncodeMarkup(req.Segments[k]))
		chars += utf8.RuneCountInString(doc.Before[len(doc.Before)-1])
	}
	for k := last + 1; k < min(len(req.Segments), last+1+c.opts.Context); k++ {
		doc.After = append(doc.After, mt.EncodeMarkup(req.Segments[k]))
		chars += utf8.RuneCountInString(doc.After[len(doc.After)-1])
	}
	for _, i := range idx {
		text := mt.EncodeMarkup(req.Segments[i])
		doc.Segment = append(doc.Segment, segmentIn{ID: strconv.Itoa(i + 1), Text: text})
		chars += utf8.RuneCountInString(text)
		if i < len(req.Terms) {
			for _, t := range req.Terms[i] {
				key := [2]string{t.Source, t.Target}
				if !seen[key] {
					seen[key] = true
					doc.Terms = append(doc.Terms, t)
				}
			}
		}
	}
	user, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("openai: %w", err)
	}
	body := map[string]any{
		"model":           c.opts.Model,
		"temperature":     0,
		"response_format": map[string]string{"type": "json_object"},
		"messages": []map[string]string{
			{"role": "system", "content": Instructions(req.From, req.To)},
			{"role": "user", "content": string(user)},
		},
	}
	var out struct {
		Choices []struct {
			Message struct {
				Content string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	errs := map[int]error{}
	got := map[int]document.Content{}
	failAll := func(err error) (map[int]document.Content, map[int]error, error) {
		for _, i := range idx {
			errs[i] = err
		}
		return got, errs, nil
	}
	err = c.http.Do(ctx, remote.Call{Method: http.MethodPost, Path: "/chat/completions", JSON: body, Lang: mt.Code(req.To), Characters: chars}, &out)
	var se *remote.StatusError
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return nil, nil, fmt.Errorf("openai: %w", ctx.Err())
	case errors.Is(err, mt.ErrQuota):
		return nil, nil, fmt.Errorf("openai %s: the account's quota is used up (%w): no more text is sent in this run", c.http.Base(), err)
	case errors.As(err, &se) && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden):
		return nil, nil, fmt.Errorf("openai %s: the key was refused (%w): check RELAIS_OPENAI_KEY", c.http.Base(), err)
	case errors.As(err, &se) && se.Code == http.StatusNotFound:
		return nil, nil, fmt.Errorf("openai %s: %w: check mt.openai.url (it ends in /v1) and that the server has model %q", c.http.Base(), err, c.opts.Model)
	default:
		return failAll(fmt.Errorf("the request failed: %w", err))
	}
	if len(out.Choices) == 0 {
		return failAll(errors.New("the answer holds no message"))
	}
	got, errs = read(out.Choices[0].Message.Content, req, idx)
	return got, errs, nil
}

// read checks a model's answer to the segments idx of req: the targets of
// those that came back right (valid JSON, every placeholder once and in a
// valid order, none invented, no forbidden term), an error for each of
// the others.
func read(content string, req mt.Request, idx []int) (map[int]document.Content, map[int]error) {
	got := map[int]document.Content{}
	errs := map[int]error{}
	var ans answer
	if err := json.Unmarshal([]byte(unfence(content)), &ans); err != nil {
		for _, i := range idx {
			errs[i] = fmt.Errorf("the answer is not the JSON asked for: %v", err)
		}
		return got, errs
	}
	byID := map[string]string{}
	for _, t := range ans.Translations {
		if _, dup := byID[t.ID]; !dup {
			byID[t.ID] = t.Text
		}
	}
	for _, i := range idx {
		text, ok := byID[strconv.Itoa(i+1)]
		if !ok {
			errs[i] = errors.New("the answer left the segment out")
			continue
		}
		target, err := mt.DecodeMarkup(text, req.Segments[i])
		if err != nil {
			errs[i] = err
			continue
		}
		if i < len(req.Terms) {
			if err := forbidden(target.Plain(), req.Terms[i]); err != nil {
				errs[i] = err
				continue
			}
		}
		got[i] = target
	}
	return got, errs
}

// unfence takes the JSON out of a Markdown code fence, which some models
// put around it however they are told.
func unfence(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		if i := strings.LastIndex(rest, "```"); i >= 0 {
			rest = rest[:i]
		}
		return strings.TrimSpace(rest)
	}
	return s
}

// forbidden returns an error when text holds a forbidden term of terms
// outside the term's allowed target ("Council" is forbidden, "Security
// Council" allowed).
func forbidden(text string, terms []mt.Term) error {
	lower := strings.ToLower(text)
	for _, t := range terms {
		rest := lower
		if t.Target != "" {
			rest = strings.ReplaceAll(rest, strings.ToLower(t.Target), " ")
		}
		for _, f := range t.Forbidden {
			if f != "" && mt.HasWord(rest, strings.ToLower(f)) {
				return fmt.Errorf("the translation has the forbidden term “%s” (the termbase asks for “%s”)", f, t.Target)
			}
		}
	}
	return nil
}
