package check

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/identity"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/review"
	"github.com/assure-dev/assure/internal/trailer"
)

// CodeReview asks: was every change approved by someone other than its
// authors, without a standing veto, and by the security architect of every
// security-relevant module it touches? (Quality Assurance: Code Reviews;
// Secure Design: Security Reviews.)
type CodeReview struct{}

func (CodeReview) ID() string { return "code-review" }
func (CodeReview) Title() string {
	return "every change has independent review; security modules their architect's"
}
func (CodeReview) Requirements() []string {
	return []string{ReqReviewBeforeCheckIn, ReqIndependentReview, ReqSecurityReviewOnChange, ReqAutomatedPrecommit}
}

// NeedsFiles: changed paths matter only when some module is security relevant.
func (CodeReview) NeedsFiles(m *model.Model) bool {
	for _, mod := range m.Modules {
		if mod.SecurityRelevant {
			return true
		}
	}
	return false
}

// Rules of the check.
func (CodeReview) Rules() []Rule {
	return []Rule{
		{RuleInsufficientApprovals, "A change has fewer independent approvals than the policy requires.",
			"Have people other than the author(s) review the change and record it: a Reviewed-by: trailer, an approving pull-request review, or Code-Review+2."},
		{RuleSelfApproval, "A change was approved only by one of its own authors.",
			"An author's approval never counts; have someone else review the change."},
		{RuleVeto, "A reviewer's veto stands on the change.",
			"Resolve the objection and have the reviewer withdraw it (dismiss the review, remove the -2) before merging."},
		{RuleSecurityArchitect, "A change to a security-relevant module lacks the approval of the module's security architect.",
			"Ask the module's security_architect to review the change; when the architect wrote it, another security architect approves."},
	}
}

// Rules of this check.
const (
	RuleInsufficientApprovals = "code-review/insufficient-approvals"
	RuleSelfApproval          = "code-review/self-approval"
	RuleVeto                  = "code-review/veto"
	RuleSecurityArchitect     = "code-review/security-architect-approval"
)

// coAuthorKeys name the trailers that make someone an author of a change.
var coAuthorKeys = []string{"Co-authored-by", "Co-developed-by"}

// Run checks the commits of the range.
func (ch CodeReview) Run(ctx context.Context, f *collect.Facts) (Outcome, error) {
	cs, err := f.Commits(ctx)
	if err != nil {
		return Outcome{}, err
	}
	if len(cs) == 0 {
		return Outcome{Skipped: true, Summary: "no commits in range"}, nil
	}
	pol := f.Model.CodeReview()
	res, err := f.Identities()
	if err != nil {
		return Outcome{}, err
	}
	idx, err := loadReviews(f, append(append([]string{}, pol.Reviews...), f.ReviewFiles...), res)
	if err != nil {
		return Outcome{}, err
	}
	graph, err := f.Graph(ctx)
	if err != nil {
		return Outcome{}, err
	}
	covers := pullCoverage(cs, f.Range.Head, graph)
	bots := newBotSet(f, pol.Bots)

	var out Outcome
	checked, security := 0, 0
	for i := range cs {
		c := &cs[i]
		if (c.IsMerge() && pol.Merges != "check") || bots.has(c) {
			continue
		}
		checked++
		trs := trailer.Parse(c.Message)
		authors := authorsOf(c, trs, res)
		votes := review.FromTrailers(toReviewTrailers(trs), pol.Trailers)
		votes = append(votes, idx.VotesFor(c.Hash, changeID(trs), covers)...)
		for j := range votes {
			votes[j].Reviewer = res.Resolve(votes[j].Reviewer)
		}
		e := evaluate(votes, authors, pol.UnknownReviewers != "accept")
		out.Findings = append(out.Findings, ch.approvalFindings(c, e, pol.MinApprovals)...)
		if mods := securityModules(f.Model, c.Files); len(mods) > 0 {
			security++
			out.Findings = append(out.Findings, ch.architectFindings(c, mods, e)...)
		}
	}
	out.Summary = fmt.Sprintf("%d commits checked, %d touch security-relevant modules, %d findings", checked, security, len(out.Findings))
	return out, nil
}

