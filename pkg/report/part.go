package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/relais-tm/relais/pkg/finding"
)

// PartSchema is the version of report.json. A merge reads only parts of
// its own version: the shards and the merge run the same relais.
const PartSchema = 1

// Part is report.json: what one shard of a batch split across runners
// (relais translate --shard I/N) keeps besides its report pages, so that
// relais report merge can render one report over every shard. It holds
// the shard's review report model whole, and what tells the shards of one
// batch from those of another.
type Part struct {
	Schema int `json:"schema"` // PartSchema
	Shard  int `json:"shard"`  // I, from 1
	Shards int `json:"shards"` // N
	// Sources and SourcesHash are the whole batch's sources, every
	// shard's: how many, and the SHA-256 of their slash paths in path
	// order, one per line. The shards of one batch have the same.
	Sources     int    `json:"sources"`
	SourcesHash string `json:"sources_hash"`
	// Settings are what shapes the drafts besides the sources, by name
	// ("fuzzy.insert": "75", "mt": "apertium"): the shards of one batch
	// have the same.
	Settings map[string]string `json:"settings"`
	// Inconsistent is, by target language, the severity the inconsistent
	// check ran at in the shard, the one check that compares a file with
	// the others; empty when the shard ran no checks. A merge runs it
	// again over every shard's drafts.
	Inconsistent map[string]finding.Severity `json:"inconsistent,omitempty"`
	// Batch is the shard's files, in path order, with the batch's own
	// findings (memory, engine) but not those of the checks, which are in
	// Checks. Its bands count repetitions inside the shard only.
	Batch *Batch `json:"batch"`
	// Checks are the findings of the checks on the shard's drafts, in the
	// order package qa sorts them; nil when the shard ran no checks.
	Checks []finding.Finding `json:"checks"`
}

// WriteJSON writes the part as one line of JSON.
func (p *Part) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return err
	}
	return bw.Flush()
}

// ReadPart reads a report.json that WriteJSON wrote, of schema
// PartSchema.
func ReadPart(r io.Reader) (*Part, error) {
	var head struct {
		Schema *int `json:"schema"`
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(data, &head); errors.As(err, &typeErr) {
		return nil, fmt.Errorf("not a shard's report.json: not a JSON object")
	} else if err != nil {
		return nil, fmt.Errorf("not a shard's report.json: %w", err)
	}
	switch {
	case head.Schema == nil:
		return nil, fmt.Errorf("not a shard's report.json: no schema")
	case *head.Schema != PartSchema:
		return nil, fmt.Errorf("report.json of schema %d, this relais reads schema %d: merge with the relais version the shards ran", *head.Schema, PartSchema)
	}
	var p Part
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("report.json: %w", err)
	}
	if p.Batch == nil {
		return nil, fmt.Errorf("report.json: no batch")
	}
	return &p, nil
}
