package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/diff"
)

func init() { threatSubcommands = append(threatSubcommands, newThreatDiffCmd) }

func newThreatDiffCmd(e *env) *cobra.Command {
	var format string
	var exitCode bool
	cmd := &cobra.Command{
		Use:   "diff REV1 [REV2]",
		Short: "list threats and countermeasures that are new, removed or weakened between two revisions",
		Long: `diff loads the threat model at REV1 and at REV2 (the work tree when REV2 is
left out), analyzes both with this assure's rules, and lists threats and
countermeasures that were added, removed, weakened (a higher CVSS score, a
treatment that no longer mitigates, a countermeasure that lost tests or became
planned) or improved.

With --exit-code it exits 1 when anything was weakened or removed, for a
pull-request check; otherwise 0.`,
		Example: `  assure threat diff origin/main HEAD
  assure threat diff v1.2.0 --format markdown > threat-diff.md`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !validOneOf(format, diff.Formats) {
				return usageErr("unknown format %q (hint: use %s)", format, strings.Join(diff.Formats, ", "))
			}
			ctx := threatCtx(cmd)
			root, err := repoRoot(ctx, e)
			if err != nil {
				return err
			}
			a, err := diff.AtRevision(ctx, root, args[0], e.modelPath)
			if err != nil {
				return inputErr(err)
			}
			to := "work tree"
			var b *threat.Analysis
			if len(args) == 2 {
				to = args[1]
				b, err = diff.AtRevision(ctx, root, args[1], e.modelPath)
			} else {
				b, err = diff.InWorkTree(root, e.modelPath)
			}
			if err != nil {
				return inputErr(err)
			}
			d := diff.Compare(args[0], to, a, b)
			if err := diff.Write(e.stdout, format, d); err != nil {
				return inputErr(err)
			}
			if exitCode && d.Weakened() {
				return gateFailed
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output `FORMAT`: "+strings.Join(diff.Formats, ", "))
	cmd.Flags().BoolVar(&exitCode, "exit-code", false, "exit 1 when a threat or countermeasure was weakened or removed")
	return cmd
}

func validOneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
