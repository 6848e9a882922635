package unused

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCMakeGates(t *testing.T) {
	dir := t.TempDir()
	src := `# Zephyr conventions
zephyr_library()
zephyr_library_sources(core.c)
zephyr_library_sources_ifdef(CONFIG_GPIO gpio.c gpio_utils.c)
zephyr_sources_ifndef(CONFIG_TINY big.c)
target_sources_ifdef(CONFIG_SPI app PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/spi.c)
add_subdirectory_ifdef(CONFIG_NET net)
if(CONFIG_SHELL AND CONFIG_SHELL_EXTRA) # both
  zephyr_library_sources(shell.c)
  if(NOT CONFIG_TINY)
    zephyr_library_sources(shell_big.c)
  endif()
elseif(CONFIG_BOARD_X)
  zephyr_library_sources(board.c)
else()
  zephyr_library_sources(nothing.c)
endif()
if(CONFIG_A OR CONFIG_B)
  zephyr_library_sources(a_or_b.c)
endif()
if(DEFINED CONFIG_LOG)
  zephyr_library_sources(log.c ${OTHER}/x.c)
endif()
if("${CONFIG_MODE}" STREQUAL "fast")
  zephyr_library_sources(fast.c)
endif()
zephyr_library_sources_ifdef(CONFIG_GPIO shared.c)
zephyr_library_sources_ifdef(CONFIG_SPI shared.c)
`
	if err := os.WriteFile(filepath.Join(dir, "CMakeLists.txt"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := ScanBuildFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]string{
		"core.c":        nil,
		"gpio.c":        {"GPIO"},
		"gpio_utils.c":  {"GPIO"},
		"big.c":         nil,
		"spi.c":         {"SPI"},
		"net/ip.c":      {"NET"},
		"net/sub/tcp.c": {"NET"},
		"shell.c":       {"SHELL", "SHELL_EXTRA"},
		"shell_big.c":   {"SHELL", "SHELL_EXTRA"},
		"board.c":       {"BOARD_X"},
		"nothing.c":     nil,
		"a_or_b.c":      nil,
		"log.c":         {"LOG"},
		"fast.c":        nil,
		"shared.c":      nil,
	} {
		if got := g.Options(filepath.Join(dir, file)); !reflect.DeepEqual(got, want) && !(len(got) == 0 && want == nil) {
			t.Errorf("%s: %v, want %v", file, got, want)
		}
	}
}

func TestMakeGates(t *testing.T) {
	dir := t.TempDir()
	src := `obj-y += core.o
obj-$(CONFIG_GPIO) += gpio.o \
	gpio_utils.o # two files
obj-$(CONFIG_NET) += net/
lib-${CONFIG_CRC} += crc.o
foo-objs-$(CONFIG_FOO) += foo_a.o
ifeq ($(CONFIG_SHELL),y)
CSRCS += shell.c
ASRCS += shell_asm.S
else
CSRCS += noshell.c
endif
ifneq ($(CONFIG_LOG),)
obj-y += log.o
endif
ifneq ($(CONFIG_TINY),y)
CSRCS += big.c
endif
ifdef CONFIG_DEBUG
ifeq (y,$(CONFIG_DEBUG_EXTRA))
CSRCS += debug_extra.c
endif
endif
CFLAGS += -DX=1
`
	if err := os.WriteFile(filepath.Join(dir, "Makefile"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := ScanBuildFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]string{
		"core.c":        nil,
		"gpio.c":        {"GPIO"},
		"gpio_utils.S":  {"GPIO"},
		"net/x.c":       {"NET"},
		"crc.c":         {"CRC"},
		"foo_a.c":       {"FOO"},
		"shell.c":       {"SHELL"},
		"shell_asm.S":   {"SHELL"},
		"noshell.c":     nil,
		"log.c":         {"LOG"},
		"big.c":         nil,
		"debug_extra.c": {"DEBUG", "DEBUG_EXTRA"},
	} {
		if got := g.Options(filepath.Join(dir, file)); !reflect.DeepEqual(got, want) && !(len(got) == 0 && want == nil) {
			t.Errorf("%s: %v, want %v", file, got, want)
		}
	}
}

// TestBuildFileLinks: a build file that links to another one inside the
// tree is read; one that links out of it is refused with its name.
func TestBuildFileLinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.mk")
	if err := os.WriteFile(outside, []byte("CSRCS += leak.c\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, target, err string
	}{
		{"inside", "../common.mk", ""},
		{"outside", outside, "a link out of it is not followed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "common.mk"), []byte("ifdef CONFIG_A\nCSRCS += a.c\nendif\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o750); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "sub", "Makefile")
			if err := os.Symlink(tt.target, link); err != nil {
				t.Fatal(err)
			}
			_, err := ScanBuildFiles(dir)
			switch {
			case tt.err == "" && err != nil:
				t.Fatal(err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), link)):
				t.Fatalf("error %v, want one naming %s and saying %q", err, link, tt.err)
			}
		})
	}
}

// FuzzBuildFiles: any CMake or Make text is read without a panic or a hang.
func FuzzBuildFiles(f *testing.F) {
	f.Add("if(CONFIG_A AND NOT (CONFIG_B OR DEFINED CONFIG_C))\nzephyr_sources_ifdef(CONFIG_D a.c \"b c.c\")\nelseif(x)\nendif()\n")
	f.Add("obj-$(CONFIG_X) += a.o d/ \\\n b.o\nifeq ($(CONFIG_Y),y)\nCSRCS += c.c\nelse ifdef CONFIG_Z\nendif\n")
	f.Fuzz(func(t *testing.T, src string) {
		g := newGates()
		scanCMake(g, "/r", src)
		scanMake(g, "/r", src)
		for file := range g.files {
			g.Options(file)
		}
	})
}
