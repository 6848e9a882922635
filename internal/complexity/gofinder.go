package complexity

// goFinder finds the functions of Go code: lizard's GoLikeStates
// (lizard_languages/golike.py). Every "{" at statement level hands the
// tokens to a fresh copy of the machine until the matching "}", which is
// how a function's body ends and how "func" inside a body becomes a closure
// of its own.
type goFinder struct {
	ctx *fileContext
	ms  []goMachine
	// recv collects a method's receiver; recvType is what it names.
	recv     []token
	recvType []byte
	// paramsFrom is where the parameter list being read starts.
	paramsFrom int32
	// deep counts braces beyond the machine stack's limit (bad input).
	deep int
}

type goMachine struct {
	state, saved gState
	// sub: the machine above this one on the stack gets the tokens.
	sub, callback, exit bool
	br                  int
	open, close         tcode
	last                tcode
}

type gState uint8

const (
	gsGlobal gState = iota
	gsTypeDef
	gsAfterTypeName
	gsStruct
	gsFunctionName
	gsExpectDec
	gsSkipTypeParams
	gsMemberFunction
	gsFunctionDec
	gsExpectImpl
	gsFunctionImpl
)

const maxGoMachines = 1 << 12

func newGoFinder(ctx *fileContext) *goFinder {
	return &goFinder{ctx: ctx, ms: []goMachine{{}}}
}

func (g *goFinder) directive(directive, int32) {}

func (g *goFinder) token(t *token) {
	c := g.ctx
	c.countLines(t)
	if t.code.isCondition() {
		c.addCondition(1)
	}
	if c.cur.depth.active {
		c.cur.depth.feedGo(t)
	}
	g.call(0, t)
}

// call gives the token to machine i; it reports whether the machine has
// met the "}" that ends it.
func (g *goFinder) call(i int, t *token) bool {
	if g.ms[i].sub {
		if g.call(i+1, t) {
			g.ms = g.ms[:i+1]
			m := &g.ms[i]
			m.sub, m.state = false, m.saved
			if m.callback {
				m.callback = false
				m.state = gsGlobal
				g.ctx.endOfFunction()
			}
		}
	} else {
		g.step(i, t)
	}
	m := &g.ms[i]
	m.last = t.code
	return m.exit
}

// subMachine starts a fresh machine for the tokens up to the matching "}".
func (g *goFinder) subMachine(i int, callback bool) {
	if len(g.ms) >= maxGoMachines {
		// Bad input: braces nested thousands deep. Count them instead,
		// so memory stays bounded; functions inside are not looked for.
		g.deep++
		g.ms[i].state = gsGlobal
		return
	}
	m := &g.ms[i]
	m.saved, m.callback, m.sub = m.state, callback, true
	g.ms = append(g.ms, goMachine{})
}

