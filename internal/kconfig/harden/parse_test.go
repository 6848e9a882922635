package harden

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustParse(t *testing.T, name, src string) *File {
	t.Helper()
	f, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseFixture(t *testing.T) {
	db, err := Load([]string{"testdata/hardening.yaml"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := db.ProfileNames(); !reflect.DeepEqual(got, []string{"base", "strict"}) {
		t.Errorf("profiles %v", got)
	}
	r := db.Rules["STACK_POINTER_RANDOM"]
	if r == nil || r.HasValue || r.Min == nil || *r.Min != 100 || r.Max != nil || r.Recommended() != ">=100" {
		t.Fatalf("STACK_POINTER_RANDOM = %+v", r)
	}
	if got := db.Rules["BOOT_DELAY"]; got.Value != "0" || !got.HasValue || !reflect.DeepEqual(got.Profiles, []string{"strict"}) {
		t.Errorf("BOOT_DELAY = %+v", got)
	}
	if got := db.Rules["HW_STACK_PROTECTION"]; got.Source != "testdata/hardening.yaml:12:3" || !reflect.DeepEqual(got.Profiles, []string{"base"}) ||
		!strings.HasPrefix(got.Rationale, "Traps stack overflows") || strings.HasSuffix(got.Rationale, "\n") {
		t.Errorf("HW_STACK_PROTECTION = %+v", got)
	}
	base, _ := db.RulesFor("base")
	strict, _ := db.RulesFor("strict")
	if len(base) != 4 || len(strict) != 7 {
		t.Errorf("base has %d rules, strict %d; want 4 and 7", len(base), len(strict))
	}
	if chain, _ := db.Closure("strict"); !reflect.DeepEqual(chain, []string{"strict", "base"}) {
		t.Errorf("closure %v", chain)
	}
}

// Values are normalised the way hardeninglib does with PyYAML's YAML 1.1
// reading: booleans and yes/no become y/n, integers their decimal text.
func TestValueSpellings(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"y", "y"}, {"n", "n"}, {"true", "y"}, {"false", "n"}, {"yes", "y"}, {"off", "n"},
		{"0", "0"}, {"0x100", "256"}, {`"0x100"`, "0x100"}, {`"text"`, "text"}, {"-3", "-3"},
	} {
		f := mustParse(t, "h.yaml", "rules:\n  A:\n    value: "+tc.yaml+"\n    rationale: r\n")
		if got := f.Rules[0].Value; got != tc.want {
			t.Errorf("value: %s -> %q, want %q", tc.yaml, got, tc.want)
		}
	}
}

// Every way to break the schema gets one message at the right place with
// what to do.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"not a mapping", "- a\n", "h.yaml:1:1: a hardening file is a mapping with profiles and/or rules"},
		{"empty", "{}\n", "h.yaml:1:1: a hardening file needs profiles or rules"},
		{"unknown top key", "rule:\n  A: {value: y, rationale: r}\n", `h.yaml:1:1: unknown key "rule" (hint: did you mean "rules"?)`},
		{"no rationale", "rules:\n  BOOT_BANNER:\n    value: n\n", "h.yaml:3:5: rule BOOT_BANNER has no rationale (hint: every rule says why: rationale: ...)"},
		{"blank rationale", "rules:\n  A:\n    value: n\n    rationale: \"  \"\n", "h.yaml:4:16: rule A: rationale must be text that says why"},
		{"value and min", "rules:\n  A:\n    value: 1\n    min: 0\n    rationale: r\n", "h.yaml:3:5: rule A has both value and min/max"},
		{"nothing", "rules:\n  A:\n    rationale: r\n", "h.yaml:3:5: rule A recommends nothing"},
		{"min > max", "rules:\n  A:\n    min: 5\n    max: 1\n    rationale: r\n", "h.yaml:3:5: rule A has min 5 greater than max 1"},
		{"min not int", "rules:\n  A:\n    min: ten\n    rationale: r\n", "h.yaml:3:10: rule A: min must be an integer"},
		{"CONFIG_ prefix", "rules:\n  CONFIG_A:\n    value: y\n    rationale: r\n", `h.yaml:2:3: rule CONFIG_A names the symbol with its CONFIG_ prefix (hint: drop the prefix: A)`},
		{"misspelt key", "rules:\n  A:\n    value: y\n    rationale: r\n    refrences: [CWE-1]\n", `h.yaml:5:5: unknown key "refrences" in rule A (hint: did you mean "references"?)`},
		{"empty references", "rules:\n  A:\n    value: y\n    rationale: r\n    references: []\n", "h.yaml:5:17: rule A: references must be a list of at least one text item"},
		{"profile without description", "profiles:\n  base: {extends: x}\n", "h.yaml:2:9: profile base has no description"},
		{"bad profile name", "profiles:\n  Base:\n    description: d\n", `h.yaml:2:3: invalid profile name "Base"`},
		{"huge min", "rules:\n  A:\n    min: 18446744073709551615\n    rationale: r\n", "h.yaml:3:10: rule A: min must be an integer"},
		{"empty profiles", "profiles: {}\n", "h.yaml:1:11: profiles must be a mapping of at least one profile name"},
		{"rules null", "rules:\n", "h.yaml:1:8: rules must be a mapping keyed by symbol name"},
		{"duplicate rule", "rules:\n  A: {value: y, rationale: r}\n  A: {value: n, rationale: r}\n", `h.yaml:3:3: invalid YAML: mapping key "A" already defined`},
		{"bad yaml", "rules:\n  A: [\n", "h.yaml:2:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("h.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %q\nwant %q...", err, tc.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("want one message, got %q", err)
			}
		})
	}
}

