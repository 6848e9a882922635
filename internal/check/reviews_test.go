package check

import (
	"fmt"
	"strings"
	"testing"
)

// ghReview is one review as GET /repos/{owner}/{repo}/pulls/{n}/reviews
// returns it.
type ghReview struct {
	id     int
	login  string
	typ    string // User or Bot
	state  string
	commit string
	minute int // submitted_at minute
}

func (g ghReview) json() string {
	typ := g.typ
	if typ == "" {
		typ = "User"
	}
	return fmt.Sprintf(`  {
    "id": %d,
    "node_id": "PRR_kwDOAbc%d",
    "user": {
      "login": %q,
      "id": %d,
      "node_id": "MDQ6VXNlcj%d",
      "avatar_url": "https://avatars.githubusercontent.com/u/%d?v=4",
      "url": "https://api.github.com/users/%s",
      "html_url": "https://github.com/%s",
      "type": %q,
      "site_admin": false
    },
    "body": "",
    "state": %q,
    "html_url": "https://github.com/demo/fw/pull/7#pullrequestreview-%d",
    "pull_request_url": "https://api.github.com/repos/demo/fw/pulls/7",
    "author_association": "MEMBER",
    "_links": {
      "html": {"href": "https://github.com/demo/fw/pull/7#pullrequestreview-%d"},
      "pull_request": {"href": "https://api.github.com/repos/demo/fw/pulls/7"}
    },
    "submitted_at": "2026-01-03T10:%02d:00Z",
    "commit_id": %q
  }`, g.id, g.id, g.login, 1000+g.id, g.id, g.id, g.login, g.login, typ, g.state, g.id, g.id, g.minute, g.commit)
}

func ghExport(rs ...ghReview) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.json())
	}
	return "[\n" + strings.Join(parts, ",\n") + "\n]\n"
}

