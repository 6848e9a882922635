package diagram

import "errors"

// simplex is the network simplex method of Gansner, Koutsofios, North and
// Vo ("A technique for drawing directed graphs", 1993), which Graphviz's
// dot uses twice, as this package does: to put nodes in layers (edges as
// short as possible) and to place them within layers (edges as straight as
// possible, clusters as narrow as possible). It finds integers x minimising
// Σ weight·(x[h]−x[t]) over the edges subject to x[h]−x[t] ≥ minlen.
//
// The graph must be connected and its constraints acyclic. Every step keeps
// a feasible solution, so stopping at the iteration limit (a guard against
// cycling on degenerate problems) still gives a valid, if not optimal,
// answer.
type simplex struct {
	n     int
	edges []nsEdge
	adj   [][]int        // incident edges of each node
	index map[[2]int]int // (t, h) -> edge, to merge parallel edges
	x     []int

	treeAdj   [][]int // tree edges of each node
	parent    []int   // tree edge to the parent; -1 at the root
	low, lim  []int   // subtree v = nodes u with low[v] <= lim[u] <= lim[v]
	byLim     []int   // node numbered lim
	treeList  []int   // the tree edges
	postorder []int
	scratch   []int
	next      int // where the search for a leaving edge resumes
}

type nsEdge struct {
	t, h           int
	minlen, weight int
	cut            int
	tree           bool
}

var errCyclic = errors.New("diagram: internal error: cyclic constraints")

func newSimplex(n int) *simplex {
	return &simplex{n: n, adj: make([][]int, n), index: map[[2]int]int{}}
}

// edge adds the constraint x[h]−x[t] ≥ minlen with the given weight in the
// objective; a second edge between the same nodes merges into the first.
func (s *simplex) edge(t, h, minlen, weight int) {
	if i, ok := s.index[[2]int{t, h}]; ok {
		e := &s.edges[i]
		e.minlen = max(e.minlen, minlen)
		e.weight += weight
		return
	}
	i := len(s.edges)
	s.index[[2]int{t, h}] = i
	s.edges = append(s.edges, nsEdge{t: t, h: h, minlen: minlen, weight: weight})
	s.adj[t] = append(s.adj[t], i)
	s.adj[h] = append(s.adj[h], i)
}

func (s *simplex) slack(i int) int {
	e := &s.edges[i]
	return s.x[e.h] - s.x[e.t] - e.minlen
}

func (s *simplex) other(i, v int) int {
	if e := &s.edges[i]; e.t != v {
		return e.t
	}
	return s.edges[i].h
}

// solve computes x; the smallest value is 0.
func (s *simplex) solve(maxIter int) error {
	s.x = make([]int, s.n)
	if s.n == 0 {
		return nil
	}
	if err := s.initRank(); err != nil {
		return err
	}
	if err := s.feasibleTree(); err != nil {
		return err
	}
	s.treeAdj = make([][]int, s.n)
	for i := range s.edges {
		if s.edges[i].tree {
			s.treeAdj[s.edges[i].t] = append(s.treeAdj[s.edges[i].t], i)
			s.treeAdj[s.edges[i].h] = append(s.treeAdj[s.edges[i].h], i)
			s.treeList = append(s.treeList, i)
		}
	}
	s.parent, s.low, s.lim = make([]int, s.n), make([]int, s.n), make([]int, s.n)
	s.byLim = make([]int, s.n+1)
	s.postorder = s.dfsRange(0, -1, 1, s.postorder[:0])
	s.cutValues()
	for range maxIter {
		l := s.leaveEdge()
		if l < 0 {
			break
		}
		f := s.enterEdge(l)
		if f < 0 {
			break // cannot happen for a connected graph; stay feasible
		}
		s.update(l, f)
	}
	lo := s.x[0]
	for _, v := range s.x {
		lo = min(lo, v)
	}
	for i := range s.x {
		s.x[i] -= lo
	}
	return nil
}

