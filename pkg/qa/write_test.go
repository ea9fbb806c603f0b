package qa

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/finding"
)

// sample returns a report with findings of every severity in two files.
func sample(t *testing.T) *Report {
	a := file("en", pair("Les maires se réunissent à Malines.", "Mayors meet in Malinas."), pair("Est-ce une chance ?", "Is it a chance ?"))
	a.Pairs[0].Src = finding.Location{Path: "articles/a.md", Line: 3, Col: 1}
	b := file("en", pair("Les maires se réunissent.", "Mayors  meet."))
	b.Path = "out/en/b 100%,x.md.xlf"
	for i := range b.Pairs {
		b.Pairs[i].At.Path = b.Path
	}
	cfg, err := ParseConfig(map[string]string{"double-space": "info"}, nil)
	require.NoError(t, err)
	return New(Options{Termbase: termbase(t), Config: cfg}).Run([]*File{a, b})
}

func write(t *testing.T, format string, rep *Report, o WriteOptions) []byte {
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, format, rep, o))
	return buf.Bytes()
}

func TestWriteText(t *testing.T) {
	got := write(t, "text", sample(t), WriteOptions{})
	testenv.Golden(t, filepath.Join("testdata", "sample.txt.golden"), got)
	assert.Contains(t, string(got), "out/en/a.md.xlf:1:1: error term-forbidden: ")
	assert.True(t, strings.HasSuffix(string(got), "relais check: 1 error(s), 1 warning(s), 1 info in 2 of 2 file(s), 3 segment(s)\n"))
	empty := write(t, "text", &Report{Files: []string{"x"}, Pairs: 4}, WriteOptions{})
	assert.Equal(t, "relais check: no findings in 1 file(s), 4 segment(s)\n", string(empty))
}

func TestWriteJSON(t *testing.T) {
	var got struct {
		Version  int
		Summary  map[string]int
		Findings []finding.Finding
	}
	require.NoError(t, json.Unmarshal(write(t, "json", sample(t), WriteOptions{}), &got))
	assert.Equal(t, 1, got.Version)
	assert.Equal(t, map[string]int{"files": 2, "segments": 3, "errors": 1, "warnings": 1, "info": 1, "suppressed": 0, "baselined": 0}, got.Summary)
	require.Len(t, got.Findings, 3)
	assert.Equal(t, "term-forbidden", got.Findings[0].Rule)
	assert.Equal(t, finding.Error, got.Findings[0].Severity)
	assert.Equal(t, finding.Location{Path: "articles/a.md", Line: 3, Col: 1}, got.Findings[0].Source)
}

