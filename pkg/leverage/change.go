package leverage

import (
	"fmt"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Change says how a file or a segment differs from the previous batch.
type Change int

// The changes. Unknown is the zero value: no previous batch on record.
const (
	Unknown   Change = iota // no previous batch to compare with
	New                     // not in the previous batch
	Changed                 // in the previous batch, with another source
	Unchanged               // the same source as in the previous batch
)

var changeNames = [...]string{"", "new", "changed", "unchanged"}

// String returns "new", "changed", "unchanged", or "" when unknown.
func (c Change) String() string {
	if c >= 0 && int(c) < len(changeNames) {
		return changeNames[c]
	}
	return fmt.Sprintf("change(%d)", int(c))
}

// MarshalText writes the change's name.
func (c Change) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a change's name, "" being Unknown.
func (c *Change) UnmarshalText(b []byte) error {
	for i, n := range changeNames {
		if n == string(b) {
			*c = Change(i)
			return nil
		}
	}
	return fmt.Errorf("unknown change %q (want new, changed, unchanged or nothing)", b)
}

// SegmentChanges compares the segment hashes of a file's previous version
// (prev) with the current ones (cur), in order, and returns the change of
// each current segment: Unchanged when it pairs with an equal previous
// one (a longest common subsequence), Changed when it takes the place of
// a previous segment that is gone, New otherwise. A nil prev (no record
// of the file) makes every segment New.
func SegmentChanges(prev, cur []string) []Change {
	out := make([]Change, len(cur))
	vocab := map[string]rune{}
	encode := func(hs []string) []rune {
		rs := make([]rune, len(hs))
		for i, h := range hs {
			r, ok := vocab[h]
			if !ok {
				r = rune(0x10000 + len(vocab))
				vocab[h] = r
			}
			rs[i] = r
		}
		return rs
	}
	a, b := encode(prev), encode(cur)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	j, dels := 0, 0
	for _, d := range dmp.DiffMainRunes(a, b, false) {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			dels += n
		case diffmatchpatch.DiffInsert:
			for k := 0; k < n; k++ {
				out[j+k] = New
				if dels > 0 {
					out[j+k] = Changed
					dels--
				}
			}
			j += n
		default:
			for k := 0; k < n; k++ {
				out[j+k] = Unchanged
			}
			j += n
			dels = 0
		}
	}
	return out
}
