package check

import (
	"fmt"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/waiver"
)

// Requirements the static-analysis check evidences (Quality Assurance:
// Static Code Analysis, Automation).
const (
	ReqNonIssueReview     = "SA-1"  // review findings more stringently before closing them as non-issues
	ReqNonIssueSecond     = "SA-2"  // a second person educated in security agrees to a non-issue
	ReqAnalyzeBeforeMerge = "SA-3"  // analyse all code before it is merged
	ReqFixOrWaive         = "SA-5"  // fix every finding or waive it before each release
	ReqWaiverCentral      = "SA-6"  // document each waiver centrally
	ReqWaiverInSource     = "SA-7"  // document each waiver as a comment in the source
	ReqWaiverTool         = "SA-8"  // record the tool and its version
	ReqWaiverDate         = "SA-9"  // record the date of the analysis
	ReqWaiverRevision     = "SA-10" // record the branch and parent revision
	ReqWaiverReason       = "SA-11" // record the reason
	ReqWaiverAuthor       = "SA-12" // record the author of the waived code
	ReqWaiverApprovers    = "SA-13" // record the approvers
	ReqZeroIssues         = "SA-14" // each release has zero open issues
	ReqAnalysisResolved   = "AU-3"  // run all static analyses and resolve their issues before merging
)

// RuleResult is an analyzer's result that no accepted waiver covers (or one
// that does, reported as waived).
const RuleResult = waiver.ResultRule

// staticRules are the rules of the check beyond RuleResult: one per kind
// of waiver problem, "static-analysis/<kind>".
var staticRules = []struct {
	kind          waiver.Kind
	summary, help string
	reqs          []string
}{
	{waiver.KindField, "A waiver does not record a field the process asks for, or records it in a form that cannot be right.",
		"Fill in the field the finding names; assure waiver add fills in tool, version, date, branch, revision and author from the analysis and git.", nil},
	{waiver.KindDuplicateID, "Two waivers share an id.", "Give the later waiver the registry's next id and raise next_id.", []string{ReqWaiverCentral}},
	{waiver.KindReusedID, "A waiver uses an id that was retired or never issued, so it may have meant another waiver before.",
		"Issue ids with assure waiver add, which keeps next_id; never reuse the id of a deleted waiver.", []string{ReqWaiverCentral}},
	{waiver.KindUnapproved, "A waiver is marked accepted but names no approver.",
		"A security reviewer who did not write the code approves it: assure waiver approve W-… --by PERSON.", []string{ReqWaiverApprovers, ReqNonIssueReview}},
	{waiver.KindUnknownApprover, "A waiver's approver is not a person of the model.",
		"Name approvers by their person id in the model; add the person to the model if they are missing.", []string{ReqWaiverApprovers}},
	{waiver.KindApproverRole, "A waiver's approver is not a security reviewer.",
		"Only people with the role security-reviewer approve waivers.", []string{ReqWaiverApprovers, ReqNonIssueReview}},
	{waiver.KindSelfApproval, "The author of the waived code approved the waiver.",
		"A security reviewer other than the author of the code approves it.", []string{ReqWaiverApprovers, ReqNonIssueReview}},
	{waiver.KindSecondApprover, "A waiver closing a finding as not an issue has one security reviewer's approval and needs a second.",
		"A second security reviewer, not the author, approves it.", []string{ReqNonIssueSecond, ReqNonIssueReview, ReqWaiverApprovers}},
	{waiver.KindExpired, "A waiver's expiry date has passed; it waives nothing.",
		"Fix the finding, or review the waiver again and set a new expiry date.", []string{ReqFixOrWaive, ReqZeroIssues}},
	{waiver.KindPending, "A waiver awaits approval; a release needs every waiver decided.",
		"A security reviewer approves (assure waiver approve) or rejects it before the release.", []string{ReqZeroIssues, ReqWaiverApprovers}},
	{waiver.KindStale, "A waiver matches no current finding: the finding was fixed or changed.",
		"Delete the waiver and its comment in the source (next_id keeps its id from being reissued); waive the changed finding anew.", []string{ReqWaiverCentral}},
	{waiver.KindCommentMissing, "A waiver has no comment in the source at its finding.",
		"Write /* assure: waive W-… */ on the finding's line or the line above it.", []string{ReqWaiverInSource}},
	{waiver.KindCommentUnknown, "A waiver comment names no waiver, or one the registry does not have.",
		"Record the waiver with assure waiver add and name its id, or remove the comment.", []string{ReqWaiverInSource, ReqWaiverCentral}},
	{waiver.KindCommentRejected, "A waiver comment names a rejected waiver.",
		"Fix the finding and remove the comment.", []string{ReqWaiverInSource, ReqFixOrWaive}},
	{waiver.KindCommentOrphaned, "A waiver comment names a waiver whose finding is not on its line or the next line of code.",
		"Move the comment next to the finding, or remove it when the finding is gone.", []string{ReqWaiverInSource}},
	{waiver.KindNativeUnregistered, "A tool's own suppression (NOLINT, nolint, nosec, cppcheck-suppress, coverity[…]) names no waiver of the registry.",
		"Record the suppression as a waiver (assure waiver add) and write its id in the suppressing comment.", []string{ReqWaiverCentral, ReqWaiverInSource}},
}