// evaluation is what the votes on one commit amount to.
type evaluation struct {
	authors     map[string]bool
	independent []identity.Identity // distinct approvers who are not authors
	self        []identity.Identity // approvals by an author: they do not count
	unknown     []identity.Identity // approvals by people outside the model
	vetoes      []review.Vote
}

func evaluate(votes []review.Vote, authors []identity.Identity, rejectUnknown bool) evaluation {
	e := evaluation{authors: map[string]bool{}}
	for _, a := range authors {
		if k := a.Key(); k != "" {
			e.authors[k] = true
		}
	}
	seen := map[string]bool{}
	for _, v := range votes {
		k := v.Reviewer.Key()
		if v.Veto {
			e.vetoes = append(e.vetoes, v)
			continue
		}
		// A bot account's approval is automation, not an independent review.
		if !v.Approve || v.Bot || k == "" || seen[k] {
			continue
		}
		seen[k] = true
		switch {
		case e.authors[k]:
			e.self = append(e.self, v.Reviewer)
		case rejectUnknown && v.Reviewer.Person == nil:
			e.unknown = append(e.unknown, v.Reviewer)
		default:
			e.independent = append(e.independent, v.Reviewer)
		}
	}
	return e
}

func (ch CodeReview) approvalFindings(c *gitlog.Commit, e evaluation, min int) []finding.Finding {
	var fs []finding.Finding
	mk := func(rule, msg, fix string) {
		fs = append(fs, finding.Finding{
			ID: finding.Fingerprint(rule, c.Hash), Rule: rule, Check: ch.ID(), Requirements: []string{ReqReviewBeforeCheckIn, ReqIndependentReview, ReqAutomatedPrecommit},
			Severity: finding.Error, Location: finding.Location{Commit: c.Hash},
			Message: fmt.Sprintf("%q by %s: %s", c.Subject(), author(c), msg), Remediation: fix,
		})
	}
	for _, v := range e.vetoes {
		mk(RuleVeto, "blocked by "+v.Reviewer.String()+" ("+v.Source+")",
			"resolve the reviewer's objection and have them withdraw the veto (dismiss the review or remove the -2) before merging")
	}
	if len(e.independent) >= min {
		return fs
	}
	need := fmt.Sprintf("%d of %d required independent approvals", len(e.independent), min)
	var notes []string
	if len(e.unknown) > 0 {
		notes = append(notes, "not counted, not in the security model: "+names(e.unknown))
	}
	fix := "have someone other than the author(s) review the change and record it (a Reviewed-by: trailer, an approving pull-request review or a Code-Review+2)"
	if len(e.unknown) > 0 {
		fix += "; add reviewers to the people of security/ so their approvals count"
	}
	if len(e.self) > 0 {
		mk(RuleSelfApproval, "approved only by its own author ("+names(e.self)+"): "+need+join(notes), fix)
		return fs
	}
	mk(RuleInsufficientApprovals, need+join(notes), fix)
	return fs
}

func (ch CodeReview) architectFindings(c *gitlog.Commit, mods map[*model.Module][]string, e evaluation) []finding.Finding {
	var fs []finding.Finding
	var ordered []*model.Module
	for mod := range mods {
		ordered = append(ordered, mod)
	}
	sort.Slice(ordered, func(i, j int) bool { return ordered[i].ID < ordered[j].ID })
	for _, mod := range ordered {
		if architectApproved(mod, e) {
			continue
		}
		files := mods[mod]
		sample := files[0]
		if len(files) > 1 {
			sample += fmt.Sprintf(" and %d more", len(files)-1)
		}
		fs = append(fs, finding.Finding{
			ID:           finding.Fingerprint(RuleSecurityArchitect, c.Hash, mod.ID),
			Rule:         RuleSecurityArchitect,
			Check:        ch.ID(),
			Requirements: []string{ReqSecurityReviewOnChange},
			Severity:     finding.Error,
			Location:     finding.Location{File: files[0], Commit: c.Hash},
			Message: fmt.Sprintf("%q changes security-relevant module %s (%s) without the approval of its security architect %s",
				c.Subject(), mod.ID, sample, mod.SecurityArchitect),
			Remediation: fmt.Sprintf("ask %s to review the change and record the approval; if %s wrote it, another security architect must approve", mod.SecurityArchitect, mod.SecurityArchitect),
		})
	}
	return fs
}

