// Package loader turns the paths a command is given into segmented
// documents: it finds the source files in folders (Collect), reads each one,
// decodes its character set (package charset), extracts it with the codec of
// its extension (plain text for .txt, Markdown for .md and .markdown,
// Markdown with MDX for .mdx) and cuts its blocks into sentences (package
// segment). It also finds XLIFF files in folders (XLIFFFiles), by one rule
// for every command.
//
// A Loader holds the one codec registry and the segmenters of a run, built
// from Options; translate, analyze, check and diff all read documents
// through it, so that a document is read the same way whichever command
// reads it, and its errors read the same: "path: cause", with
// "path:line:col:" where a position is known (document.PosError).
//
// It reads the local file system and nothing else: no output, no memory,
// no translation. A Loader is safe for concurrent use once built.
package loader
