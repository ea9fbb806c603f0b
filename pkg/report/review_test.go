package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/report"
	"github.com/relais-tm/relais/pkg/xliff"
)

// relaisBinary builds relais into a temporary folder and returns its path.
func relaisBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "relais")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/relais")
	cmd.Dir = testenv.ModuleRoot(t)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// runBinary runs relais in dir with args and returns its stderr; it fails
// the test on an exit status other than 0.
func runBinary(t *testing.T, bin, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "RELAIS_PROGRESS=never")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "relais %s\n%s", strings.Join(args, " "), stderr.String())
	return stderr.String()
}

// waitFile waits up to 30 s for a file to appear and returns its bytes.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	for range 300 {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return data
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not appear", path)
	return nil
}

// xliffParts reads an XLIFF file and returns its segments by "original
// segmentID" (the first <file>'s original for relais's own files).
func xliffParts(t *testing.T, path string) map[string]xliff.Part {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	x, err := xliff.Read(path, bytes.NewReader(data))
	require.NoError(t, err)
	out := map[string]xliff.Part{}
	for _, u := range x.Units {
		orig := x.Original
		if u.File != "" {
			orig = x.Originals[u.File]
		}
		for _, p := range u.Parts {
			if p.Kind == xliff.Segment {
				out[orig+" "+p.ID] = p
			}
		}
	}
	return out
}

// xmllint checks the XLIFF file at path with xmllint against relais's
// schema of XLIFF 2.0 Core (pkg/xliff/schema/xliff-core-2.0.xsd, written
// from the specification; pkg/xliff's tests hold it to the OASIS test
// suite), or against the schema RELAIS_XLIFF_SCHEMA names instead (the
// OASIS xliff_core_2.0.xsd, for one, for those who have it; xmllint runs
// without the network, so that schema's imports must be local). Without
// xmllint the export is checked by xliff.Validate only: the test says so,
// and fails in CI, where .ci/xmllint.sh installs it.
func xmllint(t *testing.T, path string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		msg := "xmllint not installed (Debian package libxml2-utils: bash .ci/xmllint.sh): the export is checked by xliff.Validate only"
		if testenv.InCI() {
			t.Error(msg)
		}
		t.Log(msg)
		return
	}
	xsd := filepath.Join(testenv.ModuleRoot(t), "pkg", "xliff", "schema", "xliff-core-2.0.xsd")
	if s := os.Getenv("RELAIS_XLIFF_SCHEMA"); s != "" {
		t.Logf("RELAIS_XLIFF_SCHEMA: the export is checked against %s", s)
		xsd = s
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", xsd, path).CombinedOutput()
	assert.NoError(t, err, "xmllint --schema %s %s: %s", xsd, path, out)
}

