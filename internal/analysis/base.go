package analysis

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// CollectAt is Collect on the tree of revision rev of the repository at
// root, for comparing a change with its base (profile pr): the revision is
// checked out with `git worktree add --detach` into a temporary directory,
// analysed there with the same model m (the policy under which the change
// is judged, not the one the base had), and removed again. Results name
// files relative to that tree, so they compare with Collect's results at
// the tip path for path. Submodules are not checked out. SARIF logs of
// analysis.sarif are those committed at rev; a project can commit a
// baseline log and have it read here.
func CollectAt(ctx context.Context, root, rev string, m *model.Model, opts Options) ([]Result, []StepReport, error) {
	tmp, err := os.MkdirTemp("", "assure-base-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, "tree")
	if _, err := git(ctx, root, "worktree", "add", "--detach", "--quiet", tree, rev+"^{commit}"); err != nil {
		return nil, nil, fmt.Errorf("checking out base revision %s: %w", rev, err)
	}
	defer func() {
		// The worktree must go even when ctx has ended: a fresh context.
		_, _ = git(context.Background(), root, "worktree", "remove", "--force", tree)
		_, _ = git(context.Background(), root, "worktree", "prune")
	}()
	return Collect(ctx, tree, m, opts)
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	// assure: waive W-0002 -- git with fixed subcommands on a resolved commit id; no shell
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}
