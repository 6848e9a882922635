// Package changeref finds change-request references in commit messages:
// "Fixes #123", "Closes: owner/repo#7", "Bug: 4711", "Refs: PROJ-123",
// "Link: https://tracker/issues/9". Patterns are regular expressions from the
// model, each with a named group "ref"; the built-in ones cover GitHub,
// Gerrit/Chromium and Jira habits.
package changeref

import (
	"fmt"
	"regexp"
	"strings"
)

// DefaultPatterns are used when the model configures none. Keywords are the
// ones GitHub, GitLab, Gerrit and Jira users write; a bare number only counts
// after a Bug:/Issue: trailer, so Linux-style "Fixes: <sha>" lines (which
// name a commit, not a change request) are not mistaken for references.
var DefaultPatterns = []string{
	`(?i)\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?|refs?|references|see|bug|issue|related(?:[- ]to)?|part[- ]of|implements|addresses)\b:?[ \t]+(?P<ref>(?:[\w.-]+/[\w.-]+)?#\d+)`,
	`(?im)^(?:bug|issue)s?:[ \t]*(?P<ref>\d+)\b`,
	`(?i:\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?|refs?|references|see|bug|issue|related(?:[- ]to)?|part[- ]of|implements|addresses|jira)\b):?[ \t]+(?P<ref>[A-Z][A-Z0-9_]+-\d+)\b`,
	`(?im)^(?:link|bug|issue|fix(?:e[sd])?|close[sd]?|refs?|jira):[ \t]*(?P<ref>https?://[^\s>)\]]+)`,
}

// Ref is one reference found in a message.
type Ref struct {
	// Value is what the "ref" group captured: "#123", "PROJ-123", a URL.
	Value string
	// Line is the 1-based line of the message it is on.
	Line int
}

// Parser finds references with a fixed set of patterns.
type Parser struct {
	res []*regexp.Regexp
	idx []int
	// lineFilter is set for the built-in patterns, which never span lines:
	// only lines it accepts are matched, which keeps the regular expressions
	// off the great majority of message text.
	lineFilter func(string) bool
}

// New compiles patterns; empty means DefaultPatterns. An error names the
// pattern by its index in the list so the model author finds it.
func New(patterns []string) (*Parser, error) {
	p := &Parser{}
	if len(patterns) == 0 {
		patterns = DefaultPatterns
		p.lineFilter = candidate
	}
	for i, s := range patterns {
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("change_management.patterns[%d]: %v", i, err)
		}
		g := re.SubexpIndex("ref")
		if g < 0 {
			return nil, fmt.Errorf("change_management.patterns[%d]: no named group (?P<ref>...) to capture the reference", i)
		}
		p.res = append(p.res, re)
		p.idx = append(p.idx, g)
	}
	return p, nil
}

// Find returns the distinct references in msg in order of appearance.
func (p *Parser) Find(msg string) []Ref {
	if p.lineFilter == nil {
		return p.find(msg, 0, nil)
	}
	var refs []Ref
	no := 0
	for len(msg) > 0 {
		l := msg
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			l, msg = msg[:i], msg[i+1:]
		} else {
			msg = ""
		}
		if p.lineFilter(l) {
			refs = p.find(l, no, refs)
		}
		no++
	}
	return refs
}

func (p *Parser) find(text string, lineOffset int, refs []Ref) []Ref {
	for i, re := range p.res {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			s, e := m[2*p.idx[i]], m[2*p.idx[i]+1]
			if s < 0 {
				continue
			}
			v := strings.TrimRight(text[s:e], ".,;")
			if has(refs, v) {
				continue
			}
			refs = append(refs, Ref{Value: v, Line: lineOffset + 1 + strings.Count(text[:s], "\n")})
		}
	}
	sortByLine(refs)
	return refs
}

func has(rs []Ref, v string) bool {
	for _, r := range rs {
		if r.Value == v {
			return true
		}
	}
	return false
}

// candidate accepts a line that could hold a built-in reference: a '#', a
// URL, a Bug:/Issue: trailer, or an upper-case KEY-123.
func candidate(l string) bool {
	if strings.IndexByte(l, '#') >= 0 || containsFold(l, "http") {
		return true
	}
	if len(l) >= 4 && (strings.EqualFold(l[:3], "bug") || len(l) >= 6 && strings.EqualFold(l[:5], "issue")) {
		return true
	}
	for i := strings.IndexByte(l, '-'); i >= 0; {
		if i > 0 && i+1 < len(l) && isUpperOrDigit(l[i-1]) && l[i+1] >= '0' && l[i+1] <= '9' {
			return true
		}
		j := strings.IndexByte(l[i+1:], '-')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func isUpperOrDigit(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' }

func sortByLine(rs []Ref) {
	// Insertion sort: a message has a handful of references.
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Line < rs[j-1].Line; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}
