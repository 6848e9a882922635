package harden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sym(name string, typ symtab.Type, value string, active bool) *symtab.Symbol {
	return &symtab.Symbol{Name: name, Type: typ, Value: value, Active: active, Visible: active,
		Defs: []symtab.Def{{Pos: symtab.Pos{File: "Kconfig", Line: 1}, Prompt: name}}}
}

func i64(v int64) *int64 { return &v }

func TestEvaluate(t *testing.T) {
	y := &Rule{Symbol: "S", Value: "y", HasValue: true}
	zero := &Rule{Symbol: "S", Value: "0", HasValue: true}
	hex := &Rule{Symbol: "S", Value: "256", HasValue: true}
	text := &Rule{Symbol: "S", Value: "none", HasValue: true}
	atLeast := &Rule{Symbol: "S", Min: i64(100)}
	between := &Rule{Symbol: "S", Min: i64(1), Max: i64(8)}
	for _, tc := range []struct {
		name string
		rule *Rule
		sym  *symtab.Symbol
		want Status
	}{
		{"absent", y, nil, NA},
		{"referenced but undefined", y, &symtab.Symbol{Name: "S", Type: symtab.Unknown, Value: "n"}, NA},
		{"deps not met", y, sym("S", symtab.Bool, "n", false), NA},
		{"bool pass", y, sym("S", symtab.Bool, "y", true), Pass},
		{"bool fail", y, sym("S", symtab.Bool, "n", true), Fail},
		{"tristate m is not y", y, sym("S", symtab.Tristate, "m", true), Fail},
		{"promptless with value is judged", y, &symtab.Symbol{Name: "S", Type: symtab.Bool, Value: "n", Active: true, Defs: []symtab.Def{{}}}, Fail},
		{"int equal", zero, sym("S", symtab.Int, "0", true), Pass},
		{"int differs", zero, sym("S", symtab.Int, "3", true), Fail},
		{"hex numerically", hex, sym("S", symtab.Hex, "0x100", true), Pass},
		{"hex without 0x", hex, sym("S", symtab.Hex, "100", true), Pass},
		{"string", text, sym("S", symtab.String, "none", true), Pass},
		{"min pass", atLeast, sym("S", symtab.Int, "100", true), Pass},
		{"min fail", atLeast, sym("S", symtab.Int, "99", true), Fail},
		{"range pass", between, sym("S", symtab.Hex, "0x8", true), Pass},
		{"range above", between, sym("S", symtab.Int, "9", true), Fail},
		{"range on bool fails", atLeast, sym("S", symtab.Bool, "y", true), Fail},
		{"empty int", atLeast, sym("S", symtab.Int, "", true), Fail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Evaluate(tc.rule, tc.sym); got.Status != tc.want {
				t.Errorf("status %s (%s), want %s", got.Status, got.Reason, tc.want)
			}
		})
	}
}

// table is a small configuration: a Cortex-M like target with stack
// protection available and enabled, a boot banner left on, an experimental
// driver enabled, and no x86 MMU at all.
func table() *symtab.Table {
	t := &symtab.Table{Root: "Kconfig", Config: ".config"}
	for _, s := range []*symtab.Symbol{
		sym("HW_STACK_PROTECTION", symtab.Bool, "y", true),
		sym("STACK_CANARIES", symtab.Bool, "n", false),
		sym("STACK_POINTER_RANDOM", symtab.Int, "0", true),
		sym("BOOT_DELAY", symtab.Int, "0", true),
		sym("BOOT_BANNER", symtab.Bool, "y", true),
		sym("SHELL", symtab.Bool, "y", true),
		{Name: "EXPERIMENTAL", Type: symtab.Bool, Value: "y", Active: true, Defs: []symtab.Def{{}}},
		{Name: "DEPRECATED", Type: symtab.Bool, Value: "n", Active: true, Defs: []symtab.Def{{}}},
		sym("FANCY_DRIVER", symtab.Bool, "y", true),
		sym("OLD_API", symtab.Bool, "n", true),
		sym("NEEDS_EXP", symtab.Bool, "y", true),
		sym("COND_SEL", symtab.Bool, "y", true),
	} {
		t.Add(s)
	}
	t.Symbols["STACK_CANARIES"].DependsOn = symtab.S("ENTROPY_GENERATOR")
	t.Symbols["FANCY_DRIVER"].Selects = []symtab.Reverse{{Target: "EXPERIMENTAL"}}
	t.Symbols["OLD_API"].Selects = []symtab.Reverse{{Target: "DEPRECATED"}}
	t.Symbols["NEEDS_EXP"].DependsOn = symtab.AndE(symtab.S("EXPERIMENTAL"), symtab.S("SHELL"))
	t.Symbols["COND_SEL"].Selects = []symtab.Reverse{{Target: "EXPERIMENTAL", Cond: symtab.S("OLD_API")}}
	return t
}