// architectApproved: the module's architect approved, or — when the
// architect is an author — another security architect did, since nobody
// reviews their own change.
func architectApproved(mod *model.Module, e evaluation) bool {
	archIsAuthor := e.authors["person:"+mod.SecurityArchitect]
	for _, id := range e.independent {
		if id.Person == nil {
			continue
		}
		if id.Person.ID == mod.SecurityArchitect {
			return true
		}
		if archIsAuthor && id.Person.HasRole(model.RoleSecurityArchitect) {
			return true
		}
	}
	return false
}

func securityModules(m *model.Model, files []string) map[*model.Module][]string {
	var out map[*model.Module][]string
	for _, p := range files {
		for _, mod := range m.ModulesFor(p) {
			if !mod.SecurityRelevant {
				continue
			}
			if out == nil {
				out = map[*model.Module][]string{}
			}
			out[mod] = append(out[mod], p)
		}
	}
	return out
}

func authorsOf(c *gitlog.Commit, trs []trailer.Trailer, res *identity.Resolver) []identity.Identity {
	ids := []identity.Identity{
		res.Resolve(identity.Identity{Name: c.AuthorName, Email: c.AuthorEmail}),
		res.Resolve(identity.Identity{Name: c.CommitterName, Email: c.CommitterEmail}),
	}
	for _, t := range trs {
		for _, k := range coAuthorKeys {
			if t.Is(k) {
				if n, e, ok := review.ParseIdent(t.Value); ok {
					ids = append(ids, res.Resolve(identity.Identity{Name: n, Email: e}))
				}
			}
		}
	}
	return ids
}

func changeID(trs []trailer.Trailer) string {
	for _, t := range trs {
		if t.Is("Change-Id") {
			return t.Value
		}
	}
	return ""
}

func toReviewTrailers(trs []trailer.Trailer) []review.Trailer {
	out := make([]review.Trailer, len(trs))
	for i, t := range trs {
		out[i] = review.Trailer{Key: t.Key, Value: t.Value, Line: t.Line}
	}
	return out
}

func names(ids []identity.Identity) string {
	var s []string
	for _, id := range ids {
		s = append(s, id.String())
	}
	return strings.Join(s, ", ")
}

func join(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return "; " + strings.Join(notes, "; ")
}

// loadReviews reads every review export, telling Gerrit's change JSON from
// GitHub's review list by its shape.
func loadReviews(f *collect.Facts, files []string, res *identity.Resolver) (*review.Index, error) {
	idx := &review.Index{}
	for _, name := range files {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(f.Root, name)
		}
		// assure: waive W-0011 -- review exports the user names
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("review export %s: %v (hint: export pull-request reviews with gh api repos/OWNER/REPO/pulls/N/reviews, or Gerrit changes with o=DETAILED_LABELS)", name, unwrapPathErr(err))
		}
		if isGerrit(data) {
			ch, err := review.ParseGerrit(name, data)
			if err != nil {
				return nil, err
			}
			idx.AddGerrit(ch, res)
			continue
		}
		rs, err := review.ParseGitHubReviews(name, data)
		if err != nil {
			return nil, err
		}
		idx.AddGitHub(rs, res)
	}
	return idx, nil
}

func isGerrit(data []byte) bool {
	t := bytes.TrimSpace(data)
	return bytes.HasPrefix(t, []byte(")]}'")) || bytes.Contains(t, []byte(`"change_id"`)) ||
		bytes.Contains(t, []byte(`"currentPatchSet"`)) || bytes.Contains(t, []byte(`"_account_id"`))
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
