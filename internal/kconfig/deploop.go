package kconfig

import "strings"

// Dependency loops: a symbol whose value, through prompts, defaults,
// selects, implies, ranges, dependencies or a choice, depends on itself has
// no value. Kconfiglib rejects such a tree at parse time; so does this
// engine, naming the whole cycle. The graph and the search are
// Kconfiglib's (_build_dep, _check_dep_loop_sym), with a deterministic
// order instead of Python's set order.

// depEdge is one entry of an item's dependents list, a linked list in
// Kconfig.edges (one growing slice instead of a slice per symbol). Items
// are numbered (itemID) so the list holds no pointers for the garbage
// collector to scan.
type depEdge struct {
	sc   int32
	next int32
}

// itemOf is the symbol or choice numbered id: defined symbols are 1..n
// (Symbol.id), choices follow.
func (k *Kconfig) itemOf(id int32) item {
	if int(id) <= len(k.defined) {
		return item{sym: k.defined[id-1]}
	}
	return item{choice: k.choices[int(id)-len(k.defined)-1]}
}

func (k *Kconfig) addDependent(head *int32, sc int32) {
	// buildDep adds all of one item's dependencies before the next item's,
	// so a duplicate is always the most recent entry, the head.
	if *head != 0 && k.edges[*head-1].sc == sc {
		return
	}
	k.edges = append(k.edges, depEdge{sc: sc, next: *head})
	// assure: waive W-0023 -- 2^31 edges need gigabytes of Kconfig text
	*head = int32(len(k.edges))
}

// dependents lists the items depending on it, most recently added first.
func (k *Kconfig) dependents(head int32) func(func(item) bool) {
	return func(yield func(item) bool) {
		for i := head; i != 0; i = k.edges[i-1].next {
			if !yield(k.itemOf(k.edges[i-1].sc)) {
				return
			}
		}
	}
}

// dependOn records that sc depends on every non-constant symbol and choice
// in e. Propagated dependencies are shared between a symbol's prompt,
// defaults, selects and ranges; mark (the current item's stamp) skips a
// subexpression already walked for sc.
func (k *Kconfig) dependOn(sc int32, e *Expr, stamp uint32) {
	if e.mark == stamp {
		return
	}
	e.mark = stamp
	switch e.Op {
	case OpSymbol:
		if !e.Sym.isConst {
			k.addDependent(&e.Sym.depHead, sc)
		}
	case OpChoice:
		k.addDependent(&e.Choice.depHead, sc)
	case OpAnd, OpOr:
		k.dependOn(sc, e.A, stamp)
		k.dependOn(sc, e.B, stamp)
	case OpNot:
		k.dependOn(sc, e.A, stamp)
	default:
		if !e.Sym.isConst {
			k.addDependent(&e.Sym.depHead, sc)
		}
		if !e.Rhs.isConst {
			k.addDependent(&e.Rhs.depHead, sc)
		}
	}
}

func (k *Kconfig) buildDep() {
	for i, s := range k.defined {
		s.id = int32(i + 1)
	}
	for i, c := range k.choices {
		// assure: waive W-0024 -- 2^31 symbols are beyond any tree
		c.id = int32(len(k.defined) + i + 1)
	}
	k.edges = make([]depEdge, 0, 5*len(k.defined))
	var stamp uint32
	for _, sym := range k.defined {
		sc := sym.id
		stamp++
		for _, n := range sym.nodes {
			if n.HasPrompt {
				k.dependOn(sc, n.PromptCond, stamp)
			}
		}
		for _, d := range sym.defaults {
			k.dependOn(sc, d.Value, stamp)
			k.dependOn(sc, d.Cond, stamp)
		}
		k.dependOn(sc, sym.revDep, stamp)
		k.dependOn(sc, sym.weakRevDep, stamp)
		for _, r := range sym.ranges {
			k.dependOn(sc, r.Low.leaf, stamp)
			k.dependOn(sc, r.High.leaf, stamp)
			k.dependOn(sc, r.Cond, stamp)
		}
		k.dependOn(sc, sym.directDep, stamp)
	}
	for _, c := range k.choices {
		sc := c.id
		stamp++
		for _, n := range c.nodes {
			if n.HasPrompt {
				k.dependOn(sc, n.PromptCond, stamp)
			}
		}
		for _, d := range c.defaults {
			k.dependOn(sc, d.Cond, stamp)
		}
	}
}