func TestCheckProfiles(t *testing.T) {
	db, err := Load([]string{"testdata/hardening.yaml"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]Status{
		"base": {"HW_STACK_PROTECTION": Pass, "STACK_CANARIES": NA, "STACK_POINTER_RANDOM": Fail, "X86_MMU": NA,
			"FANCY_DRIVER": Fail, "NEEDS_EXP": Fail},
		"strict": {"HW_STACK_PROTECTION": Pass, "STACK_CANARIES": NA, "STACK_POINTER_RANDOM": Fail, "X86_MMU": NA,
			"BOOT_DELAY": Pass, "BOOT_BANNER": Fail, "SHELL": Fail, "FANCY_DRIVER": Fail, "NEEDS_EXP": Fail},
	}
	for profile, rows := range want {
		rep, err := Check(db, table(), Options{Profile: profile})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]Status{}
		for _, r := range rep.Results {
			got[r.Symbol] = r.Status
		}
		if len(got) != len(rows) {
			t.Errorf("%s: %d rows %v, want %d", profile, len(got), got, len(rows))
		}
		for s, st := range rows {
			if got[s] != st {
				t.Errorf("%s: %s = %s, want %s", profile, s, got[s], st)
			}
		}
	}
}

func TestExceptions(t *testing.T) {
	db, _ := Load([]string{"testdata/hardening.yaml"}, nil)
	exs := []Exception{
		{Symbol: "SHELL", Justification: "field diagnostics", Approver: "alice", Waiver: "W-0001"},
		{Symbol: "BOOT_BANNER", Justification: "lab units", Approver: "alice", Expires: "2020-01-31"},
		{Symbol: "FANCY_DRIVER", Justification: "vendor driver", Approver: "bob", Expires: "2020-02-01"},
		{Symbol: "HW_STACK_PROTECTION", Justification: "not needed any more", Approver: "bob"},
	}
	rep, err := Check(db, table(), Options{Profile: "strict", Exceptions: exs, Today: "2020-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Result{}
	for _, r := range rep.Results {
		got[r.Symbol] = r
	}
	if r := got["SHELL"]; r.Status != Waived || r.Exception.Waiver != "W-0001" {
		t.Errorf("SHELL %+v", r)
	}
	if r := got["BOOT_BANNER"]; r.Status != Fail || r.Reason != "exception expired on 2020-01-31" {
		t.Errorf("BOOT_BANNER %+v: an expired exception accepts nothing", r)
	}
	if r := got["FANCY_DRIVER"]; r.Status != Waived {
		t.Errorf("FANCY_DRIVER %+v: an exception holds on its last day", r)
	}
	if len(rep.Stale) != 1 || rep.Stale[0].Symbol != "HW_STACK_PROTECTION" {
		t.Errorf("stale %+v", rep.Stale)
	}
}

func TestTextGolden(t *testing.T) {
	db, _ := Load([]string{"testdata/hardening.yaml"}, nil)
	exs := []Exception{{Symbol: "SHELL", Justification: "field diagnostics", Approver: "alice", Waiver: "W-0001"}}
	rep, err := Check(db, table(), Options{Profile: "strict", Exceptions: exs})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := rep.Text(&a); err != nil {
		t.Fatal(err)
	}
	_ = rep.Text(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("output differs between runs")
	}
	golden(t, "strict.txt", a.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
