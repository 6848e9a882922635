package diagram

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

var directions = []struct {
	name string
	d    Direction
}{{"TB", TopToBottom}, {"LR", LeftToRight}}

func TestLayoutProperties(t *testing.T) {
	for _, tc := range layoutCases() {
		for _, dir := range directions {
			t.Run(tc.name+"/"+dir.name, func(t *testing.T) {
				g := tc.g
				g.Direction = dir.d
				l, err := g.Layout()
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range checkLayout(&g, l) {
					t.Error(p)
				}
				reversed := 0
				for _, e := range l.Edges {
					if e.Reversed {
						reversed++
					}
				}
				if tc.acyclic {
					if reversed != 0 {
						t.Errorf("%d edges reversed in an acyclic graph", reversed)
					}
				} else if reversed != tc.reversed {
					t.Errorf("%d edges reversed, want %d", reversed, tc.reversed)
				}
				// Edges point along the diagram's direction (against it
				// when reversed): the head lies in a later layer.
				centre := map[string]int{}
				for _, n := range l.Nodes {
					if dir.d == LeftToRight {
						centre[n.ID] = n.Box.X + n.Box.W/2
					} else {
						centre[n.ID] = n.Box.Y + n.Box.H/2
					}
				}
				for _, e := range l.Edges {
					if e.From == e.To {
						continue
					}
					forward := centre[e.To] > centre[e.From]
					if forward == e.Reversed {
						t.Errorf("edge %s -> %s: head at %d, tail at %d, reversed %v", e.From, e.To, centre[e.To], centre[e.From], e.Reversed)
					}
				}
			})
		}
	}
}

// TestLongEdgeRoutesThroughLayers: an edge spanning several layers bends
// through one point pair per layer it passes, not in one straight jump
// across the nodes between.
func TestLongEdgeRoutesThroughLayers(t *testing.T) {
	g := chainGraph("a", "b", "c", "d")
	g.Edges = append(g.Edges, Edge{From: "a", To: "d"})
	l, err := g.Layout()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.Edges {
		segments := (len(e.Curve) - 1) / 3
		want := 1
		if e.From == "a" && e.To == "d" {
			want = 3 // two dummies, each entered and left: a→d1, d1, d1→d2 … merged where layers are thin
		}
		if segments < want {
			t.Errorf("edge %s -> %s has %d segments, want at least %d", e.From, e.To, segments, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, tc := range layoutCases() {
		t.Run(tc.name, func(t *testing.T) {
			first, err := tc.g.SVG()
			if err != nil {
				t.Fatal(err)
			}
			second, err := tc.g.SVG()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, second) {
				t.Fatal("two runs gave different SVG")
			}
			ordered := tc.g
			ordered.InputOrder = true
			a, _ := ordered.SVG()
			b, _ := ordered.SVG()
			if !bytes.Equal(a, b) {
				t.Fatal("two runs with InputOrder gave different SVG")
			}
		})
	}
}

// TestPermutationInvariant: without InputOrder the output depends on the
// graph, not on the order its nodes, edges and clusters are listed in.
func TestPermutationInvariant(t *testing.T) {
	for _, tc := range layoutCases() {
		t.Run(tc.name, func(t *testing.T) {
			want, err := tc.g.SVG()
			if err != nil {
				t.Fatal(err)
			}
			wantDOT, err := tc.g.DOT()
			if err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, uint64(len(tc.name))))
			for i := range 5 {
				g := tc.g
				g.Nodes = slices.Clone(g.Nodes)
				g.Edges = slices.Clone(g.Edges)
				g.Clusters = slices.Clone(g.Clusters)
				r.Shuffle(len(g.Nodes), func(i, j int) { g.Nodes[i], g.Nodes[j] = g.Nodes[j], g.Nodes[i] })
				r.Shuffle(len(g.Edges), func(i, j int) { g.Edges[i], g.Edges[j] = g.Edges[j], g.Edges[i] })
				r.Shuffle(len(g.Clusters), func(i, j int) { g.Clusters[i], g.Clusters[j] = g.Clusters[j], g.Clusters[i] })
				got, err := g.SVG()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("shuffle %d changed the SVG", i)
				}
				if d, _ := g.DOT(); !bytes.Equal(d, wantDOT) {
					t.Fatalf("shuffle %d changed the DOT", i)
				}
			}
		})
	}
}

// TestInputOrderBreaksTies: with InputOrder, listing a cycle's nodes in
// another order turns another edge around, as in Graphviz.
func TestInputOrderBreaksTies(t *testing.T) {
	g := chainGraph("a", "b", "c")
	g.Edges = append(g.Edges, Edge{From: "c", To: "a"})
	g.InputOrder = true
	reversedEdge := func(g Graph) string {
		l, err := g.Layout()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range l.Edges {
			if e.Reversed {
				return e.From + "->" + e.To
			}
		}
		return ""
	}
	if got := reversedEdge(g); got != "c->a" {
		t.Errorf("nodes a, b, c: reversed %q, want c->a", got)
	}
	g.Nodes = []Node{{ID: "b"}, {ID: "a"}, {ID: "c"}}
	if got := reversedEdge(g); got != "a->b" {
		t.Errorf("nodes b, a, c: reversed %q, want a->b", got)
	}
	g.InputOrder = false
	if got := reversedEdge(g); got != "c->a" {
		t.Errorf("sorted: reversed %q, want c->a", got)
	}
}
