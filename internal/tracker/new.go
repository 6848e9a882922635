package tracker

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Kinds are the tracker kinds New knows, in the order help texts list them.
var Kinds = []string{"none", "file", "github", "jira", "server"}

// Options configure New; which fields count depends on the kind. They
// mirror model.Tracker, with the secrets already read from the environment.
type Options struct {
	// Root is the repository root; a relative File is read from there.
	Root string
	// File is the exported issue list (kind file).
	File string
	// URL is the API base (github; default https://api.github.com), the
	// Jira base (jira) or the server's address (server).
	URL string
	// Repo is owner/name (github).
	Repo string
	// Projects are the Jira project keys references may name (jira).
	Projects []string
	// Token and User are the credentials; TokenEnv and UserEnv name the
	// variables they came from, so that hints name them too.
	Token    string
	User     string
	TokenEnv string
	UserEnv  string
	// Timeout bounds one request (default 10s).
	Timeout    time.Duration
	HTTPClient *http.Client
	UserAgent  string
}

// New builds the tracker of a kind: none (or empty) gives FormOnly, whose
// references are checked only for form; file, github, jira and server give
// NewFile, NewGitHub, NewJira and NewServer. Configuration errors are
// reported here rather than at the first Resolve.
func New(kind string, opts Options) (Tracker, error) {
	kind = strings.ToLower(strings.TrimSpace(kind))
	cfgErr := func(name, msg, hint string) error {
		return &Error{Tracker: name, Op: "configure", Err: errors.New(msg), Hint: hint}
	}
	switch kind {
	case "", "none":
		return FormOnly{}, nil
	case "file":
		if opts.File == "" {
			return nil, cfgErr("issue list", "tracker.file is empty",
				"set tracker.file to the exported issue list (JSON or CSV), relative to the repository root")
		}
		path := opts.File
		if !filepath.IsAbs(path) {
			path = filepath.Join(opts.Root, path)
		}
		// assure: waive W-0039 -- the issue list the model names
		data, err := os.ReadFile(path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &Error{Tracker: "issue list " + opts.File, Op: "read " + path, Err: err,
				Hint: "export the issue list to " + opts.File + ", or fix tracker.file"}
		}
		return NewFile(opts.File, data)
	case "github":
		if opts.Repo == "" {
			return nil, cfgErr("GitHub", "tracker.repo is empty", "set tracker.repo to owner/name, such as zephyrproject-rtos/zephyr")
		}
		g, err := newGitHub(GitHubConfig{BaseURL: opts.URL, Repo: opts.Repo, Token: opts.Token, TokenEnv: opts.TokenEnv,
			Timeout: opts.Timeout, HTTPClient: opts.HTTPClient, UserAgent: opts.UserAgent})
		if err != nil {
			return nil, err
		}
		return g, nil
	case "jira":
		if opts.URL == "" {
			return nil, cfgErr("Jira", "tracker.url is empty", "set tracker.url to where Jira is served, such as https://jira.example.com")
		}
		j, err := newJira(JiraConfig{BaseURL: opts.URL, Projects: opts.Projects, User: opts.User, Token: opts.Token,
			UserEnv: opts.UserEnv, TokenEnv: opts.TokenEnv, Timeout: opts.Timeout, HTTPClient: opts.HTTPClient, UserAgent: opts.UserAgent})
		if err != nil {
			return nil, err
		}
		return j, nil
	case "server":
		if opts.URL == "" {
			return nil, cfgErr("assure server", "tracker.url is empty", "set tracker.url to the server's address")
		}
		s, err := newServer(ServerConfig{BaseURL: opts.URL, Token: opts.Token, TokenEnv: opts.TokenEnv,
			Timeout: opts.Timeout, HTTPClient: opts.HTTPClient, UserAgent: opts.UserAgent})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, cfgErr("tracker", "unknown tracker kind "+strconv.Quote(kind), "set tracker.kind to one of "+strings.Join(Kinds, ", "))
}
