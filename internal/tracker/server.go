package tracker

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// ServerConfig says where the assure server is.
type ServerConfig struct {
	// BaseURL is where the server is served: https://assure.example.com.
	BaseURL string
	// Token is sent as a bearer token when set; TokenEnv names the variable
	// it came from, for hints.
	Token    string
	TokenEnv string
	// Timeout bounds one request (default 10s).
	Timeout    time.Duration
	HTTPClient *http.Client
	UserAgent  string
}

// The change-request API of the assure server. This client defines it; the
// server (assure serve) implements it:
//
//	GET {base}/api/v1/changes/{key}
//	Accept: application/json
//	Authorization: Bearer <token>            (when a token is configured)
//
//	200  {"key": "CR-12", "state": "approved", "title": "...",
//	      "url": "https://assure.example.com/changes/CR-12", "kind": "change"}
//	     key and state are required; title, url and kind may be left out.
//	404  no such change request; the body, if any, is {"error": "..."}.
//	401  token missing or invalid; 403 the token may not read change
//	     requests; 429 with Retry-After when rate limited; 5xx failure.
//
// {key} is path-escaped and is one word of letters, digits, ".", "_" and
// "-"; the server decides how keys compare. References may also be the
// server's web URLs, {base}/changes/{key}.
type server struct {
	*httpBase
	base     string
	host     string
	basePath []string
	cfgErr   error
}

var reServerKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// NewServer returns a tracker that asks an assure server. A configuration
// error is returned by every Resolve; New reports it at once.
func NewServer(cfg ServerConfig) Tracker {
	s, err := newServer(cfg)
	if err != nil {
		return &server{httpBase: &httpBase{name: "assure server " + cfg.BaseURL}, cfgErr: err}
	}
	return s
}

func newServer(cfg ServerConfig) (*server, error) {
	base, err := parseBase(cfg.BaseURL)
	if err != nil {
		return nil, &Error{Tracker: "assure server " + cfg.BaseURL, Op: "configure", Err: err,
			Hint: "set tracker.url to the server's address, such as https://assure.example.com"}
	}
	name := "assure server " + base.Host + strings.TrimSuffix(base.Path, "/")
	return &server{
		httpBase: newHTTPBase(name, cfg.HTTPClient, cfg.Timeout, cfg.UserAgent, cfg.Token, cfg.TokenEnv),
		base:     base.String(),
		host:     base.Host,
		basePath: splitPath(base.Path),
	}, nil
}

func (s *server) Name() string { return s.name }

func (s *server) Resolve(ctx context.Context, ref string) (Issue, error) {
	if s.cfgErr != nil {
		return Issue{}, s.cfgErr
	}
	key, err := s.key(ref)
	if err != nil {
		return Issue{}, err
	}
	return s.cache.get(ctx, key, func(ctx context.Context) (Issue, error) { return s.fetch(ctx, key) })
}

func (s *server) key(ref string) (string, error) {
	r := parseRef(ref)
	foreign := func(why string) error {
		return fmt.Errorf("%s: %s %s: %w", s.name, r.raw, why, ErrForeign)
	}
	key := strings.TrimPrefix(r.raw, "#")
	if r.url != nil {
		if !sameHost(r.url.Host, s.host) {
			return "", foreign("is on " + r.url.Host + ", not " + s.host)
		}
		rest, ok := cutSegs(r.segs, s.basePath)
		if ok && len(rest) == 4 && rest[0] == "api" && rest[1] == "v1" {
			rest = rest[2:]
		}
		if !ok || len(rest) != 2 || rest[0] != "changes" {
			return "", foreign("is not a /changes/KEY URL of this server")
		}
		key = rest[1]
	}
	if !reServerKey.MatchString(key) {
		return "", foreign("is not a change-request key")
	}
	return key, nil
}

func cutSegs(segs, prefix []string) ([]string, bool) {
	if len(segs) < len(prefix) || !slices.Equal(segs[:len(prefix)], prefix) {
		return nil, false
	}
	return segs[len(prefix):], true
}

func (s *server) fetch(ctx context.Context, key string) (Issue, error) {
	h := http.Header{}
	h.Set("Accept", "application/json")
	if s.token != "" {
		h.Set("Authorization", "Bearer "+s.token)
	}
	r, err := s.get(ctx, s.base+"/api/v1/changes/"+url.PathEscape(key), h)
	if err != nil {
		return Issue{}, err
	}
	switch r.status {
	case http.StatusOK:
	case http.StatusNotFound:
		return Issue{}, fmt.Errorf("%s: %s: %w", s.name, key, ErrNotFound)
	default:
		return Issue{}, s.commonStatus(r)
	}
	return s.change(r)
}

func (s *server) change(r *response) (Issue, error) {
	node, err := s.decode(r)
	if err != nil {
		return Issue{}, err
	}
	if node.Kind != jsonpos.Object {
		return Issue{}, s.shapeErr(r, wrongType(node, "", "an object"))
	}
	is, err := genericIssue(node, "")
	switch {
	case err != nil:
		return Issue{}, s.shapeErr(r, err)
	case is.Key == "":
		return Issue{}, s.shapeErr(r, missing("key"))
	case is.State == "":
		return Issue{}, s.shapeErr(r, missing("state"))
	}
	return is, nil
}
