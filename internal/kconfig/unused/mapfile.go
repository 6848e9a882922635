package unused

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Section is one input section a GNU ld map file lists: a section of one
// object file, kept in the image or discarded by --gc-sections.
type Section struct {
	Name string // .text.foo
	// Object is the file as the linker names it: a path, or
	// archive(member) for a library member.
	Object string
	Size   uint64
	Kept   bool
	Line   int
}

// Map is what a linker map file says about the input sections.
type Map struct {
	Path     string
	Sections []Section
}

// ReadMap reads a GNU ld map file (-Wl,-Map=FILE).
func ReadMap(path string) (*Map, error) {
	// assure: waive W-0032 -- the map file the user names
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (hint: link with -Wl,-Map=%s)", path, unwrap(err), path)
	}
	return ParseMap(path, data)
}

type mapPart int

const (
	partPreamble mapPart = iota
	partDiscarded
	partMemory
	partScript
	partEnd
)

// ParseMap parses the map file in data; name is how errors name it.
func ParseMap(name string, data []byte) (*Map, error) {
	m := &Map{Path: name}
	part := partPreamble
	sawScript := false
	discardOut := false // inside the /DISCARD/ output section
	var pending string  // a section name that wrapped to the next line
	pendingLine := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case line == "Discarded input sections":
			part, pending = partDiscarded, ""
			continue
		case line == "Memory Configuration":
			part, pending = partMemory, ""
			continue
		case line == "Linker script and memory map":
			part, pending, sawScript = partScript, "", true
			continue
		case strings.HasPrefix(line, "Cross Reference Table"):
			part, pending = partEnd, ""
			continue
		case ln <= 5 && isLLDHeader(line):
			return nil, fmt.Errorf("%s:%d: this is an LLVM lld map file, which does not list discarded sections (hint: link with GNU ld, -fuse-ld=bfd, or give the ELF image and its object files instead)", name, ln)
		}
		if part != partDiscarded && part != partScript {
			continue
		}
		if part == partScript && line != "" && line[0] != ' ' {
			// An output section (or LOAD, OUTPUT(...)) starts at column 0.
			f := strings.Fields(line)
			discardOut = len(f) > 0 && f[0] == "/DISCARD/"
			pending = ""
			continue
		}
		f := strings.Fields(line)
		if pending != "" {
			if sec, ok := sectionFields(pending, f); ok {
				sec.Line, sec.Kept = pendingLine, part == partScript && !discardOut
				m.Sections = append(m.Sections, sec)
			}
			pending = ""
			continue
		}
		// Input sections are indented by exactly one space; patterns
		// (" *(.text)"), fill and assignments are not input sections.
		if len(line) < 2 || line[0] != ' ' || line[1] == ' ' || line[1] == '*' || len(f) == 0 {
			continue
		}
		if len(f) == 1 {
			pending, pendingLine = f[0], ln
			continue
		}
		if sec, ok := sectionFields(f[0], f[1:]); ok {
			sec.Line, sec.Kept = ln, part == partScript && !discardOut
			m.Sections = append(m.Sections, sec)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, ln+1, err)
	}
	if !sawScript {
		return nil, fmt.Errorf("%s:1: not a GNU ld map file: no \"Linker script and memory map\" part (hint: give the file -Wl,-Map=FILE writes)", name)
	}
	return m, nil
}

// sectionFields reads "0xADDR 0xSIZE object" after a section name.
func sectionFields(name string, f []string) (Section, bool) {
	if len(f) < 3 || !strings.HasPrefix(f[0], "0x") || !strings.HasPrefix(f[1], "0x") {
		return Section{}, false
	}
	size, err := strconv.ParseUint(f[1][2:], 16, 64)
	if err != nil {
		return Section{}, false
	}
	return Section{Name: name, Size: size, Object: strings.Join(f[2:], " ")}, true
}

func isLLDHeader(line string) bool {
	f := strings.Fields(line)
	return len(f) >= 5 && (f[0] == "VMA" || f[0] == "Address") && f[len(f)-1] == "Symbol"
}
