package qa

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
)

// baselineVersion is the version of the baseline file format.
const baselineVersion = 1

// Baseline is a set of findings accepted as they are: `relais check
// --write-baseline` records the findings of a run, and later runs do not
// report them again. Entries match by fingerprint (rule, file, the
// segment's texts and the issue), not by line, and count: a finding that
// appears twice where the baseline has it once is reported once.
type Baseline struct {
	counts map[string]int
}

// baselineFile is the JSON form of a baseline.
type baselineFile struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []baselineEntry `json:"findings"`
}

// baselineEntry is one accepted finding. Only Fingerprint is matched; the
// rest is for people reading the file.
type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Lang        string `json:"lang,omitempty"`
	Message     string `json:"message"`
}

// ReadBaseline reads a baseline written by WriteBaseline. path names the
// file in errors.
func ReadBaseline(path string, r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var bf baselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&bf); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		off := int64(-1)
		switch {
		case errors.As(err, &se):
			off = se.Offset
		case errors.As(err, &te):
			off = te.Offset
		}
		if off >= 0 {
			pos := document.New(path, "", language.Und, data).Position(int(off))
			return nil, &document.PosError{Path: path, Pos: pos, Err: fmt.Errorf("baseline: %v (write it again with relais check --write-baseline)", err)}
		}
		return nil, fmt.Errorf("%s: baseline: %v (write it again with relais check --write-baseline)", path, err)
	}
	if bf.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (write it again with relais check --write-baseline)", path, bf.Version, baselineVersion)
	}
	b := &Baseline{counts: map[string]int{}}
	for i, e := range bf.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("%s: baseline finding %d has no fingerprint", path, i+1)
		}
		b.counts[e.Fingerprint]++
	}
	return b, nil
}

// LoadBaseline reads the baseline file at path (see ReadBaseline). A
// missing file is no baseline yet: LoadBaseline returns nil and no error,
// and a nil *Baseline filters nothing.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return ReadBaseline(path, bytes.NewReader(data))
}

// WriteBaseline writes findings as a baseline, sorted so that the file
// changes only when the findings do.
func WriteBaseline(w io.Writer, findings []finding.Finding) error {
	bf := baselineFile{Version: baselineVersion, Tool: "relais check", Findings: []baselineEntry{}}
	for _, f := range findings {
		bf.Findings = append(bf.Findings, baselineEntry{Fingerprint: f.Fingerprint, Rule: f.Rule, Path: f.At.Path, Lang: f.Lang, Message: f.Message})
	}
	sort.SliceStable(bf.Findings, func(i, j int) bool {
		a, b := bf.Findings[i], bf.Findings[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Fingerprint < b.Fingerprint
	})
	data, err := json.MarshalIndent(bf, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// Len returns the number of findings in the baseline.
func (b *Baseline) Len() int {
	n := 0
	for _, c := range b.counts {
		n += c
	}
	return n
}

// Filter removes from rep the findings the baseline holds and counts them
// in rep.Baselined. A nil baseline removes nothing.
func (b *Baseline) Filter(rep *Report) {
	if b == nil {
		return
	}
	left := map[string]int{}
	for k, v := range b.counts {
		left[k] = v
	}
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		if left[f.Fingerprint] > 0 {
			left[f.Fingerprint]--
			rep.Baselined++
			continue
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
}
