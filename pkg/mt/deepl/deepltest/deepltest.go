// Package deepltest is a local server that implements the contract of the
// DeepL API v2 that relais uses, closely enough to test a client without
// the service: the authentication header, /v2/languages, /v2/translate
// with its limits (50 texts, 128 KiB of request body), strict XML tag
// handling, formality and the English variants, the glossary endpoints,
// and the error statuses with their documented bodies (403, 429 with
// Retry-After, 456, 5xx). It translates with a word dictionary, the
// glossary's entries first, so that tests see what went where.
//
// The contract is DeepL's documentation: https://developers.deepl.com/api-reference/translate
// (request body, "The total request body size for text translation
// requests must not exceed 128 KiB"), https://developers.deepl.com/docs/translate/translating-large-volumes
// ("accepts up to 50 texts per request"), https://developers.deepl.com/docs/translate/translating-xml
// (tag_handling=xml; "invalid XML … returns the error Tag handling parsing
// failed, please check input"), https://developers.deepl.com/api-reference/glossaries
// (v2 glossaries: create with name, source_lang, target_lang, entries,
// entries_format tsv; list; delete), https://developers.deepl.com/docs/best-practices/error-handling
// (429 too many requests, 456 quota exceeded, 500 internal error) and
// https://developers.deepl.com/docs/resources/usage-limits (character
// counts in Unicode code points).
package deepltest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// MaxTexts and MaxBody are the documented limits of one /v2/translate
// request.
const (
	MaxTexts = 50
	MaxBody  = 128 << 10
)

// Options configure a Server.
type Options struct {
	Key   string            // the only key accepted
	Free  bool              // a free-plan server: it accepts keys ending in ":fx" only, as api-free.deepl.com does
	Dict  map[string]string // word → translation, applied after the glossary (whole words, case-sensitive)
	Quota int               // characters the account may translate; 0: no limit
	// TooMany answers that many translate requests with 429 and a
	// Retry-After of RetryAfter ("0" when empty) before serving them.
	TooMany    int
	RetryAfter string
	// Fail answers that many translate requests with 503.
	Fail int
}

// Glossary is a glossary the server holds.
type Glossary struct {
	ID, Name, Source, Target string
	Entries                  map[string]string
}

// Server is the contract server. Its methods are safe for concurrent use.
type Server struct {
	URL  string
	opts Options

	mu         sync.Mutex
	used       int
	translates int
	texts      []int // texts of each translate request served
	glossaries []*Glossary
	created    int
	deleted    int
	nextID     int
	requests   []*TranslateRequest
}

// TranslateRequest is the body of /v2/translate as the documentation
// gives it.
type TranslateRequest struct {
	Text           []string `json:"text"`
	SourceLang     string   `json:"source_lang,omitempty"`
	TargetLang     string   `json:"target_lang"`
	TagHandling    string   `json:"tag_handling,omitempty"`
	SplitSentences string   `json:"split_sentences,omitempty"`
	Formality      string   `json:"formality,omitempty"`
	GlossaryID     string   `json:"glossary_id,omitempty"`
	PreserveFormat bool     `json:"preserve_formatting,omitempty"`
}

// Start starts a Server, stopped when the test ends.
func Start(t testing.TB, opts Options) *Server {
	s := &Server{opts: opts}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

var (
	sources = []string{"BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "HU", "ID", "IT", "JA", "KO", "LT", "LV", "NB", "NL", "PL", "PT", "RO", "RU", "SK", "SL", "SV", "TR", "UK", "ZH"}
	targets = []string{"BG", "CS", "DA", "DE", "EL", "EN-GB", "EN-US", "ES", "ET", "FI", "FR", "HU", "ID", "IT", "JA", "KO", "LT", "LV", "NB", "NL", "PL", "PT-BR", "PT-PT", "RO", "RU", "SK", "SL", "SV", "TR", "UK", "ZH"}
	// formal are the targets that take formality; the others fail with
	// more or less, not with prefer_more or prefer_less.
	formal = map[string]bool{"DE": true, "FR": true, "IT": true, "ES": true, "NL": true, "PL": true, "PT-BR": true, "PT-PT": true, "JA": true, "RU": true}
)

func has(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return true
		}
	}
	return false
}

