package csrc

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchSources reads the C files under ASSURE_CSRC_DIR (a real code base,
// see scripts/bench-kconfig-policy.sh), else this package's own test data.
func benchSources(b *testing.B) [][]byte {
	dir := os.Getenv("ASSURE_CSRC_DIR")
	if dir == "" {
		dir = "."
	}
	var out [][]byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext == ".c" || ext == ".h" || ext == ".go" {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, data)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func benchScan(b *testing.B, scan func([]byte)) {
	files := benchSources(b)
	var n int64
	for _, f := range files {
		n += int64(len(f))
	}
	b.SetBytes(n)
	start := cpuTime()
	for b.Loop() {
		for _, f := range files {
			scan(f)
		}
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(files)), "files")
}

// BenchmarkScan is the full scan the unused analysis makes of each file.
func BenchmarkScan(b *testing.B) { benchScan(b, func(src []byte) { Scan(src) }) }

// BenchmarkScanRefs is the references-only scan of the hygiene check.
func BenchmarkScanRefs(b *testing.B) { benchScan(b, func(src []byte) { ScanRefs(src) }) }
