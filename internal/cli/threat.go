package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/rules"
)

func init() { register(newThreatCmd) }

// threatSubcommands are the further `assure threat` commands (report,
// diagram, diff, import); each registers itself from its file's init.
var threatSubcommands []func(*env) *cobra.Command

func newThreatCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "threat",
		Short: "threat modeling: analyze the threat model of security/, list the rules",
		Long: `threat works on the threat model: assets, data flow diagrams with trust
boundaries, threats, countermeasures and the tests that prove them, in the files
the root model's threat_model.files names. See docs/threat-modeling.md.`,
	}
	cmd.AddCommand(newThreatAnalyzeCmd(e), newThreatRulesCmd(e))
	for _, c := range threatSubcommands {
		cmd.AddCommand(c(e))
	}
	return cmd
}

func newThreatAnalyzeCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "analyze",
		Aliases: []string{"list"},
		Short:   "run the threat engine and list the threats, their scores and treatments",
		Long: `analyze loads the threat model, runs the rules (STRIDE per interaction) and lists
every threat with its stable id, CVSS score, STRIDE category and treatment, then
the STRIDE-per-element obligations nothing covers yet and treatments of threats
no rule raises any more. It does not gate: 'assure check' does (check
threat-model).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usageErr("unknown format %q (hint: use text or json)", format)
			}
			a, err := analyzeThreats(cmd.Context(), e)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(a)
			}
			return threat.WriteText(e.stdout, a)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output `FORMAT`: text or json")
	return cmd
}

func newThreatRulesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "list the rules of the threat engine",
		Long: `rules lists every rule: id, pack (generic or embedded), STRIDE letter, an x when
the rule fires only on flows that cross a trust boundary, CWE, and title.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return threat.WriteRules(e.stdout, threat.Analyze(&threat.Model{}, rules.All()).Rules)
		},
	}
}

// loadThreatModel loads the root model and the threat model it names, for
// every `assure threat` command.
func loadThreatModel(ctx context.Context, e *env) (*threat.Model, error) {
	root, err := modelRoot(ctx, e)
	if err != nil {
		return nil, err
	}
	m, err := gate.LoadModel(root, e.modelPath)
	if err != nil {
		return nil, inputErr(err)
	}
	tm, err := threat.Load(root, m)
	if errors.Is(err, threat.ErrNotConfigured) {
		return nil, usageErr("%s: %v (hint: add threat_model: {files: [security/threats/*.yaml]})", e.modelPath, err)
	}
	if err != nil {
		var me *model.Error
		if !errors.As(err, &me) {
			err = fmt.Errorf("%s: %w", root, err)
		}
		return nil, inputErr(err)
	}
	return tm, nil
}

// analyzeThreats loads the threat model and runs the rules it selects.
func analyzeThreats(ctx context.Context, e *env) (*threat.Analysis, error) {
	tm, err := loadThreatModel(ctx, e)
	if err != nil {
		return nil, err
	}
	a, err := rules.Analyze(tm)
	if err != nil {
		return nil, inputErr(err)
	}
	return a, nil
}
