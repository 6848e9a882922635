package diagram

import (
	"cmp"
	"math"
	"slices"
)

// place turns layers and positions into the Layout: final axes (the rank
// axis is y top to bottom, x left to right), node boxes, cluster
// rectangles, edge routes with their labels, then the whole drawing moved
// to start at the margin, below the title.
func (lg *layered) place() *Layout {
	g := lg.g
	l := &Layout{Title: g.Title, Direction: g.Direction, IDPrefix: g.IDPrefix}
	l.Nodes = make([]PlacedNode, len(g.Nodes))
	for v := range g.Nodes {
		c := lg.centre(lg.nodeIt[v])
		l.Nodes[v] = PlacedNode{Node: g.Nodes[v], Box: Rect{c.X - lg.w[v]/2, c.Y - lg.h[v]/2, lg.w[v], lg.h[v]}}
	}
	for _, c := range lg.byDepth {
		top := lg.layerStart[lg.clMin[c]] - lg.clLead[c]
		bottom := lg.layerStart[lg.clMax[c]] + lg.layerSize[lg.clMax[c]] + lg.clTrail[c]
		a, b := lg.xy(lg.clL[c], top), lg.xy(lg.clR[c], bottom)
		l.Clusters = append(l.Clusters, PlacedCluster{Cluster: g.Clusters[c], Box: Rect{a.X, a.Y, b.X - a.X, b.Y - a.Y}, Depth: lg.depth(c) - 1})
	}
	// Outer clusters first (drawn below inner ones), then canonical order.
	order := make(map[string]int, len(g.Clusters))
	for i, c := range g.Clusters {
		order[c.ID] = i
	}
	slices.SortStableFunc(l.Clusters, func(a, b PlacedCluster) int {
		return cmp.Or(cmp.Compare(a.Depth, b.Depth), cmp.Compare(order[a.ID], order[b.ID]))
	})
	l.Edges = make([]PlacedEdge, len(g.Edges))
	for i, e := range g.Edges {
		l.Edges[i].Edge = e
	}
	tail, head := lg.ports()
	for ri, r := range lg.routes {
		lg.routeEdge(&l.Edges[r.edge], r, l.Nodes, tail[ri], head[ri])
	}
	for v, ls := range lg.loops {
		lg.routeLoops(l.Edges, ls, l.Nodes[v].Box)
	}
	lg.frame(l)
	return l
}

// xy maps (order axis, rank axis) to final coordinates.
func (lg *layered) xy(ord, rank int) Point {
	if lg.g.Direction == LeftToRight {
		return Point{rank, ord}
	}
	return Point{ord, rank}
}

func (lg *layered) centre(i int) Point {
	it := &lg.items[i]
	return lg.xy(it.x, lg.layerStart[it.rank]+lg.layerSize[it.rank]/2)
}

// ports spreads the edges meeting a node side by side over the middle two
// thirds of its side, in the order of their other ends, so that parallel
// edges do not coincide and edges into one node do not cross there.
// tail[r] and head[r] are route r's offsets from the centres of its ends,
// along the order axis.
func (lg *layered) ports() (tail, head []int) {
	tail, head = make([]int, len(lg.routes)), make([]int, len(lg.routes))
	outs := make([][]int, len(lg.items))
	ins := make([][]int, len(lg.items))
	for ri, r := range lg.routes {
		outs[r.chain[0]] = append(outs[r.chain[0]], ri)
		ins[r.chain[len(r.chain)-1]] = append(ins[r.chain[len(r.chain)-1]], ri)
	}
	spread := func(it int, rs []int, off []int, other func(r *route) int) {
		if len(rs) == 0 {
			return
		}
		slices.SortStableFunc(rs, func(a, b int) int {
			return cmp.Compare(lg.items[other(&lg.routes[a])].x, lg.items[other(&lg.routes[b])].x)
		})
		half := lg.items[it].lead * 2 / 3
		n := len(rs)
		for i, ri := range rs {
			off[ri] = divRound((2*i+1-n)*half, n)
		}
	}
	for it := range lg.items {
		spread(it, outs[it], tail, func(r *route) int { return r.chain[1] })
		spread(it, ins[it], head, func(r *route) int { return r.chain[len(r.chain)-2] })
	}
	return tail, head
}

// routeEdge runs an edge from its port on the tail straight out of the
// tail's layer, through its dummies (each layer crossed straight along the
// rank axis) and straight into the head's layer to its port on the head.
// Between layers it bends in an S whose ends run along the rank axis, so
// the route is smooth, never overshoots, and stays off the other nodes of
// every layer.
func (lg *layered) routeEdge(pe *PlacedEdge, r route, nodes []PlacedNode, tailOff, headOff int) {
	// Each element of the chain is crossed from rank a to rank b at ord.
	type run struct{ ord, a, b int }
	t, h := &lg.items[r.chain[0]], &lg.items[r.chain[len(r.chain)-1]]
	runs := []run{{t.x + tailOff, lg.border(t, nodes, tailOff, 1), lg.layerStart[t.rank] + lg.layerSize[t.rank]}}
	for _, i := range r.chain[1 : len(r.chain)-1] {
		it := &lg.items[i]
		runs = append(runs, run{it.x, lg.layerStart[it.rank], lg.layerStart[it.rank] + lg.layerSize[it.rank]})
	}
	runs = append(runs, run{h.x + headOff, lg.layerStart[h.rank], lg.border(h, nodes, headOff, -1)})
	curve := []Point{lg.xy(runs[0].ord, runs[0].a)}
	straight := func(u run) {
		if u.b != u.a {
			curve = append(curve, lg.xy(u.ord, u.a), lg.xy(u.ord, u.b), lg.xy(u.ord, u.b))
		}
	}
	straight(runs[0])
	for i := 1; i < len(runs); i++ {
		u, v := runs[i-1], runs[i]
		mid := (v.a - u.b) / 2
		curve = append(curve, lg.xy(u.ord, u.b+mid), lg.xy(v.ord, v.a-mid), lg.xy(v.ord, v.a))
		straight(v)
	}
	if r.reversed {
		slices.Reverse(curve)
	}
	pe.Curve = curve
	pe.Reversed = r.reversed
	if r.label >= 0 {
		c := lg.centre(r.label)
		w, h := labelSize(pe.Label)
		pe.LabelBox = Rect{c.X - w/2, c.Y - h/2, w, h}
	}
}

