package tracker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// GitHubConfig says which repository's issues and pull requests a GitHub
// tracker resolves.
type GitHubConfig struct {
	// BaseURL is the REST API base: https://api.github.com (the default) or,
	// for GitHub Enterprise Server, https://ghe.example.com/api/v3.
	BaseURL string
	// Repo is owner/name. References to other repositories are foreign: a
	// change request elsewhere is not one of this project's.
	Repo string
	// Token is sent as a bearer token when set; TokenEnv names the variable
	// it came from so that hints can say which one to fix.
	Token    string
	TokenEnv string
	// Timeout bounds one request (default 10s).
	Timeout    time.Duration
	HTTPClient *http.Client
	UserAgent  string
}

type gitHub struct {
	*httpBase
	api    string // API base without trailing slash
	web    string // host of the web UI, for URL references
	repo   string // owner/name as configured
	cfgErr error
}

// NewGitHub returns a tracker for one GitHub repository. A configuration
// error is returned by every Resolve, so that a gate cannot pass on it; New
// reports it at once.
func NewGitHub(cfg GitHubConfig) Tracker {
	g, err := newGitHub(cfg)
	if err != nil {
		return &gitHub{httpBase: &httpBase{name: "GitHub " + cfg.Repo}, cfgErr: err}
	}
	return g
}

func newGitHub(cfg GitHubConfig) (*gitHub, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://api.github.com"
	}
	name := "GitHub " + cfg.Repo
	if err := checkRepo(cfg.Repo); err != nil {
		return nil, &Error{Tracker: name, Op: "configure", Err: err,
			Hint: "set tracker.repo to owner/name, such as zephyrproject-rtos/zephyr"}
	}
	base, err := parseBase(cfg.BaseURL)
	if err != nil {
		return nil, &Error{Tracker: name, Op: "configure", Err: err,
			Hint: "set tracker.url to the API base, such as https://api.github.com or https://ghe.example.com/api/v3"}
	}
	web := base.Host
	if strings.HasPrefix(strings.ToLower(web), "api.") {
		web = web[len("api."):] // api.github.com serves github.com
	}
	if !sameHost(web, "github.com") {
		name = "GitHub " + web + "/" + cfg.Repo
	}
	g := &gitHub{
		httpBase: newHTTPBase(name, cfg.HTTPClient, cfg.Timeout, cfg.UserAgent, cfg.Token, cfg.TokenEnv),
		api:      strings.TrimSuffix(base.String(), "/"),
		web:      web,
		repo:     cfg.Repo,
	}
	return g, nil
}

func checkRepo(repo string) error {
	owner, name, _ := strings.Cut(repo, "/")
	if !reRepo.MatchString(repo) || owner == "." || owner == ".." || name == "." || name == ".." {
		return fmt.Errorf("repository %q is not owner/name", repo)
	}
	return nil
}

// parseBase accepts an http(s) URL without query or fragment, which is
// what an API base that paths are appended to must be.
func parseBase(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(raw), "/"))
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("%q is not an http(s) URL without query, fragment or credentials", raw)
	}
	return u, nil
}

func (g *gitHub) Name() string { return g.name }

// Resolve accepts 123, #123, GH-123, owner/name#123 for the configured
// repository, and issue or pull-request URLs on the configured host.
func (g *gitHub) Resolve(ctx context.Context, s string) (Issue, error) {
	if g.cfgErr != nil {
		return Issue{}, g.cfgErr
	}
	n, err := g.number(s)
	if err != nil {
		return Issue{}, err
	}
	return g.cache.get(ctx, n, func(ctx context.Context) (Issue, error) { return g.fetch(ctx, n) })
}

func (g *gitHub) number(s string) (string, error) {
	r := parseRef(s)
	foreign := func(why string) error {
		return fmt.Errorf("%s: %s %s: %w", g.name, r.raw, why, ErrForeign)
	}
	var digits string
	switch {
	case r.url != nil:
		if !sameHost(r.url.Host, g.web) {
			return "", foreign("is on " + r.url.Host + ", not " + g.web)
		}
		repo, d, ok := githubPath(r.segs)
		if !ok {
			return "", foreign("is not the URL of an issue or pull request")
		}
		if !strings.EqualFold(repo, g.repo) {
			return "", foreign("is in " + repo)
		}
		digits = d
	case r.repo != "":
		if !strings.EqualFold(r.repo, g.repo) {
			return "", foreign("is in another repository")
		}
		digits = r.digits
	case r.digits != "":
		digits = r.digits
	case r.key != "":
		return "", foreign("names a project key, not a GitHub issue number")
	default:
		return "", foreign("is not a GitHub issue reference")
	}
	// GitHub numbers from 1 and stores numbers as 32-bit integers; asking
	// for others would only get a 404 or a 422.
	if v, err := strconv.ParseInt(digits, 10, 32); err != nil || v < 1 {
		return "", fmt.Errorf("%s: %s: %w", g.name, r.raw, ErrNotFound)
	}
	return digits, nil
}

func (g *gitHub) headers() http.Header {
	h := http.Header{}
	h.Set("Accept", "application/vnd.github+json")
	h.Set("X-GitHub-Api-Version", "2022-11-28")
	if g.token != "" {
		h.Set("Authorization", "Bearer "+g.token)
	}
	return h
}

