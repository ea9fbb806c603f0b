// Package openai is the mt.Translator that asks a language model served
// behind the OpenAI chat-completions API: Ollama, vLLM, llama.cpp's
// server, LM Studio or a hosted provider (`relais translate --mt openai`,
// mt.openai.url and mt.openai.model, an optional key in
// RELAIS_OPENAI_KEY). It uses net/http and encoding/json only: one
// endpoint, one request shape, no client library needed.
//
// Segments go in batches, one request each, at temperature 0: a JSON
// document with the segments in the markup form of package mt (their
// inline codes as <gN>…</gN> and <xN/>), the neighbouring segments of the
// document as context, and the termbase entries that occur in them
// (mt.Request.Terms: the target to write, the targets forbidden), under
// instructions that placeholders come back exactly and terms as given.
// The answer must be a JSON document with one translation per segment.
//
// A model may not do as told, so every answer is checked: invalid JSON, a
// segment missing, a placeholder lost, repeated or invented, or a
// forbidden term in the translation fails the segment, which is asked
// again once on its own; a segment that fails twice gets an Err, for the
// fallback engine (mt.Fallback) to translate or the pipeline to flag. A
// request that fails (a timeout, a 5xx after retries) fails its segments
// the same way; a refused key, an exhausted quota or a cancelled context
// fails the whole call.
package openai
