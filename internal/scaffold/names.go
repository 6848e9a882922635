package scaffold

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// maxSlug keeps generated ids readable.
const maxSlug = 48

// slugify turns a free-form name into an id: lower case, runs of anything
// but letters and digits become one '-'. fallback is used when nothing is
// left.
func slugify(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= maxSlug {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// uniquer hands out ids, suffixing -2, -3 ... on collision. Collisions are
// judged ignoring case, as people read ids.
type uniquer map[string]bool

func (u uniquer) take(id string) string {
	cand := id
	for n := 2; u[strings.ToLower(cand)]; n++ {
		cand = id + "-" + strconv.Itoa(n)
	}
	u[strings.ToLower(cand)] = true
	return cand
}

// people collects proposed people by GitHub login (case-insensitively, as
// GitHub treats logins) or e-mail, keeping the strongest role seen.
type people struct {
	byKey map[string]*model.Person
	order []string
}

func newPeople() *people { return &people{byKey: map[string]*model.Person{}} }

// github adds a person known by GitHub login and returns their id, which is
// the login as first written.
func (ps *people) github(login, role string) string {
	key := "gh:" + strings.ToLower(login)
	p, ok := ps.byKey[key]
	if !ok {
		p = &model.Person{ID: login, Name: login, GitHub: login}
		ps.byKey[key] = p
		ps.order = append(ps.order, key)
	}
	addRole(p, role)
	return p.ID
}

// email adds a person known only by address; their id is assigned later by
// finish, after every login has claimed its id.
func (ps *people) email(addr, role string) *model.Person {
	key := "mail:" + strings.ToLower(addr)
	p, ok := ps.byKey[key]
	if !ok {
		p = &model.Person{Name: addr, Emails: []string{addr}}
		ps.byKey[key] = p
		ps.order = append(ps.order, key)
	}
	addRole(p, role)
	return p
}

// addRole keeps one role: maintainer outranks contributor.
func addRole(p *model.Person, role string) {
	if len(p.Roles) == 0 || role == model.RoleMaintainer {
		p.Roles = []string{role}
	}
}

// finish gives e-mail-only people ids and returns everyone sorted by id.
func (ps *people) finish() []model.Person {
	taken := uniquer{}
	for _, k := range ps.order {
		if p := ps.byKey[k]; p.ID != "" {
			taken.take(p.ID)
		}
	}
	for _, k := range ps.order {
		if p := ps.byKey[k]; p.ID == "" {
			local := p.Emails[0][:strings.LastIndexByte(p.Emails[0], '@')]
			p.ID = taken.take(slugify(local, "person"))
		}
	}
	out := make([]model.Person, 0, len(ps.order))
	for _, k := range ps.order {
		out = append(out, *ps.byKey[k])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func sortModules(ms []model.Module) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
}

// parseError is the one error a proposal parser returns: file:line: what.
func parseError(file string, line int, msg, hint string) error {
	return posError(model.Pos{File: file, Line: line}, msg, hint)
}

func posError(pos model.Pos, msg, hint string) error {
	return &model.Error{Diagnostics: []model.Diagnostic{{Pos: pos, Message: msg, Hint: hint}}}
}

// WithFile renames the file in a proposal error, for callers that read
// CODEOWNERS from .github/ or docs/, or MAINTAINERS.yml under another name.
func WithFile(err error, file string) error {
	var e *model.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &model.Error{Diagnostics: append([]model.Diagnostic(nil), e.Diagnostics...)}
	for i := range out.Diagnostics {
		out.Diagnostics[i].Pos.File = file
	}
	return out
}

// dedupe drops repeated strings, keeping the first.
func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