func fail(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	if msg != "" {
		json.NewEncoder(w).Encode(map[string]string{"message": msg})
	}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "DeepL-Auth-Key ")
	if !ok || key != s.opts.Key {
		fail(w, http.StatusForbidden, "Authorization failure, check auth_key")
		return
	}
	if free := strings.HasSuffix(key, ":fx"); free != s.opts.Free {
		other := "https://api.deepl.com"
		if free {
			other = "https://api-free.deepl.com"
		}
		fail(w, http.StatusForbidden, "Wrong endpoint. Use "+other)
		return
	}
	switch {
	case r.URL.Path == "/v2/languages" && r.Method == http.MethodGet:
		list := sources
		if r.URL.Query().Get("type") == "target" {
			list = targets
		}
		out := make([]map[string]any, len(list))
		for i, l := range list {
			out[i] = map[string]any{"language": l, "name": l, "supports_formality": formal[l]}
		}
		json.NewEncoder(w).Encode(out)
	case r.URL.Path == "/v2/translate" && r.Method == http.MethodPost:
		s.translate(w, r)
	case r.URL.Path == "/v2/glossaries" && r.Method == http.MethodGet:
		s.mu.Lock()
		list := []map[string]any{}
		for _, g := range s.glossaries {
			list = append(list, glossaryJSON(g))
		}
		s.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"glossaries": list})
	case r.URL.Path == "/v2/glossaries" && r.Method == http.MethodPost:
		s.createGlossary(w, r)
	case strings.HasPrefix(r.URL.Path, "/v2/glossaries/") && r.Method == http.MethodDelete:
		id := strings.TrimPrefix(r.URL.Path, "/v2/glossaries/")
		s.mu.Lock()
		defer s.mu.Unlock()
		for i, g := range s.glossaries {
			if g.ID == id {
				s.glossaries = append(s.glossaries[:i], s.glossaries[i+1:]...)
				s.deleted++
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		fail(w, http.StatusNotFound, "Glossary not found")
	default:
		fail(w, http.StatusNotFound, "Not found")
	}
}

func glossaryJSON(g *Glossary) map[string]any {
	return map[string]any{"glossary_id": g.ID, "name": g.Name, "ready": true, "source_lang": g.Source, "target_lang": g.Target,
		"creation_time": "2026-12-03T10:00:00.000Z", "entry_count": len(g.Entries)}
}

