// Command relais translates French articles into English and Spanish drafts
// for review. See the README for the commands and the configuration.
package main

import (
	"os"
	"runtime/debug"

	"github.com/relais-tm/relais/internal/cli"
	"github.com/relais-tm/relais/internal/iostreams"
)

// gcPercent is the garbage collector's target unless GOGC says otherwise.
// A batch allocates several times what it keeps (every file's drafts,
// XLIFF files and report sections are built in memory): at Go's default
// of 100, 552 pages took 27 collections and about a fifth of the CPU
// time, which --jobs 1 hid on the idle core and --jobs 2 took from the
// files' own work. At 400 they take 6 collections and a twentieth of the
// CPU time; peak memory goes from about 300 MB to about 430 MB.
const gcPercent = 400

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(cli.Main(os.Args[1:], iostreams.System(), os.Environ()))
}
