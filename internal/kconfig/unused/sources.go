package unused

import (
	"fmt"
	"os"
	"sort"

	"github.com/assure-dev/assure/internal/kconfig/csrc"
	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// sources is the method without artefacts: an option is used when the
// application's own sources name CONFIG_X or one of the functions the
// option gates (its API); unused when it has an API and they name neither.
// Use through library code (the application calls f, f calls the gated g)
// is not seen: only a build can tell that.
func (in Input) sources(enabled map[string]*symtab.Symbol) (*Report, error) {
	rep := &Report{Method: BySources, How: "the application's own sources searched for CONFIG_X and for the functions each option gates; indirect use through library code is not seen (give the build's map file or ELF for that)"}
	app := map[string]bool{}
	for _, f := range in.App {
		app[f] = true
	}
	lib := in.Library
	if len(in.Units) > 0 {
		lib = nil
		for _, u := range in.Units {
			lib = append(lib, u.File)
		}
	}
	api := map[string]map[string]bool{}
	done := map[string]bool{}
	for _, f := range lib {
		if app[f] || done[f] || !isC(f) {
			continue
		}
		done[f] = true
		// assure: waive W-0033 -- sources the user's compilation database lists
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, unwrap(err))
		}
		fileOpts := in.Gates.Options(f)
		for _, d := range csrc.Scan(src).Defs {
			if !d.Func || d.Static {
				continue
			}
			for _, o := range union(fileOpts, d.Requires) {
				if enabled[o] == nil {
					continue
				}
				if api[o] == nil {
					api[o] = map[string]bool{}
				}
				api[o][d.Name] = true
			}
		}
	}
	uses := map[string][]string{}
	users := map[string][]string{} // identifier -> app files naming it
	for _, f := range sortedKeys(app) {
		// assure: waive W-0034 -- the application sources the user names
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (hint: name the application's source files)", f, unwrap(err))
		}
		file := csrc.Scan(src)
		for _, r := range file.Refs {
			if !r.Comment && enabled[r.Option] != nil {
				uses[r.Option] = append(uses[r.Option], fmt.Sprintf("%s:%d names CONFIG_%s", in.rel(f), r.Line, r.Option))
			}
		}
		for _, id := range file.Idents {
			users[id] = append(users[id], in.rel(f))
		}
	}
	for _, name := range sortedNames(enabled) {
		o := Option{Name: name, Defined: enabled[name].Where(), Status: NoCode, API: sortedKeys(api[name])}
		o.Uses = uses[name]
		for _, fn := range o.API {
			for _, f := range users[fn] {
				o.Uses = append(o.Uses, fmt.Sprintf("%s calls %s", f, fn))
			}
		}
		sort.Strings(o.Uses)
		switch {
		case len(o.Uses) > 0:
			o.Status = Used
		case len(o.API) > 0:
			o.Status = Unused
		}
		rep.Options = append(rep.Options, o)
	}
	return rep, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