func (g *gitHub) fetch(ctx context.Context, n string) (Issue, error) {
	// This endpoint answers for pull requests as well, so one request
	// settles either kind of reference.
	r, err := g.get(ctx, g.api+"/repos/"+g.repo+"/issues/"+n, g.headers())
	if err != nil {
		return Issue{}, err
	}
	switch r.status {
	case http.StatusOK:
		return g.issue(r, n)
	case http.StatusNotFound:
		// GitHub says 404 for a private repository the token cannot see
		// as well; only a visible repository makes the 404 mean "no issue".
		if err := g.checkRepo(ctx); err != nil {
			return Issue{}, err
		}
		return Issue{}, fmt.Errorf("%s: #%s: %w", g.name, n, ErrNotFound)
	case http.StatusGone:
		return Issue{}, fmt.Errorf("%s: #%s was deleted: %w", g.name, n, ErrNotFound)
	}
	return Issue{}, g.statusError(r)
}

func (g *gitHub) issue(r *response, n string) (Issue, error) {
	node, err := g.decode(r)
	if err != nil {
		return Issue{}, err
	}
	is, err := githubIssue(node, "")
	if err != nil {
		return Issue{}, g.shapeErr(r, err)
	}
	// A transferred issue is answered by a redirect to its new home; it is
	// no longer this repository's.
	ru, err := stringField(node, "", "repository_url")
	if err != nil {
		return Issue{}, g.shapeErr(r, err)
	}
	if u, err := url.Parse(ru); err == nil && ru != "" {
		segs := splitPath(u.Path)
		if len(segs) < 3 || segs[len(segs)-3] != "repos" {
			return Issue{}, g.shapeErr(r, &jsonpos.Error{Path: "repository_url", Msg: "want an API URL ending in /repos/owner/name, got " + strconv.Quote(ru)})
		}
		if other := segs[len(segs)-2] + "/" + segs[len(segs)-1]; !strings.EqualFold(other, g.repo) {
			return Issue{}, fmt.Errorf("%s: #%s moved to %s#%s: %w", g.name, n, other, is.Key, ErrForeign)
		}
	}
	switch {
	case is.Key == "":
		return Issue{}, g.shapeErr(r, missing("number"))
	case is.State == "":
		return Issue{}, g.shapeErr(r, missing("state"))
	case is.Key != n:
		return Issue{}, g.shapeErr(r, fmt.Errorf("asked for #%s, got #%s", n, is.Key))
	}
	return is, nil
}

func (g *gitHub) checkRepo(ctx context.Context) error {
	_, err := g.cache.get(ctx, "\x00repo", func(ctx context.Context) (Issue, error) {
		r, err := g.get(ctx, g.api+"/repos/"+g.repo, g.headers())
		if err != nil {
			return Issue{}, err
		}
		switch r.status {
		case http.StatusOK:
			return Issue{}, nil
		case http.StatusNotFound:
			hint := "check tracker.repo; if the repository is private, set " + g.envName() + " to a token that can read it"
			if g.token != "" {
				hint = "check tracker.repo and that the token can read the repository"
			}
			return Issue{}, &Error{Tracker: g.name, Op: r.op, Status: r.status,
				Err: errors.New("repository " + g.repo + " not found"), Hint: hint}
		}
		return Issue{}, g.statusError(r)
	})
	return err
}

// statusError reads GitHub's ways of saying no: the primary rate limit
// (403 or 429 with X-RateLimit-Remaining: 0), the secondary one
// (Retry-After), and organisations that require SAML single sign-on.
func (g *gitHub) statusError(r *response) error {
	if r.status == http.StatusForbidden || r.status == http.StatusTooManyRequests {
		if r.header.Get("X-RateLimit-Remaining") == "0" {
			until := "the limit resets"
			if sec, err := strconv.ParseInt(r.header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
				until = time.Unix(sec, 0).UTC().Format(time.RFC3339)
			}
			hint := "set " + g.envName() + " to a token: unauthenticated clients get 60 requests an hour"
			if g.token != "" {
				hint = "wait until " + until + " or use a token with requests left"
			}
			return &Error{Tracker: g.name, Op: r.op, Status: r.status,
				Err: fmt.Errorf("rate limited until %s", until), Hint: hint}
		}
		if ra := r.header.Get("Retry-After"); ra != "" {
			return &Error{Tracker: g.name, Op: r.op, Status: r.status,
				Err:  fmt.Errorf("secondary rate limit: retry after %s seconds", ra),
				Hint: "run again later, with fewer parallel requests"}
		}
	}
	if r.status == http.StatusForbidden {
		if sso := r.header.Get("X-GitHub-SSO"); sso != "" {
			hint := "authorize the token for the organisation's SAML single sign-on"
			if _, u, ok := strings.Cut(sso, "url="); ok {
				hint += " at " + u
			}
			return g.statusErr(r, hint)
		}
		if g.token == "" {
			return g.statusErr(r, "set "+g.envName()+" to a token that can read "+g.repo)
		}
		return g.statusErr(r, "the token may not read "+g.repo+": give it read access to issues and pull requests")
	}
	return g.commonStatus(r)
}
