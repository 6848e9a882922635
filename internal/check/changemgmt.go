package check

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/changeref"
	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/tracker"
)

// ChangeManagement asks: is every commit tied to a valid change request?
// (Secure Coding: Change management — "All commits shall be related to a bug
// report or change request in the issue tracker. Commits without a valid
// reference shall be denied.")
type ChangeManagement struct{}

func (ChangeManagement) ID() string    { return "change-management" }
func (ChangeManagement) Title() string { return "every commit references a valid change request" }
func (ChangeManagement) Requirements() []string {
	return []string{ReqCommitReference, ReqDenyUnreferenced, ReqAutomatedPrecommit}
}
func (ChangeManagement) NeedsFiles(*model.Model) bool { return false }

// Rules of the check.
func (ChangeManagement) Rules() []Rule {
	return []Rule{
		{RuleMissingReference, "A commit message references no change request.",
			"Name the change request in the message (\"Fixes #123\", \"Refs: PROJ-123\", \"Bug: 4711\") and reword the commit: git commit --amend, or git rebase -i for older commits."},
		{RuleUnresolvedReference, "Every change request a commit references is unknown to the project's tracker.",
			"Reference a change request that exists in the project's tracker, then reword the commit."},
		{RuleReferenceState, "The change request a commit references is in a state the policy does not allow.",
			"Reference a change request in an allowed state (project.tracker.states), or move the request through the tracker's workflow first."},
		{RuleDanglingReference, "A commit has a valid reference and also one the tracker does not know.",
			"Correct or drop the invalid reference the next time the message is reworded."},
	}
}

// Rules of this check.
const (
	RuleMissingReference    = "change-management/missing-reference"
	RuleUnresolvedReference = "change-management/unresolved-reference"
	RuleReferenceState      = "change-management/reference-state"
	RuleDanglingReference   = "change-management/dangling-reference"
)

var revertLine = regexp.MustCompile(`(?m)^This reverts commit ([0-9a-f]{7,64})\b`)

type referencing struct {
	c    *gitlog.Commit
	refs []changeref.Ref
}

// Run checks the commits of the range.
func (ch ChangeManagement) Run(ctx context.Context, f *collect.Facts) (Outcome, error) {
	cs, err := f.Commits(ctx)
	if err != nil {
		return Outcome{}, err
	}
	pol := f.Model.ChangeManagement()
	parser, err := changeref.New(pol.Patterns)
	if err != nil {
		return Outcome{}, err
	}
	bots := newBotSet(f, pol.Bots)
	var reverts map[string]bool
	if pol.Reverts != "check" {
		if reverts, err = revertsOfKnownCommits(ctx, f, cs); err != nil {
			return Outcome{}, err
		}
	}
	var out Outcome
	var todo []referencing
	var exempt int
	for i := range cs {
		c := &cs[i]
		switch {
		case c.IsMerge() && pol.Merges != "check":
			exempt++
			continue
		case bots.has(c):
			exempt++
			continue
		case reverts[c.Hash]:
			exempt++ // traceable through the commit it reverts
			continue
		}
		refs := parser.Find(c.Message)
		if len(refs) == 0 {
			out.Findings = append(out.Findings, finding.Finding{
				ID:           finding.Fingerprint(RuleMissingReference, c.Hash),
				Rule:         RuleMissingReference,
				Check:        ch.ID(),
				Requirements: ch.Requirements(),
				Severity:     finding.Error,
				Location:     finding.Location{Commit: c.Hash},
				Message:      fmt.Sprintf("%q by %s references no change request", c.Subject(), author(c)),
				Remediation:  "reword the message to name its change request, e.g. \"Fixes #123\" or \"Refs: PROJ-123\" (git commit --amend for the last commit, git rebase -i for older ones)",
			})
			continue
		}
		todo = append(todo, referencing{c, refs})
	}
	if len(todo) > 0 && f.Tracker != nil {
		fs, err := ch.resolve(ctx, f, todo)
		if err != nil {
			return Outcome{}, err
		}
		out.Findings = append(out.Findings, fs...)
	}
	checked := len(cs) - exempt
	out.Summary = fmt.Sprintf("%d commits checked, %d exempt (merges, reverts, bots), %d without a reference", checked, exempt, countRule(out.Findings, RuleMissingReference))
	if len(cs) == 0 {
		out.Skipped = true
		out.Summary = "no commits in range"
	}
	return out, nil
}

