package diagram

import "slices"

// clusterCrossing is what an edge passing through a cluster it neither
// starts nor ends in costs, against 1 for a crossing of two edges: in a
// data flow diagram a line across a trust boundary reads as a flow
// crossing it.
const clusterCrossing = 2

// crossings is the cost of the whole arrangement.
func (o *orderer) crossings() int {
	total := 0
	for k := 0; k+1 < len(o.lg.layers); k++ {
		total += o.pairCost(k)
	}
	return total
}

// pairCost counts the crossings between layers k and k+1: pairs of
// segments (Barth, Jünger and Mutzel's accumulator tree), and segments
// that go from one side of a cluster present in both layers to the other.
func (o *orderer) pairCost(k int) int {
	lg := o.lg
	if k < 0 || k+1 >= len(lg.layers) {
		return 0
	}
	total := 0
	ends := o.ends[:0]
	for _, a := range lg.layers[k] {
		start := len(ends)
		for _, b := range o.down[a] {
			ends = append(ends, lg.items[b].pos)
		}
		if len(ends)-start > 1 {
			slices.Sort(ends[start:])
		}
	}
	o.ends = ends
	n := len(lg.layers[k+1])
	size := 1
	for size < n {
		size *= 2
	}
	if cap(o.tree) < 2*size {
		o.tree = make([]int, 2*size)
	}
	tree := o.tree[:2*size]
	clear(tree)
	for _, p := range ends {
		i := p + size
		tree[i]++
		for i > 1 {
			if i&1 == 0 {
				total += tree[i+1]
			}
			i /= 2
			tree[i]++
		}
	}
	cs := o.spanning[k]
	if len(cs) == 0 {
		return total
	}
	lo, hi := &o.pairLo, &o.pairHi
	nc := len(lg.g.Clusters)
	for s := range 2 {
		if len(lo[s]) < nc {
			lo[s], hi[s] = make([]int, nc), make([]int, nc)
		}
		for _, c := range cs {
			lo[s][c], hi[s][c] = -1, -1
		}
		for p, i := range lg.layers[k+s] {
			for _, c := range lg.ancestors(lg.items[i].cl) {
				if lo[s][c] < 0 {
					lo[s][c] = p
				}
				hi[s][c] = p
			}
		}
	}
	side := func(s, c, p int) int {
		switch {
		case p < lo[s][c]:
			return -1
		case p > hi[s][c]:
			return 1
		}
		return 0
	}
	for _, a := range lg.layers[k] {
		pa := lg.items[a].pos
		for _, b := range o.down[a] {
			pb := lg.items[b].pos
			for _, c := range cs {
				if sa, sb := side(0, c, pa), side(1, c, pb); sa*sb < 0 {
					total += clusterCrossing
				}
			}
		}
	}
	return total
}

// transpose moves single items of layer k one step left or right among
// the items and cluster blocks of their own cluster while that lowers the
// crossings around the layer (dot's transpose step, made cluster-aware).
// Clusters themselves never move, so sibling clusters keep their order.
func (o *orderer) transpose(k int) {
	lg := o.lg
	o.ranges(k-1, 0)
	o.ranges(k+1, 1)
	for range 4 {
		improved := false
		for p := 0; p < len(lg.layers[k]); p++ {
			i := lg.layers[k][p]
			for _, dir := range []int{1, -1} {
				q, end, unit, ok := o.nextUnit(k, i, dir)
				if ok && o.moveDelta(k, i, q, end, unit, dir) < 0 {
					o.move(k, i, end, dir)
					improved = true
					break
				}
			}
		}
		if !improved {
			return
		}
	}
}

