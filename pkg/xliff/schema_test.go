package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
)

// schemaFile is relais's XML Schema of XLIFF 2.0 Core, from the module
// root; xml.xsd beside it declares xml:lang and xml:space.
const schemaFile = "pkg/xliff/schema/xliff-core-2.0.xsd"

// xmllintInvalid is xmllint's exit status for a document the schema
// rejects (others: 1 not well-formed, 5 the schema does not compile).
const xmllintInvalid = 3

// schemaLinter returns a function that runs xmllint on an XML file against
// relais's XLIFF 2.0 schema, without the network, and reports whether the
// file is valid, with xmllint's messages. It skips the test when xmllint
// is missing, and fails it in CI, where .ci/xmllint.sh installs it. The
// returned function fails its test when xmllint cannot judge the file (not
// well-formed, schema not compiling).
func schemaLinter(t *testing.T) func(t *testing.T, path string) (valid bool, out string) {
	t.Helper()
	bin := testenv.RequireTool(t, "xmllint", "install the Debian package libxml2-utils (bash .ci/xmllint.sh)")
	xsd := filepath.Join(testenv.ModuleRoot(t), filepath.FromSlash(schemaFile))
	return func(t *testing.T, path string) (bool, string) {
		t.Helper()
		out, err := exec.Command(bin, "--noout", "--nonet", "--schema", xsd, path).CombinedOutput()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return true, string(out)
		case errors.As(err, &exit) && exit.ExitCode() == xmllintInvalid:
			return false, string(out)
		}
		t.Fatalf("xmllint %s: %v\n%s", path, err, out)
		return false, ""
	}
}

// isXLIFF20 reports whether data is an XML document whose root is an XLIFF
// 2.0 <xliff>.
func isXLIFF20(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Space == ns20 && se.Name.Local == "xliff"
		}
	}
}

// TestSchemaAcceptsOASISValid checks that the schema accepts every valid
// file of the OASIS XLIFF 2.0 test suite: core/valid, core/in-out, and
// modules/valid, whose module elements and attributes the core schema
// takes at its extension points.
func TestSchemaAcceptsOASISValid(t *testing.T) {
	lint := schemaLinter(t)
	for _, dir := range []string{"core/valid", "core/in-out", "modules/valid"} {
		for _, path := range corpus(t, "oasis-xliff20-testsuite/"+dir+"/*.xlf") {
			t.Run(dir+"/"+filepath.Base(path), func(t *testing.T) {
				valid, out := lint(t, path)
				assert.True(t, valid, "xmllint: %s", out)
			})
		}
	}
}

