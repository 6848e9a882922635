package waiver

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/model"
)

// writeBigSARIF writes a flawfinder-like SARIF log of n results over files
// source files under root (which it creates), about 1 KB per result, and
// returns its path and size.
func writeBigSARIF(b *testing.B, root string, n, files int) (string, int64) {
	b.Helper()
	perFile := n / files
	for f := range files {
		var src strings.Builder
		for i := range perFile + 10 {
			fmt.Fprintf(&src, "\tstrcpy(buf%d, name%d); /* line %d of file %d */\n", i, i, i, f)
		}
		p := filepath.Join(root, fmt.Sprintf("drivers/d%04d/file.c", f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(root, "big.sarif")
	fh, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(fh, 1<<20)
	w.WriteString(`{"version":"2.1.0","$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[{"tool":{"driver":{"name":"Flawfinder","version":"2.0.19","informationUri":"https://dwheeler.com/flawfinder/","rules":[`)
	for i := range 40 {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"id":"FF10%02d","name":"buffer/strcpy","shortDescription":{"text":"Does not check for buffer overflows when copying to destination"},"defaultConfiguration":{"level":"error"}}`, i)
	}
	w.WriteString(`]}},"columnKind":"utf16CodeUnits","results":[`)
	msg := "buffer/strcpy:Does not check for buffer overflows when copying to destination [MS-banned] (CWE-120). Consider using snprintf, strcpy_s, or strlcpy (warning: strncpy easily misused)."
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		f, line := i/perFile, i%perFile+1
		fmt.Fprintf(w, `{"ruleId":"FF10%02d","level":"error","message":{"text":%q},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"drivers/d%04d/file.c","uriBaseId":"SRCROOT"},"region":{"startLine":%d,"startColumn":2,"endColumn":%d,"snippet":{"text":"\tstrcpy(buf%d, name%d);"}}}}],"fingerprints":{"contextHash/v1":"%064x"},"properties":{"category":"buffer","risk":4}}`,
			i%40, msg, f, line, 20+line%7, line-1, line-1, i)
	}
	w.WriteString(`]}]}`)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	return path, st.Size()
}

// BenchmarkIngestAndMatch streams a 100,000-result SARIF log through the
// analysis reader straight into the reconciler holding 5,000 waivers, as a
// gate does with a large export: no slice of results is ever built.
// ASSURE_BENCH_RESULTS changes the number of results.
func BenchmarkIngestAndMatch(b *testing.B) {
	n := 100000
	if s := os.Getenv("ASSURE_BENCH_RESULTS"); s != "" {
		fmt.Sscan(s, &n)
	}
	root := b.TempDir()
	path, size := writeBigSARIF(b, root, n, 2000)
	in := analysis.Input{Path: path, Name: "big.sarif", Format: model.FormatSARIF}
	// The registry: every twentieth result waived, fingerprints as the
	// reader computes them.
	reg := &Registry{File: "security/waivers.yaml"}
	k := 0
	err := analysis.Ingest(root, in, func(r *analysis.Result) error {
		if k%(n/5000) == 0 && len(reg.Waivers) < 5000 {
			w := complete(FormatID(len(reg.Waivers) + 1))
			w.Tool, w.Rule, w.File, w.Fingerprint = r.Tool, r.Rule, r.File, r.Fingerprint
			reg.Waivers = append(reg.Waivers, w)
		}
		k++
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	reg.NextID = len(reg.Waivers) + 1
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ix := NewIndex(reg, "2026-06-01")
		rc := NewReconciler(ix, Comments{})
		waived := 0
		err := analysis.Ingest(root, in, func(r *analysis.Result) error {
			o, err := rc.Result(r)
			if o.Waived {
				waived++
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rc.Finish(nil); err != nil {
			b.Fatal(err)
		}
		if waived != len(reg.Waivers) {
			b.Fatalf("%d of %d waivers matched", waived, len(reg.Waivers))
		}
	}
	b.StopTimer()
	close(stop)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "sarif-MB")
	b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MB")
}