// ranges records in lo[s], hi[s] where each cluster's block lies in layer
// k (-1 when absent).
func (o *orderer) ranges(k, s int) {
	lg := o.lg
	nc := len(lg.g.Clusters)
	if len(o.lo[s]) < nc {
		o.lo[s], o.hi[s] = make([]int, nc), make([]int, nc)
	}
	for c := range nc {
		o.lo[s][c], o.hi[s][c] = -1, -1
	}
	if k < 0 || k >= len(lg.layers) {
		return
	}
	for p, i := range lg.layers[k] {
		for _, c := range lg.ancestors(lg.items[i].cl) {
			if o.lo[s][c] < 0 {
				o.lo[s][c] = p
			}
			o.hi[s][c] = p
		}
	}
}

// nextUnit finds what item i of layer k would jump moving in direction
// dir: positions q through end, an item of i's own cluster (unit -1) or
// the block of a child cluster (unit); ok is false at the edge of the
// cluster's block or the layer.
func (o *orderer) nextUnit(k, i, dir int) (q, end, unit int, ok bool) {
	lg := o.lg
	layer := lg.layers[k]
	c := lg.items[i].cl
	d := lg.depth(c)
	q = lg.items[i].pos + dir
	if q < 0 || q >= len(layer) {
		return 0, 0, 0, false
	}
	first := lg.items[layer[q]].cl
	switch {
	case first == c:
		return q, q, -1, true
	case first >= 0 && lg.depth(first) > d && (c < 0 || lg.inside(first, c)):
		unit = lg.anc[first][d]
	default:
		return 0, 0, 0, false
	}
	end = q
	for end+dir >= 0 && end+dir < len(layer) {
		cl := lg.items[layer[end+dir]].cl
		if cl < 0 || !lg.inside(cl, unit) {
			break
		}
		end += dir
	}
	return q, end, unit, true
}

// moveDelta is the change in crossings if item i of layer k jumped the
// items at positions q..end (a child cluster's block when unit >= 0):
// only the order of i's segments against theirs changes, and i's side of
// the clusters it jumps.
func (o *orderer) moveDelta(k, i, q, end, unit, dir int) int {
	lg := o.lg
	layer := lg.layers[k]
	lo, hi := min(q, end), max(q, end)
	delta := 0
	for s, nbrs := range [2][][]int{o.up, o.down} {
		for _, ni := range nbrs[i] {
			a := lg.items[ni].pos
			for _, u := range layer[lo : hi+1] {
				for _, nu := range nbrs[u] {
					b := lg.items[nu].pos
					switch {
					case a == b:
					case (a < b) == (dir > 0):
						delta++ // they did not cross and will
					default:
						delta--
					}
				}
			}
			if unit < 0 {
				continue
			}
			// i goes from side -dir of the block's clusters to side dir.
			for _, x := range o.blockClusters(layer[lo:hi+1], unit) {
				if o.lo[s][x] < 0 {
					continue
				}
				sn := 0
				switch {
				case a < o.lo[s][x]:
					sn = -1
				case a > o.hi[s][x]:
					sn = 1
				}
				if -dir*sn < 0 {
					delta -= clusterCrossing
				}
				if dir*sn < 0 {
					delta += clusterCrossing
				}
			}
		}
	}
	return delta
}

// blockClusters lists unit and the clusters inside it that hold the given
// items.
func (o *orderer) blockClusters(items []int, unit int) []int {
	lg := o.lg
	d := lg.depth(unit) - 1
	o.clBuf = o.clBuf[:0]
	for _, it := range items {
		for _, c := range lg.anc[lg.items[it].cl][d:] {
			if !slices.Contains(o.clBuf, c) {
				o.clBuf = append(o.clBuf, c)
			}
		}
	}
	return o.clBuf
}

// move rotates item i of layer k in direction dir to position end.
func (o *orderer) move(k, i, end, dir int) {
	lg := o.lg
	layer := lg.layers[k]
	for j := lg.items[i].pos; j != end; j += dir {
		layer[j] = layer[j+dir]
		lg.items[layer[j]].pos = j
	}
	layer[end] = i
	lg.items[i].pos = end
}
