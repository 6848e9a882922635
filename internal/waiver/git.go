package waiver

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
)

func gitOut(ctx context.Context, root string, args ...string) (string, error) {
	out, errb, err := runGit(ctx, root, args...)
	if err != nil {
		return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(errb+" "+err.Error()))
	}
	return strings.TrimSpace(out.String()), nil
}

// runGit is every git this package runs, in the work tree at root: fixed
// subcommands (rev-parse, symbolic-ref, var, blame) whose only variable
// arguments are line numbers and a path after "--". It returns standard
// output and standard error.
func runGit(ctx context.Context, root string, args ...string) (*bytes.Buffer, string, error) {
	// assure: waive W-0049 -- git with fixed subcommands; no shell
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = root
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return &out, errb.String(), err
}

// Revision is the commit the work tree at root is based on: the parent
// revision of what was analysed.
func Revision(ctx context.Context, root string) (string, error) {
	return gitOut(ctx, root, "rev-parse", "--verify", "HEAD^{commit}")
}

// Branch is the branch checked out at root; on a detached HEAD (CI checks
// out commits) the environment's GITHUB_HEAD_REF / GITHUB_REF_NAME /
// CI_COMMIT_REF_NAME, as getenv gives them, else "(detached)".
func Branch(ctx context.Context, root string, getenv func(string) string) (string, error) {
	b, err := gitOut(ctx, root, "symbolic-ref", "--short", "-q", "HEAD")
	if err == nil && b != "" {
		return b, nil
	}
	if getenv != nil {
		for _, k := range []string{"GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME"} {
			if v := getenv(k); v != "" {
				return v, nil
			}
		}
	}
	if _, err := Revision(ctx, root); err != nil {
		return "", err
	}
	return "(detached)", nil
}

var identLine = regexp.MustCompile(`^(.*?) <([^>]*)>`)

// Identity is who runs git at root: git var GIT_AUTHOR_IDENT, which honours
// the environment and the configuration as a commit would.
func Identity(ctx context.Context, root string) (name, email string, err error) {
	s, err := gitOut(ctx, root, "var", "GIT_AUTHOR_IDENT")
	if err != nil {
		return "", "", err
	}
	m := identLine.FindStringSubmatch(s)
	if m == nil {
		return "", "", fmt.Errorf("git var GIT_AUTHOR_IDENT gave %q", s)
	}
	return m[1], m[2], nil
}
