package model

import (
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// index holds the lookup tables. Values are positions in Model.People and
// Model.Modules rather than pointers so a copied Model stays consistent.
type index struct {
	byID     map[string]int
	byEmail  map[string]int // lower-case
	byGitHub map[string]int // lower-case: GitHub logins ignore case
	byGerrit map[string]int
	// globs buckets module path patterns by their literal directory prefix,
	// so ModulesFor tests only the patterns that could match a path instead
	// of every pattern of every module (Zephyr has thousands).
	globs map[string][]glob
}

type glob struct {
	pattern string
	module  int
}

// Reindex rebuilds the lookup tables. Load calls it; call it yourself after
// changing People or Modules of a loaded Model, and before sharing a Model
// built by hand between goroutines (otherwise the first lookup builds it).
func (m *Model) Reindex() {
	ix := &index{
		byID:     map[string]int{},
		byEmail:  map[string]int{},
		byGitHub: map[string]int{},
		byGerrit: map[string]int{},
		globs:    map[string][]glob{},
	}
	for i, p := range m.People {
		first(ix.byID, p.ID, i)
		for _, e := range p.Emails {
			first(ix.byEmail, strings.ToLower(e), i)
		}
		first(ix.byGitHub, strings.ToLower(p.GitHub), i)
		first(ix.byGerrit, p.Gerrit, i)
	}
	for i, mod := range m.Modules {
		for _, p := range mod.Paths {
			k := literalDir(p)
			ix.globs[k] = append(ix.globs[k], glob{pattern: p, module: i})
		}
	}
	m.idx = ix
}

// first keeps the first entry: that is the one validation did not reject.
func first(m map[string]int, key string, i int) {
	if key == "" {
		return
	}
	if _, ok := m[key]; !ok {
		m[key] = i
	}
}

func (m *Model) index() *index {
	if m.idx == nil {
		m.Reindex()
	}
	return m.idx
}

func (m *Model) person(tab map[string]int, key string) (*Person, bool) {
	i, ok := tab[key]
	if !ok || i >= len(m.People) {
		return nil, false
	}
	return &m.People[i], true
}

// PersonByID finds a person by model id.
func (m *Model) PersonByID(id string) (*Person, bool) {
	return m.person(m.index().byID, id)
}

// PersonByEmail finds a person by any of their addresses, ignoring case.
func (m *Model) PersonByEmail(email string) (*Person, bool) {
	return m.person(m.index().byEmail, strings.ToLower(strings.TrimSpace(email)))
}

// PersonByGitHub finds a person by GitHub login, ignoring case (as GitHub
// does) and a leading "@".
func (m *Model) PersonByGitHub(login string) (*Person, bool) {
	return m.person(m.index().byGitHub, strings.ToLower(strings.TrimPrefix(login, "@")))
}

// PersonByGerrit finds a person by Gerrit username.
func (m *Model) PersonByGerrit(username string) (*Person, bool) {
	return m.person(m.index().byGerrit, username)
}

// PersonByRef resolves a reference as the model writes them (module
// maintainers, security_architect, bots): a person id or an e-mail.
func (m *Model) PersonByRef(ref string) (*Person, bool) {
	if p, ok := m.PersonByID(ref); ok {
		return p, true
	}
	return m.PersonByEmail(ref)
}

// ModulesFor returns the modules a repository path (slash-separated,
// relative to the root) belongs to, in model order. A path may belong to
// several modules, or to none.
func (m *Model) ModulesFor(p string) []*Module {
	ix := m.index()
	p = strings.TrimPrefix(p, "./")
	hit := map[int]bool{}
	try := func(key string) {
		for _, g := range ix.globs[key] {
			if !hit[g.module] && doublestar.MatchUnvalidated(g.pattern, p) {
				hit[g.module] = true
			}
		}
	}
	try("")
	for i := 0; i < len(p); i++ {
		if p[i] == '/' {
			try(p[:i])
		}
	}
	try(p)
	if len(hit) == 0 {
		return nil
	}
	ids := make([]int, 0, len(hit))
	for i := range hit {
		ids = append(ids, i)
	}
	sort.Ints(ids)
	out := make([]*Module, 0, len(ids))
	for _, i := range ids {
		if i < len(m.Modules) {
			out = append(out, &m.Modules[i])
		}
	}
	return out
}

// literalDir is the directory part of a pattern before its first wildcard:
// "drivers/net/**" -> "drivers/net", "**/*.c" -> "", "CODEOWNERS" -> "".
// Every path the pattern matches has this prefix as an ancestor directory
// (or is it), which is what ModulesFor's bucket lookup relies on.
func literalDir(pattern string) string {
	lit := pattern
	if i := strings.IndexAny(pattern, "*?[{\\"); i >= 0 {
		lit = pattern[:i]
		j := strings.LastIndexByte(lit, '/')
		if j < 0 {
			return ""
		}
		return lit[:j]
	}
	// No wildcard: the pattern is a path; bucket it under itself so the
	// exact path finds it.
	return lit
}
