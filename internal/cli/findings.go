package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/complexity"
	"github.com/assure-dev/assure/internal/waiver"
)

func init() { register(newFindingsCmd) }

type findingsFlags struct {
	format, state string
}

func newFindingsCmd(e *env) *cobra.Command {
	var f findingsFlags
	cmd := &cobra.Command{
		Use:   "findings",
		Short: "list the current static-analysis findings with their waiver state",
		Long: `findings runs the analyzers the model configures (analysis.steps, analysis.sarif)
and lists every result with its finding id, which 'assure waiver add' takes, and
its waiver state: open (no waiver), waived (an accepted waiver covers it),
pending (its waiver is under review, incomplete or expired) or rejected.`,
		Example: `  assure findings
  assure findings --state open --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runFindings(cmd.Context(), e, f) },
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: text or json")
	cmd.Flags().StringVar(&f.state, "state", "", "only findings in `STATE`: open, waived, pending, rejected")
	return cmd
}

// findingOut is one result as `assure findings --format json` writes it.
type findingOut struct {
	ID          string         `json:"id"`
	State       string         `json:"state"`
	Waiver      string         `json:"waiver,omitempty"`
	InSource    bool           `json:"in_source"`
	Tool        string         `json:"tool"`
	Version     string         `json:"version,omitempty"`
	Rule        string         `json:"rule"`
	Level       analysis.Level `json:"level"`
	File        string         `json:"file"`
	Line        int            `json:"line,omitempty"`
	Column      int            `json:"column,omitempty"`
	Message     string         `json:"message"`
	Fingerprint string         `json:"fingerprint"`
}

// findingState names what covers a result.
func findingState(o waiver.Outcome) string {
	switch {
	case o.Waiver == nil:
		return "open"
	case o.Waived:
		return "waived"
	case o.Waiver.Status == waiver.Rejected:
		return "rejected"
	default:
		return "pending"
	}
}

func runFindings(ctx context.Context, e *env, f findingsFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if f.format != "text" && f.format != "json" {
		return usageErr("unknown format %q (hint: text or json)", f.format)
	}
	switch f.state {
	case "", "open", "waived", "pending", "rejected":
	default:
		return usageErr("unknown state %q (hint: open, waived, pending or rejected)", f.state)
	}
	wc, err := waiverLoad(ctx, e)
	if err != nil {
		return err
	}
	a, err := check.Analyze(ctx, wc.root, wc.model)
	if err != nil {
		return inputErr(err)
	}
	if !a.Configured && len(a.Results) == 0 && !complexity.NewBudgets(wc.model).Any() {
		return inputErr(fmt.Errorf("the model configures no analyzer and no complexity budget (hint: add analysis.steps, analysis.sarif or complexity.max_ccn to %s; see docs/waivers.md)", e.modelPath))
	}
	analysis.Sort(a.Results)
	rv, err := waiver.Reconcile(ctx, waiver.ReviewInput{Root: wc.root, Registry: wc.reg, People: wc.people, Today: check.Today(), Results: a.Results, Markers: []string{}})
	if err != nil {
		return inputErr(err)
	}
	out := []findingOut{}
	for i := range a.Results {
		r := &a.Results[i]
		if r.Level == analysis.LevelNone {
			continue
		}
		o := rv.Outcomes[i]
		st := findingState(o)
		if f.state != "" && st != f.state {
			continue
		}
		fo := findingOut{ID: waiver.ResultID(r), State: st, InSource: o.Comment != nil, Tool: r.Tool, Version: r.Version, Rule: r.Rule,
			Level: r.Level, File: r.File, Line: r.Region.StartLine, Column: r.Region.StartColumn, Message: r.Message, Fingerprint: r.Fingerprint}
		if o.Waiver != nil {
			fo.Waiver = o.Waiver.ID
		}
		out = append(out, fo)
	}
	if f.format == "json" {
		return waiverWriteJSON(e, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "no findings")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tTOOL\tRULE\tLOCATION\tMESSAGE")
	counts := map[string]int{}
	for _, fo := range out {
		st := fo.State
		if fo.Waiver != "" {
			st += " " + fo.Waiver
		}
		counts[fo.State]++
		loc := fo.File
		if fo.Line > 0 {
			loc = fmt.Sprintf("%s:%d", fo.File, fo.Line)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", fo.ID, st, fo.Tool, fo.Rule, loc, waiverOneLine(fo.Message))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d findings: %d open, %d waived, %d pending, %d rejected\n",
		len(out), counts["open"], counts["waived"], counts["pending"], counts["rejected"])
	return nil
}
