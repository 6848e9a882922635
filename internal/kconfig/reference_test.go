package kconfig

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReference checks the engine against Kconfiglib on a real tree: every
// defined symbol's type, value, visibility, assignable values and .config
// line, every choice's mode and selection, and the whole .config text,
// after loading each configuration. It runs when ASSURE_KCONFIG_TREE and
// ASSURE_KCONFIGLIB are set (scripts/kconfig-compare.sh sets everything up
// for Apache NuttX):
//
//	ASSURE_KCONFIG_TREE     the source tree (srctree; Kconfiglib runs there)
//	ASSURE_KCONFIGLIB       directory holding kconfiglib.py
//	ASSURE_KCONFIG_ROOT     root Kconfig file (default Kconfig)
//	ASSURE_KCONFIG_CONFIGS  configurations to load, space separated,
//	                        relative to the tree ("-": defaults only)
//	ASSURE_KCONFIG_ENV      the tree's environment, NAME=value space separated
func TestReference(t *testing.T) {
	tree, lib := os.Getenv("ASSURE_KCONFIG_TREE"), os.Getenv("ASSURE_KCONFIGLIB")
	if tree == "" || lib == "" {
		t.Skip("opt-in: set ASSURE_KCONFIG_TREE and ASSURE_KCONFIGLIB (scripts/kconfig-compare.sh does) to compare with Kconfiglib on a real tree")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed to run Kconfiglib: apt-get install -y python3")
	}
	root := os.Getenv("ASSURE_KCONFIG_ROOT")
	if root == "" {
		root = "Kconfig"
	}
	configs := strings.Fields(os.Getenv("ASSURE_KCONFIG_CONFIGS"))
	if len(configs) == 0 {
		configs = []string{"-"}
	}
	env := map[string]string{"PATH": os.Getenv("PATH")}
	for _, kv := range strings.Fields(os.Getenv("ASSURE_KCONFIG_ENV")) {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}

	out := t.TempDir()
	_, self, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(self), "..", "..", "scripts", "kconfiglib-dump.py")
	cmd := exec.Command(python, append([]string{script, "--kconfiglib", lib, "--out", out, root}, configs...)...)
	cmd.Dir = tree
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Kconfiglib: %v\n%s", err, b)
	}

	opts := OptionsFromEnv(env)
	opts.SrcTree = tree
	kc, err := Parse(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	var facts struct {
		Files, Symbols, Choices int
	}
	readJSON(t, filepath.Join(out, "tree.json"), &facts)
	if facts.Files != len(kc.Files()) || facts.Symbols != len(kc.Symbols()) || facts.Choices != len(kc.Choices()) {
		t.Errorf("tree: Kconfiglib read %d files, %d symbols, %d choices; we read %d, %d, %d",
			facts.Files, facts.Symbols, facts.Choices, len(kc.Files()), len(kc.Symbols()), len(kc.Choices()))
	}
	t.Logf("tree: %d files, %d symbols, %d choices", len(kc.Files()), len(kc.Symbols()), len(kc.Choices()))

	for i, cfg := range configs {
		if cfg == "-" {
			kc2, err := Parse(root, opts)
			if err != nil {
				t.Fatal(err)
			}
			kc = kc2
		} else if err := kc.LoadConfig(filepath.Join(tree, cfg), true); err != nil {
			t.Fatal(err)
		}
		var ref refDump
		readJSON(t, filepath.Join(out, fmt.Sprintf("%d.json", i)), &ref)
		bad := compareDump(kc, ref)
		want, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("%d.config", i)))
		if err != nil {
			t.Fatal(err)
		}
		if got := kc.ConfigText(); got != string(want) {
			bad = append(bad, ".config differs: "+firstDiff(string(want), got))
		}
		if len(bad) > 0 {
			if len(bad) > 30 {
				bad = append(bad[:30], fmt.Sprintf("... and %d more", len(bad)-30))
			}
			t.Errorf("%s: %d differences from Kconfiglib:\n%s", cfg, len(bad), strings.Join(bad, "\n"))
			continue
		}
		t.Logf("%s: %d symbols and %d choices equal, .config identical (%d bytes)", cfg, len(ref.Symbols), len(ref.Choices), len(want))
	}
}

