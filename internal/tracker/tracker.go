// Package tracker resolves change-request references against the issue
// tracker that holds them: an exported issue list (JSON or CSV) for offline
// use, GitHub and Jira over their REST APIs, and an assure server. The
// change-management gate asks one question of a tracker: does this reference
// name an issue, and in which state?
package tracker

import (
	"context"
	"errors"
)

// Issue is what a tracker knows of one change request.
type Issue struct {
	Key   string `json:"key"`   // as the tracker names it: 123, PROJ-123
	State string `json:"state"` // as the tracker spells it: open, closed, In Progress
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
	// Kind is issue, pull_request, bug, story ... as the tracker says; empty if unknown.
	Kind string `json:"kind,omitempty"`
}

// Tracker resolves references. ref is the reference as written in the commit
// message after the keyword: "123", "#123", "PROJ-123", or a URL.
type Tracker interface {
	// Name is a short human description: "GitHub zephyrproject-rtos/zephyr".
	Name() string
	// Resolve returns the issue, or an error: ErrNotFound when the tracker
	// answers that the issue does not exist, ErrForeign when the reference
	// cannot belong to this tracker (another project key, another host), or a
	// *Error for everything that keeps the question from being answered.
	Resolve(ctx context.Context, ref string) (Issue, error)
}

var (
	// ErrNotFound: the tracker answered that no such issue exists.
	ErrNotFound = errors.New("no such issue in the tracker")
	// ErrForeign: the reference names another tracker or project.
	ErrForeign = errors.New("reference does not belong to this tracker")
)

// Error is a failure to get an answer at all: unauthorised, server error,
// timeout, unreadable export. The gate treats it as an input error (exit 2),
// never as a pass, because a tracker that cannot answer proves nothing.
type Error struct {
	Tracker string // Name() of the tracker
	Op      string // what was asked: "GET https://api.github.com/repos/o/r/issues/1"
	Status  int    // HTTP status, 0 when none
	Err     error
	Hint    string // what to do: "set GITHUB_TOKEN to a token with repo scope"
}

func (e *Error) Error() string {
	s := e.Tracker + ": " + e.Op
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }
