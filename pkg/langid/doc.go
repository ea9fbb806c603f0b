// Package langid tells French, English and Spanish apart: the small
// language identifier behind the source-language check of package qa.
//
// An Identifier scores a text against one profile per language, built when
// New is called from text written for this package (the files under text/,
// embedded): the relative frequencies of its words, with the function words
// of each language weighted up, and of its character trigrams (with word
// boundaries), smoothed. The score of a language is the mean log-likelihood
// of the text's features; Identify returns the best language and its margin
// over the second. Nothing is read from the network or the disk at run time.
//
// The identifier is meant for sentences of five words or more, where it is
// right on at least 98 % of the French, English and Spanish sentences of the
// shared test corpus (see the package tests); below that, Result.Words lets
// a caller decide not to trust it.
//
// Package langid imports nothing of relais. An Identifier holds no mutable
// state once built: it is safe for concurrent use.
package langid
