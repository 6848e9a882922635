package complexity

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/assure-dev/assure/internal/sarif"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func fixtureReport() *Report {
	fs := []Function{
		{File: "kernel/tasks.c", Language: LangC, Name: "prvSelectHighestPriorityTask", LongName: "prvSelectHighestPriorityTask( BaseType_t xCoreID)", StartLine: 994, EndLine: 1257, CCN: 44, NLOC: 160, Params: 1, MaxNesting: 6},
		{File: "net/a b.c", Language: LangC, Name: "parse", LongName: "parse( const char * s , size_t n)", StartLine: 10, EndLine: 40, CCN: 16, NLOC: 25, Params: 2, MaxNesting: 2},
		{File: "tools/gen.go", Language: LangGo, Name: "(*T).Run", LongName: "(*T).Run(ctx context.Context)", StartLine: 5, EndLine: 9, CCN: 3, NLOC: 5, Params: 1, MaxNesting: 1},
		{File: "tools/gen.go", Language: LangGo, Name: "main.func1", LongName: `main.func1(s string, "quoted")`, StartLine: 12, EndLine: 12, CCN: 1, NLOC: 1},
	}
	SortWorstFirst(fs)
	return &Report{Functions: fs, Total: 9, Files: 3, Over: 0, Hidden: 5, Version: "v1.2.3",
		Warnings: []Warning{{File: "blob.c", Message: "skipped: binary file (holds NUL bytes)"}}}
}

func TestWriteGolden(t *testing.T) {
	for _, format := range Formats() {
		for _, over := range []int{0, 10} {
			name := format
			r := fixtureReport()
			if over > 0 {
				r.Over, r.Hidden = over, 0
				r.Functions = Over(r.Functions, over)
				name += "-over"
			}
			var buf bytes.Buffer
			if err := Write(&buf, format, r); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s output differs from %s (go test -update rewrites it):\n%s", name, golden, buf.String())
			}
			if format == "sarif" {
				if err := sarif.Validate(golden, buf.Bytes()); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		}
	}
	if err := Write(&bytes.Buffer{}, "xml", fixtureReport()); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestSortWorstFirst(t *testing.T) {
	fs := []Function{
		{File: "b.c", Name: "x", CCN: 3, NLOC: 5, StartLine: 1},
		{File: "a.c", Name: "y", CCN: 3, NLOC: 5, StartLine: 9},
		{File: "a.c", Name: "z", CCN: 3, NLOC: 5, StartLine: 2},
		{File: "c.c", Name: "w", CCN: 3, NLOC: 7, StartLine: 1},
		{File: "d.c", Name: "v", CCN: 9, NLOC: 1, StartLine: 1},
	}
	SortWorstFirst(fs)
	var got string
	for _, f := range fs {
		got += f.Name
	}
	if got != "vwzyx" {
		t.Errorf("order %s, want vwzyx", got)
	}
}
