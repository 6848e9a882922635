package server

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// The server is a tracker for the gate's change-management check: change
// requests with a state (GET /api/v1/changes/{key}, the contract
// internal/tracker/server.go speaks) and the review votes given on their
// commits, exported in the GitHub reviews format the code-review check
// reads.

var (
	changeKeyRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	changeStateRE = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
	changeKindRE  = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	fullCommitRE  = regexp.MustCompile(`^([0-9a-f]{40}|[0-9a-f]{64})$`)
)

// Review votes.
const (
	VoteApprove = "approve"
	VoteReject  = "reject"
	VoteDismiss = "dismiss"
)

const maxChangeCommits = 1000

func invalidField(field, hint, format string, a ...any) *apiError {
	return errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, field, hint, format, a...)
}

func changeKey(c *call) (string, error) {
	k := c.r.PathValue("key")
	if !changeKeyRE.MatchString(k) {
		return "", errorf(http.StatusBadRequest, CodeBadParameter, "key", "letters, digits, dots, dashes and underscores", "%q is not a change-request key", clipText(k, 70))
	}
	return k, nil
}

func (s *Server) mayChanges(c *call, act vuln.Action) error {
	if ok, why := vuln.Can(c.actor, act, nil); !ok {
		return &vuln.Error{Code: why.Code, Msg: why.Text}
	}
	return nil
}

func (s *Server) changeView(c *call, ch *store.Change) ChangeView {
	u := ch.URL
	if u == "" {
		u = s.baseURL(c.r) + "/changes/" + url.PathEscape(ch.Key)
	}
	kind := ch.Kind
	if kind == "" {
		kind = "change"
	}
	return ChangeView{Key: ch.Key, State: ch.State, Title: ch.Title, URL: u, Kind: kind, Pull: ch.Pull, Head: ch.Head,
		Commits: ch.Commits, Votes: ch.Votes, Version: ch.Version}
}

func (s *Server) apiChanges(c *call) error {
	if err := s.mayChanges(c, vuln.ActionReadChanges); err != nil {
		return err
	}
	cs, err := s.cfg.Store.Changes(c.ctx)
	if err != nil {
		return err
	}
	out := ChangeList{Changes: []ChangeView{}}
	for _, ch := range cs {
		out.Changes = append(out.Changes, s.changeView(c, ch))
	}
	writeJSON(c.w, http.StatusOK, out)
	return nil
}

func (s *Server) apiChange(c *call) error {
	if err := s.mayChanges(c, vuln.ActionReadChanges); err != nil {
		return err
	}
	key, err := changeKey(c)
	if err != nil {
		return err
	}
	ch, err := s.cfg.Store.Change(c.ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(http.StatusNotFound, vuln.CodeHidden, "", "", "no change request %s", key)
	}
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, s.changeView(c, ch))
	return nil
}

func checkChange(in ChangeRequest) error {
	if in.Title = strings.TrimSpace(in.Title); in.Title == "" || len(in.Title) > vuln.MaxTitle || strings.ContainsAny(in.Title, "\n\r\t") {
		return invalidField("title", "one line of at most 200 bytes", "a change request needs a title")
	}
	if !changeStateRE.MatchString(in.State) {
		return invalidField("state", "a lower-case word like open, approved, merged or closed", "invalid state %q", clipText(in.State, 40))
	}
	if in.Kind != "" && !changeKindRE.MatchString(in.Kind) {
		return invalidField("kind", "a lower-case word like change or bug", "invalid kind %q", clipText(in.Kind, 40))
	}
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || len(in.URL) > vuln.MaxRefLen || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return invalidField("url", "an http or https URL", "%q is not a web address", clipText(in.URL, 40))
		}
	}
	if in.Pull < 0 {
		return invalidField("pull", "the pull-request number, or leave it out", "pull must not be negative")
	}
	if in.Head != "" && !fullCommitRE.MatchString(in.Head) {
		return invalidField("head_sha", "the full commit id in lower-case hex", "%q is not a full commit id", clipText(in.Head, 70))
	}
	if len(in.Commits) > maxChangeCommits {
		return errorf(http.StatusRequestEntityTooLarge, vuln.CodeTooLarge, "commits", "", "more than %d commits", maxChangeCommits)
	}
	for i, cm := range in.Commits {
		if !fullCommitRE.MatchString(cm) {
			return invalidField("commits/"+strconv.Itoa(i), "the full commit id in lower-case hex", "%q is not a full commit id", clipText(cm, 70))
		}
	}
	return nil
}

func (s *Server) apiPutChange(c *call) error {
	if err := s.mayChanges(c, vuln.ActionWriteChanges); err != nil {
		return err
	}
	key, err := changeKey(c)
	if err != nil {
		return err
	}
	var in ChangeRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	if err := checkChange(in); err != nil {
		return err
	}
	want, err := ifMatch(c)
	if err != nil {
		return err
	}
	ch, err := s.updateChange(c, key, want, true, func(ch *store.Change) (string, string, error) {
		ch.Title, ch.State, ch.URL, ch.Kind = strings.TrimSpace(in.Title), in.State, in.URL, in.Kind
		ch.Pull, ch.Head, ch.Commits = in.Pull, in.Head, in.Commits
		return "change.put", "state " + in.State, nil
	})
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, s.changeView(c, ch))
	return nil
}

