// Package remote is the HTTP side the remote machine translation engines
// share (deepl, libretranslate, openai): one request at a time with a
// timeout, retries of what may succeed later (429 after its Retry-After,
// 5xx, connection errors, timeouts) with exponential backoff and jitter,
// a quota that once exhausted stops every later request before it is
// sent (mt.ErrQuota), the key kept out of every error, and a count of the
// requests made and the characters sent per target language.
//
// What each engine sends, and the messages its statuses get, are the
// engine's own.
package remote
