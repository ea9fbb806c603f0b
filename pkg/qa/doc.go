// Package qa checks translations: the rules behind `relais check` and
// `relais translate --fail-on`, their findings, and the formats CI systems
// read them in.
//
// # Model
//
// A File is one translated document in one target language: Pairs of a
// source segment and its target, each with where the target is (Pair.At: a
// line and column in the XLIFF file or in the target document) and, when
// known, where the source is. Package qa/input builds Files from XLIFF files
// and from source/target document pairs; FromDocument builds one from a
// segmented document and the translations of a batch.
//
// A Check looks at one pair at a time and reports issues. Checks returns
// the built-in checks, each with an ID (the name used in configuration and
// output), a default severity and a help text that says what to do:
// untranslated, source-language, term-missing, term-forbidden, grammar, number,
// code, markup, url-email, punctuation, double-space, repeated-word,
// length, inconsistent and state. A FileCheck also looks at a file as a
// whole: markup compares the skeletons of a source document and its
// translation (File.Documents, set by package qa/input for pairs of
// documents), that is the lines of bytes outside every block, each block
// a placeholder (markers, fences, code blocks, front-matter keys, link
// definitions), aligned by a line diff in which each placeholder carries
// its block's kind and codes, then each pair of blocks: kind, codes (links
// by destination, inline code, HTML, template tags and shortcodes by bytes
// with translatable attribute values masked, emphasis by kind), and the
// site syntax written in text, which the codec reads as prose when a
// translation breaks it (template tags, shortcodes, admonition markers,
// footnote references, attribute lists; see sitesyntax.go). It reports
// the first difference of each region.
//
// A Checker runs the checks over a batch of files and makes their
// findings (finding.Finding, with a fingerprint for baselines): it resolves
// each finding's severity from the Config (per check, per target language,
// or off), drops findings suppressed by the pair (an XLIFF note
// "relais-ignore: RULE, …"), and sorts the rest by file, line, column and
// rule. A Baseline is a set of findings accepted once (`relais check
// --write-baseline`) and not reported again; its entries name a finding by
// rule, file and the texts involved, not by line, so that they survive
// edits elsewhere in the file. LoadBaseline reads one from its file, a
// missing file being no baseline yet.
//
// # Outputs
//
// Write renders a Report as text (path:line:col: severity rule: message,
// grouped by file, with a summary line), JSON, JUnit XML (one test case
// per file and check), SARIF 2.1.0 (rules with help, locations on the
// target and, as related locations, on the source) or GitHub Actions
// workflow commands.
//
// Checks, Checker and the writers hold no global state. A Checker is safe
// for concurrent use once built; Run may be called from several goroutines.
package qa
