package scaffold

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// CodeownersFile is the name proposal errors use for a CODEOWNERS file.
const CodeownersFile = "CODEOWNERS"

var (
	teamOwner  = regexp.MustCompile(`^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$`)
	emailOwner = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)
	// gitlabSection is a GitLab section header ("[Docs]", "^[Docs][2] @x"),
	// which GitHub does not have; it carries no pattern.
	gitlabSection = regexp.MustCompile(`^\^?\[[^\]]*\](\[\d+\])?(\s|$)`)
)

// ProposeFromCodeowners reads a GitHub CODEOWNERS file: one pattern per line
// followed by owners (@user, @org/team or an e-mail), # comments. Users
// become people with their login as id; e-mail owners become people with
// an id made from the address; teams cannot be resolved to people and are
// left out. Every pattern with a person among its owners becomes a module
// named after the pattern, its gitignore-style pattern converted to
// doublestar globs (see codeownersGlobs). When a pattern appears twice the
// later line wins, as on GitHub. Modules are proposed as not security
// relevant. The result is sorted by id. Errors are a *model.Error naming
// CODEOWNERS and the line.
func ProposeFromCodeowners(data []byte) ([]model.Person, []model.Module, error) {
	type entry struct {
		pattern string
		paths   []string
		owners  []string // person ids, filled after all lines are read
		emails  []*model.Person
		line    int
	}
	ps := newPeople()
	var entries []*entry
	byPattern := map[string]int{}
	for n, raw := range strings.Split(string(data), "\n") {
		line := n + 1
		text := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if text == "" || strings.HasPrefix(text, "#") || gitlabSection.MatchString(text) {
			continue
		}
		pattern, rest := splitPattern(text)
		if strings.HasPrefix(pattern, "!") {
			return nil, nil, parseError(CodeownersFile, line, fmt.Sprintf("negated pattern %q", pattern), "CODEOWNERS does not support !; remove the line")
		}
		paths, err := codeownersGlobs(pattern)
		if err != nil {
			return nil, nil, parseError(CodeownersFile, line, fmt.Sprintf("pattern %q: %v", pattern, err), "")
		}
		e := &entry{pattern: pattern, paths: paths, line: line}
		for _, o := range strings.Fields(rest) {
			if strings.HasPrefix(o, "#") {
				break
			}
			switch {
			case teamOwner.MatchString(o):
				// A team is not a person; the model cannot name it.
			case strings.HasPrefix(o, "@") && githubLogin.MatchString(o[1:]):
				e.owners = append(e.owners, ps.github(o[1:], model.RoleMaintainer))
			case emailOwner.MatchString(o) && !strings.HasPrefix(o, "@"):
				e.emails = append(e.emails, ps.email(o, model.RoleMaintainer))
			default:
				return nil, nil, parseError(CodeownersFile, line, fmt.Sprintf("owner %q is neither @user, @org/team nor an e-mail address", o), "")
			}
		}
		if i, ok := byPattern[pattern]; ok {
			entries[i] = nil // the later rule replaces the earlier one
		}
		byPattern[pattern] = len(entries)
		entries = append(entries, e)
	}
	people := ps.finish()
	ids := uniquer{}
	var modules []model.Module
	for _, e := range entries {
		if e == nil {
			continue
		}
		owners := e.owners
		for _, p := range e.emails {
			owners = append(owners, p.ID)
		}
		if len(owners) == 0 {
			continue // unowned, or owned by teams only
		}
		modules = append(modules, model.Module{
			ID:          ids.take(slugify(strings.NewReplacer("*", " ", ".", " ").Replace(e.pattern), "all")),
			Name:        e.pattern,
			Paths:       e.paths,
			Maintainers: dedupe(owners),
		})
	}
	sortModules(modules)
	return people, modules, nil
}

// splitPattern cuts the pattern off a line. A backslash escapes the next
// character, so "\ " is a space in the pattern and "\#" a literal '#'.
func splitPattern(text string) (pattern, rest string) {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\t' || text[i+1] == '#'):
			b.WriteByte(text[i+1])
			i++
		case c == ' ' || c == '\t':
			return b.String(), text[i:]
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}

// codeownersGlobs converts a gitignore-style pattern, as CODEOWNERS uses
// them, to doublestar globs relative to the repository root:
//
//   - a leading "/" or a "/" inside the pattern anchors it at the root;
//     otherwise it matches at any depth and gets a "**/" prefix;
//   - a trailing "/" means a directory: dir/**;
//   - a pattern ending in a plain name may name a file or a directory, so
//     it yields both name and name/** — unless the name has an extension
//     (README.md) or a wildcard ("docs/*" does not reach into
//     subdirectories on GitHub).
func codeownersGlobs(pattern string) ([]string, error) {
	p := pattern
	dir := strings.HasSuffix(p, "/")
	p = strings.TrimRight(p, "/")
	anchored := strings.HasPrefix(p, "/") || strings.Contains(strings.TrimLeft(p, "/"), "/")
	p = strings.TrimLeft(p, "/")
	if p == "" {
		return []string{"**"}, nil
	}
	if !anchored && !strings.HasPrefix(p, "**") {
		p = "**/" + p
	}
	last := p[strings.LastIndexByte(p, '/')+1:]
	var out []string
	switch {
	case dir:
		out = []string{p + "/**"}
	case last == "**" || strings.ContainsAny(last, "*?[") || (strings.Contains(last, ".") && !strings.HasPrefix(last, ".")):
		out = []string{p}
	default:
		out = []string{p, p + "/**"}
	}
	for _, g := range out {
		if err := model.ValidateModulePath(g); err != nil {
			return nil, err
		}
	}
	return out, nil
}
