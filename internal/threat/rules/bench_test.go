package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/threat"
)

// demoModel writes a threat model the size of Threagile's demo model
// (demo/example/threagile.yaml: 10 data assets, 14 technical assets, 20
// communication links, 5 trust boundaries, one nested level) times scale,
// in one file per copy, with treatments for a third of the threats a
// first analysis raises and every rule pack exercised.
func demoModel(scale int) []threat.Source {
	var out []threat.Source
	for c := 0; c < scale; c++ {
		p := func(id string) string { return fmt.Sprintf("c%d-%s", c, id) }
		var b strings.Builder
		b.WriteString("assets:\n")
		for i := 0; i < 10; i++ {
			traits := ""
			switch i {
			case 0:
				traits = ", traits: [key-material]"
			case 1:
				traits = ", traits: [firmware]"
			case 2:
				traits = ", traits: [audit-log]"
			}
			fmt.Fprintf(&b, "  - {id: %s, kind: data, confidentiality: %s, integrity: high%s}\n", p(fmt.Sprintf("a%d", i)), []string{"low", "medium", "high"}[i%3], traits)
		}
		b.WriteString("trust_boundaries:\n")
		fmt.Fprintf(&b, "  - {id: %s}\n  - {id: %s}\n  - {id: %s, parent: %s}\n  - {id: %s, parent: %s}\n  - {id: %s, parent: %s}\n",
			p("net"), p("dev"), p("dmz"), p("net"), p("app"), p("net"), p("kern"), p("dev"))
		b.WriteString("external_entities:\n")
		fmt.Fprintf(&b, "  - {id: %s}\n  - {id: %s}\n  - {id: %s, traits: [debug-interface]}\n", p("user"), p("admin"), p("probe"))
		b.WriteString("processes:\n")
		procs := []struct{ id, boundary, traits string }{
			{"lb", "dmz", "[network]"}, {"web", "dmz", "[parser]"}, {"api", "app", "[parser]"}, {"auth", "app", "[crypto]"},
			{"ota", "app", "[firmware-update]"}, {"fw", "kern", "[kernel, parser]"}, {"boot", "kern", "[bootloader]"},
			{"plugin", "dev", "[untrusted-code]"},
		}
		for _, pr := range procs {
			fmt.Fprintf(&b, "  - {id: %s, boundary: %s, traits: %s, assets: [%s]}\n", p(pr.id), p(pr.boundary), pr.traits, p("a3"))
		}
		b.WriteString("data_stores:\n")
		fmt.Fprintf(&b, "  - {id: %s, boundary: %s, assets: [%s, %s]}\n  - {id: %s, boundary: %s, logs: true, assets: [%s]}\n  - {id: %s, boundary: %s, assets: [%s]}\n",
			p("db"), p("app"), p("a4"), p("a5"), p("logs"), p("app"), p("a2"), p("keys"), p("kern"), p("a0"))
		b.WriteString("data_flows:\n")
		flows := [][3]string{
			{"user", "lb", "HTTPS"}, {"lb", "web", "HTTP"}, {"web", "api", "gRPC"}, {"api", "db", ""}, {"db", "api", ""},
			{"api", "auth", "HTTPS"}, {"auth", "keys", ""}, {"keys", "auth", ""}, {"api", "logs", ""}, {"admin", "api", "SSH"},
			{"api", "ota", "IPC"}, {"ota", "fw", "IPC"}, {"fw", "boot", ""}, {"probe", "fw", "SWD"}, {"plugin", "fw", "syscall"},
			{"fw", "plugin", "syscall"}, {"web", "user", "HTTPS"}, {"api", "web", "gRPC"}, {"auth", "api", "HTTPS"}, {"admin", "ota", "BLE"},
		}
		for i, f := range flows {
			asset := p(fmt.Sprintf("a%d", i%10))
			if f[0] == "keys" || f[1] == "keys" {
				asset = p("a0") // only stores hold data; flows carry data assets
			}
			fmt.Fprintf(&b, "  - {id: %s, from: %s, to: %s, protocol: %q, assets: [%s], encrypts: %v, authenticates: %v, integrity: %v}\n",
				p(fmt.Sprintf("f%d", i)), p(f[0]), p(f[1]), f[2], asset, i%2 == 0, i%3 == 0, i%4 == 0)
		}
		fmt.Fprintf(&b, "countermeasures:\n  - {id: %s, tests: [{go: TestX}, {junit: suite.case}, {fuzz: FuzzX}]}\n", p("cm"))
		fmt.Fprintf(&b, "assumptions:\n  - {id: %s, statement: nobody on the line}\n", p("as"))
		out = append(out, threat.Source{Name: fmt.Sprintf("security/threats/c%03d.yaml", c), Data: []byte(b.String())})
	}
	// Treat a third of what the rules raise, as a maintained model would.
	m, err := threat.Parse(out, nil)
	if err != nil {
		panic(err)
	}
	a := threat.Analyze(m, All())
	var t strings.Builder
	t.WriteString("threats:\n")
	for i, th := range a.Threats {
		c := strings.SplitN(th.Subject(), "-", 2)[0]
		switch i % 6 {
		case 0:
			fmt.Fprintf(&t, "  - {id: %s, treatment: mitigated, countermeasures: [%s-cm]}\n", th.ID, c)
		case 3:
			fmt.Fprintf(&t, "  - {id: %s, treatment: accepted, assumption: %s-as, reason: r, expires: 2099-01-01}\n", th.ID, c)
		}
	}
	return append(out, threat.Source{Name: "security/threats/treatments.yaml", Data: []byte(t.String())})
}

