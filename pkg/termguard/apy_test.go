package termguard_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/mt/apy"
)

// apyServer starts a real apertium-apy on loopback with the installed
// pairs and returns its URL, or skips (fails in CI).
func apyServer(t *testing.T) string {
	t.Helper()
	testenv.RequireTool(t, "apertium-apy", "apt-get install apertium-apy apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	cmd := exec.Command("apertium-apy", "-p", fmt.Sprint(port), "-j", "1", "/usr/share/apertium")
	cmd.Dir = t.TempDir()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); ; {
		if resp, err := http.Get(url + "/listPairs"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return url
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("apertium-apy did not answer on %s within 30 s:\n%s", url, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestSeedWithAPy(t *testing.T) {
	c, err := apy.New(apyServer(t), apy.Options{})
	require.NoError(t, err)
	pairs, err := c.Pairs(context.Background())
	require.NoError(t, err)
	tb := termbase(t)
	tr := stack(t, c, pairs, tb)
	for _, path := range articles(t) {
		for _, lang := range []language.Tag{en, es} {
			d := translate(t, tr, path, lang)
			checkDraft(t, tb, path, lang, d)
			if strings.Contains(path, "cities4migration") {
				for _, w := range seedWant[lang.String()] {
					assert.Contains(t, d.draft, w)
				}
				for _, w := range seedNot[lang.String()] {
					assert.NotContains(t, d.draft, w)
				}
				assert.NotContains(t, d.draft, "*")
				for _, r := range d.results {
					assert.Equal(t, map[string]string{"en": "apy:fr-es-en", "es": "apy:fr-es"}[lang.String()], r.Engine)
				}
			}
		}
	}
}
