package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/relais-tm/relais/pkg/leverage"
)

// Analysis is the leverage analysis of a batch (relais analyze): segments
// and words by band, per file and in total, and the weighted word count.
// Its JSON form is part of the documented schema.
type Analysis struct {
	Schema   int                `json:"schema"` // SchemaVersion
	From     string             `json:"from"`
	To       []string           `json:"to"`
	Weights  map[string]float64 `json:"weights"` // band name → weight
	Files    []FileAnalysis     `json:"files"`   // in path order
	Total    []LangAnalysis     `json:"total"`   // one per target language
	Segments int                `json:"segments"`
	Words    int                `json:"words"`
	weights  Weights
}

// FileAnalysis is one file's leverage.
type FileAnalysis struct {
	Path     string         `json:"path"`
	Segments int            `json:"segments"`
	Words    int            `json:"words"`
	Langs    []LangAnalysis `json:"langs"`
}

// LangAnalysis is the leverage in one language.
type LangAnalysis struct {
	Lang     string     `json:"lang"`
	Bands    BandCounts `json:"bands"`
	Weighted float64    `json:"weighted_words"` // words weighed by band, rounded to 0.01
	// MTCharacters are the characters a machine translation engine would
	// be sent: the source text of the segments the memory does not fill,
	// repetitions once. What remote engines bill.
	MTCharacters int `json:"mt_characters"`
}

// Analyze counts the batch by band, with the same count as Summarize.
func Analyze(b *Batch, w Weights) *Analysis {
	a := &Analysis{Schema: SchemaVersion, From: b.From, To: b.Langs, Weights: map[string]float64{}, weights: w,
		Total: make([]LangAnalysis, len(b.Langs)), Files: []FileAnalysis{}}
	if a.To == nil {
		a.To = []string{}
	}
	for _, band := range leverage.Bands() {
		a.Weights[band.String()] = w[band]
	}
	for li, l := range b.Langs {
		a.Total[li].Lang = l
	}
	for fi := range b.Files {
		f := &b.Files[fi]
		fa := FileAnalysis{Path: f.Path, Langs: make([]LangAnalysis, len(b.Langs))}
		for _, sg := range f.Segments {
			fa.Segments++
			fa.Words += sg.Words
		}
		for li, l := range b.Langs {
			bc := bandsOf(f, li)
			fa.Langs[li] = LangAnalysis{Lang: l, Bands: bc, Weighted: round2(w.Weighted(bc)), MTCharacters: mtCharacters(f, li)}
			a.Total[li].Bands.plus(bc)
			a.Total[li].MTCharacters += fa.Langs[li].MTCharacters
		}
		a.Segments += fa.Segments
		a.Words += fa.Words
		a.Files = append(a.Files, fa)
	}
	for li := range a.Total {
		a.Total[li].Weighted = round2(w.Weighted(a.Total[li].Bands))
	}
	return a
}

// mtCharacters counts the characters of the source text of f's segments
// that the memory leaves to machine translation in language li, each
// repeated segment once.
func mtCharacters(f *File, li int) int {
	n := 0
	for _, sg := range f.Segments {
		if li >= len(sg.Drafts) {
			continue
		}
		if d := sg.Drafts[li]; d.Target == nil && d.Band != leverage.Repetition {
			n += utf8.RuneCountInString(sg.Source.Plain())
		}
	}
	return n
}

func round2(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 2, 64), 64)
	return v
}

// WriteJSON writes the analysis as indented JSON.
func (a *Analysis) WriteJSON(w io.Writer) error { return writeJSON(w, a) }

// WriteCSV writes one row per file, language and band (and a file "*" for
// the totals): file,lang,band,segments,words,weight,weighted_words.
func (a *Analysis) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"file", "lang", "band", "segments", "words", "weight", "weighted_words"})
	rows := func(path string, langs []LangAnalysis) {
		for _, la := range langs {
			for _, b := range leverage.Bands() {
				c := la.Bands.At(b)
				_ = cw.Write([]string{path, la.Lang, b.String(), strconv.Itoa(c.Segments), strconv.Itoa(c.Words),
					num(a.weights[b]), num(round2(a.weights[b] * float64(c.Words)))})
			}
		}
	}
	for _, f := range a.Files {
		rows(f.Path, f.Langs)
	}
	rows("*", a.Total)
	cw.Flush()
	return cw.Error()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// WriteTable writes the analysis for a terminal: per language the totals
// by band (segments, words, weight, weighted words), then the words by band
// of every file.
func (a *Analysis) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "Leverage analysis: %d file(s), %d segment(s), %d word(s), %s → %s\n",
		len(a.Files), a.Segments, a.Words, a.From, strings.Join(a.To, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, la := range a.Total {
		fmt.Fprintf(tw, "\n%s\tsegments\twords\tweight\tweighted\t\n", la.Lang)
		for _, b := range leverage.Bands() {
			c := la.Bands.At(b)
			fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\t\n", b.Label(), c.Segments, c.Words, a.weights[b], a.weights[b]*float64(c.Words))
		}
		t := la.Bands.Total()
		fmt.Fprintf(tw, "total\t%d\t%d\t\t%.2f\t\n", t.Segments, t.Words, la.Weighted)
		fmt.Fprintf(tw, "to the engine\t%d characters\t\t\t\t\n", la.MTCharacters)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nWords by band, per file:\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "file\tlang\t")
	for _, b := range leverage.Bands() {
		fmt.Fprintf(tw, "%s\t", bandArg(b))
	}
	fmt.Fprint(tw, "total\tweighted\t\n")
	line := func(path string, la LangAnalysis) {
		fmt.Fprintf(tw, "%s\t%s\t", path, la.Lang)
		for _, b := range leverage.Bands() {
			fmt.Fprintf(tw, "%d\t", la.Bands.At(b).Words)
		}
		fmt.Fprintf(tw, "%d\t%.2f\t\n", la.Bands.Total().Words, la.Weighted)
	}
	for _, f := range a.Files {
		for _, la := range f.Langs {
			line(f.Path, la)
		}
	}
	for _, la := range a.Total {
		line("total", la)
	}
	return tw.Flush()
}
