package model

import (
	"strings"
	"testing"
)

func TestComplexitySection(t *testing.T) {
	const mods = "modules:\n  - id: crypto\n    paths: [\"crypto/**\"]\n    security_relevant: false\n"
	good := header + mods + `complexity:
  max_ccn: 15
  languages: {c: {max_ccn: 20}, go: {max_ccn: 12}}
  modules:
    crypto: {max_ccn: 10, languages: {cpp: {max_ccn: 8}}}
  exceptions:
    - {file: crypto/aes.c, function: aes_setkey, max_ccn: 32, reason: unrolled key schedule, waiver: W-7}
  exclude: ["third_party/**"]
`
	dir := writeTree(t, map[string]string{DefaultPath: good})
	m, err := Load(dir, DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	c := m.Complexity
	if c.MaxCCN != 15 || c.Languages["go"].MaxCCN != 12 || c.Modules["crypto"].Languages["cpp"].MaxCCN != 8 || !c.HasBudget() {
		t.Errorf("decoded %+v", c)
	}
	e := c.Exceptions[0]
	if e.Function != "aes_setkey" || e.MaxCCN != 32 || e.Waiver != "W-7" || e.Pos.String() != DefaultPath+":14:7" {
		t.Errorf("exception %+v at %s", e, e.Pos)
	}
	if (Complexity{Exceptions: c.Exceptions}).HasBudget() {
		t.Error("exceptions alone are no budget")
	}

	cases := []struct {
		name, section, want string
	}{
		{"unknown language", "  languages: {rust: {max_ccn: 3}}\n", `:5:15: unknown language "rust"`},
		{"unknown module", "  modules: {crypt: {max_ccn: 3}}\n", `:5:13: complexity budget for unknown module "crypt" (hint: did you mean "crypto"?`},
		{"module language", "  modules: {crypto: {languages: {cc: {max_ccn: 3}}}}\n", `:5:34: unknown language "cc"`},
		{"absolute file", "  exceptions: [{file: /a.c, function: f, max_ccn: 3, reason: r}]\n", `:5:23: path "/a.c" must be relative to the repository root`},
		{"glob file", "  exceptions: [{file: \"src/*.c\", function: f, max_ccn: 3, reason: r}]\n", `is a glob; an exception names one file`},
		{"duplicate", "  exceptions:\n  - {file: a.c, function: f, max_ccn: 3, reason: r}\n  - {file: ./a.c, function: f, max_ccn: 4, reason: s}\n", `a second exception for function "f" in ./a.c`},
		{"bad exclude", "  exclude: [\"gen/\"]\n", `path "gen/" ends with /`},
		{"zero budget", "  max_ccn: 0\n", `max_ccn`},
		{"missing reason", "  exceptions: [{file: a.c, function: f, max_ccn: 3}]\n", `reason`},
		{"bad waiver id", "  exceptions: [{file: a.c, function: f, max_ccn: 3, reason: r, waiver: \"no spaces\"}]\n", `waiver`},
		{"unknown key", "  max_cnn: 3\n", `max_cnn`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := diagLines(loadErr(t, map[string]string{DefaultPath: header + "complexity:\n" + tc.section + mods}, LoadOptions{}))
			if !strings.Contains(ds, tc.want) || !strings.HasPrefix(ds, DefaultPath+":") {
				t.Errorf("diagnostics:\n%swant one containing %q", ds, tc.want)
			}
		})
	}
}
