package qa

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// fingerprint hashes what identifies a finding.
func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// quote writes s for a message: in double quotes, blanks folded, long
// texts cut.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return `"` + s + `"`
}