// TestReviewLoopThroughTheBinary does a review from start to end: relais
// translates two articles with Apertium; in Chromium, the reviewer types
// three edits into the page (one also moves a link's code), confirms five
// segments, reloads the page and finds the edits there, and exports the
// review; relais review import --apply learns it and rewrites the drafts,
// which then hold the edits byte for byte; a new translate finds those
// segments in the memory in context. No console error, no policy
// violation on the way.
func TestReviewLoopThroughTheBinary(t *testing.T) {
	testenv.RequireTool(t, "apertium", "install apertium-fr-es and apertium-eng-spa (bash .ci/apertium.sh)")
	br := startBrowser(t)
	bin := relaisBinary(t)
	root := testenv.ModuleRoot(t)
	work := t.TempDir()
	for _, src := range []string{"testdata/articles/conference-malines.md", "testdata/articles-mt/reseau-villes-accueil.md"} {
		data, err := os.ReadFile(filepath.Join(root, src))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(work, filepath.Base(src)), data, 0o644))
	}
	const a, b = "conference-malines.md", "reseau-villes-accueil.md"
	runBinary(t, bin, work, "translate", a, b, "--mt", "apertium", "--to", "en", "--memory", "m.db", "--out", "out")
	draftA, err := os.ReadFile(filepath.Join(work, "out", "en", a))
	require.NoError(t, err)
	draftB, err := os.ReadFile(filepath.Join(work, "out", "en", b))
	require.NoError(t, err)

	downloads := t.TempDir()
	br.downloadTo(t, downloads)
	br.open(t, filepath.Join(work, "out", "report.html"))
	require.Empty(t, br.problems())

	// The reviewer names herself.
	br.click(t, `#review input[name=reviewer]`)
	br.typeText(t, "Ann Réviseur")

	cell := func(file, seg string) string { return `tr[id="` + file + `.` + seg + `"] td.l0` }
	text := func(sel string) string {
		var s string
		br.eval(t, `document.querySelector(`+jsString(sel+" .tg")+`).textContent`, &s)
		return s
	}
	// 1. A heading retyped whole, with the characters XML and Markdown
	// care about, a no-break space and an emoji.
	headA := cell("f1", "b4s1")
	const newHead = "Cities & migrants: <the \"world\" conference> of 'Mechelen'\u00a02017 🎉"
	br.click(t, headA)
	oldHead := text(headA)
	br.eval(t, `(() => { getSelection().selectAllChildren(document.activeElement); return 0; })()`, new(int))
	br.typeText(t, newHead)
	br.press(t, "Enter", "Enter", 13, modCtrl) // confirm and go on
	// 2. A word replaced in a paragraph with emphasis.
	paraA := cell("f1", "b5s1")
	br.click(t, paraA)
	br.eval(t, `(() => { const tg = document.activeElement; const w = [...tg.childNodes].find(n => n.nodeType === 3 && n.data.includes("will maintain"));
		const r = document.createRange(); const at = w.data.indexOf("maintain"); r.setStart(w, at); r.setEnd(w, at + "maintain".length);
		getSelection().removeAllRanges(); getSelection().addRange(r); return 0; })()`, new(int))
	br.typeText(t, "be held")
	br.press(t, "Enter", "Enter", 13, modCtrl)
	// 3. The link's opening code moved one word to the left, and a
	// sentence typed at the end.
	linkB := cell("f2", "b3s1")
	br.click(t, linkB)
	br.click(t, linkB+` .tg kbd[data-c="o3"]`)
	br.press(t, "ArrowLeft", "ArrowLeft", 37, modAlt)
	br.click(t, linkB+` .tg`)
	br.eval(t, `(() => { const tg = document.activeElement; const r = document.createRange(); r.selectNodeContents(tg); r.collapse(false);
		getSelection().removeAllRanges(); getSelection().addRange(r); return 0; })()`, new(int))
	br.typeText(t, " See you there.")
	br.click(t, `#review button[name=confirm]`) // by mouse
	// 4 and 5. Two drafts confirmed as they are.
	for _, seg := range []string{"b1s1", "b2s1"} {
		br.click(t, cell("f1", seg))
		br.press(t, "Enter", "Enter", 13, modCtrl)
	}
	require.Empty(t, br.problems(), "no console error or policy violation while editing")

	confirmed := []string{cell("f1", "b4s1"), cell("f1", "b5s1"), cell("f2", "b3s1"), cell("f1", "b1s1"), cell("f1", "b2s1")}
	state := func() (texts []string, ok int, progress string) {
		for _, c := range confirmed {
			texts = append(texts, text(c))
		}
		br.eval(t, `document.querySelectorAll("td.ok").length`, &ok)
		br.eval(t, `document.getElementById("progress").textContent`, &progress)
		return
	}
	before, ok, progress := state()
	assert.Equal(t, 5, ok, "five segments confirmed")
	assert.Equal(t, newHead, before[0])
	assert.NotEqual(t, oldHead, before[0])
	assert.Contains(t, before[1], "will be held ")
	assert.Contains(t, before[2], "See you there.")
	assert.Contains(t, progress, "en: 5 confirmed, 0 edited")

	br.reload(t)
	after, ok, progress := state()
	assert.Equal(t, before, after, "the edits are still there after a reload")
	assert.Equal(t, 5, ok)
	assert.Contains(t, progress, "en: 5 confirmed, 0 edited")

	// The picture of the README's walk-through: the edits after the
	// reload, the first one open for editing.
	br.click(t, linkB)
	shot := br.screenshot(t, "review.png")
	if dest := os.Getenv("RELAIS_README_SCREENSHOT"); dest != "" {
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(root, dest)
		}
		png, err := os.ReadFile(shot)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dest, png, 0o644))
	}

	br.click(t, `#review button[name=export]`)
	exported := waitFile(t, filepath.Join(downloads, "reviewed-en.xlf"))
	require.Empty(t, br.problems(), "no console error or policy violation, the download included")
	assert.Empty(t, xliff.Validate("reviewed-en.xlf", bytes.NewReader(exported)), "%s", exported)
	xlf := filepath.Join(work, "reviewed-en.xlf")
	require.NoError(t, os.WriteFile(xlf, exported, 0o644))
	parts := xliffParts(t, xlf)
	assert.Equal(t, newHead, parts[a+" b4s1"].Target.Plain(), "what the reviewer typed, read back from the XLIFF")
	assert.Equal(t, document.Reviewed, parts[a+" b4s1"].State)
	assert.Equal(t, document.Initial, parts[a+" b6s1"].State, "an untouched segment")
	assert.Contains(t, string(exported), "Ann Réviseur")
	own := xliffParts(t, filepath.Join(work, "out", "en", a+".xlf"))
	for k, p := range xliffParts(t, filepath.Join(work, "out", "en", b+".xlf")) {
		own[k] = p
	}
	require.Len(t, parts, len(own), "every segment of both articles")
	for k, p := range own {
		assert.True(t, p.Source.Equal(parts[k].Source), "%s: the export's source is relais's own, codes and data included", k)
		if parts[k].State == document.Initial {
			assert.True(t, p.Target.Equal(parts[k].Target), "%s: an untouched draft is exported as it is", k)
		}
	}

	xmllint(t, xlf)

	// The diff of the draft against the export: the three segments edited,
	// all machine translations; the rest unchanged.
	diff := filepath.Join(work, "diff.json")
	runBinary(t, bin, work, "diff", "out/en/"+a+".xlf", "reviewed-en.xlf", "-o", diff)
	var cmp report.Comparison
	data, err := os.ReadFile(diff)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &cmp))
	require.Len(t, cmp.Files, 1, "the draft's article only")
	assert.Equal(t, 2, cmp.Summary.Edited, "two segments of %s edited", a)
	assert.Zero(t, cmp.Summary.Added+cmp.Summary.Removed)
	for _, d := range cmp.Summary.ByOrigin {
		if d.Origin == "mt" {
			assert.Equal(t, 2, d.Edited)
			t.Logf("post-edit distance of %s's machine drafts: %d of %d segment(s) edited, %d word edit(s) in %d words (%.1f %%)", a, d.Edited, d.Segments, d.Distance, d.Words, d.Percent)
		}
	}

	stderr := runBinary(t, bin, work, "review", "import", "reviewed-en.xlf", "--apply", "out", "--memory", "m.db")
	assert.Contains(t, stderr, "5 segment(s) taken")
	assert.Contains(t, stderr, "checks of the reviewed segments")
	assert.Contains(t, stderr, `conference-malines.md b4s1 [en] error number: number "2017" is not in the source`,
		"the checks ran on what the reviewer typed")

	// The drafts hold the edits, byte for byte, and nothing else changed.
	wantA := strings.Replace(string(draftA), "\n"+oldHead+"\n===", "\n"+newHead+"\n===", 1)
	wantA = strings.Replace(wantA, "will maintain **", "will be held **", 1)
	gotA, err := os.ReadFile(filepath.Join(work, "out", "en", a))
	require.NoError(t, err)
	assert.Equal(t, wantA, string(gotA))
	lines := strings.Split(string(draftB), "\n")
	for i, l := range lines {
		if strings.Contains(l, "and of the [IOM](") && strings.HasSuffix(l, ").") {
			lines[i] = strings.Replace(l, "of the [IOM](", "of [the IOM](", 1) + " See you there."
		}
	}
	wantB := strings.Join(lines, "\n")
	require.NotEqual(t, string(draftB), wantB, "the link is in the draft as expected:\n%s", draftB)
	gotB, err := os.ReadFile(filepath.Join(work, "out", "en", b))
	require.NoError(t, err)
	assert.Equal(t, wantB, string(gotB))

	// A new batch over the same folder keeps them; one into a new folder
	// finds them in the memory, in context.
	runBinary(t, bin, work, "translate", a, b, "--mt", "apertium", "--to", "en", "--memory", "m.db", "--out", "out")
	again, err := os.ReadFile(filepath.Join(work, "out", "en", a))
	require.NoError(t, err)
	assert.Equal(t, wantA, string(again), "the next batch keeps the reviewed drafts")
	runBinary(t, bin, work, "translate", a, b, "--mt", "none", "--to", "en", "--memory", "m.db", "--out", "fresh")
	for _, f := range []struct{ file, seg string }{{a, "b4s1"}, {a, "b5s1"}, {a, "b1s1"}, {a, "b2s1"}, {b, "b3s1"}} {
		p := xliffParts(t, filepath.Join(work, "fresh", "en", f.file+".xlf"))[f.file+" "+f.seg]
		assert.Equal(t, document.FromInContext, p.Origin.Kind, "%s %s comes from the memory in context", f.file, f.seg)
		assert.Equal(t, document.Reviewed, p.State)
	}
	fresh, err := os.ReadFile(filepath.Join(work, "fresh", "en", a))
	require.NoError(t, err)
	assert.Contains(t, string(fresh), newHead)

	// The page of the next batch has the review in its drafts: the edits
	// stored in the browser are not offered again.
	br.open(t, filepath.Join(work, "out", "report.html"))
	var offered bool
	br.eval(t, `!document.getElementById("stored").hidden`, &offered)
	assert.False(t, offered, "no banner: the stored edits are in the drafts")
	var badges []string
	br.eval(t, `[...document.querySelectorAll('tr[id="f1.b4s1"] td.l0 > b, tr[id="f2.b3s1"] td.l0 > b')].map(b => b.textContent)`, &badges)
	assert.Equal(t, []string{"TM 101", "TM 101"}, badges)
	assert.Empty(t, br.problems())
	t.Logf("screenshot: %s", shot)
}
