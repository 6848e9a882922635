package diagram

import (
	"cmp"
	"slices"
)

// keyScale turns positions into integer fractions of a layer's width, so
// that the ordering never depends on floating-point rounding.
const keyScale = 1 << 20

// order arranges the items of every layer to reduce edge crossings:
// alternating downward and upward barycenter sweeps, keeping the best
// arrangement seen. Every arrangement keeps each cluster's items
// contiguous in each layer, and sibling clusters in one order in all
// layers (seq), so that cluster rectangles can neither interleave nor
// overlap. Between sweeps the sibling order follows the clusters' mean
// positions.
func (lg *layered) order() {
	nc := len(lg.g.Clusters)
	up := make([][]int, len(lg.items))
	down := make([][]int, len(lg.items))
	for _, r := range lg.routes {
		for i := 1; i < len(r.chain); i++ {
			a, b := r.chain[i-1], r.chain[i]
			down[a] = append(down[a], b)
			up[b] = append(up[b], a)
		}
	}
	o := &orderer{lg: lg, seq: make([]int, nc), key: make([]int64, len(lg.items)), up: up, down: down}
	o.spanning = make([][]int, len(lg.layers))
	for _, c := range lg.byDepth {
		for k := lg.clMin[c]; k < lg.clMax[c]; k++ {
			o.spanning[k] = append(o.spanning[k], c)
		}
	}
	for _, ch := range lg.children {
		for i, c := range ch {
			o.seq[c] = i
		}
	}
	lg.initialOrder(down)
	o.conform()
	best := o.crossings()
	saved := o.snapshot()
	for pass, stale := 0, 0; pass < orderPasses && best > 0 && stale < 4; pass++ {
		if pass%2 == 0 {
			for k := 1; k < len(lg.layers); k++ {
				o.sweep(k, up, k-1)
			}
		} else {
			for k := len(lg.layers) - 2; k >= 0; k-- {
				o.sweep(k, down, k+1)
			}
		}
		o.reorderClusters()
		o.conform()
		for k := range lg.layers {
			o.transpose(k)
		}
		if c := o.crossings(); c < best {
			best, saved, stale = c, o.snapshot(), 0
		} else {
			stale++
		}
	}
	o.restore(saved)
	lg.orderer = o
}

// initialOrder places items in the order a depth-first search from the
// nodes (by rank, then canonical order) reaches them.
func (lg *layered) initialOrder(down [][]int) {
	seen := make([]bool, len(lg.items))
	for k := range lg.layers {
		lg.layers[k] = lg.layers[k][:0]
	}
	visit := func(root int) {
		stack := []int{root}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[v] {
				continue
			}
			seen[v] = true
			it := &lg.items[v]
			it.pos = len(lg.layers[it.rank])
			lg.layers[it.rank] = append(lg.layers[it.rank], v)
			for i := len(down[v]) - 1; i >= 0; i-- {
				stack = append(stack, down[v][i])
			}
		}
	}
	nodes := make([]int, len(lg.g.Nodes))
	for i := range nodes {
		nodes[i] = i
	}
	slices.SortStableFunc(nodes, func(a, b int) int { return cmp.Compare(lg.rank[a], lg.rank[b]) })
	for _, v := range nodes {
		visit(lg.nodeIt[v])
	}
	for i := range lg.items {
		visit(i)
	}
}

type orderer struct {
	lg       *layered
	seq      []int    // position of each cluster among its siblings
	key      []int64  // sort key of each item in the layer being arranged
	up       [][]int  // items each item has segments from, in the previous layer
	down     [][]int  // items each item has segments to, in the next layer
	spanning [][]int  // clusters present in layer k and k+1
	lo, hi   [2][]int // cluster blocks in the layers around the one transposed
	pairLo   [2][]int // scratch of pairCost
	pairHi   [2][]int
	ends     []int // scratch of pairCost
	tree     []int
	clBuf    []int
}

// posKey is an item's position as a fraction of its layer.
func (o *orderer) posKey(i int) int64 {
	it := &o.lg.items[i]
	return int64(2*it.pos+1) * keyScale / int64(2*len(o.lg.layers[it.rank]))
}

