package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/relais-tm/relais/internal/iostreams"
)

// Exit codes, the same for every command.
const (
	ExitOK        = 0   // success
	ExitFindings  = 1   // findings at or above --fail-on
	ExitInput     = 2   // usage, configuration or input error
	ExitCancelled = 130 // interrupted
)

// usageError is a mistake in the command line itself: the usage is shown.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// FindingsError says a command ran but found what --fail-on asks to fail on.
type FindingsError struct{ Count int }

func (e *FindingsError) Error() string {
	return fmt.Sprintf("%d finding(s) at or above --fail-on", e.Count)
}

// deps are what commands need from outside: streams and the environment.
type deps struct {
	ios     *iostreams.IOStreams
	environ []string
}

// Main runs relais with args (without the program name) and returns the
// exit code. environ is the process environment (KEY=value).
func Main(args []string, ios *iostreams.IOStreams, environ []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, ios, environ)
}

// Run is Main with a context of the caller's: tests call it directly.
func Run(ctx context.Context, args []string, ios *iostreams.IOStreams, environ []string) int {
	root := newRootCmd(&deps{ios: ios, environ: environ})
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	err := root.ExecuteContext(ctx)
	return exitCode(err, ios)
}

// exitCode prints err for the user and maps it to the exit code: the one
// switch that decides them.
func exitCode(err error, ios *iostreams.IOStreams) int {
	var findings *FindingsError
	var usage *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(ios.ErrOut, "relais: interrupted; nothing more was written")
		return ExitCancelled
	case errors.As(err, &findings):
		fmt.Fprintf(ios.ErrOut, "relais: %v\n", err)
		return ExitFindings
	case errors.As(err, &usage):
		fmt.Fprintf(ios.ErrOut, "relais: %v\nRun 'relais --help' for usage.\n", err)
		return ExitInput
	default:
		fmt.Fprintf(ios.ErrOut, "relais: %v\n", err)
		return ExitInput
	}
}

func newRootCmd(d *deps) *cobra.Command {
	root := &cobra.Command{
		Use:   "relais",
		Short: "Batch translation of French articles into reviewed-ready English and Spanish drafts",
		Long: `relais reads French articles (Markdown and plain text), cuts them into sentences
and writes English and Spanish drafts aligned with their source, with an
XLIFF 2.0 file per draft for review. Markup, front matter and every byte that
is not translated are kept as they are.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		hint := ""
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			hint = fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		return &usageError{fmt.Errorf("unknown command %q%s", args[0], hint)}
	}
	root.PersistentFlags().String("config", "", "configuration file (default: relais.yaml in the working folder, if any)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newVersionCmd(d), newInitCmd(d), newTranslateCmd(d, nil), newGlossaryCmd(d),
		newMemoryCmd(d), newReviewCmd(d), newCheckCmd(d), newAnalyzeCmd(d), newDiffCmd(d), newReportCmd(d), newAlignCmd(d))
	for _, c := range root.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return root
}

// wrapArgs turns cobra's argument errors into usage errors.
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