func (s *Server) createGlossary(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name          string `json:"name"`
		SourceLang    string `json:"source_lang"`
		TargetLang    string `json:"target_lang"`
		Entries       string `json:"entries"`
		EntriesFormat string `json:"entries_format"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		fail(w, http.StatusBadRequest, "Invalid request body")
		return
	}
	if body.Name == "" || len(body.Name) > 1024 {
		fail(w, http.StatusBadRequest, "Invalid glossary name")
		return
	}
	if body.EntriesFormat != "tsv" && body.EntriesFormat != "csv" {
		fail(w, http.StatusBadRequest, "Unsupported entries_format")
		return
	}
	if strings.Contains(body.SourceLang, "-") || strings.Contains(body.TargetLang, "-") || !has(sources, body.SourceLang) || !has(sources, body.TargetLang) {
		fail(w, http.StatusBadRequest, "Unsupported glossary source and target language pair")
		return
	}
	entries := map[string]string{}
	for n, line := range strings.Split(strings.TrimRight(body.Entries, "\n"), "\n") {
		src, tgt, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(src) == "" || strings.TrimSpace(tgt) == "" || strings.Contains(tgt, "\t") || len(src) > 1024 || len(tgt) > 1024 {
			fail(w, http.StatusBadRequest, fmt.Sprintf("Invalid glossary entries provided: line %d", n+1))
			return
		}
		if _, dup := entries[src]; dup {
			fail(w, http.StatusBadRequest, fmt.Sprintf("Invalid glossary entries provided: duplicate source entry on line %d", n+1))
			return
		}
		entries[src] = tgt
	}
	s.mu.Lock()
	s.nextID++
	g := &Glossary{ID: fmt.Sprintf("def3a26b-0000-0000-0000-%012d", s.nextID), Name: body.Name, Source: strings.ToLower(body.SourceLang), Target: strings.ToLower(body.TargetLang), Entries: entries}
	s.glossaries = append(s.glossaries, g)
	s.created++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(glossaryJSON(g))
}

func (s *Server) translate(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		fail(w, http.StatusBadRequest, "Invalid request body")
		return
	}
	if len(data) > MaxBody {
		fail(w, http.StatusRequestEntityTooLarge, "Request Entity Too Large")
		return
	}
	var req TranslateRequest
	if err := json.Unmarshal(data, &req); err != nil {
		fail(w, http.StatusBadRequest, "Invalid request body")
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, &req)
	tooMany, failing := s.opts.TooMany > 0, s.opts.Fail > 0
	if tooMany {
		s.opts.TooMany--
	} else if failing {
		s.opts.Fail--
	}
	s.mu.Unlock()
	if tooMany {
		ra := s.opts.RetryAfter
		if ra == "" {
			ra = "0"
		}
		w.Header().Set("Retry-After", ra)
		fail(w, http.StatusTooManyRequests, "Too many requests, DeepL servers are currently experiencing high load")
		return
	}
	if failing {
		fail(w, http.StatusServiceUnavailable, "Service temporarily unavailable")
		return
	}
	switch {
	case len(req.Text) == 0:
		fail(w, http.StatusBadRequest, "Parameter 'text' not specified.")
		return
	case len(req.Text) > MaxTexts:
		fail(w, http.StatusRequestEntityTooLarge, "Too many texts in request")
		return
	case !has(targets, req.TargetLang):
		fail(w, http.StatusBadRequest, "Value for 'target_lang' not supported.")
		return
	case req.SourceLang != "" && !has(sources, req.SourceLang):
		fail(w, http.StatusBadRequest, "Value for 'source_lang' not supported.")
		return
	case (req.Formality == "more" || req.Formality == "less") && !formal[strings.ToUpper(req.TargetLang)]:
		fail(w, http.StatusBadRequest, "'formality' is not supported for given 'target_lang'.")
		return
	case req.GlossaryID != "" && req.SourceLang == "":
		fail(w, http.StatusBadRequest, "Use of a glossary requires the 'source_lang' parameter to be specified.")
		return
	}
	var glossary *Glossary
	if req.GlossaryID != "" {
		s.mu.Lock()
		for _, g := range s.glossaries {
			if g.ID == req.GlossaryID {
				glossary = g
			}
		}
		s.mu.Unlock()
		if glossary == nil {
			fail(w, http.StatusNotFound, "Glossary not found")
			return
		}
		base, _, _ := strings.Cut(strings.ToLower(req.TargetLang), "-")
		if glossary.Source != strings.ToLower(req.SourceLang) || glossary.Target != base {
			fail(w, http.StatusBadRequest, "Language pair of the glossary does not match the request")
			return
		}
	}
	chars := 0
	for _, t := range req.Text {
		if req.TagHandling == "xml" {
			if err := wellFormed(t); err != nil {
				fail(w, http.StatusBadRequest, "Tag handling parsing failed, please check input.")
				return
			}
			chars += utf8.RuneCountInString(tagRE.ReplaceAllString(t, ""))
		} else {
			chars += utf8.RuneCountInString(t)
		}
	}
	s.mu.Lock()
	if s.opts.Quota > 0 && s.used+chars > s.opts.Quota {
		s.mu.Unlock()
		fail(w, 456, "Quota exceeded")
		return
	}
	s.used += chars
	s.translates++
	s.texts = append(s.texts, len(req.Text))
	s.mu.Unlock()
	out := make([]map[string]string, len(req.Text))
	for i, t := range req.Text {
		out[i] = map[string]string{"detected_source_language": strings.ToUpper(req.SourceLang), "text": s.render(t, req.TagHandling == "xml", glossary)}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"translations": out})
}

var (
	tagRE  = regexp.MustCompile(`<[^<>]*>`)
	wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// wellFormed checks t as the XML content of an element.
func wellFormed(t string) error {
	d := xml.NewDecoder(strings.NewReader("<r>" + t + "</r>"))
	d.Strict = true
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// render translates t: outside tags, the glossary's entries first (whole
// phrases, case-insensitive), then the dictionary's words; tags stay.
func (s *Server) render(t string, xmlTags bool, g *Glossary) string {
	var b strings.Builder
	last := 0
	locs := [][]int{}
	if xmlTags {
		locs = tagRE.FindAllStringIndex(t, -1)
	}
	for _, l := range locs {
		b.WriteString(s.words(t[last:l[0]], g))
		b.WriteString(t[l[0]:l[1]])
		last = l[1]
	}
	b.WriteString(s.words(t[last:], g))
	return b.String()
}

func (s *Server) words(t string, g *Glossary) string {
	var spans []span
	if g != nil {
		lower := strings.ToLower(t)
		for src, tgt := range g.Entries {
			ls := strings.ToLower(src)
			for at := 0; ; {
				k := strings.Index(lower[at:], ls)
				if k < 0 {
					break
				}
				start, end := at+k, at+k+len(ls)
				if boundary(lower, start, end) {
					spans = append(spans, span{start, end, tgt})
				}
				at = end
			}
		}
	}
	var b strings.Builder
	last := 0
	for _, sp := range longestFirst(spans) {
		b.WriteString(s.dict(t[last:sp.start]))
		b.WriteString(sp.target)
		last = sp.end
	}
	b.WriteString(s.dict(t[last:]))
	return b.String()
}

func boundary(s string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	return (start == 0 || !wordRE.MatchString(string(before))) && (end == len(s) || !wordRE.MatchString(string(after)))
}

// span is a glossary entry found in a text.
type span struct {
	start, end int
	target     string
}

// longestFirst keeps, of overlapping spans, the earliest and longest, in
// order.
func longestFirst(spans []span) []span {
	var out []span
	for {
		best := -1
		for i, sp := range spans {
			if len(out) > 0 && sp.start < out[len(out)-1].end {
				continue
			}
			if best < 0 || sp.start < spans[best].start || sp.start == spans[best].start && sp.end > spans[best].end {
				best = i
			}
		}
		if best < 0 {
			return out
		}
		out = append(out, spans[best])
		spans = append(spans[:best:best], spans[best+1:]...)
	}
}

func (s *Server) dict(t string) string {
	if len(s.opts.Dict) == 0 {
		return t
	}
	return wordRE.ReplaceAllStringFunc(t, func(w string) string {
		if x, ok := s.opts.Dict[w]; ok {
			return x
		}
		return w
	})
}

// Translates returns the number of translate requests served, and the
// number of texts in each.
func (s *Server) Translates() (int, []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.translates, append([]int(nil), s.texts...)
}

// Requests returns the bodies of every translate request received, served
// or not.
func (s *Server) Requests() []TranslateRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]TranslateRequest, len(s.requests))
	for i, r := range s.requests {
		out[i] = *r
	}
	return out
}

// Glossaries returns the glossaries the server holds, and how many were
// created and deleted since it started.
func (s *Server) Glossaries() (held []Glossary, created, deleted int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.glossaries {
		held = append(held, *g)
	}
	return held, s.created, s.deleted
}

// Used returns the characters translated so far.
func (s *Server) Used() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.used
}
