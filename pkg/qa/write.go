package qa

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/relais-tm/relais/pkg/finding"
)

// Formats are the output formats Write knows.
var formats = []string{"text", "json", "junit", "sarif", "github"}

// Formats returns the names of the output formats.
func Formats() []string { return append([]string(nil), formats...) }

// WriteOptions say what the writers need beyond the report.
type WriteOptions struct {
	// FailOn is the level at which findings fail the run: JUnit counts a
	// test case as failed when it has a finding at or above it. Off means
	// nothing fails.
	FailOn finding.Severity
	// Version is relais's version, for SARIF's tool.driver.version.
	Version string
}

// Write renders rep in format (one of Formats) to w.
func Write(w io.Writer, format string, rep *Report, o WriteOptions) error {
	switch format {
	case "text":
		return writeText(w, rep)
	case "json":
		return writeJSON(w, rep)
	case "junit":
		return writeJUnit(w, rep, o)
	case "sarif":
		return writeSARIF(w, rep, o)
	case "github":
		return writeGitHub(w, rep)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(formats, ", "))
}

// Summary returns the one-line summary the text format ends with.
func (r *Report) Summary() string {
	var counts [finding.Error + 1]int
	files := map[string]bool{}
	for _, f := range r.Findings {
		if f.Severity >= 0 && f.Severity <= finding.Error {
			counts[f.Severity]++
		}
		files[f.At.Path+"\x00"+f.Lang] = true // a source's drafts are files of their own
	}
	var b strings.Builder
	if len(r.Findings) == 0 {
		fmt.Fprintf(&b, "no findings in %d file(s), %d segment(s)", len(r.Files), r.Pairs)
	} else {
		fmt.Fprintf(&b, "%d error(s), %d warning(s), %d info in %d of %d file(s), %d segment(s)",
			counts[finding.Error], counts[finding.Warning], counts[finding.Info], len(files), len(r.Files), r.Pairs)
	}
	if r.Suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed by notes", r.Suppressed)
	}
	if r.Baselined > 0 {
		fmt.Fprintf(&b, "; %d in the baseline", r.Baselined)
	}
	return b.String()
}

