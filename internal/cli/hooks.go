package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gate"
)

const hookMarker = "# installed by assure hooks install"

func newHooksCmd(e *env) *cobra.Command {
	hooks := &cobra.Command{Use: "hooks", Short: "install the git hooks that enforce the process locally"}
	var force bool
	install := &cobra.Command{
		Use:   "install",
		Short: "install a commit-msg hook that denies commits without a valid change-request reference",
		Long: `install writes a commit-msg hook into the repository (honouring core.hooksPath)
that runs 'assure hook commit-msg'. A commit whose message references no valid
change request is denied before it is made. The server-side counterpart is
'assure hook pre-receive' (see docs/change-management.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return installHook(cmd.Context(), e, force)
		},
	}
	install.Flags().BoolVar(&force, "force", false, "replace an existing commit-msg hook that assure did not install")
	hooks.AddCommand(install)
	return hooks
}

func installHook(ctx context.Context, e *env, force bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	root, err := repoRoot(ctx, e)
	if err != nil {
		return err
	}
	out, err := gitOutput(ctx, root, "rev-parse", "--git-path", "hooks/commit-msg")
	if err != nil {
		return inputErr(fmt.Errorf("%s: cannot find the hooks directory: %v", root, err))
	}
	path := strings.TrimSpace(string(out))
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	if old, err := readNamedFile(e, path); err == nil && !bytes.Contains(old, []byte(hookMarker)) && !force {
		return usageErr("%s exists and was not installed by assure (hint: chain it yourself, or pass --force to replace it)", path)
	}
	self, err := selfPath()
	if err != nil {
		return inputErr(err)
	}
	script := fmt.Sprintf("#!/bin/sh\n%s\n# Denies a commit whose message references no valid change request.\nexec %s hook commit-msg --model %s \"$1\"\n",
		hookMarker, shellQuote(self), shellQuote(e.modelPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return inputErr(err)
	}
	// assure: waive W-0014 -- a hook must be executable; it holds no secret
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		return inputErr(err)
	}
	fmt.Fprintf(e.stdout, "installed %s\n", path)
	return nil
}

// selfPath is the assure the user ran, as they ran it: through a link on
// PATH when there is one, so an upgrade of that link upgrades the hook too.
func selfPath() (string, error) {
	if p, err := exec.LookPath(os.Args[0]); err == nil {
		return filepath.Abs(p)
	}
	return os.Executable()
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func newHookCmd(e *env) *cobra.Command {
	hook := &cobra.Command{Use: "hook", Short: "entry points git hooks call", Hidden: false}
	hook.AddCommand(&cobra.Command{
		Use:   "commit-msg FILE",
		Short: "check the message of the commit being made (called by the commit-msg hook)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return hookCommitMsg(cmd.Context(), e, args[0])
		},
	})
	hook.AddCommand(&cobra.Command{
		Use:   "pre-receive",
		Short: "check the commits of a push (install as the server's pre-receive hook)",
		Long: `pre-receive reads "<old> <new> <ref>" lines from standard input, as git gives a
pre-receive hook, and denies the push when a commit it adds to a branch
references no valid change request. The policy comes from the model at the
repository's HEAD, never from the pushed commits.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return hookPreReceive(cmd.Context(), e)
		},
	})
	return hook
}

func hookCommitMsg(ctx context.Context, e *env, file string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	root, err := repoRoot(ctx, e)
	if err != nil {
		return err
	}
	msg, err := readNamedFile(e, file)
	if err != nil {
		return inputErr(fmt.Errorf("reading the commit message: %v", err))
	}
	name, email := authorIdent(ctx, root)
	merge := false
	if out, err := gitOutput(ctx, root, "rev-parse", "-q", "--verify", "MERGE_HEAD"); err == nil && len(out) > 0 {
		merge = true
	}
	fs, err := gate.CheckMessage(ctx, root, e.modelPath, string(msg), name, email, merge, e.getenv)
	if err != nil {
		return inputErr(err)
	}
	return denyIf(e.stderr, fs, "commit denied", "your message is kept in "+filepath.Join(".git", "COMMIT_EDITMSG")+"; fix it and commit again with: git commit -e -F .git/COMMIT_EDITMSG")
}

func hookPreReceive(ctx context.Context, e *env) error {
	if ctx == nil {
		ctx = context.Background()
	}
	in, err := io.ReadAll(io.LimitReader(e.stdin, 16<<20))
	if err != nil {
		return inputErr(err)
	}
	updates, err := gate.ParseRefUpdates(string(in))
	if err != nil {
		return inputErr(err)
	}
	fs, err := gate.CheckPush(ctx, e.dir, e.modelPath, updates, e.getenv)
	if err != nil {
		return inputErr(err)
	}
	return denyIf(e.stderr, fs, "push denied", "reword the commits (git rebase -i) so each references its change request, then push again")
}

func denyIf(w io.Writer, fs []finding.Finding, what, after string) error {
	var errs []finding.Finding
	for _, f := range fs {
		if f.Severity == finding.Error {
			errs = append(errs, f)
		}
	}
	for _, f := range fs {
		fmt.Fprintf(w, "assure: %s %s: %s\n", f.Severity, f.Rule, f.Message)
		if f.Remediation != "" {
			fmt.Fprintf(w, "  fix: %s\n", f.Remediation)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	fmt.Fprintf(w, "assure: %s (%s). %s\n", what, strings.Join(errs[0].Requirements, ", "), after)
	return gateFailed
}

// authorIdent asks git who the author of the commit being made is, so that
// bot exemptions work in the hook as they do in the gate.
func authorIdent(ctx context.Context, root string) (string, string) {
	out, err := gitOutput(ctx, root, "var", "GIT_AUTHOR_IDENT")
	if err != nil {
		return "", ""
	}
	s := strings.TrimSpace(string(out))
	lt, gt := strings.Index(s, "<"), strings.Index(s, ">")
	if lt < 0 || gt < lt {
		return s, ""
	}
	return strings.TrimSpace(s[:lt]), s[lt+1 : gt]
}

// gitOutput runs git in the repository at root and returns what it printed.
// The commands run git only through here, with fixed subcommands and no
// shell.
func gitOutput(ctx context.Context, root string, args ...string) ([]byte, error) {
	// assure: waive W-0015 -- git with fixed subcommands; no shell
	return exec.CommandContext(ctx, "git", append([]string{"-C", root}, args...)...).Output()
}
