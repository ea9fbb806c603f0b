// Package libretranslate is the mt.Translator that talks to a
// LibreTranslate server (`relais translate --mt libretranslate`, its
// address in mt.libretranslate.url, an optional key in
// RELAIS_LIBRETRANSLATE_KEY). It asks /languages whether the server
// translates the pair, and sends each batch to /translate with
// format=html, the segments as an array of texts (q) in the markup form of
// package mt, so that a draft whose codes did not come back intact is a
// per-segment error. The term guard protects terms with placeholders, as
// for Apertium.
package libretranslate
