package model

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// validateSemantics checks what a schema cannot: uniqueness across files,
// references between people and modules, and values that must parse.
func validateSemantics(m *Model, s sources, opts LoadOptions) diags {
	var ds diags
	refs := checkPeople(m, s, &ds)
	checkModules(m, s, refs, &ds)
	checkPolicy(m, s.root, refs, opts, &ds)
	checkTracker(m, s.root, &ds)
	checkAnalysis(m, s.root, refs, &ds)
	checkComplexity(m, s.root, refs, &ds)
	checkKconfig(m, s.root, refs, &ds)
	checkThreatModel(m, s.root, refs, &ds)
	return ds
}

// checkTracker refuses settings that could never be met: a tracker of kind
// none answers no question about states, so every reference would fail.
func checkTracker(m *Model, root src, ds *diags) {
	t := m.Project.Tracker
	if (t.Kind == "" || t.Kind == "none") && len(t.States) > 0 {
		ds.add(root.pos("/project/tracker/states"), "tracker states are set but tracker.kind is none, which checks references only for their form",
			"set tracker.kind to file, github, jira or server so states can be looked up, or remove states")
	}
}

// personRefs resolves the ways a model names a person: id or e-mail.
type personRefs struct {
	byID    map[string]int
	byEmail map[string]int
	ids     []string
}

func (r personRefs) resolve(ref string) (int, bool) {
	if i, ok := r.byID[ref]; ok {
		return i, true
	}
	i, ok := r.byEmail[strings.ToLower(ref)]
	return i, ok
}

func checkPeople(m *Model, s sources, ds *diags) personRefs {
	refs := personRefs{byID: map[string]int{}, byEmail: map[string]int{}}
	github := map[string]int{}
	gerrit := map[string]int{}
	for i, p := range m.People {
		ps := s.people[i]
		if first, dup := refs.byID[p.ID]; dup {
			ds.add(ps.pos("/id"), fmt.Sprintf("duplicate person id %q", p.ID),
				"first defined at "+s.people[first].pos("/id").String())
		} else {
			refs.byID[p.ID] = i
			refs.ids = append(refs.ids, p.ID)
		}
		for j, e := range p.Emails {
			key := strings.ToLower(e)
			if first, dup := refs.byEmail[key]; dup {
				if first != i {
					ds.add(ps.pos("/emails/"+strconv.Itoa(j)), fmt.Sprintf("e-mail %q is already listed for person %q", e, m.People[first].ID),
						"an address identifies one person; remove it from one of them ("+s.people[first].pos("").String()+")")
				}
				continue
			}
			refs.byEmail[key] = i
		}
		unique(ds, github, strings.ToLower(p.GitHub), i, ps.pos("/github"), "GitHub login", p.GitHub, m, s)
		unique(ds, gerrit, p.Gerrit, i, ps.pos("/gerrit"), "Gerrit username", p.Gerrit, m, s)
	}
	sort.Strings(refs.ids)
	return refs
}

// unique reports a handle (GitHub login, Gerrit user) claimed by two
// people: a review by that handle could not be attributed.
func unique(ds *diags, seen map[string]int, key string, i int, at Pos, what, shown string, m *Model, s sources) {
	if key == "" {
		return
	}
	if first, dup := seen[key]; dup {
		ds.add(at, fmt.Sprintf("%s %q is already used by person %q", what, shown, m.People[first].ID),
			"each account belongs to one person ("+s.people[first].pos("").String()+")")
		return
	}
	seen[key] = i
}

func checkModules(m *Model, s sources, refs personRefs, ds *diags) {
	ids := map[string]int{}
	for i, mod := range m.Modules {
		ms := s.modules[i]
		if first, dup := ids[mod.ID]; dup {
			ds.add(ms.pos("/id"), fmt.Sprintf("duplicate module id %q", mod.ID),
				"first defined at "+s.modules[first].pos("/id").String())
		} else {
			ids[mod.ID] = i
		}
		for j, p := range mod.Paths {
			if msg, hint := checkGlob(p); msg != "" {
				ds.add(ms.pos("/paths/"+strconv.Itoa(j)), msg, hint)
			}
		}
		for j, ref := range mod.Maintainers {
			if _, ok := refs.resolve(ref); !ok {
				unknownPerson(ds, ms.pos("/maintainers/"+strconv.Itoa(j)), "maintainer", ref, refs)
			}
		}
		if mod.SecurityArchitect == "" {
			if mod.SecurityRelevant {
				ds.add(ms.pos(""), fmt.Sprintf("module %q is security relevant but has no security_architect", mod.ID),
					"add security_architect: <person id>")
			}
			continue
		}
		at := ms.pos("/security_architect")
		pi, ok := refs.resolve(mod.SecurityArchitect)
		if !ok {
			unknownPerson(ds, at, "security_architect", mod.SecurityArchitect, refs)
			continue
		}
		if p := m.People[pi]; !p.HasRole(RoleSecurityArchitect) {
			ds.add(at, fmt.Sprintf("security_architect %q of module %q lacks the role %s", mod.SecurityArchitect, mod.ID, RoleSecurityArchitect),
				fmt.Sprintf("add %s to the roles of %q (%s)", RoleSecurityArchitect, p.ID, s.people[pi].pos("").String()))
		}
	}
}

