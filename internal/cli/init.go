package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/scaffold"
)

func newInitCmd(e *env) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "write a commented starter security model",
		Long: `init writes security/assure.yaml: a commented starter model explaining every key.
Where the repository has a Zephyr-style MAINTAINERS.yml or a GitHub CODEOWNERS
file, init proposes people and modules from it; mark the security-relevant
modules and name their security architects before the first 'assure check'.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runInit(cmd.Context(), e, force) },
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing model file")
	return cmd
}

// proposalSources are tried in order; the first one present wins.
var proposalSources = []struct {
	path    string
	propose func([]byte) ([]model.Person, []model.Module, error)
}{
	{"MAINTAINERS.yml", scaffold.ProposeFromMaintainers},
	{".github/CODEOWNERS", scaffold.ProposeFromCodeowners},
	{"CODEOWNERS", scaffold.ProposeFromCodeowners},
	{"docs/CODEOWNERS", scaffold.ProposeFromCodeowners},
}

func runInit(ctx context.Context, e *env, force bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	root, err := modelRoot(ctx, e)
	if err != nil {
		return err
	}
	target := filepath.Join(root, filepath.FromSlash(e.modelPath))
	if _, err := os.Stat(target); err == nil && !force {
		return usageErr("%s already exists (hint: edit it, check it with 'assure validate', or pass --force to start over)", e.modelPath)
	}
	opts := scaffold.Options{ProjectName: filepath.Base(root), TrackerKind: "none"}
	if out, err := gitOutput(ctx, root, "remote", "get-url", "origin"); err == nil {
		opts.Repository = strings.TrimSpace(string(out))
		if strings.Contains(opts.Repository, "github.com") {
			opts.TrackerKind = "github"
		}
	}
	// Through the root: a MAINTAINERS.yml that links out of the
	// repository is not followed.
	repo, err := os.OpenRoot(root)
	if err != nil {
		return inputErr(err)
	}
	defer repo.Close()
	for _, src := range proposalSources {
		data, err := repo.ReadFile(filepath.FromSlash(src.path))
		if err != nil {
			continue
		}
		people, modules, err := src.propose(data)
		if err != nil {
			return inputErr(scaffold.WithFile(err, src.path))
		}
		opts.People, opts.Modules, opts.Source = people, modules, src.path
		break
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return inputErr(err)
	}
	if err := os.WriteFile(target, scaffold.StarterModel(opts), 0o600); err != nil {
		return inputErr(err)
	}
	if _, err := gate.LoadModel(root, e.modelPath); err != nil {
		return inputErr(fmt.Errorf("the starter model does not validate, which is a bug in assure; please report it:\n%v", err))
	}
	fmt.Fprintf(e.stdout, "wrote %s", e.modelPath)
	if opts.Source != "" {
		fmt.Fprintf(e.stdout, " with %d people and %d modules proposed from %s", len(opts.People), len(opts.Modules), opts.Source)
	}
	fmt.Fprintf(e.stdout, `
next:
  1. mark security-relevant modules (security_relevant: true) and name their security_architect
  2. assure validate
  3. assure hooks install
  4. assure check --range origin/main..HEAD
`)
	return nil
}
