package complexity

// ppBranches makes the branches of a preprocessor conditional start from
// the same state. lizard reads every branch of #if/#elif/#else one after
// the other, as if all were compiled: two branches that each open a brace
// ("#ifdef A / if (x) { / #else / if (y) { / #endif") leave its brace count
// one too high, and every later function of the file is lost. Here, at
// #elif and #else the finder returns to the state it had at the #if, and
// after #endif it goes on from the end of the last branch, which is what
// lizard does when the branches are balanced.
//
// Decisions and lines are not rolled back: they count in every branch, as
// in lizard, so a function's CCN is the same either way; only where the
// finder is (its states, the brace stack, the function being read) is.
type ppBranches struct {
	stack []ppSnapshot
	depth int // #if levels beyond the stack's limit
}

const maxPPDepth = 256

type ppSnapshot struct {
	state    cState
	br       int
	brackets []byte
	saved    []token
	nest     nestingStates
	nestName []byte
	rref     rvalueStates
	nesting  []nest
	pending  *fn
	cur      *fn
	curGen   uint32
	curHeld  bool
	copy     fn // the candidate's contents, which a branch may overwrite
}

func (p *ppBranches) directive(f *cFinder, d directive) {
	switch d {
	case dirIf, dirIfdef, dirIfndef:
		if len(p.stack) >= maxPPDepth {
			p.depth++
			return
		}
		if len(p.stack) < cap(p.stack) {
			p.stack = p.stack[:len(p.stack)+1] // reuse the entry's buffers
		} else {
			p.stack = append(p.stack, ppSnapshot{})
		}
		p.take(f, &p.stack[len(p.stack)-1])
	case dirElif, dirElse:
		if p.depth == 0 && len(p.stack) > 0 {
			p.restore(f, &p.stack[len(p.stack)-1])
		}
	case dirEndif:
		switch {
		case p.depth > 0:
			p.depth--
		case len(p.stack) > 0:
			p.stack = p.stack[:len(p.stack)-1]
		}
	}
}

func (p *ppBranches) take(f *cFinder, s *ppSnapshot) {
	c := f.ctx
	s.state, s.br = f.state, f.br
	s.brackets = append(s.brackets[:0], f.brackets...)
	s.saved = append(s.saved[:0], f.saved...)
	s.nest = f.nest
	s.nestName = append(s.nestName[:0], f.nest.name...)
	s.rref = f.rref
	s.nesting = append(s.nesting[:0], c.nesting...)
	s.pending = c.pending
	s.cur, s.curGen, s.curHeld = c.cur, c.cur.gen, c.cur.held
	s.copy.copyFrom(c.cur)
}

func (p *ppBranches) restore(f *cFinder, s *ppSnapshot) {
	c := f.ctx
	f.state, f.br = s.state, s.br
	f.brackets = append(f.brackets[:0], s.brackets...)
	f.saved = append(f.saved[:0], s.saved...)
	f.nest = s.nest
	f.nest.name = append([]byte(nil), s.nestName...)
	f.rref = s.rref
	c.nesting = append(c.nesting[:0], s.nesting...)
	c.pending = s.pending
	switch {
	case s.cur.gen == s.curGen && s.cur.held == s.curHeld:
		// The same function or candidate: put back where it was, keep
		// what it counted.
		c.cur = s.cur
		c.cur.restoreShape(&s.copy)
	case s.curHeld:
		c.cur = s.cur
		c.cur.restoreShape(&s.copy)
	default:
		// The branch made something else of the candidate's memory.
		n := &fn{}
		n.copyFrom(&s.copy)
		n.gen = s.curGen
		c.cur = n
	}
}

// copyFrom copies everything, with buffers of its own.
func (f *fn) copyFrom(o *fn) {
	name, long := f.name, f.longName
	*f = *o
	f.name = append(name[:0], o.name...)
	f.longName = append(long[:0], o.longName...)
}

// restoreShape puts back what describes where the reading is (name,
// parameters, nesting) but keeps the counts.
func (f *fn) restoreShape(o *fn) {
	f.name = append(f.name[:0], o.name...)
	f.longName = append(f.longName[:0], o.longName...)
	f.start = o.start
	f.params = o.params
	f.depth = o.depth
}
