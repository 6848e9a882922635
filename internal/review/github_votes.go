package review

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/identity"
)

// gitHubVote is an effective GitHub vote and what it can cover.
type gitHubVote struct {
	vote Vote
	// scope is the pull request's landed commits when the export lists
	// them (wrapper format): then the vote covers nothing outside it.
	scope map[string]bool
	// onHead: the vote was given on the pull request's final head, so it
	// covers every commit in scope.
	onHead bool
}

// GitHubVotes applies GitHub's rules to reviews: per pull request and user,
// the latest review (by submitted_at, then file order) that is APPROVED,
// CHANGES_REQUESTED or DISMISSED decides; COMMENTED and PENDING reviews
// change nothing, and a DISMISSED one leaves the user without a vote. The
// same review read twice (two exports of one pull request) counts once.
// Reviews without a user (deleted accounts) give no vote. Votes come out
// ordered by pull request, then login.
func GitHubVotes(reviews []GitHubReview, res *identity.Resolver) []Vote {
	rs := make([]resolvedReview, len(reviews))
	for i := range reviews {
		rs[i] = resolvedReview{&reviews[i], res}
	}
	var out []Vote
	for _, g := range gitHubEffective(rs) {
		out = append(out, g.vote)
	}
	return out
}

// resolvedReview is a review with the resolver its reviewer is resolved by.
type resolvedReview struct {
	*GitHubReview
	res *identity.Resolver
}

func gitHubEffective(reviews []resolvedReview) []gitHubVote {
	type userKey struct{ pull, login string }
	seen := map[string]bool{}
	latest := map[userKey]resolvedReview{}
	var order []userKey
	sorted := append([]resolvedReview(nil), reviews...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].SubmittedAt.Before(sorted[j].SubmittedAt) })
	for _, r := range sorted {
		pull := pullKey(r.GitHubReview)
		id := pull + "\x00" + strconv.FormatInt(r.ID, 10)
		if seen[id] || r.User.Login == "" {
			continue
		}
		seen[id] = true
		k := userKey{pull, strings.ToLower(r.User.Login)}
		switch r.State {
		case StateApproved, StateChangesRequested, StateDismissed:
			if _, ok := latest[k]; !ok {
				order = append(order, k)
			}
			latest[k] = r
		}
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].pull != order[j].pull {
			return order[i].pull < order[j].pull
		}
		return order[i].login < order[j].login
	})
	var out []gitHubVote
	for _, k := range order {
		r := latest[k]
		if r.State == StateDismissed {
			continue
		}
		g := gitHubVote{vote: Vote{
			Reviewer: r.res.Resolve(identity.Identity{Login: r.User.Login}),
			Approve:  r.State == StateApproved,
			Veto:     r.State == StateChangesRequested,
			Source:   fmt.Sprintf("GitHub review %d %s", r.ID, r.State),
			Commit:   r.CommitID,
			Bot:      r.Bot(),
			File:     r.File,
		}}
		if len(r.Commits) > 0 {
			g.scope = map[string]bool{}
			for _, c := range r.Commits {
				g.scope[c] = true
			}
			g.onHead = r.HeadSHA != "" && r.HeadSHA == r.CommitID
		}
		out = append(out, g)
	}
	return out
}

// pullKey names a review's pull request: its API URL when present (it
// also names the repository), else the file and number.
func pullKey(r *GitHubReview) string {
	if r.PullRequestURL != "" {
		return strings.ToLower(r.PullRequestURL)
	}
	return r.File + "#" + strconv.Itoa(r.Pull)
}
