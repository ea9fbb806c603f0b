package memory

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
)

// eachStore is a Store whose Each hands out units; its other methods are
// not called.
type eachStore struct {
	Store
	units []Unit
	err   error // returned by Each after the units
	got   Filter
}

func (s *eachStore) Each(_ context.Context, f Filter, fn func(Unit) error) error {
	s.got = f
	for _, u := range s.units {
		if err := fn(u); err != nil {
			return err
		}
	}
	return s.err
}

func TestExportTMX(t *testing.T) {
	u := Unit{Source: document.Text("Les maires."), Target: document.Text("The mayors."), SrcLang: language.French, TgtLang: language.English, Origin: document.Origin{Kind: document.FromHuman}, State: document.Reviewed}
	st := &eachStore{units: []Unit{u, u}}
	f := Filter{SrcLang: language.French, TgtLang: language.English}
	var buf bytes.Buffer
	n, err := ExportTMX(context.Background(), &buf, st, f, TMXHeader{SrcLang: language.French, Tool: "relais"})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, f, st.got, "the filter goes to the store")
	back, err := readAll(t, "out.tmx", buf.String(), TMXOptions{})
	require.NoError(t, err, buf.String())
	require.Len(t, back, 2)
	assert.Equal(t, "The mayors.", back[1].Target.Key())

	buf.Reset()
	n, err = ExportTMX(context.Background(), &buf, &eachStore{}, f, TMXHeader{SrcLang: language.French})
	require.NoError(t, err)
	assert.Equal(t, 0, n)
	assert.Contains(t, buf.String(), "<body>\n  </body>\n</tmx>\n", "an empty memory is an empty TMX document")

	boom := errors.New("database is locked")
	n, err = ExportTMX(context.Background(), &bytes.Buffer{}, &eachStore{units: []Unit{u}, err: boom}, f, TMXHeader{})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 1, n)
}

func TestFormatDiff(t *testing.T) {
	cases := []struct {
		name string
		diff []Diff
		want string
	}{
		{"nothing", nil, ""},
		{"replaced word", []Diff{{DiffEqual, "Les maires se réunissent à"}, {DiffDelete, " Lyon"}, {DiffInsert, " Paris"}, {DiffEqual, "."}},
			"Les maires se réunissent à [-Lyon-] {+Paris+}."},
		{"at the start", []Diff{{DiffInsert, "Hier"}, {DiffEqual, " les maires"}}, "{+Hier+} les maires"},
		{"only the first space stays out", []Diff{{DiffEqual, "a"}, {DiffDelete, "  b c"}}, "a [- b c-]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, FormatDiff(tc.diff))
		})
	}
}