// fieldReqs maps a waiver field to the requirement that asks for it.
func fieldReqs(field string) []string {
	switch field {
	case "tool", "tool_version":
		return []string{ReqWaiverTool}
	case "analysis_date":
		return []string{ReqWaiverDate}
	case "branch", "revision":
		return []string{ReqWaiverRevision}
	case "category", "reason":
		return []string{ReqWaiverReason}
	case "author":
		return []string{ReqWaiverAuthor}
	}
	if field == "approvers" || len(field) > 10 && field[:10] == "approvers/" {
		return []string{ReqWaiverApprovers}
	}
	return []string{ReqWaiverCentral}
}

func problemRule(k waiver.Kind) string { return "static-analysis/" + string(k) }

// problemFinding turns a problem of the waiver record into a finding.
func problemFinding(p waiver.Problem) finding.Finding {
	rule := problemRule(p.Kind)
	var reqs []string
	for _, r := range staticRules {
		if r.kind == p.Kind {
			reqs = r.reqs
		}
	}
	if p.Kind == waiver.KindField {
		reqs = fieldReqs(p.Field)
	}
	// Registry problems are identified by waiver and field, so editing the
	// file around them keeps their ids; source problems by place.
	parts := []string{p.Waiver, p.Field}
	if p.Pos.File != "" && (p.Waiver == "" || p.Kind == waiver.KindCommentMissing || p.Kind == waiver.KindCommentUnknown ||
		p.Kind == waiver.KindCommentOrphaned || p.Kind == waiver.KindCommentRejected || p.Kind == waiver.KindNativeUnregistered) {
		parts = append(parts, p.Pos.String())
	}
	return finding.Finding{
		ID: finding.Fingerprint(rule, parts...), Rule: rule, Check: StaticAnalysis{}.ID(),
		Requirements: reqs, Severity: finding.Error,
		Location:    finding.Location{File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Column},
		Message:     p.Message,
		Remediation: p.Hint,
	}
}

// resultRequirements are what an open result violates.
var resultRequirements = []string{ReqAnalyzeBeforeMerge, ReqFixOrWaive, ReqZeroIssues, ReqAnalysisResolved}

// resultFinding reports one result with what the waiver record says.
func resultFinding(r *analysis.Result, o waiver.Outcome, reg *waiver.Registry, today string) finding.Finding {
	id := waiver.ResultID(r)
	msg := r.Tool + " " + r.Rule + ": " + r.Message
	f := finding.Finding{
		ID: id, Rule: RuleResult, Check: StaticAnalysis{}.ID(), Requirements: resultRequirements, Severity: finding.Error,
		Location:    finding.Location{File: r.File, Line: r.Region.StartLine, Column: r.Region.StartColumn},
		Message:     msg,
		Remediation: fmt.Sprintf("fix the code, or record a waiver: assure waiver add %s, approved by a security reviewer, and write /* assure: waive W-… */ at the line", id),
	}
	if w := o.Waiver; w != nil {
		f.Waiver = findingWaiver(w, o, reg, today)
		switch f.Waiver.Status {
		case finding.WaiverAccepted:
			// Reports leave the fix of a waived finding out.
		case finding.WaiverRejected:
			f.Remediation = fmt.Sprintf("waiver %s was rejected: fix the code", w.ID)
		default:
			f.Remediation = fmt.Sprintf("complete waiver %s in %s (see its findings) and have a security reviewer approve it: assure waiver approve %s", w.ID, reg.File, w.ID)
		}
	}
	return f
}

func findingWaiver(w *waiver.Waiver, o waiver.Outcome, reg *waiver.Registry, today string) *finding.Waiver {
	fw := &finding.Waiver{
		ID: w.ID, Category: string(w.Category), Justification: w.Reason, Author: w.Author, Expires: w.Expires,
		Tool: w.Tool, ToolVersion: w.ToolVersion, AnalysisDate: w.AnalysisDate, Branch: w.Branch, Revision: w.Revision,
	}
	if at := w.At("id"); at.File != "" {
		fw.Registry = &finding.Location{File: at.File, Line: at.Line, Column: at.Column}
	}
	for _, a := range w.Approvers {
		fw.Approvers = append(fw.Approvers, a.Person)
	}
	if c := o.Comment; c != nil {
		fw.InSource = &finding.Location{File: w.File, Line: c.Line, Column: c.Column}
	}
	switch {
	case o.Waived:
		fw.Status = finding.WaiverAccepted
	case w.Status == waiver.Rejected:
		fw.Status = finding.WaiverRejected
	case w.Status == waiver.Accepted && w.Expires != "" && w.Expires < today:
		fw.Status, fw.Note = finding.WaiverUnderReview, "expired on "+w.Expires
	case w.Status == waiver.Accepted:
		fw.Status, fw.Note = finding.WaiverUnderReview, "its record in "+reg.File+" is incomplete"
	default:
		fw.Status = finding.WaiverUnderReview
	}
	return fw
}

// pendingProblems lists the waivers awaiting a decision, which a release
// refuses.
func pendingProblems(reg *waiver.Registry, people waiver.People) []waiver.Problem {
	var ps []waiver.Problem
	for i := range reg.Waivers {
		w := &reg.Waivers[i]
		if w.Status != waiver.UnderReview || w.ID == "" {
			continue
		}
		need := w.Category.Approvers()
		ps = append(ps, waiver.Problem{Kind: waiver.KindPending, Waiver: w.ID, Pos: w.At("status"),
			Message: fmt.Sprintf("waiver %s awaits approval (%d of %d security reviewers)", w.ID, waiver.Qualified(w, people), need),
			Hint:    fmt.Sprintf("a security reviewer who did not write the code approves it (assure waiver approve %s --by PERSON) or rejects it", w.ID)})
	}
	return ps
}
