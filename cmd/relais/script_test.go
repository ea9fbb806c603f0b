package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/relais-tm/relais/internal/cli"
	"github.com/relais-tm/relais/internal/iostreams"
	"github.com/relais-tm/relais/internal/linecheck"
	"github.com/relais-tm/relais/internal/testenv"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the cmp sections of the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"relais": func() { os.Exit(cli.Main(os.Args[1:], iostreams.System(), os.Environ())) },
	})
}

// TestScripts runs testdata/script/*.txtar against the real relais binary
// (the test binary re-executed as relais). Besides the standard commands,
// scripts have:
//
//	exitcode N relais ARGS...   run relais and require exit code N
//	mkinput KIND FILE           write a bad input: binary, utf16-truncated, utf8-invalid, unreadable
//	escapes SRC DRAFTS          no Markdown draft holds more backslash escapes than its source
//	lines SRC DRAFTS            every Markdown draft keeps its source's line structure
//
// the variable SHARED, the path of ../shared (scripts that use it are
// guarded by [shared]; in CI its absence is a failure), and the conditions
// [apertium] and [apy] (the engine with the fr-es and spa-eng modes; in CI
// their absence is a failure).
func TestScripts(t *testing.T) {
	root := testenv.ModuleRoot(t)
	shared := filepath.Join(filepath.Dir(root), "shared")
	_, err := os.Stat(shared)
	haveShared := err == nil
	if !haveShared && testenv.InCI() {
		t.Fatalf("../shared is missing (%s): required in CI", shared)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join(root, "testdata", "script"),
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SHARED", shared)
			e.Setenv("TESTDATA", filepath.Join(root, "testdata"))
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "shared":
				return haveShared, nil
			case "apertium", "apy":
				// The engine and its fr-es and spa-eng modes; required in CI.
				ok := apertiumReady(cond)
				if !ok && testenv.InCI() {
					return false, errors.New(cond + " with the fr-es and spa-eng modes is required in CI: run .ci/apertium.sh")
				}
				return ok, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode": exitCode,
			"mkinput":  mkInput,
			"escapes":  escapesAtMost,
			"lines":    linesKept,
		},
	})
}

// envNames are the variables exitcode passes on to the command.
var envNames = []string{"PATH", "HOME", "TMPDIR", "WORK", "CI", "RELAIS_FROM", "RELAIS_TO", "RELAIS_OUT",
	"RELAIS_JOBS", "RELAIS_PROGRESS", "RELAIS_SEGMENTATION", "RELAIS_MARKDOWN_FRONT_MATTER_KEYS", "RELAIS_MARKDOWN_DIALECT",
	"RELAIS_MT_FINISH_OFF"}

func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	var env []string
	for _, n := range envNames {
		if v := ts.Getenv(n); v != "" {
			env = append(env, n+"="+v)
		}
	}
	prog := args[1]
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if p := filepath.Join(dir, args[1]); fileExists(p) {
			prog = p
			break
		}
	}
	cmd := exec.Command(prog, args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = ts.Stdout(), ts.Stderr()
	err = cmd.Run()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

// apertiumReady reports whether the apertium command (or apertium-apy) is
// installed with the modes relais uses.
func apertiumReady(tool string) bool {
	if tool == "apy" {
		_, err := exec.LookPath("apertium-apy")
		return err == nil && apertiumReady("apertium")
	}
	out, err := exec.Command("apertium", "-l").Output()
	return err == nil && strings.Contains(string(out), "fr-es") && strings.Contains(string(out), "spa-eng")
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func mkInput(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkinput binary|utf16-truncated|utf8-invalid|unreadable FILE")
	}
	p := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	var data []byte
	switch args[0] {
	case "binary":
		data = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	case "utf16-truncated":
		data = []byte{0xFF, 0xFE, 'B', 0, 'o', 0, 'n', 0, 'j'}
	case "utf8-invalid":
		data = []byte("# Conférence mondiale\n\nLes villes et les migrants se réunissent à Malines. Les \xe9lus y seront.\n")
	case "unreadable":
		// Root reads any file whatever its mode; /proc/self/mem is a file
		// nobody can read from its start.
		if os.Geteuid() == 0 {
			ts.Check(os.Symlink("/proc/self/mem", p))
			return
		}
		ts.Check(os.WriteFile(p, []byte("Bonjour."), 0o000))
		return
	default:
		ts.Fatalf("unknown kind %q", args[0])
	}
	ts.Check(os.WriteFile(p, data, 0o644))
}

// eachDraft calls f with every Markdown page under SRC (.md, .mdx), its
// path relative to SRC, and the draft of the same path under DRAFTS.
func eachDraft(ts *testscript.TestScript, src, drafts string, f func(rel string, page, draft []byte)) {
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".mdx") {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		draft, err := os.ReadFile(filepath.Join(drafts, rel))
		if err != nil {
			return err
		}
		f(rel, page, draft)
		return nil
	})
	ts.Check(err)
}

// escapesAtMost checks that no Markdown draft under DRAFTS holds more
// backslash escapes ("\\" before ASCII punctuation) than its source of the
// same path under SRC (issue #12): a translation escapes only what would
// otherwise make markup.
func escapesAtMost(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: escapes SRC DRAFTS")
	}
	pages, over := 0, 0
	eachDraft(ts, ts.MkAbs(args[0]), ts.MkAbs(args[1]), func(rel string, page, draft []byte) {
		pages++
		if n, m := countEscapes(page), countEscapes(draft); m > n {
			over++
			ts.Logf("%s: %d escapes in the source, %d in the draft", rel, n, m)
		}
	})
	if over > 0 {
		ts.Fatalf("%d of %d drafts hold more escapes than their source", over, pages)
	}
	ts.Logf("%d drafts, none with more escapes than its source", pages)
}

// countEscapes counts the backslashes of b that escape ASCII punctuation.
func countEscapes(b []byte) int {
	n := 0
	for i := 0; i+1 < len(b); i++ {
		if c := b[i+1]; b[i] == '\\' && (c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~') {
			n++
			i++
		}
	}
	return n
}

// linesKept checks that every Markdown draft under DRAFTS keeps the line
// structure of its source of the same path under SRC (issue #12; see
// internal/linecheck): one-line paragraphs on one line, semantic line
// breaks kept, hard-wrapped lines no longer than the source's plus a word.
func linesKept(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: lines SRC DRAFTS")
	}
	tl := linecheck.New()
	eachDraft(ts, ts.MkAbs(args[0]), ts.MkAbs(args[1]), tl.Page)
	ts.Logf("%s", tl)
	if !tl.OK() {
		ts.Fatalf("%s", strings.Join(tl.Problems, "\n"))
	}
}
