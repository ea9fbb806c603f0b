package document

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// codes builds a content from a string in which "{1}", "{/1}" and "{1/}"
// stand for the codes with ID 1 (open, close, standalone) and anything else
// is text; each code's Data is its kind's initial and its ID.
func codes(s string) Content {
	var out Content
	for s != "" {
		kind, id, n := ParsePlaceholder(s)
		if n == 0 {
			i := strings.IndexByte(s[1:], '{') + 1
			if i == 0 {
				i = len(s)
			}
			out = append(out, Run{Text: s[:i]})
			s = s[i:]
			continue
		}
		out = append(out, Run{Code: &Code{ID: id, Kind: kind, Data: kind.String()[:1] + id}})
		s = s[n:]
	}
	return out
}

// brief writes problems as "kind code" ("missing {/1}", "overlap {/1} in {2}").
func brief(ps CodeProblems) []string {
	var out []string
	for _, p := range ps {
		s := p.Kind.String() + " " + Placeholder(p.Code.Kind, p.Code.ID)
		if p.Inside != nil {
			s += " in " + Placeholder(p.Inside.Kind, p.Inside.ID)
		}
		out = append(out, s)
	}
	return out
}

func TestCheckCodes(t *testing.T) {
	const source = "Le {1}décret{/1} du {2}Conseil{/2} {3/} fixe."
	cases := []struct {
		name   string
		source string // default: source
		target string
		want   []string
		err    string // the start of Err's message; "" for none
	}{
		{name: "same", target: "The {1}decree{/1} of the {2}Council{/2} {3/} sets."},
		{name: "moved", target: "{3/} The {2}Council{/2}'s {1}decree{/1}."},
		{name: "nested", target: "{1}The {2}Council{/2}{/1} {3/}."},
		{name: "extra", target: "{1}a{/1} {2}b{/2} {3/}{4/}", want: []string{"extra {4/}"},
			err: "target has a code the source does not: standalone 4"},
		{name: "repeated", target: "{1}a{/1} {2}b{/2} {3/}{3/}", want: []string{"repeated {3/}"},
			err: "target repeats code standalone 3"},
		{name: "missing, in source order", target: "{3/} {2}b", want: []string{"missing {1}", "missing {/1}", "missing {/2}"},
			err: `target drops code(s) open 1 "o1", close 1 "c1", close 2 "c2": keep every code of the source`},
		{name: "reversed", target: "{/1}a{1} {2}b{/2} {3/}", want: []string{"reversed {/1}"},
			err: "target closes code 1 before it opens it"},
		{name: "overlap", target: "{1}a {2}b{/1} c{/2} {3/}", want: []string{"overlap {/1} in {2}"},
			err: "target closes code 1 inside code 2: the pairs overlap, close code 2 first"},
		{name: "every problem, extra and repeated first, then missing, then order",
			target: "{/2}{9/} {1}{2}a{/1}{2} {4}{/4}",
			want: []string{"extra {9/}", "repeated {2}", "extra {4}", "extra {/4}", "missing {3/}",
				"reversed {/2}", "overlap {/1} in {2}"},
			err: "target has a code the source does not: standalone 9"},
		{name: "a close whose open is in another segment", source: "fin{/1} ici", target: "end{/1} here"},
		{name: "an open whose close is in another segment", source: "{1}début", target: "{1}start"},
		{name: "a close after its open is closed", target: "{1}a{/1}{/1} {2}b{/2} {3/}", want: []string{"repeated {/1}", "reversed {/1}"},
			err: "target repeats code close 1"},
		{name: "empty target", source: "a {1/}", target: "", want: []string{"missing {1/}"}, err: "target drops code(s) standalone 1"},
		{name: "no codes", source: "a", target: "b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := source
			if tc.source != "" {
				src = tc.source
			}
			ps := CheckCodes(codes(src), codes(tc.target))
			assert.Equal(t, tc.want, brief(ps))
			if tc.err == "" {
				assert.NoError(t, ps.Err())
				return
			}
			require.Error(t, ps.Err())
			assert.True(t, strings.HasPrefix(ps.Err().Error(), tc.err), "%q does not start with %q", ps.Err(), tc.err)
		})
	}
}

func TestCheckCodesIsDeterministic(t *testing.T) {
	src := codes("{1}a{/1}{2}b{/2}{3}c{/3}{4/}{5/}{6/}{7}d{/7}")
	tgt := codes("{/7}{6/}{6/}{3}{1}{/3}{/1}{8/}{9/}")
	first := brief(CheckCodes(src, tgt))
	require.NotEmpty(t, first)
	for range 20 {
		assert.Equal(t, first, brief(CheckCodes(src, tgt)))
	}
}

