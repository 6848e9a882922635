package check

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/model"
)

var kconfigFiles = map[string]string{
	"Kconfig": `mainmenu "fw"
config HAS_MPU
	def_bool y
config EXPERIMENTAL
	bool
config HW_STACK_PROTECTION
	bool "stack guard"
	depends on HAS_MPU
config USERSPACE
	bool "user mode"
	depends on HAS_MPU
menu "Device Drivers"
config UART_ECHO
	bool "echo service"
	default y
config FANCY
	bool "fancy"
	select EXPERIMENTAL
config LEGACY
	bool "legacy"
	depends on GONE
endmenu
`,
	".config":        "CONFIG_USERSPACE=y\nCONFIG_FANCY=y\n",
	"hardening.yaml": "profiles:\n  base: {description: b}\nrules:\n  HW_STACK_PROTECTION: {value: y, rationale: guards}\n  USERSPACE: {value: y, rationale: separation}\n",
	"src/main.c":     "#ifdef CONFIG_TYPO\nint x;\n#endif\n",
	"lib/fancy.c":    "#ifdef CONFIG_FANCY\nvoid fancy_run(void) {}\n#endif\n",
	"security/assure.yaml": `version: 1
project:
  name: fw
people:
  - {id: alice, name: Alice, roles: [security-reviewer]}
kconfig:
  config: .config
  hardening:
    files: [hardening.yaml]
  default_off:
    areas:
      - {kind: drivers, menus: ["Device Drivers"]}
  unused:
    app: ["src/**"]
`,
}

func kconfigFacts(t *testing.T, files map[string]string) *collect.Facts {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := model.Load(dir, "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return &collect.Facts{Root: dir, Model: m}
}

func kconfigChecks() []Check {
	return []Check{KconfigHardening{}, KconfigProtection{"EP-1"}, KconfigProtection{"EP-2"}, KconfigDefaults{}, KconfigUnused{}, KconfigHygiene{}}
}

func TestKconfigChecks(t *testing.T) {
	run := func() map[string][]string {
		f := kconfigFacts(t, kconfigFiles)
		got := map[string][]string{}
		for _, c := range kconfigChecks() {
			out, err := c.Run(context.Background(), f)
			if err != nil {
				t.Fatalf("%s: %v", c.ID(), err)
			}
			if out.Skipped {
				t.Errorf("%s skipped: %s", c.ID(), out.Summary)
			}
			for _, fd := range out.Findings {
				if fd.Check != c.ID() {
					t.Errorf("%s: finding of check %s", c.ID(), fd.Check)
				}
				for _, r := range fd.Requirements {
					if !contains(c.Requirements(), r) {
						t.Errorf("%s: finding %s names %s, which the check does not declare", c.ID(), fd.Rule, r)
					}
				}
				got[c.ID()] = append(got[c.ID()], fd.ID+" "+fd.Rule+" "+string(fd.Severity)+" "+fd.Location.String())
			}
		}
		return got
	}
	first, second := run(), run()
	if !reflect.DeepEqual(first, second) {
		t.Fatalf("two runs differ:\n%v\n%v", first, second)
	}
	want := map[string][]string{
		"kconfig-hardening":        {"kconfig-hardening/marker error Kconfig:16", "kconfig-hardening/rule-failed error Kconfig:6"},
		"kconfig-stack-protection": {"kconfig-protection/not-enabled error hardening.yaml:2:3"},
		"kconfig-defaults":         {"kconfig-defaults/default-on error Kconfig:13"},
		"kconfig-unused":           {"kconfig-unused/unused note .config:2"},
		"kconfig-hygiene": {
			"kconfig-hygiene/never-enabled warning Kconfig:19",
			"kconfig-hygiene/undefined-in-kconfig warning Kconfig:19",
			"kconfig-hygiene/undefined-in-source warning src/main.c:1",
		},
	}
	for id, rows := range want {
		var got []string
		for _, g := range first[id] {
			got = append(got, g[strings.IndexByte(g, ' ')+1:])
		}
		if !reflect.DeepEqual(got, rows) {
			t.Errorf("%s\n got %v\nwant %v", id, got, rows)
		}
	}
	if len(first["kconfig-thread-separation"]) != 0 {
		t.Errorf("thread separation: %v", first["kconfig-thread-separation"])
	}
}

// Without the model sections the checks have nothing to check; with a
// build that is not there they cannot answer, and say so.
func TestKconfigChecksSkipAndFail(t *testing.T) {
	files := map[string]string{"security/assure.yaml": "version: 1\nproject:\n  name: fw\n"}
	f := kconfigFacts(t, files)
	for _, c := range kconfigChecks() {
		out, err := c.Run(context.Background(), f)
		if err != nil || !out.Skipped || len(out.Findings) > 0 {
			t.Errorf("%s: %+v, %v", c.ID(), out, err)
		}
	}
	broken := map[string]string{}
	for k, v := range kconfigFiles {
		broken[k] = v
	}
	broken["security/assure.yaml"] = strings.Replace(kconfigFiles["security/assure.yaml"], `    app: ["src/**"]`, "    compile_commands: build/cc.json\n    map: build/app.map", 1)
	_, err := KconfigUnused{}.Run(context.Background(), kconfigFacts(t, broken))
	if err == nil || !strings.Contains(err.Error(), "build/cc.json: no such file or directory") {
		t.Errorf("a missing build: %v", err)
	}
}
