package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math/bits"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/relais-tm/relais/pkg/loader"
)

// Shard is one runner's share of a batch split across several (relais
// translate --shard I/N): the Index-th of Count shares, counted from 1.
// The zero Shard is the whole batch.
//
// A source belongs to one share, decided by its slash path inside the
// batch alone (Shard.Holds), so that N runners given the same inputs
// translate each file exactly once, whatever else differs between them.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N": the I-th of N shares, with 1 <= I <= N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	switch {
	case !ok || err1 != nil || err2 != nil:
		return Shard{}, fmt.Errorf("%q is not I/N: give this runner's share and the number of runners, as 2/3", s)
	case count < 1:
		return Shard{}, fmt.Errorf("%q: the number of shares must be 1 or more", s)
	case index < 1 || index > count:
		return Shard{}, fmt.Errorf("%q: the share must be from 1 to %d (shares are counted from 1)", s, count)
	}
	return Shard{Index: index, Count: count}, nil
}

// String returns "I/N", or "" for the whole batch.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Split reports whether s is a share of a batch and not the whole.
func (s Shard) Split() bool { return s.Count > 0 }

// Holds reports whether the source at rel (its slash path inside the
// batch: relative to the folder it was found in, or its base name) is in
// share s. The whole batch holds every source.
//
// The share is shareOf(rel, Count) + 1: it depends on the path's bytes
// only, never on the machine, the Go version or the other inputs.
func (s Shard) Holds(rel string) bool {
	return !s.Split() || shareOf(rel, s.Count) == s.Index-1
}

// shareOf returns the share, from 0 to n-1, of the source at the slash
// path rel in a batch split n ways: the 64-bit FNV-1a hash of the path
// in Unicode normalization form C (the same file name from macOS and from
// Linux), scaled to [0, n) by its high bits (the high 64 bits of hash × n),
// which FNV-1a mixes better than its low ones: hash mod 4 would depend on
// the two low bits of each byte only.
func shareOf(rel string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(norm.NFC.String(rel)))
	hi, _ := bits.Mul64(h.Sum64(), uint64(n))
	return int(hi)
}

// share returns the sources of srcs that s holds, in the same order.
func (s Shard) share(srcs []loader.Source) []loader.Source {
	if !s.Split() {
		return srcs
	}
	var mine []loader.Source
	for _, src := range srcs {
		if s.Holds(src.Rel) {
			mine = append(mine, src)
		}
	}
	return mine
}

// sourcesHash returns the SHA-256, in hex, of the slash paths of srcs (in
// path order), one per line: what tells the shards of one batch from
// those of another.
func sourcesHash(srcs []loader.Source) string {
	h := sha256.New()
	for _, s := range srcs {
		h.Write([]byte(s.Rel + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
