package identity

import (
	"fmt"
	"strings"
)

// Mailmap is a parsed .mailmap file (gitmailmap(5)). Canonical answers what
// `git check-mailmap` answers for the same file, so an author is the same
// person to assure as to `git shortlog`.
type Mailmap struct {
	// entries is keyed by the ASCII-lower-cased commit e-mail: git compares
	// with strcasecmp, which folds ASCII only.
	entries map[string]*mailmapEntry
	// warnings are lines git reads, but not wholly: text it ignores.
	warnings []*ParseError
}

// mailmapEntry mirrors git's: a "simple" mapping that applies whatever the
// commit name, plus "complex" ones that apply only to one commit name.
type mailmapEntry struct {
	simple  mapping
	byName  map[string]mapping // keyed by ASCII-lower-cased commit name
	hasName bool               // byName is non-empty
}

// mapping holds the replacement; an empty optional means "keep the commit's".
type mapping struct {
	name, email       string
	hasName, hasEmail bool
}

// ParseError is a line of a .mailmap that git would silently drop, or (as a
// warning) read only in part.
type ParseError struct {
	File string
	Line int
	Msg  string
	Hint string
}

func (e *ParseError) Error() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	if e.Hint != "" {
		s += " (hint: " + e.Hint + ")"
	}
	return s
}

const mailmapHint = "write one of: Proper Name <commit@email>, <proper@email> <commit@email>, " +
	"Proper Name <proper@email> <commit@email>, Proper Name <proper@email> Commit Name <commit@email>; " +
	"start comments with #"

// maxMailmapLine is the longest line git reads whole: it reads .mailmap with
// fgets into a 1024-byte buffer, so a longer line is parsed in pieces.
const maxMailmapLine = 1022

// ParseMailmap parses data as a .mailmap named name (used in errors). It
// reads lines as git does, and fails on the first line that git would drop
// entirely, since its mapping silently never happens. Lines git reads only
// in part (text after the addresses that is not a comment, a third address)
// are kept as git keeps them and reported by Warnings: real .mailmap files
// have them, and failing on what git accepts would block a gate for
// nothing.
func ParseMailmap(name string, data []byte) (*Mailmap, error) {
	mm := &Mailmap{entries: map[string]*mailmapEntry{}}
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var line string
		if i := strings.IndexByte(string(data), '\n'); i >= 0 {
			line, data = string(data[:i]), data[i+1:]
		} else {
			line, data = string(data), nil
		}
		err, warn := mm.parseLine(line)
		for _, e := range []*ParseError{err, warn} {
			if e != nil {
				e.File, e.Line = name, lineNo
				if e.Hint == "" {
					e.Hint = mailmapHint
				}
			}
		}
		if err != nil {
			return nil, err
		}
		if warn != nil {
			mm.warnings = append(mm.warnings, warn)
		}
	}
	return mm, nil
}

// Warnings are the lines git reads only in part, in file order.
func (mm *Mailmap) Warnings() []*ParseError {
	if mm == nil {
		return nil
	}
	return mm.warnings
}

