package check

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/tracker"
)

// who is a git identity.
type who struct{ name, email string }

func (w who) String() string { return w.name + " <" + w.email + ">" }

// The people of the test model, and two who are not in it.
var (
	alice = who{"Alice Arch", "alice@example.com"} // security architect of crypto
	bob   = who{"Bob Maint", "bob@example.com"}    // maintainer
	carol = who{"Carol Sec", "carol@example.com"}  // security architect of net
	dave  = who{"Dave Dev", "dave@example.com"}    // contributor
	ciBot = who{"CI Bot", "bot@ci.example"}        // person ci-bot, role bot
	eve   = who{"Eve Outside", "eve@elsewhere.example"}
	deps  = who{"Deps Bot", "deps@bots.example"}
)

// modelYAML is security/assure.yaml with policy (indented under policy:)
// and the tracker block (indented under project:) of a case.
func modelYAML(trackerBlock, policy string) string {
	if trackerBlock == "" {
		trackerBlock = "  tracker:\n    kind: file\n    file: security/issues.json\n    states: [open]\n"
	}
	return `version: 1
project:
  name: Demo firmware
` + trackerBlock + `people:
  - id: alice
    name: Alice Arch
    emails: [alice@example.com]
    github: alice-a
    gerrit: alice
    roles: [maintainer, security-architect]
  - id: bob
    name: Bob Maint
    emails: [bob@example.com]
    github: bobm
    gerrit: bobm
    roles: [maintainer]
  - id: carol
    name: Carol Sec
    emails: [carol@example.com]
    github: carol-s
    gerrit: carol
    roles: [security-architect]
  - id: dave
    name: Dave Dev
    emails: [dave@example.com]
    github: daved
    roles: [contributor]
  - id: ci-bot
    name: CI Bot
    emails: [bot@ci.example]
    roles: [bot]
modules:
  - id: crypto
    paths: ["crypto/**"]
    security_relevant: true
    security_architect: alice
    architecture_doc: docs/crypto.md
  - id: net
    paths: ["net/**"]
    security_relevant: true
    security_architect: carol
    architecture_doc: docs/net.md
  - id: docs
    paths: ["docs/**"]
    security_relevant: false
    architecture_doc: docs/index.md
` + policyBlock(policy)
}

func policyBlock(policy string) string {
	if policy == "" {
		return "policy: {}\n"
	}
	return "policy:\n" + policy
}

// issuesJSON is the exported issue list of the file tracker.
const issuesJSON = `[
  {"key": "#1", "state": "open", "title": "Baseline"},
  {"key": "#2", "state": "open", "title": "Add AES"},
  {"key": "#3", "state": "closed", "title": "Old bug"}
]
`

// repo is a real git repository in a temporary directory. Dates are fixed
// and advance by a minute per commit, so hashes are the same in every run.
type repo struct {
	t        *testing.T
	dir      string
	clock    int
	base     string            // the commit holding the model; ranges start after it
	subjects map[string]string // hash -> subject
}

func newRepo(t *testing.T, assureYAML string) *repo {
	t.Helper()
	r := &repo{t: t, dir: t.TempDir(), subjects: map[string]string{}}
	r.git(alice, alice, "init", "-q", "-b", "main")
	r.write("security/assure.yaml", assureYAML)
	r.write("security/issues.json", issuesJSON)
	r.write("docs/crypto.md", "crypto\n")
	r.write("docs/net.md", "net\n")
	r.write("docs/index.md", "index\n")
	r.git(alice, alice, "add", ".")
	r.base = r.commitOnly(alice, alice, "Add the security model\n\nRefs: #1")
	return r
}

func (r *repo) env(author, committer who) []string {
	date := fmt.Sprintf("%d +0000", 1767225600+60*r.clock)
	return append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME="+r.dir,
		"GIT_AUTHOR_NAME="+author.name, "GIT_AUTHOR_EMAIL="+author.email,
		"GIT_COMMITTER_NAME="+committer.name, "GIT_COMMITTER_EMAIL="+committer.email,
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
}

