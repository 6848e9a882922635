package defaultoff

import (
	"reflect"
	"testing"

	"github.com/assure-dev/assure/internal/kconfig"
	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

func table(t *testing.T) *symtab.Table {
	t.Helper()
	kc, err := kconfig.Parse("Kconfig", kconfig.Options{SrcTree: "testdata/tree"})
	if err != nil {
		t.Fatal(err)
	}
	return symtab.FromEngine(kc, "")
}

func TestDefaultOff(t *testing.T) {
	areas := []Area{
		{Kind: "protocols", Menus: []string{"Networking"}},
		{Kind: "drivers", Paths: []string{"drivers/**"}},
	}
	common := []Common{
		{Symbol: "SERIAL", Reason: "every board has a console"},
		{Symbol: "SPI", Reason: "stale: SPI is off by default"},
	}
	rep, err := Check(table(t), areas, common)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ sym, kind, def, accepted string }
	var got []row
	for _, f := range rep.Findings {
		got = append(got, row{f.Symbol, f.Kind, f.Default, f.Accepted})
	}
	want := []row{
		{"NETWORKING", "protocols", "default y", ""},
		{"NET_ETH", "protocols", "default y if BOARD_HAS_ETH", ""},
		{"NET_TCP", "protocols", "default y if NETWORKING", ""},
		{"SERIAL", "drivers", "default y", "every board has a console"},
		{"UART_CONSOLE", "drivers", "default y", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n got %+v\nwant %+v", got, want)
	}
	// NET_CAN's default needs BOARD_HAS_CAN, which nothing can set;
	// NET_TELNET, NET_LATE_DEFAULT (its first default always applies),
	// SPI, USB_DEVICE are off by default; the choice members and the
	// promptless helper are not judged.
	if rep.Checked != 10 {
		t.Errorf("checked %d options, want 10", rep.Checked)
	}
	if rep.Open() != 4 {
		t.Errorf("open %d, want 4", rep.Open())
	}
	if len(rep.Stale) != 1 || rep.Stale[0].Symbol != "SPI" {
		t.Errorf("stale %+v", rep.Stale)
	}
	for _, f := range rep.Findings {
		if f.Symbol == "SERIAL" && (f.Pos != symtab.Pos{File: "drivers/Kconfig", Line: 3} || f.Because != "Kconfig file matches drivers/**") {
			t.Errorf("SERIAL %+v", f)
		}
		if f.Symbol == "NET_TCP" && f.Because != `in menu "Networking"` {
			t.Errorf("NET_TCP %+v", f)
		}
	}
}

func TestBadPatterns(t *testing.T) {
	if _, err := Check(&symtab.Table{}, []Area{{Kind: "drivers", Paths: []string{"drivers/[**"}}}, nil); err == nil {
		t.Error("a bad glob was accepted")
	}
	if _, err := Check(&symtab.Table{}, []Area{{Kind: "drivers", Menus: []string{"[Device"}}}, nil); err == nil {
		t.Error("a bad menu pattern was accepted")
	}
}
