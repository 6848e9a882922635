package csrc

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func defs(f *File) map[string]Def {
	m := map[string]Def{}
	for _, d := range f.Defs {
		m[d.Name] = d
	}
	return m
}

func TestScanDefinitions(t *testing.T) {
	src := `/* gpio driver, see CONFIG_GPIO_DOCS */
#include <zephyr/kernel.h>
#include "foo.h"

LOG_MODULE_REGISTER(gpio, CONFIG_GPIO_LOG_LEVEL);

static int counter;
int shared = 3, other;
static const char banner[] = "hello { world";
static uint8_t buf[64] __aligned(4);
struct point { int x; int y; };
struct point origin = { .x = 0, .y = 0 };
struct pair { int a; } the_pair;
extern int elsewhere;
typedef int myint;
int prototype(int a);
static K_SEM_DEFINE(sem, 0, 1);

int always(void)
{
	if (IS_ENABLED(CONFIG_GPIO_FAST)) {
		return 1;
	}
	return counter;
}

#ifdef CONFIG_GPIO_SHELL
static int cmd_gpio(const struct shell *sh, size_t argc, char **argv)
{
	return 0;
}
int shell_state;
#if defined(CONFIG_GPIO_SHELL_EXTRA) && !defined(CONFIG_TINY)
void extra(void) { }
#elif CONFIG_BOARD_X
void board_only(void) { }
#else
void fallback(void) { }
#endif
#endif /* CONFIG_GPIO_SHELL */

#ifndef CONFIG_GPIO_SHELL
void no_shell(void) { }
#else
void with_shell(void) { }
#endif

#if IS_ENABLED(CONFIG_A) || defined(CONFIG_B)
void a_or_b(void) {}
#endif

#if !(defined(CONFIG_A) || defined(CONFIG_B))
void neither(void) {}
#else
void either(void) {}
#endif

#if CONFIG_LEVEL > 2
void leveled(void) {}
#endif

__attribute__((section(".ramfunc"))) void in_ram(int x)
{
	char *s = "}";
}

extern "C" {
void cpp_visible(void) {}
}

int (*pick(int which))(void)
{
	return 0;
}

void multi_line(int a,
		int b) { }
`
	f := Scan([]byte(src))
	got := defs(f)
	want := map[string]Def{
		"counter":     {Name: "counter", Line: 7, Static: true},
		"shared":      {Name: "shared", Line: 8},
		"other":       {Name: "other", Line: 8},
		"banner":      {Name: "banner", Line: 9, Static: true},
		"buf":         {Name: "buf", Line: 10, Static: true},
		"origin":      {Name: "origin", Line: 12},
		"the_pair":    {Name: "the_pair", Line: 13},
		"always":      {Name: "always", Line: 19, Func: true},
		"cmd_gpio":    {Name: "cmd_gpio", Line: 28, Func: true, Static: true, Requires: []string{"GPIO_SHELL"}},
		"shell_state": {Name: "shell_state", Line: 32, Requires: []string{"GPIO_SHELL"}},
		"extra":       {Name: "extra", Line: 34, Func: true, Requires: []string{"GPIO_SHELL", "GPIO_SHELL_EXTRA"}},
		"board_only":  {Name: "board_only", Line: 36, Func: true, Requires: []string{"BOARD_X", "GPIO_SHELL"}},
		"fallback":    {Name: "fallback", Line: 38, Func: true, Requires: []string{"GPIO_SHELL"}},
		"no_shell":    {Name: "no_shell", Line: 43, Func: true},
		"with_shell":  {Name: "with_shell", Line: 45, Func: true, Requires: []string{"GPIO_SHELL"}},
		"a_or_b":      {Name: "a_or_b", Line: 49, Func: true},
		"neither":     {Name: "neither", Line: 53, Func: true},
		"either":      {Name: "either", Line: 55, Func: true},
		"leveled":     {Name: "leveled", Line: 59, Func: true},
		"in_ram":      {Name: "in_ram", Line: 62, Func: true},
		"cpp_visible": {Name: "cpp_visible", Line: 68, Func: true},
		"pick":        {Name: "pick", Line: 71, Func: true},
		"multi_line":  {Name: "multi_line", Line: 76, Func: true},
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: not found", name)
			continue
		}
		if g.Requires == nil {
			g.Requires = nil
		}
		if len(g.Requires) == 0 {
			g.Requires = nil
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %+v, want %+v", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected definition %s", name)
		}
	}
}

