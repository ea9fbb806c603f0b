package suggest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosest(t *testing.T) {
	keys := []string{"to", "from", "markdown.front-matter-keys", "out"}
	cases := []struct {
		word, want string
		ok         bool
	}{
		{"too", "to", true},
		{"frm", "from", true},
		{"markdown.front-matter", "markdown.front-matter-keys", true},
		{"colour", "", false},
		{"", "to", true},
	}
	for _, tc := range cases {
		got, ok := Closest(tc.word, keys)
		assert.Equal(t, tc.ok, ok, tc.word)
		assert.Equal(t, tc.want, got, tc.word)
	}
	assert.Equal(t, 3, Distance("kitten", "sitting"))
	assert.Equal(t, 0, Distance("", ""))
}
