package unused

import (
	"reflect"
	"strings"
	"testing"
)

const sampleMap = `Archive member included to satisfy reference by file (symbol)

libdrv.a(uart.c.obj)          app/main.o (uart_init)

Discarded input sections

 .text          0x0000000000000000        0x0 app/main.o
 .text.unused   0x0000000000000000       0x15 app/main.o
 .text.a_function_with_a_really_long_name
                0x0000000000000000       0x20 libdrv.a(uart.c.obj)

Memory Configuration

Name             Origin             Length             Attributes
*default*        0x0000000000000000 0xffffffffffffffff

Linker script and memory map

LOAD app/main.o
.text           0x0000000000001040      0x1b5
 *(.text.unlikely .text.*_unlikely .text.unlikely.*)
 .text.main     0x0000000000001040       0x2b app/main.o
                0x0000000000001040                main
 *fill*         0x000000000000106b        0x5 
 .text.uart_init
                0x0000000000001070       0x11 libdrv.a(uart.c.obj)
                0x0000000000001070                uart_init
 .text          0x0000000000001081       0x26 /usr/lib/crt1.o
                0x0000000000002000                . = ALIGN (0x1000)

/DISCARD/
 *(.note.GNU-stack)
 .note.GNU-stack
                0x0000000000000000        0x0 app/main.o
 .discarded.here
                0x0000000000000000       0x10 app/main.o
OUTPUT(app.elf elf64-x86-64)
`

func TestParseMap(t *testing.T) {
	m, err := ParseMap("app.map", []byte(sampleMap))
	if err != nil {
		t.Fatal(err)
	}
	want := []Section{
		{Name: ".text", Object: "app/main.o", Size: 0, Kept: false, Line: 7},
		{Name: ".text.unused", Object: "app/main.o", Size: 0x15, Kept: false, Line: 8},
		{Name: ".text.a_function_with_a_really_long_name", Object: "libdrv.a(uart.c.obj)", Size: 0x20, Kept: false, Line: 9},
		{Name: ".text.main", Object: "app/main.o", Size: 0x2b, Kept: true, Line: 22},
		{Name: ".text.uart_init", Object: "libdrv.a(uart.c.obj)", Size: 0x11, Kept: true, Line: 25},
		{Name: ".text", Object: "/usr/lib/crt1.o", Size: 0x26, Kept: true, Line: 28},
		{Name: ".note.GNU-stack", Object: "app/main.o", Size: 0, Kept: false, Line: 33},
		{Name: ".discarded.here", Object: "app/main.o", Size: 0x10, Kept: false, Line: 35},
	}
	if !reflect.DeepEqual(m.Sections, want) {
		t.Errorf("sections\n got %+v\nwant %+v", m.Sections, want)
	}
	ix := indexMap(m)
	if got := ix.sections("/build/app/main.o"); len(got) != 5 {
		t.Errorf("main.o by suffix: %d sections", len(got))
	}
	if got := ix.sections("/build/CMakeFiles/drv.dir/uart.c.obj"); len(got) != 2 {
		t.Errorf("archive member by base name: %d sections", len(got))
	}
	if got := ix.sections("/elsewhere/other/main.o"); got != nil {
		t.Errorf("an object of another directory matched: %+v", got)
	}
}

func TestParseMapErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not a map", "hello\nworld\n", "x.map:1: not a GNU ld map file"},
		{"lld", "             VMA              LMA     Size Align Out     In      Symbol\n", "x.map:1: this is an LLVM lld map file"},
	} {
		_, err := ParseMap("x.map", []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !strings.Contains(err.Error(), "(hint: ") {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestHolds(t *testing.T) {
	for _, tc := range []struct {
		section, def string
		fn, want     bool
	}{
		{".text.foo", "foo", true, true},
		{".text.startup.main", "main", true, true},
		{".text.unlikely.foo", "foo", true, true},
		{".text.foo.constprop.0", "foo", true, true},
		{".text.foo.part.1", "foo", true, true},
		{".text.foobar", "foo", true, false},
		{".text.foo.bar", "foo", true, false},
		{".data.foo", "foo", true, false},
		{".data.foo", "foo", false, true},
		{".bss.foo", "foo", false, true},
		{".rodata.foo", "foo", false, true},
		{".data.rel.local.foo", "foo", false, true},
		{".rodata.foo.str1.1", "foo", false, false},
	} {
		if got := holds(tc.section, tc.def, tc.fn); got != tc.want {
			t.Errorf("holds(%s, %s, %v) = %v", tc.section, tc.def, tc.fn, got)
		}
	}
}

func TestParseCompileCommands(t *testing.T) {
	units, err := ParseCompileCommands("cc.json", []byte(`[
 {"directory": "/b", "file": "../src/a.c", "command": "gcc -DX=\"a b\" -c ../src/a.c -o 'obj dir/a.o'"},
 {"directory": "/b", "file": "/src/b.c", "arguments": ["gcc", "-c", "/src/b.c", "-ob.o"]},
 {"directory": "/b", "file": "c.c", "output": "out/c.o", "arguments": ["gcc"]}
]`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{
		{File: "/src/a.c", Output: "/b/obj dir/a.o", Dir: "/b", Args: []string{"gcc", "-DX=a b", "-c", "../src/a.c", "-o", "obj dir/a.o"}},
		{File: "/src/b.c", Output: "/b/b.o", Dir: "/b", Args: []string{"gcc", "-c", "/src/b.c", "-ob.o"}},
		{File: "/b/c.c", Output: "/b/out/c.o", Dir: "/b", Args: []string{"gcc"}},
	}
	if !reflect.DeepEqual(units, want) {
		t.Errorf("units\n got %+v\nwant %+v", units, want)
	}
	for _, tc := range []struct{ src, want string }{
		{`{}`, "cc.json:1:1: the compilation database must be a JSON array, found an object"},
		{`[1]`, "cc.json:1:2: [0]: an entry must be an object"},
		{"[\n {\"file\": \"a.c\"}]", "cc.json:2:2: [0]: missing directory"},
		{`[{"directory": "/b", "file": 3}]`, `cc.json:1:30: [0].file: must be a string, found a number`},
		{`[{"directory": "b", "file": "a.c", "arguments": []}]`, `cc.json:1:16: [0].directory: must be an absolute path`},
		{`[{"directory": "/b", "file": "a.c"}]`, `cc.json:1:2: [0]: missing command or arguments`},
		{`[{"directory": "/b", "file": "a.c", "command": "gcc 'x"}]`, `cc.json:1:48: [0].command: unterminated single quote`},
		{`[{"directory": "/b",`, `cc.json:1:21: invalid JSON`},
	} {
		_, err := ParseCompileCommands("cc.json", []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

func FuzzParseMap(f *testing.F) {
	f.Add([]byte(sampleMap))
	f.Add([]byte("Linker script and memory map\n .text\n"))
	f.Add([]byte("Discarded input sections\n .x 0x0 0x10 a.o\nLinker script and memory map\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMap("f.map", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.map:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, s := range m.Sections {
			if s.Line < 1 || s.Line > lines || s.Name == "" || s.Object == "" {
				t.Fatalf("bad section %+v", s)
			}
		}
		indexMap(m).sections("/x/a.o")
	})
}

func FuzzParseCompileCommands(f *testing.F) {
	f.Add([]byte(`[{"directory": "/b", "file": "a.c", "command": "gcc -c a.c -o a.o"}]`))
	f.Add([]byte(`[{"directory": "/b", "file": "a.c", "arguments": ["gcc", "-o", "x"]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseCompileCommands("cc.json", data)
		if err != nil && !strings.HasPrefix(err.Error(), "cc.json:") {
			t.Fatalf("error without position: %v", err)
		}
	})
}
