// Package report holds the result of one gate run and renders it: human
// text, JSON (versioned schema), SARIF 2.1.0, JUnit XML and Markdown for a
// pull-request comment. Rendering is a pure function of the Report, so the
// same input gives byte-identical output.
package report

import "github.com/assure-dev/assure/internal/finding"

// SchemaVersion names the JSON report format; bump it on any incompatible change.
const SchemaVersion = "assure.report/v1"

// Status of one check in one run.
type Status string

const (
	Pass    Status = "pass"
	Fail    Status = "fail"
	Skipped Status = "skipped" // not in the profile, or nothing to check
	Errored Status = "error"   // the check could not run
)

// Report is everything one `assure check` found.
type Report struct {
	Schema      string            `json:"schema"`
	Tool        Tool              `json:"tool"`
	Profile     string            `json:"profile"`
	Subject     Subject           `json:"subject"`
	Verdict     Status            `json:"verdict"` // pass or fail
	Checks      []CheckResult     `json:"checks"`
	Rules       []Rule            `json:"rules,omitempty"`
	Findings    []finding.Finding `json:"findings"`
	Conformance Conformance       `json:"conformance"`
}

// Tool identifies assure itself.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"uri"`
}

// Subject says what was checked.
type Subject struct {
	// Repository is the repository root as given (relative paths stay relative
	// so reports do not depend on where the checkout lives).
	Repository string `json:"repository"`
	Range      string `json:"range,omitempty"`
	Head       string `json:"head,omitempty"`
	Commits    int    `json:"commits"`
	// Model is the root file of the security model whose policy judged the
	// run, relative to the repository root. SARIF anchors findings without a
	// file (a commit) there: GitHub code scanning rejects a log in which any
	// result lacks a file location.
	Model string `json:"model,omitempty"`
}

// CheckResult is the outcome of one check.
type CheckResult struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Requirements []string `json:"requirements"`
	Status       Status   `json:"status"`
	// Summary is one line of what was looked at ("12 commits, 12 referenced").
	Summary  string `json:"summary,omitempty"`
	Error    string `json:"error,omitempty"`
	Findings int    `json:"findings"`
}

// Rule describes one rule of a check, for SARIF rule metadata and for
// readers of the JSON report: what it means in general, as opposed to the
// message of one finding.
type Rule struct {
	ID    string `json:"id"`
	Check string `json:"check"`
	// Summary says what the rule finds, in one sentence.
	Summary string `json:"summary"`
	// Help says what to do about it, in general.
	Help string `json:"help"`
}

// ReqStatus is the conformance of one requirement in one run.
type ReqStatus string

const (
	Met        ReqStatus = "met"
	Failed     ReqStatus = "failed"
	NotCovered ReqStatus = "not-covered"
)

// Conformance is the summary every report ends with.
type Conformance struct {
	Met          int           `json:"met"`
	Failed       int           `json:"failed"`
	NotCovered   int           `json:"not_covered"`
	Requirements []Requirement `json:"requirements"`
}

// Requirement is one catalog entry's status in this run.
type Requirement struct {
	ID        string    `json:"id"`
	Section   string    `json:"section"`
	Level     string    `json:"level"`
	Statement string    `json:"statement"`
	Status    ReqStatus `json:"status"`
	// Checks evidencing it that ran in this profile.
	Checks []string `json:"checks,omitempty"`
	// Why explains not-covered ("attested: architecture document", "check
	// code-review not in profile release").
	Why string `json:"why,omitempty"`
}
