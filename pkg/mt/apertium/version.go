package apertium

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/language"
)

// Version returns the version of the pair from→to, as the machine
// translation cache keys drafts by (package mtcache): the installed
// Apertium ("Apertium 3.8.3", from apertium -V) and a fingerprint of the
// pair's mode, "fr-es@3f2a9c0d41b7": a hash of the mode file's content and
// of the size and modification time of every file it names (the pair's
// dictionaries and rules) and of every program its pipeline runs
// (lt-proc, apertium-transfer…). Installing or rebuilding the pair, its
// tools or Apertium changes it; reading it costs one short process per
// Engine and a few file stats per pair, not a translation.
//
// The mode file is looked for where the apertium command looks: in
// Options.DataDir when set, else in $APERTIUM_DATADIR (from
// Options.Environ) and the usual folders. The result is kept.
func (e *Engine) Version(ctx context.Context, from, to language.Tag) (string, error) {
	mode, err := e.mode(ctx, from, to)
	if err != nil {
		return "", err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if v, ok := e.versions[mode]; ok {
		return v, nil
	}
	if e.release == "" {
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, e.path, e.args("-V")...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("apertium -V: %w%s", err, stderrText(&stderr))
		}
		e.release = strings.TrimSpace(stdout.String())
		if e.release == "" {
			return "", fmt.Errorf("apertium -V: no version")
		}
	}
	file, err := e.modeFile(mode)
	if err != nil {
		return "", err
	}
	sum, err := fingerprint(file)
	if err != nil {
		return "", err
	}
	v := e.release + " " + mode + "@" + sum
	if e.versions == nil {
		e.versions = map[string]string{}
	}
	e.versions[mode] = v
	return v, nil
}

// dataDirs are where an installed Apertium keeps its modes, after
// $APERTIUM_DATADIR: the Debian packages' folder, then a build from source.
var dataDirs = []string{"/usr/share/apertium", "/usr/local/share/apertium"}

// modeFile returns the path of the mode file of mode.
func (e *Engine) modeFile(mode string) (string, error) {
	dirs := dataDirs
	if e.opts.DataDir != "" {
		dirs = []string{e.opts.DataDir}
	} else {
		for _, kv := range e.opts.Environ {
			if v, ok := strings.CutPrefix(kv, "APERTIUM_DATADIR="); ok && v != "" {
				dirs = append([]string{v}, dirs...)
			}
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "modes", mode+".mode")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("apertium: no mode file %s.mode in %s", mode, strings.Join(dirs, ", "))
}

var (
	// modePath is an absolute path in a mode file, quoted or not.
	modePath = regexp.MustCompile(`'(/[^']+)'|(?:^|\s)(/[^\s'|]+)`)
	// modeProgram is the program a stage of a mode's pipeline runs.
	modeProgram = regexp.MustCompile(`^\s*([^\s'|]+)`)
)

// fingerprint returns the first 12 hex digits of a hash of the mode file
// at path and of the size and modification time of the files and programs
// it names.
func fingerprint(path string) (string, error) {
	mode, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("apertium: %w", err)
	}
	h := sha256.New()
	h.Write(mode)
	stat := func(p string) {
		fi, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(h, "\x00%s missing", p)
			return
		}
		fmt.Fprintf(h, "\x00%s %d %d", p, fi.Size(), fi.ModTime().UnixNano())
	}
	for _, m := range modePath.FindAllStringSubmatch(string(mode), -1) {
		stat(m[1] + m[2])
	}
	for _, stage := range strings.Split(string(mode), "|") {
		m := modeProgram.FindStringSubmatch(stage)
		if m == nil {
			continue
		}
		if p, err := exec.LookPath(m[1]); err == nil {
			stat(p)
		} else {
			fmt.Fprintf(h, "\x00%s not found", m[1])
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