// sweep rearranges layer k by the barycenters of each item's neighbours in
// the fixed layer; items without neighbours there keep their position.
func (o *orderer) sweep(k int, nbrs [][]int, fixed int) {
	for _, i := range o.lg.layers[k] {
		ns := nbrs[i]
		if len(ns) == 0 {
			o.key[i] = o.posKey(i)
			continue
		}
		var sum int64
		for _, n := range ns {
			sum += int64(2*o.lg.items[n].pos + 1)
		}
		o.key[i] = sum * keyScale / int64(len(ns)*2*len(o.lg.layers[fixed]))
	}
	o.arrange(k)
}

// conform rearranges every layer by current positions, which only moves
// clusters into the sibling order seq.
func (o *orderer) conform() {
	for k, layer := range o.lg.layers {
		for _, i := range layer {
			o.key[i] = o.posKey(i)
		}
		o.arrange(k)
	}
}

func (o *orderer) arrange(k int) {
	layer := o.arrangeIn(-1, o.lg.layers[k])
	o.lg.layers[k] = layer
	for p, i := range layer {
		o.lg.items[i].pos = p
	}
}

// arrangeIn orders the items of one cluster (c; -1 = the top level) in one
// layer: its own items by key, its child clusters as blocks in sibling
// order, merged by key (a block's key is the mean of its items').
func (o *orderer) arrangeIn(c int, items []int) []int {
	lg := o.lg
	d := lg.depth(c)
	var direct []int
	groups := map[int][]int{}
	var present []int
	for _, i := range items {
		cl := lg.items[i].cl
		if cl == c {
			direct = append(direct, i)
			continue
		}
		ch := lg.anc[cl][d]
		if groups[ch] == nil {
			present = append(present, ch)
		}
		groups[ch] = append(groups[ch], i)
	}
	slices.SortStableFunc(direct, func(a, b int) int {
		return cmp.Or(cmp.Compare(o.key[a], o.key[b]), cmp.Compare(lg.items[a].pos, lg.items[b].pos))
	})
	slices.SortFunc(present, func(a, b int) int { return cmp.Compare(o.seq[a], o.seq[b]) })
	out := make([]int, 0, len(items))
	j := 0
	for _, ch := range present {
		g := groups[ch]
		var sum int64
		for _, i := range g {
			sum += o.key[i]
		}
		mean := sum / int64(len(g))
		for j < len(direct) && o.key[direct[j]] < mean {
			out = append(out, direct[j])
			j++
		}
		out = append(out, o.arrangeIn(ch, g)...)
	}
	return append(out, direct[j:]...)
}

// reorderClusters sorts each cluster's children by the mean position of
// everything they hold, over all layers.
func (o *orderer) reorderClusters() {
	lg := o.lg
	nc := len(lg.g.Clusters)
	sum, cnt := make([]int64, nc), make([]int64, nc)
	for i, it := range lg.items {
		if it.cl < 0 {
			continue
		}
		k := o.posKey(i)
		for _, a := range lg.anc[it.cl] {
			sum[a] += k
			cnt[a]++
		}
	}
	mean := func(c int) int64 {
		if cnt[c] == 0 {
			return 0
		}
		return sum[c] / cnt[c]
	}
	for _, ch := range lg.children {
		slices.SortStableFunc(ch, func(a, b int) int {
			return cmp.Or(cmp.Compare(mean(a), mean(b)), cmp.Compare(o.seq[a], o.seq[b]))
		})
		for i, c := range ch {
			o.seq[c] = i
		}
	}
}

type orderSnapshot struct {
	layers [][]int
	seq    []int
}

func (o *orderer) snapshot() orderSnapshot {
	s := orderSnapshot{layers: make([][]int, len(o.lg.layers)), seq: slices.Clone(o.seq)}
	for k, l := range o.lg.layers {
		s.layers[k] = slices.Clone(l)
	}
	return s
}

func (o *orderer) restore(s orderSnapshot) {
	o.lg.layers = s.layers
	o.seq = s.seq
	for _, layer := range o.lg.layers {
		for p, i := range layer {
			o.lg.items[i].pos = p
		}
	}
}
