package chrf

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIdenticalScoresHundred(t *testing.T) {
	s := []string{"The cat sat on the mat.", "Une phrase."}
	assert.InDelta(t, 100, Corpus(s, s), 1e-9)
}

func TestNothingInCommonScoresZero(t *testing.T) {
	assert.InDelta(t, 0, Corpus([]string{"xyz"}, []string{"abc"}), 1e-9)
}

func TestBlanksDoNotCount(t *testing.T) {
	assert.InDelta(t, 100, Corpus([]string{"the  cat"}, []string{"thecat"}), 1e-9)
}

// A closer hypothesis scores higher, and recall weighs more than
// precision: a hypothesis missing words loses more than one with extra
// words.
func TestOrdering(t *testing.T) {
	ref := []string{"the quick brown fox jumps over the lazy dog"}
	close := Corpus([]string{"the quick brown fox jumped over the lazy dog"}, ref)
	far := Corpus([]string{"a fast fox leaps over a dog"}, ref)
	assert.Greater(t, close, far)
	short := Corpus([]string{"the quick brown fox"}, ref)
	long := Corpus([]string{"the quick brown fox jumps over the lazy dog and the cat"}, ref)
	assert.Greater(t, long, short)
}

// A hand-computed case: hypothesis "ab", reference "abc". Unigrams: 2 of
// 2 hypothesis, 2 of 3 reference; bigrams: 1 of 1, 1 of 2. Orders 3 to 6
// have no hypothesis n-gram and are left out.
func TestHandComputed(t *testing.T) {
	p := (1.0 + 1.0) / 2
	r := (2.0/3 + 1.0/2) / 2
	want := 100 * 5 * p * r / (4*p + r)
	assert.InDelta(t, want, Corpus([]string{"ab"}, []string{"abc"}), 1e-9)
}
