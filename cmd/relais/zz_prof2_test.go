package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/relais-tm/relais/internal/cli"
	"github.com/relais-tm/relais/internal/iostreams"
)

func TestZZCLI(t *testing.T) {
	if os.Getenv("ZZCLI") == "" {
		t.Skip()
	}
	os.RemoveAll("/tmp/wl/op")
	os.Remove("/tmp/wl/mp.db")
	ios, _, _, _ := iostreams.Test()
	start := time.Now()
	code := cli.Run(context.Background(), []string{"translate", "/tmp/wl/src-none", "--to", "en,es", "--mt", "none", "--jobs", os.Getenv("ZZCLI"), "--memory", "/tmp/wl/mp.db", "--out", "/tmp/wl/op", "--progress", "never"}, ios, nil)
	t.Log(time.Since(start))
	if code != 0 {
		t.Fatal(code)
	}
}
