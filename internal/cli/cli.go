// Package cli is the command line of assure: cobra commands that parse
// flags, call the domain packages and map outcomes to exit codes (0 pass,
// 1 gate failed, 2 usage or input error). No process logic lives here.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/check"
)

// Version is set at build time with -ldflags "-X .../cli.Version=v1.2.3".
var Version = "v0.1.0-dev"

// Exit codes.
const (
	ExitPass  = 0
	ExitFail  = 1
	ExitUsage = 2
)

// exitError carries an exit code through cobra's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// gateFailed is returned when the gate ran and said no: the report already
// told the user why, so nothing more is printed.
var gateFailed = &exitError{code: ExitFail}

func usageErr(format string, a ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, a...)}
}

func inputErr(err error) error { return &exitError{code: ExitUsage, err: err} }

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dir            string // -C
	modelPath      string // --model
	getenv         func(string) string
}

// Main runs assure with args and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return ExitPass
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "assure: %s\n", indentLines(ee.err.Error()))
		}
		return ee.code
	}
	// Anything cobra itself rejects (unknown flag, wrong argument count) is usage.
	fmt.Fprintf(stderr, "assure: %s\nRun 'assure %s --help' for usage.\n", err, commandPath(root, args))
	return ExitUsage
}

func indentLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return "\n  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

func commandPath(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil || c == root {
		return ""
	}
	return strings.TrimPrefix(c.CommandPath(), "assure ")
}

func newRoot(e *env) *cobra.Command {
	check.AssureVersion = Version
	root := &cobra.Command{
		Use:   "assure",
		Short: "the security process of your firmware project, as a gate",
		Long: `assure makes the security process of an embedded or RTOS project real: it keeps
the security model as code under security/, and 'assure check' gates every change
and release against the process of the Zephyr RTOS Security Overview, naming which
requirement holds, which fails, where, and what to do.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVarP(&e.dir, "dir", "C", ".", "run as if assure was started in `DIR`")
	root.PersistentFlags().StringVar(&e.modelPath, "model", "security/assure.yaml", "root model `FILE`, relative to the repository root")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr("%v", err) })
	root.AddCommand(
		newVersionCmd(e),
		newInitCmd(e),
		newValidateCmd(e),
		newProcessCmd(e),
		newCheckCmd(e),
		newHooksCmd(e),
		newHookCmd(e),
	)
	for _, c := range extraCommands {
		root.AddCommand(c(e))
	}
	return root
}

// extraCommands are the capability commands (complexity, kconfig, threat,
// waiver, findings, serve, audit, vuln …). Each lives in its own file and
// registers itself from init, so capabilities grow without editing this
// file; cobra sorts them for help.
var extraCommands []func(*env) *cobra.Command

func register(c func(*env) *cobra.Command) { extraCommands = append(extraCommands, c) }

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version of assure",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(e.stdout, "assure %s\n", Version)
			return nil
		},
	}
}
