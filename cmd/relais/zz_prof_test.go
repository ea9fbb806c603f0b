package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/relais-tm/relais/internal/config"
	"github.com/relais-tm/relais/pkg/loader"
	"github.com/relais-tm/relais/pkg/memory/sqlite"
	"github.com/relais-tm/relais/pkg/pipeline"
	"golang.org/x/text/language"
	"strconv"
)

func TestZZProf(t *testing.T) {
	if os.Getenv("ZZPROF") == "" {
		t.Skip()
	}
	jobs, _ := strconv.Atoi(os.Getenv("ZZPROF"))
	os.RemoveAll("/tmp/wl/op")
	os.Remove("/tmp/wl/mp.db")
	_ = config.Default()
	mem, err := sqlite.Open(context.Background(), "/tmp/wl/mp.db")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := loader.New(loader.Options{From: language.French})
	start := time.Now()
	marks := map[string]time.Duration{}
	p := &pipeline.Pipeline{Loader: docs, To: []language.Tag{language.English, language.Spanish}, Jobs: jobs, Memory: mem,
		Progress: func(e pipeline.Event) {
			if _, ok := marks[e.Stage]; !ok {
				marks[e.Stage] = time.Since(start)
			}
		}}
	_, err = p.Run(context.Background(), pipeline.Inputs{Paths: []string{"/tmp/wl/src-none"}, Out: "/tmp/wl/op"})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("read", marks["read"], "translate", marks["translate"], "write", marks["write"], "end", time.Since(start))
}
