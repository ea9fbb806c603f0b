package xliff

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// everyCodeDoc is a small article with every kind of code: pairs inside a
// segment (pc), a pair split across segments (sc/ec), overlapping pairs
// (sc/ec in one segment), codes whose partner is not in the block
// (isolated), standalone codes, data with a control character (cp), and
// text with markup characters, "]]>" and no-break spaces.
func everyCodeDoc(t testing.TB) *document.Document {
	t.Helper()
	const nbsp = "\u00a0"
	return build(t, "articles/décret.md",
		blockSpec{kind: document.Heading, pieces: []any{
			"Décret du ", open("1", "fmt:strong", "**", "**"), "15 mars", closing("1", "fmt:strong", "**", "**"),
			nbsp + ": <ré>forme & « suite »",
		}},
		blockSpec{kind: document.Paragraph, pieces: []any{
			"Voir ", open("1", "link", "[", "["), "l'article", closing("1", "link", "](https://x.fr/a?b=1&c=2)", "](…)"),
			" et ", ph("2", "code", "`x < y`", "`…`"), ".",
			gap(" "),
			"Il dit" + nbsp + ": ", open("3", "fmt:em", "_", "_"), "oui.",
			gap("\n"),
			"Puis non", closing("3", "fmt:em", "_", "_"), ".", ph("4", "break", "  \n", "↵"),
		}},
		blockSpec{kind: document.FrontMatter, name: "title", pieces: []any{
			"Titre" + nbsp + ": ]]> fin", ph("1", "html", "<br\x0b/>", "<br/>"),
		}},
		blockSpec{kind: document.ListItem, pieces: []any{
			"A ", atomic{Text: "&", Src: "&amp;"}, " ", open("1", "fmt:strong", "**", "**"), "gras ",
			open("2", "fmt:em", "*", "*"), "mêlé", closing("1", "fmt:strong", "**", "**"), " fin",
			closing("2", "fmt:em", "*", "*"),
		}},
		blockSpec{kind: document.TableCell, pieces: []any{
			closing("1", "xref", "]", "]"), "cellule ", open("2", "xref", "[", "["), "ouverte",
		}},
		blockSpec{kind: document.Attribute, pieces: []any{"Titre du lien"}},
	)
}

// everyCodeTranslations covers every state and every origin, a target that
// repeats a code, and a translation that is not written (no origin,
// initial).
func everyCodeTranslations() map[string]document.Translation {
	tr := func(st document.State, o document.Origin, runs ...document.Run) document.Translation {
		return document.Translation{Target: runs, State: st, Origin: o}
	}
	O, C, S := document.Open, document.Close, document.Standalone
	return map[string]document.Translation{
		"b1s1": tr(document.Translated, document.Origin{Kind: document.FromExact, Score: 100},
			txt("Decree of "), ref("1", O), txt("15 March"), ref("1", C), txt(": <re>form & “next”")),
		"b2s1": tr(document.Reviewed, document.Origin{Kind: document.FromHuman},
			txt("See "), ref("1", O), txt("the article"), ref("1", C), txt(" and "), ref("2", S), txt(".")),
		"b2s2": tr(document.Translated, document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"},
			txt("He says: "), ref("3", O), txt("yes.")),
		"b2s3": tr(document.Final, document.Origin{Kind: document.FromInContext, Score: 101},
			txt("Then no"), ref("3", C), txt("."), ref("4", S), ref("4", S)),
		"b3s1": tr(document.Translated, document.Origin{Kind: document.FromFuzzy, Score: 87},
			txt("Title: ]]> end"), ref("1", S)),
		"b4s1": tr(document.Initial, document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-en"},
			txt("A & "), ref("1", O), txt("bold "), ref("2", O), txt("mixed"), ref("1", C), txt(" end"), ref("2", C)),
		"b6s1": tr(document.Initial, document.Origin{}, txt("Link title")),
	}
}

// everyCodeFile is the File of everyCodeDoc in English.
func everyCodeFile(t testing.TB) *File {
	return FromDocument(everyCodeDoc(t), language.English, everyCodeTranslations())
}

// everyCodeMatches are candidates for the every-code article, as relais
// offers them: the earlier translation of a changed heading (a pair of
// codes), a memory suggestion whose codes are not the segment's (other
// data, a repeated code, a pair split across its source), one a codes'
// clash makes unwritable, and one for no segment.
func everyCodeMatches() map[string][]Match {
	O, C, S := document.Open, document.Close, document.Standalone
	code := func(id string, k document.CodeKind, typ, data, disp string) document.Run {
		return document.Run{Code: &document.Code{ID: id, Kind: k, Type: typ, Data: data, Disp: disp}}
	}
	return map[string][]Match{
		"b1s1": {{Origin: "relais:previous", Type: "tm", Similarity: 93,
			Source: document.Content{txt("Décret du "), code("1", O, "fmt:strong", "**", "**"), txt("14 mars"), code("1", C, "fmt:strong", "**", "**"), txt(" : réforme")},
			Target: document.Content{txt("Decree of "), code("1", O, "fmt:strong", "**", "**"), txt("14 March"), code("1", C, "fmt:strong", "**", "**"), txt(": reform")}}},
		"b2s1": {
			{Origin: "relais:memory", Type: "tm", Similarity: 71,
				Source: document.Content{txt("Lire "), code("1", O, "link", "[", "["), txt("la note"), code("1", C, "link", "](/n)", "](…)"),
					txt(" puis "), code("2", S, "html", "<br>", ""), txt("fin")},
				Target: document.Content{txt("Read "), code("1", O, "link", "[", "["), txt("the note"), code("1", C, "link", "](/n)", "](…)"),
					code("2", S, "html", "<br>", ""), txt(" then "), code("2", S, "html", "<br>", ""), txt("end")}},
			{Origin: "relais:memory", Type: "tm", Similarity: 60,
				Source: document.Content{txt("Voir "), code("1", S, "", "x", ""), code("1", S, "", "y", "")},
				Target: document.Content{txt("See")}}, // two codes with one ID: left out
		},
		"b4s1": {{Origin: "relais:memory", Type: "tm", Similarity: 64,
			Source: document.Content{code("1", O, "fmt:strong", "**", "**"), txt("gras"), code("2", O, "fmt:em", "*", "*"), txt(" mêlé"), code("1", C, "fmt:strong", "**", "**"), code("2", C, "fmt:em", "*", "*")},
			Target: document.Content{code("2", O, "fmt:em", "*", "*"), txt("bold mixed"), code("2", C, "fmt:em", "*", "*")}}},
		"b9s9": {{Origin: "relais:memory", Source: document.Content{txt("x")}, Target: document.Content{txt("y")}}},
	}
}

// everyCodeFileWithMatches is everyCodeFile with everyCodeMatches added.
func everyCodeFileWithMatches(t testing.TB) *File {
	f := everyCodeFile(t)
	f.AddMatches(everyCodeMatches())
	return f
}
