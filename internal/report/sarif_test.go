package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/sarif"
)

func renderSARIF(t *testing.T, r *Report) (sarif.Log, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := sarif.Validate("report.sarif", b.Bytes()); err != nil {
		t.Fatalf("output is not valid SARIF: %v\n%s", err, b.Bytes())
	}
	var log sarif.Log
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log, b.Bytes()
}

// sarifCases are reports at the edges of what the SARIF renderer handles.
func sarifCases() map[string]*Report {
	noModel := fixture()
	noModel.Subject.Model = ""
	odd := fixture()
	odd.Tool = Tool{Name: "", Version: "devel", URI: "not a url"}
	odd.Findings = append(odd.Findings,
		finding.Finding{ID: "F-a", Rule: "x/colon", Check: "security", Severity: "bogus",
			Location: finding.Location{File: `c:\dir\file name.c`, Column: 4}},
		finding.Finding{Rule: "x/nowhere", Check: "x", Severity: finding.Warning})
	return map[string]*Report{
		"fixture":        fixture(),
		"empty":          {Profile: "pr", Verdict: Pass},
		"no model":       noModel,
		"odd inputs":     odd,
		"everything nil": {},
	}
}

func TestSARIFValidAndCodeScanningReady(t *testing.T) {
	for name, r := range sarifCases() {
		t.Run(name, func(t *testing.T) {
			log, _ := renderSARIF(t, r)
			if len(log.Runs) != 1 {
				t.Fatalf("%d runs, want 1", len(log.Runs))
			}
			run := log.Runs[0]
			if run.Tool.Driver.Name != "assure" {
				t.Errorf("driver name %q", run.Tool.Driver.Name)
			}
			if run.Results == nil {
				t.Error("results missing; an empty run must say results: []")
			}
			if len(run.Results) != len(r.Findings) {
				t.Errorf("%d results for %d findings", len(run.Results), len(r.Findings))
			}
			ids := []string{}
			for _, rule := range run.Tool.Driver.Rules {
				ids = append(ids, rule.ID)
			}
			if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
				t.Errorf("rules not sorted and unique: %v", ids)
			}
			for i, res := range run.Results {
				// GitHub code scanning rejects the whole file otherwise.
				if len(res.Locations) == 0 || res.Locations[0].PhysicalLocation == nil ||
					res.Locations[0].PhysicalLocation.ArtifactLocation == nil ||
					res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
					t.Errorf("result %d has no file location", i)
				}
				if !slices.Contains([]string{"error", "warning", "note"}, res.Level) {
					t.Errorf("result %d level %q", i, res.Level)
				}
				if res.RuleIndex == nil || ids[*res.RuleIndex] != res.RuleID {
					t.Errorf("result %d: ruleIndex does not point at rule %s", i, res.RuleID)
				}
				if res.Message.Text == "" {
					t.Errorf("result %d has no message", i)
				}
			}
		})
	}
}

func TestSARIFLocations(t *testing.T) {
	const commit = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
	tests := []struct {
		name     string
		model    string
		loc      finding.Location
		wantURI  string
		wantLine int
		wantCol  int
		commit   bool
	}{
		{"file and line", "security/m.yaml", finding.Location{File: "src/a.c", Line: 3, Column: 2}, "src/a.c", 3, 2, false},
		{"column without line is dropped", "", finding.Location{File: "src/a.c", Column: 2}, "src/a.c", 0, 0, false},
		{"space is percent-encoded", "", finding.Location{File: "docs/a b.md"}, "docs/a%20b.md", 0, 0, false},
		{"colon cannot become a scheme", "", finding.Location{File: "c:x.c"}, "./c:x.c", 0, 0, false},
		{"backslashes become slashes", "", finding.Location{File: `src\a.c`}, "src/a.c", 0, 0, false},
		{"commit only, anchored at the model", "security/m.yaml", finding.Location{Commit: commit}, "security/m.yaml", 0, 0, true},
		{"commit only, no model named", "", finding.Location{Commit: commit}, defaultAnchor, 0, 0, true},
		{"file and commit", "security/m.yaml", finding.Location{File: "k.c", Line: 1, Commit: commit}, "k.c", 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Subject: Subject{Model: tt.model}, Verdict: Fail, Findings: []finding.Finding{
				{ID: "F-1", Rule: "a/b", Check: "a", Severity: finding.Error, Location: tt.loc, Message: "m"},
			}}
			log, _ := renderSARIF(t, r)
			loc := log.Runs[0].Results[0].Locations[0]
			al := loc.PhysicalLocation.ArtifactLocation
			if al.URI != tt.wantURI || al.URIBaseID != "%SRCROOT%" {
				t.Errorf("artifact %q base %q, want %q base %%SRCROOT%%", al.URI, al.URIBaseID, tt.wantURI)
			}
			line, col := 0, 0
			if reg := loc.PhysicalLocation.Region; reg != nil {
				line, col = reg.StartLine, reg.StartColumn
			}
			if line != tt.wantLine || col != tt.wantCol {
				t.Errorf("region %d:%d, want %d:%d", line, col, tt.wantLine, tt.wantCol)
			}
			hasCommit := len(loc.LogicalLocations) == 1 && loc.LogicalLocations[0].Name == commit &&
				loc.LogicalLocations[0].Kind == "commit"
			if hasCommit != tt.commit {
				t.Errorf("commit logical location = %v, want %v", hasCommit, tt.commit)
			}
			if got := log.Runs[0].Results[0].PartialFingerprints["assure/v1"]; got != "F-1" {
				t.Errorf("partial fingerprint %q", got)
			}
		})
	}
}

func TestSARIFRulesAndRun(t *testing.T) {
	log, _ := renderSARIF(t, fixture())
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Version != "v1.4.0" || d.SemanticVersion != "1.4.0" || d.InformationURI != "https://github.com/assure-dev/assure" {
		t.Errorf("driver %+v", d)
	}
	if len(d.Rules) != 3 {
		t.Fatalf("%d rules, want one per distinct rule (3)", len(d.Rules))
	}
	r0 := d.Rules[0]
	if r0.ID != "change-management/missing-reference" || r0.Name != "ChangeManagementMissingReference" {
		t.Errorf("rule 0 is %s (%s)", r0.ID, r0.Name)
	}
	if r0.Help == nil || r0.Help.Text == "" || r0.ShortDescription == nil {
		t.Errorf("rule 0 lacks help or description: %+v", r0)
	}
	if tags, _ := r0.Properties["tags"].([]any); len(tags) == 0 || tags[0] != "security" {
		t.Errorf("rule 0 tags %v", r0.Properties["tags"])
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Errorf("an errored check must make the invocation unsuccessful with one notification: %+v", inv)
	}
}

func TestSemanticVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"v1.2.3", "1.2.3"},
		{"1.2.3-rc.1+build.5", "1.2.3-rc.1+build.5"},
		{"v0.0.0-20260101120000-abcdef123456", "0.0.0-20260101120000-abcdef123456"},
		{"devel", ""},
		{"1.2", ""},
		{"01.2.3", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := semanticVersion(tt.in); got != tt.want {
			t.Errorf("semanticVersion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
