package scaffold

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// MaintainersFile is the name proposal errors use for Zephyr's file.
const MaintainersFile = "MAINTAINERS.yml"

var githubLogin = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*$`)

// ProposeFromMaintainers reads Zephyr's MAINTAINERS.yml: a mapping of area
// name to {status, maintainers, collaborators, files, files-regex, labels,
// ...}. Maintainers and collaborators become people (GitHub login as id;
// roles maintainer and contributor); every area with files becomes a module
// whose id is the slugified area name. "files" entries ending in "/" mean
// the whole directory and become dir/**; other entries are exact paths or
// globs. files-regex and files-exclude have no glob equivalent and are
// ignored, so a proposed module may be wider than the area. Modules are
// proposed as not security relevant. The result is sorted by id. Errors are
// a *model.Error naming MAINTAINERS.yml and the line.
func ProposeFromMaintainers(data []byte) ([]model.Person, []model.Module, error) {
	doc, err := model.ParseDocument(MaintainersFile, data)
	if err != nil {
		return nil, nil, err
	}
	fail := func(ptr, msg, hint string) error {
		return posError(doc.Pos(ptr), msg, hint)
	}
	areas, ok := doc.Value.(map[string]any)
	if !ok {
		return nil, nil, fail("", "expected a mapping of area names to areas", "is this Zephyr's MAINTAINERS.yml?")
	}
	names := make([]string, 0, len(areas))
	for n := range areas {
		names = append(names, n)
	}
	sort.Strings(names)
	ps := newPeople()
	ids := uniquer{}
	var modules []model.Module
	for _, name := range names {
		ptr := model.Pointer("", name)
		area, ok := areas[name].(map[string]any)
		if !ok {
			return nil, nil, fail(ptr, fmt.Sprintf("area %q: expected a mapping with maintainers and files", name), "")
		}
		field := func(key string) ([]string, error) {
			return stringList(doc, area, ptr, name, key)
		}
		maint, err := field("maintainers")
		if err != nil {
			return nil, nil, err
		}
		collab, err := field("collaborators")
		if err != nil {
			return nil, nil, err
		}
		files, err := field("files")
		if err != nil {
			return nil, nil, err
		}
		var maintIDs []string
		for i, login := range maint {
			login = strings.TrimPrefix(login, "@")
			if !githubLogin.MatchString(login) {
				return nil, nil, fail(itemPtr(ptr, "maintainers", i), fmt.Sprintf("area %q: %q is not a GitHub login", name, login), "maintainers list GitHub logins")
			}
			maintIDs = append(maintIDs, ps.github(login, model.RoleMaintainer))
		}
		for i, login := range collab {
			login = strings.TrimPrefix(login, "@")
			if !githubLogin.MatchString(login) {
				return nil, nil, fail(itemPtr(ptr, "collaborators", i), fmt.Sprintf("area %q: %q is not a GitHub login", name, login), "collaborators list GitHub logins")
			}
			ps.github(login, model.RoleContributor)
		}
		var paths []string
		for i, f := range files {
			p, err := zephyrPath(f)
			if err != nil {
				return nil, nil, fail(itemPtr(ptr, "files", i), fmt.Sprintf("area %q: files entry %q: %v", name, f, err), "")
			}
			paths = append(paths, p)
		}
		if len(paths) == 0 {
			continue // an area defined only by files-regex cannot be a module
		}
		modules = append(modules, model.Module{
			ID:          ids.take(slugify(name, "module")),
			Name:        oneLine(name),
			Paths:       dedupe(paths),
			Maintainers: dedupe(maintIDs),
		})
	}
	sortModules(modules)
	return ps.finish(), modules, nil
}

func itemPtr(area, key string, i int) string {
	return model.Pointer(model.Pointer(area, key), fmt.Sprint(i))
}

// stringList reads an optional list of strings; a single string is
// accepted as a list of one, as people write it that way.
func stringList(doc *model.Document, area map[string]any, ptr, name, key string) ([]string, error) {
	switch v := area[key].(type) {
	case nil:
		return nil, nil
	case string:
		return []string{v}, nil
	case []any:
		out := make([]string, 0, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, posError(doc.Pos(itemPtr(ptr, key, i)),
					fmt.Sprintf("area %q: %s[%d] must be text", name, key, i), "quote the value")
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out, nil
	default:
		return nil, posError(doc.Pos(model.Pointer(ptr, key)),
			fmt.Sprintf("area %q: %s must be a list", name, key), `write one "- item" per line`)
	}
}

// zephyrPath converts a files entry: "dir/" is everything below dir,
// anything else must match exactly (globs allowed).
func zephyrPath(f string) (string, error) {
	p := strings.TrimPrefix(strings.TrimLeft(strings.TrimPrefix(f, "./"), "/"), "./")
	if p == "" {
		return "", fmt.Errorf("names no path")
	}
	if strings.HasSuffix(p, "/") {
		p = strings.TrimRight(p, "/") + "/**"
	}
	if err := model.ValidateModulePath(p); err != nil {
		return "", err
	}
	return p, nil
}
