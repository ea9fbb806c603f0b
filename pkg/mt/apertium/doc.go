// Package apertium is the mt.Translator that runs the local Apertium
// engine (Debian packages apertium, apertium-fr-es, apertium-eng-spa).
//
// A batch is one apertium process per call, that is per file and language
// pair, with every segment of the file in one stream: `apertium -u -f
// html-alt MODE`. The stream form (mt.EncodeBatch) carries inline codes as
// tags that Apertium's html-alt deformatter turns into superblanks, which
// come back verbatim and in order; -u drops the '*' marks of unknown words.
// Pairs are Apertium's modes (`apertium -l`): "fr-es" for French to
// Spanish, "spa-eng" for Spanish to English. There is no French to English
// mode: mt.FindRoute chooses the pivot through Spanish.
package apertium