// initRank gives every node the smallest value its constraints allow,
// taking nodes in topological order.
func (s *simplex) initRank() error {
	indeg := make([]int, s.n)
	for _, e := range s.edges {
		indeg[e.h]++
	}
	queue := make([]int, 0, s.n)
	for v := range s.n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		for _, ei := range s.adj[v] {
			e := &s.edges[ei]
			if e.t != v {
				continue
			}
			s.x[e.h] = max(s.x[e.h], s.x[v]+e.minlen)
			if indeg[e.h]--; indeg[e.h] == 0 {
				queue = append(queue, e.h)
			}
		}
	}
	if len(queue) != s.n {
		return errCyclic
	}
	return nil
}

// feasibleTree grows a spanning tree of tight edges (slack 0) from node 0,
// shifting the tree by the smallest slack of an edge leaving it to take in
// the next node.
func (s *simplex) feasibleTree() error {
	in := make([]bool, s.n)
	in[0] = true
	members := []int{0}
	stack := []int{0}
	for {
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, ei := range s.adj[v] {
				w := s.other(ei, v)
				if !in[w] && s.slack(ei) == 0 {
					in[w] = true
					s.edges[ei].tree = true
					members = append(members, w)
					stack = append(stack, w)
				}
			}
		}
		if len(members) == s.n {
			return nil
		}
		best, bestSlack := -1, 0
		for i := range s.edges {
			e := &s.edges[i]
			if in[e.t] == in[e.h] {
				continue
			}
			if sl := s.slack(i); best < 0 || sl < bestSlack {
				best, bestSlack = i, sl
			}
		}
		if best < 0 {
			return errors.New("diagram: internal error: disconnected constraint graph")
		}
		delta, w := bestSlack, s.edges[best].h
		if in[w] {
			delta, w = -delta, s.edges[best].t
		}
		if delta != 0 {
			for _, v := range members {
				s.x[v] += delta
			}
		}
		// The edge is tight now: take its far end in and grow from there.
		// Other edges the shift made tight come next, with slack 0.
		in[w] = true
		s.edges[best].tree = true
		members = append(members, w)
		stack = append(stack, w)
	}
}

// dfsRange numbers the subtree hanging from root by parent edge par in
// postorder, starting at low, and records parents; it appends the nodes
// in postorder to post.
func (s *simplex) dfsRange(root, par, low int, post []int) []int {
	type frame struct{ v, i int }
	next := low
	s.parent[root] = par
	s.low[root] = next
	stack := []frame{{root, 0}}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.i < len(s.treeAdj[f.v]) {
			ei := s.treeAdj[f.v][f.i]
			f.i++
			if ei == s.parent[f.v] {
				continue
			}
			w := s.other(ei, f.v)
			s.parent[w] = ei
			s.low[w] = next
			stack = append(stack, frame{w, 0})
			continue
		}
		s.lim[f.v] = next
		s.byLim[next] = f.v
		next++
		post = append(post, f.v)
		stack = stack[:len(stack)-1]
	}
	return post
}

// cutValues computes the cut value of every tree edge, children first:
// the weight of the edges from the tail's side of the tree to the head's
// side, minus the weight of those going back.
func (s *simplex) cutValues() {
	for _, v := range s.postorder {
		pe := s.parent[v]
		if pe < 0 {
			continue
		}
		childIsTail := s.edges[pe].t == v
		cut := s.edges[pe].weight
		for _, ei := range s.adj[v] {
			if ei == pe {
				continue
			}
			e := &s.edges[ei]
			toHead := (e.t == v) == childIsTail
			if toHead {
				cut += e.weight
			} else {
				cut -= e.weight
			}
			if e.tree {
				if toHead {
					cut -= e.cut
				} else {
					cut += e.cut
				}
			}
		}
		s.edges[pe].cut = cut
	}
}

// searchSize is how many tree edges with a negative cut value leaveEdge
// compares before taking the most negative (Graphviz's choice).
const searchSize = 30