func TestScanRefs(t *testing.T) {
	src := "// uses CONFIG_IN_COMMENT\n#if defined(CONFIG_A)\nint x = CONFIG_B;\n#endif\nchar *s = \"CONFIG_IN_STRING\";\nif (IS_ENABLED(CONFIG_C)) {}\n/* multi\n line CONFIG_D */\n#define X \\\n  CONFIG_E\n"
	f := Scan([]byte(src))
	want := []Ref{
		{Option: "IN_COMMENT", Line: 1, Comment: true},
		{Option: "A", Line: 2},
		{Option: "B", Line: 3},
		{Option: "C", Line: 6},
		{Option: "D", Line: 8, Comment: true},
		{Option: "E", Line: 10}, // the physical line, past the splice
	}
	if !reflect.DeepEqual(f.Refs, want) {
		t.Errorf("refs\n got %+v\nwant %+v", f.Refs, want)
	}
	if got := ScanRefs([]byte(src)); !reflect.DeepEqual(got, want) {
		t.Errorf("ScanRefs\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(f.Idents, []string{"CONFIG_A", "CONFIG_B", "CONFIG_C", "CONFIG_E", "IS_ENABLED", "X", "char", "defined", "if", "int", "s", "x"}) {
		t.Errorf("idents %v", f.Idents)
	}
}

// Unbalanced input, unterminated comments and strings: the scanner
// finishes and reports what it saw.
func TestScanBroken(t *testing.T) {
	for _, src := range []string{
		"#endif\n#else\nvoid f(void) {}\n",
		"/* never closed\nint x;",
		"char *s = \"never closed\nint y;\n",
		"void f(void) { {{ \n",
		"}}}} int z;\n",
		"#if\n#elif\n#endif\n",
		"\\\n\\\r\n#if defined(\n",
	} {
		f := Scan([]byte(src))
		_ = f
	}
	if f := Scan([]byte("}}}} int z;\n")); len(f.Defs) != 1 || f.Defs[0].Name != "z" {
		t.Errorf("after stray braces: %+v", f.Defs)
	}
	if f := Scan([]byte("char *s = \"never closed\nint y;\n")); !strings.Contains(strings.Join(f.Idents, " "), "y") {
		t.Errorf("after an unterminated string: %+v", f.Idents)
	}
}

func FuzzScan(f *testing.F) {
	f.Add([]byte("#ifdef CONFIG_X\nstatic int f(void) { return 0; }\n#endif\n"))
	f.Add([]byte("/* CONFIG_Y */ int a, b = {1}; struct s { int x; } v;\n"))
	f.Add([]byte("#if !(defined(CONFIG_A) || IS_ENABLED(CONFIG_B)) && CONFIG_C > 1\n#elif X(1)\n#else\n#endif\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := Scan(src)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range file.Defs {
			if d.Line < 1 || d.Line > lines || d.Name == "" {
				t.Fatalf("definition %+v outside the %d lines", d, lines)
			}
		}
		for _, r := range file.Refs {
			if r.Line < 1 || r.Line > lines || r.Option == "" {
				t.Fatalf("reference %+v outside the %d lines", r, lines)
			}
		}
	})
}

// A long #elif chain costs time in proportion to its length.
func TestLongElifChain(t *testing.T) {
	var b strings.Builder
	b.WriteString("#if defined(CONFIG_A0)\nvoid f0(void) {}\n")
	for i := 1; i < 400; i++ {
		b.WriteString("#elif defined(CONFIG_A" + strconv.Itoa(i) + ")\nvoid f" + strconv.Itoa(i) + "(void) {}\n")
	}
	b.WriteString("#else\nvoid other(void) {}\n#endif\n")
	f := Scan([]byte(b.String()))
	if len(f.Defs) != 401 {
		t.Fatalf("%d definitions", len(f.Defs))
	}
	if d := f.Defs[399]; d.Name != "f399" || !reflect.DeepEqual(d.Requires, []string{"A399"}) {
		t.Errorf("f399 = %+v", d)
	}
	if d := f.Defs[400]; d.Name != "other" || len(d.Requires) != 0 {
		t.Errorf("other = %+v", d)
	}
}
