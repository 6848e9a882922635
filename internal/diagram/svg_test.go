package diagram

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
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
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Errorf("%s differs from the golden file at line %d (go test -update rewrites it after review):\ngot  %s\nwant %s", path, i+1, g[i], w[i])
				return
			}
		}
		t.Errorf("%s differs from the golden file in length: %d lines, want %d", path, len(g), len(w))
	}
}

func TestGolden(t *testing.T) {
	want := map[string]bool{"dfd": true, "nested-clusters": true, "special-labels": true, "shapes": true, "self-loops": true, "empty-titled": true, "crossing-clusters": true}
	for _, tc := range layoutCases() {
		if !want[tc.name] {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			svg, err := tc.g.SVG()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name+".svg", svg)
			dot, err := tc.g.DOT()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name+".dot", dot)
		})
	}
}

func TestSVGWellFormed(t *testing.T) {
	for _, tc := range layoutCases() {
		for _, dir := range directions {
			t.Run(tc.name+"/"+dir.name, func(t *testing.T) {
				g := tc.g
				g.Direction = dir.d
				l, err := g.Layout()
				if err != nil {
					t.Fatal(err)
				}
				svg := l.SVG()
				titles, err := checkXML(svg)
				if err != nil {
					t.Fatalf("not well-formed: %v", err)
				}
				if want := 1 + len(l.Nodes) + len(l.Edges) + len(l.Clusters); titles != want {
					t.Errorf("%d <title> elements, want one for the diagram and each node, edge and cluster: %d", titles, want)
				}
				if !bytes.Contains(svg, []byte(`viewBox="0 0 `)) {
					t.Error("no viewBox")
				}
			})
		}
	}
}

// svgContent decodes an SVG and returns the text of its <text> and
// <title> elements and the values of its data-id attributes.
func svgContent(t *testing.T, svg []byte) (texts, titles, ids []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var stack []string
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if a.Name.Local == "data-id" {
					ids = append(ids, a.Value)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "text":
				texts = append(texts, string(tok))
			case "title":
				titles = append(titles, string(tok))
			}
		}
	}
	return texts, titles, ids
}

// TestSVGEscapesLabels: labels with markup characters, quotes, control
// characters and invalid UTF-8 come through as text, never as markup.
func TestSVGEscapesLabels(t *testing.T) {
	var tc layoutCase
	for _, c := range layoutCases() {
		if c.name == "special-labels" {
			tc = c
		}
	}
	svg, err := tc.g.SVG()
	if err != nil {
		t.Fatal(err)
	}
	texts, titles, ids := svgContent(t, svg)
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		`a <b> & "c" 'd'`, `second\nline \N`, // a backslash-n is two characters, not a line break
		"nul\uFFFD bell\uFFFD bad\uFFFD utf8 \u00e9\u4e2d\U0001F512",
		`]]> <!-- -->`, `"quoted" & <b>`, `Tom & Jerry's <"diagram">`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	if !strings.Contains(strings.Join(titles, "\n"), `Tom & Jerry's <"diagram">`) {
		t.Errorf("diagram title missing from %q", titles)
	}
	if !strings.Contains(strings.Join(ids, "\n"), `<&>"'`) {
		t.Errorf("node id missing from data-id attributes %q", ids)
	}
	for _, tag := range []string{"<b>", "<!--", "<diagram"} {
		if bytes.Contains(svg, []byte(tag)) {
			t.Errorf("raw %q in the SVG", tag)
		}
	}
}

// TestSVGIDs: the only ids are the prefix's, so diagrams can share a page.
func TestSVGIDs(t *testing.T) {
	g := *sensorDFD()
	g.IDPrefix = "dfd-1"
	svg, err := g.SVG()
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(string(svg), -1)
	if len(ids) == 0 {
		t.Fatal("no ids at all")
	}
	for _, m := range ids {
		if !strings.HasPrefix(m[1], "dfd-1-") {
			t.Errorf("id %q does not start with the prefix", m[1])
		}
	}
	for _, m := range []string{`url(#dfd-1-arrow_333333)`, `url(#dfd-1-arrow_c0392b)`} {
		if !bytes.Contains(svg, []byte(m)) {
			t.Errorf("no edge uses marker %s", m)
		}
	}
	if !bytes.Contains(svg, []byte(`.dfd-1 .node`)) {
		t.Error("stylesheet is not scoped by the prefix")
	}
}

// TestDOTGraphviz: Graphviz reads the DOT of every case and finds every
// node and edge in it.
func TestDOTGraphviz(t *testing.T) {
	dotBin, err := exec.LookPath("dot")
	if err != nil {
		t.Fatal("Graphviz's dot is needed to check the DOT output: apt-get install -y graphviz (or run .ci/deps.d/diagram.sh)")
	}
	for _, tc := range layoutCases() {
		for _, dir := range directions {
			t.Run(tc.name+"/"+dir.name, func(t *testing.T) {
				g := tc.g
				g.Direction = dir.d
				src, err := g.DOT()
				if err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(dotBin, "-Tplain")
				cmd.Stdin = bytes.NewReader(src)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil || stderr.Len() > 0 {
					t.Fatalf("dot: %v: %s\n%s", err, stderr.String(), src)
				}
				nodes, edges := 0, 0
				for _, line := range strings.Split(string(out), "\n") {
					switch strings.SplitN(line, " ", 2)[0] {
					case "node":
						nodes++
					case "edge":
						edges++
					}
				}
				if nodes != len(g.Nodes) || edges != len(g.Edges) {
					t.Errorf("Graphviz read %d nodes and %d edges, want %d and %d\n%s", nodes, edges, len(g.Nodes), len(g.Edges), src)
				}
			})
		}
	}
}

// TestSVGDropsTamperedStyles: a Layout changed after Layout() cannot
// smuggle CSS or markup into the SVG through styles or the prefix.
func TestSVGDropsTamperedStyles(t *testing.T) {
	l, err := sensorDFD().Layout()
	if err != nil {
		t.Fatal(err)
	}
	l.IDPrefix = `x"><script>alert(1)</script>`
	l.Nodes[0].Style = Style{Fill: "red;background:url(http://x)", Stroke: `"/>`, Text: "#12", Class: `a"b`}
	l.Edges[0].Style.Stroke = "url(#x)"
	svg := l.SVG()
	if _, err := checkXML(svg); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"script", "background:", "url(http", "url(#x)", `a"b`} {
		if bytes.Contains(svg, []byte(bad)) {
			t.Errorf("%q reached the SVG", bad)
		}
	}
}
