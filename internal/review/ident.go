package review

import (
	"strings"
	"unicode"
)

// ParseIdent reads the person in a trailer value. It accepts what people
// write after Reviewed-by:
//
//	Jane Doe <jane@example.com>
//	"Doe, Jane" <jane@example.com>
//	<jane@example.com>
//	jane@example.com
//	jane@example.com (Jane Doe)
//	Jane Doe jane@example.com
//	Jane Doe
//	Jane Doe <jane@example.com> # v2, or [tag] after the address
//
// ok is false when the value names nobody or is garbled: empty, an
// unclosed or empty <>, an address with spaces or angle brackets in it.
// Names and addresses come back trimmed; the address keeps its case.
func ParseIdent(value string) (name, email string, ok bool) {
	v := strings.TrimSpace(value)
	if v == "" || strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\t' }) {
		return "", "", false
	}
	if l := strings.IndexByte(v, '<'); l >= 0 {
		r := strings.IndexByte(v[l:], '>')
		if r < 0 {
			return "", "", false
		}
		email = strings.TrimSpace(v[l+1 : l+r])
		name = cleanName(v[:l])
		if !validEmail(email) || strings.ContainsAny(name, "<>") {
			return "", "", false
		}
		return name, email, true
	}
	if strings.ContainsAny(v, ">") {
		return "", "", false
	}
	// An unbracketed address is the first word that looks like one.
	words := strings.Fields(v)
	for i, w := range words {
		if !isBareAddress(w) {
			continue
		}
		name = cleanName(strings.Join(words[:i], " "))
		if rest := words[i+1:]; len(rest) > 0 {
			switch {
			case i == 0 && strings.HasPrefix(rest[0], "(") && strings.HasSuffix(v, ")"):
				// "addr (Name)", the old RFC 822 comment form.
				name = cleanName(strings.TrimSuffix(strings.TrimPrefix(strings.Join(rest, " "), "("), ")"))
			case !isComment(rest[0]):
				return "", "", false
			}
		}
		return name, w, true
	}
	v = strings.Join(words, " ")
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	name = cleanName(v)
	if name == "" || strings.HasPrefix(name, "#") {
		return "", "", false
	}
	return name, "", true
}

// isBareAddress: local@domain, both parts non-empty, so that a GitHub-style
// "@jane" stays a name.
func isBareAddress(w string) bool {
	at := strings.IndexByte(w, '@')
	return at > 0 && at < len(w)-1 && validEmail(w)
}

// isComment tells trailing notes people put after an address: "# v2",
// "[backport]".
func isComment(w string) bool { return strings.HasPrefix(w, "#") || strings.HasPrefix(w, "[") }

// cleanName trims spaces and the quotes of a quoted display name, and
// collapses runs of white space.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	for len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return strings.Join(strings.Fields(s), " ")
}

func validEmail(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r == '<' || r == '>' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}