// updateChange reads, changes and writes a change request, again on a
// conflict unless the client named the version it read.
func (s *Server) updateChange(c *call, key string, want int64, create bool, fn func(*store.Change) (string, string, error)) (*store.Change, error) {
	for attempt := 0; ; attempt++ {
		ch, err := s.cfg.Store.Change(c.ctx, key)
		switch {
		case errors.Is(err, store.ErrNotFound) && create:
			ch = &store.Change{Key: key, Created: c.now}
		case errors.Is(err, store.ErrNotFound):
			return nil, errorf(http.StatusNotFound, vuln.CodeHidden, "", "", "no change request %s", key)
		case err != nil:
			return nil, err
		}
		if want != 0 && ch.Version != want {
			return nil, &apiError{Status: http.StatusConflict, Code: CodeConflict, Version: ch.Version, Msg: "the change request changed since you read it; nothing was written"}
		}
		action, detail, err := fn(ch)
		if err != nil {
			return nil, err
		}
		ch.Updated = c.now
		err = s.cfg.Store.PutChange(c.ctx, ch, audit.Entry{Time: c.now, Actor: c.actorName(), Action: action, Subject: "change/" + key, Detail: detail})
		if (errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrExists)) && want == 0 && attempt < maxRetries {
			backoff(attempt)
			continue
		}
		if errors.Is(err, store.ErrExists) {
			err = store.ErrConflict
		}
		return ch, err
	}
}

func (s *Server) apiVote(c *call) error {
	if err := s.mayChanges(c, vuln.ActionReviewVote); err != nil {
		return err
	}
	key, err := changeKey(c)
	if err != nil {
		return err
	}
	var in VoteRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	if !slices.Contains([]string{VoteApprove, VoteReject, VoteDismiss}, in.Vote) {
		return invalidField("vote", "use approve, reject or dismiss", "unknown vote %q", clipText(in.Vote, 40))
	}
	if !fullCommitRE.MatchString(in.Commit) {
		return invalidField("commit", "the full commit id in lower-case hex", "%q is not a full commit id", clipText(in.Commit, 70))
	}
	ch, err := s.updateChange(c, key, 0, false, func(ch *store.Change) (string, string, error) {
		if (ch.Head != "" || len(ch.Commits) > 0) && in.Commit != ch.Head && !slices.Contains(ch.Commits, in.Commit) {
			return "", "", invalidField("commit", "vote on the change request's head or one of its commits", "commit %s is not part of %s", in.Commit[:12], key)
		}
		if len(ch.Votes) >= 10000 {
			return "", "", errorf(http.StatusRequestEntityTooLarge, vuln.CodeTooLarge, "vote", "", "the change request has too many votes")
		}
		ch.Votes = append(ch.Votes, store.Vote{ID: int64(len(ch.Votes) + 1), Account: c.account.ID, Login: s.reviewLogin(c.account),
			Commit: in.Commit, Vote: in.Vote, At: c.now})
		return "change.vote", in.Vote + " " + in.Commit[:12], nil
	})
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusCreated, s.changeView(c, ch))
	return nil
}

// reviewLogin is the login a vote is exported under: the GitHub login of
// the account's person in the model, so the gate's identity resolution
// finds the person, else the account's login.
func (s *Server) reviewLogin(a *store.Account) string {
	if a.Person != "" {
		if p, ok := s.cfg.Model.PersonByID(a.Person); ok && p.GitHub != "" {
			return p.GitHub
		}
	}
	return a.Login
}

// gitHubReview is one review of GitHub's REST API, as much of it as the
// gate reads.
type gitHubReview struct {
	ID          int64      `json:"id"`
	User        gitHubUser `json:"user"`
	State       string     `json:"state"`
	CommitID    string     `json:"commit_id"`
	SubmittedAt string     `json:"submitted_at"`
	HTMLURL     string     `json:"html_url"`
}

type gitHubUser struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

type reviewPull struct {
	Number  int64          `json:"number"`
	HeadSHA string         `json:"head_sha,omitempty"`
	Commits []string       `json:"commits,omitempty"`
	Reviews []gitHubReview `json:"reviews"`
}

var voteState = map[string]string{VoteApprove: "APPROVED", VoteReject: "CHANGES_REQUESTED", VoteDismiss: "DISMISSED"}

// apiReviews exports the votes of every change request that has a pull
// number in assure's wrapper of GitHub reviews ({"pulls": […]}), the
// format `assure check --reviews` reads.
func (s *Server) apiReviews(c *call) error {
	if err := s.mayChanges(c, vuln.ActionReadChanges); err != nil {
		return err
	}
	cs, err := s.cfg.Store.Changes(c.ctx)
	if err != nil {
		return err
	}
	out := struct {
		Pulls []reviewPull `json:"pulls"`
	}{Pulls: []reviewPull{}}
	for _, ch := range cs {
		if ch.Pull <= 0 {
			continue
		}
		p := reviewPull{Number: ch.Pull, HeadSHA: ch.Head, Commits: ch.Commits, Reviews: []gitHubReview{}}
		for _, v := range ch.Votes {
			p.Reviews = append(p.Reviews, gitHubReview{ID: v.ID, User: gitHubUser{Login: v.Login, Type: "User"}, State: voteState[v.Vote],
				CommitID: v.Commit, SubmittedAt: v.At.UTC().Format("2006-01-02T15:04:05Z"),
				HTMLURL: s.baseURL(c.r) + "/changes/" + url.PathEscape(ch.Key) + "#vote-" + strconv.FormatInt(v.ID, 10)})
		}
		out.Pulls = append(out.Pulls, p)
	}
	writeJSON(c.w, http.StatusOK, out)
	return nil
}
