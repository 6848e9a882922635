package check

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

// TestComplexityWaivers: a function over budget is waived only by a
// complete, approved, unexpired waiver of tool assure-complexity that names
// it; everything short of that leaves it a finding, with the waiver's state.
func TestComplexityWaivers(t *testing.T) {
	fp := complexityFingerprint("steady", 0)
	people := `people:
  - id: alice
    name: Alice
    emails: [alice@example.com]
    roles: [security-reviewer]
  - id: bob
    name: Bob
    emails: [a@example.com]
    roles: [security-reviewer]
`
	waiverYAML := func(tool, fingerprint, status, approver, expires string) string {
		s := fmt.Sprintf(`version: 1
next_id: 2
waivers:
  - id: W-0001
    status: %s
    tool: %s
    tool_version: v1
    rule: complexity/over-budget
    file: app/main.c
    fingerprint: %s
    line: 1
    analysis_date: 2026-01-01
    branch: main
    revision: "0123456789012345678901234567890123456789"
    category: accepted-risk
    reason: one case per event
    author: bob
`, status, tool, fingerprint)
		if approver != "" {
			s += "    approvers:\n      - person: " + approver + "\n        date: 2026-01-02\n"
		}
		if expires != "" {
			s += "    expires: " + expires + "\n"
		}
		return s
	}
	tests := []struct {
		name, registry string
		waived         bool
		state          finding.WaiverStatus // "" = no waiver attached
	}{
		{"approved by a reviewer who did not write it", waiverYAML(ComplexityTool, fp, "accepted", "alice", ""), true, finding.WaiverAccepted},
		{"under review", waiverYAML(ComplexityTool, fp, "under-review", "", ""), false, finding.WaiverUnderReview},
		{"approved by its author", waiverYAML(ComplexityTool, fp, "accepted", "bob", ""), false, finding.WaiverUnderReview},
		{"expired", waiverYAML(ComplexityTool, fp, "accepted", "alice", "2026-01-03"), false, finding.WaiverUnderReview},
		{"rejected", waiverYAML(ComplexityTool, fp, "rejected", "", ""), false, finding.WaiverRejected},
		{"another function's fingerprint", waiverYAML(ComplexityTool, complexityFingerprint("steady", 1), "accepted", "alice", ""), false, ""},
		{"another tool's waiver", waiverYAML("flawfinder", fp, "accepted", "alice", ""), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newCxRepo(t)
			head := r.commit(map[string]string{
				"security/assure.yaml":  "version: 1\nproject:\n  name: fw\n" + people + "complexity:\n  max_ccn: 10\n",
				"security/waivers.yaml": tc.registry,
				"app/main.c":            "/* assure: waive W-0001 */\n" + cxFunc("steady", 12),
			})
			m, err := model.Load(r.dir, "security/assure.yaml")
			if err != nil {
				t.Fatal(err)
			}
			f := &collect.Facts{Root: r.dir, Model: m, Profile: "release", Range: collect.Range{Head: head}}
			out, err := Complexity{}.Run(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Findings) != 1 {
				t.Fatalf("findings %v, want the one function", cxSummary(out.Findings))
			}
			got := out.Findings[0]
			if got.Waived() != tc.waived {
				t.Errorf("waived = %v, want %v (%+v)", got.Waived(), tc.waived, got.Waiver)
			}
			var state finding.WaiverStatus
			if got.Waiver != nil {
				state = got.Waiver.Status
				if got.Waiver.InSource == nil || got.Waiver.InSource.Line != 1 {
					t.Errorf("the comment naming the waiver is not reported: %+v", got.Waiver.InSource)
				}
			}
			if state != tc.state {
				t.Errorf("waiver state %q, want %q", state, tc.state)
			}
			if !tc.waived && !strings.Contains(got.Remediation, "W-0001") && tc.state != "" {
				t.Errorf("the fix does not name the waiver: %s", got.Remediation)
			}
		})
	}
}
