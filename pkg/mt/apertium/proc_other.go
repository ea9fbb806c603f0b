//go:build !unix

package apertium

import (
	"os/exec"
	"time"
)

// killGroup bounds the wait for the pipeline's output after cancellation.
func killGroup(cmd *exec.Cmd) { cmd.WaitDelay = 2 * time.Second }
