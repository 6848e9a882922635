// Package freshness answers whether a module's threat model is still
// current: each threat model file records the commit its security
// architect last reviewed it at; when the module's files changed beyond a
// policy threshold since that commit, a review is due — "before major
// changes of the module", as the process asks (TM-8).
package freshness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
)

// Defaults of the policy: beyond 10 files or 400 lines changed a module
// has changed in a way its threat model should be looked at again.
const (
	DefaultMaxFiles = 10
	DefaultMaxLines = 400
)

// Policy is how much a module may change before a review is due; a zero
// field takes its default.
type Policy struct {
	MaxFiles int
	MaxLines int
}

// Problem kinds of a Status.
const (
	NeverReviewed = "never-reviewed"
	NotArchitect  = "not-architect"
	UnknownCommit = "unknown-commit"
	ReviewDue     = "review-due"
	NoThreatModel = "no-threat-model"
)

// Status is the review state of one threat model file (or of a security
// relevant module that has none).
type Status struct {
	File     string `json:"file,omitempty"`
	Module   string `json:"module"`
	Reviewer string `json:"reviewer,omitempty"`
	Commit   string `json:"commit,omitempty"`
	Date     string `json:"date,omitempty"`
	// Architect is the module's security architect as the model names them.
	Architect string `json:"architect,omitempty"`
	// Files and lines of the module changed since the reviewed commit.
	FilesChanged int `json:"files_changed"`
	LinesChanged int `json:"lines_changed"`
	// Problem is "" when the review is current, else one of the kinds.
	Problem string    `json:"problem,omitempty"`
	Pos     model.Pos `json:"-"`
}

// Check looks at every threat model file of a security-relevant module,
// and at every security-relevant module without one, at commit head.
func Check(ctx context.Context, root, head string, tm *threat.Model, rm *model.Model, p Policy) ([]Status, error) {
	if p.MaxFiles <= 0 {
		p.MaxFiles = DefaultMaxFiles
	}
	if p.MaxLines <= 0 {
		p.MaxLines = DefaultMaxLines
	}
	var out []Status
	covered := map[string]bool{}
	diffs := map[string][]change{}
	for _, f := range tm.Files {
		mod := moduleOf(rm, f.Module)
		if mod == nil || !mod.SecurityRelevant {
			continue
		}
		covered[mod.ID] = true
		st := Status{File: f.Path, Module: mod.ID, Architect: mod.SecurityArchitect, Pos: model.Pos{File: f.Path, Line: 1}}
		if f.Review == nil {
			st.Problem = NeverReviewed
			out = append(out, st)
			continue
		}
		r := f.Review
		st.Reviewer, st.Commit, st.Date = r.By, r.Commit, r.Date
		if r.Pos.File != "" {
			st.Pos = r.Pos
		}
		if !sameArchitect(rm, r.By, mod.SecurityArchitect) {
			st.Problem = NotArchitect
			out = append(out, st)
			continue
		}
		if head == "" {
			out = append(out, st)
			continue
		}
		full, ok, err := resolve(ctx, root, r.Commit)
		if err != nil {
			return nil, err
		}
		if !ok {
			if shallow(ctx, root) {
				return nil, fmt.Errorf("%s: the reviewed commit %s is not in this shallow clone (hint: fetch the whole history: git fetch --unshallow)", st.Pos, r.Commit)
			}
			st.Problem = UnknownCommit
			out = append(out, st)
			continue
		}
		cs, seen := diffs[full]
		if !seen {
			if cs, err = numstat(ctx, root, full, head); err != nil {
				return nil, err
			}
			diffs[full] = cs
		}
		for _, c := range cs {
			if inModule(rm, c.path, mod.ID) {
				st.FilesChanged++
				st.LinesChanged += c.lines
			}
		}
		if st.FilesChanged > p.MaxFiles || st.LinesChanged > p.MaxLines {
			st.Problem = ReviewDue
		}
		out = append(out, st)
	}
	for i := range rm.Modules {
		mod := &rm.Modules[i]
		if mod.SecurityRelevant && !covered[mod.ID] {
			out = append(out, Status{Module: mod.ID, Architect: mod.SecurityArchitect, Problem: NoThreatModel, Pos: mod.Pos})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Module != out[j].Module {
			return out[i].Module < out[j].Module
		}
		return out[i].File < out[j].File
	})
	return out, nil
}

func moduleOf(rm *model.Model, id string) *model.Module {
	for i := range rm.Modules {
		if rm.Modules[i].ID == id {
			return &rm.Modules[i]
		}
	}
	return nil
}

func sameArchitect(rm *model.Model, by, architect string) bool {
	if architect == "" {
		return false
	}
	a, ok1 := rm.PersonByRef(by)
	b, ok2 := rm.PersonByRef(architect)
	return ok1 && ok2 && a.ID == b.ID
}

func inModule(rm *model.Model, path, id string) bool {
	for _, m := range rm.ModulesFor(path) {
		if m.ID == id {
			return true
		}
	}
	return false
}

type change struct {
	path  string
	lines int
}

// numstat lists the files changed between two commits with lines added
// plus deleted; a binary file counts as changed with no lines.
func numstat(ctx context.Context, root, from, to string) ([]change, error) {
	out, err := git(ctx, root, "diff", "--numstat", "-z", "--no-renames", "--end-of-options", from, to)
	if err != nil {
		return nil, err
	}
	var cs []change
	for _, rec := range strings.Split(out, "\x00") {
		f := strings.SplitN(rec, "\t", 3)
		if len(f) != 3 {
			continue
		}
		a, _ := strconv.Atoi(f[0])
		d, _ := strconv.Atoi(f[1])
		cs = append(cs, change{path: f[2], lines: a + d})
	}
	return cs, nil
}

func resolve(ctx context.Context, root, rev string) (string, bool, error) {
	out, err := git(ctx, root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		// git ran and found no such commit: the caller says so. git
		// that does not run at all is an error.
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", false, nil
		}
		return "", false, err
	}
	return strings.TrimSpace(out), true, nil
}

func shallow(ctx context.Context, root string) bool {
	out, err := git(ctx, root, "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(out) == "true"
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	// assure: waive W-0046 -- git with fixed subcommands; no shell
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", &gitError{msg: fmt.Sprintf("git %s: %s", args[0], strings.TrimPrefix(msg, "fatal: ")), err: err}
	}
	return stdout.String(), nil
}

// gitError is git's own message, keeping the error of the run for
// errors.As: resolve tells "not a commit" (git exited non-zero) from "git
// did not run".
type gitError struct {
	msg string
	err error
}

func (e *gitError) Error() string { return e.msg }
func (e *gitError) Unwrap() error { return e.err }
