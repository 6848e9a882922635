package tracker

import (
	"net/url"
	"regexp"
	"strings"
)

// ref is a reference taken apart. Which parts count is up to each tracker:
// "GH-123" is issue 123 on GitHub and an issue of project GH on Jira, so the
// parser records both readings and lets the tracker choose.
type ref struct {
	raw    string   // as written, trimmed
	digits string   // issue number without "#", "GH-" and leading zeros
	key    string   // project-key form, upper-cased: PROJ-123 (also GH-123)
	repo   string   // owner/name of owner/name#123
	url    *url.URL // set when raw is an http(s) URL
	segs   []string // path segments of url, unescaped, empty ones dropped
}

var (
	reNumber  = regexp.MustCompile(`^#?([0-9]+)$`)
	reGH      = regexp.MustCompile(`^(?i)gh-([0-9]+)$`)
	reRepoNum = regexp.MustCompile(`^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#([0-9]+)$`)
	reKey     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*-[0-9]+$`)
	reRepo    = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)
	reProject = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
)

func parseRef(s string) ref {
	r := ref{raw: strings.TrimSpace(s)}
	if isURL(r.raw) {
		u, err := url.Parse(r.raw)
		if err != nil || u.Host == "" {
			return r
		}
		r.url, r.segs = u, splitPath(u.Path)
		return r
	}
	if m := reNumber.FindStringSubmatch(r.raw); m != nil {
		r.digits = trimZeros(m[1])
	} else if m := reRepoNum.FindStringSubmatch(r.raw); m != nil {
		r.repo, r.digits = m[1], trimZeros(m[2])
	} else if reKey.MatchString(r.raw) {
		r.key = strings.ToUpper(r.raw)
		if m := reGH.FindStringSubmatch(r.raw); m != nil {
			r.digits = trimZeros(m[1])
		}
	}
	return r
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// trimZeros makes "007" and "7" the same issue number.
func trimZeros(d string) string {
	t := strings.TrimLeft(d, "0")
	if t == "" {
		return "0"
	}
	return t
}

// canonKey is the form under which an issue list files its keys and looks
// references up: "#123", "GH-123" and "0123" are all "123", and project keys
// compare case-insensitively because Jira treats them so.
func canonKey(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if m := reGH.FindStringSubmatch(s); m != nil {
		return trimZeros(m[1])
	}
	if reNumber.MatchString(s) {
		return trimZeros(s)
	}
	return strings.ToUpper(s)
}

// githubPath reads /owner/name/issues/123 and /owner/name/pull/123 (with
// anything after the number, such as /files).
func githubPath(segs []string) (repo, digits string, ok bool) {
	if len(segs) < 4 {
		return "", "", false
	}
	switch segs[2] {
	case "issues", "pull", "pulls":
	default:
		return "", "", false
	}
	m := reNumber.FindStringSubmatch(segs[3])
	if m == nil || strings.HasPrefix(segs[3], "#") {
		return "", "", false
	}
	return segs[0] + "/" + segs[1], trimZeros(m[1]), true
}

// browseKey reads .../browse/PROJ-123, returning the key and the segments
// before "browse" (the context path of a Jira installed below the root).
func browseKey(segs []string) (key string, prefix []string, ok bool) {
	for i := 0; i+1 < len(segs); i++ {
		if segs[i] == "browse" && reKey.MatchString(segs[i+1]) {
			return strings.ToUpper(segs[i+1]), segs[:i], true
		}
	}
	return "", nil, false
}

// trailingNumber is the issue number most trackers put last in an issue URL
// (GitLab /-/issues/5, Gitea /issues/5, Redmine /issues/5).
func trailingNumber(segs []string) (string, bool) {
	if len(segs) == 0 {
		return "", false
	}
	last := segs[len(segs)-1]
	if m := reNumber.FindStringSubmatch(last); m != nil && !strings.HasPrefix(last, "#") {
		return trimZeros(m[1]), true
	}
	return "", false
}

// sameHost compares hosts the way a person would: case does not matter and
// www.github.com is github.com.
func sameHost(a, b string) bool {
	a = strings.TrimPrefix(strings.ToLower(a), "www.")
	b = strings.TrimPrefix(strings.ToLower(b), "www.")
	return a == b
}

func splitPath(p string) []string {
	var segs []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	return segs
}
