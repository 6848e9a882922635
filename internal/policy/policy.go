// Package policy decides the gate. Checks only report what they found; the
// profile (pr, release, or one the model defines) says which severity fails
// the gate, and the process catalog turns check outcomes into the
// conformance summary every report ends with.
package policy

import (
	"fmt"
	"strings"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/process"
	"github.com/assure-dev/assure/internal/report"
)

// Input is everything the decision depends on.
type Input struct {
	Profile string
	// FailOn is the lowest severity that fails the gate: error, warning or note.
	FailOn finding.Severity
	// Checks holds every registered check; Status is Pass for a check that
	// ran (Decide turns it into Fail when its findings say so), Skipped for
	// one the profile leaves out or that had nothing to look at.
	Checks   []report.CheckResult
	Findings []finding.Finding
	Catalog  []process.Requirement
	// NotRun says why a check did not run ("is not in profile release",
	// "was not selected with --check"), for the why of not-covered
	// requirements.
	NotRun map[string]string
}

// Decide returns the checks with their final status, the verdict and the
// conformance summary.
func Decide(in Input) ([]report.CheckResult, report.Status, report.Conformance) {
	failOn := in.FailOn
	if !failOn.Valid() {
		failOn = finding.Error
	}
	failing := map[string]int{}
	count := map[string]int{}
	for _, f := range in.Findings {
		if f.Waived() {
			continue // reported, but an accepted waiver covers it
		}
		count[f.Check]++
		if f.Severity.Rank() <= failOn.Rank() {
			failing[f.Check]++
		}
	}
	checks := make([]report.CheckResult, len(in.Checks))
	verdict := report.Pass
	for i, c := range in.Checks {
		c.Findings = count[c.ID]
		if c.Status == report.Pass && failing[c.ID] > 0 {
			c.Status = report.Fail
		}
		if c.Status == report.Fail || c.Status == report.Errored {
			verdict = report.Fail
		}
		checks[i] = c
	}
	return checks, verdict, conformance(in, checks)
}

func conformance(in Input, checks []report.CheckResult) report.Conformance {
	byReq := map[string][]report.CheckResult{}
	for _, c := range checks {
		for _, r := range c.Requirements {
			byReq[r] = append(byReq[r], c)
		}
	}
	var conf report.Conformance
	for _, req := range in.Catalog {
		r := report.Requirement{ID: req.ID, Section: req.Section, Level: string(req.Level), Statement: req.Statement}
		cs := byReq[req.ID]
		var why []string
		passed, failed := 0, 0
		for _, c := range cs {
			switch c.Status {
			case report.Pass:
				passed++
				r.Checks = append(r.Checks, c.ID)
			case report.Fail, report.Errored:
				failed++
				r.Checks = append(r.Checks, c.ID)
			case report.Skipped:
				if reason, ok := in.NotRun[c.ID]; ok {
					why = append(why, fmt.Sprintf("check %s %s", c.ID, reason))
				} else {
					why = append(why, fmt.Sprintf("check %s had nothing to check", c.ID))
				}
			}
		}
		switch {
		case len(cs) == 0:
			r.Status = report.NotCovered
			r.Why = string(req.Method)
			if req.Evidence != "" {
				r.Why += ": " + req.Evidence
			}
		case failed > 0:
			r.Status = report.Failed
		case passed == len(cs):
			r.Status = report.Met
		default:
			r.Status = report.NotCovered
			r.Why = strings.Join(why, "; ")
		}
		switch r.Status {
		case report.Met:
			conf.Met++
		case report.Failed:
			conf.Failed++
		default:
			conf.NotCovered++
		}
		conf.Requirements = append(conf.Requirements, r)
	}
	return conf
}