// leaveEdge finds a tree edge with a negative cut value, resuming where the
// last search stopped; -1 when the solution is optimal.
func (s *simplex) leaveEdge() int {
	m := len(s.treeList)
	best, found := -1, 0
	for k := range m {
		i := (s.next + k) % m
		e := s.treeList[i]
		if c := s.edges[e].cut; c < 0 {
			if best < 0 || c < s.edges[s.treeList[best]].cut {
				best = i
			}
			if found++; found >= searchSize {
				break
			}
		}
	}
	if best < 0 {
		return -1
	}
	s.next = best
	return s.treeList[best]
}

func (s *simplex) inSubtree(u, root int) bool {
	return s.low[root] <= s.lim[u] && s.lim[u] <= s.lim[root]
}

// child is the endpoint of tree edge l below it.
func (s *simplex) child(l int) int {
	if e := &s.edges[l]; s.parent[e.t] == l {
		return e.t
	}
	return s.edges[l].h
}

// enterEdge finds the non-tree edge with the least slack that reconnects
// the two halves the leaving edge l splits the tree into, going the other
// way: it searches the edges of the nodes below l.
func (s *simplex) enterEdge(l int) int {
	c := s.child(l)
	tailBelow := c == s.edges[l].t
	best, bestSlack := -1, 0
	for _, u := range s.byLim[s.low[c] : s.lim[c]+1] {
		for _, i := range s.adj[u] {
			f := &s.edges[i]
			if f.tree {
				continue
			}
			// From the head's half to the tail's half.
			if tailBelow {
				if f.h != u || s.inSubtree(f.t, c) {
					continue
				}
			} else if f.t != u || s.inSubtree(f.h, c) {
				continue
			}
			if sl := s.slack(i); best < 0 || sl < bestSlack || (sl == bestSlack && i < best) {
				best, bestSlack = i, sl
			}
		}
	}
	return best
}

// update swaps the tree edge l for f (Graphviz's update): the half below l
// moves by f's slack, cut values change along the tree path between f's
// ends, and the subtree of that path's top is renumbered.
func (s *simplex) update(l, f int) {
	c := s.child(l)
	if delta := s.slack(f); delta != 0 {
		if c == s.edges[l].t {
			delta = -delta
		}
		for _, u := range s.byLim[s.low[c] : s.lim[c]+1] {
			s.x[u] += delta
		}
	}
	cut := s.edges[l].cut
	lca := s.treeUpdate(s.edges[f].t, s.edges[f].h, cut, true)
	s.treeUpdate(s.edges[f].h, s.edges[f].t, cut, false)
	s.edges[f].cut = -cut
	s.edges[l].cut = 0
	s.edges[l].tree = false
	s.edges[f].tree = true
	for _, v := range []int{s.edges[l].t, s.edges[l].h} {
		s.treeAdj[v] = remove(s.treeAdj[v], l)
	}
	s.treeAdj[s.edges[f].t] = append(s.treeAdj[s.edges[f].t], f)
	s.treeAdj[s.edges[f].h] = append(s.treeAdj[s.edges[f].h], f)
	for i, e := range s.treeList {
		if e == l {
			s.treeList[i] = f
			break
		}
	}
	s.scratch = s.dfsRange(lca, s.parent[lca], s.low[lca], s.scratch[:0])
}

// treeUpdate adds cut to (dir) or subtracts it from (!dir) the cut values
// of the tree edges on the way up from v until a node whose subtree holds
// w, and returns that node.
func (s *simplex) treeUpdate(v, w, cut int, dir bool) int {
	for !s.inSubtree(w, v) {
		e := s.parent[v]
		d := dir
		if v != s.edges[e].t {
			d = !dir
		}
		if d {
			s.edges[e].cut += cut
		} else {
			s.edges[e].cut -= cut
		}
		if s.lim[s.edges[e].t] > s.lim[s.edges[e].h] {
			v = s.edges[e].t
		} else {
			v = s.edges[e].h
		}
	}
	return v
}

func remove(list []int, x int) []int {
	for i, v := range list {
		if v == x {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}