// parseLine adds the mapping of one line. err is a line git drops; warn a
// line git reads in part (its mapping is added).
func (mm *Mailmap) parseLine(line string) (err, warn *ParseError) {
	if len(line) > maxMailmapLine {
		return &ParseError{Msg: fmt.Sprintf("line is %d bytes long; git reads at most %d bytes of a line at once", len(line), maxMailmapLine),
			Hint: "shorten the line"}, nil
	}
	if strings.IndexByte(line, 0) >= 0 {
		return &ParseError{Msg: "line contains a NUL byte", Hint: "save .mailmap as plain UTF-8 text"}, nil
	}
	if line == "" || line[0] == '#' {
		return nil, nil
	}
	trimmed := strings.TrimLeft(line, cSpace)
	if trimmed == "" {
		return nil, nil
	}
	if !strings.Contains(line, "<") {
		if trimmed[0] == '#' {
			return nil, nil // git ignores it: no '<'
		}
		return &ParseError{Msg: fmt.Sprintf("no <e-mail address> in %q", strings.TrimSpace(line))}, nil
	}
	name1, email1, rest, ok := parseNameEmail(line)
	switch {
	case !ok:
		return &ParseError{Msg: fmt.Sprintf("unclosed '<' in %q", strings.TrimSpace(line))}, nil
	case email1 == nil:
		return &ParseError{Msg: "the first e-mail address is empty (<>)"}, nil
	}
	var name2, email2 *string
	if rest != "" {
		n2, e2, rest2, ok := parseNameEmail(rest)
		switch {
		case !ok:
			// git ignores text after the address.
			if t := strings.TrimLeft(rest, cSpace); t != "" && t[0] != '#' {
				warn = &ParseError{Msg: fmt.Sprintf("git ignores %q after <%s>", strings.TrimSpace(rest), *email1),
					Hint: "a second address needs <...>, a comment starts with #"}
			}
		default:
			if n2 != nil && strings.HasPrefix(*n2, "#") {
				warn = &ParseError{Msg: fmt.Sprintf("git reads %q after the comment mark as a commit name and address", strings.TrimSpace(rest)),
					Hint: "put the comment on its own line"}
			} else if t := strings.TrimLeft(rest2, cSpace); t != "" && t[0] != '#' {
				warn = &ParseError{Msg: fmt.Sprintf("git ignores %q after the second address", strings.TrimSpace(rest2)),
					Hint: "a line maps one commit address; write one line for each"}
			}
			name2, email2 = n2, e2
			if email2 == nil {
				empty := ""
				email2 = &empty // "<>" maps commits without an address
			}
		}
	}
	mm.add(name1, email1, name2, email2)
	return nil, warn
}

// cSpace is what C's isspace accepts, which git uses to trim names.
const cSpace = " \t\n\v\f\r"

// parseNameEmail follows git's parse_name_and_email: the name is whatever
// precedes the first '<', trimmed; the address is everything up to the next
// '>', untrimmed. An empty address gives email == nil. ok is false when there
// is no '<' ... '>' pair.
func parseNameEmail(s string) (name, email *string, rest string, ok bool) {
	l := strings.IndexByte(s, '<')
	if l < 0 {
		return nil, nil, s, false
	}
	r := strings.IndexByte(s[l+1:], '>')
	if r < 0 {
		return nil, nil, s, false
	}
	r += l + 1
	if n := strings.Trim(s[:l], cSpace); n != "" {
		name = &n
	}
	if e := s[l+1 : r]; e != "" {
		email = &e
	}
	return name, email, s[r+1:], true
}

// add follows git's add_mapping: a line without a commit address maps its
// one address to itself; a later simple line overrides only the parts it
// gives; a complex line replaces the earlier one for the same commit name.
func (mm *Mailmap) add(newName, newEmail, oldName, oldEmail *string) {
	if oldEmail == nil {
		oldEmail, newEmail = newEmail, nil
	}
	key := asciiLower(*oldEmail)
	me := mm.entries[key]
	if me == nil {
		me = &mailmapEntry{}
		mm.entries[key] = me
	}
	if oldName == nil {
		if newName != nil {
			me.simple.name, me.simple.hasName = *newName, true
		}
		if newEmail != nil {
			me.simple.email, me.simple.hasEmail = *newEmail, true
		}
		return
	}
	m := mapping{}
	if newName != nil {
		m.name, m.hasName = *newName, true
	}
	if newEmail != nil {
		m.email, m.hasEmail = *newEmail, true
	}
	if me.byName == nil {
		me.byName = map[string]mapping{}
	}
	me.byName[asciiLower(*oldName)] = m
	me.hasName = true
}

// Canonical maps a commit's name and e-mail to the proper ones, as
// `git check-mailmap` does. A nil Mailmap maps nothing.
func (mm *Mailmap) Canonical(name, email string) (string, string) {
	if mm == nil {
		return name, email
	}
	me := mm.entries[asciiLower(email)]
	if me == nil {
		return name, email
	}
	m := me.simple
	if me.hasName {
		if c, ok := me.byName[asciiLower(name)]; ok {
			m = c
		}
	}
	if m.hasName {
		name = m.name
	}
	if m.hasEmail {
		email = m.email
	}
	return name, email
}

// Len is the number of distinct commit addresses the mailmap knows.
func (mm *Mailmap) Len() int {
	if mm == nil {
		return 0
	}
	return len(mm.entries)
}

// asciiLower folds only ASCII letters, as strcasecmp does in git.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
