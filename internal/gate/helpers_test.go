package gate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/report"
)

// gitRepo is a real repository in a temporary directory, work tree or
// bare. Dates are fixed and advance a minute per commit, so every run
// makes the same hashes.
type gitRepo struct {
	t        *testing.T
	dir      string
	home     string
	clock    int
	subjects map[string]string // hash -> subject
}

const (
	ann = "Ann Author <ann@example.com>"
	rob = "Rob Reviewer <rob@example.com>"
)

// gateModel is security/assure.yaml; trackerBlock goes under project: and
// cm under policy.change_management: (either may be empty).
func gateModel(trackerBlock, cm string) string {
	if trackerBlock == "" {
		trackerBlock = "  tracker:\n    kind: file\n    file: issues.json\n    states: [open]\n"
	}
	if cm == "" {
		cm = "    merges: skip\n"
	}
	return `version: 1
project:
  name: Demo firmware
` + trackerBlock + `people:
  - id: ann
    name: Ann Author
    emails: [ann@example.com]
    roles: [maintainer, security-architect]
  - id: rob
    name: Rob Reviewer
    emails: [rob@example.com]
    roles: [maintainer]
modules:
  - id: src
    paths: ["src/**"]
    security_relevant: false
    architecture_doc: docs/arch.md
policy:
  change_management:
` + cm + `  profiles:
    ci:
      checks: [change-management, architecture]
`
}

const gateIssues = `[{"key": "#1", "state": "open", "title": "Baseline"}, {"key": "#2", "state": "closed", "title": "Done"}]` + "\n"

func newGitRepo(t *testing.T, bare bool) *gitRepo {
	t.Helper()
	r := &gitRepo{t: t, dir: t.TempDir(), home: t.TempDir(), subjects: map[string]string{}}
	if bare {
		r.git("init", "-q", "--bare", "-b", "main")
	} else {
		r.git("init", "-q", "-b", "main")
	}
	return r
}

// withModel writes the model, its issue list and the architecture document.
func (r *gitRepo) withModel(yaml string) *gitRepo {
	r.write("security/assure.yaml", yaml)
	r.write("issues.json", gateIssues)
	r.write("docs/arch.md", "architecture\n")
	return r
}

func (r *gitRepo) gitAs(author string, args ...string) string {
	r.t.Helper()
	name, email, _ := strings.Cut(strings.TrimSuffix(author, ">"), " <")
	date := fmt.Sprintf("%d +0000", 1767225600+60*r.clock)
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME="+r.home,
		"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email, "GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email,
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *gitRepo) git(args ...string) string { r.t.Helper(); return r.gitAs(ann, args...) }

func (r *gitRepo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything, changing src/main.c so the commit is not
// empty, and commits as author.
func (r *gitRepo) commit(author, msg string) string {
	r.t.Helper()
	r.clock++
	r.write("src/main.c", fmt.Sprintf("// change %d\n", r.clock))
	r.gitAs(author, "add", "-A")
	r.gitAs(author, "commit", "-q", "-m", msg)
	h := r.git("rev-parse", "HEAD")
	r.subjects[h], _, _ = strings.Cut(msg, "\n")
	return h
}

func (r *gitRepo) options(o gate.Options) gate.Options {
	o.Root = r.dir
	if o.ModelPath == "" {
		o.ModelPath = model.DefaultPath
	}
	o.Display = "."
	o.Version = "test"
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	return o
}

func (r *gitRepo) run(o gate.Options) (*report.Report, error) {
	r.t.Helper()
	return gate.Run(context.Background(), r.options(o))
}

// subjectsOf names the commits of findings by subject, sorted, as
// "rule subject".
func (r *gitRepo) subjectsOf(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		s, ok := r.subjects[f.Location.Commit]
		if !ok {
			s = f.Location.Commit
		}
		out = append(out, f.Rule+" "+s)
	}
	sort.Strings(out)
	return out
}

// status returns the status of check id in rep.
func status(rep *report.Report, id string) (report.CheckResult, bool) {
	for _, c := range rep.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return report.CheckResult{}, false
}

// wantInputError asserts err is a *gate.InputError whose text holds every
// one of parts.
func wantInputError(t *testing.T, err error, parts ...string) {
	t.Helper()
	var ie *gate.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v (%T), want a *gate.InputError", err, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

// sameStrings compares a sorted list with a want in any order.
func sameStrings(a, want []string) bool {
	b := append([]string(nil), want...)
	sort.Strings(b)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
