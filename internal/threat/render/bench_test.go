package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/importer"
	"github.com/assure-dev/assure/internal/threat/rules"
)

// demoSize writes a Threagile model the size of Threagile's own demo
// (demo/example/threagile.yaml: 10 data assets, 15 technical assets, 5
// trust boundaries, about 20 communication links), for when the real demo
// is not at hand. Set ASSURE_THREAGILE_DEMO to the demo's path to measure
// the real one.
func demoSize() []byte {
	var b strings.Builder
	b.WriteString("threagile_version: 1.0.0\ntitle: demo size\ndata_assets:\n")
	for i := range 10 {
		fmt.Fprintf(&b, "  Data %d:\n    id: data-%d\n    confidentiality: confidential\n    integrity: critical\n    availability: important\n", i, i)
	}
	b.WriteString("technical_assets:\n")
	kinds := []string{"external-entity", "external-entity", "external-entity", "external-entity",
		"process", "process", "process", "process", "process", "process", "process", "process",
		"datastore", "datastore", "datastore"}
	for i, k := range kinds {
		fmt.Fprintf(&b, "  Asset %d:\n    id: ta-%d\n    type: %s\n    data_assets_processed: [data-%d]\n", i, i, k, i%10)
		if k == "datastore" {
			continue
		}
		b.WriteString("    communication_links:\n")
		for j := 0; j < 2; j++ {
			target := 4 + (i+j)%11 // processes and stores
			if target == i {
				target = 4 + (target-3)%11
			}
			fmt.Fprintf(&b, "      Link %d:\n        target: ta-%d\n        protocol: https\n        authentication: token\n        data_assets_sent: [data-%d]\n        data_assets_received: [data-%d]\n", j, target, (i+j)%10, (i+j+1)%10)
		}
	}
	b.WriteString(`trust_boundaries:
  Outer:
    id: outer
    technical_assets_inside: [ta-4, ta-5]
    trust_boundaries_nested: [dmz, erp, auth]
  DMZ:
    id: dmz
    technical_assets_inside: [ta-6, ta-7]
  ERP:
    id: erp
    technical_assets_inside: [ta-8, ta-9, ta-12, ta-13]
  Auth:
    id: auth
    technical_assets_inside: [ta-10, ta-14]
  Dev:
    id: dev
    technical_assets_inside: [ta-11, ta-0]
`)
	return []byte(b.String())
}

// BenchmarkFullRun is the work of `assure threat report` and `diagram` for a
// model of Threagile's demo size, in three parts: load (parse, schema,
// references) and analyze (every rule, scores, obligations); write the text
// outputs (DOT of both diagrams, Mermaid, the report in Markdown and JSON);
// lay out and draw both diagrams as SVG.
func BenchmarkFullRun(b *testing.B) {
	src, name := demoSize(), "demo-size.yaml"
	if p := os.Getenv("ASSURE_THREAGILE_DEMO"); p != "" {
		var err error
		if src, err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
		name = p
	}
	r, err := importer.Threagile(name, src, "")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for p, data := range map[string][]byte{
		"security/assure.yaml":       []byte("version: 1\nproject:\n  name: bench\nthreat_model:\n  files: [security/threats/*.yaml]\n"),
		"security/threats/demo.yaml": r.YAML,
	} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	load := func(b *testing.B) *threat.Analysis {
		rm, err := model.Load(dir, "security/assure.yaml")
		if err != nil {
			b.Fatal(err)
		}
		m, err := threat.Load(dir, rm)
		if err != nil {
			b.Fatal(err)
		}
		a, err := rules.Analyze(m)
		if err != nil {
			b.Fatal(err)
		}
		return a
	}
	b.Run("analyze", func(b *testing.B) {
		var a *threat.Analysis
		for b.Loop() {
			a = load(b)
		}
		b.ReportMetric(float64(len(a.Threats)), "threats")
	})
	a := load(b)
	b.Run("text-outputs", func(b *testing.B) {
		for b.Loop() {
			_ = DFD(a.Model, Options{Analysis: a})
			_ = AssetDiagram(a.Model, Options{})
			_ = MermaidDFD(a.Model, Options{Analysis: a})
			rep := NewReport(Input{Project: "bench", Analysis: a})
			var out bytes.Buffer
			if err := Markdown(&out, rep); err != nil {
				b.Fatal(err)
			}
			if err := JSON(&out, rep); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("svg", func(b *testing.B) {
		for b.Loop() {
			if _, err := DFD(a.Model, Options{Analysis: a}).SVG(); err != nil {
				b.Fatal(err)
			}
			if _, err := AssetDiagram(a.Model, Options{}).SVG(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
