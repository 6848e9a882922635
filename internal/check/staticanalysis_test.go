package check

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

const staticModel = `version: 1
project:
  name: fw
people:
  - id: alice
    name: Alice Arch
    emails: [alice@example.com]
    roles: [maintainer]
  - id: rita
    name: Rita Reviewer
    emails: [rita@example.com]
    roles: [security-reviewer]
analysis:
  sarif: ["build/*.sarif"]
`

// fakeAnalysis reads the results a test wrote to build/results.json of the
// tree it is given, so the base revision's tree has its own results.
func fakeAnalysis(t *testing.T) {
	t.Helper()
	old := Analyze
	Analyze = func(_ context.Context, root string, m *model.Model) (Analysis, error) {
		data, err := os.ReadFile(filepath.Join(root, "build/results.json"))
		if os.IsNotExist(err) {
			return Analysis{Configured: m.Analysis.Configured()}, nil
		}
		if err != nil {
			return Analysis{}, err
		}
		var rs []analysis.Result
		if err := json.Unmarshal(data, &rs); err != nil {
			return Analysis{}, err
		}
		return Analysis{Results: rs, Configured: true}, nil
	}
	oldAt := AnalyzeAt
	AnalyzeAt = func(_ context.Context, root, rev string, m *model.Model) (Analysis, error) {
		out, err := exec.Command("git", "-C", root, "show", rev+":build/results.json").Output()
		if err != nil {
			return Analysis{Configured: m.Analysis.Configured()}, nil
		}
		var rs []analysis.Result
		if err := json.Unmarshal(out, &rs); err != nil {
			return Analysis{}, err
		}
		return Analysis{Results: rs, Configured: true}, nil
	}
	oldNow := now
	now = func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { Analyze, AnalyzeAt, now = old, oldAt, oldNow })
}

// commitAs commits the files as they were written.
func commitAs(r *repo, msg string, files ...string) string {
	r.t.Helper()
	r.git(alice, alice, append([]string{"add", "--"}, files...)...)
	return r.commitOnly(alice, alice, msg)
}

func writeResults(r *repo, rs ...analysis.Result) {
	data, _ := json.Marshal(rs)
	r.write("build/results.json", string(data))
}

func ffResult(rule, file string, line int, fp string) analysis.Result {
	return analysis.Result{Tool: "flawfinder", Version: "2.0.19", Rule: rule, Level: analysis.LevelWarning, File: file,
		Region: analysis.Region{StartLine: line}, Message: "risky call", Fingerprint: fp}
}

const waiverEntry = `  - id: W-0001
    status: accepted
    tool: flawfinder
    tool_version: "2.0.19"
    rule: FF1001
    file: src/a.c
    fingerprint: fp-a
    analysis_date: "2026-01-01"
    branch: main
    revision: "0123456789abcdef0123456789abcdef01234567"
    category: false-positive
    reason: sized by the caller
    author: alice
    approvers:
      - person: rita
        date: "2026-01-02"
`

// lines renders findings as "rule [waiver-status] file:line".
func lines(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		s := strings.TrimPrefix(f.Rule, "static-analysis/")
		if f.Waiver != nil {
			s += " [" + f.Waiver.ID + " " + string(f.Waiver.Status) + "]"
		}
		out = append(out, s+" "+f.Location.String())
	}
	slices.Sort(out)
	return out
}

func TestStaticAnalysisSkipped(t *testing.T) {
	fakeAnalysis(t)
	r := newRepo(t, strings.Replace(staticModel, "analysis:\n  sarif: [\"build/*.sarif\"]\n", "", 1))
	out := r.run(StaticAnalysis{})
	if !out.Skipped || len(out.Findings) != 0 {
		t.Errorf("no analyzer, no waiver: %+v", out)
	}
}

func TestStaticAnalysisRelease(t *testing.T) {
	fakeAnalysis(t)
	r := newRepo(t, staticModel)
	r.write("src/a.c", "void f(char *d, char *s) {\n  /* assure: waive W-0001 */\n  strcpy(d, s);\n  strcat(d, s);\n  gets(d); // NOLINT\n}\n")
	r.write("security/waivers.yaml", "version: 1\nnext_id: 3\nwaivers:\n"+waiverEntry+
		"  - id: W-0002\n    status: under-review\n    tool: flawfinder\n    rule: FF1002\n    file: src/a.c\n    fingerprint: fp-b\n")
	writeResults(r, ffResult("FF1001", "src/a.c", 3, "fp-a"), ffResult("FF1002", "src/a.c", 4, "fp-b"), ffResult("FF1003", "src/a.c", 5, "fp-c"))
	commitAs(r, "Add a.c\n\nRefs: #1", "src/a.c", "security/waivers.yaml", "build/results.json")
	f := r.facts(StaticAnalysis{})
	f.Profile = "release"
	out, err := StaticAnalysis{}.Run(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"native-suppression-unregistered src/a.c:5:15",
		"result [W-0001 accepted] src/a.c:3",
		"result [W-0002 under-review] src/a.c:4",
		"result src/a.c:5",
		"waiver-comment-missing src/a.c:4",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-field security/waivers.yaml:20:5",
		"waiver-pending security/waivers.yaml:21:13",
	}
	if got := lines(out.Findings); !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ids := map[string]bool{}
	for _, f := range out.Findings {
		if len(f.Requirements) == 0 || f.Remediation == "" || !strings.HasPrefix(f.ID, "F-") || f.Check != "static-analysis" {
			t.Errorf("malformed finding %+v", f)
		}
		if ids[f.ID] {
			t.Errorf("two findings with id %s", f.ID)
		}
		ids[f.ID] = true
	}
	if !strings.Contains(out.Summary, "3 results (flawfinder), 1 waived, 2 open; 2 waivers") {
		t.Errorf("summary = %q", out.Summary)
	}
}

