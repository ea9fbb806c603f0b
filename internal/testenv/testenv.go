package testenv

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files with the output of the tests")

// InCI reports whether the tests run in CI (CI=true), where a missing
// engine or data set is a failure and not a reason to skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing skips t with msg, or fails it when running in CI.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s (CI=true: required)", msg)
	}
	t.Skip(msg)
}

// ModuleRoot returns the folder holding go.mod, searched upward from the
// test's working directory.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Shared returns the path of ../shared beside the repository (the corpus,
// the seed article and the benchmark scripts), or skips (fails in CI) when
// it is absent. Elements are joined to it.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{filepath.Dir(ModuleRoot(t)), "shared"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		Missing(t, "../shared is not beside the repository: "+dir+" is missing")
	}
	return dir
}

// WriteFiles creates the files of files (slash path → content) under dir,
// with the folders they need.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
}

// Sentences cuts a text into sentences, roughly, for tests that need some
// without depending on package segment: after . ! ? followed by a blank
// and a capital, an opening guillemet or a bracket; and at line ends.
// Sentences are trimmed; blank ones are left out.
func Sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		rs := []rune(line)
		start := 0
		for i := 0; i < len(rs); i++ {
			if !strings.ContainsRune(".!?", rs[i]) || i+2 >= len(rs) || rs[i+1] != ' ' {
				continue
			}
			if n := rs[i+2]; unicode.IsUpper(n) || n == '«' || n == '[' {
				out = append(out, strings.TrimSpace(string(rs[start:i+1])))
				start = i + 2
			}
		}
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// RequireTool returns the path of an executable, or skips (fails in CI)
// when it is not installed.
func RequireTool(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" not found in $PATH: "+hint)
	}
	return p
}

// Golden compares got with the golden file at path; with -update it
// rewrites the file instead. Golden files are read by a person before they
// are committed.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run the test with -update and review the result")
	require.Equal(t, string(want), string(got), "output differs from %s (run with -update to accept, then review)", path)
}
