package review

import (
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/identity"
	"github.com/assure-dev/assure/internal/model"
)

// A small history: main M0-M1, a pull request P1-P2 on top of M1, merged.
var parents = map[string][]string{
	"m1": {"m0"},
	"p1": {"m1"},
	"p2": {"p1"},
}

func sha(s string) string { return strings.Repeat(s, 20) }

// reachable walks parents from x, stopping at stop.
func reachable(x, c, stop string) bool {
	for todo := []string{x}; len(todo) > 0; {
		n := todo[0]
		todo = todo[1:]
		if n == stop {
			continue
		}
		if n == c {
			return true
		}
		todo = append(todo, parents[n]...)
	}
	return false
}

func names(commits map[string]string, s string) string {
	for k, v := range commits {
		if v == s {
			return k
		}
	}
	return s
}

func TestIndexGitHub(t *testing.T) {
	ids := map[string]string{"m0": sha("00"), "m1": sha("01"), "p1": sha("a1"), "p2": sha("a2")}
	rev := func(id int64, login, state, commit, at string) GitHubReview {
		r := GitHubReview{ID: id, User: GitHubUser{Login: login, Type: "User"}, State: state, CommitID: ids[commit],
			PullRequestURL: "https://api.github.com/repos/zephyrproject-rtos/zephyr/pulls/20", File: "pr20.json"}
		r.SubmittedAt, _ = parseTime(at)
		return r
	}
	var x Index
	x.AddGitHub([]GitHubReview{
		rev(1, "octocat", StateApproved, "p1", "2024-01-01T10:00:00Z"),
		rev(2, "monalisa", StateApproved, "p2", "2024-01-02T10:00:00Z"),
		rev(3, "bob", StateChangesRequested, "p2", "2024-01-02T11:00:00Z"),
	}, nil)
	ancestor := func(reviewed, c string) bool { return reachable(names(ids, reviewed), names(ids, c), "") }
	// The pull request merged into main at m1: its commits are those not
	// reachable from there.
	scoped := func(reviewed, c string) bool {
		return reachable(names(ids, reviewed), names(ids, c), "m1")
	}
	tests := []struct {
		name   string
		commit string
		anc    func(string, string) bool
		want   []string
	}{
		{"exact", "p2", nil, []string{"github:bob veto", "github:monalisa approve"}},
		{"exact only without ancestry", "p1", nil, []string{"github:octocat approve"}},
		{"later reviews cover ancestors", "p1", ancestor, []string{"github:bob veto", "github:monalisa approve", "github:octocat approve"}},
		{"plain ancestry over-reaches into the base", "m1", ancestor, []string{"github:bob veto", "github:monalisa approve", "github:octocat approve"}},
		{"scoped ancestry does not", "m1", scoped, nil},
		{"nothing covers other commits", "m0", scoped, nil},
		{"upper-case commit id", strings.ToUpper(ids["p1"]), nil, []string{"github:octocat approve"}},
		{"empty commit", "", ancestor, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.commit
			if id, ok := ids[c]; ok {
				c = id
			}
			if got := voteSummary(x.VotesFor(c, "", tc.anc)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func voteSummary(vs []Vote) []string {
	var out []string
	for _, v := range vs {
		kind := "approve"
		if v.Veto {
			kind = "veto"
		}
		out = append(out, v.Reviewer.Key()+" "+kind)
	}
	return out
}

func TestIndexWrapper(t *testing.T) {
	rs, err := ParseGitHubReviews("wrapper.json", readFixture(t, "github/wrapper.json"))
	if err != nil {
		t.Fatal(err)
	}
	var x Index
	x.AddGitHub(rs, nil)
	never := func(string, string) bool { return false }
	always := func(string, string) bool { return true }
	tests := []struct {
		name, commit string
		anc          func(string, string) bool
		want         []string // sources
	}{
		{"rebased commit covered by review on head", strings.Repeat("a1", 20), never, []string{"GitHub review 84 APPROVED"}},
		{"other rebased commit too", strings.Repeat("b2", 20), never, []string{"GitHub review 84 APPROVED"}},
		{"reviewed sha outside the landed commits", shaB, always, nil},
		{"first commit: its own review and the head's", strings.Repeat("d4", 20), never, []string{"GitHub review 96 APPROVED", "GitHub review 95 APPROVED"}},
		{"head commit", strings.Repeat("e5", 20), never, []string{"GitHub review 96 APPROVED"}},
		{"ancestry confined to the listed commits", strings.Repeat("e5", 20), always, []string{"GitHub review 96 APPROVED", "GitHub review 95 APPROVED"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, v := range x.VotesFor(tc.commit, "", tc.anc) {
				got = append(got, v.Source)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIndexGerritAndResolver(t *testing.T) {
	m := &model.Model{People: []model.Person{
		{ID: "jane", Emails: []string{"jane.roe@example.com"}},
		{ID: "john", Gerrit: "jdoe"},
		{ID: "mona", GitHub: "MonaLisa"},
	}}
	res := identity.NewResolver(m, nil)
	var x Index
	for _, f := range []string{"gerrit/changes.json", "gerrit/query.json"} {
		cs, err := ParseGerrit(f, readFixture(t, f))
		if err != nil {
			t.Fatal(err)
		}
		x.AddGerrit(cs, res)
	}
	rs, err := ParseGitHubReviews("reviews.json", readFixture(t, "github/reviews.json"))
	if err != nil {
		t.Fatal(err)
	}
	x.AddGitHub(rs, res)
	tests := []struct {
		name, commit, change string
		want                 []string
	}{
		{"merged change, from two exports", "", changeSPI, []string{"person:jane approve", "person:john approve"}},
		{"veto", "", changeSched, []string{"email:zed@example.com veto"}},
		{"abandoned change gives nothing", "", changeNet, nil},
		{"query-only change", "", changeDoc, []string{"person:jane approve"}},
		{"unknown change", "", "I" + strings.Repeat("f", 40), nil},
		{"GitHub and Gerrit together", shaB, changeSched, []string{"email:zed@example.com veto", "github:dependabot[bot] approve", "person:mona approve"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := voteSummary(x.VotesFor(tc.commit, tc.change, nil)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// The same votes from two exports are kept once, from the first file.
	for _, v := range x.VotesFor("", changeSPI, nil) {
		if v.File != "gerrit/changes.json" {
			t.Errorf("vote %s kept from %s", v.Source, v.File)
		}
	}
}

func TestIndexGitHubAcrossExports(t *testing.T) {
	rev := func(id int64, state, at string) GitHubReview {
		r := GitHubReview{ID: id, User: GitHubUser{Login: "mallory"}, State: state, CommitID: shaA,
			PullRequestURL: "https://api.github.com/repos/o/r/pulls/7"}
		r.SubmittedAt, _ = parseTime(at)
		return r
	}
	tests := []struct {
		name  string
		files [][]GitHubReview
		want  []string
	}{
		{"dismissal in a later export", [][]GitHubReview{
			{rev(1, StateApproved, "2024-01-01T00:00:00Z")},
			{rev(2, StateDismissed, "2024-01-02T00:00:00Z")},
		}, nil},
		{"same page twice", [][]GitHubReview{
			{rev(1, StateApproved, "2024-01-01T00:00:00Z")},
			{rev(1, StateApproved, "2024-01-01T00:00:00Z")},
		}, []string{"github:mallory approve"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var x Index
			for _, f := range tc.files {
				x.AddGitHub(f, nil)
				f[0].State = StateApproved // the index keeps its own copy
			}
			if got := voteSummary(x.VotesFor(shaA, "", nil)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
