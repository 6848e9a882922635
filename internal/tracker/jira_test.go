package tracker

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"
)

const jiraQuery = "?fields=status,summary,issuetype"

func jiraRoutes(prefix string) map[string]route {
	api := prefix + "/rest/api/2/"
	return map[string]route{
		api + "issue/PROJ-1" + jiraQuery:  {status: 200, file: "jira/issue.json"},
		api + "issue/PROJ-2" + jiraQuery:  {status: 200, file: "jira/issue_done.json"},
		api + "issue/PROJ-3" + jiraQuery:  {status: 200, file: "jira/moved.json"},
		api + "issue/PROJ-99" + jiraQuery: {status: 404, file: "jira/not_found.json"},
		api + "issue/PROJ-4" + jiraQuery:  {status: 200, body: `{"key": "PROJ-4", "fields": {"summary": "no status"}}`},
		api + "project/PROJ":              {status: 200, file: "jira/project.json"},
	}
}

func TestJiraResolve(t *testing.T) {
	tests := []struct {
		name     string
		prefix   string // context path of the Jira
		ref      string // {base} is replaced by the Jira's base URL
		routes   map[string]route
		user     string
		timeout  time.Duration
		want     Issue
		err      want
		requests int
	}{
		{name: "in progress", ref: "PROJ-1", requests: 1,
			want: Issue{Key: "PROJ-1", State: "In Progress", Title: "Crash on boot with MPU enabled", URL: "{base}/browse/PROJ-1", Kind: "Bug"}},
		{name: "lower case", ref: "proj-2", requests: 1,
			want: Issue{Key: "PROJ-2", State: "Done", Title: "Add stack canaries", URL: "{base}/browse/PROJ-2", Kind: "Story"}},
		{name: "browse URL", ref: "{base}/browse/PROJ-1?focusedCommentId=3", requests: 1,
			want: Issue{Key: "PROJ-1", State: "In Progress", Title: "Crash on boot with MPU enabled", URL: "{base}/browse/PROJ-1", Kind: "Bug"}},
		{name: "below a context path", prefix: "/jira", ref: "{base}/browse/proj-1", requests: 1,
			want: Issue{Key: "PROJ-1", State: "In Progress", Title: "Crash on boot with MPU enabled", URL: "{base}/browse/PROJ-1", Kind: "Bug"}},

		{name: "other project", ref: "SEC-1", err: want{is: ErrForeign, msg: "is in project SEC, not PROJ, ZEP"}},
		{name: "number", ref: "#12", err: want{is: ErrForeign, msg: "is an issue number"}},
		{name: "other host", ref: "https://jira.other.com/browse/PROJ-1", err: want{is: ErrForeign, msg: "is on jira.other.com"}},
		{name: "not a browse URL", ref: "{base}/projects/PROJ/issues", err: want{is: ErrForeign, msg: "not a /browse/KEY URL"}},
		{name: "outside the context path", prefix: "/jira", ref: "{host}/browse/PROJ-1", err: want{is: ErrForeign, msg: "not a /browse/KEY URL"}},

		{name: "not found", ref: "PROJ-99", requests: 2, err: want{is: ErrNotFound, msg: "PROJ-99: no such issue"}},
		{name: "moved", ref: "PROJ-3", requests: 1, err: want{is: ErrForeign, msg: "PROJ-3 moved to OTHER-9"}},
		{name: "project not visible", ref: "PROJ-99", requests: 2,
			routes: map[string]route{
				"/rest/api/2/issue/PROJ-99" + jiraQuery: {status: 404, file: "jira/not_found.json"},
				"/rest/api/2/project/PROJ":              {status: 404, file: "jira/project_not_found.json"},
			},
			err: want{status: 404, msg: "project PROJ not found", hint: "set JIRA_TOKEN to credentials that may browse it"}},
		{name: "unauthorized basic", ref: "PROJ-1", user: "me@example.com", requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 401, file: "jira/unauthorized.json"}},
			err:    want{status: 401, msg: "401 Unauthorized: You are not authenticated", hint: "set JIRA_USER and JIRA_TOKEN"}},
		{name: "unauthorized bearer", ref: "PROJ-1", requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 401, file: "jira/unauthorized.json"}},
			err:    want{status: 401, hint: "token invalid or expired: set JIRA_TOKEN to a valid token"}},
		{name: "CAPTCHA", ref: "PROJ-1", user: "me@example.com", requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 403, body: "",
				header: map[string]string{"X-Authentication-Denied-Reason": "CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp"}}},
			err: want{status: 403, hint: "CAPTCHA"}},
		{name: "forbidden", ref: "PROJ-1", requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 403, body: `{"errorMessages":[],"errors":{"permission":"Browse Projects required"}}`}},
			err:    want{status: 403, msg: "permission: Browse Projects required", hint: "Browse Projects permission"}},
		{name: "server error", ref: "PROJ-1", requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 500, file: "jira/server_error.json"}},
			err:    want{status: 500, msg: "500 Internal Server Error: Internal server error"}},
		{name: "rate limited", ref: "PROJ-1", requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 429, header: map[string]string{"Retry-After": "30"}}},
			err:    want{status: 429, hint: "retry after 30 seconds"}},
		{name: "slow", ref: "PROJ-1", timeout: 50 * time.Millisecond, requests: 1,
			routes: map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 200, file: "jira/issue.json", delay: 5 * time.Second}},
			err:    want{status: -1, msg: "no answer within 50ms"}},
		{name: "no status", ref: "PROJ-4", requests: 1, err: want{status: 200, msg: "field fields.status.name: missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := tt.routes
			if routes == nil {
				routes = jiraRoutes(tt.prefix)
			}
			rp := newReplay(t, routes)
			base := rp.srv.URL + tt.prefix
			j := NewJira(JiraConfig{BaseURL: base, Projects: []string{"zep", "PROJ"}, User: tt.user, Token: "t",
				UserEnv: "JIRA_USER", TokenEnv: "JIRA_TOKEN", Timeout: tt.timeout})
			if tt.name == "project not visible" {
				j = NewJira(JiraConfig{BaseURL: base, Projects: []string{"PROJ", "ZEP"}, TokenEnv: "JIRA_TOKEN"})
			}
			ref := strings.NewReplacer("{base}", base, "{host}", rp.srv.URL).Replace(tt.ref)
			got, err := j.Resolve(t.Context(), ref)
			checkErr(t, err, tt.err)
			tt.want.URL = strings.ReplaceAll(tt.want.URL, "{base}", base)
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if n := rp.total(); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestJiraAuthHeaders(t *testing.T) {
	tests := []struct{ user, token, want string }{
		{"me@example.com", "api-token", "Basic " + base64.StdEncoding.EncodeToString([]byte("me@example.com:api-token"))},
		{"", "pat", "Bearer pat"},
		{"", "", ""},
	}
	for _, tt := range tests {
		check := func(t *testing.T, r *http.Request) {
			if got := r.Header.Get("Authorization"); got != tt.want {
				t.Errorf("Authorization = %q, want %q", got, tt.want)
			}
			if got := r.Header.Get("Accept"); got != "application/json" {
				t.Errorf("Accept = %q", got)
			}
		}
		rp := newReplay(t, map[string]route{"/rest/api/2/issue/PROJ-1" + jiraQuery: {status: 200, file: "jira/issue.json", check: check}})
		j := NewJira(JiraConfig{BaseURL: rp.srv.URL, User: tt.user, Token: tt.token})
		if _, err := j.Resolve(t.Context(), "PROJ-1"); err != nil {
			t.Fatal(err)
		}
	}
}

// Without projects every project on the server counts.
func TestJiraAnyProject(t *testing.T) {
	rp := newReplay(t, map[string]route{"/rest/api/2/issue/OTHER-9" + jiraQuery: {status: 200, file: "jira/moved.json"}})
	j := NewJira(JiraConfig{BaseURL: rp.srv.URL})
	if is, err := j.Resolve(t.Context(), "other-9"); err != nil || is.Key != "OTHER-9" {
		t.Fatalf("got %+v, %v", is, err)
	}
}

func TestJiraConfigErrors(t *testing.T) {
	tests := []struct {
		cfg JiraConfig
		msg string
	}{
		{JiraConfig{}, "is not an http(s) URL"},
		{JiraConfig{BaseURL: "jira.example.com"}, "is not an http(s) URL"},
		{JiraConfig{BaseURL: "https://jira.example.com", Projects: []string{"PROJ-1"}}, `"PROJ-1" is not a Jira project key`},
	}
	for _, tt := range tests {
		_, err := NewJira(tt.cfg).Resolve(t.Context(), "PROJ-1")
		checkErr(t, err, want{status: -1, msg: tt.msg, hint: "tracker."})
	}
}
