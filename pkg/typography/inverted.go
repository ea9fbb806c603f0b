package typography

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/document"
)

// A Spanish interrogative or exclamative word that opens a question after a
// comma: "Y usted, ¿qué piensa?".
var spanishAsk = regexp.MustCompile(`(?i), +(qué|cómo|cuándo|dónde|adónde|quién|quiénes|cuál|cuáles|cuánto|cuánta|cuántos|cuántas|por qué|acaso)(?:\s|$)`)

// openSpanish writes the opening "¿" or "¡" each Spanish question or
// exclamation of c lacks: where it starts, after the sentence end, the
// opening quote or bracket before it ("«¡Realmente!» dijo"), or after a
// comma before an interrogative word ("Y usted, ¿qué piensa?"), or else
// at the start of the text. c is not modified.
func openSpanish(c document.Content) document.Content {
	plain := c.Plain()
	var inserts []struct {
		at   int
		mark string
	}
	for k, r := range plain {
		open := map[rune]string{'?': "¿", '!': "¡"}[r]
		if open == "" || inWord(plain, k+utf8.RuneLen(r)) {
			continue // "?db=" in an address asks nothing
		}
		start := clauseStart(plain[:k])
		if strings.Contains(plain[start:k], open) || strings.TrimSpace(plain[start:k]) == "" {
			continue
		}
		if ms := spanishAsk.FindAllStringSubmatchIndex(plain[start:k], -1); open == "¿" && len(ms) > 0 {
			start += ms[len(ms)-1][2]
		}
		for start < k {
			r, n := utf8.DecodeRuneInString(plain[start:])
			if !strings.ContainsRune(" \u00a0\"'“‘«([", r) {
				break
			}
			start += n
		}
		inserts = append(inserts, struct {
			at   int
			mark string
		}{start, open})
	}
	for i := len(inserts) - 1; i >= 0; i-- {
		c = insertAt(c, inserts[i].at, inserts[i].mark)
	}
	return c
}

// insertAt returns c with s inserted at offset at of its plain text, in
// the text run there (or before the code there).
func insertAt(c document.Content, at int, s string) document.Content {
	out := make(document.Content, 0, len(c)+1)
	done := false
	pos := 0
	for _, r := range c {
		switch {
		case done:
		case r.Code == nil && at <= pos+len(r.Text):
			r.Text = r.Text[:at-pos] + s + r.Text[at-pos:]
			done = true
		case r.Code != nil && at == pos:
			out = append(out, document.Run{Text: s})
			done = true
		}
		if r.Code == nil && !done {
			pos += len(r.Text)
		}
		out = append(out, r)
	}
	return out
}

// clauseStart returns where the last sentence or quotation of text starts:
// after the last ". ", "! ", "? ", "… " (a full stop inside a number or a
// name, "0.24", "www.a.org", ends nothing), or after the last "«", "“",
// "(" or "["; 0 when there is none.
func clauseStart(text string) int {
	for i := len(text); i > 0; {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		i -= n
		switch {
		case strings.ContainsRune("«“([", r):
			return i + n
		case strings.ContainsRune(".!?…", r):
			if next, _ := utf8.DecodeRuneInString(text[i+n:]); i+n == len(text) || unicode.IsSpace(next) {
				return i + n
			}
		}
	}
	return 0
}

// inWord reports whether text at i goes on with a letter or a digit: a
// mark before it is inside a word or an address, not the end of a clause.
func inWord(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return i < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