// In pr, only what the change brings counts: a result the base revision
// had is the baseline, a new one fails, and a native suppression nobody
// recorded matters only in a file the change touches.
func TestStaticAnalysisPR(t *testing.T) {
	fakeAnalysis(t)
	r := newRepo(t, staticModel)
	r.write("src/old.c", "x(); // NOLINT\n")
	writeResults(r, ffResult("FF1001", "src/old.c", 1, "fp-old"))
	commitAs(r, "Old code\n\nRefs: #1", "src/old.c", "build/results.json")
	r.base = r.git(alice, alice, "rev-parse", "HEAD")
	r.write("src/new.c", "y(); /* NOLINT */\n\n\nstrcpy(a, b);\n")
	writeResults(r, ffResult("FF1001", "src/old.c", 1, "fp-old"), ffResult("FF1001", "src/new.c", 4, "fp-new"))
	commitAs(r, "New code\n\nRefs: #1", "src/new.c", "build/results.json")
	f := r.facts(StaticAnalysis{})
	f.Profile, f.Range.Base = "pr", r.base
	out, err := StaticAnalysis{}.Run(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"native-suppression-unregistered src/new.c:1:9", "result src/new.c:4"}
	if got := lines(out.Findings); !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(out.Summary, "2 results (flawfinder), 1 also in the base revision") {
		t.Errorf("summary = %q", out.Summary)
	}
	// Without a base there is nothing to compare with: everything counts.
	f.Range.Base = ""
	out, err = StaticAnalysis{}.Run(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(out.Findings); got != 4 {
		t.Errorf("pr without a base: %d findings, want 4: %v", got, lines(out.Findings))
	}
}

func TestStaticAnalysisBadRegistry(t *testing.T) {
	fakeAnalysis(t)
	r := newRepo(t, staticModel)
	r.write("security/waivers.yaml", "version: 1\nwaivers: {}\n")
	commitAs(r, "Registry\n\nRefs: #1", "security/waivers.yaml")
	_, err := StaticAnalysis{}.Run(context.Background(), r.facts(StaticAnalysis{}))
	if err == nil || !strings.Contains(err.Error(), "security/waivers.yaml:2:10: waivers must be a list") {
		t.Errorf("a malformed registry: %v", err)
	}
}

// Every rule a finding of the check may carry is declared, with help.
func TestStaticAnalysisRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range (StaticAnalysis{}).Rules() {
		if seen[r.ID] || r.Summary == "" || r.Help == "" || !strings.HasPrefix(r.ID, "static-analysis/") {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
	}
	for _, k := range staticRules {
		if k.kind != "waiver-field" && len(k.reqs) == 0 {
			t.Errorf("kind %s names no requirement", k.kind)
		}
	}
}

// In a profile of analysis.pending_profiles a result under a complete
// waiver that awaits approval is a warning, and its missing approval is
// not a problem; a result with no waiver, or under an incomplete one,
// still fails. Release can never be such a profile.
func TestStaticAnalysisPendingProfile(t *testing.T) {
	fakeAnalysis(t)
	model := staticModel + "  pending_profiles: [ci]\npolicy:\n  profiles:\n    ci:\n      checks: [static-analysis]\n"
	pending := strings.NewReplacer("W-0001", "W-0002", "status: accepted", "status: under-review", "FF1001", "FF1002", "fp-a", "fp-b").Replace(
		waiverEntry[:strings.Index(waiverEntry, "    approvers:")])
	r := newRepo(t, model)
	r.write("src/a.c", "void f(char *d, char *s) {\n  /* assure: waive W-0002 */\n  strcat(d, s);\n  gets(d);\n  /* assure: waive W-0003 */\n  sprintf(d, s);\n}\n")
	r.write("security/waivers.yaml", "version: 1\nnext_id: 4\nwaivers:\n"+pending+
		"  - id: W-0003\n    status: under-review\n    tool: flawfinder\n    rule: FF1004\n    file: src/a.c\n    fingerprint: fp-d\n")
	writeResults(r, ffResult("FF1002", "src/a.c", 3, "fp-b"), ffResult("FF1003", "src/a.c", 4, "fp-c"), ffResult("FF1004", "src/a.c", 6, "fp-d"))
	commitAs(r, "Add a.c\n\nRefs: #1", "src/a.c", "security/waivers.yaml", "build/results.json")

	for _, tc := range []struct {
		profile string
		want    []string // rule [waiver] location severity
	}{
		{"ci", []string{
			"result [W-0002 under-review] src/a.c:3 warning",
			"result [W-0003 under-review] src/a.c:6 error",
			"result src/a.c:4 error",
		}},
		{"release", []string{
			"result [W-0002 under-review] src/a.c:3 error",
			"result [W-0003 under-review] src/a.c:6 error",
			"result src/a.c:4 error",
			"waiver-pending security/waivers.yaml",
			"waiver-pending security/waivers.yaml",
		}},
	} {
		t.Run(tc.profile, func(t *testing.T) {
			f := r.facts(StaticAnalysis{})
			f.Profile = tc.profile
			out, err := StaticAnalysis{}.Run(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, fd := range out.Findings {
				switch {
				case fd.Rule == RuleResult:
					s := "result"
					if fd.Waiver != nil {
						s += " [" + fd.Waiver.ID + " " + string(fd.Waiver.Status) + "]"
					}
					got = append(got, s+" "+fd.Location.String()+" "+string(fd.Severity))
				case strings.HasSuffix(fd.Rule, "/waiver-pending"):
					got = append(got, "waiver-pending "+fd.Location.File)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
