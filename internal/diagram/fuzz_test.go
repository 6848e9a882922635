package diagram

import (
	"fmt"
	"testing"
)

// fuzzGraph builds a graph from arbitrary bytes: up to 24 nodes with any
// labels, shapes and clusters, up to 8 clusters nested at random (now and
// then referring to one that does not exist), and up to 48 edges between
// any nodes, self-loops and parallel edges included.
func fuzzGraph(data []byte) *Graph {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	text := func() string {
		n := int(next() % 12)
		if n > len(data) {
			n = len(data)
		}
		s := string(data[:n])
		data = data[n:]
		return s
	}
	g := &Graph{}
	flags := next()
	if flags&1 != 0 {
		g.Direction = LeftToRight
	}
	g.InputOrder = flags&2 != 0
	if flags&4 != 0 {
		g.Title = text()
	}
	nc := int(next() % 9)
	for i := range nc {
		c := Cluster{ID: fmt.Sprintf("c%d", i), Label: text()}
		if p := int(next()) % (i + 2); p > 0 && p <= i {
			c.Parent = fmt.Sprintf("c%d", p-1)
		} else if p == i+1 && next()%16 == 0 {
			c.Parent = "missing"
		}
		g.Clusters = append(g.Clusters, c)
	}
	nn := int(next() % 25)
	for i := range nn {
		n := Node{ID: fmt.Sprintf("n%d", i), Label: text(), Shape: Shape(next() % 7)}
		if c := int(next()) % (nc + 1); c < nc {
			n.Cluster = fmt.Sprintf("c%d", c)
		}
		g.Nodes = append(g.Nodes, n)
	}
	for len(data) >= 3 && nn > 0 && len(g.Edges) < 48 {
		e := Edge{From: fmt.Sprintf("n%d", int(next())%nn), To: fmt.Sprintf("n%d", int(next())%nn)}
		b := next()
		e.Arrows = Arrows(b % 3)
		e.Style.Dashed = b&4 != 0
		if b&8 != 0 {
			e.Label = text()
		}
		g.Edges = append(g.Edges, e)
	}
	return g
}

func FuzzLayout(f *testing.F) {
	f.Add([]byte{0, 3, 1, 'a', 0, 1, 'b', 1, 6, 0, 1, 0, 1, 2, 0, 2, 3, 8, 3, 'x', '<', '&'})
	f.Add([]byte{1, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 0, 8, 1, 9, 2, 10, 3, 11, 4, 0, 1, 8, 1, 'l'})
	f.Add([]byte{7, 5, 0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 0, 0, 0, 1, 1, 1, 2, 0, 12, 8, 5, 'a', 0xff, 0, '\n', 'b'})
	f.Fuzz(func(t *testing.T, data []byte) {
		g := fuzzGraph(data)
		verr := g.Validate()
		l, err := g.Layout()
		if (err != nil) != (verr != nil) {
			t.Fatalf("Layout error %v, Validate error %v", err, verr)
		}
		if err != nil {
			return
		}
		for _, p := range checkLayout(g, l) {
			t.Error(p)
		}
		svg := l.SVG()
		titles, err := checkXML(svg)
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		if want := 1 + len(l.Nodes) + len(l.Edges) + len(l.Clusters); titles != want {
			t.Errorf("%d <title> elements, want %d", titles, want)
		}
		if _, err := g.DOT(); err != nil {
			t.Fatal(err)
		}
	})
}
