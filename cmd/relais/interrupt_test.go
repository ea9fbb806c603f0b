package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeApertiumScript is an apertium command for the test: it lists the
// fr-es and spa-eng modes and, when HOLD names a file, creates it and
// waits (as a long translation would); otherwise it gives its input back.
const fakeApertiumScript = `#!/bin/sh
if [ "$1" = -l ]; then printf 'fr-es\nspa-eng\n'; exit 0; fi
if [ -n "$HOLD" ]; then touch "$HOLD"; sleep 60; fi
cat
`

// TestInterruptThroughTheBinary sends SIGINT to relais translate while the
// engine works: relais stops with 130, writes nothing, leaves no engine
// process behind, and the next run completes with every draft written.
func TestInterruptThroughTheBinary(t *testing.T) {
	relais, err := exec.LookPath("relais") // the test binary, put in $PATH by testscript.Main
	require.NoError(t, err)
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bin, "apertium"), []byte(fakeApertiumScript), 0o755))
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	for _, name := range []string{"a.txt", "b.md", "c.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(src, name), []byte("Les maires se réunissent.\n\nUne autre phrase.\n"), 0o644))
	}
	out := filepath.Join(dir, "out")
	hold := filepath.Join(dir, "engine-started")
	run := func(env ...string) *exec.Cmd {
		cmd := exec.Command(relais, "translate", src, "--to", "en,es", "--mt", "apertium", "--jobs", "2",
			"--memory", filepath.Join(dir, "mem.db"), "--out", out, "--progress", "never")
		cmd.Env = append([]string{"PATH=" + bin + string(filepath.ListSeparator) + os.Getenv("PATH"), "HOME=" + dir}, env...)
		return cmd
	}

	cmd := run("HOLD=" + hold)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { _, err := os.Stat(hold); return err == nil }, 60*time.Second, 20*time.Millisecond,
		"the engine was never called: %s", &stderr)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err = cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "relais exited on its own: %v\n%s", err, &stderr)
	assert.Equal(t, 130, ee.ExitCode(), stderr.String())
	assert.Contains(t, stderr.String(), "relais: interrupted; nothing more was written")
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err == nil && !d.IsDir() {
			assert.True(t, strings.HasPrefix(d.Name(), "."), "nothing is put in place before every file is ready (the journal and staged files are hidden): %s", p)
		}
		return err
	}))
	assertNoProcess(t, "sleep 60", "HOLD="+hold)

	cmd = run()
	outText, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", outText)
	assert.NotContains(t, string(outText), "kept")
	for _, lang := range []string{"en", "es"} {
		for _, name := range []string{"a.txt", "b.md", "c.txt"} {
			assert.FileExists(t, filepath.Join(out, lang, name))
			assert.FileExists(t, filepath.Join(out, lang, name+".xlf"))
		}
	}
	assert.FileExists(t, filepath.Join(out, "report.html"))
	assert.NoFileExists(t, filepath.Join(out, ".relais-journal"), "a batch that finished removes its journal")
}

// assertNoProcess checks that no process of this machine runs cmdline
// with marker in its environment (the engine's process group was killed
// with relais's context). The marker, unique to the test, keeps another
// test run on the same machine out of it.
func assertNoProcess(t *testing.T, cmdline, marker string) {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Logf("no /proc: cannot look for %q", cmdline)
		return
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		got := strings.TrimSpace(strings.ReplaceAll(string(data), "\x00", " "))
		if got != cmdline {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !strings.Contains(string(env), marker) {
			continue
		}
		t.Errorf("engine process %s left running", e.Name())
	}
}
