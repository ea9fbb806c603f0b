package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/pipeline"
)

// countingAPy is a stand-in for an Apertium APy server (the contract of
// pkg/mt/apy: GET /listPairs, POST /translate with langpair and q, the
// answer in responseData): it knows fra|spa, "translates" by writing
// "alcaldes" for "maires", takes a few milliseconds per request, and
// counts the requests.
func countingAPy(t *testing.T, calls *atomic.Int64) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/listPairs":
			fmt.Fprint(w, `{"responseData":[{"sourceLanguage":"fra","targetLanguage":"spa"}],"responseStatus":200}`)
		case "/translate":
			calls.Add(1)
			time.Sleep(10 * time.Millisecond)
			q := strings.ReplaceAll(r.FormValue("q"), "maires", "alcaldes")
			out, _ := json.Marshal(map[string]any{"responseData": map[string]string{"translatedText": q}, "responseStatus": 200})
			w.Write(out)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestResumeAfterKill: a batch of 200 files killed (SIGKILL) about half-way
// is run again with the same settings. The second run asks the engine only
// for the files the first had not finished, its drafts and XLIFF files
// equal those of a run that was never stopped, and no temporary file is
// left.
func TestResumeAfterKill(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	const files = 200
	for i := range files {
		text := fmt.Sprintf("# Réunion %d\n\nLes maires de la ville %d se réunissent. Ils parlent du budget numéro %d.\n", i, i, i)
		require.NoError(t, os.WriteFile(filepath.Join(src, fmt.Sprintf("a%03d.md", i)), []byte(text), 0o644))
	}
	var calls atomic.Int64
	url := countingAPy(t, &calls)
	args := func(out, db string) []string {
		return []string{"translate", src, "--to", "es", "--mt", "apy", "--apy-url", url, "--memory", db,
			"--out", out, "--progress", "never", "--jobs", "2"}
	}

	// The first run, in a process of its own, killed once about half the
	// files are staged (the journal has a line per file).
	out, db := filepath.Join(dir, "out"), filepath.Join(dir, "m.db")
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args(out, db)...)...)
	cmd.Env = append(os.Environ(), "RELAIS_CLI_HELPER=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	journal := filepath.Join(out, pipeline.JournalName)
	deadline := time.Now().Add(2 * time.Minute)
	for lines(journal) < files/2 {
		require.True(t, time.Now().Before(deadline), "the batch did not get half-way in time:\n%s", stderr.String())
		time.Sleep(5 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	done := finished(t, out)
	require.Less(t, done, files, "killed before the end")
	_, err := os.Stat(filepath.Join(out, "es", "a000.md"))
	require.ErrorIs(t, err, fs.ErrNotExist, "nothing was put in place")
	t.Logf("killed with %d of %d files staged whole (%d recorded)", done, files, lines(journal))

	calls.Store(0)
	_, errOut := run(t, args(out, db)...)
	// One engine call per file not finished, none for those staged. A
	// file in flight when the process died (--jobs 2: two at most) may
	// have its translation in the machine translation cache already,
	// without its journal line: the resumed run takes it from the cache.
	assert.LessOrEqual(t, calls.Load(), int64(files-done), "no engine call for the %d files staged:\n%s", done, errOut)
	assert.GreaterOrEqual(t, calls.Load(), int64(files-done-2), "one engine call per file not finished:\n%s", errOut)

	calls.Store(0)
	whole := filepath.Join(dir, "whole")
	run(t, args(whole, filepath.Join(dir, "whole.db"))...)
	require.EqualValues(t, files, calls.Load())
	for i := range files {
		for _, name := range []string{fmt.Sprintf("es/a%03d.md", i), fmt.Sprintf("es/a%03d.md.xlf", i)} {
			got, err := os.ReadFile(filepath.Join(out, name))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(whole, name))
			require.NoError(t, err)
			require.Equal(t, string(want), string(got), "%s as an uninterrupted run writes it", name)
		}
	}
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), ".") {
			assert.Equal(t, pipeline.ManifestName, d.Name(), "temporary file left: %s", p)
		}
		return err
	}))
}

// finished counts the files the journal in out records with a staged XLIFF
// file whose every segment has a translation: those a resumed run need not
// send to the engine again (a file whose engine call failed, under a
// loaded machine, has untranslated segments, and is asked for again).
func finished(t *testing.T, out string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, pipeline.JournalName))
	require.NoError(t, err)
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		var e struct {
			Outputs []struct{ Rel, Temp string }
		}
		if json.Unmarshal([]byte(line), &e) != nil {
			continue
		}
		for _, o := range e.Outputs {
			if strings.HasSuffix(o.Rel, ".xlf") {
				xlf, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(o.Temp)))
				if err == nil && !strings.Contains(string(xlf), `state="initial"`) {
					n++
				}
			}
		}
	}
	return n
}

// lines counts the complete lines of the file at path (0 if it is missing).
func lines(path string) int {
	data, _ := os.ReadFile(path)
	return bytes.Count(data, []byte("\n"))
}
