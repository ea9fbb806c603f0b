package align

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// FilePair is a source document and its translation: slash paths relative
// to their folders.
type FilePair struct {
	Source, Target string
}

// Pairing is what PairFiles found: the pairs, in the order of the sources,
// the sources without a translation and the targets no source claimed.
type Pairing struct {
	Pairs    []FilePair
	Unpaired []string // sources
	Unused   []string // targets
}

// PairOptions say how to pair files.
type PairOptions struct {
	From, To string // the languages' codes as sites write them in names and folders: "fr", "en"
	// Pattern, when set, gives the target of a source instead of the
	// conventions (see ParsePattern).
	Pattern *Pattern
	// SameFolder says that sources and targets are read from one folder:
	// a source is then a file that names From (NAME.fr.md, fr/…) or, as
	// Docusaurus keeps them, one under docs/ or blog/; a target, any
	// other.
	SameFolder bool
}

// PairFiles pairs the files sources (paths relative to the source folder)
// with the files targets (relative to the target folder). Without a
// pattern, a source's target is the first of these that exists:
//
//   - the same path (two folders of the same tree: articles/ and site/en/);
//   - the language in the name: NAME.fr.md with NAME.en.md, then NAME.md
//     (Hugo, Grav and many others leave the default language unmarked); a
//     source without one, with NAME.en.md;
//   - the language as a folder: fr/… with en/…, at any depth (Hugo's
//     content/fr/…, a site's /fr/ tree);
//   - Docusaurus: docs/… and blog/… with
//     i18n/en/docusaurus-plugin-content-docs/current/… and
//     i18n/en/docusaurus-plugin-content-blog/….
//
// A source named for another language than From (NAME.es.md) is left out.
// Each target is paired once, with the first source that claims it.
func PairFiles(sources, targets []string, o PairOptions) Pairing {
	have := make(map[string]bool, len(targets))
	for _, t := range targets {
		have[t] = true
	}
	var out Pairing
	taken, isSource := map[string]bool{}, map[string]bool{}
	srcs := append([]string(nil), sources...)
	sort.Strings(srcs)
	for _, s := range srcs {
		lang, _ := nameLang(s)
		if lang != "" && lang != o.From {
			continue // another language's page
		}
		if o.SameFolder && lang == "" && !hasDir(s, o.From) && !strings.HasPrefix(s, "docs/") && !strings.HasPrefix(s, "blog/") {
			continue // not marked as a source: a target, or another page
		}
		isSource[s] = true
		var cands []string
		if o.Pattern != nil {
			cands = []string{o.Pattern.Target(s, o.From, o.To)}
		} else {
			cands = conventions(s, o.From, o.To)
		}
		found := ""
		for _, c := range cands {
			if c != s || !o.SameFolder {
				if have[c] && !taken[c] {
					found = c
					break
				}
			}
		}
		if found == "" {
			out.Unpaired = append(out.Unpaired, s)
			continue
		}
		taken[found] = true
		out.Pairs = append(out.Pairs, FilePair{Source: s, Target: found})
	}
	for _, t := range targets {
		lang, _ := nameLang(t)
		if taken[t] || (o.SameFolder && isSource[t]) || (lang != "" && lang != o.To) {
			continue
		}
		out.Unused = append(out.Unused, t)
	}
	sort.Strings(out.Unused)
	return out
}

// conventions returns the targets a source may have, in the order tried.
func conventions(s, from, to string) []string {
	dir, base := path.Split(s)
	stem, ext := splitExt(base)
	out := []string{s}
	if l, name := nameLang(s); l == from {
		out = append(out, dir+name+"."+to+ext, dir+name+ext)
	} else if l == "" {
		out = append(out, dir+stem+"."+to+ext)
	}
	parts := strings.Split(s, "/")
	for i := range parts[:len(parts)-1] {
		if parts[i] == from {
			q := append([]string(nil), parts...)
			q[i] = to
			out = append(out, strings.Join(q, "/"))
		}
	}
	for _, p := range [...]struct{ src, tgt string }{{"docs/", "docusaurus-plugin-content-docs/current/"}, {"blog/", "docusaurus-plugin-content-blog/"}} {
		if rest, ok := strings.CutPrefix(s, p.src); ok {
			out = append(out, "i18n/"+to+"/"+p.tgt+rest)
		}
	}
	return out
}

