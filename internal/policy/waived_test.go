package policy

import (
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/report"
)

// A finding an accepted waiver covers is reported but fails nothing; one
// whose waiver is under review or rejected still fails.
func TestWaivedFindingsDoNotFail(t *testing.T) {
	for _, tt := range []struct {
		status finding.WaiverStatus
		want   report.Status
	}{
		{finding.WaiverAccepted, report.Pass},
		{finding.WaiverUnderReview, report.Fail},
		{finding.WaiverRejected, report.Fail},
	} {
		f := finding.Finding{ID: "F-1", Rule: "static-analysis/result", Check: "static-analysis", Severity: finding.Error,
			Waiver: &finding.Waiver{ID: "W-0001", Status: tt.status}}
		checks, verdict, _ := Decide(Input{Profile: "release", Checks: []report.CheckResult{{ID: "static-analysis", Status: report.Pass}}, Findings: []finding.Finding{f}})
		if verdict != tt.want || checks[0].Status != tt.want {
			t.Errorf("waiver %s: verdict %s, check %s; want %s", tt.status, verdict, checks[0].Status, tt.want)
		}
	}
}
