package tracker

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// ParseError is a problem in an exported issue list, at a place a person
// can find with an editor.
type ParseError struct {
	File   string
	Line   int    // 1-based; 0 when the problem is with the file as a whole
	Column int    // 1-based; 0 when unknown
	Path   string // JSON field path such as [3].state; empty for CSV
	Msg    string
	Hint   string // what to do
}

func (e *ParseError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			s += ":" + strconv.Itoa(e.Column)
		}
	}
	s += ": "
	if e.Path != "" {
		s += e.Path + ": "
	}
	s += e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

var reFileKey = regexp.MustCompile(`^#?[A-Za-z0-9][A-Za-z0-9._-]*$`)

// fileTracker answers from an exported issue list, for use without network
// access or credentials (air-gapped CI, audits of a release snapshot).
type fileTracker struct {
	name   string
	issues []Issue
	index  map[string]int // canonKey -> issues index
}

// where says where in the file an issue was, for the duplicate-key error.
type where struct{ line, col int }

// NewFile reads an exported issue list. The format is told from the content:
// JSON (an array of GitHub REST issues, generic {key, state, title, url}
// objects or Jira issues, or a Jira search response {"issues": [...]}) or CSV
// with a header row (key/id/number, state/status, title/summary, url; Jira's
// CSV export works as it is). name is used in Name and in error messages.
// Content errors are *ParseError.
func NewFile(name string, data []byte) (Tracker, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trim := bytes.TrimLeft(data, " \t\r\n")
	if len(trim) == 0 {
		return nil, &ParseError{File: name, Msg: "the issue list is empty",
			Hint: "export the issues as JSON or as CSV with a header row"}
	}
	f := &fileTracker{name: name, index: map[string]int{}}
	var err error
	if trim[0] == '[' || trim[0] == '{' {
		err = f.readJSON(data)
	} else {
		err = f.readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (f *fileTracker) Name() string { return "issue list " + f.name }

// add files one issue; at is where it was, seen maps canonical keys to
// where they were first seen.
func (f *fileTracker) add(is Issue, at where, seen map[string]where) *ParseError {
	is.Key = strings.TrimSpace(is.Key)
	if is.Key == "" {
		return &ParseError{File: f.name, Line: at.line, Column: at.col,
			Msg: "issue without a key", Hint: "give every issue a key, id or number"}
	}
	// Keys are restricted to what a reference can spell, so that every
	// issue in the list can be named, and none looks like a URL.
	if !reFileKey.MatchString(is.Key) {
		return &ParseError{File: f.name, Line: at.line, Column: at.col,
			Msg:  fmt.Sprintf("key %q is not one word of letters, digits, \".\", \"_\" and \"-\"", is.Key),
			Hint: "keys are written like 123, #123 or PROJ-123"}
	}
	k := canonKey(is.Key)
	if first, dup := seen[k]; dup {
		return &ParseError{File: f.name, Line: at.line, Column: at.col,
			Msg:  fmt.Sprintf("key %s appears again (first on line %d)", is.Key, first.line),
			Hint: "remove the duplicate row or export again"}
	}
	seen[k] = at
	f.index[k] = len(f.issues)
	f.issues = append(f.issues, is)
	return nil
}

// Resolve never fails with *Error: the list is in memory.
func (f *fileTracker) Resolve(_ context.Context, s string) (Issue, error) {
	r := parseRef(s)
	var key, repo string
	switch {
	case r.url != nil:
		if k, _, ok := browseKey(r.segs); ok {
			key = k
		} else if rp, d, ok := githubPath(r.segs); ok {
			key, repo = d, rp
		} else if d, ok := trailingNumber(r.segs); ok {
			key = d
		} else {
			return Issue{}, fmt.Errorf("%s: %s names no issue (want a URL ending in an issue number or /browse/KEY): %w", f.Name(), r.raw, ErrForeign)
		}
	case isURL(r.raw):
		return Issue{}, fmt.Errorf("%s: %s is not a valid URL: %w", f.Name(), r.raw, ErrForeign)
	case r.repo != "":
		key, repo = r.digits, r.repo
	default:
		key = canonKey(r.raw)
	}
	i, ok := f.index[key]
	if !ok || key == "" {
		return Issue{}, fmt.Errorf("%s: %s: %w", f.Name(), r.raw, ErrNotFound)
	}
	is := f.issues[i]
	// An issue list without URLs cannot tell hosts and repositories apart;
	// one with them can, and then a reference to another one must not match
	// by number alone.
	if is.URL != "" && (r.url != nil || repo != "") {
		if ok, where := sameOrigin(is.URL, r.url, repo); !ok {
			return Issue{}, fmt.Errorf("%s: %s: the list's issue %s is %s: %w", f.Name(), r.raw, is.Key, where, ErrForeign)
		}
	}
	return is, nil
}

// sameOrigin reports whether issueURL is on the host of ref (when ref is
// set) and, for GitHub-shaped paths, in repository repo (when set); if not,
// it says where the issue is.
func sameOrigin(issueURL string, ref *url.URL, repo string) (bool, string) {
	ir := parseRef(issueURL)
	if ir.url == nil {
		return true, ""
	}
	if ref != nil && !sameHost(ir.url.Hostname(), ref.Hostname()) {
		return false, "on " + ir.url.Hostname()
	}
	if repo != "" {
		if irepo, _, ok := githubPath(ir.segs); ok && !strings.EqualFold(irepo, repo) {
			return false, "in " + irepo
		}
	}
	return true, ""
}
