package symtab

import (
	"reflect"
	"testing"

	"github.com/assure-dev/assure/internal/kconfig"
)

func load(t *testing.T, config string) *Table {
	t.Helper()
	kc, err := kconfig.Parse("Kconfig", kconfig.Options{SrcTree: "testdata/tree"})
	if err != nil {
		t.Fatal(err)
	}
	if config != "" {
		if err := kc.ReadConfig(".config", []byte(config), true); err != nil {
			t.Fatal(err)
		}
	}
	return FromEngine(kc, ".config")
}

func TestFromEngine(t *testing.T) {
	tab := load(t, "CONFIG_GPIO_FANCY=y\nCONFIG_STACK_SIZE=2048\n")
	hw := tab.Lookup("HW_STACK_PROTECTION")
	if hw == nil || hw.Type != Bool || hw.Value != "y" || !hw.Active || !hw.Visible || hw.DependsOn.String() != "HAS_MPU" {
		t.Fatalf("HW_STACK_PROTECTION = %+v", hw)
	}
	if want := []Def{{Pos: Pos{File: "Kconfig", Line: 20}, Prompt: "Hardware stack protection", Menus: []string{"Kernel"}}}; !reflect.DeepEqual(hw.Defs, want) {
		t.Errorf("defs %+v", hw.Defs)
	}
	if d := hw.Defaults; len(d) != 1 || d[0].Text != "y" || d[0].Cond.String() != "HAS_MPU" {
		t.Errorf("HW_STACK_PROTECTION defaults %+v: written y, condition with the dependency", d)
	}
	if x := tab.Lookup("X86_STUFF"); x.Active || x.Visible || x.Value != "n" {
		t.Errorf("X86_STUFF %+v: dependencies not met, so not active", x)
	}
	if s := tab.Lookup("STACK_SIZE"); s.Type != Int || s.Value != "2048" {
		t.Errorf("STACK_SIZE %+v", s)
	}
	if u := tab.Lookup("UNDEFINED_SYM"); u == nil || u.Defined() || u.Type != Unknown {
		t.Errorf("UNDEFINED_SYM %+v", u)
	}
	g := tab.Lookup("GPIO")
	if len(g.Selects) != 1 || g.Selects[0].Target != "EXPERIMENTAL" || g.Selects[0].Cond.String() != "GPIO_FANCY" {
		t.Errorf("GPIO selects %+v", g.Selects)
	}
	if tab.Lookup("EXPERIMENTAL").Value != "y" || tab.Eval(g.Selects[0].Cond) != "y" {
		t.Error("GPIO_FANCY=y selects EXPERIMENTAL")
	}
	found := false
	for _, r := range tab.Refs {
		if r.Symbol == "UNDEFINED_SYM" && r.From == "NEVER" && r.Pos.Line == 10 {
			found = true
		}
	}
	for _, r := range tab.Refs {
		if r.Symbol == "1024" || r.Symbol == "256" {
			t.Errorf("a number is listed as a reference: %+v", r)
		}
	}
	if !found {
		t.Errorf("no reference to UNDEFINED_SYM from NEVER at line 10: %+v", tab.Refs)
	}
}

func TestReach(t *testing.T) {
	r := NewReach(load(t, ""))
	for name, want := range map[string]bool{
		"HW_STACK_PROTECTION": true,
		"NEVER":               false, // depends on a symbol nobody defines
		"X86_STUFF":           false, // depends on a promptless symbol that defaults to n
		"EXPERIMENTAL":        true,  // selected by GPIO if GPIO_FANCY
		"GPIO_FANCY":          true,
		"HAS_MPU":             true,
	} {
		if got := r.MayBeEnabled(name); got != want {
			t.Errorf("MayBeEnabled(%s) = %v, want %v", name, got, want)
		}
	}
	tab := load(t, "")
	for name, want := range map[string]bool{
		"HW_STACK_PROTECTION": true,
		"GPIO":                true,
		"GPIO_FANCY":          false,
		"X86_STUFF":           false,
	} {
		if got := r.DefaultMayBeOn(tab.Lookup(name)); got != want {
			t.Errorf("DefaultMayBeOn(%s) = %v, want %v", name, got, want)
		}
	}
}