func (g *goFinder) step(i int, t *token) {
	c := g.ctx
	m := &g.ms[i]
	switch m.state {
	case gsGlobal:
		switch t.code {
		case tFunc:
			m.state = gsFunctionName
			c.pushNewFunction(nil)
		case tType:
			m.state = gsTypeDef
		case tLBrace:
			if g.deep > 0 {
				g.deep++
				return
			}
			g.subMachine(i, false)
		case tRBrace:
			if g.deep > 0 {
				g.deep--
				return
			}
			m.exit = true
		}
	case gsTypeDef:
		m.state = gsAfterTypeName
	case gsAfterTypeName:
		switch t.code {
		case tStruct:
			m.state = gsStruct
		case tInterface:
			m.state = gsStruct // both skip a braced body
		default:
			m.state = gsGlobal
		}
	case gsStruct:
		m.br += braceDelta(t)
		if m.br == 0 {
			m.state = gsGlobal
		}
	case gsFunctionName:
		if t.code == tBacktick {
			return
		}
		switch t.code {
		case tLParen:
			if n := len(c.stacked); n > 0 && !c.stacked[n-1].global {
				g.nameClosure(c.stacked[n-1])
				m.state = gsFunctionDec
			} else {
				m.state = gsMemberFunction
				g.recv = g.recv[:0]
			}
			g.step(i, t)
		case tLBrace:
			m.state = gsExpectImpl
			g.step(i, t)
		default:
			g.nameMethod(t.text(c.src))
			m.state = gsExpectDec
		}
	case gsExpectDec:
		switch t.code {
		case tLParen:
			m.state = gsFunctionDec
			g.step(i, t)
		case tLT, tLBracket:
			m.state = gsSkipTypeParams
			g.step(i, t)
		default:
			m.state = gsGlobal
		}
	case gsSkipTypeParams:
		if m.br == 0 {
			m.open, m.close = t.code, tRBracket
			if t.code == tLT {
				m.close = tGT
			}
		}
		switch t.code {
		case m.open:
			m.br++
		case m.close:
			m.br--
		}
		if m.br == 0 {
			m.state = gsExpectDec
		}
	case gsMemberFunction:
		m.br += parenDelta(t)
		if m.br == 0 {
			g.receiverType()
			m.state = gsFunctionName
		} else if !(m.br == 1 && t.code == tLParen) && len(g.recv) < 64 {
			g.recv = append(g.recv, *t)
		}
	case gsFunctionDec:
		if m.br == 0 && t.code == tLParen {
			g.paramsFrom = t.start
		}
		m.br += parenDelta(t)
		c.cur.params.feed(t)
		if m.br == 0 {
			c.cur.longName = append(append(c.cur.longName[:0], c.cur.name...), collapseBlanks(c.src[g.paramsFrom:t.end])...)
			m.state = gsExpectImpl
		}
	case gsExpectImpl:
		if t.code == tLBrace && m.last != tInterface {
			m.state = gsFunctionImpl
			g.step(i, t)
		}
	case gsFunctionImpl:
		c.cur.depth.begin()
		g.subMachine(i, true)
	}
}

// Go functions are named the way the Go toolchain names them: a method
// "(*T).Name" or "T.Name", a closure "outer.func1", "outer.func2" in order
// (lizard names a method "Name" and a closure ""; see docs/complexity.md).

// receiverType takes the type out of "(r *T)", "(T)", "(s *Stack[E])".
func (g *goFinder) receiverType() {
	r := g.recv
	if len(r) >= 2 && r[0].flags&fAlpha != 0 && r[1].code != tDot && r[1].code != tLBracket {
		r = r[1:] // the receiver's name
	}
	g.recvType = g.recvType[:0]
	for i := range r {
		if r[i].code == tLBracket {
			break // type parameters
		}
		g.recvType = append(g.recvType, r[i].text(g.ctx.src)...)
	}
}

func (g *goFinder) nameMethod(name []byte) {
	c := g.ctx
	switch {
	case len(g.recvType) > 0 && g.recvType[0] == '*':
		c.addToFunctionName([]byte("("))
		c.addToFunctionName(g.recvType)
		c.addToFunctionName([]byte(")."))
	case len(g.recvType) > 0:
		c.addToFunctionName(g.recvType)
		c.addToFunctionName([]byte("."))
	}
	g.recvType = g.recvType[:0]
	c.addToFunctionName(name)
}

func (g *goFinder) nameClosure(outer *fn) {
	outer.closures++
	name := append([]byte(nil), outer.name...)
	if len(name) == 0 {
		name = append(name, "func"...)
	}
	name = append(name, ".func"...)
	name = append(name, itoa(outer.closures)...)
	g.ctx.addToFunctionName(name)
}

// collapseBlanks writes a parameter list on one line.
func collapseBlanks(b []byte) []byte {
	out := make([]byte, 0, len(b))
	blank := false
	for _, c := range b {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			blank = true
			continue
		}
		if blank && len(out) > 0 && out[len(out)-1] != '(' && c != ')' {
			out = append(out, ' ')
		}
		blank = false
		out = append(out, c)
	}
	return out
}
