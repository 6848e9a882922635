package unused

import (
	"debug/elf"
	"fmt"
	"path/filepath"
)

// Symbols are the functions and variables an ELF file defines. Local
// (static) symbols are known per source file: ELF lists them after the
// FILE symbol of the file they come from, so two static functions of the
// same name in different files stay apart.
type Symbols struct {
	Global map[string]bool
	Local  map[string]map[string]bool // source base name -> names
}

// Has reports whether the file defines name, as a global or as a local of
// the source whose base name is src.
func (s *Symbols) Has(name, src string, static bool) bool {
	if static {
		return s.Local[src][name]
	}
	return s.Global[name]
}

// ReadSymbols reads the symbol table of an ELF image or object file.
func ReadSymbols(path string) (*Symbols, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (hint: give the linked ELF image, e.g. build/zephyr/zephyr.elf)", path, unwrap(err))
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the symbol table: %w (hint: give an image that is not stripped)", path, err)
	}
	out := &Symbols{Global: map[string]bool{}, Local: map[string]map[string]bool{}}
	file := ""
	for _, s := range syms {
		typ := elf.ST_TYPE(s.Info)
		if typ == elf.STT_FILE {
			file = filepath.Base(s.Name)
			continue
		}
		if s.Section == elf.SHN_UNDEF || (typ != elf.STT_FUNC && typ != elf.STT_OBJECT) || s.Name == "" {
			continue
		}
		if elf.ST_BIND(s.Info) == elf.STB_LOCAL {
			if out.Local[file] == nil {
				out.Local[file] = map[string]bool{}
			}
			out.Local[file][s.Name] = true
			continue
		}
		out.Global[s.Name] = true
	}
	return out, nil
}
