package segment

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/format/plaintext"
)

// part is one run of a hand-built block: verbatim text, an atomic run (its
// source bytes differ from its text) or a code.
type part struct {
	src  string // source bytes
	text string // the run's text (for text runs)
	kind document.CodeKind
	id   string // non-empty for a code
	typ  string // the code's type ("fmt" if empty)
}

func T(s string) part         { return part{src: s, text: s} }
func A(src, text string) part { return part{src: src, text: text} }
func O(id, data string) part  { return part{src: data, kind: document.Open, id: id} }
func C(id, data string) part  { return part{src: data, kind: document.Close, id: id} }
func S(id, data string) part  { return part{src: data, kind: document.Standalone, id: id} }
func B(id, data string) part  { return part{src: data, kind: document.Standalone, id: id, typ: "break"} }

// build makes a document of one block "b1" whose content is parts, preceded
// by a line of prefix so that spans do not start at 0.
func build(parts ...part) *document.Document {
	const prefix = "Titre\n\n"
	src := prefix
	for _, p := range parts {
		src += p.src
	}
	doc := document.New("t.md", "markdown", language.French, []byte(src))
	b := document.Block{ID: "b1", Span: document.Span{Start: len(prefix), End: len(src)}}
	at := len(prefix)
	for _, p := range parts {
		sp := document.Span{Start: at, End: at + len(p.src)}
		at = sp.End
		if p.id != "" {
			typ := p.typ
			if typ == "" {
				typ = "fmt"
			}
			b.Content = append(b.Content, document.Run{Span: sp, Code: &document.Code{ID: p.id, Kind: p.kind, Type: typ, Data: p.src, Disp: p.src}})
			continue
		}
		b.Content = append(b.Content, document.Run{Text: p.text, Span: sp})
	}
	doc.Blocks = []document.Block{b}
	return doc
}

