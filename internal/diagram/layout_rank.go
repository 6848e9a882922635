package diagram

// assignRanks puts every node in a layer so that each edge points to a
// later layer and edges are as short as possible in total (network
// simplex), each connected component on its own, starting at layer 0.
// When any edge has a label every edge spans at least two layers, so that
// the label gets a layer slot of its own between its ends (as dot does).
func (lg *layered) assignRanks() error {
	n := len(lg.g.Nodes)
	lg.rank = make([]int, n)
	minlen := 1
	for _, r := range lg.routes {
		if lg.g.Edges[r.edge].Label != "" {
			minlen = 2
		}
	}
	// Components, by union-find over the routes.
	comp := make([]int, n)
	for i := range comp {
		comp[i] = i
	}
	find := func(v int) int {
		for comp[v] != v {
			comp[v] = comp[comp[v]]
			v = comp[v]
		}
		return v
	}
	for _, r := range lg.routes {
		a, b := find(r.t), find(r.h)
		if a != b {
			comp[max(a, b)] = min(a, b)
		}
	}
	members := map[int][]int{}
	var roots []int
	for v := range n {
		c := find(v)
		if members[c] == nil {
			roots = append(roots, c)
		}
		members[c] = append(members[c], v)
	}
	byComp := map[int][]int{}
	for i, r := range lg.routes {
		c := find(r.t)
		byComp[c] = append(byComp[c], i)
	}
	for _, c := range roots {
		vs := members[c]
		if len(vs) == 1 {
			continue
		}
		local := make(map[int]int, len(vs))
		for i, v := range vs {
			local[v] = i
		}
		s := newSimplex(len(vs))
		for _, ri := range byComp[c] {
			r := lg.routes[ri]
			s.edge(local[r.t], local[r.h], minlen, 1)
		}
		if err := s.solve(simplexLimit(s.n)); err != nil {
			return err
		}
		for i, v := range vs {
			lg.rank[v] = s.x[i]
		}
	}
	return nil
}
