// Package deepl is the mt.Translator that talks to the DeepL API v2
// (`relais translate --mt deepl`, the key in RELAIS_DEEPL_KEY).
//
// A key ending in ":fx" is a DeepL API Free key and goes to
// api-free.deepl.com; any other to api.deepl.com. Segments go to
// /v2/translate in batches within the documented limits (50 texts and
// 128 KiB of request body per request), each in the markup form of
// package mt (its inline codes as XML elements <gN>…</gN> and <xN/>) with
// tag_handling=xml, so that a draft whose codes did not come back intact
// is a per-segment error. English drafts are British (EN-GB) unless
// Options.English says otherwise; formality is sent as the configuration
// says, as a preference where the target language has none.
//
// The termbase goes to DeepL as one glossary per language pair, named
// after the termbase's revision ("relais fr-en 1a2b3c4d5e6f7a8b"): it is
// created the first time a pair is translated under that revision, found
// by name and reused by id on later runs, and the pair's glossaries of
// other revisions are deleted. Package termguard verifies the drafts
// against the termbase all the same.
//
// Errors have their own message each: 403 (the key), 429 (retried after
// Retry-After, then an error), 456 (quota: an error wrapping mt.ErrQuota,
// and no request after it), 5xx (retried, then an error). The key is never
// part of an error.
package deepl
