package finding_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

func TestParseSeverity(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want finding.Severity
	}{
		{"off", finding.Off}, {"none", finding.Off}, {"false", finding.Off}, {"Disabled", finding.Off},
		{"info", finding.Info}, {"note", finding.Info}, {"notice", finding.Info},
		{" warning ", finding.Warning}, {"WARN", finding.Warning}, {"error", finding.Error},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := finding.ParseSeverity(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := finding.ParseSeverity("fatal")
	assert.EqualError(t, err, `unknown severity "fatal" (want off, info, warning or error)`)
}

func TestParseFailOn(t *testing.T) {
	for in, want := range map[string]finding.Severity{"never": finding.Off, "none": finding.Off, "info": finding.Info, "warning": finding.Warning, "error": finding.Error} {
		got, err := finding.ParseFailOn(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := finding.ParseFailOn("always")
	assert.EqualError(t, err, `unknown --fail-on level "always" (want error, warning, info or never)`)
}

func TestSeverityText(t *testing.T) {
	for s := finding.Off; s <= finding.Error; s++ {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back finding.Severity
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	assert.Equal(t, "severity(9)", finding.Severity(9).String())
	var s finding.Severity
	assert.Error(t, s.UnmarshalText([]byte("loud")))
}

func TestLocation(t *testing.T) {
	assert.Equal(t, "a.md:3:7", finding.At("a.md", document.Position{Offset: 40, Line: 3, Col: 7}).String())
	assert.Equal(t, "a.md:3", finding.Location{Path: "a.md", Line: 3}.String())
	assert.Equal(t, "a.md", finding.Location{Path: "a.md"}.String())
	assert.True(t, finding.Location{Path: "a.md"}.Known())
	assert.False(t, finding.Location{Line: 2}.Known())
}

func TestFindingJSON(t *testing.T) {
	f := finding.Finding{Rule: "number", Severity: finding.Error, Message: "a number differs",
		At: finding.Location{Path: "en/a.md.xlf", Line: 12, Col: 9}, Source: finding.Location{Path: "a.md"},
		Lang: "en", Segment: "b2s1", Fingerprint: "0123abcd"}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule":"number","severity":"error","message":"a number differs",
		"location":{"path":"en/a.md.xlf","line":12,"column":9},"source":{"path":"a.md"},
		"lang":"en","segment":"b2s1","fingerprint":"0123abcd"}`, string(b))
	assert.Equal(t, "en/a.md.xlf:12:9: error number: a number differs", f.String())
	var back finding.Finding
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, f, back)
}
