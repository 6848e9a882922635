package gate

import (
	"context"
	"fmt"
	"os/exec"
	"strings"

	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/model"
)

// CleanMessage strips what git strips before it stores a message with the
// default cleanup: comment lines and everything below the scissors line.
func CleanMessage(msg string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(msg, "\n") {
		t := strings.TrimRight(l, "\r\n")
		if strings.HasPrefix(t, "# ------------------------ >8 ------------------------") {
			break
		}
		if strings.HasPrefix(t, "#") {
			continue
		}
		b.WriteString(l)
	}
	return strings.TrimSpace(b.String()) + "\n"
}

// CheckMessage runs the change-management check on a commit being written,
// for the commit-msg hook. author is "Name <email>" (git var GIT_AUTHOR_IDENT
// without the date); merge says a merge is being concluded.
func CheckMessage(ctx context.Context, root, modelPath, msg, authorName, authorEmail string, merge bool, getenv func(string) string) ([]finding.Finding, error) {
	m, err := LoadModel(root, modelPath)
	if err != nil {
		return nil, inputErr(err)
	}
	c := gitlog.Commit{Hash: "(new commit)", AuthorName: authorName, AuthorEmail: authorEmail,
		CommitterName: authorName, CommitterEmail: authorEmail, Message: CleanMessage(msg)}
	if merge {
		c.Parents = []string{"HEAD", "MERGE_HEAD"}
	}
	return runOn(ctx, Options{Root: root, ModelPath: modelPath, Getenv: getenv}, root, m, []gitlog.Commit{c})
}

// CheckPush runs the change-management check on the commits a push adds,
// for a server-side pre-receive hook. The model is read from the
// repository's current HEAD, never from the commits being pushed, so a push
// cannot relax the policy it is judged by.
func CheckPush(ctx context.Context, gitDir, modelPath string, updates []RefUpdate, getenv func(string) string) ([]finding.Finding, error) {
	tmp, cleanup, err := materialize(ctx, gitDir, modelPath)
	if err != nil {
		return nil, inputErr(err)
	}
	defer cleanup()
	m, err := LoadModel(tmp, modelPath)
	if err != nil {
		return nil, inputErr(err)
	}
	if t := m.Project.Tracker; t.Kind == "file" && t.File != "" {
		if err := extract(ctx, gitDir, tmp, t.File); err != nil {
			return nil, inputErr(err)
		}
	}
	var all []gitlog.Commit
	seen := map[string]bool{}
	for _, u := range updates {
		if isZero(u.New) || !strings.HasPrefix(u.Ref, "refs/heads/") {
			continue // deletions and tags carry no new work to trace
		}
		revs := []string{u.New, "--not", "--all"}
		if !isZero(u.Old) {
			revs = []string{"^" + u.Old, u.New}
		}
		cs, err := gitlog.Read(ctx, gitlog.Options{Dir: gitDir, Revs: revs})
		if err != nil {
			return nil, inputErr(err)
		}
		for _, c := range cs {
			if !seen[c.Hash] {
				seen[c.Hash] = true
				all = append(all, c)
			}
		}
	}
	return runOn(ctx, Options{Root: tmp, ModelPath: modelPath, Getenv: getenv}, gitDir, m, all)
}

// RefUpdate is one line of a pre-receive hook's input.
type RefUpdate struct{ Old, New, Ref string }

// ParseRefUpdates reads pre-receive input: "<old> <new> <ref>" per line.
func ParseRefUpdates(in string) ([]RefUpdate, error) {
	var us []RefUpdate
	for i, l := range strings.Split(in, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Fields(l)
		if len(f) != 3 || !isHex(f[0]) || !isHex(f[1]) {
			return nil, fmt.Errorf("standard input line %d: want \"<old-sha> <new-sha> <ref>\" as git gives pre-receive hooks, got %q", i+1, l)
		}
		us = append(us, RefUpdate{f[0], f[1], f[2]})
	}
	return us, nil
}

func isHex(s string) bool {
	if len(s) < 40 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func isZero(s string) bool { return strings.Trim(s, "0") == "" }

func runOn(ctx context.Context, o Options, gitDir string, m *model.Model, cs []gitlog.Commit) ([]finding.Finding, error) {
	facts := &collect.Facts{Root: o.Root, GitDir: gitDir, Model: m}
	facts.SetCommits(cs)
	t, err := newTracker(o, m)
	if err != nil {
		return nil, inputErr(err)
	}
	facts.Tracker = t
	out, err := check.ChangeManagement{}.Run(ctx, facts)
	if err != nil {
		return nil, inputErr(err)
	}
	finding.Sort(out.Findings)
	return out.Findings, nil
}

// materialize copies the model directory of HEAD into a temporary
// directory, since a bare repository has no work tree to load it from.
func materialize(ctx context.Context, gitDir, modelPath string) (string, func(), error) {
	tmp, err := mkTemp()
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { removeAll(tmp) }
	dir := modelPath
	if i := strings.LastIndex(dir, "/"); i >= 0 {
		dir = dir[:i]
	} else {
		dir = "."
	}
	if err := extractTree(ctx, gitDir, tmp, dir); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("reading the model from HEAD of %s: %v (hint: the default branch must carry %s)", gitDir, err, modelPath)
	}
	return tmp, cleanup, nil
}

func gitOut(ctx context.Context, dir string, args ...string) ([]byte, error) {
	// assure: waive W-0018 -- git with fixed subcommands; no shell
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, err
	}
	return out, nil
}
