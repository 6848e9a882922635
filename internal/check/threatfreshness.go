package check

import (
	"context"
	"fmt"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/freshness"
)

// ReqThreatModelBeforeChange is the requirement the freshness gate
// evidences: threat modeling before major changes of a module. (TM-10, the
// architect's evaluation itself, stays attested: a recorded review says
// that it happened, not how well.)
const ReqThreatModelBeforeChange = "TM-8"

// ThreatFreshness asks: is the threat model of every security-relevant
// module still current — reviewed by its security architect at a commit
// after which the module has not changed much?
type ThreatFreshness struct{}

func (ThreatFreshness) ID() string { return "threat-freshness" }
func (ThreatFreshness) Title() string {
	return "threat models of security modules are reviewed by their architect and current"
}
func (ThreatFreshness) Requirements() []string {
	return []string{ReqThreatModelBeforeChange}
}
func (ThreatFreshness) NeedsFiles(*model.Model) bool { return false }

// Rules of this check.
const (
	RuleThreatReviewDue     = "threat-freshness/review-due"
	RuleThreatNeverReviewed = "threat-freshness/never-reviewed"
	RuleThreatNotArchitect  = "threat-freshness/not-architect"
	RuleThreatUnknownCommit = "threat-freshness/unknown-commit"
	RuleThreatNoModel       = "threat-freshness/no-threat-model"
)

// Rules of the check.
func (ThreatFreshness) Rules() []Rule {
	return []Rule{
		{RuleThreatReviewDue, "A security-relevant module changed beyond the policy's threshold since its threat model was reviewed.",
			"Have the module's security architect review the threat model against the changes, then set review.commit to the reviewed commit (threat_model.review sets the threshold)."},
		{RuleThreatNeverReviewed, "The threat model of a security-relevant module records no review.",
			"Have the module's security architect review it and add review: {commit: <id>, by: <architect>} to the file."},
		{RuleThreatNotArchitect, "The recorded review of a module's threat model is not by the module's security architect.",
			"The responsible security architect reviews the threat model; record their review."},
		{RuleThreatUnknownCommit, "The commit a threat model review names is not in the repository.",
			"Name a commit of the repository's history (a rebase may have rewritten it) and review again if needed."},
		{RuleThreatNoModel, "A security-relevant module has no threat model file.",
			"Write security/threats/<module>.yaml with module: <id> and list it in threat_model.files."},
	}
}

// Run compares each module's reviewed commit with the commit under check.
func (ch ThreatFreshness) Run(ctx context.Context, f *collect.Facts) (Outcome, error) {
	if !f.Model.ThreatModel.Configured() {
		return Outcome{Skipped: true, Summary: "the model has no threat model (threat_model.files)"}, nil
	}
	if f.Range.Head == "" {
		return Outcome{Skipped: true, Summary: "no commit to check"}, nil
	}
	tm, err := threat.Load(f.Root, f.Model)
	if err != nil {
		return Outcome{}, err
	}
	rp := f.Model.ThreatModel.Review
	sts, err := freshness.Check(ctx, f.Root, f.Range.Head, tm, f.Model, freshness.Policy{MaxFiles: rp.MaxFilesChanged, MaxLines: rp.MaxLinesChanged})
	if err != nil {
		return Outcome{}, err
	}
	var out Outcome
	current := 0
	for _, st := range sts {
		if fd, ok := ch.finding(st, rp); ok {
			out.Findings = append(out.Findings, fd)
		} else {
			current++
		}
	}
	out.Summary = fmt.Sprintf("%d threat models of security-relevant modules, %d current", len(sts), current)
	if len(sts) == 0 {
		out.Skipped = true
		out.Summary = "no security-relevant module"
	}
	return out, nil
}

func (ch ThreatFreshness) finding(st freshness.Status, rp model.ThreatReview) (finding.Finding, bool) {
	var rule, msg, fix string
	reqs := []string{ReqThreatModelBeforeChange}
	switch st.Problem {
	case freshness.ReviewDue:
		maxF, maxL := rp.MaxFilesChanged, rp.MaxLinesChanged
		if maxF <= 0 {
			maxF = freshness.DefaultMaxFiles
		}
		if maxL <= 0 {
			maxL = freshness.DefaultMaxLines
		}
		rule = RuleThreatReviewDue
		msg = fmt.Sprintf("module %s changed in %d files (%d lines) since its threat model %s was reviewed by %s at %s; a review is due beyond %d files or %d lines",
			st.Module, st.FilesChanged, st.LinesChanged, st.File, st.Reviewer, traceShortID(st.Commit), maxF, maxL)
		fix = fmt.Sprintf("review %s with %s against the changes (git diff %s -- <module paths>), then set review.commit to the reviewed commit", st.File, st.Architect, traceShortID(st.Commit))
	case freshness.NeverReviewed:
		rule = RuleThreatNeverReviewed
		msg = fmt.Sprintf("the threat model %s of security-relevant module %s records no review", st.File, st.Module)
		fix = fmt.Sprintf("have %s review it and add review: {commit: <reviewed commit>, by: %s}", st.Architect, st.Architect)
	case freshness.NotArchitect:
		rule = RuleThreatNotArchitect
		msg = fmt.Sprintf("the threat model %s of module %s was reviewed by %s, who is not its security architect (%s)", st.File, st.Module, st.Reviewer, st.Architect)
		fix = fmt.Sprintf("have %s review the threat model and record it in review.by", st.Architect)
	case freshness.UnknownCommit:
		rule = RuleThreatUnknownCommit
		msg = fmt.Sprintf("the threat model %s of module %s names reviewed commit %s, which is not in the repository", st.File, st.Module, st.Commit)
		fix = "name a commit of the history in review.commit (git log --oneline); a rebase may have rewritten the old one"
	case freshness.NoThreatModel:
		rule = RuleThreatNoModel
		reqs = []string{ReqThreatModelBeforeChange}
		msg = fmt.Sprintf("security-relevant module %s has no threat model", st.Module)
		fix = fmt.Sprintf("write security/threats/%s.yaml with module: %s, have %s review it, and list it in threat_model.files", st.Module, st.Module, st.Architect)
	default:
		return finding.Finding{}, false
	}
	return finding.Finding{
		ID: finding.Fingerprint(rule, st.Module, st.File), Rule: rule, Check: ch.ID(), Requirements: reqs,
		Severity: finding.Error, Location: finding.Location{File: st.Pos.File, Line: st.Pos.Line, Column: st.Pos.Column},
		Message: msg, Remediation: fix,
	}, true
}