// TestSchemaRejectsOASISInvalid runs the schema on the core/invalid files
// of the OASIS test suite. The files in the table break a rule of
// structure or of value, which XSD can state: each must be rejected, and
// xmllint's message must name what is wrong. The others break rules XSD
// 1.0 cannot state (constraints between attributes or elements,
// processing requirements) or rules of the modules, whose attributes and
// elements the core schema takes as they come: they are logged with the
// rule Validate finds broken. A rejected file missing from the table fails
// the test, so the table is the list of what the schema catches.
func TestSchemaRejectsOASISInvalid(t *testing.T) {
	structural := map[string]struct{ why, want string }{
		"bad_CopyOfWithBadReference.xlf":                {`copyOf "not1" names no element of the unit's sources`, "copyOf"},
		"bad_DataIdNotUnique.xlf":                       {"two <data> of an <originalData> share an id", "dataId"},
		"bad_DataRefWithoutOriginalData.xlf":            {"dataRef in a unit without <originalData>", "dataRef"},
		"bad_DuplicateNoteIdsInFile.xlf":                {"two notes of a file's <notes> share an id", "noteId"},
		"bad_DuplicateNoteIdsInGroup.xlf":               {"two notes of a group's <notes> share an id", "noteId"},
		"bad_DuplicateNoteIdsInUnit.xlf":                {"two notes of a unit's <notes> share an id", "noteId"},
		"bad_FileIdNotUnique.xlf":                       {"two files share an id", "fileId"},
		"bad_GroupIdNotUnique.xlf":                      {"two groups of a file share an id", "groupId"},
		"bad_GroupWithoutId.xlf":                        {"a <group> without its required id", "'id' is required"},
		"bad_IgnorableIdNotUnique.xlf":                  {"two ignorables of a unit share an id", "partId"},
		"bad_IgnorableWithoutSource.xlf":                {"an <ignorable> without <source>", "source"},
		"bad_InvalidDataRef.xlf":                        {"dataRef names no <data> of the unit", "dataRef"},
		"bad_InvalidDataRefEnd.xlf":                     {"dataRefEnd names no <data> of the unit", "dataRefEnd"},
		"bad_InvalidDataRefStart.xlf":                   {"dataRefStart names no <data> of the unit", "dataRefStart"},
		"bad_InvalidDirAttributeOnSource.xlf":           {"dir is not an attribute of <source>", "'dir' is not allowed"},
		"bad_InvalidExtensionAttributeOnPc.xlf":         {"a custom attribute on <pc>, which takes only the fs and slr modules'", "badAttr"},
		"bad_InvalidExtensionAttributeOnSegment.xlf":    {"an attribute of another namespace on <segment>", "badAttr"},
		"bad_InvalidExtensionAttributeOnSource.xlf":     {"an attribute of another namespace on <source>", "badAttr"},
		"bad_InvalidExtensionAttributeOnTarget.xlf":     {"an attribute of another namespace on <target>", "badAttr"},
		"bad_InvalidExtensionElementInData.xlf":         {"an element of another namespace in <data>", "badElem"},
		"bad_InvalidExtensionElementInFile.xlf":         {"an extension element after a file's groups", "badElem"},
		"bad_InvalidExtensionElementInOriginalData.xlf": {"an element of another namespace in <originalData>", "badElem"},
		"bad_InvalidExtensionElementInSegment.xlf":      {"an element of another namespace in <segment>", "badElem"},
		"bad_InvalidExtensionElementOutsideFile.xlf":    {"an element of another namespace in <xliff>", "badElem"},
		"bad_InvalidHexRangeOnCp.xlf":                   {"<cp> for U+00A0, which XML carries as text", "hex"},
		"bad_InvalidHexValueOnCp.xlf":                   {`hex="notOK" is not hexadecimal`, "hex"},
		"bad_InvalidId1.xlf":                            {`unit id "/1" is not an NMTOKEN`, "NMTOKEN"},
		"bad_InvalidId2.xlf":                            {`segment id "#1" is not an NMTOKEN`, "NMTOKEN"},
		"bad_InvalidId3.xlf":                            {`ph id "\1" is not an NMTOKEN`, "NMTOKEN"},
		"bad_InvalidNotesInFile.xlf":                    {"<notes> after the units of a file", "notes"},
		"bad_InvalidNotesInGroup.xlf":                   {"<notes> after the units of a group", "notes"},
		"bad_InvalidNotesInUnit.xlf":                    {"<notes> after the segments of a unit", "notes"},
		"bad_InvalidStateValue.xlf":                     {`state="badState"`, "state"},
		"bad_InvalidTranslateInSegment.xlf":             {"translate is not an attribute of <segment>", "'translate' is not allowed"},
		"bad_InvalidTypeValue.xlf":                      {`type="badType" on a code`, "type"},
		"bad_IsolatedEcWithId.xlf":                      {`an isolated <ec> with startRef "1" (it takes an id), naming no element of the unit`, "sourceStartRef"},
		"bad_NoFile.xlf":                                {"<xliff> without <file>", "file"},
		"bad_NoUnitOrGroupInFile.xlf":                   {"<file> without <unit> or <group>", "Missing child"},
		"bad_NotesWithoutNote.xlf":                      {"<notes> without <note>", "note"},
		"bad_OrderNotUnique1.xlf":                       {"two targets of a unit with order 1", "targetOrder"},
		"bad_OriginalDataWithoutData.xlf":               {"<originalData> without <data>", "data"},
		"bad_PartIdNotUnique.xlf":                       {"a segment and an ignorable share an id", "partId"},
		"bad_SegmentIdNotUnique.xlf":                    {"two segments of a unit share an id", "partId"},
		"bad_SegmentWithoutSource.xlf":                  {"a <segment> without <source>", "source"},
		"bad_SrcLangNotWellFormed.xlf":                  {`srcLang="e" is not a BCP 47 tag`, "srcLang"},
		"bad_SubFlowWithInvalidValue.xlf":               {`subFlows="tu7, tu8" is not a list of NMTOKENs`, "subFlows"},
		"bad_TrgLangNotWellFormed.xlf":                  {`trgLang="f r" is not a BCP 47 tag`, "trgLang"},
		"bad_TwoSourceInUnit.xlf":                       {"a <segment> with two <source>", "source"},
		"bad_UnitWithoutSegment.xlf":                    {"a <unit> without <segment>", "segment"},
		"bad_UnknownDataRefEndValue.xlf":                {"dataRefEnd names no <data> of the unit", "dataRefEnd"},
		"bad_UnknownDataRefStartValue.xlf":              {"dataRefStart names no <data> of the unit", "dataRefStart"},
		"bad_UnknownDataRefValue.xlf":                   {"dataRef names no <data> of the unit", "dataRef"},
		"bad_XmlLangNotWellFormed.xlf":                  {`xml:lang="f r" is not a language tag`, "lang"},
	}
	lint := schemaLinter(t)
	files := corpus(t, "oasis-xliff20-testsuite/core/invalid/*.xlf")
	seen := map[string]bool{}
	rejected := 0
	for _, path := range files {
		name := filepath.Base(path)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			valid, out := lint(t, path)
			if !valid {
				rejected++
			}
			c, listed := structural[name]
			switch {
			case listed:
				assert.False(t, valid, "must be rejected: %s", c.why)
				assert.Contains(t, out, c.want, "xmllint must say what is wrong: %s", c.why)
			case !valid:
				t.Errorf("rejected but not in the table: add it with its reason\n%s", out)
			default:
				t.Logf("accepted: a rule beyond this schema (xliff.Validate: %s)", invalidCore[name])
			}
		})
	}
	for name := range structural {
		assert.True(t, seen[name], "%s is in the table but not in the test suite", name)
	}
	t.Logf("the schema rejects %d of the %d core/invalid files of the OASIS test suite; Validate rejects them all", rejected, len(files))
}

