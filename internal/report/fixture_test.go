package report

import "github.com/assure-dev/assure/internal/finding"

// fixture is a report exercising every branch the renderers have: findings
// of every severity, with and without file, line, commit and remediation;
// checks of every status; requirements of every conformance status; and
// text that needs escaping in each format.
func fixture() *Report {
	const c1 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
	const c2 = "ffeeddccbbaa99887766554433221100ffeeddcc"
	return &Report{
		Schema:  SchemaVersion,
		Tool:    Tool{Name: "assure", Version: "v1.4.0", URI: "https://github.com/assure-dev/assure"},
		Profile: "pr",
		Subject: Subject{Repository: ".", Range: "origin/main..HEAD", Head: c1, Commits: 3, Model: "security/assure.yaml"},
		Verdict: Fail,
		Checks: []CheckResult{
			{ID: "change-management", Title: "Every commit references a change request",
				Requirements: []string{"ZSO-CM-01", "ZSO-CM-02"}, Status: Fail,
				Summary: "3 commits, 1 referenced", Findings: 3},
			{ID: "code-review", Title: "Changes are reviewed by an independent reviewer",
				Requirements: []string{"ZSO-QA-05"}, Status: Pass, Summary: "1 pull request, approved by 2", Findings: 0},
			{ID: "static-analysis", Title: "Static analysis has no open findings",
				Requirements: []string{"ZSO-QA-10"}, Status: Fail, Summary: "2 SARIF files, 2 results", Findings: 2},
			{ID: "threat-model", Title: "Threat model is current",
				Requirements: []string{"ZSO-TM-01"}, Status: Skipped, Summary: "not in profile pr"},
			{ID: "tracker", Title: "Change requests exist in the tracker",
				Requirements: []string{"ZSO-CM-02"}, Status: Errored,
				Error: "GET https://api.github.com/repos/o/r/issues/12: 502 Bad Gateway"},
		},
		Findings: []finding.Finding{
			// Deliberately out of report order: renderers must sort.
			{ID: "F-0000000000000004", Rule: "static-analysis/open-result", Check: "static-analysis",
				Requirements: []string{"ZSO-QA-10"}, Severity: finding.Note,
				Location: finding.Location{File: "drivers/a b|c.c", Line: 7, Column: 3},
				Message:  "cppcheck: variable 'x' is assigned a value that is never used"},
			{ID: "F-0000000000000001", Rule: "change-management/missing-reference", Check: "change-management",
				Requirements: []string{"ZSO-CM-01"}, Severity: finding.Error,
				Location:    finding.Location{Commit: c1},
				Message:     "commit has no change-request reference",
				Remediation: "add a trailer such as \"Refs: #123\" to the commit message"},
			{ID: "F-0000000000000002", Rule: "change-management/missing-reference", Check: "change-management",
				Requirements: []string{"ZSO-CM-01"}, Severity: finding.Error,
				Location:    finding.Location{Commit: c2},
				Message:     "commit has no change-request reference",
				Remediation: "add a trailer such as \"Refs: #123\" to the commit message"},
			{ID: "F-0000000000000003", Rule: "change-management/unknown-issue", Check: "change-management",
				Requirements: []string{"ZSO-CM-02"}, Severity: finding.Warning,
				Location:    finding.Location{File: "kernel/sched.c", Commit: c2},
				Message:     "reference #999 | not found\nin tracker <github>",
				Remediation: "check the issue number"},
			{ID: "F-0000000000000005", Rule: "static-analysis/open-result", Check: "static-analysis",
				Requirements: []string{"ZSO-QA-10"}, Severity: finding.Error,
				Location:    finding.Location{File: "kernel/sched.c", Line: 120},
				Message:     "clang-tidy: \x1b[31mnull dereference\x1b[0m of `p`",
				Remediation: "fix the code or record a waiver approved by a security reviewer"},
		},
		Conformance: Conformance{
			Met: 1, Failed: 2, NotCovered: 2,
			Requirements: []Requirement{
				{ID: "ZSO-CM-01", Section: "Secure Coding: Change management", Level: "MUST",
					Statement: "Every change is traceable to a change request.", Status: Failed, Checks: []string{"change-management"}},
				{ID: "ZSO-CM-02", Section: "Secure Coding: Change management", Level: "MUST",
					Statement: "Change requests are tracked in the project's tracker.", Status: NotCovered,
					Checks: []string{"change-management", "tracker"}, Why: "check tracker could not run"},
				{ID: "ZSO-QA-05", Section: "Quality Assurance: Code Reviews", Level: "SHALL",
					Statement: "Every change is reviewed by someone other than its author.", Status: Met, Checks: []string{"code-review"}},
				{ID: "ZSO-QA-10", Section: "Quality Assurance: Static Code Analysis", Level: "SHALL",
					Statement: "Static analysis findings are fixed or waived.", Status: Failed, Checks: []string{"static-analysis"}},
				{ID: "ZSO-TM-01", Section: "Threat Modeling and Mitigation", Level: "SHOULD",
					Statement: "Threat models are kept current.", Status: NotCovered, Why: "check threat-model not in profile pr"},
			},
		},
	}
}

// Aliases for reflection in TestSchemaCoversTypes.
type (
	findingType  = finding.Finding
	locationType = finding.Location
)
