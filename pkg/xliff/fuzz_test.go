package xliff

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/relais-tm/relais/pkg/document"
)

// FuzzXLIFFRoundTrip: whatever Read accepts, Write writes, as valid XLIFF
// 2.0 that reads back to the same File (translation candidates included)
// and writes again to the same bytes.
// Read and Validate never panic and report input errors as
// *document.PosError.
func FuzzXLIFFRoundTrip(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range seeds {
		if info, err := os.Stat(path); err != nil || info.IsDir() {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, x := range []*File{everyCodeFile(f), everyCodeFileWithMatches(f)} {
		var b bytes.Buffer
		if err := Write(&b, x); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="fr" trgLang="en"><file id="f"><unit id="u">`
	for _, body := range []string{
		`<segment id="s"><source>a<sc id="1"/>b</source><target><ec id="1" isolated="yes"/>x<sc id="1" isolated="yes"/></target></segment>`,
		`<originalData><data id="d">&lt;<cp hex="1"/></data></originalData><segment><source><pc id="1" dataRefStart="d" copyOf="2"><ph id="2" dataRef="d"/></pc></source><target><pc id="7" copyOf="1"><ph id="8" copyOf="2"/></pc></target></segment>`,
		`<segment state="final" subState="relais:mt-x%3Ay"><source><mrk id="m" translate="no">a<sm id="s"/></mrk></source></segment><ignorable><source>&#xD;</source><target/></ignorable>`,
		`<mtc:matches><mtc:match ref="#s" similarity="87.5" type="mt" origin="x"><originalData><data id="d">*</data></originalData><source><pc id="1" dataRefStart="d" dataRefEnd="d">a</pc><ph id="s"/></source><target><ph id="s"/><pc id="1" dataRefStart="d" dataRefEnd="d">b</pc><ph id="2" copyOf="s"/></target></mtc:match>` +
			`<mtc:match ref="#/f=f/u=u/s"><source>c</source><target/></mtc:match><mtc:match ref="#m" reference="yes"><source>d</source><target xml:lang="de">e</target></mtc:match></mtc:matches>` +
			`<segment id="s"><source><mrk id="m" translate="yes">a</mrk></source></segment>`,
	} {
		f.Add([]byte(head + body + `</unit></file></xliff>`))
	}
	f.Add([]byte(`<xliff version="1.2"><file source-language="fr" target-language="en" original="a"><body><trans-unit id="1"><source>a<g id="1">b</g></source><seg-source><mrk mtype="seg" mid="1">a<g id="1">b</g></mrk></seg-source><target><mrk mtype="seg" mid="1"><g id="1">B</g>A</mrk></target></trans-unit></body></file></xliff>`))

	f.Fuzz(func(t *testing.T, data []byte) {
		for _, err := range Validate("fuzz.xlf", bytes.NewReader(data)) {
			var pe *document.PosError
			if !errors.As(err, &pe) {
				t.Fatalf("Validate: %T is not a *document.PosError: %v", err, err)
			}
		}
		x, err := Read("fuzz.xlf", bytes.NewReader(data))
		if err != nil {
			var pe *document.PosError
			if !errors.As(err, &pe) {
				t.Fatalf("Read: %T is not a *document.PosError: %v", err, err)
			}
			return
		}
		var out bytes.Buffer
		if err := Write(&out, x); err != nil {
			t.Fatalf("Write refuses what Read accepted: %v", err)
		}
		if errs := Validate("out.xlf", bytes.NewReader(out.Bytes())); len(errs) > 0 {
			t.Fatalf("Write's output is not valid: %v\n%s", errs, out.Bytes())
		}
		y, err := Read("out.xlf", bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("Read refuses what Write wrote: %v\n%s", err, out.Bytes())
		}
		if !sameFile(x, y) {
			t.Fatalf("read(write(x)) != x\n%s", out.Bytes())
		}
		var again bytes.Buffer
		if err := Write(&again, y); err != nil || !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Fatalf("writing is not stable (%v):\n%s\n%s", err, out.Bytes(), again.Bytes())
		}
	})
}

// sameFile compares Files as require.Equal would, without testify's cost in
// the fuzzing loop.
func sameFile(a, b *File) bool {
	if a.SrcLang != b.SrcLang || a.TrgLang != b.TrgLang || a.ID != b.ID || a.Original != b.Original || len(a.Units) != len(b.Units) {
		return false
	}
	for i, u := range a.Units {
		v := b.Units[i]
		if u.ID != v.ID || u.File != v.File || u.Kind != v.Kind || u.Name != v.Name || len(u.Parts) != len(v.Parts) {
			return false
		}
		for j, p := range u.Parts {
			q := v.Parts[j]
			if p.Kind != q.Kind || p.ID != q.ID || p.State != q.State || p.Origin != q.Origin ||
				!sameContent(p.Source, q.Source) || (p.Target == nil) != (q.Target == nil) || !sameContent(p.Target, q.Target) ||
				len(p.Matches) != len(q.Matches) {
				return false
			}
			for k, m := range p.Matches {
				n := q.Matches[k]
				if m.Origin != n.Origin || m.Type != n.Type || m.Similarity != n.Similarity ||
					!sameContent(m.Source, n.Source) || (m.Target == nil) != (n.Target == nil) || !sameContent(m.Target, n.Target) {
					return false
				}
			}
		}
	}
	return true
}

func sameContent(a, b document.Content) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Text != y.Text || x.Span != y.Span || (x.Code == nil) != (y.Code == nil) {
			return false
		}
		if x.Code != nil && *x.Code != *y.Code {
			return false
		}
	}
	return true
}