// TestDemoModelSize checks the generator; with ASSURE_THREAT_DEMO_DIR set
// it also writes the demo model there (security/threats/*.yaml), so the
// whole command can be timed (docs/benchmarks.md).
func TestDemoModelSize(t *testing.T) {
	if dir := os.Getenv("ASSURE_THREAT_DEMO_DIR"); dir != "" {
		for _, s := range demoModel(1) {
			p := filepath.Join(dir, filepath.FromSlash(s.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, s.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	m, err := threat.Parse(demoModel(1), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Assets) != 10 || len(m.Elements) != 14 || len(m.Flows) != 20 || len(m.Boundaries) != 5 {
		t.Errorf("demo model: %d assets, %d elements, %d flows, %d boundaries", len(m.Assets), len(m.Elements), len(m.Flows), len(m.Boundaries))
	}
	a := threat.Analyze(m, All())
	if len(a.Threats) < 50 || len(a.Stale) != 0 {
		t.Errorf("demo analysis: %d threats, %d stale", len(a.Threats), len(a.Stale))
	}
}

// benchAnalyze measures what 'assure threat analyze' does after reading
// the files: parse, schema, semantic validation, every rule, treatments,
// obligations and the text listing.
func benchAnalyze(b *testing.B, scale int) {
	src := demoModel(scale)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := threat.Parse(src, nil)
		if err != nil {
			b.Fatal(err)
		}
		a := threat.Analyze(m, All())
		var sb strings.Builder
		if err := threat.WriteText(&sb, a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalyzeThreagileDemoSize(b *testing.B) { benchAnalyze(b, 1) }
func BenchmarkAnalyzeTenTimesDemo(b *testing.B)      { benchAnalyze(b, 10) }

// BenchmarkRulesThreagileDemoSize measures the engine alone on a loaded
// model: every rule, treatments, obligations.
func BenchmarkRulesThreagileDemoSize(b *testing.B) {
	m, err := threat.Parse(demoModel(1), nil)
	if err != nil {
		b.Fatal(err)
	}
	rs := All()
	b.ReportAllocs()
	for b.Loop() {
		threat.Analyze(m, rs)
	}
}