func write(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Merging follows hardeninglib: profiles only centrally, one rule per
// symbol in the tree, extra files add profiles and override rules.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	central := write(t, dir, "central.yaml", "profiles:\n  base: {description: b}\nrules:\n  A: {value: y, rationale: r}\n")
	frag := write(t, dir, "frag.yaml", "rules:\n  B: {value: n, rationale: r}\n")
	fragProfile := write(t, dir, "fragp.yaml", "profiles:\n  extra: {description: e}\n")
	fragDup := write(t, dir, "dup.yaml", "rules:\n  A: {value: n, rationale: other}\n")
	extra := write(t, dir, "extra.yaml", "profiles:\n  product: {description: p, extends: base}\nrules:\n  A: {value: n, rationale: product decision, profiles: [product]}\n")
	extraRedef := write(t, dir, "redef.yaml", "profiles:\n  base: {description: again}\n")
	unknownTag := write(t, dir, "tag.yaml", "rules:\n  C: {value: y, rationale: r, profiles: [nosuch]}\n")
	cycle := write(t, dir, "cycle.yaml", "profiles:\n  a: {description: a, extends: b}\n  b: {description: b, extends: a}\n")

	db, err := Load([]string{central, frag}, []string{extra})
	if err != nil {
		t.Fatal(err)
	}
	if db.Rules["A"].Value != "n" || db.Rules["B"] == nil || db.Profiles["product"] == nil {
		t.Errorf("merged %+v", db.Rules)
	}
	for _, tc := range []struct {
		name          string
		inTree, extra []string
		want          string
	}{
		{"profiles in fragment", []string{central, fragProfile}, nil, "fragp.yaml:2:3: profiles may only be defined in " + central},
		{"duplicate rule", []string{central, fragDup}, nil, "dup.yaml:2:3: rule A is already defined at " + central + ":4:3"},
		{"redefine profile", []string{central}, []string{extraRedef}, `redef.yaml:2:3: profile "base" is already defined`},
		{"unknown profile tag", []string{central, unknownTag}, nil, `tag.yaml:2:3: rule C: unknown profile "nosuch" (hint: known profiles: base)`},
		{"extends cycle", []string{cycle}, nil, "cycle.yaml:2:3: profile extends cycle: a -> b -> a"},
		{"missing file", []string{filepath.Join(dir, "none.yaml")}, nil, "none.yaml: no such file or directory (hint: name an existing hardening.yaml)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.inTree, tc.extra)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant ...%s...", err, tc.want)
			}
		})
	}
	if _, err := db.RulesFor("nosuch"); err == nil || !strings.Contains(err.Error(), `unknown profile "nosuch" (known profiles: base, product)`) {
		t.Errorf("RulesFor(nosuch) = %v", err)
	}
}
