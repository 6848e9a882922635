package check

import "github.com/assure-dev/assure/internal/gitlog"

// pullCoverage answers review.Index.VotesFor's question "does a review
// given on commit reviewed cover commit?" with what a pull request brought
// in, not with plain ancestry: every commit of the branch a pull request
// merged into is an ancestor of its head, and an approval of the pull
// request says nothing about them.
//
// The mainline is the first-parent chain from head. A mainline merge
// brought in the commits reachable from its other parents and not already
// reachable from the mainline before it. A review on such a commit covers
// the commits of the same merge below it. A review on a mainline commit
// (fast-forward or rebased history) covers only that commit: nothing tells
// where its pull request began, so an export that lists the pull request's
// commits (the wrapper format) is needed to cover the rest.
func pullCoverage(cs []gitlog.Commit, head string, g *gitlog.Graph) func(reviewed, commit string) bool {
	parents := make(map[string][]string, len(cs))
	for i := range cs {
		parents[cs[i].Hash] = cs[i].Parents
	}
	if head == "" && len(cs) > 0 {
		head = cs[0].Hash
	}
	var mainline []string
	for c := head; ; {
		ps, ok := parents[c]
		if !ok {
			break
		}
		mainline = append(mainline, c)
		if len(ps) == 0 {
			break
		}
		c = ps[0]
	}
	seen := map[string]bool{}
	broughtBy := map[string]string{}
	segment := map[string]int{}
	seg := 0
	for i := len(mainline) - 1; i >= 0; i-- { // oldest first
		m := mainline[i]
		seen[m] = true
		ps := parents[m]
		if len(ps) >= 2 {
			seg++
		}
		segment[m] = seg
		if len(ps) < 2 {
			continue
		}
		stack := append([]string(nil), ps[1:]...)
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[c] {
				continue
			}
			cps, ok := parents[c]
			if !ok {
				continue // outside the range
			}
			seen[c] = true
			broughtBy[c] = m
			stack = append(stack, cps...)
		}
	}
	return func(reviewed, commit string) bool {
		if reviewed == commit {
			return true
		}
		if m, ok := broughtBy[reviewed]; ok {
			return broughtBy[commit] == m && g.IsAncestor(commit, reviewed)
		}
		s, ok := segment[reviewed]
		if !ok {
			return false
		}
		cs, ok := segment[commit]
		return ok && cs == s && g.IsAncestor(commit, reviewed)
	}
}
