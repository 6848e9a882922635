package policy

import (
	"reflect"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/process"
	"github.com/assure-dev/assure/internal/report"
)

func check(id string, st report.Status, reqs ...string) report.CheckResult {
	return report.CheckResult{ID: id, Title: id + " title", Requirements: reqs, Status: st}
}

func find(checkID string, sev finding.Severity) finding.Finding {
	return finding.Finding{ID: "F-" + checkID + string(sev), Rule: checkID + "/rule", Check: checkID, Severity: sev}
}

func TestDecideVerdict(t *testing.T) {
	tests := []struct {
		name     string
		failOn   finding.Severity
		checks   []report.CheckResult
		findings []finding.Finding
		want     map[string]report.Status // final status per check
		counts   map[string]int
		verdict  report.Status
	}{
		{
			name:    "no findings pass",
			failOn:  finding.Error,
			checks:  []report.CheckResult{check("a", report.Pass), check("b", report.Pass)},
			want:    map[string]report.Status{"a": report.Pass, "b": report.Pass},
			verdict: report.Pass,
		},
		{
			name:     "an error fails on error",
			failOn:   finding.Error,
			checks:   []report.CheckResult{check("a", report.Pass), check("b", report.Pass)},
			findings: []finding.Finding{find("a", finding.Error), find("a", finding.Note)},
			want:     map[string]report.Status{"a": report.Fail, "b": report.Pass},
			counts:   map[string]int{"a": 2},
			verdict:  report.Fail,
		},
		{
			name:     "a warning passes on error",
			failOn:   finding.Error,
			checks:   []report.CheckResult{check("a", report.Pass)},
			findings: []finding.Finding{find("a", finding.Warning)},
			want:     map[string]report.Status{"a": report.Pass},
			counts:   map[string]int{"a": 1},
			verdict:  report.Pass,
		},
		{
			name:     "a warning fails on warning",
			failOn:   finding.Warning,
			checks:   []report.CheckResult{check("a", report.Pass)},
			findings: []finding.Finding{find("a", finding.Warning)},
			want:     map[string]report.Status{"a": report.Fail},
			counts:   map[string]int{"a": 1},
			verdict:  report.Fail,
		},
		{
			name:     "an error fails on warning",
			failOn:   finding.Warning,
			checks:   []report.CheckResult{check("a", report.Pass)},
			findings: []finding.Finding{find("a", finding.Error)},
			want:     map[string]report.Status{"a": report.Fail},
			counts:   map[string]int{"a": 1},
			verdict:  report.Fail,
		},
		{
			name:     "a note passes on warning",
			failOn:   finding.Warning,
			checks:   []report.CheckResult{check("a", report.Pass)},
			findings: []finding.Finding{find("a", finding.Note)},
			want:     map[string]report.Status{"a": report.Pass},
			counts:   map[string]int{"a": 1},
			verdict:  report.Pass,
		},
		{
			name:     "a note fails on note",
			failOn:   finding.Note,
			checks:   []report.CheckResult{check("a", report.Pass)},
			findings: []finding.Finding{find("a", finding.Note)},
			want:     map[string]report.Status{"a": report.Fail},
			counts:   map[string]int{"a": 1},
			verdict:  report.Fail,
		},
		{
			name:     "an unknown fail_on means error",
			failOn:   "",
			checks:   []report.CheckResult{check("a", report.Pass), check("b", report.Pass)},
			findings: []finding.Finding{find("a", finding.Warning), find("b", finding.Error)},
			want:     map[string]report.Status{"a": report.Pass, "b": report.Fail},
			counts:   map[string]int{"a": 1, "b": 1},
			verdict:  report.Fail,
		},
		{
			name:    "skipped checks do not fail",
			failOn:  finding.Error,
			checks:  []report.CheckResult{check("a", report.Pass), check("b", report.Skipped)},
			want:    map[string]report.Status{"a": report.Pass, "b": report.Skipped},
			verdict: report.Pass,
		},
		{
			name:    "an errored check fails the verdict",
			failOn:  finding.Error,
			checks:  []report.CheckResult{check("a", report.Pass), check("b", report.Errored)},
			want:    map[string]report.Status{"a": report.Pass, "b": report.Errored},
			verdict: report.Fail,
		},
		{
			name:     "findings of one check do not fail another",
			failOn:   finding.Error,
			checks:   []report.CheckResult{check("a", report.Pass), check("b", report.Pass)},
			findings: []finding.Finding{find("b", finding.Error), find("b", finding.Error), find("b", finding.Warning)},
			want:     map[string]report.Status{"a": report.Pass, "b": report.Fail},
			counts:   map[string]int{"b": 3},
			verdict:  report.Fail,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Profile: "pr", FailOn: tc.failOn, Checks: tc.checks, Findings: tc.findings}
			before := append([]report.CheckResult(nil), tc.checks...)
			checks, verdict, _ := Decide(in)
			if verdict != tc.verdict {
				t.Errorf("verdict %s, want %s", verdict, tc.verdict)
			}
			if len(checks) != len(tc.checks) {
				t.Fatalf("%d checks back, gave %d", len(checks), len(tc.checks))
			}
			for i, c := range checks {
				if c.ID != tc.checks[i].ID {
					t.Errorf("check %d is %s, want %s: order must be kept", i, c.ID, tc.checks[i].ID)
				}
				if c.Status != tc.want[c.ID] {
					t.Errorf("check %s: status %s, want %s", c.ID, c.Status, tc.want[c.ID])
				}
				if c.Findings != tc.counts[c.ID] {
					t.Errorf("check %s: %d findings, want %d", c.ID, c.Findings, tc.counts[c.ID])
				}
			}
			if !reflect.DeepEqual(tc.checks, before) {
				t.Errorf("Decide changed its input checks")
			}
		})
	}
}

