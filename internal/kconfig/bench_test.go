package kconfig

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user + system, all threads) the process used:
// on a shared machine it is steadier than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// The benchmarks take a real tree from the environment (see
// scripts/bench-kconfig.sh): ASSURE_KCONFIG_TREE, ASSURE_KCONFIG_ROOT,
// ASSURE_KCONFIG_ENV and ASSURE_KCONFIG_CONFIGS as for TestReference (the
// first configuration is loaded). Without a tree they use the fixture
// tree of the tests, so they always run.
func benchTree(b *testing.B) (string, Options, string) {
	tree := os.Getenv("ASSURE_KCONFIG_TREE")
	if tree == "" {
		return "Kconfig", Options{SrcTree: filepath.Join("testdata", "bench")}, ""
	}
	root := os.Getenv("ASSURE_KCONFIG_ROOT")
	if root == "" {
		root = "Kconfig"
	}
	env := map[string]string{}
	for _, kv := range strings.Fields(os.Getenv("ASSURE_KCONFIG_ENV")) {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	opts := OptionsFromEnv(env)
	opts.SrcTree = tree
	cfg := ""
	if cs := strings.Fields(os.Getenv("ASSURE_KCONFIG_CONFIGS")); len(cs) > 0 && cs[0] != "-" {
		cfg = filepath.Join(tree, cs[0])
	}
	return root, opts, cfg
}

// BenchmarkParse is parsing and finalizing the tree alone.
func BenchmarkParse(b *testing.B) {
	root, opts, _ := benchTree(b)
	start := cpuTime()
	for b.Loop() {
		if _, err := Parse(root, opts); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkParseEvaluate is what the requirement measures: parse, load the
// configuration, compute every symbol's value.
func BenchmarkParseEvaluate(b *testing.B) {
	root, opts, cfg := benchTree(b)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		kc, err := Parse(root, opts)
		if err != nil {
			b.Fatal(err)
		}
		if cfg != "" {
			if err := kc.LoadConfig(cfg, true); err != nil {
				b.Fatal(err)
			}
		}
		for _, s := range kc.Symbols() {
			s.Value()
		}
	}
}

// BenchmarkWriteConfig is loading a configuration into a parsed tree and
// writing the full .config.
func BenchmarkWriteConfig(b *testing.B) {
	root, opts, cfg := benchTree(b)
	kc, err := Parse(root, opts)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if cfg != "" {
			if err := kc.LoadConfig(cfg, true); err != nil {
				b.Fatal(err)
			}
		} else {
			kc.invalidate()
		}
		_ = kc.ConfigText()
	}
}
