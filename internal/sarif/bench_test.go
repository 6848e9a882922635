//go:build unix

package sarif

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// genLog is a valid log of n results of about 1 KB each, shaped as CodeQL
// writes them (message, location with snippet, fingerprints, code flow).
func genLog(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Bench", "rules": [{"id": "r"}]}}, "results": [`)
	msg := strings.Repeat("The value written here may exceed the bounds of the destination buffer. ", 6)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"ruleId": "r", "ruleIndex": 0, "message": {"text": "%s %d"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/f%d.c", "uriBaseId": "%%SRCROOT%%"}, "region": {"startLine": %d, "startColumn": 3, "endColumn": 20, "snippet": {"text": "status = process(ctx, buf, sizeof(buf));"}}}}], "partialFingerprints": {"primaryLocationLineHash": "%016x:1"}, "codeFlows": [{"threadFlows": [{"locations": [{"location": {"physicalLocation": {"artifactLocation": {"uri": "src/f%d.c"}, "region": {"startLine": %d}}, "message": {"text": "source"}}}]}]}]}`,
			msg, i, i%500, i%400+1, i*2654435761, i%500, i%400+1)
	}
	b.WriteString("]}]}\n")
	return b.Bytes()
}

func peak(run func()) float64 {
	runtime.GC()
	var max atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(done)
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > max.Load() {
				max.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	run()
	close(stop)
	<-done
	return float64(max.Load()) / (1 << 20)
}

// BenchmarkValidate compares the streaming reader, which validates a log
// from a file holding one result at a time, with decoding the whole
// document and validating it in one call (validateWhole, the test oracle).
// The 100 MB log is generated into memory and then written to a file; the
// generator's buffer is freed before measuring.
func BenchmarkValidate(b *testing.B) {
	data := genLog(100_000)
	path := filepath.Join(b.TempDir(), "log.sarif")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	size := int64(len(data))
	data = nil
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		var mib float64
		cpu := cpuSeconds()
		for b.Loop() {
			mib = peak(func() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				if _, err := NewReader("log.sarif", f, size); err != nil {
					b.Fatal(err)
				}
			})
		}
		b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
		b.ReportMetric(mib, "peak-heap-MiB")
	})
	b.Run("whole-document", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		var mib float64
		cpu := cpuSeconds()
		for b.Loop() {
			mib = peak(func() {
				data, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				if err := validateWhole("log.sarif", data); err != nil {
					b.Fatal(err)
				}
			})
		}
		b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
		b.ReportMetric(mib, "peak-heap-MiB")
	})
}

// cpuSeconds is the CPU time this process has used: on a machine shared
// with other work, wall time says more about the neighbours than about
// the code, CPU time does not.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