func unknownPerson(ds *diags, at Pos, what, ref string, refs personRefs) {
	hint := "name a person by id or by one of their e-mails"
	if best := closest(ref, refs.ids); best != "" {
		hint = fmt.Sprintf("did you mean %q? %s", best, hint)
	}
	ds.add(at, fmt.Sprintf("%s %q is not a person in the model", what, ref), hint)
}

// ValidID reports whether id can name a person or module.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// idPattern must agree with $defs/id in schema.json.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ValidateModulePath reports why p cannot be a module path, or returns nil.
// Tools that generate models (assure init) use it to stay valid.
func ValidateModulePath(p string) error {
	if msg, hint := checkGlob(p); msg != "" {
		return errors.New(Diagnostic{Message: msg, Hint: hint}.String())
	}
	return nil
}

// checkGlob explains why a module path cannot match repository paths.
// A backslash is allowed: doublestar reads it as an escape ("\\*").
func checkGlob(p string) (msg, hint string) {
	switch {
	case p == "":
		return "path is empty", "write a glob relative to the repository root"
	case !doublestar.ValidatePattern(p):
		return fmt.Sprintf("path %q is not a valid glob", p), "check brackets and braces; ** matches any number of directories"
	case strings.HasPrefix(p, "/"), strings.HasPrefix(p, "./"):
		return fmt.Sprintf("path %q must be relative to the repository root", p),
			fmt.Sprintf("write %q", strings.TrimLeft(strings.TrimPrefix(p, "."), "/"))
	case p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "/../"):
		return fmt.Sprintf("path %q leaves the repository", p), ""
	case strings.HasSuffix(p, "/"):
		return fmt.Sprintf("path %q ends with /", p), fmt.Sprintf("write %q for everything below the directory", p+"**")
	}
	return "", ""
}

func checkPolicy(m *Model, root src, refs personRefs, opts LoadOptions, ds *diags) {
	cm := root.child("/policy/change_management")
	for i, pat := range m.Policy.ChangeManagement.Patterns {
		at := cm.pos("/patterns/" + strconv.Itoa(i))
		re, err := regexp.Compile(pat)
		if err != nil {
			ds.add(at, "invalid regular expression: "+strings.TrimPrefix(err.Error(), "error parsing regexp: "),
				"patterns use Go regexp syntax (RE2)")
			continue
		}
		if re.SubexpIndex("ref") < 0 {
			ds.add(at, "pattern has no named group \"ref\"",
				`capture the reference with (?P<ref>...), e.g. `+"`"+`\bFixes #(?P<ref>\d+)`+"`")
		}
	}
	checkBots(ds, cm.child("/bots"), m.Policy.ChangeManagement.Bots, refs)
	cr := root.child("/policy/code_review")
	checkBots(ds, cr.child("/bots"), m.Policy.CodeReview.Bots, refs)
	if n := m.Policy.CodeReview.MinApprovals; n < 0 {
		ds.add(cr.pos("/min_approvals"), fmt.Sprintf("policy.code_review.min_approvals: must not be negative, got %d", n),
			"1 or more independent approvals per change")
	}
	known := map[string]bool{}
	for _, c := range opts.KnownChecks {
		known[c] = true
	}
	known2 := append([]string(nil), opts.KnownChecks...)
	sort.Strings(known2)
	names := make([]string, 0, len(m.Policy.Profiles))
	for n := range m.Policy.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !profileName.MatchString(n) {
			ds.add(root.idx.keyAt(root.file, "/policy/profiles/"+escapePtr(n)), fmt.Sprintf("invalid profile name %q", n),
				"profile names start with a letter or digit and use letters, digits, '_' and '-'")
		}
		if opts.KnownChecks == nil {
			continue
		}
		for i, c := range m.Policy.Profiles[n].Checks {
			if known[c] {
				continue
			}
			hint := "known checks: " + strings.Join(known2, ", ")
			if best := closest(c, known2); best != "" {
				hint = fmt.Sprintf("did you mean %q? %s", best, hint)
			}
			ds.add(root.pos("/policy/profiles/"+escapePtr(n)+"/checks/"+strconv.Itoa(i)),
				fmt.Sprintf("profile %q names unknown check %q", n, c), hint)
		}
	}
}

// profileName is checked here rather than with the schema's propertyNames:
// jsonschema/v6 reports propertyNames errors with an instance location that
// later validation overwrites, so the position would be wrong.
var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// checkBots: an address may name any account (bots rarely are people in the
// model), but a bare word must be the id of a person.
func checkBots(ds *diags, s src, bots []string, refs personRefs) {
	for i, b := range bots {
		if strings.Contains(b, "@") {
			continue
		}
		if _, ok := refs.byID[b]; !ok {
			unknownPerson(ds, s.pos("/"+strconv.Itoa(i)), "bot", b, refs)
		}
	}
}