func TestWriteJUnit(t *testing.T) {
	rep := sample(t)
	for _, tc := range []struct {
		failOn   finding.Severity
		failures int
	}{{finding.Error, 1}, {finding.Warning, 2}, {finding.Info, 3}, {finding.Off, 0}} {
		data := write(t, "junit", rep, WriteOptions{FailOn: tc.failOn})
		var doc struct {
			XMLName  xml.Name `xml:"testsuites"`
			Tests    int      `xml:"tests,attr"`
			Failures int      `xml:"failures,attr"`
			Suites   []struct {
				Name     string `xml:"name,attr"`
				Tests    int    `xml:"tests,attr"`
				Failures int    `xml:"failures,attr"`
				Cases    []struct {
					Classname string `xml:"classname,attr"`
					Name      string `xml:"name,attr"`
					Failure   *struct {
						Message string `xml:"message,attr"`
						Type    string `xml:"type,attr"`
						Body    string `xml:",chardata"`
					} `xml:"failure"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		require.NoError(t, xml.Unmarshal(data, &doc), "well-formed")
		wellFormed(t, data)
		assert.Equal(t, tc.failures, doc.Failures, "fail-on %s", tc.failOn)
		assert.Equal(t, 2*len(Checks()), doc.Tests, "one test case per file and check")
		failed, sum := 0, 0
		for _, s := range doc.Suites {
			n := 0
			for _, c := range s.Cases {
				assert.Equal(t, s.Name, c.Classname)
				if c.Failure != nil {
					n++
					assert.NotEmpty(t, c.Failure.Body)
				}
			}
			assert.Equal(t, n, s.Failures)
			failed += n
			sum += s.Failures
		}
		assert.Equal(t, doc.Failures, failed)
		assert.Equal(t, doc.Failures, sum)
	}
}

// wellFormed reads every token of data with encoding/xml.
func wellFormed(t *testing.T, data []byte) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err)
	}
}

func TestWriteGitHub(t *testing.T) {
	got := string(write(t, "github", sample(t), WriteOptions{}))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	require.Len(t, lines, 3)
	assert.True(t, strings.HasPrefix(lines[0], "::error file=out/en/a.md.xlf,line=1,col=1,title=relais term-forbidden::"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "::warning file=out/en/a.md.xlf,line=2,col=1,title=relais punctuation::"), lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "::notice file=out/en/b 100%25%2Cx.md.xlf,line=1,col=1,title=relais double-space::"), lines[2])

	rep := &Report{Findings: []finding.Finding{{Rule: "number", Severity: finding.Error, Message: "50% off\r\nnext: line, here", At: finding.Location{Path: "a:b,c.xlf", Line: 2}}}}
	assert.Equal(t, "::error file=a%3Ab%2Cc.xlf,line=2,title=relais number::50%25 off%0D%0Anext: line, here\n", string(write(t, "github", rep, WriteOptions{})))
}

func TestWriteUnknownFormat(t *testing.T) {
	assert.EqualError(t, Write(io.Discard, "html", &Report{}, WriteOptions{}), `unknown format "html" (want text, json, junit, sarif, github)`)
}

// TestWriteSARIF checks the output against the structure the SARIF 2.1.0
// schema (OASIS, sarif-schema-2.1.0.json) requires of the objects relais
// writes: required properties, no property the schema does not define
// (those objects have additionalProperties false), types, enumerations
// and minimums.
func TestWriteSARIF(t *testing.T) {
	data := write(t, "sarif", sample(t), WriteOptions{Version: "v1.2.3"})
	var log map[string]any
	require.NoError(t, json.Unmarshal(data, &log))
	var errs []string
	validate("sarifLog", log, "$", &errs)
	assert.Empty(t, errs)

	run := log["runs"].([]any)[0].(map[string]any)
	rules := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	assert.Len(t, rules, len(Checks()))
	for _, r := range rules {
		help := r.(map[string]any)["help"].(map[string]any)["text"].(string)
		assert.NotEmpty(t, help)
	}
	results := run["results"].([]any)
	require.Len(t, results, 3)
	first := results[0].(map[string]any)
	assert.Equal(t, "term-forbidden", first["ruleId"])
	assert.Equal(t, "error", first["level"])
	idx := int(first["ruleIndex"].(float64))
	assert.Equal(t, "term-forbidden", rules[idx].(map[string]any)["id"])
	rel := first["relatedLocations"].([]any)[0].(map[string]any)
	assert.Equal(t, "articles/a.md", rel["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"])
	third := results[2].(map[string]any)
	assert.Equal(t, "note", third["level"])
	uri := third["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"].(string)
	assert.Equal(t, "out/en/b%20100%25%2Cx.md.xlf", uri)

	var empty map[string]any
	require.NoError(t, json.Unmarshal(write(t, "sarif", &Report{Checks: Checks()}, WriteOptions{}), &empty))
	errs = nil
	validate("sarifLog", empty, "$", &errs)
	assert.Empty(t, errs)
	assert.NotNil(t, empty["runs"].([]any)[0].(map[string]any)["results"], "results is an empty array, not absent")
}

// sarifSchema is the part of the SARIF 2.1.0 schema relais's output
// touches: for each object, its required properties, and each allowed
// property's kind ("string", "integer>=N", "enum:a|b", "uri", an object
// name, "[]name" for an array of them, "map:string", "bag").
var sarifSchema = map[string]struct {
	required []string
	props    map[string]string
	open     bool // additionalProperties allowed
}{
	"sarifLog": {[]string{"version", "runs"}, map[string]string{"$schema": "uri", "version": "enum:2.1.0", "runs": "[]run", "inlineExternalProperties": "any", "properties": "bag"}, false},
	"run": {[]string{"tool"}, map[string]string{"tool": "tool", "results": "[]result", "columnKind": "enum:utf16CodeUnits|unicodeCodePoints",
		"invocations": "any", "conversion": "any", "language": "string", "versionControlProvenance": "any", "originalUriBaseIds": "any",
		"artifacts": "any", "logicalLocations": "any", "graphs": "any", "automationDetails": "any", "runAggregates": "any", "baselineGuid": "string",
		"redactionTokens": "any", "defaultEncoding": "string", "defaultSourceLanguage": "string", "newlineSequences": "any", "externalPropertyFileReferences": "any",
		"threadFlowLocations": "any", "taxonomies": "any", "addresses": "any", "translations": "any", "policies": "any", "webRequests": "any",
		"webResponses": "any", "specialLocations": "any", "properties": "bag"}, false},
	"tool":          {[]string{"driver"}, map[string]string{"driver": "toolComponent", "extensions": "any", "properties": "bag"}, false},
	"toolComponent": {[]string{"name"}, map[string]string{"name": "string", "version": "string", "informationUri": "uri", "rules": "[]reportingDescriptor", "guid": "string", "organization": "string", "product": "string", "fullName": "string", "semanticVersion": "string", "shortDescription": "multiformatMessageString", "fullDescription": "multiformatMessageString", "notifications": "any", "taxa": "any", "language": "string", "properties": "bag"}, false},
	"reportingDescriptor": {[]string{"id"}, map[string]string{"id": "string", "name": "string", "shortDescription": "multiformatMessageString", "fullDescription": "multiformatMessageString",
		"help": "multiformatMessageString", "helpUri": "uri", "defaultConfiguration": "reportingConfiguration", "messageStrings": "any", "deprecatedIds": "any", "guid": "string", "relationships": "any", "properties": "bag"}, false},
	"multiformatMessageString": {[]string{"text"}, map[string]string{"text": "string", "markdown": "string", "properties": "bag"}, false},
	"reportingConfiguration":   {nil, map[string]string{"level": "enum:none|note|warning|error", "enabled": "bool", "rank": "any", "parameters": "bag", "properties": "bag"}, false},
	"result": {[]string{"message"}, map[string]string{"ruleId": "string", "ruleIndex": "integer>=-1", "level": "enum:none|note|warning|error", "kind": "enum:notApplicable|pass|fail|review|open|informational",
		"message": "message", "locations": "[]location", "relatedLocations": "[]location", "partialFingerprints": "map:string", "fingerprints": "map:string", "guid": "string", "rule": "any", "analysisTarget": "any", "baselineState": "enum:new|unchanged|updated|absent", "suppressions": "any", "properties": "bag"}, false},
	"message":          {nil, map[string]string{"text": "string", "markdown": "string", "id": "string", "arguments": "any", "properties": "bag"}, false},
	"location":         {nil, map[string]string{"id": "integer>=-1", "physicalLocation": "physicalLocation", "logicalLocations": "any", "message": "message", "annotations": "any", "relationships": "any", "properties": "bag"}, false},
	"physicalLocation": {nil, map[string]string{"address": "any", "artifactLocation": "artifactLocation", "region": "region", "contextRegion": "region", "properties": "bag"}, false},
	"artifactLocation": {nil, map[string]string{"uri": "uri", "uriBaseId": "string", "index": "integer>=-1", "description": "message", "properties": "bag"}, false},
	"region": {nil, map[string]string{"startLine": "integer>=1", "startColumn": "integer>=1", "endLine": "integer>=1", "endColumn": "integer>=1", "charOffset": "integer>=-1", "charLength": "integer>=0",
		"byteOffset": "integer>=-1", "byteLength": "integer>=0", "snippet": "any", "message": "message", "sourceLanguage": "string", "properties": "bag"}, false},
}

func validate(kind string, v any, at string, errs *[]string) {
	bad := func(format string, args ...any) { *errs = append(*errs, at+": "+fmt.Sprintf(format, args...)) }
	switch {
	case kind == "any":
		return
	case kind == "string":
		if _, ok := v.(string); !ok {
			bad("want a string")
		}
		return
	case kind == "bool":
		if _, ok := v.(bool); !ok {
			bad("want a boolean")
		}
		return
	case kind == "uri":
		s, ok := v.(string)
		if _, err := url.Parse(s); !ok || err != nil || strings.ContainsAny(s, " \\") {
			bad("want a URI reference, got %v", v)
		}
		return
	case strings.HasPrefix(kind, "integer>="):
		var min float64
		fmt.Sscan(strings.TrimPrefix(kind, "integer>="), &min)
		n, ok := v.(float64)
		if !ok || n != float64(int64(n)) || n < min {
			bad("want an integer >= %v, got %v", min, v)
		}
		return
	case strings.HasPrefix(kind, "enum:"):
		s, _ := v.(string)
		for _, e := range strings.Split(strings.TrimPrefix(kind, "enum:"), "|") {
			if s == e {
				return
			}
		}
		bad("%v is not one of %s", v, strings.TrimPrefix(kind, "enum:"))
		return
	case kind == "map:string":
		m, ok := v.(map[string]any)
		if !ok {
			bad("want an object")
			return
		}
		for k, x := range m {
			validate("string", x, at+"."+k, errs)
		}
		return
	case kind == "bag":
		if _, ok := v.(map[string]any); !ok {
			bad("want a property bag (object)")
		}
		return
	case strings.HasPrefix(kind, "[]"):
		a, ok := v.([]any)
		if !ok {
			bad("want an array")
			return
		}
		for i, x := range a {
			validate(kind[2:], x, fmt.Sprintf("%s[%d]", at, i), errs)
		}
		return
	}
	spec, ok := sarifSchema[kind]
	if !ok {
		bad("unknown kind %s in the test", kind)
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		bad("want a %s object", kind)
		return
	}
	for _, r := range spec.required {
		if _, ok := m[r]; !ok {
			bad("%s lacks required property %q", kind, r)
		}
	}
	switch kind {
	case "message":
		if m["text"] == nil && m["id"] == nil {
			bad("message needs text or id")
		}
	case "physicalLocation":
		if m["address"] == nil && m["artifactLocation"] == nil {
			bad("physicalLocation needs address or artifactLocation")
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		pk, ok := spec.props[k]
		if !ok {
			if !spec.open {
				bad("%s has no property %q", kind, k)
			}
			continue
		}
		validate(pk, m[k], at+"."+k, errs)
	}
}

func TestBaseline(t *testing.T) {
	rep := sample(t)
	var buf bytes.Buffer
	require.NoError(t, WriteBaseline(&buf, rep.Findings))
	b, err := ReadBaseline("base.json", bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, 3, b.Len())

	// The same findings on other lines are still in the baseline; a new
	// one is not.
	a := file("en", pair("Une phrase ajoutée.", "An added  sentence."), pair("Les maires se réunissent à Malines.", "Mayors meet in Malinas."), pair("Est-ce une chance ?", "Is it a chance ?"))
	a.Pairs[1].Src = finding.Location{Path: "articles/a.md", Line: 3, Col: 1}
	rep2 := New(Options{Termbase: termbase(t)}).Run([]*File{a})
	b.Filter(rep2)
	assert.Equal(t, []string{"double-space"}, rules(rep2))
	assert.Equal(t, 2, rep2.Baselined)
	assert.Contains(t, rep2.Summary(), "2 in the baseline")

	var nilBase *Baseline
	nilBase.Filter(rep2)
	assert.Len(t, rep2.Findings, 1)

	_, err = ReadBaseline("base.json", strings.NewReader("{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": 3}\n  ]\n}\n"))
	assert.ErrorContains(t, err, "base.json:4:")
	_, err = ReadBaseline("base.json", strings.NewReader(`{"version": 9, "findings": []}`))
	assert.ErrorContains(t, err, "baseline version 9, want 1")
	_, err = ReadBaseline("base.json", strings.NewReader(`{"version": 1, "findings": [], "extra": true}`))
	assert.ErrorContains(t, err, "unknown field")
}
