package lint

import (
	"reflect"
	"strconv"
	"strings"
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

type row struct {
	rule, sym, at string
}

func rows(rep *Report) []row {
	var out []row
	for _, i := range rep.Issues {
		out = append(out, row{i.Rule, i.Symbol, i.File + ":" + strconv.Itoa(i.Line)})
	}
	return out
}

func TestLint(t *testing.T) {
	rep, err := Lint(table(t), Options{Root: "testdata/tree", Allow: []Allow{{Symbol: "BOARD_*", Reason: "the build system defines it"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{NeverEnabled, "INSIDE_IF", "Kconfig:36"},
		{NeverEnabled, "LEGACY", "Kconfig:14"},
		{NeverEnabled, "LEGACY_EXTRA", "Kconfig:18"},
		{NeverEnabled, "NEVER_BY_NEGATION", "Kconfig:28"},
		{NeverEnabled, "ORPHAN", "Kconfig:22"},
		{UndefinedInKconfig, "REMOVED_FEATURE", "Kconfig:14"},
		{UndefinedInKconfig, "OLD_IF_SYMBOL", "Kconfig:36"},
		{UndefinedInSource, "GPOI", "prj.conf:3"},
		{UndefinedInSource, "MISSPELT", "prj.conf:2"},
		{UndefinedInSource, "NO_SUCH_THING", "src/CMakeLists.txt:3"},
		{UndefinedInSource, "STALE_COMMENT", "src/CMakeLists.txt:2"},
		{UndefinedInSource, "DOC_ONLY", "src/main.c:1"},
		{UndefinedInSource, "TYPO_GPIO", "src/main.c:8"},
		{UndefinedInSource, "BOARD_NAME", "src/main.c:15"},
	}
	got := rows(rep)
	// Sorted by rule, file, line.
	if !reflect.DeepEqual(got, sortRows(want)) {
		t.Errorf("issues\n got %v\nwant %v", got, sortRows(want))
	}
	if rep.Files != 3 {
		t.Errorf("scanned %d files, want 3 (the build directory is skipped)", rep.Files)
	}
	if rep.Open() != len(want)-1 {
		t.Errorf("open %d, want %d: BOARD_NAME is allowed", rep.Open(), len(want)-1)
	}
	for _, i := range rep.Issues {
		switch i.Symbol {
		case "LEGACY":
			if i.Message != "LEGACY can never be enabled: its dependencies can never be met: depends on REMOVED_FEATURE (REMOVED_FEATURE not defined)" {
				t.Errorf("LEGACY: %s", i.Message)
			}
		case "ORPHAN":
			if !strings.Contains(i.Message, "nothing selects or implies it") {
				t.Errorf("ORPHAN: %s", i.Message)
			}
		case "DOC_ONLY":
			if !strings.Contains(i.Message, "in a comment") {
				t.Errorf("DOC_ONLY: %s", i.Message)
			}
		}
	}
}

func sortRows(rs []row) []row {
	out := append([]row(nil), rs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			a, b := out[i], out[j]
			af, al, _ := strings.Cut(a.at, ":")
			bf, bl, _ := strings.Cut(b.at, ":")
			less := b.rule < a.rule || b.rule == a.rule && (bf < af || bf == af && (len(bl) < len(al) || len(bl) == len(al) && bl < al))
			if less {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestLintBadGlob(t *testing.T) {
	if _, err := Lint(&symtab.Table{}, Options{Root: ".", Include: []string{"[*.c"}}); err == nil {
		t.Error("a bad glob was accepted")
	}
}
