package waiver

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/analysis"
)

// benchSet is 100,000 results in 2,000 files and a registry of 5,000
// waivers, each waiving one result and named by a comment above it.
func benchSet() ([]analysis.Result, *Registry, Comments) {
	const files, perFile, waivers = 2000, 50, 5000
	results := make([]analysis.Result, 0, files*perFile)
	reg := &Registry{File: "security/waivers.yaml", NextID: waivers + 1}
	src := Comments{}
	for f := range files {
		name := fmt.Sprintf("drivers/d%04d/file.c", f)
		var text strings.Builder
		for i := range perFile {
			line := 10 + 3*i
			r := analysis.Result{Tool: "flawfinder", Version: "2.0.19", Rule: fmt.Sprintf("FF10%02d", i%40), Level: analysis.LevelWarning,
				File: name, Region: analysis.Region{StartLine: line}, Message: "risky call", Fingerprint: fmt.Sprintf("%016x", f*perFile+i)}
			results = append(results, r)
			n := f*perFile + i
			if n%(files*perFile/waivers) == 0 && len(reg.Waivers) < waivers {
				w := complete(FormatID(len(reg.Waivers) + 1))
				w.Rule, w.File, w.Fingerprint = r.Rule, r.File, r.Fingerprint
				reg.Waivers = append(reg.Waivers, w)
				fmt.Fprintf(&text, "%s/* assure: waive %s */\n", strings.Repeat("\n", line-2-strings.Count(text.String(), "\n")), w.ID)
			}
		}
		src[name] = Scan([]byte(text.String() + "\nint x;\n"))
	}
	return results, reg, src
}

// BenchmarkReconcile matches 100,000 results against 5,000 waivers and
// cross-checks them with their comments: the whole of the gate's waiver
// work once the results are read.
func BenchmarkReconcile(b *testing.B) {
	results, reg, src := benchSet()
	people := ModelPeople{Model: testModel()}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rv, err := Reconcile(context.Background(), ReviewInput{Registry: reg, People: people, Today: "2026-06-01",
			Results: results, Markers: []string{}, Source: src})
		if err != nil {
			b.Fatal(err)
		}
		waived := 0
		for _, o := range rv.Outcomes {
			if o.Waived {
				waived++
			}
		}
		if waived != len(reg.Waivers) || len(rv.Problems) != 0 {
			b.Fatalf("%d waived, %d problems: %v", waived, len(rv.Problems), rv.Problems[:min(3, len(rv.Problems))])
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
}

// BenchmarkMatch is the index alone: one lookup per result.
func BenchmarkMatch(b *testing.B) {
	results, reg, _ := benchSet()
	ix := NewIndex(reg, "2026-06-01")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range results {
			ix.Match(&results[i])
		}
	}
}

// BenchmarkScan lexes C sources for waiver comments. ASSURE_BENCH_SRC names
// a file to scan (a large real source); without it, a generated one.
func BenchmarkScan(b *testing.B) {
	// A C file of 100,000 lines with ordinary comments and strings, one
	// line in a hundred carrying a waiver or a native suppression.
	var src strings.Builder
	for i := range 20000 {
		src.WriteString("static int f(char *d, const char *s) {\n\t/* copy the name */\n")
		if i%20 == 0 {
			src.WriteString("\tstrcpy(d, s); // NOLINT(bugprone-x) W-0001\n")
		} else {
			src.WriteString("\tstrcpy(d, s); // the caller sizes d\n")
		}
		src.WriteString("\treturn \"str\\\"ing\"[0];\n}\n")
	}
	data := []byte(src.String())
	if p := os.Getenv("ASSURE_BENCH_SRC"); p != "" {
		var err error
		if data, err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(data)
	}
}

// BenchmarkScanClean is a file without any marker: the byte search alone.
func BenchmarkScanClean(b *testing.B) {
	data := []byte(strings.Repeat("static int f(char *d, const char *s) { strcpy(d, s); return 0; }\n", 20000))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Scan(data)
	}
}

// BenchmarkMarkerFiles finds the source files with a waiver marker in a
// git work tree: ASSURE_BENCH_TREE names one (a checkout of a real code
// base); without it, a generated repository of 2,000 files, 20 with a
// marker.
func BenchmarkMarkerFiles(b *testing.B) {
	dir := os.Getenv("ASSURE_BENCH_TREE")
	if dir == "" {
		dir = b.TempDir()
		for i := range 2000 {
			body := strings.Repeat("int f(void) { return strcpy(a, b) != 0; }\n", 200)
			if i%100 == 0 {
				body += "x(); /* assure: waive W-0001 */\n"
			}
			p := fmt.Sprintf("%s/d%02d/f%04d.c", dir, i%50, i)
			if err := os.MkdirAll(p[:strings.LastIndexByte(p, '/')], 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
	}
	for b.Loop() {
		if _, err := MarkerFiles(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
	}
}
