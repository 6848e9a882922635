package complexity

// nestingStates is lizard's CLikeNestingStackStates: it pushes a level for
// every "{" (the function's own when a function was just confirmed, a named
// one after struct/class/namespace/union, a bare one otherwise) and pops one
// for every "}"; popping a function's level ends the function. It skips
// template parameter lists and the member after a ".".
type nestingStates struct {
	ctx   *fileContext
	state nsState
	br    int
	name  []byte // the struct/class/namespace name read so far
	cut   bool   // a separator (":" "<" "[" final …) ended the name
}

type nsState uint8

const (
	nsGlobal nsState = iota
	nsDot
	nsNamespace
	nsNamespaceName
	nsTemplate
	nsAttribute
)

func (n *nestingStates) feed(t *token) {
	switch n.state {
	case nsGlobal:
		switch t.code {
		case tTemplate:
			n.state = nsTemplate
		case tDot:
			n.state = nsDot
		case tStruct, tClass, tNamespace, tUnion:
			n.state = nsNamespace
		case tLBrace:
			n.ctx.addBareNesting()
		case tRBrace:
			n.ctx.popNesting()
		}
	case nsDot:
		n.state = nsGlobal
	case nsNamespace:
		if t.code == tLBracket {
			n.state = nsAttribute
		} else {
			n.state = nsNamespaceName
			n.name, n.cut = n.name[:0], false
		}
		n.feed(t)
	case nsNamespaceName:
		switch t.code {
		case tRParen, tLParen, tSemi:
			n.state = nsGlobal
		case tLBrace:
			n.state = nsGlobal
			n.ctx.addNamespace(append([]byte(nil), n.name...))
		case tLT, tColon, tFinal, tLBracket, tExtends, tImplements:
			n.cut = true
		default:
			if !n.cut && len(n.name) < 4096 {
				n.name = append(n.name, t.text(n.ctx.src)...)
			}
		}
	case nsTemplate:
		n.br += angleDelta(t)
		if n.br == 0 {
			n.state = nsGlobal
		}
	case nsAttribute:
		n.br += bracketDelta(t)
		if n.br == 0 {
			n.state = nsNamespace
		}
	}
}

// rvalueStates is lizard's CppRValueRefStates: "&&" followed by "=" before
// any of ";{})" is taken for a C++ rvalue reference declaration ("T&& x =
// …") and does not count; neither does "&&" in a typedef.
type rvalueStates struct {
	ctx   *fileContext
	state uint8
	ands  int32
}

const (
	rvGlobal = iota
	rvRef
	rvTypedef
)

func (r *rvalueStates) feed(t *token) {
	switch r.state {
	case rvGlobal:
		switch t.code {
		case tAndAnd:
			r.state = rvRef
		case tTypedef:
			r.state, r.ands = rvTypedef, 0
		}
	case rvRef:
		switch t.code {
		case tAssign:
			r.ctx.addCondition(-1)
			r.state = rvGlobal
		case tSemi, tLBrace, tRBrace, tRParen:
			r.state = rvGlobal
		}
	case rvTypedef:
		switch t.code {
		case tSemi:
			r.ctx.addCondition(-r.ands)
			r.state = rvGlobal
		case tAndAnd:
			r.ands++
		}
	}
}
