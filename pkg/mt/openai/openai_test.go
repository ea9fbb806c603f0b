package openai

// The request and answer follow the OpenAI chat-completions API reference
// (https://platform.openai.com/docs/api-reference/chat/create): POST
// {base}/chat/completions with model, messages, temperature and
// response_format {"type": "json_object"}, a bearer key, the answer in
// choices[0].message.content, errors as {"error": {"message": …}}. The
// fake model of openaitest misbehaves on purpose as real models do.

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
	"github.com/relais-tm/relais/pkg/mt/mttest"
	"github.com/relais-tm/relais/pkg/mt/openai/openaitest"
)

const key = "sk-relais-test-7f3a9c"

var dict = map[string]string{"Le": "The", "le": "the", "décret": "decree", "du": "of the", "est": "is", "publié": "published", "Bonjour": "Hello", "point": "item", "adopté": "adopted"}

func client(t *testing.T, srv *openaitest.Server, opts Options) *Client {
	t.Helper()
	if opts.Model == "" {
		opts.Model = "llama3.1:8b"
	}
	opts.Key = key
	if opts.Remote.Timeout == 0 {
		opts.Remote.Timeout = 5 * time.Second
	}
	opts.Remote.Backoff = time.Millisecond
	opts.Remote.Retries = -1
	c, err := New(srv.URL, opts)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	srv := openaitest.Start(t, openaitest.Options{Key: key, Dict: dict})
	mttest.Run(t, mttest.Suite{New: func(t *testing.T) mt.Translator { return client(t, srv, Options{}) }, From: language.French, To: language.English})
}

func TestRequestShape(t *testing.T) {
	srv := openaitest.Start(t, openaitest.Options{Key: key, Dict: dict})
	c := client(t, srv, Options{Batch: 2, Context: 1})
	segs := []document.Content{document.Text("Un."), mttest.Segments()[0], document.Text("Le Conseil de sécurité siège."), document.Text("Fin.")}
	terms := [][]mt.Term{nil, nil, {{Source: "Conseil de sécurité", Target: "Security Council", Forbidden: []string{"Safety Council"}}}, nil}
	res, err := c.Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: segs, Terms: terms})
	require.NoError(t, err)
	for _, r := range res {
		require.NoError(t, r.Err)
	}
	assert.Equal(t, "The Security Council siège.", res[2].Target.Plain())
	reqs := srv.Requests()
	require.Len(t, reqs, 2, "batches of 2 segments")
	r := reqs[1]
	assert.Equal(t, "llama3.1:8b", r.Model)
	require.NotNil(t, r.Temperature)
	assert.Zero(t, *r.Temperature, "temperature 0")
	assert.Equal(t, "json_object", r.Format.Type)
	require.Len(t, r.Messages, 2)
	assert.Equal(t, "system", r.Messages[0].Role)
	assert.Contains(t, r.Messages[0].Content, "keep each tag of a segment exactly once")
	var doc openaitest.Doc
	require.NoError(t, json.Unmarshal([]byte(r.Messages[1].Content), &doc))
	assert.Equal(t, []string{"Le <g1>décret</g1> du <g2>Conseil</g2> est publié <x3/>."}, doc.Before, "the neighbouring segment before the batch")
	assert.Empty(t, doc.After)
	require.Len(t, doc.Terms, 1, "the terms occurring in the batch")
	assert.Equal(t, "Security Council", doc.Terms[0].Target)
	assert.Equal(t, []string{"Safety Council"}, doc.Terms[0].Forbidden)
	assert.Equal(t, "3", doc.Segments[0].ID)
}

