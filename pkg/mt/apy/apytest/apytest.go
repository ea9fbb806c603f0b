// Package apytest starts a real Apertium APy server for tests: on a free
// port of 127.0.0.1, with the pairs installed on the machine, stopped when
// the test ends. Without apertium-apy it skips the test, or fails it when
// CI=true.
package apytest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
)

// ModesDir is where Debian's Apertium packages install their modes.
const ModesDir = "/usr/share/apertium"

// Server starts apertium-apy and returns its URL once it answers
// /listPairs.
func Server(t testing.TB) string {
	t.Helper()
	testenv.RequireTool(t, "apertium-apy", "apt-get install apertium-apy apertium-fr-es apertium-eng-spa (or run .ci/apertium.sh)")
	if _, err := os.Stat(ModesDir + "/modes"); err != nil {
		testenv.Missing(t, "no Apertium modes in "+ModesDir+": apt-get install apertium-fr-es apertium-eng-spa")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	cmd := exec.Command("apertium-apy", "-p", fmt.Sprint(port), "-j", "1", ModesDir)
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
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("apertium-apy did not answer on %s within 30 s:\n%s", url, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
