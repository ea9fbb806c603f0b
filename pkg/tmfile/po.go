package tmfile

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/po"
)

// readPO reads the translated entries of a PO file: msgid and msgstr, and
// for a plural entry msgid_plural and msgstr[1] as a second pair (the other
// plural forms have no source of their own). Obsolete entries are left
// out, and fuzzy ones unless o.AcceptFuzzy. The target language is the
// header's Language, else o.TgtLang; the source language is the header's
// X-Source-Language (Weblate writes it), else o.SrcLang. A msgctxt is kept
// as the unit's property x-context, the first reference as its document.
func readPO(path string, data []byte, o Options) (Result, error) {
	f, err := po.Read(path, bytes.NewReader(data))
	if err != nil {
		return Result{}, err
	}
	src, tgt := o.SrcLang, o.TgtLang
	if f.Header != nil {
		if v, ok := f.Header.Get("X-Source-Language"); ok && v != "" {
			if src, err = poLanguage(path, f.Header.Pos, "X-Source-Language", v); err != nil {
				return Result{}, err
			}
		}
		if f.Header.Language != "" {
			if tgt, err = poLanguage(path, f.Header.Pos, "Language", f.Header.Language); err != nil {
				return Result{}, err
			}
		}
	}
	switch {
	case src == language.Und:
		return Result{}, fmt.Errorf("%s: the file does not say its source language: give it with --from", path)
	case tgt == language.Und:
		return Result{}, fmt.Errorf("%s: the header has no Language: give the target language with --lang", path)
	}
	var res Result
	for _, e := range f.Entries {
		if e.Obsolete || e.Fuzzy && !o.AcceptFuzzy || strings.TrimSpace(e.ID) == "" {
			res.Skipped++
			continue
		}
		pairs := [][2]string{{e.ID, e.Str[0]}}
		if e.HasPlural && len(e.Str) > 1 && e.IDPlural != "" {
			pairs = append(pairs, [2]string{e.IDPlural, e.Str[1]})
		}
		for _, p := range pairs {
			if strings.TrimSpace(p[1]) == "" {
				res.Skipped++
				continue
			}
			u := memory.Unit{SrcLang: src, TgtLang: tgt, Source: o.content(p[0]), Target: o.content(p[1]),
				Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated, Author: o.Author}
			if e.HasContext {
				u.Props = append(u.Props, memory.Prop{Type: "x-context", Value: e.Context})
			}
			if len(e.References) > 0 {
				u.Doc, _, _ = strings.Cut(e.References[0], ":")
			}
			u.Notes = append(u.Notes, e.Comments...)
			res.Units = append(res.Units, u)
		}
	}
	return res, nil
}

// poLanguage reads a language of a PO header ("pt_BR" is "pt-BR").
func poLanguage(path string, at document.Position, field, v string) (language.Tag, error) {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(v), "_", "-"))
	if err != nil {
		return language.Und, &document.PosError{Path: path, Pos: at, Err: fmt.Errorf("header field %s: %q is not a language tag", field, v)}
	}
	return t, nil
}
