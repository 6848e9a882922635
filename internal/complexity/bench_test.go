package complexity

import (
	"context"
	"os"
	"testing"
)

// BenchmarkAnalyzeTree measures the analyzer on a real source tree:
//
//	ASSURE_BENCH_TREE=/tmp/mbedtls/library go test -run '^$' -bench AnalyzeTree ./internal/complexity
//
// docs/benchmarks.md records the figures. Without the variable it measures
// nothing (a benchmark needs a tree; none is committed).
func BenchmarkAnalyzeTree(b *testing.B) {
	tree := os.Getenv("ASSURE_BENCH_TREE")
	if tree == "" {
		b.Skip("set ASSURE_BENCH_TREE to a source tree, e.g. Mbed TLS v3.6.6 library/")
	}
	var funcs int
	for b.Loop() {
		res, err := Analyze(context.Background(), Options{Paths: []string{tree}})
		if err != nil {
			b.Fatal(err)
		}
		funcs = len(res.Functions)
	}
	b.ReportMetric(float64(funcs), "functions")
}

// BenchmarkAnalyzeSource measures the analysis alone, one core, no file
// reading: every C, C++ and Go file of ASSURE_BENCH_TREE is read once into
// memory, then analysed in each iteration. It reports bytes per second.
func BenchmarkAnalyzeSource(b *testing.B) {
	tree := os.Getenv("ASSURE_BENCH_TREE")
	if tree == "" {
		b.Skip("set ASSURE_BENCH_TREE to a source tree, e.g. Mbed TLS v3.6.6 library/")
	}
	files, _, err := collect(Options{Paths: []string{tree}})
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	var data [][]byte
	var total int64
	for _, f := range files {
		d, err := os.ReadFile(f.path)
		if err != nil {
			b.Fatal(err)
		}
		names, data = append(names, f.name), append(data, d)
		total += int64(len(d))
	}
	b.SetBytes(total)
	for b.Loop() {
		for i := range data {
			AnalyzeSource(names[i], data[i])
		}
	}
}
