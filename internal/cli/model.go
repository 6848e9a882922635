package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/process"
)

func newValidateCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "validate",
		Short: "validate the security model alone",
		Long: `validate loads the model (following its includes), checks it against the JSON
Schema built into assure and against the rules a schema cannot express: unique
ids, references to known people and modules, a security architect for every
security-relevant module. Every problem is printed as file:line:col with a hint.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			root, err := modelRoot(cmd.Context(), e)
			if err != nil {
				return err
			}
			m, err := gate.LoadModel(root, e.modelPath)
			if err != nil {
				return inputErr(err)
			}
			sec := 0
			for _, mod := range m.Modules {
				if mod.SecurityRelevant {
					sec++
				}
			}
			fmt.Fprintf(e.stdout, "%s: valid: %d people, %d modules (%d security relevant), %d files\n",
				e.modelPath, len(m.People), len(m.Modules), sec, len(m.Files))
			return nil
		},
	}
}

// modelRoot is the repository root when -C is inside a git work tree, else
// -C itself: a model can be validated before the repository exists.
func modelRoot(ctx context.Context, e *env) (string, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if st, err := os.Stat(e.dir); err != nil || !st.IsDir() {
		return "", usageErr("-C %s: no such directory", e.dir)
	}
	if root, err := gate.TopLevel(ctx, e.dir); err == nil {
		return root, nil
	}
	return e.dir, nil
}

func newProcessCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "process",
		Short: "print the process catalog and how assure covers it",
		Long: `process prints every MUST, SHALL and SHOULD of the Zephyr RTOS Security Overview
with its stable ID, its level, a statement in our words and how it is met: by an
automated check (named), by evidence a person attests, or not yet covered.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			switch format {
			case "text", "json", "markdown":
			default:
				return usageErr("unknown format %q (hint: use text, json or markdown)", format)
			}
			return process.Render(e.stdout, format, process.Load(), check.Requirements())
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output `FORMAT`: text, json or markdown")
	return cmd
}