func TestCodeProblemKindString(t *testing.T) {
	for k, want := range map[CodeProblemKind]string{CodeExtra: "extra", CodeRepeated: "repeated", CodeMissing: "missing",
		CodeReversed: "reversed", CodeOverlap: "overlap", 9: "code-problem(9)"} {
		assert.Equal(t, want, k.String())
	}
}

// FuzzCheckCodes builds a source whose pairs nest (as every codec extracts
// them, with halves of pairs split across segments), and a target by
// shuffling, dropping and repeating its codes and adding others.
func FuzzCheckCodes(f *testing.F) {
	f.Add([]byte("\x01\x02\x00\x03"), []byte("\x00\x01\x02\x03"))
	f.Add([]byte("\x05\x04\x01\x02\x01\x00"), []byte("\x09\x88\x41\x13\x07"))
	f.Add([]byte("\x03\x03\x03"), []byte{})
	f.Fuzz(func(t *testing.T, shape, edits []byte) {
		// shape: each byte opens a pair, closes the innermost open pair,
		// adds a standalone code, a close whose open is elsewhere, or text.
		var src Content
		var stack []string
		n := 0
		for _, b := range shape {
			switch b % 5 {
			case 0:
				n++
				id := strconv.Itoa(n)
				stack = append(stack, id)
				src = append(src, Run{Code: &Code{ID: id, Kind: Open}})
			case 1:
				if len(stack) > 0 {
					id := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					src = append(src, Run{Code: &Code{ID: id, Kind: Close}})
				}
			case 2:
				n++
				src = append(src, Run{Code: &Code{ID: strconv.Itoa(n), Kind: Standalone}})
			case 3:
				n++
				src = append(src, Run{Code: &Code{ID: strconv.Itoa(n), Kind: Close}})
			default:
				src = append(src, Run{Text: "x"})
			}
		}
		if ps := CheckCodes(src, src); len(ps) != 0 {
			t.Fatalf("the source as its own target: %v", brief(ps))
		}
		require.NoError(t, CheckCodes(src, src).Err())
		// edits: each byte moves, drops, repeats a code or adds one.
		tgt := append(Content(nil), src...)
		for _, b := range edits {
			if len(tgt) == 0 {
				tgt = append(tgt, Run{Code: &Code{ID: "1", Kind: CodeKind(b % 3)}})
				continue
			}
			i := int(b>>2) % len(tgt)
			switch b % 4 {
			case 0: // move to the end
				r := tgt[i]
				tgt = append(append(tgt[:i:i], tgt[i+1:]...), r)
			case 1:
				tgt = append(tgt[:i:i], tgt[i+1:]...)
			case 2:
				tgt = append(tgt, tgt[i])
			default:
				tgt = append(tgt, Run{Code: &Code{ID: strconv.Itoa(int(b >> 4)), Kind: CodeKind((b >> 2) % 3)}})
			}
		}
		ps := CheckCodes(src, tgt)
		assert.Equal(t, ps, CheckCodes(src, tgt), "the same problems on a second run")
		assert.Equal(t, len(ps) == 0, ps.Err() == nil, "Err is nil exactly when there is no problem")
		last := CodeExtra
		for _, p := range ps {
			require.NotNil(t, p.Code)
			assert.Equal(t, p.Kind == CodeOverlap, p.Inside != nil, "Inside is set for an overlap only")
			rank := map[CodeProblemKind]int{CodeExtra: 0, CodeRepeated: 0, CodeMissing: 1, CodeReversed: 2, CodeOverlap: 2}
			assert.LessOrEqual(t, rank[last], rank[p.Kind], "problems come in three groups: %v", brief(ps))
			last = p.Kind
		}
		if sameCodes(src, tgt) {
			for _, p := range ps {
				assert.Contains(t, []CodeProblemKind{CodeReversed, CodeOverlap}, p.Kind, "a target with the source's codes has only order problems")
			}
		}
	})
}

// sameCodes reports whether a and b hold the same codes (ID and kind), each
// as many times.
func sameCodes(a, b Content) bool {
	count := map[string]int{}
	for _, c := range a.Codes() {
		count[Placeholder(c.Kind, c.ID)]++
	}
	for _, c := range b.Codes() {
		count[Placeholder(c.Kind, c.ID)]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
