package qa

import (
	"strings"
)

// siteToken is a piece of site syntax found in the text of a block: a
// template tag, a shortcode, an admonition marker, a footnote reference or
// an attribute list. The Markdown codec carries site syntax as codes or
// keeps it out of every block; what is left in text is syntax the codec
// reads as prose: a construct a translation broke (an unknown shortcode
// name, an admonition never closed), or one another codec does not know.
type siteToken struct {
	text string // the bytes, as written
	key  string // what is compared: text, with translatable titles as "…"
	what string // "template tag", "shortcode"…: for messages and pairing
	off  int    // offset in the document
	open bool   // an admonition marker that opens (":::note")
}

// knownShortcodes are bracket shortcodes recognised by name even when the
// document never closes them (Grav and WordPress-style content).
var knownShortcodes = map[string]bool{
	"center": true, "columns": true, "notice": true, "section": true, "caption": true, "gallery": true,
	"embed": true, "audio": true, "video": true, "toc": true, "ui-tabs": true, "ui-tab": true,
	"ui-accordion": true, "ui-accordion-item": true,
}

// translatableAttrs are shortcode attributes whose values are text a
// translation changes.
var translatableAttrs = map[string]bool{"title": true, "label": true, "alt": true, "caption": true}

// closedShortcodes returns the names of the bracket shortcodes text closes
// somewhere ("[/name]").
func closedShortcodes(text string, into map[string]bool) {
	for i := 0; ; {
		j := strings.Index(text[i:], "[/")
		if j < 0 {
			return
		}
		i += j + 2
		n := identLen(text[i:])
		if n > 0 && i+n < len(text) && text[i+n] == ']' {
			into[text[i:i+n]] = true
		}
	}
}

// identLen returns the length of the shortcode name at the start of s:
// ASCII letters, digits, "-" and "_", starting with a letter.
func identLen(s string) int {
	n := 0
	for n < len(s) {
		c := s[n]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case n > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_'):
		default:
			return n
		}
		n++
	}
	return n
}

// scanSite returns the site syntax of text, which starts at offset base of
// its document. names are the bracket shortcodes known to the document
// (closedShortcodes, knownShortcodes): "[name]" alone counts only for
// them, so that bracketed prose stays prose.
func scanSite(text string, base int, names map[string]bool) []siteToken {
	var out []siteToken
	add := func(i, j int, key, what string, open bool) {
		out = append(out, siteToken{text: text[i:j], key: key, what: what, off: base + i, open: open})
	}
	lineStart := true
	eol := -1 // the end of the line i is on, once found
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			lineStart = true
			i++
			continue
		}
		if lineStart && (c == ' ' || c == '\t' || c == '>') {
			i++
			continue
		}
		atStart := lineStart
		lineStart = false
		if c == '\\' {
			i += 2 // an escaped character is text
			continue
		}
		if !atStart && c != '{' && c != '[' {
			i++
			continue
		}
		if eol < i {
			if eol = strings.IndexByte(text[i:], '\n'); eol < 0 {
				eol = len(text)
			} else {
				eol += i
			}
		}
		line := text[i:eol]
		if atStart {
			if key, open, ok := admonition(line); ok {
				add(i, eol, key, "admonition marker", open)
				i = eol
				continue
			}
		}
		switch {
		case strings.HasPrefix(line, "{%"), strings.HasPrefix(line, "{{"), strings.HasPrefix(line, "{#"):
			closer := map[byte]string{'%': "%}", '{': "}}", '#': "#}"}[line[1]]
			what := "template tag"
			if line[1] == '{' {
				what = "template expression"
				if strings.HasPrefix(line, "{{<") || strings.HasPrefix(line, "{{%") {
					what = "shortcode"
				}
			}
			if line[1] == '#' && !strings.HasPrefix(line, "{# ") {
				// "{#id}" is a heading id; "{# … #}" a template comment.
				if n := attrListLen(line); n > 0 && !strings.HasSuffix(line[:n], "#}") {
					add(i, i+n, line[:n], "attribute list", false)
					i += n
					continue
				}
			}
			if j := strings.Index(text[i+2:], closer); j >= 0 {
				end := i + 2 + j + len(closer)
				if what == "template expression" && strings.HasPrefix(text[end:], "}") { // "{{ x }}}"
					end++
				}
				add(i, end, text[i:end], what, false)
				i = end
				continue
			}
		case strings.HasPrefix(line, "{:"), strings.HasPrefix(line, "{."), strings.HasPrefix(line, "{ ."), strings.HasPrefix(line, "{ #"), strings.HasPrefix(line, "{ :"):
			if n := attrListLen(line); n > 0 {
				add(i, i+n, line[:n], "attribute list", false)
				i += n
				continue
			}
		case strings.HasPrefix(line, "[^"):
			n := footnoteLen(line)
			if n > 0 {
				add(i, i+n, line[:n], "footnote reference", false)
				i += n
				continue
			}
		case c == '[':
			if n, key := shortcodeLen(line, names); n > 0 {
				add(i, i+n, key, "shortcode", false)
				i += n
				continue
			}
		}
		i++
	}
	return out
}

