package vuln

import (
	"fmt"
	"math"
	"os"
	"slices"
	"sort"

	"github.com/assure-dev/assure/internal/model"
)

// ConfigFile is where a project keeps its issue management configuration,
// relative to the repository root.
const ConfigFile = "security/issue-management.yaml"

// ReadConfig reads and checks the configuration file at path; name is how
// diagnostics call it (usually ConfigFile). A missing file is the defaults.
func ReadConfig(path, name string) (Config, error) {
	// assure: waive W-0040 -- the repository's issue-management.yaml
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return Config{}.Defaults(), nil
	}
	if err != nil {
		return Config{}, err
	}
	return LoadConfig(name, data)
}

// LoadConfig parses a configuration written in YAML and checks it. Every
// problem is reported at once, as file:line:col: message (hint: …), in a
// *model.Error.
func LoadConfig(file string, data []byte) (Config, error) {
	doc, err := model.ParseDocument(file, data)
	if err != nil {
		return Config{}, err
	}
	l := &loader{doc: doc}
	var c Config
	l.object("", doc.Value, map[string]func(string, any){
		"prefix":      func(p string, v any) { c.Prefix = l.str(p, v) },
		"repository":  func(p string, v any) { c.Repository = l.str(p, v) },
		"main_branch": func(p string, v any) { c.MainBranch = l.str(p, v) },
		"publisher": func(p string, v any) {
			l.object(p, v, map[string]func(string, any){
				"name":      func(p string, v any) { c.Publisher.Name = l.str(p, v) },
				"namespace": func(p string, v any) { c.Publisher.Namespace = l.str(p, v) },
			})
		},
		"embargo": func(p string, v any) {
			l.object(p, v, map[string]func(string, any){
				"days": func(p string, v any) { c.Embargo.Days = int(l.integer(p, v)) },
				"warn_days": func(p string, v any) {
					c.Embargo.WarnDays = []int{}
					l.list(p, v, func(p string, v any) { c.Embargo.WarnDays = append(c.Embargo.WarnDays, int(l.integer(p, v))) })
				},
				"at_end": func(p string, v any) { c.Embargo.AtEnd = l.str(p, v) },
			})
		},
		"attachments": func(p string, v any) {
			l.object(p, v, map[string]func(string, any){
				"max_bytes": func(p string, v any) { c.Attachments.MaxBytes = l.integer(p, v) },
				"max_count": func(p string, v any) { c.Attachments.MaxCount = int(l.integer(p, v)) },
			})
		},
		"releases": func(p string, v any) {
			l.list(p, v, func(p string, v any) {
				var r Release
				l.object(p, v, map[string]func(string, any){
					"name":       func(p string, v any) { r.Name = l.str(p, v) },
					"branch":     func(p string, v any) { r.Branch = l.str(p, v) },
					"maintained": func(p string, v any) { r.Maintained = l.boolean(p, v) },
					"lts":        func(p string, v any) { r.LTS = l.boolean(p, v) },
					"managers": func(p string, v any) {
						l.list(p, v, func(p string, v any) { r.Managers = append(r.Managers, l.str(p, v)) })
					},
				})
				c.Releases = append(c.Releases, r)
			})
		},
	})
	if len(l.ds) == 0 {
		// Checked as written, so a pointer into warn_days names the entry
		// the user wrote; sorted after.
		c = c.Defaults()
		for _, pr := range c.check() {
			l.add(pr.ptr, pr.hint, "%s", pr.msg)
		}
		c.Embargo.WarnDays = c.warnDays()
	}
	if len(l.ds) > 0 {
		return Config{}, &model.Error{Diagnostics: l.ds}
	}
	return c, nil
}

// CheckManagers reports release managers the model does not know.
func (c Config) CheckManagers(m *model.Model) error {
	var ds []model.Diagnostic
	for _, r := range c.Releases {
		for _, id := range r.Managers {
			if _, ok := m.PersonByID(id); !ok {
				ds = append(ds, model.Diagnostic{Message: fmt.Sprintf("release %s: manager %q is not a person of the model", r.Name, id), Hint: "use a person id from the model's people"})
			}
		}
	}
	if len(ds) > 0 {
		return &model.Error{Diagnostics: ds}
	}
	return nil
}

type loader struct {
	doc *model.Document
	ds  []model.Diagnostic
}

func (l *loader) add(ptr, hint, format string, a ...any) {
	l.ds = append(l.ds, model.Diagnostic{Pos: l.doc.Pos(ptr), Message: fmt.Sprintf(format, a...), Hint: hint})
}

func (l *loader) object(ptr string, v any, fields map[string]func(string, any)) {
	if v == nil && ptr == "" {
		return // an empty file is the defaults
	}
	m, ok := v.(map[string]any)
	if !ok {
		l.add(ptr, "write a mapping of keys to values", "expected a mapping, found %s", kind(v))
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := model.Pointer(ptr, k)
		f, ok := fields[k]
		if !ok {
			known := make([]string, 0, len(fields))
			for n := range fields {
				known = append(known, n)
			}
			slices.Sort(known)
			l.ds = append(l.ds, model.Diagnostic{Pos: l.doc.KeyPos(p), Message: fmt.Sprintf("unknown key %q", k), Hint: fmt.Sprintf("known keys here: %v", known)})
			continue
		}
		f(p, m[k])
	}
}

func (l *loader) list(ptr string, v any, item func(string, any)) {
	xs, ok := v.([]any)
	if !ok {
		l.add(ptr, "write a list", "expected a list, found %s", kind(v))
		return
	}
	for i, x := range xs {
		item(model.Pointer(ptr, fmt.Sprint(i)), x)
	}
}

func (l *loader) str(ptr string, v any) string {
	s, ok := v.(string)
	if !ok {
		l.add(ptr, "quote the value", "expected a string, found %s", kind(v))
	}
	return s
}

func (l *loader) integer(ptr string, v any) int64 {
	switch n := v.(type) {
	case int64:
		if n >= math.MinInt32 && n <= math.MaxInt32 || ptr == "/attachments/max_bytes" {
			return n
		}
	case uint64:
		if n <= math.MaxInt32 {
			return int64(n)
		}
	default:
		l.add(ptr, "write a whole number", "expected an integer, found %s", kind(v))
		return 0
	}
	l.add(ptr, "write a smaller number", "integer out of range")
	return 0
}

func (l *loader) boolean(ptr string, v any) bool {
	b, ok := v.(bool)
	if !ok {
		l.add(ptr, "write true or false", "expected true or false, found %s", kind(v))
	}
	return b
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, uint64:
		return "an integer"
	case float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}
