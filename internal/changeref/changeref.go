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
	// lineMask is set for the built-in patterns, which never span lines:
	// bit i says pattern i could match the line. Lines with no bit set never
	// meet a regular expression, which keeps them off the great majority of
	// message text, and a candidate line meets only the patterns it could
	// satisfy: a "#include" or "TLS-1.3" line is rejected without one.
	lineMask func(string) uint64
}

// New compiles patterns; empty means DefaultPatterns. An error names the
// pattern by its index in the list so the model author finds it.
func New(patterns []string) (*Parser, error) {
	p := &Parser{}
	if len(patterns) == 0 {
		patterns = DefaultPatterns
		p.lineMask = candidates
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
	if p.lineMask == nil {
		return p.find(msg, 0, ^uint64(0), nil)
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
		if m := p.lineMask(l); m != 0 {
			refs = p.find(l, no, m, refs)
		}
		no++
	}
	return refs
}

// find applies the patterns whose bit is set in mask (every pattern past
// the 64th always runs).
func (p *Parser) find(text string, lineOffset int, mask uint64, refs []Ref) []Ref {
	for i, re := range p.res {
		if i < 64 && mask&(1<<i) == 0 {
			continue
		}
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

// Bits of candidates, one per entry of DefaultPatterns, in its order.
const (
	keywordHash = 1 << iota // "Fixes #12", "Closes owner/repo#7"
	bugTrailer              // "Bug: 4711"
	keywordKey              // "Refs: PROJ-123"
	urlTrailer              // "Link: https://..."
)

// candidates says which built-in patterns could match line l, by what each
// one cannot match without: "#" and a digit, a Bug:/Issue: line start, an
// upper-case KEY-123, a trailer-like line start and "http". The tests hold
// it to the unfiltered patterns. Letters are compared as ASCII: of the
// letters these tests look at, none has a non-ASCII case fold (only k and
// s do, as KELVIN SIGN and LONG S), so (?i) matches them exactly as here.
func candidates(l string) uint64 {
	var m uint64
	for i := strings.IndexByte(l, '#'); i >= 0; {
		if i+1 < len(l) && isDigit(l[i+1]) {
			m |= keywordHash
			break
		}
		j := strings.IndexByte(l[i+1:], '#')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if len(l) > 0 {
		switch l[0] | 0x20 {
		case 'b', 'i':
			m |= bugTrailer | startsURLTrailer(l)
		case 'l', 'f', 'c', 'r', 'j':
			m |= startsURLTrailer(l)
		}
	}
	for i := strings.IndexByte(l, '-'); i >= 0; {
		if i > 0 && i+1 < len(l) && isUpperOrDigit(l[i-1]) && isDigit(l[i+1]) {
			m |= keywordKey
			break
		}
		j := strings.IndexByte(l[i+1:], '-')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return m
}

// startsURLTrailer is urlTrailer when l, which starts like one of the
// pattern's keys, has an "http" anywhere.
func startsURLTrailer(l string) uint64 {
	for i := 0; i+4 <= len(l); i++ {
		if l[i]|0x20 == 'h' && l[i+1]|0x20 == 't' && l[i+2]|0x20 == 't' && l[i+3]|0x20 == 'p' {
			return urlTrailer
		}
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isUpperOrDigit(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' }

func sortByLine(rs []Ref) {
	// Insertion sort: a message has a handful of references.
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Line < rs[j-1].Line; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}
