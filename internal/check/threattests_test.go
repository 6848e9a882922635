package check

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/model"
)

const traceRootModel = `version: 1
project:
  name: fw
people:
  - id: carol
    name: Carol Crypto
    emails: [carol@example.com]
    roles: [security-architect]
  - id: dave
    name: Dave Dev
    emails: [dave@example.com]
    roles: [maintainer]
modules:
  - id: ota
    paths: ["ota/**"]
    security_relevant: true
    security_architect: carol
threat_model:
  files: [security/threats/*.yaml]
  tests:
    go_test_json: [build/*.json]
  review:
    max_files_changed: 2
`

const traceThreatFile = `module: ota
REVIEW
external_entities:
  - id: cloud
    name: Cloud
processes:
  - id: agent
    name: OTA agent
    boundary: device
    traits: [firmware-update]
trust_boundaries:
  - id: device
data_flows:
  - id: image
    from: cloud
    to: agent
threats:
  - id: gen.tampering-data-flow@image
    treatment: mitigated
    countermeasures: [cm-signed]
  - id: gen.input-validation@agent+image
    treatment: mitigated
    countermeasures: [cm-signed, cm-untested]
countermeasures:
  - id: cm-signed
    title: Signed images
    tests:
      - go: TestSigned
        package: fw/ota
      - go: TestRollback
        package: fw/ota
  - id: cm-untested
    title: Size limit
`

func traceGoJSON(rollback string) string {
	return `{"Action":"start","Package":"fw/ota"}
{"Action":"run","Package":"fw/ota","Test":"TestSigned"}
{"Action":"pass","Package":"fw/ota","Test":"TestSigned"}
{"Action":"run","Package":"fw/ota","Test":"TestRollback"}
{"Action":"output","Package":"fw/ota","Test":"TestRollback","Output":"    ota_test.go:9: older image accepted\n"}
{"Action":"` + rollback + `","Package":"fw/ota","Test":"TestRollback"}
{"Action":"` + rollback + `","Package":"fw/ota"}
`
}

type traceRepo struct {
	t    *testing.T
	dir  string
	head string
}

func (r *traceRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir,
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *traceRepo) write(name, body string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *traceRepo) commit(files map[string]string) {
	for n, b := range files {
		r.write(n, b)
	}
	r.git("add", "-A")
	r.git("commit", "-q", "-m", "change")
	r.head = r.git("rev-parse", "HEAD")
}

func (r *traceRepo) facts() *collect.Facts {
	m, err := model.Load(r.dir, "security/assure.yaml")
	if err != nil {
		r.t.Fatal(err)
	}
	return &collect.Facts{Root: r.dir, Model: m, Range: collect.Range{Head: r.head}}
}

func newTraceRepo(t *testing.T, review string) *traceRepo {
	r := &traceRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q")
	r.commit(map[string]string{
		".gitignore":                "build/\n",
		"security/assure.yaml":      traceRootModel,
		"security/threats/ota.yaml": strings.Replace(traceThreatFile, "REVIEW", review, 1),
		"ota/ota.go":                "package ota\n",
	})
	return r
}

func traceRulesOf(o Outcome) []string {
	var rs []string
	for _, f := range o.Findings {
		rs = append(rs, f.Rule)
	}
	sort.Strings(rs)
	return rs
}

