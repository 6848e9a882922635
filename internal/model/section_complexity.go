package model

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Complexity is the `complexity` section of the root model file: the
// budgets of cyclomatic complexity (CCN) per function, globally, per
// language and per module, and the functions accepted above them (issue
// #4). Its schema is sections/complexity.schema.json.
type Complexity struct {
	// MaxCCN is the budget of every function no other budget covers; 0
	// means none.
	MaxCCN    int                         `yaml:"max_ccn,omitempty" json:"max_ccn,omitempty"`
	Languages map[string]ComplexityBudget `yaml:"languages,omitempty" json:"languages,omitempty"`
	Modules   map[string]ModuleComplexity `yaml:"modules,omitempty" json:"modules,omitempty"`
	// Exceptions are functions accepted above their budget.
	Exceptions []ComplexityException `yaml:"exceptions,omitempty" json:"exceptions,omitempty"`
	// Exclude are globs of files the check does not analyse.
	Exclude []string `yaml:"exclude,omitempty" json:"exclude,omitempty"`
}

// ComplexityBudget is a budget for one language.
type ComplexityBudget struct {
	MaxCCN int `yaml:"max_ccn" json:"max_ccn"`
}

// ModuleComplexity is the budget of one module, overall and per language.
type ModuleComplexity struct {
	MaxCCN    int                         `yaml:"max_ccn,omitempty" json:"max_ccn,omitempty"`
	Languages map[string]ComplexityBudget `yaml:"languages,omitempty" json:"languages,omitempty"`
}

// ComplexityException accepts one function above its budget, up to its
// own MaxCCN, for a reason. Waiver names the waiver record that approved
// it, when the project keeps one.
type ComplexityException struct {
	File     string `yaml:"file" json:"file"`
	Function string `yaml:"function" json:"function"`
	MaxCCN   int    `yaml:"max_ccn" json:"max_ccn"`
	Reason   string `yaml:"reason" json:"reason"`
	Waiver   string `yaml:"waiver,omitempty" json:"waiver,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// ComplexityLanguages are the language names budgets may use; they match
// what the analyzer calls languages.
var ComplexityLanguages = []string{"c", "cpp", "go"}

// HasBudget reports whether any budget is set.
func (c Complexity) HasBudget() bool {
	if c.MaxCCN > 0 || len(c.Languages) > 0 {
		return true
	}
	for _, m := range c.Modules {
		if m.MaxCCN > 0 || len(m.Languages) > 0 {
			return true
		}
	}
	return false
}

// checkComplexity holds the rules of the complexity section that a schema
// cannot express: language names, module ids, file paths and globs, and
// one exception per function.
func checkComplexity(m *Model, root src, refs personRefs, ds *diags) {
	c := &m.Complexity
	base := root.child("/complexity")
	checkBudgetLanguages(ds, base, "/languages", c.Languages)
	modules := make([]string, 0, len(m.Modules))
	known := map[string]bool{}
	for _, mod := range m.Modules {
		modules = append(modules, mod.ID)
		known[mod.ID] = true
	}
	sort.Strings(modules)
	for _, id := range complexityKeys(c.Modules) {
		ptr := "/modules/" + escapePtr(id)
		if !known[id] {
			hint := "complexity.modules names modules by their id under modules:"
			if best := closest(id, modules); best != "" {
				hint = fmt.Sprintf("did you mean %q? %s", best, hint)
			}
			ds.add(base.idx.keyAt(base.file, base.ptr+ptr), fmt.Sprintf("complexity budget for unknown module %q", id), hint)
		}
		checkBudgetLanguages(ds, base, ptr+"/languages", c.Modules[id].Languages)
	}
	seen := map[string]int{}
	for i := range c.Exceptions {
		e := &c.Exceptions[i]
		at := "/exceptions/" + strconv.Itoa(i)
		e.Pos = base.pos(at)
		if msg, hint := checkExceptionPath(e.File); msg != "" {
			ds.add(base.pos(at+"/file"), msg, hint)
		}
		key := path.Clean(e.File) + "\x00" + e.Function
		if first, dup := seen[key]; dup {
			ds.add(base.pos(at), fmt.Sprintf("a second exception for function %q in %s", e.Function, e.File),
				"one exception per function; the first is at "+base.pos("/exceptions/"+strconv.Itoa(first)).String())
			continue
		}
		seen[key] = i
	}
	for i, g := range c.Exclude {
		if msg, hint := checkGlob(g); msg != "" {
			ds.add(base.pos("/exclude/"+strconv.Itoa(i)), msg, hint)
		}
	}
}

func checkBudgetLanguages(ds *diags, base src, ptr string, langs map[string]ComplexityBudget) {
	for _, l := range complexityKeys(langs) {
		ok := false
		for _, k := range ComplexityLanguages {
			ok = ok || k == l
		}
		if !ok {
			hint := "languages are " + strings.Join(ComplexityLanguages, ", ") + " (c covers .h headers)"
			if best := closest(l, ComplexityLanguages); best != "" {
				hint = fmt.Sprintf("did you mean %q? %s", best, hint)
			}
			ds.add(base.idx.keyAt(base.file, base.ptr+ptr+"/"+escapePtr(l)), fmt.Sprintf("unknown language %q", l), hint)
		}
	}
}

// checkExceptionPath explains why p cannot name a file of the repository.
func checkExceptionPath(p string) (msg, hint string) {
	switch {
	case strings.HasPrefix(p, "/"), strings.HasPrefix(p, "./"):
		return fmt.Sprintf("path %q must be relative to the repository root", p),
			fmt.Sprintf("write %q", strings.TrimLeft(strings.TrimPrefix(p, "."), "/"))
	case p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "/../"):
		return fmt.Sprintf("path %q leaves the repository", p), ""
	case strings.ContainsAny(p, "*?[{"):
		return fmt.Sprintf("path %q is a glob; an exception names one file", p), "write the file's path"
	}
	return "", ""
}

func complexityKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
