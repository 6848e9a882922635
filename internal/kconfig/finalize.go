package kconfig

// Finalization turns the parsed tree into what the evaluator uses, exactly
// as Kconfiglib's _finalize_node: dependencies of menus, ifs and choices
// flow into their children's prompts, defaults, selects, implies and
// ranges; properties of every definition are gathered on the symbol;
// select and imply become reverse dependencies of their targets; entries
// that depend on the symbol before them become its implicit submenu; ifs
// disappear; choices learn their members and types.

func (k *Kconfig) finalizeNode(node *MenuNode, visibleIf *Expr) {
	if node.Kind == KindSymbol {
		k.addPropsToSym(node)
		cur := node
		for cur.Next != nil && autoMenuDep(node, cur.Next) {
			k.finalizeNode(cur.Next, visibleIf)
			cur = cur.Next
			cur.Parent = node
		}
		if cur != node {
			node.List = node.Next
			node.Next = cur.Next
			cur.Next = nil
		}
	} else if node.List != nil {
		if node.Kind == KindMenu {
			visibleIf = k.makeAnd(visibleIf, node.Visibility)
		}
		k.propagateDeps(node, visibleIf)
		for cur := node.List; cur != nil; cur = cur.Next {
			k.finalizeNode(cur, visibleIf)
		}
	}
	if node.List != nil {
		flatten(node.List)
		removeIfs(node)
	}
	if node.Kind == KindChoice {
		c := node.Choice
		c.directDep = k.makeOr(c.directDep, node.Dep)
		c.defaults = append(c.defaults, node.Defaults...)
		finalizeChoice(node)
	}
}

// propagateDeps adds the node's dependencies to its children. Members of
// a choice depend on the choice itself, whose mode limits them.
func (k *Kconfig) propagateDeps(node *MenuNode, visibleIf *Expr) {
	basedep := node.Dep
	if node.Kind == KindChoice {
		basedep = node.Choice.leaf
	}
	for cur := node.List; cur != nil; cur = cur.Next {
		dep := k.makeAnd(cur.Dep, basedep)
		cur.Dep = dep
		if cur.Kind == KindSymbol || cur.Kind == KindChoice {
			if cur.HasPrompt {
				cur.PromptCond = k.makeAnd(cur.PromptCond, k.makeAnd(visibleIf, dep))
			}
			if len(cur.Defaults) > 0 {
				ds := k.slabs.defaultSlice(len(cur.Defaults))
				for i, d := range cur.Defaults {
					ds[i] = Default{Value: d.Value, Cond: k.makeAnd(d.Cond, dep)}
				}
				cur.Defaults = ds
			}
			if len(cur.Ranges) > 0 {
				rs := k.slabs.rangeSlice(len(cur.Ranges))
				for i, r := range cur.Ranges {
					rs[i] = Range{Low: r.Low, High: r.High, Cond: k.makeAnd(r.Cond, dep)}
				}
				cur.Ranges = rs
			}
			cur.Selects = k.propagateSelects(cur.Selects, dep)
			cur.Implies = k.propagateSelects(cur.Implies, dep)
		} else if cur.HasPrompt {
			cur.PromptCond = k.makeAnd(cur.PromptCond, dep)
		}
	}
}

func (k *Kconfig) propagateSelects(in []Select, dep *Expr) []Select {
	if len(in) == 0 {
		return in
	}
	out := k.slabs.selectSlice(len(in))
	for i, s := range in {
		out[i] = Select{Target: s.Target, Cond: k.makeAnd(s.Cond, dep)}
	}
	return out
}

// addPropsToSym gathers a definition's properties on its symbol and turns
// its selects and implies into (weak) reverse dependencies of the targets.
func (k *Kconfig) addPropsToSym(node *MenuNode) {
	sym := node.Symbol
	sym.directDep = k.makeOr(sym.directDep, node.Dep)
	// Most symbols have one definition: share its (never modified)
	// slices; a second definition's append copies, capacity being full.
	sym.defaults = appendShared(sym.defaults, node.Defaults)
	sym.ranges = appendShared(sym.ranges, node.Ranges)
	sym.selects = appendShared(sym.selects, node.Selects)
	sym.implies = appendShared(sym.implies, node.Implies)
	for _, s := range node.Selects {
		s.Target.revDep = k.makeOr(s.Target.revDep, k.makeAnd(sym.leaf, s.Cond))
	}
	for _, s := range node.Implies {
		s.Target.weakRevDep = k.makeOr(s.Target.weakRevDep, k.makeAnd(sym.leaf, s.Cond))
	}
}

// exprDependsOn is expr_depends_symbol() of the C tools: does expr
// require sym (sym, sym = y/m, sym != n, in an AND chain)? It decides
// implicit submenus and so which entries of a choice are its members.
func exprDependsOn(e *Expr, sym *Symbol) bool {
	switch e.Op {
	case OpSymbol:
		return e.Sym == sym
	case OpChoice:
		return false
	case OpEqual, OpUnequal:
		left, right := e.Sym, e.Rhs
		if right == sym {
			left, right = right, left
		} else if left != sym {
			return false
		}
		k := sym.kc
		return (e.Op == OpEqual && right == k.m) || right == k.y || (e.Op == OpUnequal && right == k.n)
	case OpAnd:
		return exprDependsOn(e.A, sym) || exprDependsOn(e.B, sym)
	}
	return false
}

func autoMenuDep(node1, node2 *MenuNode) bool {
	if node1.Kind != KindSymbol {
		return false
	}
	e := node2.Dep
	if node2.HasPrompt {
		e = node2.PromptCond
	}
	return exprDependsOn(e, node1.Symbol)
}

// flatten splices the children of promptless nodes (ifs, invisible symbols
// with implicit submenus) into their parent's list; choices stay.
func flatten(node *MenuNode) {
	for ; node != nil; node = node.Next {
		if node.List != nil && !node.HasPrompt && node.Kind != KindChoice {
			last := node.List
			for {
				last.Parent = node.Parent
				if last.Next == nil {
					break
				}
				last = last.Next
			}
			last.Next = node.Next
			node.Next = node.List
			node.List = nil
		}
	}
}

// removeIfs drops the (already flattened) if nodes from node's children.
func removeIfs(node *MenuNode) {
	cur := node.List
	for cur != nil && cur.Kind == KindIf {
		cur = cur.Next
	}
	node.List = cur
	for cur != nil {
		next := cur.Next
		for next != nil && next.Kind == KindIf {
			next = next.Next
		}
		cur.Next = next
		cur = next
	}
}

// finalizeChoice marks the symbols directly in the choice as its members
// and infers types: the choice takes the type of its first typed member,
// untyped members take the choice's.
func finalizeChoice(node *MenuNode) {
	c := node.Choice
	for cur := node.List; cur != nil; cur = cur.Next {
		if cur.Kind == KindSymbol {
			cur.Symbol.choice = c
			c.syms = append(c.syms, cur.Symbol)
		}
	}
	if c.orig == TypeUnknown {
		for _, s := range c.syms {
			if s.orig != TypeUnknown {
				c.orig = s.orig
				break
			}
		}
	}
	for _, s := range c.syms {
		if s.orig == TypeUnknown {
			s.orig = c.orig
		}
	}
}

func appendShared[T any](to, from []T) []T {
	if len(to) == 0 {
		return from[:len(from):len(from)]
	}
	return append(to, from...)
}
