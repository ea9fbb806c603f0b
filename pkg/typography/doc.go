// Package typography makes a draft follow the typography of its own
// language: French spacing before : ; ! ? and inside « » becomes English
// typography (no space, “ ” quotes) in English drafts and Spanish
// typography (« » without inner spaces, or “ ” when configured) in Spanish
// ones, and the no-break spaces the target does not use go. It also finds
// dates written in the common French forms (6 novembre 2017, du 7 au 8
// novembre, juin 2017) and renders them as the target language writes them
// (6 November 2017, del 7 al 8 de noviembre, junio de 2017).
//
// Apply works on a target's text runs and never touches its codes. Dates
// works on French source text: package termguard protects the dates it
// finds before machine translation and puts the rendered ones back after,
// so that the engine never sees them.
package typography
