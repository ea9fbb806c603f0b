package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/report"
)

// execute runs a command built by one of the constructors, as the root
// command would, and returns its stdout and stderr.
func execute(t *testing.T, build func(*deps) *cobra.Command, environ []string, args ...string) (string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	cmd := build(&deps{ios: ios, environ: environ})
	cmd.Flags().String("config", "", "")
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	cmd.SilenceUsage = true
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

// generatedTime matches the generation time in every format of the diff
// report: the one part that changes from run to run.
var generatedTime = regexp.MustCompile(`(<time id="generated">|"generated": "|· generated )[0-9TZ:+-]*`)

func stripGenerated(s string) string { return generatedTime.ReplaceAllString(s, "${1}") }

func TestDiffReviewedXLIFF(t *testing.T) {
	t.Chdir(filepath.Join(testenv.ModuleRoot(t), "testdata", "report"))
	golden := filepath.Join(testenv.ModuleRoot(t), "internal", "cli", "testdata", "diff")
	for _, format := range []string{"json", "md", "html"} {
		t.Run(format, func(t *testing.T) {
			out, _, err := execute(t, newDiffCmd, nil, "--format", format, "draft-en.xlf", "reviewed-en.xlf")
			require.NoError(t, err)
			got := stripGenerated(out)
			assert.NotEqual(t, out, got, "the generation time is stated")
			testenv.Golden(t, filepath.Join(golden, "review."+format), []byte(got))
		})
	}

	out, _, err := execute(t, newDiffCmd, nil, "--format", "json", "draft-en.xlf", "reviewed-en.xlf")
	require.NoError(t, err)
	var c report.Comparison
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&c))
	s := c.Summary
	assert.Equal(t, []int{2, 3, 0, 0}, []int{s.Unchanged, s.Edited, s.Added, s.Removed})
	rows := map[string]report.Row{}
	for _, r := range c.Files[0].Rows {
		rows[r.ID] = r
	}
	assert.Equal(t, report.RowEdited, rows["b2s2"].Change)
	assert.Equal(t, []report.Piece{
		{Op: report.Equal, Text: "They adopted a "}, {Op: report.Delete, Text: "common"}, {Op: report.Insert, Text: "joint"},
		{Op: report.Equal, Text: " declaration on the "}, {Op: report.Delete, Text: "welcome"}, {Op: report.Insert, Text: "reception"},
		{Op: report.Equal, Text: " of"}, {Op: report.Delete, Text: " the"}, {Op: report.Equal, Text: " migrants."},
	}, rows["b2s2"].Diff, "word-level diff")
	assert.Equal(t, 3, rows["b2s2"].Distance)
	assert.Equal(t, 25.0, rows["b2s2"].Percent, "3 edits over 12 words")
	assert.Equal(t, report.RowUnchanged, rows["b3s1"].Change)
	byOrigin := map[string]report.OriginDistance{}
	for _, d := range s.ByOrigin {
		byOrigin[d.Origin] = d
	}
	assert.Equal(t, report.OriginDistance{Origin: "mt", Segments: 2, Edited: 1, Words: 21, Distance: 3, Percent: 14.3}, byOrigin["mt"])
	assert.Equal(t, 1, byOrigin["fuzzy"].Edited, "post-edit distance of memory matches, apart from machine drafts")
	assert.Equal(t, 0, byOrigin["exact"].Edited)
	assert.Equal(t, 100.0, byOrigin["none"].Percent, "an untranslated segment translated in review is all edits")
}

func TestDiffSourceVersions(t *testing.T) {
	t.Chdir(filepath.Join(testenv.ModuleRoot(t), "testdata", "report"))
	out, _, err := execute(t, newDiffCmd, nil, "--format", "json", "forum-v1-fr.md", "forum-v2-fr.md")
	require.NoError(t, err)
	var c report.Comparison
	require.NoError(t, json.Unmarshal([]byte(out), &c))
	require.Len(t, c.Files, 1)
	assert.Equal(t, "forum-v2-fr.md", c.Files[0].Path, "two versions of one article")
	var changes []string
	for _, r := range c.Files[0].Rows {
		changes = append(changes, r.ID+" "+r.Change)
	}
	assert.Equal(t, []string{"b1s1 unchanged", "b2s1 edited", "b2s2 unchanged", "b3s1 added", "b4s1 unchanged"}, changes,
		"aligned by source: the inserted paragraph moves the IDs of what follows")
	assert.Equal(t, []report.Piece{{Op: report.Equal, Text: "Les maires se sont réunis à Genève le "}, {Op: report.Delete, Text: "3"},
		{Op: report.Insert, Text: "4"}, {Op: report.Equal, Text: " mai."}}, c.Files[0].Rows[1].Diff)
	assert.Equal(t, "b3s1", c.Files[0].Rows[4].OldID)
}

