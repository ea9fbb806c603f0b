package cli

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/qa"
)

// TestReportFindingsAreCheckFindings translates with a memory whose
// targets break the checks (a number changed, a word
// repeated) and the rest untranslated, then compares the findings the
// review report shows on each segment with those relais check reports on
// the same drafts: the same segments, languages, rules, severities and
// messages, whether --fail-on asks for the checks or not.
func TestReportFindingsAreCheckFindings(t *testing.T) {
	dir := t.TempDir()
	article := "# Les maires se réunissent\n\n" +
		"La conférence de 2017 aura lieu à Malines.\n\n" +
		"Voir https://uclg.org pour le programme.\n\n" +
		"Les maires parlent de migrations.\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "article.md"), []byte(article), 0o644))
	tsv := "fr\ten\n" +
		"La conférence de 2017 aura lieu à Malines.\tThe 2016 conference will take place in Mechelen.\n" +
		"Voir https://uclg.org pour le programme.\tSee the programme.\n" +
		"Les maires parlent de migrations.\tThe the mayors talk about migration.\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tm.tsv"), []byte(tsv), 0o644))
	code, _, errOut := runRelais(t, dir, nil, "memory", "import", "tm.tsv", "--memory", "m.db")
	require.Equal(t, ExitOK, code, errOut)

	for _, failOn := range []string{"never", "info"} {
		t.Run("fail-on "+failOn, func(t *testing.T) {
			out := "out-" + failOn
			code, _, errOut := runRelais(t, dir, nil, "translate", "article.md", "--mt", "none", "--to", "en",
				"--memory", "m.db", "--out", out, "--fail-on", failOn, "--no-default-glossary")
			require.Contains(t, []int{ExitOK, ExitFindings}, code, errOut)
			page, err := os.ReadFile(filepath.Join(dir, out, "report.html"))
			require.NoError(t, err)
			got := pageFindings(t, string(page))

			code, stdout, errOut := runRelais(t, dir, nil, "check", out, "--format", "json", "--no-baseline", "--no-default-glossary", "--fail-on", "never")
			require.Equal(t, ExitOK, code, errOut)
			var rep struct {
				Findings []struct {
					Rule, Severity, Message, Lang, Segment string
				}
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
			var want []string
			for _, f := range rep.Findings {
				want = append(want, strings.Join([]string{"article.md", f.Segment, f.Lang, f.Severity, f.Rule, f.Message}, " | "))
			}
			sort.Strings(want)
			require.NotEmpty(t, want)
			for _, rule := range []string{"untranslated", "number", "repeated-word"} {
				assert.Contains(t, strings.Join(want, "\n"), "| "+rule+" |", "the case is built to raise %s", rule)
			}
			assert.Equal(t, want, got, "the page shows, per segment, what relais check reports")
		})
	}
}

// The parts of the review report page that pageFindings reads.
var (
	pageFile    = regexp.MustCompile(`<section class="file" id="(f\d+)"[^>]*><h2>([^<]*)</h2>`)
	pageRow     = regexp.MustCompile(`(?s)^(f\d+)\.([^"]+)"[^>]*>(.*?)(?:</tbody>|$)`)
	pageCell    = regexp.MustCompile(`(?s)<td class="l(\d+)[^"]*"[^>]*>(.*?)(?:\n<td|$)`)
	findingItem = regexp.MustCompile(`<li class="(\w+)" data-rule="([^"]+)">\w+ [^:]+: ([^<]*)`)
	pageLangs   = regexp.MustCompile(`<th class="l(\d+)">([^<]+)`)
)

// pageFindings returns the findings of the checks of relais check that
// the review report page shows on its segments, one line each ("path |
// segment | lang | severity | rule | message"), sorted; the batch's own
// findings (an engine's notes, a memory match left out) are not checks'.
func pageFindings(t *testing.T, page string) []string {
	t.Helper()
	rules := map[string]bool{}
	for _, c := range qa.Checks() {
		rules[c.ID()] = true
	}
	paths := map[string]string{}
	for _, m := range pageFile.FindAllStringSubmatch(page, -1) {
		paths[m[1]] = html.UnescapeString(m[2])
	}
	langs := map[string]string{}
	for _, m := range pageLangs.FindAllStringSubmatch(page, -1) {
		langs[m[1]] = m[2]
	}
	require.NotEmpty(t, paths)
	var got []string
	for _, chunk := range strings.Split(page, `<tr id="`)[1:] {
		row := pageRow.FindStringSubmatch(chunk)
		require.NotNil(t, row, chunk)
		for _, cell := range pageCell.FindAllStringSubmatch(row[3], -1) {
			for _, f := range findingItem.FindAllStringSubmatch(cell[2], -1) {
				if !rules[f[2]] {
					continue
				}
				got = append(got, strings.Join([]string{paths[row[1]], html.UnescapeString(row[2]), langs[cell[1]], f[1], f[2], html.UnescapeString(f[3])}, " | "))
			}
		}
	}
	sort.Strings(got)
	return got
}
