package diagram

// buildItems fills the layers: one item per node, a dummy item in every
// layer a long edge passes through (the middle one of a labelled edge
// carries the label's size), and a placeholder wherever a cluster spans a
// layer but has nothing in it, so that every cluster is present in every
// layer between its first and last and can be kept contiguous there.
func (lg *layered) buildItems() {
	nl := 0
	for _, r := range lg.rank {
		nl = max(nl, r+1)
	}
	lg.layers = make([][]int, nl)
	lg.nodeIt = make([]int, len(lg.g.Nodes))
	for v := range lg.g.Nodes {
		lead := lg.ordSize(lg.w[v], lg.h[v]) / 2
		trail, rsize := lead, lg.rankSize(lg.w[v], lg.h[v])
		if ls := lg.loops[v]; len(ls) > 0 {
			trail += loopSize + loopStep*(len(ls)-1)
			for _, e := range ls {
				if lw, lh := labelSize(lg.g.Edges[e].Label); lw > 0 {
					trail += 4 + lg.ordSize(lw, lh)
					rsize = max(rsize, lg.rankSize(lw, lh))
				}
			}
		}
		lg.nodeIt[v] = lg.add(item{kind: realItem, node: v, route: -1, cl: lg.nodeCl[v], rank: lg.rank[v], lead: lead, trail: trail, rsize: rsize})
	}
	for ri := range lg.routes {
		r := &lg.routes[ri]
		cl := lg.lca(lg.nodeCl[r.t], lg.nodeCl[r.h])
		r.chain = append(r.chain, lg.nodeIt[r.t])
		lo, hi := lg.rank[r.t], lg.rank[r.h]
		mid := -1
		if lg.g.Edges[r.edge].Label != "" {
			mid = lo + (hi-lo)/2
		}
		for k := lo + 1; k < hi; k++ {
			it := item{kind: dummyItem, node: -1, route: ri, cl: cl, rank: k}
			if k == mid {
				lw, lh := labelSize(lg.g.Edges[r.edge].Label)
				it.kind = labelItem
				it.lead = lg.ordSize(lw, lh) / 2
				it.trail = it.lead
				it.rsize = lg.rankSize(lw, lh)
			}
			id := lg.add(it)
			if k == mid {
				r.label = id
			}
			r.chain = append(r.chain, id)
		}
		r.chain = append(r.chain, lg.nodeIt[r.h])
	}
	lg.addPlaceholders()
}

func (lg *layered) add(it item) int {
	id := len(lg.items)
	it.pos = len(lg.layers[it.rank])
	lg.items = append(lg.items, it)
	lg.layers[it.rank] = append(lg.layers[it.rank], id)
	return id
}

// labelSize is the size of an edge label's box (text and padding); 0, 0
// without a label.
func labelSize(label string) (w, h int) {
	if label == "" {
		return 0, 0
	}
	w, h = textBox(lines(label), edgeFont)
	return even(w + 2*labelPad), even(h + 2*labelPad)
}

// addPlaceholders computes each active cluster's span of layers, deepest
// clusters first (a placeholder of a child counts for its parent), and
// fills the holes.
func (lg *layered) addPlaceholders() {
	nc := len(lg.g.Clusters)
	lg.clMin, lg.clMax = make([]int, nc), make([]int, nc)
	for _, c := range lg.byDepth {
		present := map[int]bool{}
		lo, hi := -1, -1
		for _, it := range lg.items {
			if it.cl < 0 || !lg.inside(it.cl, c) {
				continue
			}
			present[it.rank] = true
			if lo < 0 || it.rank < lo {
				lo = it.rank
			}
			hi = max(hi, it.rank)
		}
		lg.clMin[c], lg.clMax[c] = lo, hi
		for k := lo + 1; k < hi; k++ {
			if !present[k] {
				lg.add(item{kind: placeholderItem, node: -1, route: -1, cl: c, rank: k})
			}
		}
	}
}

// inside says whether cluster a is c or nested in c.
func (lg *layered) inside(a, c int) bool {
	p := lg.anc[a]
	d := len(lg.anc[c])
	return len(p) >= d && p[d-1] == c
}