func TestBlock(t *testing.T) {
	fr, err := New(language.French)
	require.NoError(t, err)
	cases := []struct {
		name  string
		parts []part
		want  []string // source bytes of each segment
	}{
		{"one text run", []part{T("M. Dupont arrive. Il parle.")}, []string{"M. Dupont arrive.", "Il parle."}},
		{"closing code goes with the sentence it ends",
			[]part{O("1", "**"), T("Phrase."), C("1", "**"), T(" Suite.")}, []string{"**Phrase.**", "Suite."}},
		{"opening code goes with the sentence it opens",
			[]part{T("Phrase. "), O("1", "**"), T("Suite."), C("1", "**")}, []string{"Phrase.", "**Suite.**"}},
		{"pair around two sentences",
			[]part{O("1", "**"), T("Phrase. Suite."), C("1", "**")}, []string{"**Phrase.", "Suite.**"}},
		{"closing then opening code",
			[]part{O("1", "*"), T("Phrase."), C("1", "*"), T(" "), O("2", "_"), T("Suite."), C("2", "_")},
			[]string{"*Phrase.*", "_Suite._"}},
		{"closing code after a space",
			[]part{O("1", "<b>"), T("Phrase. "), C("1", "</b>"), T("Suite.")}, []string{"<b>Phrase. </b>", "Suite."}},
		{"standalone code touching the end",
			[]part{T("Phrase."), S("1", "<br/>"), T(" Suite.")}, []string{"Phrase.<br/>", "Suite."}},
		{"standalone code touching the start",
			[]part{T("Phrase. "), S("1", "![logo](l.png)"), T("Suite.")}, []string{"Phrase.", "![logo](l.png)Suite."}},
		{"standalone code between spaces",
			[]part{T("Phrase. "), S("1", "<img/>"), T(" Suite.")}, []string{"Phrase.", "<img/> Suite."}},
		{"link ends a sentence",
			[]part{T("Voir "), O("1", "["), T("le site de CGLU"), C("1", "](https://www.uclg.org)"), T(". Merci.")},
			[]string{"Voir [le site de CGLU](https://www.uclg.org).", "Merci."}},
		{"code inside an abbreviation",
			[]part{O("1", "**"), T("M."), C("1", "**"), T(" Dupont arrive.")}, []string{"**M.** Dupont arrive."}},
		{"codes at the block edges",
			[]part{O("1", "["), T("Pour en savoir plus : CGLU. Suite"), C("1", "]")}, []string{"[Pour en savoir plus : CGLU.", "Suite]"}},
		{"codes only", []part{O("1", "["), C("1", "]")}, []string{"[]"}},
		{"one standalone code", []part{S("1", "![](x.png)")}, []string{"![](x.png)"}},
		{"codes and blanks", []part{T(" "), S("1", "<br/>"), T(" "), S("2", "<hr/>"), T(" ")}, []string{"<br/> <hr/>"}},
		{"white space only", []part{T(" \u00a0 ")}, nil},
		{"atomic white space only", []part{T(" "), A("\n", " ")}, nil},
		{"surrounding white space", []part{T("  Phrase un. Phrase deux.\u00a0")}, []string{"Phrase un.", "Phrase deux."}},
		{"no-break spaces at the edges and between sentences",
			[]part{T("\u00a0Est-ce clair\u00a0?\u202fOui.\u202f")}, []string{"Est-ce clair\u00a0?", "Oui."}},
		{"no-break spaces inside guillemets",
			[]part{T("«\u00a0Est-ce clair\u00a0?\u00a0» Il hésita.")}, []string{"«\u00a0Est-ce clair\u00a0?\u00a0»", "Il hésita."}},
		{"soft line break between sentences",
			[]part{T("Phrase un."), A("\n", " "), T("Phrase deux.")}, []string{"Phrase un.", "Phrase deux."}},
		{"container prefix between sentences",
			[]part{T("Phrase un."), A("\n> ", " "), T("Phrase deux.")}, []string{"Phrase un.", "Phrase deux."}},
		{"soft line break inside a sentence",
			[]part{T("La réunion enverra un message fort"), A("\n", " "), T("aux Nations Unies. Elle aura lieu.")},
			[]string{"La réunion enverra un message fort\naux Nations Unies.", "Elle aura lieu."}},
		{"entity inside a sentence",
			[]part{T("Dupont "), A("&amp;", "&"), T(" Fils. Suite.")}, []string{"Dupont &amp; Fils.", "Suite."}},
		{"entity ends a sentence",
			[]part{T("Fin"), A("&#46;", "."), T(" Suite.")}, []string{"Fin&#46;", "Suite."}},
		{"boundary inside an atomic run moves to its start",
			[]part{T("Première phrase"), A("&#x2E; Deuxième", ". Deuxième"), T(" phrase.")},
			[]string{"Première phrase", "&#x2E; Deuxième phrase."}},
		{"atomic run of two spaces between sentences",
			[]part{T("Phrase un."), A("\n\\ ", "  "), T("Phrase deux.")}, []string{"Phrase un.", "Phrase deux."}},
		{"empty text runs", []part{T(""), T("Phrase un. "), T(""), T("Phrase deux."), T("")}, []string{"Phrase un.", "Phrase deux."}},
		{"line break code between sentences",
			[]part{T("Phrase un."), B("1", "\\\n"), T("Phrase deux.")}, []string{"Phrase un.\\\n", "Phrase deux."}},
		{"line break code inside a sentence",
			[]part{T("CGLU"), B("1", "  \n"), T("Carrer Avinyó 15"), B("2", "  \n"), T("Barcelone")},
			[]string{"CGLU  \nCarrer Avinyó 15  \nBarcelone"}},
		{"line break code after an abbreviation",
			[]part{T("Signé : M."), B("1", "<br>"), T("Dupont")}, []string{"Signé : M.<br>Dupont"}},
		{"other standalone code reads as nothing",
			[]part{T("Phrase un."), S("1", "<img/>"), T("Phrase deux.")}, []string{"Phrase un.<img/>Phrase deux."}},
		{"many text runs", []part{T("Phrase "), T("un. "), T("Phrase"), T(" deux.")}, []string{"Phrase un.", "Phrase deux."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := build(c.parts...)
			fr.Document(doc)
			requireSegments(t, doc)
			assert.Equal(t, c.want, segmentTexts(doc, &doc.Blocks[0]))
		})
	}
}

