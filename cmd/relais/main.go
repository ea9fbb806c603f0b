// Command relais translates French articles into English and Spanish drafts
// for review. See the README for the commands and the configuration.
package main

import (
	"os"

	"github.com/relais-tm/relais/internal/cli"
	"github.com/relais-tm/relais/internal/iostreams"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], iostreams.System(), os.Environ()))
}
