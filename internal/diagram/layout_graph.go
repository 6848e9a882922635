package diagram

import "math"

// layered is the working state of one layout: the canonical graph with
// indexes, its nodes' sizes, and (as the phases run) ranks, the items of
// every layer and their positions.
type layered struct {
	g *Graph

	nodeIx map[string]int
	nodeCl []int // innermost cluster of each node; -1 = none
	w, h   []int // shape size of each node, in final axes
	loops  [][]int

	clParent []int   // -1 = top level
	anc      [][]int // each cluster's ancestors, outermost first, itself last
	active   []bool  // has a node in its subtree
	children [][]int // child clusters; index len(clusters) holds the top level
	byDepth  []int   // active clusters, deepest first

	routes []route // every edge that is not a self-loop
	rank   []int   // of each node

	items  []item
	layers [][]int // item indexes, in order
	nodeIt []int   // item of each node
	clMin  []int   // first and last layer of each active cluster
	clMax  []int

	orderer *orderer // the state of the ordering, kept for tests

	layerStart, layerSize []int // rank axis
	clLead, clTrail       []int // rank-axis padding of clusters
	clL, clR              []int // order-axis borders of clusters
}

// route is an edge that is not a self-loop, oriented as the layout lays it
// (from t to h, reversed when cycle breaking turned it).
type route struct {
	edge     int
	t, h     int // nodes
	reversed bool
	chain    []int // items from t's through the dummies to h's
	label    int   // item holding the label; -1 = none
}

type itemKind int

const (
	realItem itemKind = iota
	dummyItem
	labelItem
	placeholderItem // keeps a cluster present in a layer it spans but has nothing in
)

// item is one thing in a layer: a node, a point of a long edge, an edge
// label, or a cluster placeholder.
type item struct {
	kind        itemKind
	node, route int // node (real) or route (dummy, label); -1 otherwise
	cl          int // innermost cluster; -1 = none
	rank        int
	lead, trail int // order-axis extent before and after the centre
	rsize       int // rank-axis size
	pos         int // index in its layer
	x           int // order-axis centre
}

func newLayered(g *Graph) *layered {
	lg := &layered{g: g, nodeIx: make(map[string]int, len(g.Nodes))}
	clIx := make(map[string]int, len(g.Clusters))
	for i, c := range g.Clusters {
		clIx[c.ID] = i
	}
	nc := len(g.Clusters)
	lg.clParent = make([]int, nc)
	for i, c := range g.Clusters {
		lg.clParent[i] = -1
		if c.Parent != "" {
			lg.clParent[i] = clIx[c.Parent]
		}
	}
	lg.anc = make([][]int, nc)
	for i := range nc {
		var path []int
		for c := i; c >= 0; c = lg.clParent[c] {
			path = append(path, c)
		}
		for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
			path[a], path[b] = path[b], path[a]
		}
		lg.anc[i] = path
	}
	lg.nodeCl = make([]int, len(g.Nodes))
	lg.active = make([]bool, nc)
	for i, n := range g.Nodes {
		lg.nodeIx[n.ID] = i
		lg.nodeCl[i] = -1
		if n.Cluster != "" {
			lg.nodeCl[i] = clIx[n.Cluster]
			for _, a := range lg.anc[lg.nodeCl[i]] {
				lg.active[a] = true
			}
		}
	}
	lg.children = make([][]int, nc+1)
	for i := range nc {
		if !lg.active[i] {
			continue
		}
		p := lg.clParent[i]
		if p < 0 {
			p = nc
		}
		lg.children[p] = append(lg.children[p], i)
	}
	for d := nc; d >= 1; d-- {
		for i := range nc {
			if lg.active[i] && len(lg.anc[i]) == d {
				lg.byDepth = append(lg.byDepth, i)
			}
		}
	}
	lg.w, lg.h = make([]int, len(g.Nodes)), make([]int, len(g.Nodes))
	lg.loops = make([][]int, len(g.Nodes))
	for i := range g.Nodes {
		lg.w[i], lg.h[i] = nodeSize(&g.Nodes[i])
	}
	for i, e := range g.Edges {
		t, h := lg.nodeIx[e.From], lg.nodeIx[e.To]
		if t == h {
			lg.loops[t] = append(lg.loops[t], i)
			continue
		}
		lg.routes = append(lg.routes, route{edge: i, t: t, h: h, label: -1})
	}
	return lg
}

func nodeLabel(n *Node) []string {
	if n.Label == "" {
		return lines(n.ID)
	}
	return lines(n.Label)
}

func clusterLabel(c *Cluster) []string {
	if c.Label == "" {
		return lines(c.ID)
	}
	return lines(c.Label)
}

// Shape geometry, in pixels.
const (
	boxPadX  = 12
	boxPadY  = 8
	capRY    = 6  // half height of a cylinder's caps
	noteFold = 10 // size of a note's folded corner
	minNodeW = 40
	minNodeH = 30
)

// nodeSize is the size of a node's shape around its label.
func nodeSize(n *Node) (w, h int) {
	tw, th := textBox(nodeLabel(n), nodeFont)
	switch n.Shape {
	case Ellipse:
		// The ellipse through the corners of the text box with its
		// proportions is √2 times the box.
		w, h = (tw*1414+999)/1000+boxPadX, (th*1414+999)/1000+boxPadY/2
	case Circle:
		d := int(math.Ceil(math.Sqrt(float64(tw*tw+th*th)))) + boxPadX
		w, h = d, d
	case Cylinder:
		w, h = tw+2*boxPadX, th+2*boxPadY+3*capRY
	case Note:
		w, h = tw+2*boxPadX+noteFold, th+2*boxPadY
	default:
		w, h = tw+2*boxPadX, th+2*boxPadY
	}
	w, h = max(w, minNodeW), max(h, minNodeH)
	if n.Shape == Circle {
		w = max(w, h)
		h = w
	}
	return even(w), even(h)
}

func even(v int) int { return v + v&1 }

// ordSize and rankSize turn a size in final axes into the sizes along the
// order axis (within a layer) and the rank axis (across layers).
func (lg *layered) ordSize(w, h int) int {
	if lg.g.Direction == LeftToRight {
		return h
	}
	return w
}

func (lg *layered) rankSize(w, h int) int {
	if lg.g.Direction == LeftToRight {
		return w
	}
	return h
}

// lca is the innermost cluster holding both a and b (-1 = none).
func (lg *layered) lca(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	pa, pb := lg.anc[a], lg.anc[b]
	c := -1
	for i := 0; i < len(pa) && i < len(pb) && pa[i] == pb[i]; i++ {
		c = pa[i]
	}
	return c
}

// ancestors is anc[c], or nothing for c = -1 (no cluster).
func (lg *layered) ancestors(c int) []int {
	if c < 0 {
		return nil
	}
	return lg.anc[c]
}

func (lg *layered) depth(c int) int {
	if c < 0 {
		return 0
	}
	return len(lg.anc[c])
}
