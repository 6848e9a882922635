package gate_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/report"
	"github.com/assure-dev/assure/internal/tracker"
)

// githubAPI answers GET /repos/demo/fw/issues/{n} like api.github.com:
// issue 1 is open, every other number 404, unless status forces an answer.
func githubAPI(t *testing.T, status int, token *atomic.Value) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		token.Store(req.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		switch {
		case status == http.StatusUnauthorized:
			w.WriteHeader(status)
			fmt.Fprint(w, `{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}`)
		case status != 0:
			w.WriteHeader(status)
			fmt.Fprint(w, `{"message": "Server Error"}`)
		case req.URL.Path == "/repos/demo/fw/issues/1":
			fmt.Fprintf(w, `{
  "url": "%[1]s/repos/demo/fw/issues/1",
  "repository_url": "%[1]s/repos/demo/fw",
  "html_url": "https://github.com/demo/fw/issues/1",
  "id": 1,
  "node_id": "I_kwDOA1",
  "number": 1,
  "title": "Baseline",
  "user": {"login": "ann", "id": 1, "type": "User"},
  "labels": [],
  "state": "open",
  "locked": false,
  "comments": 0,
  "created_at": "2026-01-01T00:00:00Z",
  "updated_at": "2026-01-01T00:00:00Z",
  "closed_at": null,
  "author_association": "OWNER",
  "body": "The baseline."
}`, srv.URL)
		case req.URL.Path == "/repos/demo/fw":
			fmt.Fprint(w, `{"id": 1, "name": "fw", "full_name": "demo/fw", "private": false}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/issues/issues#get-an-issue", "status": "404"}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func githubTracker(url string) string {
	return "  tracker:\n    kind: github\n    url: " + url + "\n    repo: demo/fw\n    token_env: GITHUB_TOKEN\n    timeout: 5\n"
}

// A tracker that cannot answer is an input error, never a pass.
func TestRunTrackerErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		closed bool
		parts  []string // of the error; none means the run succeeds
	}{
		{name: "answers", status: 0},
		{name: "401", status: http.StatusUnauthorized, parts: []string{"401", "Bad credentials", "GITHUB_TOKEN"}},
		{name: "500", status: http.StatusInternalServerError, parts: []string{"500", "run again later"}},
		{name: "connection refused", closed: true, parts: []string{"nothing answers"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var token atomic.Value
			srv := githubAPI(t, tc.status, &token)
			url := srv.URL
			if tc.closed {
				srv.Close()
			}
			r := newGitRepo(t, false).withModel(gateModel(githubTracker(url), ""))
			r.commit(ann, "Initial import\n\nRefs: #1")
			getenv := func(k string) string {
				if k == "GITHUB_TOKEN" {
					return "t0ken"
				}
				return ""
			}
			rep, err := r.run(gate.Options{Checks: []string{"change-management"}, Getenv: getenv})
			if len(tc.parts) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if rep.Verdict != report.Pass || len(rep.Findings) != 0 {
					t.Errorf("verdict %s, findings %+v", rep.Verdict, rep.Findings)
				}
				if got, _ := token.Load().(string); got != "Bearer t0ken" {
					t.Errorf("Authorization %q, want the token from GITHUB_TOKEN", got)
				}
				return
			}
			if rep != nil {
				t.Errorf("a report (verdict %s) despite the tracker failing", rep.Verdict)
			}
			wantInputError(t, err, tc.parts...)
			var te *tracker.Error
			if !errors.As(err, &te) {
				t.Errorf("err %v does not carry the *tracker.Error", err)
			}
		})
	}
}

// The commit-msg and pre-receive hooks fail the same way.
func TestHooksTrackerError(t *testing.T) {
	var token atomic.Value
	srv := githubAPI(t, http.StatusInternalServerError, &token)
	r := newGitRepo(t, false).withModel(gateModel(githubTracker(srv.URL), ""))
	getenv := func(string) string { return "t0ken" }
	_, err := gate.CheckMessage(context.Background(), r.dir, model.DefaultPath, "Add x\n\nRefs: #1\n", "Ann Author", "ann@example.com", false, getenv)
	wantInputError(t, err, "500")

	bare := newGitRepo(t, true)
	first := r.commit(ann, "Initial import\n\nRefs: #1")
	r.git("push", "-q", bare.dir, "main")
	second := r.commit(ann, "More\n\nRefs: #1")
	head := receive(r, bare)
	if head != second {
		t.Fatalf("pushed %s, want %s", head, second)
	}
	_, err = gate.CheckPush(context.Background(), bare.dir, model.DefaultPath, []gate.RefUpdate{{first, head, "refs/heads/main"}}, getenv)
	wantInputError(t, err, "500")
	if strings.Contains(err.Error(), "t0ken") {
		t.Errorf("the error shows the token: %v", err)
	}
}
