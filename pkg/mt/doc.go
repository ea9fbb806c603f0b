// Package mt is the machine translation stage of relais: the Translator
// interface every engine implements, the routes a translation takes
// between installed language pairs (a pivot through Spanish for French to
// English with Apertium), and the stream form that carries a batch of
// segments with their inline codes through an Apertium engine.
//
// # Implementing a Translator
//
//  1. Translate a whole batch in as few engine calls as the engine allows
//     (one process or one request per file and language pair, never one
//     per segment).
//  2. Return one Result per segment, in order. A segment whose codes do
//     not come back intact and in a valid order (document.CheckCodes)
//     gets an Err and no Target; the others are still returned.
//  3. Return an error for the whole call only when the engine failed
//     (not installed, killed, timed out, server down) or the context was
//     cancelled; wrap ErrUnsupportedPair when the pair is not installed,
//     with a hint saying what to install.
//  4. Honour ctx: stop work and return ctx.Err() (wrapped) when it is done.
//  5. Run mttest.Run (the conformance suite) against the engine.
//
// Engines live in subpackages: apertium runs the local apertium command,
// apy talks to an Apertium APy server. Decorators (Pivot, Cache, Limit, and
// package termguard) take a Translator and are one.
package mt
