// Package trailer parses the trailers of a commit message (Signed-off-by:,
// Reviewed-by:, Fixes: ...) with the rules of git interpret-trailers, so that
// assure sees exactly the trailers git and the forges see: only the last
// paragraph, never the subject, continuation lines folded in.
package trailer

import "strings"

// Trailer is one "Key: value" line of the trailer block.
type Trailer struct {
	Key   string
	Value string
	// Line is the 1-based line of the message the trailer starts on.
	Line int
}

// Is reports whether the trailer's key is k, ignoring case as git does.
func (t Trailer) Is(k string) bool { return strings.EqualFold(t.Key, k) }

// gitGenerated are the prefixes that let a block count as trailers when only
// a quarter of its lines are trailers, as in git's trailer.c.
var gitGenerated = []string{"Signed-off-by: ", "(cherry picked from commit "}

type line struct {
	text string
	no   int
}

// Parse returns the trailers of msg in order.
func Parse(msg string) []Trailer {
	lines := split(msg)
	// Drop trailing blank lines and comments, and cut at a patch divider.
	end := len(lines)
	for i, l := range lines {
		if strings.HasPrefix(l.text, "---") && (len(l.text) == 3 || l.text[3] == ' ' || l.text[3] == '\t') && i > 0 {
			end = i
			break
		}
	}
	for end > 0 && (blank(lines[end-1].text) || strings.HasPrefix(lines[end-1].text, "#")) {
		end--
	}
	if end == 0 {
		return nil
	}
	start := end
	for start > 0 && !blank(lines[start-1].text) {
		start--
	}
	// The subject paragraph is never a trailer block.
	first := 0
	for first < len(lines) && blank(lines[first].text) {
		first++
	}
	if start <= first {
		return nil
	}
	block := lines[start:end]
	var out []Trailer
	trailers, others, generated := 0, 0, false
	for _, l := range block {
		if strings.HasPrefix(l.text, "#") {
			continue
		}
		if (l.text[0] == ' ' || l.text[0] == '\t') && len(out) > 0 {
			out[len(out)-1].Value += " " + strings.TrimSpace(l.text)
			continue
		}
		for _, g := range gitGenerated {
			if strings.HasPrefix(l.text, g) {
				generated = true
			}
		}
		if k, v, ok := splitTrailer(l.text); ok {
			trailers++
			out = append(out, Trailer{Key: k, Value: v, Line: l.no})
			continue
		}
		others++
	}
	if trailers == 0 {
		return nil
	}
	if others > 0 && !(generated && trailers*3 >= others) {
		return nil
	}
	return out
}

// splitTrailer recognises "Token: value" where Token is letters, digits and
// '-' and may be followed by blanks before the colon, as git does.
func splitTrailer(s string) (key, value string, ok bool) {
	i := 0
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
		i++
	}
	if i == 0 {
		return "", "", false
	}
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j >= len(s) || s[j] != ':' {
		return "", "", false
	}
	return s[:i], strings.TrimSpace(s[j+1:]), true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func split(msg string) []line {
	var ls []line
	no := 1
	for len(msg) > 0 {
		i := strings.IndexByte(msg, '\n')
		var t string
		if i < 0 {
			t, msg = msg, ""
		} else {
			t, msg = msg[:i], msg[i+1:]
		}
		ls = append(ls, line{strings.TrimRight(t, "\r"), no})
		no++
	}
	return ls
}