type refDump struct {
	Symbols []struct {
		Name, Type, Value string
		OrigType          string `json:"orig_type"`
		Tri, Visibility   int
		Assignable        []int
		ConfigString      string `json:"config_string"`
		Choice            bool
		Help              []*string
		Defined           []string
	}
	Choices []struct {
		Name, Pos, Type, Mode string
		Visibility            int
		Selection             *string
		Syms                  []string
	}
}

func compareDump(kc *Kconfig, ref refDump) []string {
	var bad []string
	if len(ref.Symbols) != len(kc.Symbols()) {
		bad = append(bad, fmt.Sprintf("%d symbols, Kconfiglib has %d", len(kc.Symbols()), len(ref.Symbols)))
	}
	for i, r := range ref.Symbols {
		if i >= len(kc.Symbols()) {
			break
		}
		s := kc.Symbols()[i]
		var assignable []int
		for _, a := range s.Assignable() {
			assignable = append(assignable, int(a))
		}
		var help, defined []string
		for _, n := range s.Nodes() {
			h := "<none>"
			if n.HasHelp {
				h = n.Help()
			}
			help = append(help, h)
			defined = append(defined, n.Pos.String())
		}
		var rhelp []string
		for _, h := range r.Help {
			if h == nil {
				rhelp = append(rhelp, "<none>")
			} else {
				rhelp = append(rhelp, *h)
			}
		}
		got := fmt.Sprintf("%s type=%s orig=%s value=%q tri=%d vis=%d assignable=%v conf=%q choice=%v defined=%v help=%q",
			s.Name, s.Type(), s.OrigType(), s.Value(), s.Tristate(), s.Visibility(), assignable, s.ConfigString(), s.Choice() != nil, defined, help)
		want := fmt.Sprintf("%s type=%s orig=%s value=%q tri=%d vis=%d assignable=%v conf=%q choice=%v defined=%v help=%q",
			r.Name, r.Type, r.OrigType, r.Value, r.Tri, r.Visibility, nilIfEmpty(r.Assignable), r.ConfigString, r.Choice, r.Defined, rhelp)
		if got != want {
			bad = append(bad, "  got  "+got+"\n  want "+want)
		}
	}
	if len(ref.Choices) != len(kc.Choices()) {
		bad = append(bad, fmt.Sprintf("%d choices, Kconfiglib has %d", len(kc.Choices()), len(ref.Choices)))
	}
	for i, r := range ref.Choices {
		if i >= len(kc.Choices()) {
			break
		}
		c := kc.Choices()[i]
		sel := "<none>"
		if s := c.Selection(); s != nil {
			sel = s.Name
		}
		var names []string
		for _, s := range c.Symbols() {
			names = append(names, s.Name)
		}
		got := fmt.Sprintf("choice %s at %s type=%s mode=%s vis=%d sel=%s syms=%v", c.Name, c.Nodes()[0].Pos, c.Type(), c.Value(), c.Visibility(), sel, names)
		rsel := "<none>"
		if r.Selection != nil {
			rsel = *r.Selection
		}
		want := fmt.Sprintf("choice %s at %s type=%s mode=%s vis=%d sel=%s syms=%v", r.Name, r.Pos, r.Type, r.Mode, r.Visibility, rsel, r.Syms)
		if got != want {
			bad = append(bad, "  got  "+got+"\n  want "+want)
		}
	}
	return bad
}

func nilIfEmpty(a []int) []int {
	if len(a) == 0 {
		return nil
	}
	return a
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d: want %q, got %q", i+1, w, g)
		}
	}
	return "same lines"
}
