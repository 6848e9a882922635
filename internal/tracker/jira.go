package tracker

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// JiraConfig says which Jira and which of its projects a Jira tracker
// resolves.
type JiraConfig struct {
	// BaseURL is where Jira is served: https://jira.example.com,
	// https://example.com/jira, https://example.atlassian.net.
	BaseURL string
	// Projects are the keys references may name; a reference to another
	// project is foreign. Empty means any project on the server.
	Projects []string
	// User and Token authenticate with basic authentication (Jira Cloud:
	// e-mail and API token). Without User, Token is sent as a bearer token
	// (a Jira Data Center personal access token). The Env fields name the
	// variables they came from, for hints.
	User     string
	Token    string
	UserEnv  string
	TokenEnv string
	// Timeout bounds one request (default 10s).
	Timeout    time.Duration
	HTTPClient *http.Client
	UserAgent  string
}

type jira struct {
	*httpBase
	base     string   // without trailing slash
	host     string   // for URL references
	basePath []string // context path segments, for URL references
	projects map[string]bool
	user     string
	userEnv  string
	cfgErr   error
}

// NewJira returns a tracker for a Jira server. A configuration error is
// returned by every Resolve; New reports it at once.
func NewJira(cfg JiraConfig) Tracker {
	j, err := newJira(cfg)
	if err != nil {
		return &jira{httpBase: &httpBase{name: "Jira " + cfg.BaseURL}, cfgErr: err}
	}
	return j
}

func newJira(cfg JiraConfig) (*jira, error) {
	base, err := parseBase(cfg.BaseURL)
	if err != nil {
		return nil, &Error{Tracker: "Jira " + cfg.BaseURL, Op: "configure", Err: err,
			Hint: "set tracker.url to where Jira is served, such as https://jira.example.com"}
	}
	name := "Jira " + base.Host + strings.TrimSuffix(base.Path, "/")
	projects := map[string]bool{}
	for _, p := range cfg.Projects {
		p = strings.ToUpper(strings.TrimSpace(p))
		if !reProject.MatchString(p) {
			return nil, &Error{Tracker: name, Op: "configure", Err: fmt.Errorf("%q is not a Jira project key", p),
				Hint: "list project keys in tracker.projects, such as PROJ"}
		}
		projects[p] = true
	}
	return &jira{
		httpBase: newHTTPBase(name, cfg.HTTPClient, cfg.Timeout, cfg.UserAgent, cfg.Token, cfg.TokenEnv),
		base:     base.String(),
		host:     base.Host,
		basePath: splitPath(base.Path),
		projects: projects,
		user:     strings.TrimSpace(cfg.User),
		userEnv:  cfg.UserEnv,
	}, nil
}

func (j *jira) Name() string { return j.name }

// Resolve accepts PROJ-123 (in any case) and .../browse/PROJ-123 URLs on
// the configured server.
func (j *jira) Resolve(ctx context.Context, s string) (Issue, error) {
	if j.cfgErr != nil {
		return Issue{}, j.cfgErr
	}
	key, err := j.key(s)
	if err != nil {
		return Issue{}, err
	}
	return j.cache.get(ctx, key, func(ctx context.Context) (Issue, error) { return j.fetch(ctx, key) })
}

func (j *jira) key(s string) (string, error) {
	r := parseRef(s)
	foreign := func(why string) error {
		return fmt.Errorf("%s: %s %s: %w", j.name, r.raw, why, ErrForeign)
	}
	key := r.key
	switch {
	case r.url != nil:
		if !sameHost(r.url.Host, j.host) {
			return "", foreign("is on " + r.url.Host + ", not " + j.host)
		}
		k, prefix, ok := browseKey(r.segs)
		if !ok || !slices.Equal(prefix, j.basePath) {
			return "", foreign("is not a /browse/KEY URL of this Jira")
		}
		key = k
	case r.digits != "" && r.key == "":
		return "", foreign("is an issue number; Jira references name a project key, such as PROJ-123")
	case key == "":
		return "", foreign("is not a Jira issue key")
	}
	if p := project(key); !j.allowed(p) {
		return "", foreign("is in project " + p + ", not " + j.projectList())
	}
	return key, nil
}