// TestMisbehaviour: every way the model misbehaves ends in a valid draft
// (after one retry, or from the fallback engine) or in a failed segment,
// never in a draft with broken markup or a forbidden term.
func TestMisbehaviour(t *testing.T) {
	segs := []document.Content{mttest.Segments()[0], document.Text("Le Conseil de sécurité siège."), mttest.Segments()[1]}
	terms := [][]mt.Term{nil, {{Source: "Conseil de sécurité", Target: "Security Council", Forbidden: []string{"Safety Council"}}}, nil}
	req := mt.Request{From: language.French, To: language.English, Segments: segs, Terms: terms}
	fallback := &mttest.Fake{Name: "apertium"}
	for _, fault := range []openaitest.Fault{openaitest.DropTag, openaitest.InventTag, openaitest.BadJSON, openaitest.Omit, openaitest.WrongTerm, openaitest.Slow} {
		t.Run(fault.String(), func(t *testing.T) {
			target := segs[1]
			if fault != openaitest.WrongTerm {
				target = segs[0]
			}
			text := mt.EncodeMarkup(target)
			check := func(t *testing.T, res []mt.Result) {
				t.Helper()
				for i, r := range res {
					if r.Err != nil {
						continue
					}
					assert.NoError(t, document.CheckCodes(segs[i], r.Target).Err(), "segment %d", i)
					assert.NotContains(t, r.Target.Plain(), "Safety Council", "segment %d", i)
				}
			}
			opts := Options{}
			if fault == openaitest.Slow {
				opts.Remote.Timeout = 50 * time.Millisecond
			}

			t.Run("once, then the retry succeeds", func(t *testing.T) {
				srv := openaitest.Start(t, openaitest.Options{Dict: dict, Key: key, Delay: time.Second, Behave: func(s string, n int) openaitest.Fault {
					if s == text && n == 0 {
						return fault
					}
					return openaitest.OK
				}})
				res, err := client(t, srv, opts).Translate(context.Background(), req)
				require.NoError(t, err)
				check(t, res)
				for i, r := range res {
					assert.NoError(t, r.Err, "segment %d", i)
				}
				want := 2 // the batch, then the failed segment alone
				if fault == openaitest.BadJSON || fault == openaitest.Slow {
					want = 1 + len(segs) // the whole answer failed: each segment again on its own
				}
				assert.Equal(t, want, len(srv.Requests()))
			})
			t.Run("always: the fallback engine translates it", func(t *testing.T) {
				srv := openaitest.Start(t, openaitest.Options{Dict: dict, Key: key, Delay: time.Second, Behave: func(s string, n int) openaitest.Fault {
					if s == text {
						return fault
					}
					return openaitest.OK
				}})
				c := client(t, srv, opts)
				res, err := c.Translate(context.Background(), req)
				require.NoError(t, err)
				check(t, res)
				failed := 0
				for _, r := range res {
					if r.Err != nil {
						failed++
						assert.Contains(t, r.Err.Error(), "the model failed twice")
					}
				}
				assert.GreaterOrEqual(t, failed, 1, "the misbehaving segment is failed, not published")
				res, err = mt.NewFallback(c, fallback).Translate(context.Background(), req)
				require.NoError(t, err)
				check(t, res)
				for i, r := range res {
					require.NoError(t, r.Err, "segment %d", i)
				}
				idx := 0
				if fault == openaitest.WrongTerm {
					idx = 1
				}
				assert.Equal(t, "apertium:fr-en", res[idx].Engine)
				assert.Equal(t, "mt-fallback", res[idx].Notes[len(res[idx].Notes)-1].Rule)
			})
		})
	}
}

func TestRefusedKeyFailsTheCall(t *testing.T) {
	srv := openaitest.Start(t, openaitest.Options{Key: "another"})
	_, err := client(t, srv, Options{}).Translate(context.Background(), mt.Request{From: language.French, To: language.English, Segments: []document.Content{document.Text("Bonjour.")}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the key was refused (HTTP 401: Incorrect API key provided)")
	assert.NotContains(t, err.Error(), key)
}

func TestNeedsModel(t *testing.T) {
	_, err := New("http://localhost:11434/v1", Options{})
	assert.ErrorContains(t, err, "mt.openai.model")
}

func TestUnfence(t *testing.T) {
	assert.Equal(t, `{"a":1}`, unfence("```json\n{\"a\":1}\n```"))
	assert.Equal(t, `{"a":1}`, unfence(` {"a":1} `))
}

func TestForbidden(t *testing.T) {
	terms := []mt.Term{{Source: "Conseil", Target: "Security Council", Forbidden: []string{"Council"}}}
	assert.NoError(t, forbidden("The Security Council meets.", terms), "the forbidden word inside the allowed term is allowed")
	assert.Error(t, forbidden("The Council meets.", terms))
	assert.NoError(t, forbidden("The Councillors meet.", terms), "whole words only")
}

// FuzzRead: whatever the model answers, a segment comes back with the
// source's codes intact and in order and without a forbidden term, or
// with an error.
func FuzzRead(f *testing.F) {
	segs := []document.Content{mttest.Segments()[0], document.Text("Le Conseil de sécurité siège.")}
	terms := [][]mt.Term{nil, {{Source: "Conseil de sécurité", Target: "Security Council", Forbidden: []string{"Safety Council"}}}}
	req := mt.Request{From: language.French, To: language.English, Segments: segs, Terms: terms}
	f.Add(`{"translations":[{"id":"1","text":"The <g1>decree</g1> of the <g2>Council</g2> is published <x3/>."},{"id":"2","text":"The Security Council sits."}]}`)
	f.Add("```json\n{\"translations\":[{\"id\":\"2\",\"text\":\"The Safety Council sits.\"}]}\n```")
	f.Add(`{"translations":[{"id":"1","text":"<g1></g2><x3/><x9/>"}]}`)
	f.Add(`not json`)
	f.Fuzz(func(t *testing.T, content string) {
		got, errs := read(content, req, []int{0, 1})
		for i := range segs {
			target, ok := got[i]
			require.True(t, ok != (errs[i] != nil), "segment %d has a target or an error", i)
			if !ok {
				continue
			}
			require.NoError(t, document.CheckCodes(segs[i], target).Err())
			require.NoError(t, forbidden(target.Plain(), terms[i]))
		}
	})
}
