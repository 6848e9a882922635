package scaffold

import (
	"regexp"
	"strconv"
	"strings"
)

// plain matches text that YAML reads back as the same string without
// quotes: no indicator at the start, nothing that looks like a number,
// boolean or null, no ": " or " #", no flow characters.
var plain = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.@/+-]*$`)

// notText are words YAML 1.1 or 1.2 resolvers read as booleans or null.
var notText = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true,
}

// quote renders s as a YAML scalar that reads back as exactly s.
func quote(s string) string {
	if plain.MatchString(s) && !notText[strings.ToLower(s)] {
		return s
	}
	// A Go-quoted string is a valid YAML double-quoted scalar: both
	// understand \", \\, \n, \t, \xNN, \uNNNN and \UNNNNNNNN.
	return strconv.Quote(s)
}

// flowList renders a short list on one line: [a, "b c"].
func flowList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// writer accumulates YAML lines with indentation.
type writer struct{ b strings.Builder }

func (w *writer) line(indent int, s string) {
	if s == "" {
		w.b.WriteString("\n")
		return
	}
	w.b.WriteString(strings.Repeat(" ", indent))
	w.b.WriteString(s)
	w.b.WriteString("\n")
}

// comment writes a block of comment lines; text lines are prefixed "# ".
func (w *writer) comment(indent int, text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if l == "" {
			w.line(indent, "#")
			continue
		}
		w.line(indent, "# "+l)
	}
}

func (w *writer) kv(indent int, key, value string) { w.line(indent, key+": "+value) }
