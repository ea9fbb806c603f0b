package qa

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/finding"
)

func FuzzParseSuppression(f *testing.F) {
	for _, s := range []string{"relais-ignore: number, length", "relais-ignore", "RELAIS-IGNORE:—x", "relais-ignore: -- x", "note"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, note string) {
		rules, ok := ParseSuppression(note)
		if ok && len(rules) == 0 {
			t.Fatalf("%q: a suppression with no rule", note)
		}
		for _, r := range rules {
			if r == "" || strings.ContainsAny(r, ", \t") {
				t.Fatalf("%q: bad rule %q", note, r)
			}
		}
	})
}

func FuzzReadBaseline(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteBaseline(&buf, []finding.Finding{{Rule: "number", Fingerprint: "abc", At: finding.Location{Path: "a.xlf", Line: 2}}})
	f.Add(buf.Bytes())
	f.Add([]byte(`{"version":1,"findings":[{"fingerprint":""}]}`))
	f.Add([]byte("{\n\"version\": \"1\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBaseline("b.json", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "b.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// What reads back writes back to a baseline with the same entries.
		var fs []finding.Finding
		for fp, n := range b.counts {
			for range n {
				fs = append(fs, finding.Finding{Fingerprint: fp})
			}
		}
		var out bytes.Buffer
		if err := WriteBaseline(&out, fs); err != nil {
			t.Fatal(err)
		}
		b2, err := ReadBaseline("b.json", &out)
		if err != nil || b2.Len() != b.Len() {
			t.Fatalf("round trip: %v, %d != %d", err, b2.Len(), b.Len())
		}
	})
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"1 250,5 et 3,6 %", "1,250.5", "XXIe siècle", "siglo XXI", "01 23 45 67 89", "MC2CM #Cities4Migration", "1.250,5", "10\u202f000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"fr", "en", "es"} {
			for _, n := range numbers(s, language.Make(lang)) {
				if n.off < 0 || n.off+len(n.text) > len(s) || s[n.off:n.off+len(n.text)] != n.text {
					t.Fatalf("%s %q: bad number %+v", lang, s, n)
				}
				if n.value == "" || strings.Trim(n.value, "0123456789.") != "" {
					t.Fatalf("%s %q: bad value %+v", lang, s, n)
				}
				if utf8.ValidString(s) && formatNumber(n.value, language.Make(lang)) == "" {
					t.Fatal("empty format")
				}
			}
		}
	})
}
