package unused

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/kconfig/csrc"
	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// Method is how the answer was found.
type Method string

// Methods, most precise first.
const (
	ByMap     Method = "map"     // the linker map file's kept and discarded sections
	ByELF     Method = "elf"     // the symbols of the image against those of the objects
	BySources Method = "sources" // the application's own sources
)

// Status of one option.
type Status string

// Statuses. NoCode: nothing the option gates could be found in the build
// (it gates no file or #ifdef region, or the compiler left nothing of it),
// so whether it is used cannot be told this way.
const (
	Used   Status = "used"
	Unused Status = "unused"
	NoCode Status = "no-code"
)

// State of one piece of gated code in the final image.
type State string

// States. Absent: the artefacts do not show the code at all (inlined,
// optimised away, or not compiled in this build).
const (
	Kept      State = "kept"
	Discarded State = "discarded"
	Absent    State = "absent"
)

// Code is one piece of code an option gates.
type Code struct {
	// What is "file" for a source compiled only under the option,
	// "function" or "variable" for a definition in an #ifdef region.
	What  string `json:"what"`
	Name  string `json:"name,omitempty"`
	File  string `json:"file"`
	Line  int    `json:"line,omitempty"`
	State State  `json:"state"`
}

func (c Code) String() string {
	if c.What == "file" {
		return c.File
	}
	return fmt.Sprintf("%s %s (%s:%d)", c.What, c.Name, c.File, c.Line)
}

// Option is the verdict on one enabled option.
type Option struct {
	Name    string     `json:"name"`
	Status  Status     `json:"status"`
	Defined symtab.Pos `json:"defined,omitzero"`
	// Code lists what the option gates, sorted (artefact methods).
	Code []Code `json:"code,omitempty"`
	// Uses lists where the application names the option or its API
	// (sources method).
	Uses []string `json:"uses,omitempty"`
	// API lists the functions the option gates (sources method).
	API []string `json:"api,omitempty"`
}

// Report is the outcome for one build.
type Report struct {
	Method Method `json:"method"`
	// How says in one sentence how the method decided.
	How     string   `json:"how"`
	Options []Option `json:"options"`
}

// Count returns how many options have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, o := range r.Options {
		if o.Status == s {
			n++
		}
	}
	return n
}

// Input is what one analysis looks at. Table is required; with Map or
// Image (and Units) the artefact methods answer, else the sources method.
type Input struct {
	Table *symtab.Table
	// Root is the directory paths in the report are relative to.
	Root  string
	Units []Unit
	Gates *Gates
	Map   *Map
	Image *Symbols
	// App are the application's own source files (sources method).
	App []string
	// Library are the sources whose gated functions make an option's API
	// (sources method without Units).
	Library []string
	// Only restricts the verdicts to these options; nil means every
	// enabled bool or tristate option.
	Only []string
}

// Analyze decides, for every enabled option, whether the application uses it.
func Analyze(in Input) (*Report, error) {
	if in.Table == nil {
		return nil, fmt.Errorf("unused: no Kconfig configuration to look at")
	}
	if in.Gates == nil {
		in.Gates = newGates()
	}
	enabled := in.enabled()
	if in.Map != nil || in.Image != nil {
		if len(in.Units) == 0 {
			return nil, fmt.Errorf("the linker map or image needs the compilation database too (hint: give compile_commands.json, so each object can be traced to its source)")
		}
		return in.artefacts(enabled)
	}
	return in.sources(enabled)
}

func (in Input) enabled() map[string]*symtab.Symbol {
	out := map[string]*symtab.Symbol{}
	if in.Only != nil {
		for _, n := range in.Only {
			if s := in.Table.Lookup(n); s != nil && s.Active && s.Enabled() {
				out[n] = s
			}
		}
		return out
	}
	for _, n := range in.Table.Names() {
		if s := in.Table.Symbols[n]; s.Defined() && s.Active && s.Enabled() {
			out[n] = s
		}
	}
	return out
}

func (in Input) rel(p string) string {
	if in.Root != "" {
		if r, err := filepath.Rel(in.Root, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(p)
}

// gated lists, per enabled option, the code of the compiled units it gates.
func (in Input) gated(enabled map[string]*symtab.Symbol, units []Unit) (map[string][]gatedCode, error) {
	out := map[string][]gatedCode{}
	seen := map[string]bool{}
	for _, u := range units {
		if seen[u.File] {
			continue
		}
		seen[u.File] = true
		for _, o := range in.Gates.Options(u.File) {
			if enabled[o] != nil {
				out[o] = append(out[o], gatedCode{unit: u, code: Code{What: "file", File: in.rel(u.File)}})
			}
		}
		if !isC(u.File) {
			continue
		}
		src, err := os.ReadFile(u.File)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (hint: run the analysis where the build's sources are)", u.File, unwrap(err))
		}
		for _, d := range csrc.Scan(src).Defs {
			for _, o := range d.Requires {
				if enabled[o] == nil {
					continue
				}
				what := "variable"
				if d.Func {
					what = "function"
				}
				out[o] = append(out[o], gatedCode{unit: u, def: d,
					code: Code{What: what, Name: d.Name, File: in.rel(u.File), Line: d.Line}})
			}
		}
	}
	return out, nil
}

type gatedCode struct {
	unit Unit
	def  csrc.Def // zero for a whole file
	code Code
}

func isC(p string) bool {
	switch filepath.Ext(p) {
	case ".c", ".h", ".cc", ".cpp", ".cxx":
		return true
	}
	return false
}

func (in Input) artefacts(enabled map[string]*symtab.Symbol) (*Report, error) {
	gated, err := in.gated(enabled, in.Units)
	if err != nil {
		return nil, err
	}
	rep := &Report{Method: ByMap, How: "code an option gates (files built only under it, definitions in its #ifdef regions) looked up among the input sections the linker kept or discarded (" + in.mapName() + ")"}
	var state func(g gatedCode) State
	if in.Map != nil {
		ix := indexMap(in.Map)
		state = func(g gatedCode) State { return ix.state(g) }
	} else {
		rep.Method = ByELF
		rep.How = "code an option gates (files built only under it, definitions in its #ifdef regions) looked up in the object files and in the symbol table of the linked image"
		objs := map[string]*Symbols{}
		state = func(g gatedCode) State { return in.elfState(objs, g) }
	}
	for _, name := range sortedNames(enabled) {
		o := Option{Name: name, Defined: enabled[name].Where(), Status: NoCode}
		kept, discarded := 0, 0
		for _, g := range gated[name] {
			g.code.State = state(g)
			switch g.code.State {
			case Kept:
				kept++
			case Discarded:
				discarded++
			}
			o.Code = append(o.Code, g.code)
		}
		sortCode(o.Code)
		switch {
		case kept > 0:
			o.Status = Used
		case discarded > 0:
			o.Status = Unused
		}
		rep.Options = append(rep.Options, o)
	}
	return rep, nil
}

func (in Input) mapName() string {
	if in.Map == nil {
		return ""
	}
	return in.rel(in.Map.Path)
}

func sortCode(cs []Code) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Name < b.Name
	})
}

func sortedNames(m map[string]*symtab.Symbol) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
