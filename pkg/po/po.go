package po

import (
	"strings"

	"github.com/relais-tm/relais/pkg/document"
)

// File is a PO file as read: its header, if it has one, and its other
// entries in file order.
type File struct {
	Header  *Header // nil when the file has no header entry
	Entries []Entry // every entry but the header, obsolete ones included
}

// Entry is one message of a PO file.
type Entry struct {
	Context    string // msgctxt; "" when absent or empty
	HasContext bool   // whether the entry has a msgctxt, even an empty one
	ID         string // msgid
	IDPlural   string // msgid_plural; "" when absent or empty
	HasPlural  bool   // whether the entry has msgid_plural and so msgstr[N] forms
	// Str holds the translation: one msgstr, or msgstr[0], msgstr[1]… in
	// index order when HasPlural is set. It is never empty.
	Str []string

	Fuzzy    bool     // whether the flags hold "fuzzy"
	Flags    []string // every flag of the "#," lines in order, "fuzzy" included
	Obsolete bool     // whether the entry is written with "#~"

	Previous        string // msgid of "#| msgid": the source before the last msgmerge
	PreviousContext string // msgctxt of "#| msgctxt"
	PreviousPlural  string // msgid_plural of "#| msgid_plural"

	Comments   []string // translator comments ("# "), without "#" and one space
	Extracted  []string // extracted comments ("#."), without "#." and one space
	References []string // items of the "#:" lines, such as "src/main.c:42"

	Pos document.Position // where the entry's first line starts
}

// Header is the header entry of a PO file (msgid "", no msgctxt), with the
// "Key: value" lines of its msgstr parsed. The embedded Entry keeps it as
// written: its comments, its flags (a template's header is often fuzzy) and
// its msgstr in Str[0].
type Header struct {
	Entry
	Fields      []Field // the "Key: value" lines in order; lines without a colon are left out
	Language    string  // value of the Language field ("fr", "pt_BR"), "" when absent
	PluralForms string  // value of the Plural-Forms field as written, "" when absent
	Charset     string  // charset of the Content-Type field ("UTF-8"), "" when absent
}

// Field is one "Key: value" line of a header, both sides trimmed.
type Field struct {
	Key, Value string
}

// Get returns the value of the first field named key, compared without
// regard to case, and whether there is one.
func (h *Header) Get(key string) (string, bool) {
	for _, f := range h.Fields {
		if strings.EqualFold(f.Key, key) {
			return f.Value, true
		}
	}
	return "", false
}

// parseHeader fills h's fields from its msgstr.
func parseHeader(h *Header) {
	raw := h.Str[0]
	for raw != "" {
		line, rest, _ := strings.Cut(raw, "\n")
		raw = rest
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		h.Fields = append(h.Fields, Field{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	h.Language, _ = h.Get("Language")
	h.PluralForms, _ = h.Get("Plural-Forms")
	ct, _ := h.Get("Content-Type")
	h.Charset = charsetOf(ct)
}

// charsetOf returns the charset parameter of a Content-Type value.
func charsetOf(ct string) string {
	i := indexFold(ct, "charset=")
	if i < 0 {
		return ""
	}
	v := ct[i+len("charset="):]
	if j := strings.IndexAny(v, "; \t"); j >= 0 {
		v = v[:j]
	}
	return strings.Trim(v, `"'`)
}

// indexFold is strings.Index for an ASCII lower-case sub, ignoring the
// case of s.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// utf8Charset reports whether a declared charset is one Read accepts.
func utf8Charset(cs string) bool {
	switch strings.ToLower(cs) {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "charset": // CHARSET: a template's placeholder
		return true
	}
	return false
}
