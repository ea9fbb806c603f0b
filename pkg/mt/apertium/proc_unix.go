//go:build unix

package apertium

import (
	"os/exec"
	"syscall"
	"time"
)

// killGroup makes cancellation kill the whole pipeline apertium starts
// (a shell script running lt-proc, the tagger, the transfer stages…), not
// only the script, so that no stage is left holding the output open.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
}