func TestDiffFoldersAndOutput(t *testing.T) {
	root := testenv.ModuleRoot(t)
	dir := t.TempDir()
	for _, side := range []string{"old", "new"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, side, "en"), 0o755))
	}
	draft, err := os.ReadFile(filepath.Join(root, "testdata", "report", "draft-en.xlf"))
	require.NoError(t, err)
	reviewed, err := os.ReadFile(filepath.Join(root, "testdata", "report", "reviewed-en.xlf"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old", "en", "forum.md.xlf"), draft, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "new", "en", "forum.md.xlf"), reviewed, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "new", "en", "other.md.xlf"), draft, 0o644))
	report := filepath.Join(dir, "diff.html")
	_, stderr, err := execute(t, newDiffCmd, nil, "-o", report, filepath.Join(dir, "old"), filepath.Join(dir, "new"))
	require.NoError(t, err)
	assert.Contains(t, stderr, "2 unchanged, 3 edited, 5 added, 0 removed segment(s)")
	html, err := os.ReadFile(report)
	require.NoError(t, err)
	assert.Contains(t, string(html), "<h2>en/forum.md.xlf <small>(edited)</small></h2>", "the format follows -o's extension")
	assert.Contains(t, string(html), "<h2>en/other.md.xlf <small>(added)</small></h2>")

	_, _, err = execute(t, newDiffCmd, nil, "--format", "pdf", filepath.Join(dir, "old"), filepath.Join(dir, "new"))
	assert.ErrorContains(t, err, `--format "pdf": want md, html or json`)
	_, _, err = execute(t, newDiffCmd, nil, filepath.Join(dir, "old"), filepath.Join(root, "testdata", "report", "draft-en.xlf"))
	assert.ErrorContains(t, err, "compare two folders or two files")
}

// TestDiffReviewExport compares a draft's XLIFF with the review page's
// export, which holds one <file> per article: the article of the draft is
// compared, the others left out; two exports are compared article by
// article.
func TestDiffReviewExport(t *testing.T) {
	reportDir := filepath.Join(testenv.ModuleRoot(t), "testdata", "report")
	reviewed, err := os.ReadFile(filepath.Join(reportDir, "reviewed-en.xlf"))
	require.NoError(t, err)
	other := `  <file id="f2" original="other.md">
    <unit id="b1">
      <segment id="b1s1" state="reviewed">
        <source>Fin.</source>
        <target>End.</target>
      </segment>
    </unit>
  </file>
</xliff>`
	export := strings.Replace(string(reviewed), "</xliff>", other, 1)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "reviewed-en.xlf"), []byte(export), 0o644))

	out, _, err := execute(t, newDiffCmd, nil, "--format", "json", filepath.Join(reportDir, "draft-en.xlf"), filepath.Join(dir, "reviewed-en.xlf"))
	require.NoError(t, err)
	var c report.Comparison
	require.NoError(t, json.Unmarshal([]byte(out), &c))
	require.Len(t, c.Files, 1, "only the draft's article")
	assert.Equal(t, "forum-maires.md", c.Files[0].Path, "named by the original")
	s := c.Summary
	assert.Equal(t, []int{2, 3, 0, 0}, []int{s.Unchanged, s.Edited, s.Added, s.Removed}, "as against the single reviewed file")
	byOrigin := map[string]report.OriginDistance{}
	for _, d := range s.ByOrigin {
		byOrigin[d.Origin] = d
	}
	assert.Equal(t, report.OriginDistance{Origin: "mt", Segments: 2, Edited: 1, Words: 21, Distance: 3, Percent: 14.3}, byOrigin["mt"])

	draftExport := strings.Replace(export, "End.", "The end.", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "draft-en.xlf"), []byte(draftExport), 0o644))
	out, _, err = execute(t, newDiffCmd, nil, "--format", "json", filepath.Join(dir, "draft-en.xlf"), filepath.Join(dir, "reviewed-en.xlf"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal([]byte(out), &c))
	require.Len(t, c.Files, 2)
	assert.Equal(t, []string{"forum-maires.md", "other.md"}, []string{c.Files[0].Path, c.Files[1].Path})
	assert.Equal(t, "edited", c.Files[1].Change)

	elsewhere := strings.Replace(string(reviewed), `original="forum-maires.md"`, `original="elsewhere.md"`, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "elsewhere.xlf"), []byte(elsewhere), 0o644))
	_, _, err = execute(t, newDiffCmd, nil, filepath.Join(dir, "elsewhere.xlf"), filepath.Join(dir, "reviewed-en.xlf"))
	assert.ErrorContains(t, err, "holds no document elsewhere.md")
}

// TestDiffDraftFolders compares an output folder with a folder of the same
// drafts edited by hand: the drafts are compared, and their XLIFF files
// give each segment its origin.
func TestDiffDraftFolders(t *testing.T) {
	reportDir := filepath.Join(testenv.ModuleRoot(t), "testdata", "report")
	draft, err := os.ReadFile(filepath.Join(reportDir, "draft-en.xlf"))
	require.NoError(t, err)
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"out/en/forum-maires.md.xlf": string(draft),
		"out/en/forum-maires.md": "# Mayors' Forum on Mobility\n\nThe mayors met in Geneva on 3 May. " +
			"They adopted a common declaration on the welcome of the migrants.\n\nThe next meeting will take place in Lyon.\n",
		"edited/en/forum-maires.md": "# Mayors' Forum on Mobility\n\nThe mayors met in Geneva on 3 May. " +
			"They adopted a joint declaration on the reception of migrants.\n\nThe next meeting will take place in Lyon.\n",
	})
	out, _, err := execute(t, newDiffCmd, nil, "--format", "json", filepath.Join(dir, "out"), filepath.Join(dir, "edited"))
	require.NoError(t, err)
	var c report.Comparison
	require.NoError(t, json.Unmarshal([]byte(out), &c))
	require.Len(t, c.Files, 1)
	assert.Equal(t, "en/forum-maires.md", c.Files[0].Path, "the drafts, not the XLIFF file")
	s := c.Summary
	assert.Equal(t, []int{3, 1, 0, 0}, []int{s.Unchanged, s.Edited, s.Added, s.Removed})
	byOrigin := map[string]report.OriginDistance{}
	for _, d := range s.ByOrigin {
		byOrigin[d.Origin] = d
	}
	assert.Equal(t, 1, byOrigin["mt"].Edited, "the edited segment is a machine draft, as its XLIFF file says")
	assert.Equal(t, 1, byOrigin["exact"].Segments)
	assert.Equal(t, 0, byOrigin["none"].Segments)
}
