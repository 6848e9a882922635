package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenCases renders the fixture in every format and variant.
var goldenCases = []struct {
	file   string
	format string
	opts   TextOptions
}{
	{"text.golden", "text", TextOptions{}},
	{"text-verbose.golden", "text", TextOptions{Verbose: true}},
	{"text-color.golden", "text", TextOptions{Color: true}},
	{"json.golden", "json", TextOptions{}},
	{"sarif.golden", "sarif", TextOptions{}},
	{"junit.golden", "junit", TextOptions{}},
	{"markdown.golden", "markdown", TextOptions{}},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, tc.format, fixture(), tc.opts); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file; if the change is intended run go test ./internal/report -update\ngot:\n%s", path, b.Bytes())
			}
		})
	}
}

// TestDeterministic renders twice from separately built reports: output
// must not depend on map order or on anything outside the report.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Render(&a, format, fixture(), TextOptions{Color: true, Verbose: true}); err != nil {
				t.Fatal(err)
			}
			for range 5 {
				b.Reset()
				if err := Render(&b, format, fixture(), TextOptions{Color: true, Verbose: true}); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatalf("two renderings differ:\n%s\n---\n%s", a.Bytes(), b.Bytes())
				}
			}
		})
	}
}

// TestRenderDoesNotMutate guards the "pure function" promise: renderers
// sort a copy, never the caller's findings.
func TestRenderDoesNotMutate(t *testing.T) {
	r := fixture()
	first := r.Findings[0].ID
	for _, format := range Formats() {
		if err := Render(&bytes.Buffer{}, format, r, TextOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if r.Findings[0].ID != first {
		t.Fatal("Render reordered the caller's findings")
	}
}