func TestBlockIDsAndResegmentation(t *testing.T) {
	fr, err := New(language.French)
	require.NoError(t, err)
	doc := build(T("Un. Deux. Trois."))
	doc.Blocks[0].ID = "b7"
	doc.Blocks[0].Segments = []document.Segment{{ID: "stale"}}
	fr.Block(doc.Source, &doc.Blocks[0])
	var ids []string
	for _, s := range doc.Blocks[0].Segments {
		ids = append(ids, s.ID)
	}
	assert.Equal(t, []string{"b7s1", "b7s2", "b7s3"}, ids)
	requireSegments(t, doc)

	// Segment runs are pieces of the block's runs, with spans into the source.
	s := doc.Blocks[0].Segments[1]
	require.Len(t, s.Source, 1)
	assert.Equal(t, "Deux.", s.Source[0].Text)
	assert.Equal(t, "Deux.", doc.Text(s.Source[0].Span))
	assert.Equal(t, "Deux.", s.Source.Key())
}

func TestBlockSourceOutsideSpans(t *testing.T) {
	// Without the document's source every text run counts as atomic: the
	// block stays whole instead of being cut in the wrong place.
	fr, err := New(language.French)
	require.NoError(t, err)
	doc := build(T("Un. Deux."))
	fr.Block(nil, &doc.Blocks[0])
	assert.Equal(t, []string{"Un. Deux."}, segmentTexts(doc, &doc.Blocks[0]))
}

func TestBlockPlaintext(t *testing.T) {
	fr, err := New(language.French)
	require.NoError(t, err)
	src := "Titre\n\n" +
		"Première phrase du paragraphe\nqui continue. Deuxième\u00a0? Oui !\n\n" +
		"[Pour en savoir plus : Conférence de haut niveau. Beyrouth]\n\n" +
		"  Ligne indentée.  \r\n  Suite.\r\n"
	doc, err := plaintext.New().Extract("a.txt", []byte(src))
	require.NoError(t, err)
	fr.Document(doc)
	requireSegments(t, doc)
	var got []string
	for i := range doc.Blocks {
		got = append(got, segmentTexts(doc, &doc.Blocks[i])...)
	}
	assert.Equal(t, []string{
		"Titre",
		"Première phrase du paragraphe\nqui continue.", "Deuxième\u00a0?", "Oui !",
		"[Pour en savoir plus : Conférence de haut niveau.", "Beyrouth]",
		"Ligne indentée.", "Suite.",
	}, got)
	assert.Equal(t, "{1}Pour en savoir plus : Conférence de haut niveau.", doc.Blocks[2].Segments[0].Source.Key())
	assert.Equal(t, "Première phrase du paragraphe qui continue.", doc.Blocks[1].Segments[0].Source.Plain())

	// Identity merge gives back the source.
	targets := map[string]document.Content{}
	for _, s := range doc.Segments() {
		targets[s.ID] = s.Source
	}
	var out bytes.Buffer
	require.NoError(t, plaintext.New().Merge(&out, doc, targets))
	assert.Equal(t, src, out.String())

	// A translation replaces segments one by one and keeps the gaps.
	targets = map[string]document.Content{}
	for i, s := range doc.Blocks[1].Segments {
		targets[s.ID] = document.Text("S" + strconv.Itoa(i+1) + ".")
	}
	out.Reset()
	require.NoError(t, plaintext.New().Merge(&out, doc, targets))
	assert.Contains(t, out.String(), "Titre\n\nS1. S2. S3.\n\n")
}
