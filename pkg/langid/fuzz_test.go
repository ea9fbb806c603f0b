package langid

import (
	"testing"
	"unicode/utf8"
)

func FuzzIdentify(f *testing.F) {
	for _, s := range []string{"Les villes et les migrants.", "l’OIM", "¿Qué?", "'''", "A B C", "\xff\xfe", ""} {
		f.Add(s)
	}
	id := New()
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, w := range toks {
			if w == "" || (utf8.ValidString(s) && !utf8.ValidString(w)) {
				t.Fatalf("bad token %q of %q", w, s)
			}
		}
		r := id.Identify(s)
		if (r.Lang == "") != (r.Words == 0) {
			t.Fatalf("language %q with %d words for %q", r.Lang, r.Words, s)
		}
		if r.Margin < 0 {
			t.Fatalf("negative margin %v", r.Margin)
		}
	})
}
