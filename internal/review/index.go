package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/identity"
)

// GerritPolicy says which Gerrit votes decide. The zero value is Gerrit's
// own default: the Code-Review label, where the label's highest value (+2
// when the export does not list the range) approves and its lowest (-2)
// vetoes; +1 and -1 are opinions, not decisions.
type GerritPolicy struct {
	Label   string // default "Code-Review"
	Approve int    // lowest approving value; 0 means the label's maximum
	Veto    int    // highest vetoing value (negative); 0 means the label's minimum
}

func (p GerritPolicy) label() string {
	if p.Label == "" {
		return "Code-Review"
	}
	return p.Label
}

func (p GerritPolicy) thresholds(l *GerritLabel) (approve, veto int) {
	approve, veto = p.Approve, p.Veto
	if approve <= 0 {
		approve = 2
		if l.Max > 0 {
			approve = l.Max
		}
	}
	if veto >= 0 {
		veto = -2
		if l.Min < 0 {
			veto = l.Min
		}
	}
	return approve, veto
}

// GerritVotes turns the policy label's decisive votes on changes into votes,
// in change order then export order. Abandoned changes give none: what they
// approved did not land through them.
func GerritVotes(changes []GerritChange, p GerritPolicy, res *identity.Resolver) []Vote {
	var out []Vote
	for i := range changes {
		c := &changes[i]
		if strings.EqualFold(c.Status, "ABANDONED") {
			continue
		}
		l, ok := c.Label(p.label())
		if !ok {
			continue
		}
		approve, veto := p.thresholds(l)
		for _, a := range l.Votes {
			if a.Value < approve && a.Value > veto {
				continue
			}
			out = append(out, Vote{
				Reviewer: res.Resolve(identity.Identity{Name: a.By.Name, Email: a.By.Email, Username: a.By.Username}),
				Approve:  a.Value >= approve,
				Veto:     a.Value <= veto,
				Source:   fmt.Sprintf("Gerrit %s%+d", l.Name, a.Value),
				Commit:   c.CurrentRevision,
				ChangeID: c.ChangeID,
				File:     c.File,
			})
		}
	}
	return out
}

// Index holds review votes by what they cover, so the gate can ask for the
// votes on one commit. Set Gerrit before adding Gerrit changes. Adding is
// not safe for concurrent use; once filled, VotesFor is.
type Index struct {
	Gerrit GerritPolicy

	reviews  []resolvedReview
	github   []gitHubVote     // effective votes of reviews
	byCommit map[string][]int // exact commit -> github indices
	gerrit   map[string][]Vote
}

// AddGitHub adds reviews whose reviewers res resolves. Effective votes (see
// GitHubVotes) are decided over everything added, so one pull request's
// reviews may come from several exports.
func (x *Index) AddGitHub(reviews []GitHubReview, res *identity.Resolver) {
	for _, r := range reviews {
		x.reviews = append(x.reviews, resolvedReview{&r, res})
	}
	// Decided now rather than on the first VotesFor so that a filled Index
	// is only read, and may be shared between goroutines.
	x.github = gitHubEffective(x.reviews)
	x.byCommit = map[string][]int{}
	for i, g := range x.github {
		if g.vote.Commit != "" {
			x.byCommit[g.vote.Commit] = append(x.byCommit[g.vote.Commit], i)
		}
	}
}

// AddGerrit adds the decisive votes of changes under x.Gerrit.
func (x *Index) AddGerrit(changes []GerritChange, res *identity.Resolver) {
	if x.gerrit == nil {
		x.gerrit = map[string][]Vote{}
	}
	for _, v := range GerritVotes(changes, x.Gerrit, res) {
		x.gerrit[v.ChangeID] = append(x.gerrit[v.ChangeID], v)
	}
}

// VotesFor returns the votes that cover commit (a full commit id) or the
// Gerrit change changeID (the commit's Change-Id trailer; empty for none).
//
// A GitHub review given on commit X covers commit C when C == X, or when
// isAncestor(X, C) says C is an ancestor of X. Ancestry alone over-reaches:
// every commit of the base branch is an ancestor of a pull request's head,
// so isAncestor should answer true only for commits the pull request brought
// in (reachable from X but not from the branch it merged into). When the
// export lists a pull request's commits (wrapper format), votes are confined
// to them, and a review on the final head covers all of them even when the
// landed commits are rebased copies. isAncestor may be nil: exact matches
// only.
//
// A Gerrit vote covers the commit whose Change-Id equals its change's.
//
// Votes are sorted by reviewer key, then source, commit and change, and
// exact duplicates (one review exported twice) are dropped.
func (x *Index) VotesFor(commit, changeID string, isAncestor func(reviewed, commit string) bool) []Vote {
	commit = strings.ToLower(commit)
	var out []Vote
	exact := map[int]bool{}
	for _, i := range x.byCommit[commit] {
		exact[i] = true
	}
	for i, g := range x.github {
		switch {
		case commit == "" || g.vote.Commit == "":
		case g.scope != nil && !g.scope[commit]:
		case exact[i], g.onHead:
			out = append(out, g.vote)
		case isAncestor != nil && isAncestor(g.vote.Commit, commit):
			out = append(out, g.vote)
		}
	}
	if changeID != "" {
		out = append(out, x.gerrit[changeID]...)
	}
	return sortVotes(out)
}

// sortVotes orders votes deterministically and drops exact duplicates; a
// vote read from two exports is kept once, from the first file by name.
func sortVotes(vs []Vote) []Vote {
	keys := make([]string, len(vs))
	for i, v := range vs {
		keys[i] = strings.Join([]string{v.Reviewer.Key(), v.Source, v.Commit, v.ChangeID,
			fmt.Sprint(v.Approve, v.Veto, v.Bot)}, "\x00")
	}
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if keys[idx[a]] != keys[idx[b]] {
			return keys[idx[a]] < keys[idx[b]]
		}
		return vs[idx[a]].File < vs[idx[b]].File
	})
	var out []Vote
	for n, i := range idx {
		if n > 0 && keys[i] == keys[idx[n-1]] {
			continue
		}
		out = append(out, vs[i])
	}
	return out
}
