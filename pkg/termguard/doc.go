// Package termguard is an mt.Translator decorator that makes machine
// translation respect the termbase. Before the engine sees a segment,
// every unambiguous term the glossary finds in it (and every span an
// Options.Fixed finder returns, such as French dates) is replaced by a
// protected token, a made-up word such as "Zqxa" that Apertium carries
// through unchanged as an unknown word; after the engine, each token
// becomes the concept's preferred term in the target language, inflected
// as the source form was (Hit.Target). Wrapped around an mt.Pivot, the
// tokens go through both legs, so that the English of a French source
// never passes through a Spanish name.
//
// Protected tokens rather than superblanks: measured with apertium 3.8, a
// term hidden in a superblank (<t1/>) leaves the sentence without its
// noun, so the engine gets the grammar around it wrong ("l’<t1/>" becomes
// Spanish "lo", a subject goes missing and English gets "It has"), while
// an unknown word keeps its place as a noun ("l’Zqxa" becomes "la Zqxa").
// One artefact of Apertium's unknown words is fixed here: a sentence that
// starts with one gets its next word capitalised in English ("CGLU Has
// launched"); the word is put back in lower case when the source's word
// after the term was lower case.
//
// Ambiguous hits (a concept or term the termbase marks ambiguous, such as
// Vienne, the Austrian capital and a French town) are left to the engine
// and flagged for review, unless the segment itself says which sense is
// meant: when at least two unambiguous hits of the segment share the
// ambiguous concept's subject field (Vienne in a list of cities with
// Amman, Lisbonne and Turin), the hit is protected like the others, and
// still flagged. Every flag is a note of the Result (a finding.Finding)
// with the rule "ambiguous-term" and the severity Info.
//
// A segment whose tokens do not all come back exactly once fails with an
// error in its Result: a draft never silently loses a term.
//
// Engines that keep terms themselves (DeepL with its glossary, a language
// model told the terms) get the source as it is, with the terms of each
// segment in mt.Request.Terms (Options.Verify), and their drafts are
// verified against the termbase instead: a forbidden term fails the
// segment, a missing one is flagged ("engine-term-missing", beside the
// check term-missing of package qa). Tokens would cost them the
// sentence's grammar, as they do Apertium's, and a neural engine does not
// carry a made-up word through reliably.
package termguard
