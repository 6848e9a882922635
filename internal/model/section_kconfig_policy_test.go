package model

import (
	"strings"
	"testing"
)

const kconfigPeople = `people:
  - id: alice
    name: Alice
    roles: [security-reviewer]
  - id: bob
    name: Bob
    roles: [maintainer]
`

func TestKconfigPolicyLoads(t *testing.T) {
	dir := writeTree(t, map[string]string{DefaultPath: header + kconfigPeople + `kconfig:
  root: Kconfig
  config: build/.config
  hardening:
    files: [scripts/hardening.yaml, "subsys/**/hardening.yaml"]
    profile: strict
    defaults_profile: base
    exceptions:
      - symbol: SHELL
        justification: field diagnostics over the debug UART
        approver: alice
        expires: 2030-01-31
        waiver: W-0012
  default_off:
    areas:
      - kind: drivers
        paths: ["drivers/**"]
        menus: ["Device Drivers"]
    common:
      - symbol: SERIAL
        reason: every board has a console
  unused:
    compile_commands: build/compile_commands.json
    map: build/app.map
    app: ["app/**"]
  lint:
    allow:
      - symbol: "BOARD_*"
        reason: defined by the board's CMake
`})
	m, err := Load(dir, DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	k := m.Kconfig
	if !k.HardeningConfigured() || !k.DefaultOffConfigured() || !k.UnusedConfigured() {
		t.Errorf("configured: %v %v %v", k.HardeningConfigured(), k.DefaultOffConfigured(), k.UnusedConfigured())
	}
	e := k.Hardening.Exceptions[0]
	if e.Symbol != "SHELL" || e.Waiver != "W-0012" || e.Pos.String() != "security/assure.yaml:19:9" {
		t.Errorf("exception %+v at %s", e, e.Pos)
	}
	if c := k.DefaultOff.Common[0]; c.Pos.Line != 30 {
		t.Errorf("common at %s", c.Pos)
	}
}

func TestKconfigPolicyErrors(t *testing.T) {
	for _, tc := range []struct {
		name, section, want string
	}{
		{"approver without role", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, justification: j, approver: bob}\n",
			`security/assure.yaml:15:53: approver "bob" of the exception for SHELL lacks the role security-reviewer`},
		{"unknown approver", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, justification: j, approver: mallory}\n",
			`security/assure.yaml:15:53: approver "mallory" is not a person in the model`},
		{"no justification", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, approver: alice}\n",
			`security/assure.yaml:15:9: kconfig.hardening.exceptions[0]: missing required key "justification"`},
		{"blank justification", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, justification: \" \", approver: alice}\n",
			`security/assure.yaml:15:40: kconfig.hardening.exceptions[0].justification: " " is not valid`},
		{"bad date", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, justification: j, approver: alice, expires: 2030-02-31}\n",
			`security/assure.yaml:15:69: expires "2030-02-31" is not a date (hint: write YYYY-MM-DD`},
		{"bad waiver id", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, justification: j, approver: alice, waiver: W12}\n",
			`security/assure.yaml:15:68: kconfig.hardening.exceptions[0].waiver: "W12" is not valid`},
		{"duplicate exception", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: SHELL, justification: j, approver: alice}\n      - {symbol: SHELL, justification: k, approver: alice}\n",
			`security/assure.yaml:16:18: a second exception for SHELL (hint: one exception per symbol; the first is at security/assure.yaml:15:9)`},
		{"lower-case symbol", "  hardening:\n    files: [h.yaml]\n    exceptions:\n      - {symbol: shell, justification: j, approver: alice}\n",
			`security/assure.yaml:15:18: kconfig.hardening.exceptions[0].symbol: "shell" is not valid`},
		{"bad area kind", "  default_off:\n    areas:\n      - {kind: apps, paths: [apps/**]}\n",
			`security/assure.yaml:14:16: kconfig.default_off.areas[0].kind: "apps" is not allowed`},
		{"empty area", "  default_off:\n    areas:\n      - {kind: drivers}\n",
			`security/assure.yaml:14:9: the drivers area names no Kconfig files and no menus`},
		{"common without reason", "  default_off:\n    common:\n      - {symbol: SERIAL}\n",
			`security/assure.yaml:14:9: kconfig.default_off.common[0]: missing required key "reason"`},
		{"map without compile commands", "  unused:\n    map: build/app.map\n",
			`security/assure.yaml:13:5: a map file or ELF image needs the compilation database too`},
		{"absolute map", "  unused:\n    compile_commands: cc.json\n    map: /tmp/app.map\n",
			`security/assure.yaml:14:10: "/tmp/app.map" is an absolute path`},
		{"misspelt key", "  hardening:\n    file: [h.yaml]\n",
			`security/assure.yaml:13:5: unknown key "file" (hint: did you mean "files"?`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := loadErr(t, map[string]string{DefaultPath: header + kconfigPeople + "kconfig:\n" + tc.section}, LoadOptions{})
			got := diagLines(ds)
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got\n%s\nwant prefix\n%s", got, tc.want)
			}
		})
	}
}
