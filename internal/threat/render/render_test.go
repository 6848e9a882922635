package render

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	ctx := context.Background()
	a := analysis(t)
	r := report(t)
	out := map[string][]byte{
		"dfd.dot":     []byte(DFD(a.Model, Options{Analysis: a})),
		"dfd-ota.dot": []byte(DFD(a.Model, Options{Module: "ota", Title: "OTA"})),
		"assets.dot":  []byte(AssetDiagram(a.Model, Options{})),
		"dfd.mmd":     []byte(MermaidDFD(a.Model, Options{Analysis: a})),
	}
	for _, n := range []string{"dfd", "assets"} {
		svg, err := SVG(ctx, string(out[n+".dot"]))
		if err != nil {
			t.Fatal(err)
		}
		out[n+".svg"] = svg
	}
	var md, html, js bytes.Buffer
	if err := Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := HTML(ctx, &html, r); err != nil {
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
	dot := DFD(m, Options{Title: `t"itle`})
	svg, err := SVG(context.Background(), dot)
	if err != nil {
		t.Fatalf("DOT with hostile names does not parse: %v\n%s", err, dot)
	}
	if bytes.Contains(svg, []byte("<script")) {
		t.Errorf("SVG carries a script element:\n%s", svg)
	}
	if strings.Count(string(svg), `class="node"`) != 2 {
		t.Errorf("hostile names changed the graph: %s", svg)
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
	if err := HTML(context.Background(), &html, r); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"markdown": md.String(), "html": html.String()} {
		if strings.Contains(s, "<script") || strings.Contains(s, "<p>") && name == "markdown" {
			t.Errorf("%s not escaped:\n%s", name, s)
		}
	}
}

// TestSVGInChild: a graph laid out in a child process is byte for byte the
// graph laid out in this one; a run that draws many graphs gets the same
// diagrams as a command that draws one.
func TestSVGInChild(t *testing.T) {
	a := analysis(t)
	dot := DFD(a.Model, Options{Analysis: a})
	ctx := context.Background()
	gvMu.Lock()
	here, err := layout(ctx, dot)
	gvMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	there, err := layoutInChild(ctx, dot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(here, there) {
		t.Fatal("the child's layout differs from this process's")
	}
	if _, err := layoutInChild(ctx, "digraph {"); err == nil || !strings.Contains(err.Error(), "laying out a diagram") {
		t.Errorf("broken DOT in a child: %v", err)
	}
}
