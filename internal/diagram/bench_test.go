package diagram

import (
	"fmt"
	"testing"
)

// demoGraph is a data flow diagram the size of Threagile's demo model
// (demo/example/threagile.yaml: 15 technical assets — 4 external
// entities, 8 processes, 3 data stores — about 25 communication links
// with three-line labels, 5 trust boundaries, three of them nested in a
// fourth), repeated copies times with a link from each copy to the next.
func demoGraph(copies int) *Graph {
	g := &Graph{Title: "Demo data flow diagram", Direction: LeftToRight}
	kinds := []Shape{Box, Box, Box, Box, Ellipse, Ellipse, Ellipse, Ellipse, Ellipse, Ellipse, Ellipse, Ellipse, Cylinder, Cylinder, Cylinder}
	boundary := map[int]string{4: "outer", 5: "outer", 6: "dmz", 7: "dmz", 8: "erp", 9: "erp", 12: "erp", 13: "erp", 10: "auth", 14: "auth", 11: "dev", 0: "dev"}
	for c := range copies {
		id := func(s string) string { return fmt.Sprintf("%s-%d", s, c) }
		g.Clusters = append(g.Clusters,
			Cluster{ID: id("outer"), Label: "Outer network"},
			Cluster{ID: id("dmz"), Label: "DMZ", Parent: id("outer")},
			Cluster{ID: id("erp"), Label: "ERP system", Parent: id("outer")},
			Cluster{ID: id("auth"), Label: "Authentication", Parent: id("outer")},
			Cluster{ID: id("dev"), Label: "Developer network"},
		)
		for i, k := range kinds {
			n := Node{ID: id(fmt.Sprintf("ta%d", i)), Label: fmt.Sprintf("Technical asset %d\n%d open threats", i, i%4), Shape: k}
			if b, ok := boundary[i]; ok {
				n.Cluster = id(b)
			}
			g.Nodes = append(g.Nodes, n)
		}
		for i, k := range kinds {
			if k == Cylinder {
				continue
			}
			for j := range 2 {
				target := 4 + (i+j)%11
				if target == i {
					target = 4 + (target-3)%11
				}
				g.Edges = append(g.Edges, Edge{
					From:  id(fmt.Sprintf("ta%d", i)),
					To:    id(fmt.Sprintf("ta%d", target)),
					Label: fmt.Sprintf("Link %d\nHTTPS\nauth+enc", j),
				})
			}
		}
		if c > 0 {
			g.Edges = append(g.Edges, Edge{From: fmt.Sprintf("ta0-%d", c-1), To: id("ta4"), Label: "uplink\nMQTT\nenc"})
		}
	}
	return g
}

func BenchmarkLayoutSVG(b *testing.B) {
	for _, copies := range []int{1, 10} {
		g := demoGraph(copies)
		b.Run(fmt.Sprintf("nodes=%d,edges=%d,clusters=%d", len(g.Nodes), len(g.Edges), len(g.Clusters)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := g.SVG(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
