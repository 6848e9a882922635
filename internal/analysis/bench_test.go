//go:build unix

package analysis

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/model"
)

// The benchmark reads a generated SARIF log of the size a large CodeQL or
// Coverity export has: 100,000 results, over 100 MB, in results that look
// like real ones (message, snippet, fingerprints, a two-step code flow),
// against a tree of 500 generated C files the fingerprints read.
const (
	benchFiles   = 500
	benchLines   = 400
	benchResults = 100_000
)

// genTree writes the C files; line l of file f is unique in the file except
// for a few repeated lines, as real code has.
func genTree(t testing.TB, root string) {
	for f := range benchFiles {
		var b strings.Builder
		for l := range benchLines {
			if l%25 == 0 {
				b.WriteString("\t}\n")
				continue
			}
			fmt.Fprintf(&b, "\tstatus = process_%d_%d(ctx, buf + %d, sizeof(buf) - %d);\n", f, l, l, l)
		}
		writeFile(t, filepath.Join(root, "src", fmt.Sprintf("f%03d.c", f)), b.String())
	}
}

// genSARIF writes the log; results of a file are not contiguous, so the
// source cache is exercised as with tools that sort by rule.
func genSARIF(w io.Writer, results int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprint(bw, `{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{"tool": {"driver": {"name": "BenchAnalyzer", "semanticVersion": "1.0.0", "rules": [`)
	for r := range 50 {
		if r > 0 {
			bw.WriteString(",")
		}
		fmt.Fprintf(bw, `{"id": "bench/rule-%d", "shortDescription": {"text": "Rule %d"}, "defaultConfiguration": {"level": "warning"}, "properties": {"tags": ["security", "external/cwe/cwe-%d"]}}`, r, r, 100+r)
	}
	fmt.Fprint(bw, `]}}, "results": [`)
	msg := strings.Repeat("The value written here may exceed the bounds of the destination buffer, which is declared with a fixed size. ", 4)
	for i := range results {
		if i > 0 {
			bw.WriteString(",\n")
		}
		f, l := (i*37)%benchFiles, (i*13)%benchLines+1
		if (l-1)%25 == 0 {
			l++
		}
		file := fmt.Sprintf("src/f%03d.c", f)
		snippet := fmt.Sprintf("\\tstatus = process_%d_%d(ctx, buf + %d, sizeof(buf) - %d);", f, l-1, l-1, l-1)
		fmt.Fprintf(bw, `{"ruleId": "bench/rule-%d", "ruleIndex": %d, "message": {"text": "%s (result %d)"}, `+
			`"locations": [{"physicalLocation": {"artifactLocation": {"uri": "%s", "uriBaseId": "%%SRCROOT%%"}, "region": {"startLine": %d, "startColumn": 11, "endColumn": 30, "snippet": {"text": "%s"}}}}], `+
			`"partialFingerprints": {"primaryLocationLineHash": "%016x:1"}, `+
			`"codeFlows": [{"threadFlows": [{"locations": [{"location": {"physicalLocation": {"artifactLocation": {"uri": "%s", "uriBaseId": "%%SRCROOT%%"}, "region": {"startLine": %d}}, "message": {"text": "source"}}}, `+
			`{"location": {"physicalLocation": {"artifactLocation": {"uri": "%s", "uriBaseId": "%%SRCROOT%%"}, "region": {"startLine": %d}}, "message": {"text": "sink"}}}]}]}]}`,
			i%50, i%50, msg, i, file, l, snippet, i*2654435761, file, max(l-1, 2), file, l)
	}
	fmt.Fprint(bw, "]}]}\n")
	return bw.Flush()
}

// benchInput generates the tree and a log of n results once per benchmark
// run.
func benchInput(b *testing.B, n int) (root, log string, size int64) {
	root = b.TempDir()
	genTree(b, root)
	log = filepath.Join(b.TempDir(), "bench.sarif")
	if p := os.Getenv("ASSURE_BENCH_SARIF"); p != "" {
		// A real log instead; ASSURE_BENCH_ROOT is the tree it analysed.
		log, root = p, os.Getenv("ASSURE_BENCH_ROOT")
	} else {
		f, err := os.Create(log)
		if err != nil {
			b.Fatal(err)
		}
		if err := genSARIF(f, n); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	st, err := os.Stat(log)
	if err != nil {
		b.Fatal(err)
	}
	return root, log, st.Size()
}

// peakHeap samples the live heap while the benchmark runs.
type peakHeap struct {
	stop chan struct{}
	done chan struct{}
	peak atomic.Uint64
}

func watchHeap() *peakHeap {
	runtime.GC()
	p := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(p.done)
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > p.peak.Load() {
				p.peak.Store(v)
			}
			select {
			case <-p.stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return p
}

func (p *peakHeap) end() float64 {
	close(p.stop)
	<-p.done
	return float64(p.peak.Load()) / (1 << 20)
}

// BenchmarkReadSARIF ingests the whole log: schema validation, two passes
// of streaming results, URI resolution, fingerprints against the files.
// Ten times the results should cost ten times the time and about the same
// memory.
func BenchmarkReadSARIF(b *testing.B) {
	for _, n := range []int{benchResults / 10, benchResults} {
		b.Run(fmt.Sprintf("results=%d", n), func(b *testing.B) { benchReadSARIF(b, n) })
	}
}

func benchReadSARIF(b *testing.B, results int) {
	root, log, size := benchInput(b, results)
	b.SetBytes(size)
	b.ReportAllocs()
	heap := watchHeap()
	n := 0
	cpu := cpuSeconds()
	for b.Loop() {
		n = 0
		err := Ingest(root, Input{Path: log, Format: model.FormatSARIF}, func(*Result) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
	b.ReportMetric(heap.end(), "peak-heap-MiB")
	b.ReportMetric(float64(size)/(1<<20), "log-MiB")
	b.ReportMetric(float64(n), "results")
}

// BenchmarkCollectSARIF is ReadSARIF keeping every result, as Collect does
// for the gate: the memory is the results', not the log's.
func BenchmarkCollectSARIF(b *testing.B) {
	root, log, size := benchInput(b, benchResults)
	b.SetBytes(size)
	b.ReportAllocs()
	heap := watchHeap()
	var rs []Result
	cpu := cpuSeconds()
	for b.Loop() {
		var err error
		if rs, err = ReadSARIF(log, root); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
	b.ReportMetric(heap.end(), "peak-heap-MiB")
	b.ReportMetric(float64(len(rs)), "results")
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
