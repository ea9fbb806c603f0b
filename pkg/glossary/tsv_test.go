package glossary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadTSV(t *testing.T) {
	in := "\ufeffconcept\tsubject\tfr\tstatus\ttype\tfr\tstatus\ten\tcase\tforms\tes\tterm-note\tes:definition\tnote\tambiguous\n" +
		"oim\torganisations\tOIM\tpreferred\tacronym\tOrganisation internationale pour les migrations\t\tIOM\t\t\tOIM\tsigla\tAgencia de la ONU\t\"deux\nlignes\"\t\n" +
		"\t\tgouvernement  local\t\t\t\t\tlocal government\t\tlocal governments [pl]\tgobierno local\t\t\t\t\n" +
		"\t\tVienne\tpreferred\t\t\t\tVienna\tsensitive\t\tViena\t\t\t\tyes\r\n" +
		"\n"
	tb, err := ReadTSV("g.tsv", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, tb.Concepts, 3)
	oim := tb.Concepts[0]
	assert.Equal(t, "oim", oim.ID)
	assert.Equal(t, "organisations", oim.Subject)
	assert.Equal(t, "deux\nlignes", oim.Note)
	require.Len(t, oim.Terms(fr), 2, "two term columns of one language")
	assert.Equal(t, Acronym, oim.Terms(fr)[0].Type)
	assert.Equal(t, Preferred, oim.Terms(fr)[0].Status)
	assert.Equal(t, Status(""), oim.Terms(fr)[1].Status)
	assert.Equal(t, "sigla", oim.Terms(es)[0].Note)
	assert.Equal(t, "Agencia de la ONU", oim.Lang(es).Definition)
	assert.Equal(t, 2, oim.Terms(fr)[0].Pos.Line)
	assert.Equal(t, 19, oim.Terms(fr)[0].Pos.Col)
	gl := tb.Concepts[1]
	assert.Equal(t, "gouvernement-local", gl.ID, "an ID made from the first term")
	assert.Equal(t, "gouvernement local", gl.Terms(fr)[0].Text, "blanks folded")
	assert.Equal(t, []Form{{Text: "local governments", Number: Plural}}, gl.Terms(en)[0].Forms)
	v := tb.Concepts[2]
	assert.Equal(t, "vienne", v.ID)
	assert.True(t, v.Ambiguous)
	assert.Equal(t, CaseSensitive, v.Terms(en)[0].Case)

	// The same table as CSV.
	assert.Equal(t, dump(tb), dump(through(t, tb, CSV)))
}

func TestReadTSVErrors(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"empty file", "", []string{"g.tsv:1:1: empty file"}},
		{"unknown column", "fr\ten\tcolour\n", []string{`g.tsv:1:7: unknown column "colour": want a language tag`}},
		{"malformed tag in a language section column", "fr\tf_r!:note\n", []string{`g.tsv:1:4: malformed language tag "f_r!"`}},
		{"unknown language section field", "fr\tfr:status\n", []string{`g.tsv:1:4: unknown column "fr:status"`}},
		{"attribute before any term column", "status\tfr\n", []string{`g.tsv:1:1: column "status" comes before any term column`}},
		{"unknown status", "fr\tstatus\nOIM\tbest\n", []string{`g.tsv:2:5: unknown status "best"`}},
		{"status for no term", "fr\tstatus\nen\n\tpreferred\n", []string{`g.tsv:3:2: status "preferred" given for no term`}},
		{"row longer than the header", "fr\ten\na\tb\tc\n", []string{"g.tsv:2:5: row has 3 cells, the header 2 columns"}},
		{"bad yes", "fr\tambiguous\na\tperhaps\n", []string{`g.tsv:2:3: "perhaps" is not yes or no`}},
		{"bad form", "fr\tforms\na\tas [dual]\n", []string{`g.tsv:2:3: unknown tag "dual"`}},
		{"control character", "fr\nOI\x01M\n", []string{"g.tsv:2:1: control character U+0001 in a cell"}},
		{"several faults, all reported", "fr\tstatus\tgender\nx\tbest\tcommon\n", []string{`g.tsv:2:3: unknown status "best"`, `g.tsv:2:8: unknown gender "common"`}},
		{"invalid UTF-8", "fr\nOIM\xff\n", []string{"g.tsv:2:4: invalid UTF-8"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ReadTSV("g.tsv", strings.NewReader(tc.in))
			readFails(t, tb, err, tc.want)
		})
	}
	_, err := ReadCSV("g.csv", strings.NewReader("fr,en\n\"a,b\",c,d\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "g.csv:2:9: row has 3 cells")
}

func TestWriteTSVColumns(t *testing.T) {
	tb := rulesTermbase(t)
	var b bytes.Buffer
	require.NoError(t, WriteTSV(&b, tb))
	header, _, _ := strings.Cut(b.String(), "\n")
	assert.Equal(t, "concept\tambiguous\tfr\ttype\tgender\tnumber\tforms\tcase\tfr\ttype\ten\ttype\tnumber\tcase\ten\ttype\tes\ttype\tgender\tforms\tes\ttype", header,
		"only the columns in use, each attribute after its term column")
}
