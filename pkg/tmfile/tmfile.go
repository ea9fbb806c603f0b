// Package tmfile reads the files teams keep their translations in, other
// than TMX (package memory streams that), as memory units: XLIFF 1.2 and
// 2.0 exports, gettext PO files, CSV and TSV pairs. Detect tells the
// format from a file's first bytes, not its name.
//
// A text that is not markup already (a PO msgid, a CSV cell) goes through
// Options.Inline, which reads its inline Markdown and HTML into codes as
// relais's own Markdown reader does, so that a unit and a segment of a page
// with the same text have the same key. A file either gives all its units
// or an error with its path, line and column; nothing in between.
package tmfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/memory"
	"github.com/relais-tm/relais/pkg/xliff"
)

// Format is a kind of file Detect recognises.
type Format string

// The formats.
const (
	TMX     Format = "tmx"
	XLIFF   Format = "xliff"
	PO      Format = "po"
	CSV     Format = "csv"
	TSV     Format = "tsv"
	Unknown Format = ""
)

// Detect tells the format of a file from its first bytes (a few
// kilobytes): an XML document by its root element, a PO file by its
// keywords, else a table of pairs by the separator of its first line.
func Detect(head []byte) Format {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<")) {
		switch {
		case bytes.Contains(head, []byte("<tmx")):
			return TMX
		case bytes.Contains(head, []byte("<xliff")):
			return XLIFF
		}
		return Unknown
	}
	for _, line := range bytes.Split(head, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if bytes.HasPrefix(line, []byte("msgid ")) || bytes.HasPrefix(line, []byte("msgctxt ")) {
			return PO
		}
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	switch {
	case bytes.Contains(first, []byte("\t")):
		return TSV
	case bytes.Contains(first, []byte(",")) || bytes.Contains(first, []byte(";")):
		return CSV
	}
	return Unknown
}

// Options say what a file does not.
type Options struct {
	// SrcLang and TgtLang are the languages of the pairs, where the file
	// does not give them (a CSV without a header of language codes, a PO
	// file without a Language header); a file's own win.
	SrcLang, TgtLang language.Tag
	// AcceptFuzzy takes PO entries marked fuzzy, skipped otherwise.
	AcceptFuzzy bool
	// Inline reads a text into content with codes (see the package
	// documentation); nil keeps the text as it is.
	Inline func(text string) document.Content
	// Author is recorded on every unit.
	Author string
}

// content returns text read through o.Inline.
func (o Options) content(text string) document.Content {
	if o.Inline == nil {
		return document.Text(text)
	}
	return o.Inline(text)
}

// Result is what a file gave.
type Result struct {
	Units   []memory.Unit
	Skipped int // entries without a translation, or fuzzy ones not accepted
}

// Read reads the file at path, of format f, whose bytes are data.
func Read(path string, data []byte, f Format, o Options) (Result, error) {
	switch f {
	case XLIFF:
		return readXLIFF(path, data, o)
	case CSV, TSV:
		return readTable(path, data, f, o)
	case PO:
		return readPO(path, data, o)
	}
	return Result{}, fmt.Errorf("%s: not a format relais imports into the memory (TMX, XLIFF, PO, CSV or TSV)", path)
}

// readXLIFF takes the segments of an XLIFF file that have a target at
// state translated or beyond (XLIFFUnits).
func readXLIFF(path string, data []byte, o Options) (Result, error) {
	x, err := xliff.Read(path, bytes.NewReader(data))
	if err != nil {
		return Result{}, err
	}
	if x.TrgLang == language.Und {
		if o.TgtLang == language.Und {
			return Result{}, fmt.Errorf("%s: the file says no target language (trgLang): give it with --lang", path)
		}
		x.TrgLang = o.TgtLang
	}
	take := func(p xliff.Part) bool {
		return len(p.Target) > 0 && p.State != document.Initial && strings.TrimSpace(p.Target.Plain()) != ""
	}
	units, skipped := XLIFFUnits(x, take, o.Author)
	return Result{Units: units, Skipped: skipped}, nil
}

