package review

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

const (
	shaA = "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091"
	shaB = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
)

func TestParseGitHubReviewsShapes(t *testing.T) {
	tests := []struct {
		file  string
		n     int
		pulls []int
	}{
		{"github/reviews.json", 11, []int{12}},
		{"github/paginated.json", 11, []int{12}},
		{"github/slurp.json", 11, []int{12}},
		{"github/wrapper.json", 4, []int{12, 13}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			rs, err := ParseGitHubReviews(tc.file, readFixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != tc.n {
				t.Fatalf("got %d reviews, want %d", len(rs), tc.n)
			}
			pulls := map[int]bool{}
			for _, r := range rs {
				pulls[r.Pull] = true
				if r.File != tc.file || r.Line < 1 {
					t.Errorf("review %d at %s:%d", r.ID, r.File, r.Line)
				}
			}
			for _, p := range tc.pulls {
				if !pulls[p] {
					t.Errorf("no review of pull %d", p)
				}
			}
		})
	}
}

func TestParseGitHubReviewFields(t *testing.T) {
	rs, err := ParseGitHubReviews("reviews.json", readFixture(t, "github/reviews.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if r.ID != 80 || r.User.Login != "octocat" || r.User.ID != 1 || r.User.Type != "User" || r.State != StateApproved ||
		r.CommitID != shaA || r.Pull != 12 || r.AuthorAssociation != "COLLABORATOR" || r.Line != 2 ||
		r.SubmittedAt.Format("2006-01-02T15:04:05Z07:00") != "2019-11-17T17:43:43Z" || r.Body != "Here is the body for the review." {
		t.Errorf("first review read as %+v", r)
	}
	for _, r := range rs {
		switch r.ID {
		case 86:
			if !r.Bot() {
				t.Errorf("review 86 by %s (%s) is not flagged as a bot", r.User.Login, r.User.Type)
			}
		case 87:
			if r.User.Login != "" {
				t.Errorf("deleted account read as %q", r.User.Login)
			}
		case 89:
			if !r.SubmittedAt.IsZero() {
				t.Errorf("pending review has a time")
			}
		}
	}
}

func TestGitHubVotes(t *testing.T) {
	type vote struct {
		login, source, commit string
		approve, veto, bot    bool
	}
	tests := []struct {
		file string
		want []vote
	}{
		{"github/reviews.json", []vote{
			{"dependabot[bot]", "GitHub review 86 APPROVED", shaB, true, false, true},
			{"MonaLisa", "GitHub review 84 APPROVED", shaB, true, false, false},
			{"octocat", "GitHub review 80 APPROVED", shaA, true, false, false},
		}},
		// Pages in another order give the same votes: time decides, not file order.
		{"github/paginated.json", []vote{
			{"dependabot[bot]", "GitHub review 86 APPROVED", shaB, true, false, true},
			{"MonaLisa", "GitHub review 84 APPROVED", shaB, true, false, false},
			{"octocat", "GitHub review 80 APPROVED", shaA, true, false, false},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			rs, err := ParseGitHubReviews(tc.file, readFixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []vote
			for _, v := range GitHubVotes(rs, nil) {
				got = append(got, vote{v.Reviewer.Login, v.Source, v.Commit, v.Approve, v.Veto, v.Bot})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestGitHubVotesRules(t *testing.T) {
	rev := func(id int64, login, state, at string) GitHubReview {
		r := GitHubReview{ID: id, User: GitHubUser{Login: login, Type: "User"}, State: state, CommitID: shaA,
			PullRequestURL: "https://api.github.com/repos/o/r/pulls/1", File: "r.json"}
		if at != "" {
			var err error
			if r.SubmittedAt, err = parseTime(at); err != nil {
				panic(err)
			}
		}
		return r
	}
	tests := []struct {
		name    string
		reviews []GitHubReview
		want    []string // sources
	}{
		{"comment does not override approval", []GitHubReview{
			rev(1, "a", StateApproved, "2020-01-01T00:00:00Z"), rev(2, "a", StateCommented, "2020-01-02T00:00:00Z")},
			[]string{"GitHub review 1 APPROVED"}},
		{"later change request overrides approval", []GitHubReview{
			rev(1, "a", StateApproved, "2020-01-01T00:00:00Z"), rev(2, "a", StateChangesRequested, "2020-01-02T00:00:00Z")},
			[]string{"GitHub review 2 CHANGES_REQUESTED"}},
		{"dismissed leaves no vote", []GitHubReview{
			rev(1, "a", StateApproved, "2020-01-01T00:00:00Z"), rev(2, "a", StateDismissed, "2020-01-02T00:00:00Z")},
			nil},
		{"approval after dismissal counts", []GitHubReview{
			rev(1, "a", StateDismissed, "2020-01-01T00:00:00Z"), rev(2, "a", StateApproved, "2020-01-02T00:00:00Z")},
			[]string{"GitHub review 2 APPROVED"}},
		{"time, not order, decides", []GitHubReview{
			rev(2, "a", StateChangesRequested, "2020-01-02T00:00:00Z"), rev(1, "a", StateApproved, "2020-01-01T00:00:00Z")},
			[]string{"GitHub review 2 CHANGES_REQUESTED"}},
		{"pending ignored", []GitHubReview{rev(1, "a", StatePending, "")}, nil},
		{"same review twice counts once", []GitHubReview{
			rev(1, "a", StateApproved, "2020-01-01T00:00:00Z"), rev(1, "a", StateApproved, "2020-01-01T00:00:00Z")},
			[]string{"GitHub review 1 APPROVED"}},
		{"logins ignore case", []GitHubReview{
			rev(1, "Ann", StateApproved, "2020-01-01T00:00:00Z"), rev(2, "ann", StateChangesRequested, "2020-01-02T00:00:00Z")},
			[]string{"GitHub review 2 CHANGES_REQUESTED"}},
		{"deleted account ignored", []GitHubReview{rev(1, "", StateApproved, "2020-01-01T00:00:00Z")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, v := range GitHubVotes(tc.reviews, nil) {
				got = append(got, v.Source)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseGitHubReviewsErrors(t *testing.T) {
	valid := string(readFixture(t, "github/reviews.json"))
	tests := []struct {
		name, data string
		want       string // the error text up to the hint
	}{
		{"bad state", strings.Replace(valid, `"state": "COMMENTED"`, `"state": "LGTM"`, 1),
			`reviews.json:80:14: [2].state: expected one of APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING, got "LGTM"`},
		{"id as string", `[{"id": "80", "user": null, "state": "APPROVED"}]`,
			`reviews.json:1:9: [0].id: expected a number, got "80"`},
		{"missing state", "[\n {\"id\": 80,\n  \"user\": null}\n]",
			`reviews.json:2:2: [0].state: missing`},
		{"user without login", `[{"id": 1, "state": "APPROVED", "user": {"id": 3}}]`,
			`reviews.json:1:41: [0].user.login: missing`},
		{"bad commit id", `[{"id": 1, "state": "APPROVED", "user": null, "commit_id": "HEAD"}]`,
			`reviews.json:1:60: [0].commit_id: expected a commit id (hex), got "HEAD"`},
		{"bad time", `[{"id": 1, "state": "APPROVED", "user": null, "submitted_at": "yesterday"}]`,
			`reviews.json:1:63: [0].submitted_at: expected a time like 2019-11-17T17:43:43Z, got "yesterday"`},
		{"object", `{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}`,
			`reviews.json:1:1: expected an array of reviews or {"pulls": [...]}, got an object`},
		{"element not object", `[1]`, `reviews.json:1:2: [0]: expected an object, got 1`},
		{"second page bad", `[][{"id": 1}]`, `reviews.json:1:4: page 2 [0].state: missing`},
		{"wrapper bad commit", `{"pulls": [{"number": 3, "commits": ["xyz"], "reviews": []}]}`,
			`reviews.json:1:38: pulls[0].commits[0]: expected a commit id (hex), got "xyz"`},
		{"wrapper no number", `{"pulls": [{"reviews": []}]}`, `reviews.json:1:12: pulls[0].number: missing`},
		{"wrapper reviews wrong", `{"pulls": [{"number": 1, "reviews": {}}]}`,
			`reviews.json:1:37: pulls[0].reviews: expected an array, got an object`},
		{"empty", "  \n", `reviews.json: no reviews: the file is empty`},
		{"invalid JSON", "[\n  {\"id\": 80,,}\n]", `reviews.json:2:13: invalid JSON: invalid character ',', expected a string key`},
		{"truncated", "[\n  {\"id\": 80", `reviews.json:2:12: invalid JSON: unexpected end of JSON input, expected ',' or '}' after object value`},
		{"bad escape", `["\x"]`, `reviews.json:1:3: invalid JSON: invalid escape 'x' in string literal`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseGitHubReviews("reviews.json", []byte(tc.data))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			msg := err.Error()
			if i := strings.Index(msg, " (hint: "); i >= 0 {
				msg = msg[:i]
			}
			if msg != tc.want {
				t.Errorf("got  %s\nwant %s", msg, tc.want)
			}
			if !strings.Contains(err.Error(), "gh api repos/OWNER/REPO/pulls/N/reviews --paginate") {
				t.Errorf("no export hint in %q", err)
			}
		})
	}
}

func FuzzParseGitHubReviews(f *testing.F) {
	for _, name := range []string{"reviews.json", "paginated.json", "slurp.json", "wrapper.json"} {
		f.Add(readFixture(f, "github/"+name))
	}
	f.Add([]byte(`[{"id":1,"state":"APPROVED","user":{"login":"a","type":"Bot"},"commit_id":"` + shaA + `"}]`))
	f.Add([]byte(`{"pulls":[{"number":1,"head_sha":"` + shaA + `","commits":["` + shaA + `"],"reviews":[]}]}`))
	f.Add([]byte(`[[],[{"id":1e3}]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseGitHubReviews("f.json", data)
		if err != nil {
			if rs != nil || !strings.HasPrefix(err.Error(), "f.json") {
				t.Fatalf("bad failure: %v", err)
			}
			return
		}
		for _, r := range rs {
			if !contains(gitHubStates, r.State) || (r.CommitID != "" && !isHexSHA(r.CommitID)) {
				t.Fatalf("accepted review %+v", r)
			}
		}
		scoped := map[string]bool{} // reviews whose pull request lists its commits
		for _, r := range rs {
			if len(r.Commits) > 0 {
				scoped[fmt.Sprintf("GitHub review %d %s", r.ID, r.State)] = true
			}
		}
		votes := GitHubVotes(rs, nil)
		var x Index
		x.AddGitHub(rs, nil)
		for _, v := range votes {
			if v.Approve == v.Veto || v.Reviewer.Login == "" {
				t.Fatalf("bad vote %+v", v)
			}
			found := false
			for _, w := range x.VotesFor(v.Commit, "", nil) {
				found = found || w.Source == v.Source
			}
			if v.Commit != "" && !found && !scoped[v.Source] {
				t.Fatalf("vote %+v does not cover its own commit", v)
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