func TestThreatTests(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		results func(r *traceRepo)
		want    []string
		summary string
	}{
		{"no results", func(r *traceRepo) {}, []string{RuleThreatNoResults, RuleThreatUntested}, "2 tests (2 missing)"},
		{"unbound results", func(r *traceRepo) { r.write("build/go.json", traceGoJSON("pass")) },
			[]string{RuleThreatNoResults, RuleThreatUntested}, "2 tests (2 stale)"},
		{"passing, bound by path", func(r *traceRepo) { r.write("build/"+r.head+".json", traceGoJSON("pass")) },
			[]string{RuleThreatUntested}, "2 tests (2 pass)"},
		{"failing", func(r *traceRepo) { r.write("build/"+r.head+".json", traceGoJSON("fail")) },
			[]string{RuleThreatTestFailed, RuleThreatUntested}, "2 tests (1 pass, 1 fail)"},
		{"skipped", func(r *traceRepo) { r.write("build/"+r.head+".json", traceGoJSON("skip")) },
			[]string{RuleThreatTestSkipped, RuleThreatUntested}, "2 tests (1 pass, 1 skip)"},
		{"deleted test", func(r *traceRepo) {
			r.write("build/"+r.head+".json", strings.ReplaceAll(traceGoJSON("pass"), "TestRollback", "TestOther"))
		}, []string{RuleThreatTestMissing, RuleThreatUntested}, "2 tests (1 pass, 1 missing)"},
		{"stale beside fresh", func(r *traceRepo) {
			r.write("build/"+r.head+".json", strings.ReplaceAll(traceGoJSON("pass"), "TestRollback", "TestOther"))
			r.write("build/old.json", traceGoJSON("pass"))
		}, []string{RuleThreatResultsStale, RuleThreatUntested}, "2 tests (1 pass, 1 stale)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTraceRepo(t, "")
			tt.results(r)
			o, err := ThreatTests{}.Run(ctx, r.facts())
			if err != nil {
				t.Fatal(err)
			}
			if got := traceRulesOf(o); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("rules %v, want %v\n%+v", got, tt.want, o.Findings)
			}
			if !strings.Contains(o.Summary, tt.summary) {
				t.Errorf("summary %q lacks %q", o.Summary, tt.summary)
			}
			for _, f := range o.Findings {
				if f.Location.File == "" || f.Location.Line == 0 || f.Remediation == "" || len(f.Requirements) == 0 {
					t.Errorf("finding without location, remediation or requirements: %+v", f)
				}
			}
		})
	}
	// A result file that is cut off is an error: the check cannot answer.
	r := newTraceRepo(t, "")
	r.write("build/"+r.head+".json", traceGoJSON("pass")[:100])
	if _, err := (ThreatTests{}).Run(ctx, r.facts()); err == nil || !strings.Contains(err.Error(), ".json:3: the stream ends in the middle of an event") {
		t.Errorf("cut result file: %v", err)
	}
}

func TestThreatFreshness(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		review string
		change map[string]string
		want   []string
	}{
		{"never reviewed", "", nil, []string{RuleThreatNeverReviewed}},
		{"reviewed, unchanged", "review: {commit: HEAD0, by: carol}", nil, nil},
		{"reviewed, small change", "review: {commit: HEAD0, by: carol@example.com}", map[string]string{"ota/a.go": "package ota\n"}, nil},
		{"reviewed, major change", "review: {commit: HEAD0, by: carol}", map[string]string{"ota/a.go": "package ota\n", "ota/b.go": "package ota\n", "ota/c.go": "package ota\n"}, []string{RuleThreatReviewDue}},
		{"reviewed by someone else", "review: {commit: HEAD0, by: dave}", nil, []string{RuleThreatNotArchitect}},
		{"unknown commit", "review: {commit: 0badc0ffee, by: carol}", nil, []string{RuleThreatUnknownCommit}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTraceRepo(t, "")
			if tt.review != "" {
				r.commit(map[string]string{"security/threats/ota.yaml": strings.Replace(traceThreatFile, "REVIEW", strings.Replace(tt.review, "HEAD0", r.head, 1), 1)})
			}
			if tt.change != nil {
				r.commit(tt.change)
			}
			o, err := ThreatFreshness{}.Run(ctx, r.facts())
			if err != nil {
				t.Fatal(err)
			}
			if got := traceRulesOf(o); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("rules %v, want %v\n%+v", got, tt.want, o.Findings)
			}
		})
	}
}
