package diagram

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// checkLayout returns every way the layout breaks the properties the
// package promises; the empty list means it keeps them all.
func checkLayout(g *Graph, l *Layout) []string {
	var bad []string
	fail := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }
	canvas := Rect{0, 0, l.Width, l.Height}

	clusters := map[string]Cluster{}
	for _, c := range g.Clusters {
		clusters[c.ID] = c
	}
	// ancestors of a cluster, itself included
	chain := func(id string) []string {
		var out []string
		for ; id != ""; id = clusters[id].Parent {
			out = append(out, id)
		}
		return out
	}
	within := func(inner, outer string) bool { // cluster inner is outer or nested in it
		for _, c := range chain(inner) {
			if c == outer {
				return true
			}
		}
		return false
	}
	boxes := map[string]Rect{}
	for _, c := range l.Clusters {
		boxes[c.ID] = c.Box
	}
	active := map[string]bool{}
	for _, n := range g.Nodes {
		for _, c := range chain(n.Cluster) {
			active[c] = true
		}
	}
	for id := range active {
		if _, ok := boxes[id]; !ok {
			fail("cluster %q holds nodes but is not drawn", id)
		}
	}
	for id := range boxes {
		if !active[id] {
			fail("cluster %q holds no node but is drawn", id)
		}
	}
	if len(l.Nodes) != len(g.Nodes) || len(l.Edges) != len(g.Edges) {
		fail("layout has %d nodes and %d edges, graph %d and %d", len(l.Nodes), len(l.Edges), len(g.Nodes), len(g.Edges))
		return bad
	}

	nodeBox := map[string]Rect{}
	for _, n := range l.Nodes {
		nodeBox[n.ID] = n.Box
		if !canvas.Contains(n.Box) {
			fail("node %q %v is outside the canvas %v", n.ID, n.Box, canvas)
		}
		for _, c := range chain(n.Cluster) {
			if !boxes[c].Contains(grow(n.Box, 1)) {
				fail("node %q %v is not inside its cluster %q %v", n.ID, n.Box, c, boxes[c])
			}
		}
		for _, c := range l.Clusters {
			if n.Cluster == "" || !within(n.Cluster, c.ID) {
				if c.Box.Overlaps(n.Box) {
					fail("node %q %v overlaps cluster %q %v it is not in", n.ID, n.Box, c.ID, c.Box)
				}
			}
		}
	}
	for i, a := range l.Nodes {
		for _, b := range l.Nodes[i+1:] {
			if a.Box.Overlaps(b.Box) {
				fail("nodes %q %v and %q %v overlap", a.ID, a.Box, b.ID, b.Box)
			}
		}
	}
	for i, a := range l.Clusters {
		if !canvas.Contains(a.Box) {
			fail("cluster %q %v is outside the canvas", a.ID, a.Box)
		}
		if p := clusters[a.ID].Parent; p != "" && !boxes[p].Contains(grow(a.Box, 1)) {
			fail("cluster %q %v is not inside its parent %q %v", a.ID, a.Box, p, boxes[p])
		}
		for _, b := range l.Clusters[i+1:] {
			if !within(a.ID, b.ID) && !within(b.ID, a.ID) && a.Box.Overlaps(b.Box) {
				fail("clusters %q %v and %q %v overlap", a.ID, a.Box, b.ID, b.Box)
			}
		}
	}
	nodeCluster := map[string]string{}
	for _, n := range g.Nodes {
		nodeCluster[n.ID] = n.Cluster
	}
	for i, e := range l.Edges {
		name := fmt.Sprintf("edge %d %q -> %q", i, e.From, e.To)
		if len(e.Curve) < 4 || (len(e.Curve)-1)%3 != 0 {
			fail("%s: curve has %d points", name, len(e.Curve))
			continue
		}
		for _, p := range e.Curve {
			if !canvas.Contains(Rect{p.X, p.Y, 0, 0}) {
				fail("%s: point %v is outside the canvas", name, p)
			}
		}
		if !onBorder(nodeBox[e.From], e.Curve[0]) {
			fail("%s: starts at %v, not on the border of %v", name, e.Curve[0], nodeBox[e.From])
		}
		if !onBorder(nodeBox[e.To], e.Curve[len(e.Curve)-1]) {
			fail("%s: ends at %v, not on the border of %v", name, e.Curve[len(e.Curve)-1], nodeBox[e.To])
		}
		if (e.Label != "") != (e.LabelBox.W > 0) {
			fail("%s: label %q but label box %v", name, e.Label, e.LabelBox)
		}
		if e.LabelBox.W == 0 {
			continue
		}
		lb := e.LabelBox
		if !canvas.Contains(lb) {
			fail("%s: label %v is outside the canvas", name, lb)
		}
		for _, n := range l.Nodes {
			if n.Box.Overlaps(lb) {
				fail("%s: label %v overlaps node %q %v", name, lb, n.ID, n.Box)
			}
		}
		for j, o := range l.Edges {
			if j > i && o.LabelBox.W > 0 && o.LabelBox.Overlaps(lb) {
				fail("%s: label %v overlaps the label of edge %d %v", name, lb, j, o.LabelBox)
			}
		}
		// The label sits in the innermost cluster holding both ends and
		// in no cluster outside that one.
		home := commonCluster(chain(nodeCluster[e.From]), chain(nodeCluster[e.To]))
		for _, c := range l.Clusters {
			switch {
			case home != "" && within(home, c.ID):
				if !c.Box.Contains(lb) {
					fail("%s: label %v is outside cluster %q %v", name, lb, c.ID, c.Box)
				}
			case c.Box.Overlaps(lb):
				fail("%s: label %v overlaps cluster %q %v", name, lb, c.ID, c.Box)
			}
		}
	}
	return bad
}

func grow(r Rect, d int) Rect { return Rect{r.X - d, r.Y - d, r.W + 2*d, r.H + 2*d} }

// onBorder says whether p lies on r's border, give or take rounding (the
// shape inside the box may be an ellipse: inside the box, but not deep
// inside its inner half).
func onBorder(r Rect, p Point) bool {
	if !grow(r, 1).Contains(Rect{p.X, p.Y, 0, 0}) {
		return false
	}
	inner := Rect{r.X + r.W/4 + 1, r.Y + r.H/4 + 1, r.W/2 - 2, r.H/2 - 2}
	return !inner.Contains(Rect{p.X, p.Y, 0, 0})
}

func commonCluster(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

// checkXML decodes the SVG with encoding/xml and counts its <title>
// elements.
func checkXML(svg []byte) (titles int, err error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	depth := 0
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return titles, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if root != "" {
					return titles, fmt.Errorf("second root element <%s>", t.Name.Local)
				}
				root = t.Name.Local
			}
			depth++
			if t.Name.Local == "title" {
				titles++
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(t)) != "" {
				return titles, fmt.Errorf("text outside the root element")
			}
		}
	}
	if root != "svg" {
		return titles, fmt.Errorf("root element is <%s>, want <svg>", root)
	}
	return titles, nil
}
