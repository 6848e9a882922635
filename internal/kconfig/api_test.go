package kconfig

import (
	"path/filepath"
	"strings"
	"testing"
)

const apiTree = `mainmenu "API"
PREFIX := X
config $(PREFIX)_A
	bool "a"
	default y
config B
	tristate "b"
	depends on X_A
config MODULES
	bool "modules"
config S
	string "s"
	default "$(HOME_DIR)/cfg"
config DEFCONFIG
	string
	option defconfig_list
	default "missing.config"
	default "configs/base.config"
choice C
	prompt "c"
config C1
	bool "c1"
config C2
	bool "c2"
endchoice
`

func parseAPITree(t *testing.T, opts Options) *Kconfig {
	t.Helper()
	dir := writeTree(t, map[string]string{"Kconfig": apiTree, "configs/base.config": "CONFIG_B=m\nCONFIG_MODULES=y\n"})
	opts.SrcTree = dir
	if opts.Env == nil {
		opts.Env = map[string]string{"HOME_DIR": "/home/x", "UNUSED": "1"}
	}
	kc, err := Parse("Kconfig", opts)
	if err != nil {
		t.Fatal(err)
	}
	return kc
}

func TestSetValue(t *testing.T) {
	kc := parseAPITree(t, Options{})
	a, b := kc.Lookup("X_A"), kc.Lookup("B")
	if a.Value() != "y" || b.Value() != "n" || b.Type() != TypeBool {
		t.Fatalf("defaults: A=%s B=%s %s", a.Value(), b.Value(), b.Type())
	}
	if !b.SetValue("m") || b.Value() != "y" {
		t.Errorf("B=m without modules: %s, want y", b.Value())
	}
	kc.Lookup("MODULES").SetValue("y")
	if b.Value() != "m" || b.Type() != TypeTristate {
		t.Errorf("B=m with modules: %s %s", b.Value(), b.Type())
	}
	if b.SetValue("maybe") || b.Value() != "m" {
		t.Error("an invalid value must be refused and change nothing")
	}
	a.SetValue("n")
	if b.Value() != "n" || b.Visibility() != N {
		t.Errorf("B depends on X_A=n: %s, vis %s", b.Value(), b.Visibility())
	}
	a.UnsetValue()
	if a.Value() != "y" || b.Value() != "m" {
		t.Errorf("after unset: A=%s B=%s", a.Value(), b.Value())
	}
	c := kc.Choices()[0]
	kc.Lookup("C2").SetValue("y")
	if c.Selection() != kc.Lookup("C2") || c.UserSelection() != kc.Lookup("C2") {
		t.Errorf("selection %v", c.Selection())
	}
	c.UnsetValue()
	if c.Selection() != kc.Lookup("C1") {
		t.Errorf("selection after unset %v", c.Selection())
	}
	if kc.Const(Y).SetValue("n") || kc.Const(Y).Value() != "y" {
		t.Error("constants cannot be set")
	}
}

func TestLoadMerge(t *testing.T) {
	kc := parseAPITree(t, Options{})
	if err := kc.ReadConfig("one", []byte("CONFIG_MODULES=y\nCONFIG_B=m\nCONFIG_GONE=y\n"), true); err != nil {
		t.Fatal(err)
	}
	if err := kc.ReadConfig("two", []byte("CONFIG_C2=y\n"), false); err != nil {
		t.Fatal(err)
	}
	if kc.Lookup("B").Value() != "m" || kc.Lookup("C2").Value() != "y" {
		t.Errorf("merge lost a value: B=%s C2=%s", kc.Lookup("B").Value(), kc.Lookup("C2").Value())
	}
	if m := kc.MissingAssignments(); len(m) != 1 || m[0].Name != "GONE" || m[0].Pos.String() != "one:3" {
		t.Errorf("missing = %+v", m)
	}
	if err := kc.ReadConfig("three", []byte("CONFIG_C2=y\n"), true); err != nil {
		t.Fatal(err)
	}
	if kc.Lookup("B").Value() != "n" || len(kc.MissingAssignments()) != 0 {
		t.Error("replace must drop the earlier user values")
	}
	if _, pos, ok := kc.Lookup("C2").UserValue(); !ok || pos.String() != "three:1" {
		t.Errorf("user value position %v", pos)
	}
}

func TestTreeFacts(t *testing.T) {
	kc := parseAPITree(t, Options{ConfigPrefix: "K_", Header: "# header\n"})
	if kc.MainMenu() != "API" || kc.Lookup("X_A") == nil || kc.Lookup("NOPE") != nil {
		t.Error("lookup")
	}
	if got := kc.DefconfigFilename(); !strings.HasSuffix(got, filepath.Join("configs", "base.config")) {
		t.Errorf("defconfig %q", got)
	}
	if got := kc.EnvUsed(); len(got) != 1 || got[0] != "HOME_DIR" {
		t.Errorf("env used %v", got)
	}
	if vs := kc.Variables(); len(vs) != 1 || vs[0].Name != "PREFIX" || vs[0].Value != "X" || vs[0].Recursive {
		t.Errorf("variables %+v", vs)
	}
	var order []string
	kc.Nodes(func(n *MenuNode) {
		if n.Kind == KindSymbol {
			order = append(order, n.Symbol.Name)
		}
	})
	if strings.Join(order, " ") != "X_A B MODULES S DEFCONFIG C1 C2" {
		t.Errorf("order %v", order)
	}
	text := kc.ConfigText()
	if !strings.HasPrefix(text, "# header\nK_X_A=y\n") || !strings.Contains(text, `K_S="/home/x/cfg"`) || strings.Contains(text, "DEFCONFIG") {
		t.Errorf("config text:\n%s", text)
	}
	if err := kc.ReadConfig("p", []byte("K_B=y\nCONFIG_X_A=n\n"), true); err != nil {
		t.Fatal(err)
	}
	if kc.Lookup("B").Value() != "y" || kc.Lookup("X_A").Value() != "y" {
		t.Error("the prefix decides which lines are assignments")
	}
	dep := kc.Lookup("B").DirectDeps()
	if dep.String() != "X_A" || dep.Eval() != Y || len(dep.Symbols()) != 1 {
		t.Errorf("deps %s", dep)
	}
}

func TestExprString(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": `config A
	bool "a"
	depends on (B || C) && !(D && E) && F = "x y" && G != 3 && !H || I < J
`})
	kc, err := Parse("Kconfig", Options{SrcTree: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := `((B || C) && !(D && E) && F = "x y" && G != 3 && !H) || I < J` // Kconfiglib parenthesizes ANDs under OR
	if got := kc.Lookup("A").DirectDeps().String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var names []string
	for _, s := range kc.Lookup("A").DirectDeps().Symbols() {
		names = append(names, s.Name)
	}
	if strings.Join(names, " ") != "B C D E F x y G 3 H I J" {
		t.Errorf("symbols %v", names)
	}
}
