package tracker

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

const issues = "/repos/octocat/Hello-World/issues/"

// githubRoutes answer like api.github.com for octocat/Hello-World.
func githubRoutes() map[string]route {
	return map[string]route{
		issues + "1347":              {status: 200, file: "github/issue_open.json"},
		issues + "1348":              {status: 200, file: "github/issue_closed.json"},
		issues + "1349":              {status: 200, file: "github/pull_request.json"},
		issues + "404":               {status: 404, file: "github/not_found.json"},
		issues + "410":               {status: 410, file: "github/gone.json"},
		issues + "7":                 {status: 200, file: "github/transferred.json"},
		issues + "8":                 {status: 200, file: "github/wrong_type.json"},
		issues + "9":                 {status: 200, body: "<html><body>Sign in</body></html>", header: map[string]string{"Content-Type": "text/html; charset=utf-8"}},
		issues + "10":                {status: 200, body: `{"number": 10, "state": "open"`},
		issues + "11":                {status: 200, file: "github/issue_open.json"}, // answers #1347 for #11
		"/repos/octocat/Hello-World": {status: 200, file: "github/repo.json"},
	}
}

func TestGitHubResolve(t *testing.T) {
	hello := "https://github.com/octocat/Hello-World/"
	open := Issue{Key: "1347", State: "open", Title: "Found a bug", URL: hello + "issues/1347", Kind: "issue"}
	tests := []struct {
		name     string
		ref      string // {web} is replaced by the replay server's host
		routes   map[string]route
		token    string
		timeout  time.Duration
		want     Issue
		err      want
		requests int
	}{
		{name: "open issue", ref: "#1347", want: open, requests: 1},
		{name: "plain number", ref: "1347", want: open, requests: 1},
		{name: "GH- prefix", ref: "gh-1347", want: open, requests: 1},
		{name: "owner/name#", ref: "octocat/hello-world#1347", want: open, requests: 1},
		{name: "issue URL", ref: "http://{web}/octocat/Hello-World/issues/1347", want: open, requests: 1},
		{name: "closed issue", ref: "1348", requests: 1,
			want: Issue{Key: "1348", State: "closed", Title: "Crash on boot", URL: hello + "issues/1348", Kind: "issue"}},
		{name: "pull request by URL", ref: "http://{web}/octocat/Hello-World/pull/1349/files", requests: 1,
			want: Issue{Key: "1349", State: "open", Title: "Fix the crash on boot", URL: hello + "pull/1349", Kind: "pull_request"}},

		{name: "other repository", ref: "octocat/Spoon-Knife#1", err: want{is: ErrForeign, msg: "is in another repository"}},
		{name: "Jira key", ref: "PROJ-1", err: want{is: ErrForeign, msg: "names a project key"}},
		{name: "other host", ref: "https://gitlab.com/octocat/Hello-World/issues/1", err: want{is: ErrForeign, msg: "is on gitlab.com"}},
		{name: "other repository URL", ref: "http://{web}/octocat/Spoon-Knife/issues/1", err: want{is: ErrForeign, msg: "is in octocat/Spoon-Knife"}},
		{name: "not an issue URL", ref: "http://{web}/octocat/Hello-World/wiki", err: want{is: ErrForeign, msg: "not the URL of an issue"}},
		{name: "gibberish", ref: "fixes", err: want{is: ErrForeign}},
		{name: "issue zero", ref: "#0", err: want{is: ErrNotFound}},
		{name: "beyond int32", ref: "#99999999999", err: want{is: ErrNotFound}},

		{name: "not found", ref: "#404", requests: 2, err: want{is: ErrNotFound, msg: "#404: no such issue"}},
		{name: "deleted", ref: "#410", requests: 1, err: want{is: ErrNotFound, msg: "was deleted"}},
		{name: "transferred", ref: "#7", requests: 1, err: want{is: ErrForeign, msg: "moved to octocat/Spoon-Knife#7"}},
		{name: "private repository without token", ref: "#404", requests: 2,
			routes: map[string]route{
				issues + "404":               {status: 404, file: "github/not_found.json"},
				"/repos/octocat/Hello-World": {status: 404, file: "github/repo_not_found.json"},
			},
			err: want{status: 404, msg: "repository octocat/Hello-World not found", hint: "if the repository is private, set GITHUB_TOKEN"}},
		{name: "bad credentials", ref: "#1", token: "expired", requests: 1,
			routes: map[string]route{issues + "1": {status: 401, file: "github/bad_credentials.json"}},
			err:    want{status: 401, msg: "401 Unauthorized: Bad credentials", hint: "token invalid or expired: set GITHUB_TOKEN to a valid token"}},
		{name: "rate limited", ref: "#1", requests: 1,
			routes: map[string]route{issues + "1": {status: 403, file: "github/rate_limited.json", header: map[string]string{
				"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Used": "60",
				"X-RateLimit-Reset": "1700000000", "X-RateLimit-Resource": "core"}}},
			err: want{status: 403, msg: "rate limited until 2023-11-14T22:13:20Z", hint: "set GITHUB_TOKEN to a token"}},
		{name: "secondary rate limit", ref: "#1", token: "t", requests: 1,
			routes: map[string]route{issues + "1": {status: 429, header: map[string]string{"Retry-After": "60"},
				body: `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`}},
			err: want{status: 429, msg: "retry after 60 seconds", hint: "later"}},
		{name: "forbidden", ref: "#1", token: "t", requests: 1,
			routes: map[string]route{issues + "1": {status: 403, file: "github/forbidden.json"}},
			err:    want{status: 403, msg: "Resource not accessible by personal access token", hint: "the token may not read octocat/Hello-World"}},
		{name: "SAML SSO", ref: "#1", token: "t", requests: 1,
			routes: map[string]route{issues + "1": {status: 403, file: "github/forbidden.json",
				header: map[string]string{"X-GitHub-SSO": "required; url=https://github.com/orgs/octo/sso?authorization_request=AZ"}}},
			err: want{status: 403, hint: "single sign-on at https://github.com/orgs/octo/sso?authorization_request=AZ"}},
		{name: "server error", ref: "#1", requests: 1,
			routes: map[string]route{issues + "1": {status: 500, file: "github/server_error.json"}},
			err:    want{status: 500, msg: "500 Internal Server Error: Server Error", hint: "run again later"}},
		{name: "bad gateway", ref: "#1", requests: 1,
			routes: map[string]route{issues + "1": {status: 502, body: "<html>Bad Gateway</html>", header: map[string]string{"Content-Type": "text/html"}}},
			err:    want{status: 502, msg: "502 Bad Gateway: an HTML page"}},
		{name: "slow", ref: "#1", timeout: 50 * time.Millisecond, requests: 1,
			routes: map[string]route{issues + "1": {status: 200, file: "github/issue_open.json", delay: 5 * time.Second}},
			err:    want{status: -1, msg: "no answer within 50ms", hint: "raise tracker.timeout"}},
		{name: "wrong field type", ref: "#8", requests: 1, err: want{status: 200, msg: "state: want a string, got a number"}},
		{name: "HTML instead of JSON", ref: "#9", requests: 1, err: want{status: 200, msg: "HTML page", hint: "tracker.url"}},
		{name: "truncated JSON", ref: "#10", requests: 1, err: want{status: 200, msg: "answer is not JSON (line 1, column 31)"}},
		{name: "wrong issue", ref: "#11", requests: 1, err: want{status: 200, msg: "asked for #11, got #1347"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := tt.routes
			if routes == nil {
				routes = githubRoutes()
			}
			rp := newReplay(t, routes)
			g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL, Repo: "octocat/Hello-World",
				Token: tt.token, TokenEnv: "GITHUB_TOKEN", Timeout: tt.timeout})
			got, err := g.Resolve(t.Context(), strings.ReplaceAll(tt.ref, "{web}", rp.host()))
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if n := rp.total(); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestGitHubHeaders(t *testing.T) {
	for _, token := range []string{"", "ghp_t0ken"} {
		check := func(t *testing.T, r *http.Request) {
			wantAuth := ""
			if token != "" {
				wantAuth = "Bearer " + token
			}
			for k, v := range map[string]string{
				"Accept":               "application/vnd.github+json",
				"X-Github-Api-Version": "2022-11-28",
				"Authorization":        wantAuth,
				"User-Agent":           "assure-test/1",
			} {
				if got := r.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		}
		rp := newReplay(t, map[string]route{issues + "1347": {status: 200, file: "github/issue_open.json", check: check}})
		// A token read from a file keeps its newline; it must still work.
		g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL + "/", Repo: "octocat/Hello-World", Token: token + "\n", UserAgent: "assure-test/1"})
		if _, err := g.Resolve(t.Context(), "#1347"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGitHubConnectionRefused(t *testing.T) {
	rp := newReplay(t, nil)
	rp.srv.Close()
	g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL, Repo: "octocat/Hello-World"})
	_, err := g.Resolve(t.Context(), "#1")
	checkErr(t, err, want{status: -1, hint: "nothing answers at " + rp.host()})
}

func TestGitHubWebHost(t *testing.T) {
	tests := []struct{ base, name, ref string }{
		{"", "GitHub octocat/Hello-World", "https://github.com/octocat/Hello-World/issues/3"},
		{"https://api.github.com", "GitHub octocat/Hello-World", "https://www.github.com/octocat/hello-world/pull/3"},
		{"https://ghe.example.com/api/v3", "GitHub ghe.example.com/octocat/Hello-World", "https://GHE.example.com/octocat/Hello-World/issues/3"},
		{"https://api.octo.ghe.com", "GitHub octo.ghe.com/octocat/Hello-World", "https://octo.ghe.com/octocat/Hello-World/issues/3#issuecomment-9"},
	}
	for _, tt := range tests {
		g, err := newGitHub(GitHubConfig{BaseURL: tt.base, Repo: "octocat/Hello-World"})
		if err != nil {
			t.Fatal(err)
		}
		if g.Name() != tt.name {
			t.Errorf("%s: Name() = %q, want %q", tt.base, g.Name(), tt.name)
		}
		if n, err := g.number(tt.ref); err != nil || n != "3" {
			t.Errorf("%s: number(%s) = %q, %v; want 3", tt.base, tt.ref, n, err)
		}
		if _, err := g.number("https://example.org/octocat/Hello-World/issues/3"); err == nil {
			t.Errorf("%s: a URL on another host was accepted", tt.base)
		}
	}
}

func TestGitHubConfigErrors(t *testing.T) {
	tests := []struct {
		cfg  GitHubConfig
		msg  string
		hint string
	}{
		{GitHubConfig{Repo: "octocat"}, `repository "octocat" is not owner/name`, "tracker.repo"},
		{GitHubConfig{Repo: "../x"}, "is not owner/name", "tracker.repo"},
		{GitHubConfig{Repo: "a/b/c"}, "is not owner/name", "tracker.repo"},
		{GitHubConfig{Repo: "a/b", BaseURL: "ftp://example.com"}, "is not an http(s) URL", "tracker.url"},
		{GitHubConfig{Repo: "a/b", BaseURL: "https://api.github.com?x=1"}, "is not an http(s) URL", "tracker.url"},
		{GitHubConfig{Repo: "a/b", BaseURL: "https://user:pw@api.github.com"}, "is not an http(s) URL", "tracker.url"},
	}
	for _, tt := range tests {
		// NewGitHub cannot fail, so every Resolve must.
		_, err := NewGitHub(tt.cfg).Resolve(t.Context(), "#1")
		checkErr(t, err, want{status: -1, msg: tt.msg, hint: tt.hint})
	}
}
