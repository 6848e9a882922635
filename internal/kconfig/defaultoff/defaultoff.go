package defaultoff

import (
	"fmt"
	"path"
	"sort"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
	"github.com/assure-dev/assure/internal/model"
)

// Area is a part of the tree that holds services, protocols or drivers.
type Area struct {
	// Kind is services, protocols or drivers.
	Kind string
	// Paths are globs of Kconfig files, relative to the source tree.
	Paths []string
	// Menus are menu titles (globs allowed): options in such a menu, or in
	// a menu below it, belong to the area.
	Menus []string
}

// Common is an option the model accepts as on by default, and why.
type Common struct {
	Symbol string
	Reason string
	Pos    model.Pos
}

// Finding is an option on by default in an area.
type Finding struct {
	Symbol string     `json:"symbol"`
	Kind   string     `json:"kind"`
	Prompt string     `json:"prompt"`
	Pos    symtab.Pos `json:"pos"`
	// Because says how the option belongs to the area ("Kconfig file
	// drivers/** ", "menu Device Drivers").
	Because string `json:"because"`
	// Default is the default that can turn it on, as written.
	Default string `json:"default"`
	// Accepted is the reason when the model lists the option as common.
	Accepted string `json:"accepted,omitempty"`
}

// Report is the outcome over a whole tree.
type Report struct {
	// Checked counts the options the areas hold.
	Checked  int       `json:"checked"`
	Findings []Finding `json:"findings"`
	// Stale lists common entries that accept nothing: the option is not in
	// an area or is no longer on by default.
	Stale []Common `json:"stale,omitempty"`
}

// Open counts the findings the model does not accept.
func (r *Report) Open() int {
	n := 0
	for _, f := range r.Findings {
		if f.Accepted == "" {
			n++
		}
	}
	return n
}

// Check looks at every option of t in the areas.
func Check(t *symtab.Table, areas []Area, common []Common) (*Report, error) {
	for _, a := range areas {
		for _, p := range a.Paths {
			if !doublestar.ValidatePattern(p) {
				return nil, fmt.Errorf("area %s: path %q is not a valid glob", a.Kind, p)
			}
		}
		for _, m := range a.Menus {
			if _, err := path.Match(m, ""); err != nil {
				return nil, fmt.Errorf("area %s: menu %q is not a valid pattern", a.Kind, m)
			}
		}
	}
	accepted := map[string]*Common{}
	for i := range common {
		accepted[common[i].Symbol] = &common[i]
	}
	used := map[string]bool{}
	reach := symtab.NewReach(t)
	rep := &Report{}
	for _, name := range t.Names() {
		s := t.Symbols[name]
		if !s.Defined() || (s.Type != symtab.Bool && s.Type != symtab.Tristate) || !s.HasPrompt() || s.InChoice {
			continue
		}
		kind, because, def := inArea(s, areas)
		if kind == "" {
			continue
		}
		rep.Checked++
		if !reach.DefaultMayBeOn(s) {
			continue
		}
		f := Finding{Symbol: name, Kind: kind, Prompt: prompt(s), Pos: def.Pos, Because: because, Default: onDefault(reach, s)}
		if c := accepted[name]; c != nil {
			f.Accepted = c.Reason
			used[name] = true
		}
		rep.Findings = append(rep.Findings, f)
	}
	for _, c := range common {
		if !used[c.Symbol] {
			rep.Stale = append(rep.Stale, c)
		}
	}
	sort.SliceStable(rep.Stale, func(i, j int) bool { return rep.Stale[i].Symbol < rep.Stale[j].Symbol })
	return rep, nil
}

// inArea returns the kind of the first area a definition of s belongs to.
func inArea(s *symtab.Symbol, areas []Area) (kind, because string, def symtab.Def) {
	for _, a := range areas {
		for _, d := range s.Defs {
			for _, p := range a.Paths {
				if ok, _ := doublestar.Match(p, d.Pos.File); ok {
					return a.Kind, "Kconfig file matches " + p, d
				}
			}
			for _, m := range a.Menus {
				for _, title := range d.Menus {
					if ok, _ := path.Match(m, title); ok {
						return a.Kind, "in menu \"" + title + "\"", d
					}
				}
			}
		}
	}
	return "", "", symtab.Def{}
}

func prompt(s *symtab.Symbol) string {
	for _, d := range s.Defs {
		if d.Prompt != "" {
			return d.Prompt
		}
	}
	return ""
}

// onDefault renders the first default that can turn s on.
func onDefault(r *symtab.Reach, s *symtab.Symbol) string {
	for _, d := range s.Defaults {
		if r.MayBeTrue(d.Cond) && r.MayBeTrue(d.Value) {
			if d.Text != "" {
				return "default " + d.Text
			}
			text := "default " + d.Value.String()
			if d.Cond != nil {
				text += " if " + d.Cond.String()
			}
			return text
		}
	}
	return ""
}