func writeText(w io.Writer, rep *Report) error {
	var b strings.Builder
	last := ""
	for i, f := range rep.Findings {
		if i > 0 && f.At.Path != last {
			b.WriteByte('\n')
		}
		last = f.At.Path
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	if len(rep.Findings) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("relais check: " + rep.Summary() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonReport is the JSON output.
type jsonReport struct {
	Version  int               `json:"version"`
	Summary  jsonSummary       `json:"summary"`
	Findings []finding.Finding `json:"findings"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Segments   int `json:"segments"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Info       int `json:"info"`
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
}

func writeJSON(w io.Writer, rep *Report) error {
	out := jsonReport{Version: 1, Findings: rep.Findings}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	out.Summary = jsonSummary{Files: len(rep.Files), Segments: rep.Pairs, Suppressed: rep.Suppressed, Baselined: rep.Baselined}
	for _, f := range rep.Findings {
		switch f.Severity {
		case finding.Error:
			out.Summary.Errors++
		case finding.Warning:
			out.Summary.Warnings++
		case finding.Info:
			out.Summary.Info++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// JUnit XML, as Jenkins, GitLab and most CI systems read it.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, rep *Report, o WriteOptions) error {
	byFile := map[string]map[string][]finding.Finding{}
	for _, f := range rep.Findings {
		if byFile[f.At.Path] == nil {
			byFile[f.At.Path] = map[string][]finding.Finding{}
		}
		byFile[f.At.Path][f.Rule] = append(byFile[f.At.Path][f.Rule], f)
	}
	files := append([]string(nil), rep.Files...)
	for p := range byFile {
		if !contains(files, p) {
			files = append(files, p)
		}
	}
	out := junitSuites{Name: "relais check"}
	for _, path := range files {
		s := junitSuite{Name: path}
		for _, ch := range rep.Checks {
			fs := byFile[path][ch.ID()]
			c := junitCase{Classname: path, Name: ch.ID()}
			var fail, other strings.Builder
			worst := finding.Off
			nfail := 0
			for _, f := range fs {
				line := fmt.Sprintf("%s: %s: %s\n", f.At, f.Severity, f.Message)
				if o.FailOn != finding.Off && f.Severity >= o.FailOn {
					fail.WriteString(line)
					nfail++
					worst = max(worst, f.Severity)
				} else {
					other.WriteString(line)
				}
			}
			if nfail > 0 {
				c.Failure = &junitFailure{Message: fmt.Sprintf("%d finding(s) of %s", nfail, ch.ID()), Type: worst.String(), Body: fail.String()}
				s.Failures++
			}
			c.SystemOut = other.String()
			s.Cases = append(s.Cases, c)
			s.Tests++
		}
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// SARIF 2.1.0 (OASIS Standard): only the objects relais fills.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	Help                 sarifMessage `json:"help"`
	DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// sarifLevel maps a severity to SARIF's level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	case finding.Info:
		return "note"
	}
	return "none"
}

// sarifURI writes a slash path as a relative URI reference.
func sarifURI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func sarifLoc(l finding.Location) sarifPhysical {
	ph := sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(l.Path)}}
	if l.Line > 0 {
		ph.Region = &sarifRegion{StartLine: l.Line, StartColumn: l.Col}
	}
	return ph
}

func writeSARIF(w io.Writer, rep *Report, o WriteOptions) error {
	driver := sarifDriver{Name: "relais", Version: o.Version, InformationURI: "https://github.com/relais-tm/relais", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, ch := range rep.Checks {
		index[ch.ID()] = i
		help := ch.Help()
		short := help
		if i := strings.Index(help, ". "); i > 0 {
			short = help[:i+1]
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: ch.ID(), Name: ruleName(ch.ID()),
			ShortDescription: sarifMessage{short}, FullDescription: sarifMessage{help}, Help: sarifMessage{help},
			DefaultConfiguration: sarifConfig{sarifLevel(ch.Default())},
		})
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, f := range rep.Findings {
		r := sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity), Message: sarifMessage{f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sarifLoc(f.At)}},
			PartialFingerprints: map[string]string{"relaisFinding/v1": f.Fingerprint},
			Properties:          map[string]string{"lang": f.Lang, "segment": f.Segment},
		}
		if _, ok := index[f.Rule]; !ok {
			r.RuleIndex = -1
		}
		if f.Source.Known() && f.Source != f.At {
			id := 1
			r.RelatedLocations = []sarifLocation{{ID: &id, PhysicalLocation: sarifLoc(f.Source), Message: &sarifMessage{"source segment"}}}
		}
		run.Results = append(run.Results, r)
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// ruleName turns a check ID into SARIF's PascalCase rule name.
func ruleName(id string) string {
	var b strings.Builder
	for _, p := range strings.Split(id, "-") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// GitHub Actions workflow commands.
func writeGitHub(w io.Writer, rep *Report) error {
	var b strings.Builder
	for _, f := range rep.Findings {
		cmd := "notice"
		switch f.Severity {
		case finding.Error:
			cmd = "error"
		case finding.Warning:
			cmd = "warning"
		}
		props := []string{"file=" + ghProperty(f.At.Path)}
		if f.At.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.At.Line))
			if f.At.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.At.Col))
			}
		}
		props = append(props, "title="+ghProperty("relais "+f.Rule))
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), ghData(f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message: %, CR and LF.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value: as data, plus
// ":" and ",".
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SortFindings orders findings as Checker.Run reports them: by file (in
// the order of files; by path where one of the two is not in files),
// line, column and rule. Findings equal in all four keep their order.
func SortFindings(fs []finding.Finding, files []string) {
	order := map[string]int{}
	for i, f := range files {
		order[f] = i
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.At.Path != b.At.Path {
			oa, oka := order[a.At.Path]
			ob, okb := order[b.At.Path]
			if oka && okb {
				return oa < ob
			}
			return a.At.Path < b.At.Path
		}
		if a.At.Line != b.At.Line {
			return a.At.Line < b.At.Line
		}
		if a.At.Col != b.At.Col {
			return a.At.Col < b.At.Col
		}
		return a.Rule < b.Rule
	})
}