func (r *repo) git(author, committer who, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = r.env(author, committer)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commitOnly commits what is staged.
func (r *repo) commitOnly(author, committer who, msg string) string {
	r.t.Helper()
	r.clock++
	r.git(author, committer, "commit", "-q", "--allow-empty", "-m", msg)
	h := r.git(author, committer, "rev-parse", "HEAD")
	r.subjects[h], _, _ = strings.Cut(msg, "\n")
	return h
}

// commit changes files (src/main.c when none are named) and commits them
// with committer = author.
func (r *repo) commit(author who, msg string, files ...string) string {
	r.t.Helper()
	return r.commitBy(author, author, msg, files...)
}

func (r *repo) commitBy(author, committer who, msg string, files ...string) string {
	r.t.Helper()
	if len(files) == 0 {
		files = []string{"src/main.c"}
	}
	for _, f := range files {
		r.write(f, fmt.Sprintf("// change %d\n", r.clock))
		r.git(author, committer, "add", f)
	}
	return r.commitOnly(author, committer, msg)
}

// mergeSide commits msgs on a branch from HEAD and merges it with --no-ff,
// returning the branch commits (oldest first) and the merge.
func (r *repo) mergeSide(author who, mergeMsg string, msgs ...string) ([]string, string) {
	r.t.Helper()
	r.git(author, author, "checkout", "-q", "-b", "side")
	var side []string
	for i, m := range msgs {
		side = append(side, r.commit(author, m, fmt.Sprintf("src/side%d.c", i)))
	}
	r.git(author, author, "checkout", "-q", "main")
	r.clock++
	r.git(author, author, "merge", "-q", "--no-ff", "-m", mergeMsg, "side")
	r.git(author, author, "branch", "-q", "-D", "side")
	h := r.git(author, author, "rev-parse", "HEAD")
	r.subjects[h], _, _ = strings.Cut(mergeMsg, "\n")
	return side, h
}

// facts prepares the facts of the commits after r.base, as the gate would
// for ch: the model from the work tree, its tracker, files when ch needs them.
func (r *repo) facts(ch Check, reviewFiles ...string) *collect.Facts {
	r.t.Helper()
	m, err := model.LoadWith(r.dir, model.DefaultPath, model.LoadOptions{KnownChecks: IDs()})
	if err != nil {
		r.t.Fatalf("model: %v", err)
	}
	head := r.git(alice, alice, "rev-parse", "HEAD")
	f := &collect.Facts{Root: r.dir, Model: m, ReviewFiles: reviewFiles, WantFiles: ch.NeedsFiles(m),
		Range: collect.Range{Revs: []string{"^" + r.base, head}, Head: head, Display: r.base + "..HEAD"}}
	t := m.Project.Tracker
	f.Tracker, err = tracker.New(t.Kind, tracker.Options{Root: r.dir, File: t.File})
	if err != nil {
		r.t.Fatalf("tracker: %v", err)
	}
	return f
}

// run runs ch on the commits after r.base.
func (r *repo) run(ch Check, reviewFiles ...string) Outcome {
	r.t.Helper()
	out, err := ch.Run(context.Background(), r.facts(ch, reviewFiles...))
	if err != nil {
		r.t.Fatalf("%s: %v", ch.ID(), err)
	}
	return out
}

// describe turns findings into sorted "rule severity subject" lines (the
// rule without its check's prefix) and holds each finding to the shape
// every finding must have.
func (r *repo) describe(ch Check, fs []finding.Finding) []string {
	r.t.Helper()
	var out []string
	for _, f := range fs {
		if f.Check != ch.ID() || !strings.HasPrefix(f.Rule, ch.ID()+"/") || len(f.Requirements) == 0 ||
			!strings.HasPrefix(f.ID, "F-") || f.Message == "" || f.Remediation == "" || !f.Severity.Valid() {
			r.t.Errorf("malformed finding %+v", f)
		}
		subj, ok := r.subjects[f.Location.Commit]
		if !ok {
			subj = "?" + f.Location.Commit
		}
		out = append(out, strings.TrimPrefix(f.Rule, ch.ID()+"/")+" "+string(f.Severity)+" "+subj)
	}
	sort.Strings(out)
	return out
}

func sameLines(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	w := append([]string(nil), want...)
	sort.Strings(w)
	for i := range got {
		if got[i] != w[i] {
			return false
		}
	}
	return true
}