// checkDepLoops searches the dependency graph depth first from every
// symbol. A choice is entered through one member and then visits the
// others, since every member's value depends on the others'.
func (k *Kconfig) checkDepLoops() {
	for _, sym := range k.defined {
		if loop := k.loopFromSym(sym, false); loop != nil {
			k.failLoop(loop)
		}
	}
}

// The search returns the items of a loop, in the order found while
// unwinding; done is set once the start of the loop is reached again.
type loopPath struct {
	items []item
	done  bool
}

func (k *Kconfig) loopFromSym(sym *Symbol, ignoreChoice bool) *loopPath {
	switch sym.visited {
	case 2:
		return nil
	case 1:
		return &loopPath{items: []item{{sym: sym}}}
	}
	sym.visited = 1
	for dep := range k.dependents(sym.depHead) {
		var loop *loopPath
		if dep.choice != nil {
			loop = k.loopFromChoice(dep.choice, nil)
		} else {
			loop = k.loopFromSym(dep.sym, false)
		}
		if loop != nil {
			return foundLoop(loop, item{sym: sym})
		}
	}
	if sym.choice != nil && !ignoreChoice {
		if loop := k.loopFromChoice(sym.choice, sym); loop != nil {
			return foundLoop(loop, item{sym: sym})
		}
	}
	sym.visited = 2
	return nil
}

func (k *Kconfig) loopFromChoice(c *Choice, skip *Symbol) *loopPath {
	switch c.visited {
	case 2:
		return nil
	case 1:
		return &loopPath{items: []item{{choice: c}}}
	}
	c.visited = 1
	for _, s := range c.syms {
		if s == skip {
			continue
		}
		if loop := k.loopFromSym(s, true); loop != nil {
			return foundLoop(loop, item{choice: c})
		}
	}
	c.visited = 2
	return nil
}

func foundLoop(loop *loopPath, cur item) *loopPath {
	if loop.done {
		return loop
	}
	if loop.items[0] != cur {
		loop.items = append(loop.items, cur)
		return loop
	}
	loop.done = true
	return loop
}

// failLoop reports the loop as a readable chain: each item "depends on"
// the next, the last depends again on the first.
func (k *Kconfig) failLoop(loop *loopPath) {
	var b strings.Builder
	first := loop.items[0]
	b.WriteString("dependency loop: ")
	for i, it := range loop.items {
		if i > 0 {
			b.WriteString(" ...depends on ")
			if it.sym != nil && it.sym.choice != nil {
				b.WriteString("the choice symbol ")
			}
		}
		b.WriteString(itemNameAndLoc(it))
		if it.sym != nil && it.sym.revDep != k.n.leaf {
			b.WriteString(" (select-related dependencies: " + it.sym.revDep.String() + ")")
		}
		if it.sym != nil && it.sym.weakRevDep != k.n.leaf {
			b.WriteString(" (imply-related dependencies: " + it.sym.weakRevDep.String() + ")")
		}
	}
	b.WriteString(" ...depends again on " + itemNameAndLoc(first))
	var pos Pos
	if first.sym != nil {
		pos = firstPos(first.sym.nodes)
	} else {
		pos = firstPos(first.choice.nodes)
	}
	panic(&Error{Pos: pos, Message: b.String(),
		Hint: "a symbol cannot depend on itself, directly or through select, imply, defaults, ranges or a choice; remove one of the dependencies"})
}

func itemNameAndLoc(it item) string {
	if it.sym != nil {
		return it.sym.NameAndLoc()
	}
	return it.choice.NameAndLoc()
}
