package diagram

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	ok := func() Graph {
		return Graph{
			Clusters: []Cluster{{ID: "out"}, {ID: "in", Parent: "out"}},
			Nodes:    []Node{{ID: "a", Cluster: "in"}, {ID: "b"}},
			Edges:    []Edge{{From: "a", To: "b"}, {From: "b", To: "b"}},
		}
	}
	tests := []struct {
		name   string
		change func(g *Graph)
		want   string // substring of the error; "" = valid
	}{
		{"valid", func(g *Graph) {}, ""},
		{"colours and classes", func(g *Graph) {
			g.Nodes[0].Style = Style{Stroke: "#c0392b", Fill: "#FDECEA80", Text: "grey", Class: "open threat-2"}
			g.IDPrefix = "dfd_1-a"
		}, ""},
		{"direction", func(g *Graph) { g.Direction = 7 }, "unknown direction"},
		{"prefix", func(g *Graph) { g.IDPrefix = "1x" }, `id prefix "1x"`},
		{"prefix markup", func(g *Graph) { g.IDPrefix = `a"><script>` }, "id prefix"},
		{"node without id", func(g *Graph) { g.Nodes[1].ID = "" }, "node 1 has no id"},
		{"duplicate node", func(g *Graph) { g.Nodes[1].ID = "a" }, `node "a" is defined twice`},
		{"unknown shape", func(g *Graph) { g.Nodes[0].Shape = 99 }, "unknown shape 99"},
		{"unknown node cluster", func(g *Graph) { g.Nodes[0].Cluster = "nowhere" }, `cluster "nowhere" is not defined`},
		{"edge to nothing", func(g *Graph) { g.Edges[0].To = "c" }, `edge 0 ("a" -> "c"): node "c" is not defined`},
		{"edge from nothing", func(g *Graph) { g.Edges[1].From = "" }, `node "" is not defined`},
		{"unknown arrows", func(g *Graph) { g.Edges[0].Arrows = 5 }, "unknown arrows 5"},
		{"cluster without id", func(g *Graph) { g.Clusters[0].ID = ""; g.Clusters[1].Parent = "" }, "cluster 0 has no id"},
		{"duplicate cluster", func(g *Graph) { g.Clusters[1].ID = "out"; g.Clusters[1].Parent = "" }, `cluster "out" is defined twice`},
		{"unknown parent", func(g *Graph) { g.Clusters[1].Parent = "x" }, `parent "x" is not a cluster`},
		{"self parent", func(g *Graph) { g.Clusters[0].Parent = "out" }, "inside itself"},
		{"parent cycle", func(g *Graph) { g.Clusters[0].Parent = "in" }, "inside itself"},
		{"css in colour", func(g *Graph) { g.Nodes[0].Style.Fill = "red;stroke:url(x)" }, "fill colour"},
		{"markup in colour", func(g *Graph) { g.Edges[0].Style.Stroke = `"/><script>` }, "stroke colour"},
		{"bad hex", func(g *Graph) { g.Clusters[0].Style.Text = "#12345" }, "text colour"},
		{"markup in class", func(g *Graph) { g.Edges[1].Style.Class = `a"b` }, "class"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := ok()
			tc.change(&g)
			err := g.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && err == nil:
				t.Fatalf("no error, want one containing %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
			// Every entry point refuses what Validate refuses.
			_, lerr := g.Layout()
			_, serr := g.SVG()
			_, derr := g.DOT()
			for _, e := range []error{lerr, serr, derr} {
				if (e == nil) != (err == nil) {
					t.Errorf("Validate says %v, an entry point says %v", err, e)
				}
			}
		})
	}
}

func TestTextWidth(t *testing.T) {
	tests := []struct {
		text string
		size int
		want int
	}{
		{"", 14, 0},
		{"i", 1000, 222},
		{"W", 1000, 944},
		{"Helvetica", 1000, 722 + 556 + 222 + 500 + 556 + 278 + 222 + 500 + 556},
		{"ab\nabc", 1000, 556 + 556 + 500}, // the widest line
		{"x", 14, 7},                       // 500 × 14 / 1000 = 7
		{"e\u0301", 1000, 556},             // a combining accent takes no room
		{"中文", 1000, 2000},                 // East Asian wide
		{"é", 1000, 600},                   // other letters: a wide Latin letter
		{"a\tb", 1000, 556 + 278 + 556},    // a tab is a space
	}
	for _, tc := range tests {
		if got := textWidth(lines(tc.text), tc.size); got != tc.want {
			t.Errorf("textWidth(%q, %d) = %d, want %d", tc.text, tc.size, got, tc.want)
		}
	}
}

func TestNodeSizeFitsLabel(t *testing.T) {
	label := "A long process name\nsecond line\nthird"
	tw, th := textBox(lines(label), nodeFont)
	for s := Box; s <= Note; s++ {
		w, h := nodeSize(&Node{ID: "n", Label: label, Shape: s})
		if w < tw || h < th {
			t.Errorf("%v: %dx%d is smaller than its label %dx%d", s, w, h, tw, th)
		}
		if w%2 != 0 || h%2 != 0 {
			t.Errorf("%v: %dx%d is not even (centres must be whole pixels)", s, w, h)
		}
		if s == Circle && w != h {
			t.Errorf("circle %dx%d is not round", w, h)
		}
	}
}
