package kconfig

// A tree the size of NuttX's has hundreds of thousands of symbols, nodes
// and expressions. Allocating them in chunks instead of one by one makes
// parsing markedly faster (less allocation work, fewer objects for the
// garbage collector to track, better locality). Nothing is freed before
// the whole Kconfig is, so chunks cost no memory.

const slabSize = 256

type slabs struct {
	nodes    []MenuNode
	syms     []Symbol
	exprs    []Expr
	defaults []Default
	selects  []Select
	ranges   []Range
}

// node returns a zeroed node, filled in place (no copy of the large struct).
func (s *slabs) node() *MenuNode {
	if len(s.nodes) == cap(s.nodes) {
		s.nodes = make([]MenuNode, 0, slabSize)
	}
	s.nodes = s.nodes[:len(s.nodes)+1]
	return &s.nodes[len(s.nodes)-1]
}

func (s *slabs) sym() *Symbol {
	if len(s.syms) == cap(s.syms) {
		s.syms = make([]Symbol, 0, slabSize)
	}
	s.syms = s.syms[:len(s.syms)+1]
	return &s.syms[len(s.syms)-1]
}

func (s *slabs) expr(e Expr) *Expr {
	if len(s.exprs) == cap(s.exprs) {
		s.exprs = make([]Expr, 0, 4*slabSize)
	}
	s.exprs = append(s.exprs, e)
	return &s.exprs[len(s.exprs)-1]
}

// carve returns n elements of *pool (length n, capacity n), taking a new
// chunk when the pool is short.
func carve[T any](pool *[]T, n int) []T {
	if cap(*pool)-len(*pool) < n {
		*pool = make([]T, 0, max(4*slabSize, n))
	}
	l := len(*pool)
	*pool = (*pool)[:l+n]
	return (*pool)[l : l+n : l+n]
}

func (s *slabs) defaultSlice(n int) []Default { return carve(&s.defaults, n) }
func (s *slabs) selectSlice(n int) []Select   { return carve(&s.selects, n) }
func (s *slabs) rangeSlice(n int) []Range     { return carve(&s.ranges, n) }
