package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/diagram"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/freshness"
	"github.com/assure-dev/assure/internal/threat/rules"
	"github.com/assure-dev/assure/internal/threat/trace"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const fakeHead = "0123456789abcdef0123456789abcdef01234567"

func analysis(t *testing.T) *threat.Analysis {
	t.Helper()
	rm, err := model.Load("testdata/fw", "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := threat.Load("testdata/fw", rm)
	if err != nil {
		t.Fatal(err)
	}
	a, err := rules.Analyze(m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func report(t *testing.T) *Report {
	t.Helper()
	a := analysis(t)
	ev, err := trace.Collect(context.Background(), trace.Options{Root: "testdata/fw", Head: fakeHead, GoTestJSON: []string{"results/**/*.json"}})
	if err != nil {
		t.Fatal(err)
	}
	reviews := []freshness.Status{
		{File: "security/threats/device.yaml", Module: "keystore", Reviewer: "carol", Commit: fakeHead, Architect: "carol"},
		{File: "security/threats/ota.yaml", Module: "ota", Reviewer: "carol", Commit: "89abcdef0123456789abcdef0123456789abcdef", FilesChanged: 14, LinesChanged: 610, Problem: freshness.ReviewDue, Architect: "carol"},
	}
	return NewReport(Input{Project: "thermo-node", Commit: fakeHead, Analysis: a, Matrix: trace.Build(a, ev), Reviews: reviews})
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./internal/threat/render -update rewrites it after a deliberate change)\n--- got (first 600 bytes):\n%.600s", name, got)
	}
}

// outputs renders every output once.
func outputs(t *testing.T) map[string][]byte {
	t.Helper()
	a := analysis(t)
	r := report(t)
	out := map[string][]byte{
		"dfd.mmd":    []byte(MermaidDFD(a.Model, Options{Analysis: a})),
		"assets.mmd": []byte(MermaidAssets(a.Model, Options{})),
	}
	graphs := map[string]*diagram.Graph{
		"dfd":     DFD(a.Model, Options{Analysis: a}),
		"dfd-ota": DFD(a.Model, Options{Module: "ota", Title: "OTA"}),
		"assets":  AssetDiagram(a.Model, Options{}),
	}
	for n, g := range graphs {
		dot, err := g.DOT()
		if err != nil {
			t.Fatal(err)
		}
		svg, err := g.SVG()
		if err != nil {
			t.Fatal(err)
		}
		out[n+".dot"], out[n+".svg"] = dot, svg
	}
	var md, html, js bytes.Buffer
	if err := Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&js, r); err != nil {
		t.Fatal(err)
	}
	out["report.md"], out["report.html"], out["report.json"] = md.Bytes(), html.Bytes(), js.Bytes()
	return out
}

func TestGolden(t *testing.T) {
	for name, got := range outputs(t) {
		t.Run(name, func(t *testing.T) { golden(t, name, got) })
	}
}

// TestDeterministic renders everything twice in one process; the golden
// files hold the bytes across processes.
func TestDeterministic(t *testing.T) {
	a, b := outputs(t), outputs(t)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestReportContent(t *testing.T) {
	out := outputs(t)
	md := string(out["report.md"])
	for _, want := range []string{
		"| fw-image | `gen.spoofing-external-entity@gateway+image` | mitigated | `cm-signed-image` | `go:fw/ota.TestRejectsOlderImage` | **fail**: ota_test.go:31: version 3 accepted over 4 | results/" + fakeHead + "/go.json:12 | `0123456789ab` |",
		"| `gen.spoofing-source-process@radio+sign` | mitigated | `cm-key-isolation` | `junit:tests.test_keys.test_key_not_exported` | **missing** |",
		"`go:fw/radio.TestFrameBounds` | pass |",
		"| `ota` | `security/threats/ota.yaml` | `89abcdef0123` | carol | 14 files, 610 lines | **review-due** |",
		"Radio stack &lt;LoRa&gt;",
		"```mermaid",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	html := string(out["report.html"])
	for _, bad := range []string{"<script", "<LoRa>", "http://", "https://fonts"} {
		if strings.Contains(strings.ReplaceAll(html, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) && bad != "http://" {
			t.Errorf("report.html contains %q", bad)
		}
	}
	if strings.Count(html, "<svg") != 2 {
		t.Errorf("report.html has %d inline SVGs, want 2", strings.Count(html, "<svg"))
	}
}

// TestHostileNames feeds names that try to break out of DOT, Mermaid,
// Markdown and HTML.
func TestHostileNames(t *testing.T) {
	m := &threat.Model{
		Boundaries: []threat.Boundary{{ID: "b", Name: `evil"]; x -> y; "`}},
		Elements: []threat.Element{
			{ID: "a", Name: `\N</text><script>alert(1)</script>`, Kind: threat.Process, Boundary: "b"},
			{ID: "end", Name: "end | `x`\nnext", Kind: threat.ExternalEntity},
		},
		Flows: []threat.Flow{{ID: "f", Name: `"quoted" <b>`, From: "a", To: "end"}},
	}
	m.Reindex()
	g := DFD(m, Options{Title: `t"itle`})
	svg, err := g.SVG()
	if err != nil {
		t.Fatalf("hostile names: %v", err)
	}
	if bytes.Contains(svg, []byte("<script")) {
		t.Errorf("SVG carries a script element:\n%s", svg)
	}
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Errorf("the SVG is not well-formed XML: %v", err)
	}
	dot, err := g.DOT()
	if err != nil {
		t.Fatal(err)
	}
	// The names stay inside quoted strings: the only statements are the
	// two nodes, the flow and the boundary.
	bare := regexp.MustCompile(`"(\\.|[^"\\])*"`).ReplaceAllString(string(dot), `"…"`)
	if strings.Contains(bare, "x -> y") || strings.Count(bare, " -> ") != 1 || strings.Count(bare, "[") != 6 {
		t.Errorf("hostile names escaped their DOT strings:\n%s", dot)
	}
	mm := MermaidDFD(m, Options{})
	if strings.Contains(mm, "<script") || strings.Contains(mm, "\n  end[") {
		t.Errorf("Mermaid not escaped:\n%s", mm)
	}
	a := &threat.Analysis{Model: m}
	var md, html bytes.Buffer
	r := NewReport(Input{Project: "<p>", Analysis: a})
	if err := Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"markdown": md.String(), "html": html.String()} {
		if strings.Contains(s, "<script") || strings.Contains(s, "<p>") && name == "markdown" {
			t.Errorf("%s not escaped:\n%s", name, s)
		}
	}
}

// TestAll: the full run writes the same bytes as each output on its own.
func TestAll(t *testing.T) {
	want := outputs(t)
	files, err := All(report(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("%s: not an output of its own", f.Name)
			continue
		}
		if !bytes.Equal(f.Data, w) {
			t.Errorf("%s differs from the output written on its own", f.Name)
		}
	}
	if got := strings.Join(names, " "); got != "report.md report.html report.json dfd.svg dfd.dot dfd.mmd assets.svg assets.dot assets.mmd" {
		t.Errorf("files %s", got)
	}
}
