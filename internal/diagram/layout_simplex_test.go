package diagram

import (
	"math/rand/v2"
	"testing"
)

// TestSimplexOptimal compares network simplex with brute force on random
// small constraint systems: its answer must satisfy every constraint and
// cost no more than the best assignment found by trying all.
func TestSimplexOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 400 {
		n := 2 + r.IntN(4)
		s := newSimplex(n)
		type con struct{ t, h, minlen, weight int }
		var cons []con
		bound := 0
		// A random DAG (edges go from lower to higher index), kept
		// connected by a chain of weight-0 links.
		for v := 1; v < n; v++ {
			c := con{r.IntN(v), v, r.IntN(3), r.IntN(2)}
			cons = append(cons, c)
		}
		for range r.IntN(2 * n) {
			a, b := r.IntN(n), r.IntN(n)
			if a == b {
				continue
			}
			cons = append(cons, con{min(a, b), max(a, b), r.IntN(3), r.IntN(4)})
		}
		for _, c := range cons {
			s.edge(c.t, c.h, c.minlen, c.weight)
			bound += c.minlen
		}
		if err := s.solve(1000); err != nil {
			t.Fatal(err)
		}
		cost := func(x []int) (int, bool) {
			total := 0
			for _, e := range s.edges { // merged, as solved
				if x[e.h]-x[e.t] < e.minlen {
					return 0, false
				}
				total += e.weight * (x[e.h] - x[e.t])
			}
			return total, true
		}
		got, ok := cost(s.x)
		if !ok {
			t.Fatalf("trial %d: solution %v breaks a constraint of %v", trial, s.x, cons)
		}
		best := -1
		x := make([]int, n)
		var try func(i int)
		try = func(i int) {
			if i == n {
				if c, ok := cost(x); ok && (best < 0 || c < best) {
					best = c
				}
				return
			}
			for v := 0; v <= bound; v++ {
				x[i] = v
				try(i + 1)
			}
		}
		try(0)
		if got != best {
			t.Fatalf("trial %d: cost %d, optimum %d (constraints %v, solution %v)", trial, got, best, cons, s.x)
		}
		// The cut values kept up to date along the way equal those
		// computed afresh.
		kept := make([]int, len(s.edges))
		for i, e := range s.edges {
			kept[i] = e.cut
		}
		s.postorder = s.dfsRange(0, -1, 1, s.postorder[:0])
		s.cutValues()
		for i, e := range s.edges {
			if e.tree && e.cut != kept[i] {
				t.Fatalf("trial %d: edge %d cut value %d kept, %d afresh", trial, i, kept[i], e.cut)
			}
		}
	}
}

func TestSimplexRejectsCycles(t *testing.T) {
	s := newSimplex(3)
	s.edge(0, 1, 1, 1)
	s.edge(1, 2, 1, 1)
	s.edge(2, 0, 1, 1)
	if err := s.solve(100); err == nil {
		t.Fatal("no error for cyclic constraints")
	}
}
