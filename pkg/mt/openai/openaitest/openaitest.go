// Package openaitest is a local model server for tests: it speaks the
// OpenAI chat-completions API (POST /v1/chat/completions with model,
// messages and temperature; an answer whose choices[0].message.content is
// the model's text; errors as {"error": {"message", "type", "code"}}; a
// bearer key when one is set), after the API reference
// (https://platform.openai.com/docs/api-reference/chat/create), which
// Ollama, vLLM and llama.cpp's server follow. Its "model" reads the JSON
// document the openai package sends and translates each segment's text
// with a word dictionary, leaving tags and entities alone, and writes the
// termbase's target for each term. It can misbehave on purpose, as real
// models do: drop a placeholder, invent one, answer with something that
// is not JSON, leave a segment out, write a forbidden term, or answer
// slowly.
package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Fault is a way to misbehave.
type Fault int

// The faults.
const (
	OK        Fault = iota
	DropTag         // the segment's first tag is left out
	InventTag       // a tag the segment does not have is added
	BadJSON         // the whole answer is not JSON
	Omit            // the segment is left out of the answer
	WrongTerm       // the first term's first forbidden target is written instead of its target
	Slow            // the answer comes after Options.Delay
)

// Options configure a Server.
type Options struct {
	Key  string            // the bearer key required; "" asks none
	Dict map[string]string // word → translation
	// Behave says how to answer a segment whose text the model was asked
	// asked times before (0 the first time); nil: always OK.
	Behave func(text string, asked int) Fault
	Delay  time.Duration // how slow Slow is
}

// Server is the fake model server. Its methods are safe for concurrent
// use.
type Server struct {
	URL  string // the API's base, ending in /v1
	opts Options

	mu       sync.Mutex
	asked    map[string]int
	requests []Request
}

// Request is a chat-completions request as received.
type Request struct {
	Model       string    `json:"model"`
	Temperature *float64  `json:"temperature"`
	Messages    []Message `json:"messages"`
	Format      *struct {
		Type string `json:"type"`
	} `json:"response_format"`
}

// Message is a chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Doc is the user message the openai package sends.
type Doc struct {
	Source, Target string
	Before         []string `json:"context_before"`
	After          []string `json:"context_after"`
	Terms          []struct {
		Source    string   `json:"source"`
		Target    string   `json:"target"`
		Forbidden []string `json:"forbidden"`
	} `json:"terms"`
	Segments []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"segments"`
}

// Start starts a Server, stopped when the test ends.
func Start(t testing.TB, opts Options) *Server {
	s := &Server{opts: opts, asked: map[string]int{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	s.URL = srv.URL + "/v1"
	return s
}

func fail(w http.ResponseWriter, code int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": nil}})
}

var (
	tagRE  = regexp.MustCompile(`<[^<>]*>|&[a-z]+;`)
	wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
		fail(w, http.StatusNotFound, "invalid_request_error", "Unknown request URL: "+r.Method+" "+r.URL.Path)
		return
	}
	if s.opts.Key != "" && r.Header.Get("Authorization") != "Bearer "+s.opts.Key {
		fail(w, http.StatusUnauthorized, "invalid_request_error", "Incorrect API key provided")
		return
	}
	var req Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		fail(w, http.StatusBadRequest, "invalid_request_error", "We could not parse the JSON body of your request.")
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	if req.Model == "" {
		fail(w, http.StatusBadRequest, "invalid_request_error", "you must provide a model parameter")
		return
	}
	var doc Doc
	if len(req.Messages) == 0 || json.Unmarshal([]byte(req.Messages[len(req.Messages)-1].Content), &doc) != nil {
		s.answer(w, req.Model, "I am sorry, I cannot read that.")
		return
	}
	type item struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	var out []item
	bad, slow := false, false
	for _, seg := range doc.Segments {
		s.mu.Lock()
		n := s.asked[seg.Text]
		s.asked[seg.Text]++
		s.mu.Unlock()
		fault := OK
		if s.opts.Behave != nil {
			fault = s.opts.Behave(seg.Text, n)
		}
		text := s.translate(seg.Text, doc, fault == WrongTerm)
		switch fault {
		case DropTag:
			text = strings.Replace(text, regexp.MustCompile(`<[^<>&]*>`).FindString(text), "", 1)
		case InventTag:
			text += " <x99/>"
		case BadJSON:
			bad = true
		case Omit:
			continue
		case Slow:
			slow = true
		}
		out = append(out, item{ID: seg.ID, Text: text})
	}
	if slow {
		select {
		case <-time.After(s.opts.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if bad {
		s.answer(w, req.Model, `{"translations": [{"id": "1", "text": "The decree`)
		return
	}
	b, _ := json.Marshal(map[string]any{"translations": out})
	s.answer(w, req.Model, "```json\n"+string(b)+"\n```")
}

func (s *Server) answer(w http.ResponseWriter, model, content string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-relais", "object": "chat.completion", "created": 1764756000, "model": model,
		"choices": []map[string]any{{"index": 0, "message": map[string]string{"role": "assistant", "content": content}, "finish_reason": "stop"}},
		"usage":   map[string]int{"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
	})
}

// translate renders a segment's text: each term's source as its target
// (or its first forbidden target when wrong), then words by the
// dictionary, outside tags and entities.
func (s *Server) translate(text string, doc Doc, wrong bool) string {
	for _, t := range doc.Terms {
		target := t.Target
		if wrong && len(t.Forbidden) > 0 {
			target = t.Forbidden[0]
		}
		if i := strings.Index(strings.ToLower(text), strings.ToLower(t.Source)); i >= 0 && target != "" {
			text = text[:i] + "\x00" + target + "\x00" + text[i+len(t.Source):]
		}
	}
	var b strings.Builder
	last := 0
	words := func(t string) string {
		parts := strings.Split(t, "\x00")
		for i := 0; i < len(parts); i += 2 { // odd parts are terms already rendered
			parts[i] = wordRE.ReplaceAllStringFunc(parts[i], func(w string) string {
				if x, ok := s.opts.Dict[w]; ok {
					return x
				}
				return w
			})
		}
		return strings.Join(parts, "")
	}
	for _, l := range tagRE.FindAllStringIndex(text, -1) {
		b.WriteString(words(text[last:l[0]]))
		b.WriteString(text[l[0]:l[1]])
		last = l[1]
	}
	b.WriteString(words(text[last:]))
	return b.String()
}

// Requests returns the requests received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// String describes a fault.
func (f Fault) String() string {
	names := [...]string{"ok", "drop-tag", "invent-tag", "bad-json", "omit", "wrong-term", "slow"}
	if int(f) < len(names) {
		return names[f]
	}
	return fmt.Sprintf("fault(%d)", int(f))
}
