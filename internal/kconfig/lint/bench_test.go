package lint

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/kconfig"
	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// The benchmarks take a real tree from the environment, as the engine's
// do (scripts/bench-kconfig-policy.sh): ASSURE_KCONFIG_TREE (the source
// tree, Kconfig files and sources) and ASSURE_KCONFIG_ENV. Without one
// they use the fixture tree of the tests.
func benchTable(b *testing.B) (*symtab.Table, string) {
	tree := os.Getenv("ASSURE_KCONFIG_TREE")
	if tree == "" {
		tree = "testdata/tree"
	}
	env := map[string]string{}
	for _, kv := range strings.Fields(os.Getenv("ASSURE_KCONFIG_ENV")) {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	o := kconfig.OptionsFromEnv(env)
	o.SrcTree = tree
	kc, err := kconfig.Parse("Kconfig", o)
	if err != nil {
		b.Fatal(err)
	}
	return symtab.FromEngine(kc, ""), tree
}

// cpuTime is the CPU time of the process (all threads): on a shared
// machine it is steadier than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNever is the never-enabled analysis of a whole tree.
func BenchmarkNever(b *testing.B) {
	t, _ := benchTable(b)
	start := cpuTime()
	for b.Loop() {
		never(t)
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkLint is the whole hygiene check: tree and sources.
func BenchmarkLint(b *testing.B) {
	t, tree := benchTable(b)
	start := cpuTime()
	files := 0
	for b.Loop() {
		rep, err := Lint(t, Options{Root: tree})
		if err != nil {
			b.Fatal(err)
		}
		files = rep.Files
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(files), "files")
}