// TestCodeReviewGitHub: a pull request of two commits, merged with a merge
// commit; the export's reviews were given on the pull request's head.
func TestCodeReviewGitHub(t *testing.T) {
	tests := []struct {
		name    string
		policy  string
		reviews func(head string) []ghReview
		want    []string // for both commits of the pull request
	}{
		{
			name:    "approval on the head covers the pull request",
			reviews: func(h string) []ghReview { return []ghReview{{id: 80, login: "bobm", state: "APPROVED", commit: h}} },
		},
		{
			name: "logins match case-insensitively",
			reviews: func(h string) []ghReview {
				return []ghReview{{id: 80, login: "BobM", state: "APPROVED", commit: h}}
			},
		},
		{
			name:    "no reviews",
			reviews: func(h string) []ghReview { return nil },
			want:    []string{"insufficient-approvals"},
		},
		{
			name: "a comment is no approval",
			reviews: func(h string) []ghReview {
				return []ghReview{{id: 80, login: "bobm", state: "COMMENTED", commit: h}}
			},
			want: []string{"insufficient-approvals"},
		},
		{
			name: "the author approving is self-approval",
			reviews: func(h string) []ghReview {
				return []ghReview{{id: 80, login: "daved", state: "APPROVED", commit: h}}
			},
			want: []string{"self-approval"},
		},
		{
			name: "a bot's approval does not count",
			reviews: func(h string) []ghReview {
				return []ghReview{{id: 80, login: "bobm", typ: "Bot", state: "APPROVED", commit: h}}
			},
			want: []string{"insufficient-approvals"},
		},
		{
			name: "changes requested and not dismissed veto",
			reviews: func(h string) []ghReview {
				return []ghReview{
					{id: 80, login: "bobm", state: "APPROVED", commit: h, minute: 1},
					{id: 81, login: "carol-s", state: "CHANGES_REQUESTED", commit: h, minute: 2},
				}
			},
			want: []string{"veto"},
		},
		{
			name: "a later approval by the same user replaces the request",
			reviews: func(h string) []ghReview {
				return []ghReview{
					{id: 82, login: "carol-s", state: "APPROVED", commit: h, minute: 5},
					{id: 81, login: "carol-s", state: "CHANGES_REQUESTED", commit: h, minute: 2},
				}
			},
		},
		{
			name: "a dismissed request does not veto",
			reviews: func(h string) []ghReview {
				return []ghReview{
					{id: 80, login: "bobm", state: "APPROVED", commit: h, minute: 1},
					{id: 81, login: "carol-s", state: "DISMISSED", commit: h, minute: 2},
				}
			},
		},
		{
			name: "an approval on another commit covers nothing",
			reviews: func(h string) []ghReview {
				return []ghReview{{id: 80, login: "bobm", state: "APPROVED", commit: strings.Repeat("ab", 20)}}
			},
			want: []string{"insufficient-approvals"},
		},
		{
			name: "an unknown login is not counted",
			reviews: func(h string) []ghReview {
				return []ghReview{{id: 80, login: "stranger", state: "APPROVED", commit: h}}
			},
			want: []string{"insufficient-approvals"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// The model names the export, as a project that commits its
			// review exports would.
			r := newRepo(t, modelYAML("", "  code_review:\n    reviews: [security/reviews/pr-7.json]\n"))
			side, _ := r.mergeSide(dave, "Merge pull request #7 from dave/aes", "Add AES\n\nRefs: #2", "Test AES\n\nRefs: #2")
			r.write("security/reviews/pr-7.json", ghExport(tc.reviews(side[1])...))
			out := r.run(CodeReview{})
			var want []string
			for _, rule := range tc.want {
				want = append(want, rule+" error Add AES", rule+" error Test AES")
			}
			if got := r.describe(CodeReview{}, out.Findings); !sameLines(got, want) {
				t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// A review of a later pull request must not cover a commit that reached
// the branch before it without review: c0 below is an ancestor of the pull
// request's head, but the pull request did not bring it in. VotesFor
// documents that its isAncestor should answer only for commits the pull
// request brought in; CodeReview passes plain ancestry. This test fails
// until coverage stops at the branch the pull request merged into.
func TestCodeReviewGitHubCoversOnlyThePullRequest(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	r.commit(eve, "Pushed without review\n\nRefs: #2")
	side, _ := r.mergeSide(dave, "Merge pull request #7 from dave/aes", "Add AES\n\nRefs: #2")
	r.write("reviews.json", ghExport(ghReview{id: 80, login: "bobm", state: "APPROVED", commit: side[0]}))
	got := r.describe(CodeReview{}, r.run(CodeReview{}, "reviews.json").Findings)
	want := []string{"insufficient-approvals error Pushed without review"}
	if !sameLines(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// TestCodeReviewGitHubMainlineSegment: a review on a mainline commit (a pull
// request checked before it is merged, linear history) covers the commits
// below it back to the previous merge, never past it.
func TestCodeReviewGitHubMainlineSegment(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	r.commit(eve, "Pushed without review\n\nRefs: #2")
	r.mergeSide(dave, "Merge pull request #7 from dave/aes\n\nReviewed-by: Bob Maint <bob@example.com>", "Add AES\n\nRefs: #2\nReviewed-by: Bob Maint <bob@example.com>")
	r.commit(dave, "Tune AES\n\nRefs: #2")
	head := r.commit(dave, "Test AES\n\nRefs: #2")
	r.write("reviews.json", ghExport(ghReview{id: 81, login: "bobm", state: "APPROVED", commit: head}))
	got := r.describe(CodeReview{}, r.run(CodeReview{}, "reviews.json").Findings)
	want := []string{"insufficient-approvals error Pushed without review"}
	if !sameLines(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

const (
	changeAES = "I1111111111111111111111111111111111111111"
	changeDES = "I2222222222222222222222222222222222222222"
)

// gerritVote is one entry of a label's "all" list.
type gerritVote struct {
	id       int
	name     string
	email    string
	username string
	value    int
}

// gerritChange renders a change as GET /changes/?o=DETAILED_LABELS&
// o=CURRENT_REVISION returns it.
func gerritChange(changeID, revision, status string, votes ...gerritVote) string {
	var all []string
	for _, v := range votes {
		all = append(all, fmt.Sprintf(`{"_account_id": %d, "name": %q, "email": %q, "username": %q, "value": %d, "date": "2026-01-03 10:00:00.000000000"}`,
			v.id, v.name, v.email, v.username, v.value))
	}
	return fmt.Sprintf(`{
    "id": "fw~main~%[1]s",
    "project": "fw",
    "branch": "main",
    "change_id": %[1]q,
    "subject": "crypto change",
    "status": %[3]q,
    "_number": 42,
    "owner": {"_account_id": 1000096, "name": "Dave Dev", "email": "dave@example.com", "username": "dave"},
    "labels": {
      "Code-Review": {
        "all": [%[4]s],
        "values": {"-2": "This shall not be merged", "-1": "I would prefer this is not merged as is", " 0": "No score", "+1": "Looks good to me, but someone else must approve", "+2": "Looks good to me, approved"},
        "default_value": 0
      }
    },
    "current_revision": %[2]q
  }`, changeID, revision, status, strings.Join(all, ", "))
}

var (
	bobGerrit   = gerritVote{1000097, "Bob Maint", "bob@example.com", "bobm", 2}
	carolGerrit = gerritVote{1000098, "Carol Sec", "carol@example.com", "carol", -2}
)

func TestCodeReviewGerrit(t *testing.T) {
	plusOne := bobGerrit
	plusOne.value = 1
	tests := []struct {
		name   string
		status string
		votes  []gerritVote
		want   []string // for the commit with Change-Id changeAES
	}{
		{name: "+2 approves", votes: []gerritVote{bobGerrit}},
		{name: "+1 is an opinion", votes: []gerritVote{plusOne}, want: []string{"insufficient-approvals"}},
		{name: "-2 vetoes", votes: []gerritVote{bobGerrit, carolGerrit}, want: []string{"veto"}},
		{name: "abandoned changes approve nothing", status: "ABANDONED", votes: []gerritVote{bobGerrit}, want: []string{"insufficient-approvals"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t, modelYAML("", ""))
			aes := r.commit(dave, "Add AES\n\nRefs: #2\nChange-Id: "+changeAES)
			r.commit(dave, "Add DES\n\nRefs: #2\nChange-Id: "+changeDES)
			status := tc.status
			if status == "" {
				status = "MERGED"
			}
			// Gerrit prefixes JSON answers with )]}' against XSSI.
			r.write("changes.json", ")]}'\n["+gerritChange(changeAES, aes, status, tc.votes...)+"]\n")
			var want []string
			for _, rule := range tc.want {
				want = append(want, rule+" error Add AES")
			}
			want = append(want, "insufficient-approvals error Add DES") // no change in the export
			got := r.describe(CodeReview{}, r.run(CodeReview{}, "changes.json").Findings)
			if !sameLines(got, want) {
				t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

func TestCodeReviewBadExport(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"missing", "", "", "review export missing.json"},
		{"malformed GitHub", "bad.json", `[{"id": 1, "state": "LGTM"}]`, "bad.json"},
		{"malformed Gerrit", "bad.json", ")]}'\n{\"change_id\": 7}", "bad.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRepo(t, modelYAML("", ""))
			r.commit(dave, reviewed("Add AES", bob))
			name := "missing.json"
			if tc.file != "" {
				name = tc.file
				r.write(name, tc.content)
			}
			_, err := CodeReview{}.Run(t.Context(), r.facts(CodeReview{}, name))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one naming %q", err, tc.want)
			}
			if testing.Verbose() {
				t.Log(err)
			}
		})
	}
}
