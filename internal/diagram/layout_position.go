package diagram

// clusterBand is the room a cluster's label takes at its top: its lines
// and a small gap.
func clusterBand(c *Cluster) int {
	_, h := textBox(clusterLabel(c), clusterFont)
	return h + 4
}

// rankPositions places the layers along the rank axis. The gap between
// two layers leaves room for the borders (and, top to bottom, the labels)
// of the clusters that end above and start below it; left to right, a
// cluster too short for its label grows at its end.
func (lg *layered) rankPositions() {
	nc := len(lg.g.Clusters)
	lg.clLead, lg.clTrail = make([]int, nc), make([]int, nc)
	for _, c := range lg.byDepth { // children before parents
		base := clusterPad
		if lg.g.Direction == TopToBottom {
			base += clusterBand(&lg.g.Clusters[c])
		}
		lead := base
		for _, d := range lg.children[c] {
			if lg.clMin[d] == lg.clMin[c] {
				lead = max(lead, base+lg.clLead[d])
			}
		}
		lg.clLead[c] = lead
	}
	nl := len(lg.layers)
	lg.layerStart, lg.layerSize = make([]int, nl), make([]int, nl)
	for k, layer := range lg.layers {
		for _, i := range layer {
			lg.layerSize[k] = max(lg.layerSize[k], lg.items[i].rsize)
		}
	}
	pos := 0
	for k := range nl {
		lead := 0
		for _, c := range lg.byDepth {
			if lg.clMin[c] == k {
				lead = max(lead, lg.clLead[c])
			}
		}
		gap := lead
		if k > 0 {
			trail := lg.trailsEndingAt(k - 1)
			gap = max(rankSep, trail+lead+clusterSep)
		}
		lg.layerStart[k] = pos + gap
		pos = lg.layerStart[k] + lg.layerSize[k]
	}
	if nl > 0 {
		lg.trailsEndingAt(nl - 1)
	}
}

// trailsEndingAt sets the rank-axis padding after the last layer of the
// clusters ending at layer k and returns the largest.
func (lg *layered) trailsEndingAt(k int) int {
	most := 0
	for _, c := range lg.byDepth {
		if lg.clMax[c] != k {
			continue
		}
		trail := clusterPad
		for _, d := range lg.children[c] {
			if lg.clMax[d] == k {
				trail = max(trail, lg.clTrail[d]+clusterPad)
			}
		}
		if lg.g.Direction == LeftToRight {
			lw, _ := textBox(clusterLabel(&lg.g.Clusters[c]), clusterFont)
			extent := lg.layerStart[k] + lg.layerSize[k] + trail - (lg.layerStart[lg.clMin[c]] - lg.clLead[c])
			trail += max(0, lw+2*clusterPad-extent)
		}
		lg.clTrail[c] = trail
		most = max(most, trail)
	}
	return most
}

// orderPositions places items within their layers by network simplex on
// an auxiliary graph, as dot does: each edge segment pulls its ends
// together (dummy-to-dummy segments hardest, so long edges run straight),
// each cluster pulls its borders together; neighbours in a layer keep
// their separation, and clusters contain what they hold with padding.
// Because sibling clusters keep one order in every layer, the separation
// constraints between cluster borders are acyclic.
func (lg *layered) orderPositions() error {
	ni, nc := len(lg.items), len(lg.g.Clusters)
	L := func(c int) int { return ni + 2*c }
	R := func(c int) int { return ni + 2*c + 1 }
	root := ni + 2*nc
	n := root + 1
	var segs [][2]int
	for _, r := range lg.routes {
		for i := 1; i < len(r.chain); i++ {
			segs = append(segs, [2]int{r.chain[i-1], r.chain[i]})
		}
	}
	s := newSimplex(n + len(segs))
	lead := func(c int) int { // order-axis padding before a cluster's content
		if lg.g.Direction == LeftToRight {
			return clusterPad + clusterBand(&lg.g.Clusters[c])
		}
		return clusterPad
	}
	for _, layer := range lg.layers {
		if len(layer) > 0 {
			s.edge(root, layer[0], 0, 0)
		}
		for p := 1; p < len(layer); p++ {
			a, b := &lg.items[layer[p-1]], &lg.items[layer[p]]
			left, lmin := layer[p-1], a.trail
			right, rmin := layer[p], b.lead
			sep := lg.separation(a, b)
			ca, cb := lg.ancestors(a.cl), lg.ancestors(b.cl)
			common := 0
			for common < len(ca) && common < len(cb) && ca[common] == cb[common] {
				common++
			}
			if common < len(ca) {
				left, lmin, sep = R(ca[common]), 0, clusterSep
			}
			if common < len(cb) {
				right, rmin, sep = L(cb[common]), 0, clusterSep
			}
			s.edge(left, right, lmin+rmin+sep, 0)
		}
	}
	for i, it := range lg.items {
		if it.cl >= 0 {
			s.edge(L(it.cl), i, it.lead+lead(it.cl), 0)
			s.edge(i, R(it.cl), it.trail+clusterPad, 0)
		}
	}
	for _, c := range lg.byDepth {
		minW := lead(c) + clusterPad
		if lg.g.Direction == TopToBottom {
			lw, _ := textBox(clusterLabel(&lg.g.Clusters[c]), clusterFont)
			minW = max(minW, lw+2*clusterPad)
		}
		s.edge(L(c), R(c), minW, 1)
		if p := lg.clParent[c]; p >= 0 {
			s.edge(L(p), L(c), lead(p), 0)
			s.edge(R(c), R(p), clusterPad, 0)
		} else {
			s.edge(root, L(c), 0, 0)
		}
	}
	// Inactive clusters take no part: tie them to the root so the
	// constraint graph stays connected.
	for c := range nc {
		if !lg.active[c] {
			s.edge(root, L(c), 0, 0)
			s.edge(root, R(c), 0, 0)
		}
	}
	for k, sg := range segs {
		w := 1
		da, db := lg.items[sg[0]].kind != realItem, lg.items[sg[1]].kind != realItem
		switch {
		case da && db:
			w = 8
		case da || db:
			w = 2
		}
		s.edge(n+k, sg[0], 0, w)
		s.edge(n+k, sg[1], 0, w)
	}
	if err := s.solve(simplexLimit(s.n)); err != nil {
		return err
	}
	for i := range lg.items {
		lg.items[i].x = s.x[i]
	}
	lg.clL, lg.clR = make([]int, nc), make([]int, nc)
	for c := range nc {
		lg.clL[c], lg.clR[c] = s.x[L(c)], s.x[R(c)]
	}
	return nil
}

// separation is the gap between two neighbours in a layer: wide next to
// nodes and labels, narrow between edges passing through.
func (lg *layered) separation(a, b *item) int {
	thin := func(it *item) bool { return it.kind == dummyItem || it.kind == placeholderItem }
	if thin(a) && thin(b) {
		return edgeSep
	}
	return nodeSep
}
