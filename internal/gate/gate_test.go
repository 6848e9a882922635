package gate_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/report"
)

// history makes four commits on main, the third without a reference, and
// tags the first v1.0; cm is the model's policy.change_management.
func history(t *testing.T, cm string) (*gitRepo, []string) {
	t.Helper()
	r := newGitRepo(t, false).withModel(gateModel("", cm))
	c1 := r.commit(ann, "Initial import\n\nRefs: #1")
	r.git("tag", "v1.0")
	c2 := r.commit(ann, "Add feature\n\nRefs: #1")
	c3 := r.commit(ann, "Unreferenced change")
	c4 := r.commit(ann, "Fix typo\n\nRefs: #1")
	return r, []string{c1, c2, c3, c4}
}

const unreferenced = "change-management/missing-reference Unreferenced change"

func TestRunRanges(t *testing.T) {
	tests := []struct {
		name    string
		cm      string // policy.change_management of the model
		opts    gate.Options
		display string
		head    int // index of the tip commit
		commits int
		want    []string
	}{
		{name: "default: the whole history", display: "HEAD", head: 3, commits: 4, want: []string{unreferenced}},
		{name: "--since", opts: gate.Options{Since: "HEAD~1"}, display: "HEAD~1..HEAD", head: 3, commits: 1},
		{name: "--since before the bad commit", opts: gate.Options{Since: "v1.0"}, display: "v1.0..HEAD", head: 3, commits: 3, want: []string{unreferenced}},
		{name: "--range A..B", opts: gate.Options{Range: "v1.0..HEAD~1"}, display: "v1.0..HEAD~1", head: 2, commits: 2, want: []string{unreferenced}},
		{name: "--range A.. means A..HEAD", opts: gate.Options{Range: "HEAD~1.."}, display: "HEAD~1..HEAD", head: 3, commits: 1},
		{name: "--range with one revision", opts: gate.Options{Range: "HEAD~2"}, display: "HEAD~2", head: 1, commits: 2},
		{name: "--all", opts: gate.Options{All: true}, display: "HEAD", head: 3, commits: 4, want: []string{unreferenced}},
		{name: "the model's baseline", cm: "    since: HEAD~2\n", display: "HEAD~2..HEAD", head: 3, commits: 2, want: []string{unreferenced}},
		{name: "the model's baseline after the bad commit", cm: "    since: HEAD~1\n", display: "HEAD~1..HEAD", head: 3, commits: 1},
		{name: "--all overrides the baseline", cm: "    since: HEAD~2\n", opts: gate.Options{All: true}, display: "HEAD", head: 3, commits: 4, want: []string{unreferenced}},
		{name: "--range overrides the baseline", cm: "    since: HEAD~2\n", opts: gate.Options{Range: "v1.0..HEAD"}, display: "v1.0..HEAD", head: 3, commits: 3, want: []string{unreferenced}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, cs := history(t, tc.cm)
			tc.opts.Checks = []string{"change-management"}
			rep, err := r.run(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Subject.Range != tc.display || rep.Subject.Head != cs[tc.head] || rep.Subject.Commits != tc.commits {
				t.Errorf("subject %+v, want range %q, head %s, %d commits", rep.Subject, tc.display, cs[tc.head], tc.commits)
			}
			if got := r.subjectsOf(rep.Findings); !sameStrings(got, tc.want) {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
			verdict := report.Pass
			if len(tc.want) > 0 {
				verdict = report.Fail
			}
			if rep.Verdict != verdict {
				t.Errorf("verdict %s, want %s", rep.Verdict, verdict)
			}
		})
	}
}

func TestRunInputErrors(t *testing.T) {
	tests := []struct {
		name  string
		cm    string
		opts  gate.Options
		parts []string
	}{
		{name: "--range and --since", opts: gate.Options{Range: "HEAD~1..HEAD", Since: "HEAD~2"}, parts: []string{"only one of --range, --since and --all"}},
		{name: "--since and --all", opts: gate.Options{Since: "HEAD~2", All: true}, parts: []string{"only one"}},
		{name: "unknown revision", opts: gate.Options{Range: "no-such-branch..HEAD"}, parts: []string{`"no-such-branch"`}},
		{name: "unknown tip", opts: gate.Options{Range: "v1.0..nope"}, parts: []string{`"nope"`}},
		{name: "unknown --since", opts: gate.Options{Since: "v9"}, parts: []string{`"v9"`}},
		{name: "unknown baseline in the model", cm: "    since: v0.1\n", parts: []string{`"v0.1"`}},
		{name: "three dots", opts: gate.Options{Range: "v1.0...HEAD"}, parts: []string{"A..B", "not A...B"}},
		{name: "no base", opts: gate.Options{Range: "..HEAD"}, parts: []string{"has no base"}},
		{name: "unknown profile", opts: gate.Options{Profile: "nightly"}, parts: []string{`unknown profile "nightly"`, "ci, pr, release"}},
		{name: "unknown check", opts: gate.Options{Checks: []string{"change-mgmt"}}, parts: []string{`unknown check "change-mgmt"`, "architecture, change-management, code-review"}},
		{name: "missing review export", opts: gate.Options{ReviewFiles: []string{"reviews/none.json"}}, parts: []string{"check code-review", "reviews/none.json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, _ := history(t, tc.cm)
			rep, err := r.run(tc.opts)
			if err == nil {
				t.Fatalf("no error; report %+v", rep.Subject)
			}
			wantInputError(t, err, tc.parts...)
		})
	}
}

func TestRunModelMissing(t *testing.T) {
	r := newGitRepo(t, false)
	r.commit(ann, "Initial import\n\nRefs: #1")
	_, err := r.run(gate.Options{})
	wantInputError(t, err, "security/assure.yaml", "assure init")
}

func TestRunNotARepository(t *testing.T) {
	dir := t.TempDir()
	r := &gitRepo{t: t, dir: dir}
	r.withModel(gateModel("", ""))
	_, err := r.run(gate.Options{})
	wantInputError(t, err, "not a git repository")
}

func TestRunNoCommits(t *testing.T) {
	r := newGitRepo(t, false).withModel(gateModel("", ""))
	rep, err := r.run(gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != report.Pass || rep.Subject.Range != "(no commits)" || rep.Subject.Commits != 0 || len(rep.Findings) != 0 {
		t.Errorf("report %+v verdict %s, want a pass on (no commits)", rep.Subject, rep.Verdict)
	}
	for _, id := range []string{"change-management", "code-review"} {
		if c, _ := status(rep, id); c.Status != report.Skipped {
			t.Errorf("check %s: %s, want skipped with no commits", id, c.Status)
		}
	}
	if _, err := r.run(gate.Options{Since: "HEAD"}); err == nil || !strings.Contains(err.Error(), "no commits yet") {
		t.Errorf("--since without commits: %v", err)
	}
}

func TestRunCheckSelection(t *testing.T) {
	tests := []struct {
		name    string
		opts    gate.Options
		skipped map[string]string // check -> summary
		ran     []string
	}{
		{
			name:    "--check restricts the run",
			opts:    gate.Options{Checks: []string{"architecture"}},
			skipped: map[string]string{"change-management": "not selected with --check", "code-review": "not selected with --check"},
			ran:     []string{"architecture"},
		},
		{
			name:    "a profile leaves checks out",
			opts:    gate.Options{Profile: "ci"},
			skipped: map[string]string{"code-review": "not in profile ci"},
			ran:     []string{"architecture", "change-management"},
		},
		{
			name: "the pr profile runs every check",
			ran:  []string{"architecture", "change-management", "code-review"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, _ := history(t, "")
			rep, err := r.run(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			for id, summary := range tc.skipped {
				c, ok := status(rep, id)
				if !ok || c.Status != report.Skipped || !strings.Contains(c.Summary, summary) || c.Findings != 0 {
					t.Errorf("check %s: %+v, want skipped: %q", id, c, summary)
				}
			}
			for _, id := range tc.ran {
				if c, _ := status(rep, id); c.Status == report.Skipped {
					t.Errorf("check %s skipped: %+v", id, c)
				}
			}
			for _, f := range rep.Findings {
				if _, skip := tc.skipped[f.Check]; skip {
					t.Errorf("finding of check %s, which did not run: %+v", f.Check, f)
				}
			}
			if len(rep.Checks) != len(check.All()) {
				t.Errorf("%d checks in the report, want every registered check", len(rep.Checks))
			}
		})
	}
}

// The conformance summary says why a requirement of a check the profile
// leaves out is not covered.
func TestRunConformanceWhy(t *testing.T) {
	r, _ := history(t, "")
	rep, err := r.run(gate.Options{Profile: "ci"})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range rep.Conformance.Requirements {
		switch req.ID {
		case "CR-2":
			if req.Status != report.NotCovered || req.Why != "check code-review is not in profile ci" {
				t.Errorf("CR-2: %+v", req)
			}
		case "CM-3":
			if req.Status != report.Failed {
				t.Errorf("CM-3: %+v, want failed on the unreferenced commit", req)
			}
		case "ARCH-3":
			if req.Status != report.Met {
				t.Errorf("ARCH-3: %+v, want met", req)
			}
		}
	}
}

// The same repository gives the same report, byte for byte.
func TestRunDeterministic(t *testing.T) {
	r, _ := history(t, "")
	render := func() []byte {
		rep, err := r.run(gate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := report.JSON(&b, rep); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first, second := render(), render()
	if !bytes.Equal(first, second) {
		t.Errorf("two runs differ:\n%s\n---\n%s", first, second)
	}
	if !bytes.Contains(first, []byte(`"change-management/missing-reference"`)) || !bytes.Contains(first, []byte(`"code-review/insufficient-approvals"`)) {
		t.Errorf("report lacks the expected findings:\n%s", first)
	}
	if bytes.Contains(first, []byte(r.dir)) {
		t.Errorf("report names the temporary directory %s; it must not depend on where the checkout lives", r.dir)
	}
}