// border is the rank-axis coordinate where a node's shape ends at order
// offset off from its centre, on its far side (side 1) or near side (-1).
// Explicit float64 conversions keep the compiler from fusing operations,
// so every platform rounds alike.
func (lg *layered) border(it *item, nodes []PlacedNode, off, side int) int {
	n := &nodes[it.node]
	half := lg.rankSize(n.Box.W, n.Box.H) / 2
	centre := lg.layerStart[it.rank] + lg.layerSize[it.rank]/2
	if n.Shape == Ellipse || n.Shape == Circle {
		q := float64(off) / float64(lg.ordSize(n.Box.W, n.Box.H)/2)
		half = int(math.Round(float64(float64(half) * math.Sqrt(max(0, float64(1-float64(q*q)))))))
	}
	return centre + side*half
}

// divRound divides rounding halves away from zero.
func divRound(a, b int) int {
	if a < 0 {
		return -((-a + b/2) / b)
	}
	return (a + b/2) / b
}

// routeLoops draws a node's self-loops on the side the layout reserved
// (right top to bottom, below left to right), each reaching further, with
// their labels beyond them.
func (lg *layered) routeLoops(edges []PlacedEdge, ls []int, b Rect) {
	reach := loopSize + loopStep*(len(ls)-1)
	off := reach + 4
	for j, e := range ls {
		pe := &edges[e]
		d := (loopSize + loopStep*j) * 4 / 3 // a cubic reaches 3/4 of its control points
		lw, lh := labelSize(pe.Label)
		if lg.g.Direction == LeftToRight {
			x1, x2, y := b.X+b.W/2-b.W/4, b.X+b.W/2+b.W/4, b.Y+b.H
			pe.Curve = []Point{{x1, y}, {x1, y + d}, {x2, y + d}, {x2, y}}
			if lw > 0 {
				pe.LabelBox = Rect{b.X + b.W/2 - lw/2, y + off, lw, lh}
				off += lh + 4
			}
			continue
		}
		x, y1, y2 := b.X+b.W, b.Y+b.H/2-b.H/4, b.Y+b.H/2+b.H/4
		pe.Curve = []Point{{x, y1}, {x + d, y1}, {x + d, y2}, {x, y2}}
		if lw > 0 {
			pe.LabelBox = Rect{x + off, b.Y + b.H/2 - lh/2, lw, lh}
			off += lw + 4
		}
	}
}

// frame moves everything so the drawing starts at the margin below the
// title and sets the size.
func (lg *layered) frame(l *Layout) {
	first := true
	var x0, y0, x1, y1 int
	add := func(r Rect) {
		if first {
			x0, y0, x1, y1 = r.X, r.Y, r.X+r.W, r.Y+r.H
			first = false
			return
		}
		x0, y0 = min(x0, r.X), min(y0, r.Y)
		x1, y1 = max(x1, r.X+r.W), max(y1, r.Y+r.H)
	}
	for _, n := range l.Nodes {
		add(n.Box)
	}
	for _, c := range l.Clusters {
		add(c.Box)
	}
	for _, e := range l.Edges {
		for _, p := range e.Curve {
			add(Rect{p.X, p.Y, 0, 0})
		}
		if e.LabelBox.W > 0 {
			add(e.LabelBox)
		}
	}
	titleH, titleW := 0, 0
	if l.Title != "" {
		ls := lines(l.Title)
		titleW, titleH = textBox(ls, titleFont)
		titleH += 8
	}
	dx, dy := margin-x0, margin+titleH-y0
	for i := range l.Nodes {
		l.Nodes[i].Box.X += dx
		l.Nodes[i].Box.Y += dy
	}
	for i := range l.Clusters {
		l.Clusters[i].Box.X += dx
		l.Clusters[i].Box.Y += dy
	}
	for i := range l.Edges {
		e := &l.Edges[i]
		for j := range e.Curve {
			e.Curve[j].X += dx
			e.Curve[j].Y += dy
		}
		if e.LabelBox.W > 0 {
			e.LabelBox.X += dx
			e.LabelBox.Y += dy
		}
	}
	l.Width = max(x1-x0+2*margin, titleW+2*margin)
	l.Height = y1 - y0 + 2*margin + titleH
	if l.Title != "" {
		l.TitleAt = Point{l.Width / 2, margin + lineHeight(titleFont)/2}
	}
}
