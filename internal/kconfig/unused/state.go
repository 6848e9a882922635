package unused

import (
	"path/filepath"
	"strings"
)

// mapIndex finds the input sections of one object file in a map.
type mapIndex struct {
	byObject map[string][]Section // the object as the map names it
	byBase   map[string][]string  // base name of the object (or archive member) -> map names
}

func indexMap(m *Map) *mapIndex {
	ix := &mapIndex{byObject: map[string][]Section{}, byBase: map[string][]string{}}
	for _, s := range m.Sections {
		if _, ok := ix.byObject[s.Object]; !ok {
			base := filepath.Base(s.Object)
			if i := strings.LastIndexByte(s.Object, '('); i >= 0 && strings.HasSuffix(s.Object, ")") {
				base = filepath.Base(s.Object[i+1 : len(s.Object)-1])
			}
			ix.byBase[base] = append(ix.byBase[base], s.Object)
		}
		ix.byObject[s.Object] = append(ix.byObject[s.Object], s)
	}
	return ix
}

// sections returns the map's sections of the object file out (absolute):
// the map names it by the path the linker was given (often relative to the
// build directory) or as archive(member).
func (ix *mapIndex) sections(out string) []Section {
	if out == "" {
		return nil
	}
	var match []string
	for _, name := range ix.byBase[filepath.Base(out)] {
		p := name
		if i := strings.LastIndexByte(name, '('); i >= 0 && strings.HasSuffix(name, ")") {
			match = append(match, name) // a library member: its base name is all the map says
			continue
		}
		p = filepath.Clean(p)
		if p == out || !filepath.IsAbs(p) && strings.HasSuffix(out, string(filepath.Separator)+p) {
			match = append(match, name)
		}
	}
	if len(match) != 1 {
		// Unknown, or two objects of the same name in libraries: say
		// nothing rather than guess.
		return nil
	}
	return ix.byObject[match[0]]
}

// code reports whether a section holds code or data of the program, as
// opposed to debug information, notes, comments and unwind tables (which
// the linker keeps for every object, or rewrites, whatever survives).
func code(name string) bool {
	for _, p := range []string{".debug", ".comment", ".note", ".group", ".eh_frame", ".ARM.attributes", ".ARM.exidx", ".ARM.extab", ".gnu.", ".riscv.attributes", ".stab", ".llvm", ".gcc_except_table"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	return true
}

// sectionKinds are the prefixes -ffunction-sections and -fdata-sections
// put before a definition's name.
var funcPrefixes = []string{".text.unlikely.", ".text.startup.", ".text.hot.", ".text.exit.", ".text."}
var dataPrefixes = []string{".data.rel.ro.local.", ".data.rel.ro.", ".data.rel.local.", ".data.rel.", ".rodata.", ".data.", ".bss.", ".sdata.", ".sbss.", ".tdata.", ".tbss."}

// holds reports whether section name is the section of definition def
// (GCC may clone a static function into name.constprop.0, name.isra.0,
// name.part.0 or move its cold part to name.cold).
func holds(section, def string, fn bool) bool {
	prefixes := dataPrefixes
	if fn {
		prefixes = funcPrefixes
	}
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(section, p)
		if !ok {
			continue
		}
		if rest == def {
			return true
		}
		if suffix, ok := strings.CutPrefix(rest, def+"."); ok {
			for _, s := range []string{"constprop", "isra", "part", "cold", "lto_priv"} {
				if strings.HasPrefix(suffix, s) {
					return true
				}
			}
		}
		return false
	}
	return false
}

func (ix *mapIndex) state(g gatedCode) State {
	secs := ix.sections(g.unit.Output)
	if len(secs) == 0 {
		return Absent
	}
	kept, discarded := false, false
	for _, s := range secs {
		if s.Size == 0 || !code(s.Name) {
			continue
		}
		if g.code.What != "file" && !holds(s.Name, g.def.Name, g.def.Func) {
			continue
		}
		if s.Kept {
			kept = true
		} else {
			discarded = true
		}
	}
	switch {
	case kept:
		return Kept
	case discarded:
		return Discarded
	}
	return Absent
}

// elfState compares the object's symbols with the image's.
func (in Input) elfState(cache map[string]*Symbols, g gatedCode) State {
	obj, ok := cache[g.unit.Output]
	if !ok {
		obj, _ = ReadSymbols(g.unit.Output) // unreadable: nil, and Absent below
		cache[g.unit.Output] = obj
	}
	if obj == nil {
		return Absent
	}
	src := filepath.Base(g.unit.File)
	if g.code.What != "file" {
		if !obj.Has(g.def.Name, src, g.def.Static) {
			return Absent
		}
		if in.Image.Has(g.def.Name, src, g.def.Static) {
			return Kept
		}
		return Discarded
	}
	any := false
	for name := range obj.Global {
		any = true
		if in.Image.Global[name] {
			return Kept
		}
	}
	for name := range obj.Local[src] {
		any = true
		if in.Image.Local[src][name] {
			return Kept
		}
	}
	if any {
		return Discarded
	}
	return Absent
}
