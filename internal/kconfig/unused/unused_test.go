package unused

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// need fails the test when a tool the test drives is missing.
func need(t *testing.T, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is needed: apt-get install -y %s (or run .ci/run)", tool, pkg)
	}
}

// copyTree copies testdata/fw to a temporary directory.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// build runs make in a copy of the firmware and returns its directory.
func build(t *testing.T) string {
	t.Helper()
	need(t, "make", "make")
	need(t, "gcc", "gcc")
	dir := copyTree(t, "testdata/fw")
	cmd := exec.Command("make", "-s", "CC=gcc")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make: %v\n%s", err, out)
	}
	return dir
}

// configTable reads a .config into a table in which every assigned
// symbol is defined and active, which is what the engine gives for a tree
// where they all have prompts and no dependencies.
func configTable(t *testing.T, path string) *symtab.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab := &symtab.Table{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		def := []symtab.Def{{Pos: symtab.Pos{File: "Kconfig", Line: line}, Prompt: "x"}}
		if name, ok := strings.CutPrefix(l, "# CONFIG_"); ok && strings.HasSuffix(name, " is not set") {
			tab.Add(&symtab.Symbol{Name: strings.TrimSuffix(name, " is not set"), Type: symtab.Bool, Value: "n", Active: true, Defs: def})
			continue
		}
		name, val, ok := strings.Cut(strings.TrimPrefix(l, "CONFIG_"), "=")
		if !ok || strings.HasPrefix(l, "#") {
			continue
		}
		typ := symtab.Int
		if val == "y" || val == "m" {
			typ = symtab.Bool
		}
		tab.Add(&symtab.Symbol{Name: name, Type: typ, Value: val, Active: true, Defs: def})
	}
	return tab
}

func statuses(rep *Report) map[Status][]string {
	out := map[Status][]string{}
	for _, o := range rep.Options {
		out[o.Status] = append(out[o.Status], o.Name)
	}
	return out
}

// The firmware enables eight options; the linker throws away the code of
// exactly four of them.
var wantStatuses = map[Status][]string{
	Unused: {"CRYPTO", "CRYPTO_AES", "LOG_DUMP", "SPI"},
	Used:   {"GPIO", "LOG_COLORS"},
	NoCode: {"DEBUG_FLAG", "LOG"},
}

// cmakeBuild configures and builds the firmware with CMake in dir/build.
func cmakeBuild(t *testing.T) (string, string) {
	t.Helper()
	need(t, "cmake", "cmake")
	need(t, "gcc", "gcc")
	need(t, "make", "make")
	dir := copyTree(t, "testdata/fw")
	bdir := filepath.Join(dir, "build")
	for _, args := range [][]string{{"-S", dir, "-B", bdir, "-DCMAKE_C_COMPILER=gcc"}, {"--build", bdir}} {
		cmd := exec.Command("cmake", args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("cmake %v: %v\n%s", args, err, out)
		}
	}
	return dir, bdir
}

// The same firmware built the Zephyr way: CMake, *_sources_ifdef, objects
// in the build directory named file.c.o.
func TestUnusedCMakeBuild(t *testing.T) {
	dir, bdir := cmakeBuild(t)
	units, err := ReadCompileCommands(filepath.Join(bdir, "compile_commands.json"))
	if err != nil {
		t.Fatal(err)
	}
	gates, err := ScanBuildFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadMap(filepath.Join(bdir, "app.map"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(Input{Table: configTable(t, filepath.Join(dir, ".config")), Root: dir, Units: units, Gates: gates, Map: m})
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rep); !reflect.DeepEqual(got, wantStatuses) {
		t.Errorf("statuses\n got %v\nwant %v", got, wantStatuses)
	}
}

func TestUnusedByMapAndELF(t *testing.T) {
	dir := build(t)
	units, err := ReadCompileCommands(filepath.Join(dir, "compile_commands.json"))
	if err != nil {
		t.Fatal(err)
	}
	gates, err := ScanBuildFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	tab := configTable(t, filepath.Join(dir, ".config"))
	m, err := ReadMap(filepath.Join(dir, "app.map"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := ReadSymbols(filepath.Join(dir, "app.elf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   Input
		want Method
	}{
		{"map", Input{Table: tab, Root: dir, Units: units, Gates: gates, Map: m}, ByMap},
		{"elf", Input{Table: tab, Root: dir, Units: units, Gates: gates, Image: img}, ByELF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Analyze(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Method != tc.want {
				t.Errorf("method %s, want %s", rep.Method, tc.want)
			}
			if got := statuses(rep); !reflect.DeepEqual(got, wantStatuses) {
				t.Errorf("statuses\n got %v\nwant %v", got, wantStatuses)
			}
			for _, o := range rep.Options {
				if o.Name == "CRYPTO_AES" {
					want := []Code{
						{What: "variable", Name: "aes_sbox", File: "subsys/crypto.c", Line: 7, State: Discarded},
						{What: "function", Name: "aes_encrypt", File: "subsys/crypto.c", Line: 9, State: Discarded},
					}
					if !reflect.DeepEqual(o.Code, want) {
						t.Errorf("CRYPTO_AES code\n got %+v\nwant %+v", o.Code, want)
					}
				}
			}
		})
	}
}

// Without artefacts, the application's sources decide: main.c calls the
// GPIO API and log_msg (which no option gates), so GPIO is used and the
// options with an API it never names are not.
func TestUnusedBySources(t *testing.T) {
	dir := copyTree(t, "testdata/fw")
	gates, err := ScanBuildFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lib []string
	for _, f := range []string{"drivers/gpio.c", "drivers/spi.c", "subsys/log.c", "subsys/crypto.c"} {
		lib = append(lib, filepath.Join(dir, f))
	}
	rep, err := Analyze(Input{Table: configTable(t, filepath.Join(dir, ".config")), Root: dir, Gates: gates,
		App: []string{filepath.Join(dir, "app/main.c")}, Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	want := map[Status][]string{
		Used:   {"GPIO"},
		Unused: {"CRYPTO", "CRYPTO_AES", "LOG_COLORS", "LOG_DUMP", "SPI"},
		NoCode: {"DEBUG_FLAG", "LOG"},
	}
	if rep.Method != BySources {
		t.Errorf("method %s", rep.Method)
	}
	if got := statuses(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses\n got %v\nwant %v", got, want)
	}
	for _, o := range rep.Options {
		if o.Name == "GPIO" && !reflect.DeepEqual(o.Uses, []string{"app/main.c calls gpio_init", "app/main.c calls gpio_set"}) {
			t.Errorf("GPIO uses %v", o.Uses)
		}
	}
}

func TestAnalyzeNeedsCompileCommands(t *testing.T) {
	_, err := Analyze(Input{Table: &symtab.Table{}, Map: &Map{}})
	if err == nil || !strings.Contains(err.Error(), "compile_commands.json") {
		t.Errorf("got %v", err)
	}
}