func (ch ChangeManagement) resolve(ctx context.Context, f *collect.Facts, todo []referencing) ([]finding.Finding, error) {
	uniq := map[string]bool{}
	var keys []string
	for _, t := range todo {
		for _, r := range t.refs {
			if !uniq[r.Value] {
				uniq[r.Value] = true
				keys = append(keys, r.Value)
			}
		}
	}
	sort.Strings(keys)
	outcomes := tracker.ResolveAll(ctx, f.Tracker, keys, 8)
	for _, k := range keys {
		var te *tracker.Error
		if errors.As(outcomes[k].Err, &te) {
			return nil, te
		}
	}
	states := f.Model.Project.Tracker.States
	var fs []finding.Finding
	for _, t := range todo {
		type problem struct {
			ref  string
			rule string
			msg  string
		}
		var bad []problem
		valid := 0
		for _, r := range t.refs {
			o := outcomes[r.Value]
			rule, msg := "", ""
			switch {
			case errors.Is(o.Err, tracker.ErrNotFound):
				rule, msg = RuleUnresolvedReference, fmt.Sprintf("%s does not exist in %s", r.Value, f.Tracker.Name())
			case errors.Is(o.Err, tracker.ErrForeign):
				rule, msg = RuleUnresolvedReference, fmt.Sprintf("%s does not belong to %s", r.Value, f.Tracker.Name())
			case o.Err != nil:
				return nil, o.Err
			case !stateAllowed(o.Issue.State, states):
				rule, msg = RuleReferenceState, fmt.Sprintf("%s is in state %q; allowed: %s", r.Value, o.Issue.State, strings.Join(states, ", "))
			default:
				valid++
				continue
			}
			bad = append(bad, problem{r.Value, rule, msg})
		}
		for _, p := range bad {
			b := finding.Finding{
				Rule:         p.rule,
				Check:        ch.ID(),
				Requirements: ch.Requirements(),
				Location:     finding.Location{Commit: t.c.Hash},
				Message:      fmt.Sprintf("%q: %s", t.c.Subject(), p.msg),
			}
			if valid > 0 {
				// Traceable through another reference: worth a look, not a denial.
				b.Rule = RuleDanglingReference
				b.Severity = finding.Warning
				b.Remediation = "the commit has a valid reference too; correct or drop this one when the message is next reworded"
			} else {
				b.Severity = finding.Error
				b.Remediation = "reference a change request that exists in the project's tracker and is in an allowed state (reword with git commit --amend or git rebase -i)"
			}
			b.ID = finding.Fingerprint(b.Rule, t.c.Hash, p.ref)
			fs = append(fs, b)
		}
	}
	return fs, nil
}

func stateAllowed(state string, allowed []string) bool {
	if len(allowed) == 0 {
		return true
	}
	for _, a := range allowed {
		if strings.EqualFold(a, state) {
			return true
		}
	}
	return false
}

func author(c *gitlog.Commit) string {
	return c.AuthorName + " <" + c.AuthorEmail + ">"
}

func countRule(fs []finding.Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

// botSet recognises commits of automation that policy exempts, by e-mail or
// by the person id of the model.
type botSet struct {
	emails map[string]bool
	ids    map[string]bool
	f      *collect.Facts
}

func newBotSet(f *collect.Facts, bots []string) *botSet {
	b := &botSet{emails: map[string]bool{}, ids: map[string]bool{}, f: f}
	for _, x := range bots {
		if strings.Contains(x, "@") {
			b.emails[strings.ToLower(x)] = true
		} else {
			b.ids[x] = true
		}
	}
	return b
}

func (b *botSet) has(c *gitlog.Commit) bool {
	if len(b.emails) == 0 && len(b.ids) == 0 {
		return false
	}
	if b.emails[strings.ToLower(c.AuthorEmail)] {
		return true
	}
	if len(b.ids) > 0 {
		if res, err := b.f.Identities(); err == nil {
			if p, ok := res.ByNameEmail(c.AuthorName, c.AuthorEmail); ok && b.ids[p.ID] {
				return true
			}
		}
	}
	return false
}

// revertsOfKnownCommits returns the commits of cs that revert a commit the
// repository has. A revert is traceable through the commit it reverts; a
// line naming no existing commit traces nothing and must not exempt. The
// reverted commit is looked up among the commits already read first, then
// by one git process for all the others.
func revertsOfKnownCommits(ctx context.Context, f *collect.Facts, cs []gitlog.Commit) (map[string]bool, error) {
	named := map[string]string{} // reverting commit -> reverted id as written
	for i := range cs {
		if !strings.Contains(cs[i].Message, "This reverts commit ") {
			continue
		}
		if m := revertLine.FindStringSubmatch(cs[i].Message); m != nil {
			named[cs[i].Hash] = m[1]
		}
	}
	if len(named) == 0 {
		return nil, nil
	}
	known := make(map[string]bool, len(cs))
	for i := range cs {
		known[cs[i].Hash] = true
	}
	out := map[string]bool{}
	var ask []string
	for c, id := range named {
		if known[id] {
			out[c] = true
		} else {
			ask = append(ask, id)
		}
	}
	sort.Strings(ask)
	dir := f.GitDir
	if dir == "" {
		dir = f.Root
	}
	found, err := gitlog.Existing(ctx, dir, ask)
	if err != nil {
		return nil, err
	}
	for c, id := range named {
		if found[id] {
			out[c] = true
		}
	}
	return out, nil
}