// catalog is a small catalog with each way a requirement can be covered.
var catalog = []process.Requirement{
	{ID: "R-1", Section: "S", Level: process.Must, Statement: "one", Method: process.Automated},
	{ID: "R-2", Section: "S", Level: process.Shall, Statement: "two", Method: process.Automated},
	{ID: "R-3", Section: "S", Level: process.Should, Statement: "three", Method: process.Attested, Evidence: "architecture document"},
	{ID: "R-4", Section: "T", Level: process.Must, Statement: "four", Method: process.NotCovered},
	{ID: "R-5", Section: "T", Level: process.Must, Statement: "five", Method: process.Automated},
}

func TestDecideConformance(t *testing.T) {
	type want struct {
		status report.ReqStatus
		checks []string
		why    string
	}
	tests := []struct {
		name     string
		checks   []report.CheckResult
		findings []finding.Finding
		notRun   map[string]string
		want     map[string]want
	}{
		{
			name:   "passing checks meet their requirements",
			checks: []report.CheckResult{check("a", report.Pass, "R-1", "R-2"), check("b", report.Pass, "R-2", "R-5")},
			want: map[string]want{
				"R-1": {report.Met, []string{"a"}, ""},
				"R-2": {report.Met, []string{"a", "b"}, ""},
				"R-3": {report.NotCovered, nil, "attested: architecture document"},
				"R-4": {report.NotCovered, nil, "not-covered"},
				"R-5": {report.Met, []string{"b"}, ""},
			},
		},
		{
			name:     "a failing check fails every requirement it evidences",
			checks:   []report.CheckResult{check("a", report.Pass, "R-1", "R-2"), check("b", report.Pass, "R-2", "R-5")},
			findings: []finding.Finding{find("b", finding.Error)},
			want: map[string]want{
				"R-1": {report.Met, []string{"a"}, ""},
				"R-2": {report.Failed, []string{"a", "b"}, ""},
				"R-5": {report.Failed, []string{"b"}, ""},
			},
		},
		{
			name:   "an errored check fails its requirements",
			checks: []report.CheckResult{check("a", report.Errored, "R-1")},
			want:   map[string]want{"R-1": {report.Failed, []string{"a"}, ""}},
		},
		{
			name:   "a check not in the profile leaves its requirements not covered",
			checks: []report.CheckResult{check("a", report.Pass, "R-1", "R-2"), check("b", report.Skipped, "R-2", "R-5")},
			notRun: map[string]string{"b": "is not in profile release"},
			want: map[string]want{
				"R-1": {report.Met, []string{"a"}, ""},
				"R-2": {report.NotCovered, []string{"a"}, "check b is not in profile release"},
				"R-5": {report.NotCovered, nil, "check b is not in profile release"},
			},
		},
		{
			name:   "a check left out with --check says so",
			checks: []report.CheckResult{check("b", report.Skipped, "R-5")},
			notRun: map[string]string{"b": "was not selected with --check"},
			want:   map[string]want{"R-5": {report.NotCovered, nil, "check b was not selected with --check"}},
		},
		{
			name:   "a check with nothing to check leaves its requirements not covered",
			checks: []report.CheckResult{check("b", report.Skipped, "R-5")},
			want:   map[string]want{"R-5": {report.NotCovered, nil, "check b had nothing to check"}},
		},
		{
			name:     "failure outweighs a skipped check",
			checks:   []report.CheckResult{check("a", report.Pass, "R-2"), check("b", report.Skipped, "R-2")},
			findings: []finding.Finding{find("a", finding.Error)},
			notRun:   map[string]string{"b": "is not in profile release"},
			want:     map[string]want{"R-2": {report.Failed, []string{"a"}, ""}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Profile: "release", FailOn: finding.Error, Checks: tc.checks, Findings: tc.findings,
				Catalog: catalog, NotRun: tc.notRun}
			_, _, conf := Decide(in)
			if len(conf.Requirements) != len(catalog) {
				t.Fatalf("%d requirements, want %d", len(conf.Requirements), len(catalog))
			}
			n := map[report.ReqStatus]int{}
			for i, r := range conf.Requirements {
				c := catalog[i]
				if r.ID != c.ID || r.Section != c.Section || r.Level != string(c.Level) || r.Statement != c.Statement {
					t.Errorf("requirement %d = %+v, want catalog entry %+v in catalog order", i, r, c)
				}
				n[r.Status]++
				w, ok := tc.want[r.ID]
				if !ok {
					continue
				}
				if r.Status != w.status || !reflect.DeepEqual(r.Checks, w.checks) || r.Why != w.why {
					t.Errorf("%s = {%s %v %q}, want {%s %v %q}", r.ID, r.Status, r.Checks, r.Why, w.status, w.checks, w.why)
				}
			}
			if conf.Met != n[report.Met] || conf.Failed != n[report.Failed] || conf.NotCovered != n[report.NotCovered] {
				t.Errorf("counts met %d failed %d not covered %d, statuses say %v", conf.Met, conf.Failed, conf.NotCovered, n)
			}
			if conf.Met+conf.Failed+conf.NotCovered != len(catalog) {
				t.Errorf("counts do not add up to the catalog")
			}
		})
	}
}

// The real catalog: with nothing run every requirement is accounted for.
func TestDecideEmbeddedCatalog(t *testing.T) {
	cat := process.Load().All()
	if len(cat) == 0 {
		t.Fatal("empty embedded catalog")
	}
	_, verdict, conf := Decide(Input{Profile: "pr", Catalog: cat})
	if verdict != report.Pass {
		t.Errorf("verdict %s with no checks", verdict)
	}
	if conf.NotCovered != len(cat) || conf.Met != 0 || conf.Failed != 0 {
		t.Errorf("conformance %d/%d/%d, want all %d not covered", conf.Met, conf.Failed, conf.NotCovered, len(cat))
	}
	for _, r := range conf.Requirements {
		if r.Why == "" {
			t.Errorf("%s not covered without a why", r.ID)
		}
	}
}
