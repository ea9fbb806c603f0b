package memory

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

func TestOriginText(t *testing.T) {
	cases := []struct {
		origin document.Origin
		text   string
		back   document.Origin // what a store reads back
	}{
		{document.Origin{Kind: document.FromHuman}, "human", document.Origin{Kind: document.FromHuman}},
		{document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}, "machine:apertium:fr-es-en", document.Origin{Kind: document.FromMachine, Engine: "apertium:fr-es-en"}},
		{document.Origin{Kind: document.FromFuzzy, Score: 87}, "memory", document.Origin{Kind: document.FromMemory}},
		{document.Origin{Kind: document.FromInContext, Score: 101}, "memory", document.Origin{Kind: document.FromMemory}},
		{document.Origin{Kind: document.FromMemory}, "memory", document.Origin{Kind: document.FromMemory}},
		{document.Origin{}, "", document.Origin{}},
		{document.Origin{Kind: document.FromMachine}, "", document.Origin{}},
	}
	for _, tc := range cases {
		t.Run(tc.origin.String(), func(t *testing.T) {
			assert.Equal(t, tc.text, OriginText(tc.origin))
			if tc.text == "" {
				return
			}
			back, err := ParseOriginText(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.back, back)
		})
	}
	for _, bad := range []string{"", "machine:", "robot", "Human"} {
		_, err := ParseOriginText(bad)
		assert.ErrorContains(t, err, "want human, memory or machine:ENGINE", bad)
	}
}