// TestSchemaAcceptsRelaisXLIFF checks the repository's XLIFF 2.0 files
// against the schema: every .xlf and .golden file holding one (the goldens
// of the writer, the fixtures written as relais writes XLIFF or as another
// tool would), and the files testdata/script compares relais's output with
// (a cmp line's second file in a .txtar). Every XLIFF 2.0 file of the
// repository is meant to be valid; a deliberately broken one lives in a
// .txtar as an input, which this test leaves alone.
func TestSchemaAcceptsRelaisXLIFF(t *testing.T) {
	lint := schemaLinter(t)
	root := testenv.ModuleRoot(t)
	files := map[string]string{} // name in the repository → path to lint
	tmp := t.TempDir()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch filepath.Ext(p) {
		case ".xlf", ".golden":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if isXLIFF20(data) {
				files[rel] = p
			}
		case ".txtar":
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			compared := map[string]bool{}
			for _, line := range strings.Split(string(a.Comment), "\n") {
				if f := strings.Fields(line); len(f) == 3 && f[0] == "cmp" {
					compared[f[2]] = true
				}
			}
			for _, f := range a.Files {
				if compared[f.Name] && isXLIFF20(f.Data) {
					out := filepath.Join(tmp, strconv.Itoa(len(files))+".xlf")
					require.NoError(t, os.WriteFile(out, f.Data, 0o644))
					files[rel+": "+f.Name] = out
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	for _, want := range []string{"pkg/xliff/testdata/every-code.golden", "testdata/script/translate-update.txtar: first.xlf"} {
		require.Contains(t, files, want, "the search for XLIFF files misses a known one")
	}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			valid, out := lint(t, path)
			assert.True(t, valid, "xmllint: %s", out)
		})
	}
}