// XLIFFUnits returns the segments of x that take accepts as memory units,
// each with the neighbours it stands between among all the segments of x
// (memory.Neighbours), and how many it left. A reviewed or final segment
// enters as a person's work; a segment still translated keeps its origin
// (a machine translation stays a machine unit), a person's when it has
// none.
func XLIFFUnits(x *xliff.File, take func(xliff.Part) bool, author string) (units []memory.Unit, skipped int) {
	var parts []xliff.Part
	for _, u := range x.Units {
		for _, p := range u.Parts {
			if p.Kind == xliff.Segment {
				parts = append(parts, p)
			}
		}
	}
	keys := make([]string, len(parts))
	for i, p := range parts {
		keys[i] = p.Source.Key()
	}
	for i, p := range parts {
		if !take(p) {
			skipped++
			continue
		}
		origin := p.Origin
		if p.State >= document.Reviewed || memory.OriginText(origin) == "" {
			origin = document.Origin{Kind: document.FromHuman}
		}
		u := memory.Unit{SrcLang: x.SrcLang, TgtLang: x.TrgLang, Source: p.Source, Target: p.Target,
			Doc: x.Original, Origin: origin, State: p.State, Author: author}
		u.Prev, u.Next = memory.Neighbours(keys, i)
		units = append(units, u)
	}
	return units, skipped
}

// readTable reads pairs, one per row: source, then target. A first row of
// two language tags ("fr,en", "fr-FR\ten-GB") names the languages; any
// other first row is a pair, and the languages are o's.
func readTable(path string, data []byte, f Format, o Options) (Result, error) {
	if !utf8.Valid(data) {
		return Result{}, &document.PosError{Path: path, Pos: invalidAt(data), Err: errors.New("not UTF-8: save the file as UTF-8")}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	switch {
	case f == TSV:
		r.Comma, r.LazyQuotes = '\t', true
	case bytes.Count(firstLine(data), []byte(";")) > bytes.Count(firstLine(data), []byte(",")):
		r.Comma = ';'
	}
	src, tgt := o.SrcLang, o.TgtLang
	var res Result
	for row := 0; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Result{}, &document.PosError{Path: path, Pos: document.Position{Line: pe.Line, Col: pe.Column}, Err: pe.Err}
			}
			return Result{}, fmt.Errorf("%s: %w", path, err)
		}
		line, col := r.FieldPos(0)
		at := func(msg string) error {
			return &document.PosError{Path: path, Pos: document.Position{Line: line, Col: col}, Err: errors.New(msg)}
		}
		if len(rec) != 2 {
			return Result{}, at(fmt.Sprintf("%d columns: want two, the source and its translation", len(rec)))
		}
		if row == 0 {
			a, errA := language.Parse(strings.TrimSpace(rec[0]))
			b, errB := language.Parse(strings.TrimSpace(rec[1]))
			if errA == nil && errB == nil && len(strings.TrimSpace(rec[0])) <= 12 {
				src, tgt = a, b
				continue
			}
		}
		if src == language.Und || tgt == language.Und {
			return Result{}, at("no languages: write them in a first row (fr,en) or give --from and --lang")
		}
		if strings.TrimSpace(rec[0]) == "" {
			return Result{}, at("empty source: give each row a source and its translation")
		}
		if strings.TrimSpace(rec[1]) == "" {
			res.Skipped++
			continue
		}
		res.Units = append(res.Units, memory.Unit{SrcLang: src, TgtLang: tgt, Source: o.content(rec[0]), Target: o.content(rec[1]),
			Origin: document.Origin{Kind: document.FromHuman}, State: document.Translated, Author: o.Author})
	}
	return res, nil
}

// firstLine returns data up to its first line feed.
func firstLine(data []byte) []byte {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return line
}

// invalidAt returns the position of the first byte of data that is not
// UTF-8.
func invalidAt(data []byte) document.Position {
	pos := document.Position{Line: 1, Col: 1}
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return pos
		}
		if r == '\n' {
			pos.Line, pos.Col = pos.Line+1, 1
		} else {
			pos.Col++
		}
		data = data[n:]
	}
	return pos
}
