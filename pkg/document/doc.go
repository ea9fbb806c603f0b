// Package document is the model every stage of relais shares: a source
// article as bytes that are never modified, the translatable blocks found in
// it, the sentences (segments) cut from those blocks, and the inline codes
// that stand for markup inside them.
//
// Blocks, runs and segments are byte spans into Document.Source. Inline
// markup (emphasis, links, inline code, inline HTML) becomes Code runs that
// keep their original bytes, so that a draft can be written by replacing only
// the translated byte ranges of the source: a translation equal to the source
// gives back the source byte for byte.
//
// A few rules every stage shares live here so that they are written once:
// CheckCodes says whether a translation keeps the codes of its source
// (merge and machine translation refuse it otherwise, checks report each
// problem); Placeholder and ParsePlaceholder are the "{1}", "{/1}", "{2/}"
// syntax of codes in Content.Key; Lines turns byte offsets into the
// line:col of error messages; Addresses finds the web and e-mail addresses
// that the checks compare and machine translation must not touch.
//
// The package knows no file format (see package format), no segmentation rule
// (see package segment) and no file encoding (see package charset).
package document