// TestSchemaChecks runs the schema on hand-written units for what the
// OASIS test suite does not exercise: references and ids in nested codes,
// in targets and across segments; a translation candidate's codes, which
// have a scope of their own; <cp> values; extension points.
func TestSchemaChecks(t *testing.T) {
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" ` +
		`xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0" xmlns:my="urn:example:my" version="2.0" srcLang="fr" trgLang="en"><file id="f1">`
	unit := func(body string) string { return head + `<unit id="u1">` + body + `</unit></file></xliff>` }
	data := `<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;</data></originalData>`
	nested := `<pc id="1" dataRefStart="d1" dataRefEnd="d2"><pc id="2"><mrk id="m1"><ph id="3" dataRef="d3"/></mrk></pc></pc>`
	tests := []struct {
		name, doc string
		want      string // part of xmllint's message; "" for a valid document
	}{
		{"nested codes and their data", unit(data + `<segment id="s1"><source>a ` + nested + `</source><target>b ` + nested + `</target></segment>`), ""},
		{"a target copies a source code", unit(data + `<segment id="s1"><source><ph id="3" dataRef="d3"/></source><target><ph id="3" dataRef="d3"/><ph id="3c" copyOf="3"/></target></segment>`), ""},
		{"a pair across two segments", unit(`<segment id="s1"><source><sc id="1"/>a</source><target><sc id="1"/>b</target></segment>` +
			`<segment id="s2"><source>c<ec startRef="1"/></source><target>d<ec startRef="1"/></target></segment>`), ""},
		{"a candidate's codes name its own data", unit(`<mtc:matches><mtc:match ref="#s1"><originalData><data id="m1">x</data></originalData>` +
			`<source><ph id="1" dataRef="m1"/></source><target><ph id="1" dataRef="m1"/></target></mtc:match></mtc:matches>` +
			`<segment id="s1"><source>a</source></segment>`), ""},
		{"fs attributes on a code", unit(`<segment id="s1"><source><ph id="1" fs:fs="br"/></source></segment>`), ""},
		{"a code point XML cannot carry", unit(`<segment id="s1"><source>a<cp hex="001F"/><cp hex="FFFE"/></source></segment>`), ""},
		{"dataRef three levels down names no data", unit(data + `<segment id="s1"><source><pc id="1"><pc id="2"><ph id="3" dataRef="d9"/></pc></pc></source></segment>`), "dataRef"},
		{"a source code takes a segment's id", unit(`<segment id="s1"><source><ph id="s1"/></source></segment>`), "partId"},
		{"two codes of the targets share an id", unit(`<segment id="s1"><source><ph id="1"/><ph id="2"/></source><target><ph id="1"/><ph id="1"/></target></segment>`), "targetId"},
		{"a target closes a pair it does not open", unit(`<segment id="s1"><source><sc id="1"/>a<ec startRef="1"/></source><target>b<ec startRef="1"/></target></segment>`), "targetStartRef"},
		{"a copy of nothing", unit(`<segment id="s1"><source><ph id="1"/></source><target><ph id="1"/><ph id="1c" copyOf="9"/></target></segment>`), "copyOf"},
		{"a candidate's code without id", unit(`<mtc:matches><mtc:match ref="#s1"><source><ph/></source><target>b</target></mtc:match></mtc:matches>` +
			`<segment id="s1"><source>a</source></segment>`), "'id' is required"},
		{"hex in lower case", unit(`<segment id="s1"><source><cp hex="001f"/></source></segment>`), "hex"},
		{"a cp for a character XML carries", unit(`<segment id="s1"><source><cp hex="0041"/></source></segment>`), "hex"},
		{"version 2.1", strings.Replace(unit(`<segment><source>a</source></segment>`), `version="2.0"`, `version="2.1"`, 1), "version"},
		{"an extension element after the segments", unit(`<segment><source>a</source></segment><my:x/>`), "not expected"},
		{"a custom attribute on a code", unit(`<segment><source><ph id="1" my:x="1"/></source></segment>`), "not allowed"},
		{"a user-defined value without prefix", unit(`<segment state="translated" subState="done"><source>a</source><target>b</target></segment>`), "subState"},
	}
	lint := schemaLinter(t)
	dir := t.TempDir()
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "case"+strconv.Itoa(i)+".xlf")
			require.NoError(t, os.WriteFile(path, []byte(tc.doc), 0o644))
			valid, out := lint(t, path)
			if tc.want == "" {
				assert.True(t, valid, "xmllint: %s", out)
				return
			}
			assert.False(t, valid, "must be rejected")
			assert.Contains(t, out, tc.want)
		})
	}
}