func project(key string) string {
	p, _, _ := strings.Cut(key, "-")
	return p
}

func (j *jira) allowed(p string) bool { return len(j.projects) == 0 || j.projects[p] }

func (j *jira) projectList() string {
	ps := make([]string, 0, len(j.projects))
	for p := range j.projects {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return strings.Join(ps, ", ")
}

func (j *jira) headers() http.Header {
	h := http.Header{}
	h.Set("Accept", "application/json")
	switch {
	case j.user != "":
		h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(j.user+":"+j.token)))
	case j.token != "":
		h.Set("Authorization", "Bearer "+j.token)
	}
	return h
}

func (j *jira) fetch(ctx context.Context, key string) (Issue, error) {
	r, err := j.get(ctx, j.base+"/rest/api/2/issue/"+url.PathEscape(key)+"?fields=status,summary,issuetype", j.headers())
	if err != nil {
		return Issue{}, err
	}
	switch r.status {
	case http.StatusOK:
		return j.issue(r, key)
	case http.StatusNotFound:
		// Jira says 404 for an issue the user may not see, too; only a
		// visible project makes it mean "no such issue".
		if err := j.checkProject(ctx, project(key)); err != nil {
			return Issue{}, err
		}
		return Issue{}, fmt.Errorf("%s: %s: %w", j.name, key, ErrNotFound)
	}
	return Issue{}, j.statusError(r)
}

func (j *jira) issue(r *response, key string) (Issue, error) {
	node, err := j.decode(r)
	if err != nil {
		return Issue{}, err
	}
	is, err := jiraIssue(node, "", j.base)
	if err != nil {
		return Issue{}, j.shapeErr(r, err)
	}
	switch {
	case is.Key == "":
		return Issue{}, j.shapeErr(r, missing("key"))
	case is.State == "":
		return Issue{}, j.shapeErr(r, missing("fields.status.name"))
	}
	// Jira answers for a moved issue under its new key; in a project that
	// is not this one's, it is no longer this project's change request.
	if p := project(strings.ToUpper(is.Key)); !j.allowed(p) {
		return Issue{}, fmt.Errorf("%s: %s moved to %s: %w", j.name, key, is.Key, ErrForeign)
	}
	return is, nil
}

func (j *jira) checkProject(ctx context.Context, p string) error {
	_, err := j.cache.get(ctx, "\x00project "+p, func(ctx context.Context) (Issue, error) {
		r, err := j.get(ctx, j.base+"/rest/api/2/project/"+url.PathEscape(p), j.headers())
		if err != nil {
			return Issue{}, err
		}
		switch r.status {
		case http.StatusOK:
			return Issue{}, nil
		case http.StatusNotFound:
			hint := "check the project key; if the project is not public, set " + j.credentials() + " to credentials that may browse it"
			if j.token != "" {
				hint = "check the project key and that the credentials may browse the project"
			}
			return Issue{}, &Error{Tracker: j.name, Op: r.op, Status: r.status,
				Err: errors.New("project " + p + " not found"), Hint: hint}
		}
		return Issue{}, j.statusError(r)
	})
	return err
}

func (j *jira) credentials() string {
	if j.user != "" || j.userEnv != "" {
		user := j.userEnv
		if user == "" {
			user = "the variable named by tracker.user_env"
		}
		return user + " and " + j.envName()
	}
	return j.envName()
}

// statusError adds Jira's own ways of saying no: a CAPTCHA after failed
// logins (403 with X-Authentication-Denied-Reason) and basic authentication.
func (j *jira) statusError(r *response) error {
	switch r.status {
	case http.StatusUnauthorized:
		if j.user != "" {
			return j.statusErr(r, "user or token rejected: set "+j.credentials()+" to a valid user and API token")
		}
	case http.StatusForbidden:
		if r.header.Get("X-Authentication-Denied-Reason") != "" {
			return j.statusErr(r, "Jira asks for a CAPTCHA after failed logins: log in once in a browser, then run again")
		}
		return j.statusErr(r, "set "+j.credentials()+" to credentials with the Browse Projects permission")
	}
	return j.commonStatus(r)
}