// admonition reads a line that starts a block marker: ":::type[Title]"
// opens and ":::" closes (Docusaurus, remark), "!!! type "Title"" and
// "??? type" (MkDocs), "=== "Tab"" (MkDocs tabs), "!!! ¡Texto!" (a Grav
// notice, prose after the marker). The key keeps the marker and the type,
// with any title or text as "…".
func admonition(line string) (key string, open, ok bool) {
	l := strings.TrimRight(line, " \t\r")
	switch {
	case strings.HasPrefix(l, ":::"):
		n := 3
		for n < len(l) && l[n] == ':' {
			n++
		}
		rest := strings.TrimLeft(l[n:], " ")
		if rest == "" {
			return l[:n], false, true
		}
		t := identLen(rest)
		if t == 0 {
			return "", false, false
		}
		key = l[:n] + rest[:t]
		if more := strings.TrimSpace(rest[t:]); more != "" {
			key += " …"
		}
		return key, true, true
	case strings.HasPrefix(l, "!!! "), strings.HasPrefix(l, "??? "), strings.HasPrefix(l, "???+ "):
		mark, rest, _ := strings.Cut(l, " ")
		rest = strings.TrimLeft(rest, " ")
		t := identLen(rest)
		if t == 0 && rest != "" {
			// No type: a Grav notice ("!!! ¡Aunque…"), prose after the
			// marker.
			return mark + " …", false, true
		}
		if t == 0 {
			return "", false, false
		}
		key = mark + " " + rest[:t]
		if more := strings.TrimSpace(rest[t:]); more != "" {
			key += " …"
		}
		return key, false, true
	case strings.HasPrefix(l, "=== \""), strings.HasPrefix(l, "===! \""), strings.HasPrefix(l, "===+ \""):
		mark, _, _ := strings.Cut(l, " ")
		return mark + " …", false, true
	}
	return "", false, false
}

// attrListLen returns the length of the attribute list at the start of s
// ("{: .class #id key="v"}", "{.class}", "{#id}"), or 0.
func attrListLen(s string) int {
	j := strings.IndexByte(s, '}')
	if j < 2 {
		return 0
	}
	body := strings.TrimSpace(strings.TrimPrefix(s[1:j], ":"))
	if body == "" {
		return 0
	}
	if body[0] != '.' && body[0] != '#' && !strings.Contains(body, "=") {
		return 0
	}
	for _, r := range body {
		if r == '{' || r == '%' {
			return 0
		}
	}
	return j + 1
}

// footnoteLen returns the length of the footnote reference at the start of
// s ("[^1]", "[^note]"), or 0.
func footnoteLen(s string) int {
	for n := 2; n < len(s); n++ {
		switch c := s[n]; {
		case c == ']':
			if n == 2 {
				return 0
			}
			return n + 1
		case c == ' ' || c == '\t' || c == '[' || c == '^':
			return 0
		}
	}
	return 0
}

// shortcodeLen returns the length of the bracket shortcode at the start of
// s and its key, or 0: "[/name]" always; "[name/]", "[name attr=…]" and
// "[name]" when the name is known.
func shortcodeLen(s string, names map[string]bool) (int, string) {
	i := 1
	closing := strings.HasPrefix(s, "[/")
	if closing {
		i = 2
	}
	n := identLen(s[i:])
	if n == 0 {
		return 0, ""
	}
	name := s[i : i+n]
	j := strings.IndexByte(s, ']')
	if j < 0 || strings.LastIndexByte(s[:j], '[') > 0 {
		return 0, ""
	}
	inner := s[i+n : j]
	if closing {
		if inner != "" {
			return 0, ""
		}
		return j + 1, s[:j+1]
	}
	self := strings.HasSuffix(strings.TrimSpace(inner), "/")
	attrs := strings.TrimSuffix(strings.TrimSpace(inner), "/")
	if inner != "" && inner[0] != ' ' && inner[0] != '/' {
		return 0, ""
	}
	hasAttr := strings.Contains(attrs, "=")
	if !self && !hasAttr && !(attrs == "" && names[name]) {
		return 0, ""
	}
	if hasAttr && !names[name] && !looksLikeAttrs(attrs) {
		return 0, ""
	}
	key := "[" + name + maskAttrs(attrs)
	if self {
		key += "/"
	}
	return j + 1, key + "]"
}

// looksLikeAttrs reports whether s reads as shortcode attributes: every
// word before an "=" is a name.
func looksLikeAttrs(s string) bool {
	for _, part := range strings.Split(s, "=")[:strings.Count(s, "=")] {
		f := strings.Fields(part)
		if len(f) == 0 || identLen(f[len(f)-1]) != len(f[len(f)-1]) {
			return false
		}
	}
	return true
}

// maskAttrs returns shortcode attributes with the values of translatable
// ones (title, label, alt, caption) as "…".
func maskAttrs(attrs string) string {
	if strings.TrimSpace(attrs) == "" {
		return ""
	}
	var b strings.Builder
	s := attrs
	for s != "" {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			b.WriteString(s)
			break
		}
		name := strings.TrimSpace(s[:eq])
		if f := strings.Fields(name); len(f) > 0 {
			name = f[len(f)-1]
		}
		b.WriteString(s[:eq+1])
		s = s[eq+1:]
		end := len(s)
		if s != "" && (s[0] == '"' || s[0] == '\'') {
			if k := strings.IndexByte(s[1:], s[0]); k >= 0 {
				end = k + 2
			}
		} else if k := strings.IndexAny(s, " \t"); k >= 0 {
			end = k
		}
		if translatableAttrs[strings.ToLower(name)] {
			b.WriteString("…")
		} else {
			b.WriteString(s[:end])
		}
		s = s[end:]
	}
	return " " + strings.TrimSpace(b.String())
}