// nameLang returns the language a file's name carries before its
// extension (NAME.fr.md: "fr") and the name without it, or "" and the name
// without extension when it carries none. A language is two or three
// lower-case letters, with a region or script after a hyphen.
func nameLang(p string) (lang, name string) {
	stem, _ := splitExt(path.Base(p))
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 {
		return "", stem
	}
	l := stem[i+1:]
	if !isLangCode(l) {
		return "", stem
	}
	return l, stem[:i]
}

func isLangCode(s string) bool {
	base, _, _ := strings.Cut(s, "-")
	if len(base) < 2 || len(base) > 3 {
		return false
	}
	for _, r := range base {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func splitExt(base string) (string, string) {
	ext := path.Ext(base)
	return strings.TrimSuffix(base, ext), ext
}

// hasDir reports whether a folder of the path p is named lang.
func hasDir(p, lang string) bool {
	parts := strings.Split(p, "/")
	for _, d := range parts[:len(parts)-1] {
		if d == lang {
			return true
		}
	}
	return false
}

// Pattern is the --pair-by template of a target's path, made from its
// source's. Its fields are {dir} (the source's folder, "" or ending in
// "/"), {name} (its file name without extension and language), {ext} (its
// extension, with the dot), {from} and {to} (the languages), {path} (the
// source's whole relative path): "{dir}{name}.{to}{ext}",
// "{to}/{path}", "translations/{to}/{dir}{name}{ext}".
type Pattern struct {
	parts []string // literal text and fields ("{name}") alternately, literal first
}

// patternFields are the fields a Pattern may use.
var patternFields = []string{"{dir}", "{name}", "{ext}", "{from}", "{to}", "{path}"}

// ParsePattern reads a --pair-by template.
func ParsePattern(s string) (*Pattern, error) {
	p := &Pattern{}
	lit := ""
	fields := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return nil, fmt.Errorf("pair pattern %q: column %d: a { without its }", s, i+1)
			}
			f := s[i : i+j+1]
			known := false
			for _, k := range patternFields {
				known = known || k == f
			}
			if !known {
				return nil, fmt.Errorf("pair pattern %q: column %d: unknown field %s (want one of %s)", s, i+1, f, strings.Join(patternFields, " "))
			}
			p.parts = append(p.parts, lit, f)
			lit = ""
			fields++
			i += j + 1
		case '}':
			return nil, fmt.Errorf("pair pattern %q: column %d: a } without its {", s, i+1)
		default:
			lit += s[i : i+1]
			i++
		}
	}
	p.parts = append(p.parts, lit)
	if fields == 0 {
		return nil, fmt.Errorf("pair pattern %q has no field: every source would have the same target (try \"{dir}{name}.{to}{ext}\")", s)
	}
	if strings.HasPrefix(s, "/") || strings.Contains("/"+s+"/", "/../") {
		return nil, fmt.Errorf("pair pattern %q leaves the target folder: write a path inside it", s)
	}
	return p, nil
}

// Target returns the target path of the source path src.
func (p *Pattern) Target(src, from, to string) string {
	dir, base := path.Split(src)
	_, ext := splitExt(base)
	_, name := nameLang(src)
	var b strings.Builder
	for i, part := range p.parts {
		if i%2 == 0 {
			b.WriteString(part)
			continue
		}
		switch part {
		case "{dir}":
			b.WriteString(dir)
		case "{name}":
			b.WriteString(name)
		case "{ext}":
			b.WriteString(ext)
		case "{from}":
			b.WriteString(from)
		case "{to}":
			b.WriteString(to)
		case "{path}":
			b.WriteString(src)
		}
	}
	return path.Clean(b.String())
}
