// Package libretranslatetest is a local server that implements the
// contract of LibreTranslate's API that relais uses, after its
// documentation (https://docs.libretranslate.com/guides/api_usage and the
// server's /docs): GET /languages ([{code, name, targets}]), POST
// /translate with a JSON body {q, source, target, format, api_key} where q
// is a text or an array of texts and translatedText answers in kind,
// format=html keeping the markup, an optional API key (403 {"error":
// "Invalid API key"} without the right one), a batch limit (400 {"error":
// "Invalid request: request (N) exceeds text limit (M)"}) and 429 for too
// many requests. It translates with a word dictionary outside tags.
package libretranslatetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Options configure a Server.
type Options struct {
	Key        string              // the key required; "" asks none
	Languages  map[string][]string // source → targets; fr → en, es and es → en when nil
	Dict       map[string]string   // word → translation
	BatchLimit int                 // most texts per request; no limit when zero
}

// Server is the contract server. Its methods are safe for concurrent use.
type Server struct {
	URL  string
	opts Options

	mu       sync.Mutex
	requests []Request
}

// Request is a /translate body as received.
type Request struct {
	Q      []string
	Source string
	Target string
	Format string
	Key    string
}

// Start starts a Server, stopped when the test ends.
func Start(t testing.TB, opts Options) *Server {
	if opts.Languages == nil {
		opts.Languages = map[string][]string{"fr": {"en", "es"}, "es": {"en", "fr"}, "en": {"fr", "es"}}
	}
	s := &Server{opts: opts}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

func fail(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

var (
	tagRE  = regexp.MustCompile(`<[^<>]*>`)
	wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/languages" && r.Method == http.MethodGet:
		var out []map[string]any
		for code, targets := range s.opts.Languages {
			out = append(out, map[string]any{"code": code, "name": code, "targets": targets})
		}
		json.NewEncoder(w).Encode(out)
	case r.URL.Path == "/translate" && r.Method == http.MethodPost:
		var body struct {
			Q      json.RawMessage `json:"q"`
			Source string          `json:"source"`
			Target string          `json:"target"`
			Format string          `json:"format"`
			Key    string          `json:"api_key"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			fail(w, http.StatusBadRequest, "Invalid request: "+err.Error())
			return
		}
		var q []string
		single := false
		if json.Unmarshal(body.Q, &q) != nil {
			var one string
			if err := json.Unmarshal(body.Q, &one); err != nil {
				fail(w, http.StatusBadRequest, "Invalid request: missing q parameter")
				return
			}
			q, single = []string{one}, true
		}
		s.mu.Lock()
		s.requests = append(s.requests, Request{Q: q, Source: body.Source, Target: body.Target, Format: body.Format, Key: body.Key})
		s.mu.Unlock()
		if s.opts.Key != "" && body.Key != s.opts.Key {
			fail(w, http.StatusForbidden, "Invalid API key")
			return
		}
		if s.opts.BatchLimit > 0 && len(q) > s.opts.BatchLimit {
			fail(w, http.StatusBadRequest, fmt.Sprintf("Invalid request: request (%d) exceeds text limit (%d)", len(q), s.opts.BatchLimit))
			return
		}
		ok := false
		for _, t := range s.opts.Languages[body.Source] {
			ok = ok || t == body.Target
		}
		if !ok {
			fail(w, http.StatusBadRequest, fmt.Sprintf("%s is not supported", body.Target))
			return
		}
		out := make([]string, len(q))
		for i, t := range q {
			out[i] = s.render(t, body.Format == "html")
		}
		if single {
			json.NewEncoder(w).Encode(map[string]any{"translatedText": out[0]})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	default:
		fail(w, http.StatusNotFound, "Not Found")
	}
}

func (s *Server) render(t string, html bool) string {
	if !html {
		return s.words(t)
	}
	var b strings.Builder
	last := 0
	for _, l := range tagRE.FindAllStringIndex(t, -1) {
		b.WriteString(s.words(t[last:l[0]]))
		b.WriteString(t[l[0]:l[1]])
		last = l[1]
	}
	b.WriteString(s.words(t[last:]))
	return b.String()
}

func (s *Server) words(t string) string {
	return wordRE.ReplaceAllStringFunc(t, func(w string) string {
		if x, ok := s.opts.Dict[w]; ok {
			return x
		}
		return w
	})
}

// Requests returns the /translate bodies received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}
