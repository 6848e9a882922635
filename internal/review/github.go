package review

import (
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// GitHub review states, as the REST API spells them.
const (
	StateApproved         = "APPROVED"
	StateChangesRequested = "CHANGES_REQUESTED"
	StateCommented        = "COMMENTED"
	StateDismissed        = "DISMISSED"
	StatePending          = "PENDING"
)

var gitHubStates = []string{StateApproved, StateChangesRequested, StateCommented, StateDismissed, StatePending}

// GitHubUser is the review's author; Type is "User", "Bot" or
// "Organization".
type GitHubUser struct {
	Login string
	ID    int64
	Type  string
}

// GitHubReview is one element of GET /repos/{owner}/{repo}/pulls/{n}/reviews,
// with the pull request it belongs to.
type GitHubReview struct {
	ID                int64
	NodeID            string
	User              GitHubUser // zero for a deleted account (user: null)
	Body              string
	State             string
	HTMLURL           string
	PullRequestURL    string
	AuthorAssociation string
	SubmittedAt       time.Time // zero for a pending review
	CommitID          string    // empty when GitHub no longer knows it

	// Pull is the pull-request number: from the wrapper, else from
	// pull_request_url; 0 when neither says.
	Pull int
	// HeadSHA and Commits come only from the wrapper format: the pull
	// request's head when it merged and the commits it brought onto the
	// branch (which may be rebased copies of the reviewed ones).
	HeadSHA string
	Commits []string

	File string // the export it was read from
	Line int    // where the review object starts
}

// Bot reports whether the review was written by a bot account.
func (r GitHubReview) Bot() bool { return r.User.Type == "Bot" }

const gitHubHint = "export it with: gh api repos/OWNER/REPO/pulls/N/reviews --paginate > reviews.json"

// ParseGitHubReviews reads a GitHub pull-request reviews export named name.
// It accepts:
//
//   - the array GET /repos/{owner}/{repo}/pulls/{n}/reviews returns;
//   - several such arrays one after another, as `gh api --paginate` prints
//     them, or nested in one array, as `gh api --paginate --slurp` does;
//   - assure's wrapper for many pull requests at once:
//     {"pulls":[{"number":12,"head_sha":"…","commits":["…"],"reviews":[…]}]}
//     where head_sha is the pull request's final head and commits are the
//     commits it landed (both optional); a review given on head_sha covers
//     every commit listed.
//
// Reviews come back in file order.
func ParseGitHubReviews(name string, data []byte) ([]GitHubReview, error) {
	d := &decoder{file: name, data: data, hint: gitHubHint}
	docs, err := d.parse()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, d.errorf(nil, "", "no reviews: the file is empty")
	}
	var out []GitHubReview
	for di, doc := range docs {
		path := ""
		if len(docs) > 1 {
			path = "page " + strconv.Itoa(di+1) + " "
		}
		var rs []GitHubReview
		switch {
		case doc.Kind == jsonpos.Object && doc.Get("pulls") != nil:
			rs, err = d.gitHubWrapper(doc)
		case doc.Kind == jsonpos.Array:
			rs, err = d.gitHubArray(doc, path, pullContext{})
		default:
			err = d.errorf(doc, strings.TrimSpace(path), "expected an array of reviews or {\"pulls\": [...]}, got %s", describe(doc))
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

type pullContext struct {
	number  int
	head    string
	commits []string
}

// gitHubArray reads an array of reviews; an element that is itself an array
// is a page of `gh api --paginate --slurp`.
func (d *decoder) gitHubArray(arr *jsonpos.Value, path string, pc pullContext) ([]GitHubReview, error) {
	var out []GitHubReview
	for i, e := range arr.Elems {
		p := jsonpos.Index(path, i)
		if e.Kind == jsonpos.Array {
			rs, err := d.gitHubArray(e, p, pc)
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
			continue
		}
		r, err := d.gitHubReview(e, p, pc)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (d *decoder) gitHubWrapper(doc *jsonpos.Value) ([]GitHubReview, error) {
	f, err := d.object(doc, "")
	if err != nil {
		return nil, err
	}
	pulls := f.array("pulls", true)
	if f.err != nil {
		return nil, f.err
	}
	var out []GitHubReview
	for i, pv := range pulls {
		path := jsonpos.Index("pulls", i)
		pf, err := d.object(pv, path)
		if err != nil {
			return nil, err
		}
		n, _ := pf.integer("number", true, false)
		pc := pullContext{number: int(n), head: strings.ToLower(pf.str("head_sha", false))}
		commits := pf.array("commits", false)
		reviews := pf.member("reviews", jsonpos.Array, true)
		if pf.err != nil {
			return nil, pf.err
		}
		if n <= 0 {
			return nil, d.errorf(pv.Get("number"), jsonpos.Key(path, "number"), "expected a pull-request number, got %d", n)
		}
		for j, c := range commits {
			if c.Kind != jsonpos.String || !isHexSHA(c.Str) {
				return nil, d.errorf(c, jsonpos.Index(jsonpos.Key(path, "commits"), j), "expected a commit id (hex), got %s", describe(c))
			}
			pc.commits = append(pc.commits, strings.ToLower(c.Str))
		}
		rs, err := d.gitHubArray(reviews, jsonpos.Key(path, "reviews"), pc)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

func (d *decoder) gitHubReview(v *jsonpos.Value, path string, pc pullContext) (GitHubReview, error) {
	f, err := d.object(v, path)
	if err != nil {
		return GitHubReview{}, err
	}
	r := GitHubReview{File: d.file, Pull: pc.number, HeadSHA: pc.head, Commits: pc.commits}
	r.Line, _ = d.pos(v)
	r.ID, _ = f.integer("id", true, false)
	r.NodeID = f.str("node_id", false)
	r.Body = f.str("body", false)
	r.State = f.oneOf("state", true, gitHubStates...)
	r.HTMLURL = f.str("html_url", false)
	r.PullRequestURL = f.str("pull_request_url", false)
	r.AuthorAssociation = f.str("author_association", false)
	r.CommitID = f.str("commit_id", false)
	submitted := f.str("submitted_at", false)
	if u := f.member("user", jsonpos.Object, false); u != nil && f.err == nil {
		uf, _ := d.object(u, jsonpos.Key(path, "user"))
		r.User.Login = uf.str("login", true)
		r.User.ID, _ = uf.integer("id", false, false)
		r.User.Type = uf.str("type", false)
		f.err = uf.err
	}
	if f.err != nil {
		return GitHubReview{}, f.err
	}
	if r.CommitID != "" && !isHexSHA(r.CommitID) {
		return GitHubReview{}, d.errorf(v.Get("commit_id"), jsonpos.Key(path, "commit_id"), "expected a commit id (hex), got %q", r.CommitID)
	}
	r.CommitID = strings.ToLower(r.CommitID)
	if submitted != "" {
		t, err := parseTime(submitted)
		if err != nil {
			return GitHubReview{}, d.errorf(v.Get("submitted_at"), jsonpos.Key(path, "submitted_at"), "expected a time like 2019-11-17T17:43:43Z, got %q", submitted)
		}
		r.SubmittedAt = t
	}
	if r.Pull == 0 {
		r.Pull = pullNumber(r.PullRequestURL)
	}
	return r, nil
}

// pullNumber takes the number from .../pulls/12.
func pullNumber(url string) int {
	i := strings.LastIndex(url, "/pulls/")
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(url[i+len("/pulls/"):])
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isHexSHA accepts full SHA-1 and SHA-256 object ids.
func isHexSHA(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }
